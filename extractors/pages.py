"""One page, read: the unit of work that runs in a worker process. A `PageJob` is small and picklable; the worker
opens the file itself, so a batch is streamed page by page and never held in memory."""
from __future__ import annotations

import multiprocessing
import re
import statistics
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from extractors import images, pdf, tesseract
from extractors.tesseract import Word

POOR_CONFIDENCE = 0.6


@dataclass(frozen=True)
class PageJob:
    path: str
    kind: str          # pdf | image
    index: int         # 0-based
    reread_numbers: bool = True   # the second reading of numbers (English model): slower, fewer 3-for-5 errors


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

    @property
    def mean_confidence(self) -> float | None:
        return round(statistics.fmean(w.conf for w in self.words), 3) if self.words else None

    @property
    def text(self) -> str:
        from extractors.layout import group_lines
        return "\n".join(line.text for line in group_lines(self.words))


def read_page(job: PageJob) -> PageText:
    """Read one page: the PDF text layer when there is one, else OCR of the rendered or scanned image."""
    if job.kind == "pdf":
        layer = pdf.text_layer(job.path, job.index)
        if layer is not None:
            words, w, h, hr, vr = layer
            return PageText(job.index, "text_layer", words, w, h, "pt", hr, vr)
        grey, dpi = pdf.render(job.path, job.index), 300.0
    else:
        grey, dpi = images.load_page(job.path, job.index)
    return ocr_page(grey, dpi, job.index, reread=job.reread_numbers)


def ocr_page(grey: Image.Image, dpi: float, index: int = 0, *, reread: bool = True) -> PageText:
    """OCR with the preprocessing scans need; a page that reads badly is checked for orientation (upside down,
    sideways) with Tesseract's OSD and read again the right way up."""
    page = _ocr_once(grey, dpi, index)
    if page.method == "ocr" and _poor(page):
        turn = tesseract.orientation(images.prepare(grey, dpi).image)
        if turn:
            again = _ocr_once(images.rotate_quarter(grey, turn), dpi, index)
            again.rotation = turn
            if len(_good(again)) > len(_good(page)):
                page = again
    if reread:
        page.words = reread_numbers(page, grey, dpi)
    page.__dict__.pop("_prepared", None)      # the image stays in this process
    return page


def _ocr_once(grey: Image.Image, dpi: float, index: int) -> PageText:
    prep = images.prepare(grey, dpi)
    w, h = prep.image.size
    if prep.ink == 0:
        return PageText(index, "blank", [], w, h)
    words = tesseract.words(prep.image)
    page = PageText(index, "ocr", words, w, h, "px300", prep.hrules, prep.vrules, 0, prep.skew)
    page._prepared = prep.image  # type: ignore[attr-defined]   # kept for the second reading of numbers
    return page


def _good(page: PageText) -> list[Word]:
    return [w for w in page.words if w.conf >= POOR_CONFIDENCE and len(w.text) > 2]


def _poor(page: PageText) -> bool:
    """Few words, or words read with little confidence: what a page upside down or sideways gives."""
    return len(page.words) < 5 or (page.mean_confidence or 0.0) < 0.5


_NUMERIC = re.compile(r"\d")


def reread_numbers(page: PageText, grey: Image.Image, dpi: float) -> list[Word]:
    """A second reading of every word holding a number, with Tesseract's English model (which reads digits of
    sans-serif fonts better: kaz/rus read many a 3 as 5). Where the two readings differ only in digits, the
    second's digits are taken and the first reading kept as `alt`; otherwise the second reading is kept as
    `second`. Checks (the IIN's check digit, a phone number's length, a date that exists) may choose between the
    readings later."""
    prepared: Image.Image | None = getattr(page, "_prepared", None)
    idx = [i for i, w in enumerate(page.words) if _NUMERIC.search(w.text)]
    if prepared is None or not idx or not _worth_rereading(page):
        return page.words
    prepared = prepared.convert("L")
    crops, slots, y, pad = [], [], 20, 20
    for i in idx:
        w = page.words[i]
        crop = prepared.crop((int(w.x0) - 6, int(w.y0) - 6, int(w.x1) + 6, int(w.y1) + 6))
        crops.append(crop)
        slots.append((y, y + crop.height))
        y += crop.height + pad
    sheet = Image.new("L", (max(c.width for c in crops) + 2 * pad, y + pad), 255)
    for crop, (top, _) in zip(crops, slots):
        sheet.paste(crop, (pad, top))
    second = tesseract.words(sheet, lang="eng", psm=6,
                             config="-c tessedit_char_whitelist=0123456789.,-/()+:;№N")
    out = list(page.words)
    for i, (top, bottom) in zip(idx, slots):
        text = "".join(w.text for w in sorted(second, key=lambda w: w.x0) if top <= w.yc <= bottom)
        mine = out[i]
        merged = _merge_digits(mine.text, text)
        if merged != mine.text or (text and text != mine.text):
            out[i] = Word(merged, mine.x0, mine.y0, mine.x1, mine.y1, mine.conf, mine.line,
                          alt=mine.text if merged != mine.text else None,
                          second=text if text and text != merged else None)
    return out


def _worth_rereading(page: PageText) -> bool:
    """Only pages whose numbers matter get the second reading: the application form (its items' labels are
    there) and any page with a long number (an IIN, a document number)."""
    if any(sum(c.isdigit() for c in w.text) >= 8 for w in page.words):
        return True
    from extractors.layout import find_anchors, group_lines
    return len(find_anchors(group_lines(page.words))) >= 3


def _merge_digits(first: str, second: str) -> str:
    """The first reading with its digits replaced by the second's, when both hold the same number of digits
    (the second reading only decides digits; letters and punctuation stay as the language model read them)."""
    d2 = [c for c in second if c.isdigit()]
    if len(d2) < 2 or sum(c.isdigit() for c in first) != len(d2):
        return first              # a lone digit's crop is too small for the second reading to be trusted
    it = iter(d2)
    return "".join(next(it) if c.isdigit() else c for c in first)


def pool(workers: int) -> Executor:
    """Worker processes for pages, started from a fresh server process (not forked from the caller, whose memory
    — word lists, a batch's bookkeeping, an Airflow task's — they would otherwise carry).

    One worker, or a caller that is itself a daemonic process (a Celery worker's task process may not have
    children), reads its pages in a thread instead: Tesseract still runs as its own program, so nothing is lost."""
    if workers <= 1 or multiprocessing.current_process().daemon:
        return ThreadPoolExecutor(max_workers=1)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["extractors.pages"])     # the OCR code, not the caller's __main__ (Airflow's, …)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def count_pages(path: Path, kind: str) -> int:
    return pdf.page_count(str(path), path.name) if kind == "pdf" else images.page_count(str(path))
