"""One page, read: the unit of work that runs in a worker process. A `PageJob` is small and picklable; the worker
opens the file itself, so a batch is streamed page by page and never held in memory."""
from __future__ import annotations

import dataclasses
import multiprocessing
import re
import statistics
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from PIL import Image

from extractors import office, pdf, rereading, tesseract
from extractors.tesseract import Word
from mugalim.errors import UnreadableDocument
from mugalim.limits import too_many_pages

POOR_CONFIDENCE = 0.6
#: Tesseract's page segmentation: one uniform block of text. Where items and values are is found from the word boxes
#: (layout.py), not from Tesseract's own analysis of columns and tables, which costs a fifth of a page's time.
PAGE_PSM = 6


@dataclass(frozen=True)
class PageJob:
    path: str
    kind: str          # pdf | image | office (a page of a DOCX's or ODT's rendering, a PDF: extractors/office.py)
    index: int         # 0-based
    reread_numbers: bool = True   # the second readings (rereading.py): slower, fewer 3-for-5 and name errors


@dataclass
class PageText:
    """What a page gave: its words with boxes, how they were read, and the table rules seen on it.
    Boxes are in PDF points (method text_layer) or in pixels of the page at 300 dpi after deskew (ocr)."""

    index: int
    method: str                       # text_layer | ocr | blank
    words: list[Word] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    unit: str = "px300"               # pt | px300
    hrules: list[float] = field(default_factory=list)
    vrules: list[float] = field(default_factory=list)
    rotation: int = 0
    skew: float = 0.0
    #: ink no recognized word accounts for, as tall as a line of text (handwriting, a scribble, a stamp)
    marks: list[tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float | None:
        return round(statistics.fmean(w.conf for w in self.words), 3) if self.words else None

    @property
    def text(self) -> str:
        from extractors.layout import group_lines
        return "\n".join(line.text for line in group_lines(self.words))


def read_page(job: PageJob) -> PageText:
    """Read one page: the PDF text layer when there is one, else OCR of the rendered or scanned image."""
    if job.kind in ("pdf", "office"):
        # a rendered Word page holding a pasted scan is OCRed whole: the scan's words and the typed ones
        picture = job.kind == "office" and office.has_large_image(job.path, job.index)
        layer = None if picture else pdf.text_layer(job.path, job.index)
        if layer is not None:
            words, w, h, hr, vr = layer
            return PageText(job.index, "text_layer", words, w, h, "pt", hr, vr)
        grey, dpi = pdf.render(job.path, job.index), 300.0
    else:
        grey, dpi = _images().load_page(job.path, job.index)
    return ocr_page(grey, dpi, job.index, reread=job.reread_numbers)


def _images() -> ModuleType:
    """The image module (OpenCV and NumPy, a quarter of a second to import), imported at the first scan: a
    born-digital PDF's `mugalim extract FILE` never needs it."""
    from extractors import images
    return images


def ocr_page(grey: Image.Image, dpi: float, index: int = 0, *, reread: bool = True) -> PageText:
    """OCR with the preprocessing scans need; a page that reads badly is checked for orientation (upside down,
    sideways) with Tesseract's OSD and read again the right way up."""
    page = _ocr_once(grey, dpi, index)
    if page.method == "ocr" and _poor(page):
        turn = tesseract.orientation(getattr(page, "_prepared", None) or _images().prepare(grey, dpi).image)
        if turn:
            again = _ocr_once(_images().rotate_quarter(grey, turn), dpi, index)
            again.rotation = turn
            if len(_good(again)) > len(_good(page)):
                page = again
    prepared = page.__dict__.pop("_prepared", None)      # the images stay in this process
    flat = page.__dict__.pop("_grey", None)
    if reread and prepared is not None:
        page.words = rereading.reread(page.words, prepared, hrules=page.hrules, vrules=page.vrules, grey=flat)
    return page


def _ocr_once(grey: Image.Image, dpi: float, index: int) -> PageText:
    images = _images()
    prep = images.prepare(grey, dpi)
    w, h = prep.image.size
    if prep.ink == 0:
        return PageText(index, "blank", [], w, h)
    words = off_rules(without_noise(tesseract.words(prep.image, psm=PAGE_PSM)), prep.vrules)
    page = PageText(index, "ocr", words, w, h, "px300", prep.hrules, prep.vrules, 0, prep.skew)
    if words:
        page.marks = images.unexplained_ink(prep, [(x.x0, x.y0, x.x1, x.y1) for x in words],
                                            statistics.median(x.h for x in words))
    page._prepared = prep.image  # type: ignore[attr-defined]   # kept for the second readings
    page._grey = prep.grey  # type: ignore[attr-defined]
    return page


#: marks no typed Kazakh or Russian text uses (its quotes are « » and “ ”): what OCR makes of a speck, a stroke of
#: a signature or the edge of a rule
NOISE = "|¦‘’‚'`´~^_"
_NOISE_EDGE = re.compile(rf"^[{re.escape(NOISE)}.,:;]+(?=[^\W_])|(?<=[^\W_])[{re.escape(NOISE)}]+$")


def without_noise(words: list[Word]) -> list[Word]:
    """The words with the noise marks dropped: a word made only of them goes, one glued to a word's start
    (`‘районного`, `.2004`) or end is cut off."""
    out = []
    for w in words:
        text = _NOISE_EDGE.sub("", w.text)
        if not text.strip(NOISE):
            continue
        out.append(w if text == w.text else dataclasses.replace(w, text=text))
    return out


#: a "word" this much flatter than the page's words, at a table's vertical rule, is the end of a rule
FLAT = 0.3
RULE_REACH = 12.0          # pixels at 300 dpi


def off_rules(words: list[Word], vrules: list[float]) -> list[Word]:
    """The words without the flat marks read where a table's rules meet (`—`, `2-2`, `е` a few pixels high at the
    table's edge: on a photographed sheet the rules are not straight enough to be erased whole)."""
    if not words or not vrules:
        return words
    flat = FLAT * statistics.median(w.h for w in words)
    return [w for w in words if not (w.h < flat and any(min(abs(w.x0 - v), abs(w.x1 - v)) < RULE_REACH
                                                        for v in vrules))]


def _good(page: PageText) -> list[Word]:
    return [w for w in page.words if w.conf >= POOR_CONFIDENCE and len(w.text) > 2]


def _poor(page: PageText) -> bool:
    """Few words, or words read with little confidence: what a page upside down or sideways gives."""
    return len(page.words) < 5 or (page.mean_confidence or 0.0) < 0.5


def pool(workers: int) -> Executor:
    """Worker processes for pages, started from a fresh server process (not forked from the caller, whose memory
    — word lists, a batch's bookkeeping, an Airflow task's — they would otherwise carry).

    One worker, or a caller that is itself a daemonic process (a Celery worker's task process may not have
    children), reads its pages in a thread instead: Tesseract still runs as its own program, so nothing is lost."""
    if workers <= 1 or multiprocessing.current_process().daemon:
        return ThreadPoolExecutor(max_workers=1)
    ctx = multiprocessing.get_context("forkserver")
    # the OCR code, not the caller's __main__ (Airflow's, …)
    ctx.set_forkserver_preload(["extractors.pages", "extractors.images"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def count_pages(path: Path, kind: str) -> int:
    """The number of pages; UnreadableDocument for a document over the page limit (mugalim/limits.py)."""
    n = pdf.page_count(str(path), path.name) if kind in ("pdf", "office") else _images().page_count(str(path))
    if problem := too_many_pages(n):
        raise UnreadableDocument(f"{path.name}: {problem}")
    return n
