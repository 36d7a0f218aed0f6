"""PDF files: the text layer with pdfplumber (born-digital pages need no OCR), the page-by-page decision between
text layer and OCR, and rendering scanned pages at 300 dpi with pypdfium2."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from types import ModuleType
from typing import TYPE_CHECKING

from PIL import Image

from mugalim.errors import UnreadableDocument
from mugalim.limits import page_too_large
from extractors.tesseract import Word

if TYPE_CHECKING:
    from pdfminer.layout import LTComponent, LTContainer, LTPage

log = logging.getLogger(__name__)
#: pdfium is not thread-safe, and the pages of one file may be read in threads (document.extract_file)
_PDFIUM = threading.Lock()
MIN_TEXT_CHARS = 40       # fewer printable characters than this: the page is a scan (or blank)
MAX_UNMAPPED = 0.01       # more characters without a Unicode mapping than this: the text layer loses letters


def _pdfium() -> ModuleType:
    """pypdfium2, imported at the first PDF: `mugalim extract` of an image never needs it."""
    import pypdfium2
    return pypdfium2


def page_count(path: str, name: str) -> int:
    """The number of pages; UnreadableDocument for an encrypted, corrupt or empty PDF (named `name`)."""
    pdfium = _pdfium()
    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as e:
            reason = "it is password-protected" if "password" in str(e).lower() else f"it is not a readable PDF ({e})"
            raise UnreadableDocument(f"{name}: cannot read the PDF: {reason}") from e
        try:
            n = len(doc)
        finally:
            doc.close()
    if n == 0:
        raise UnreadableDocument(f"{name}: the PDF has no pages")
    return n


def text_layer(path: str, index: int) -> tuple[list[Word], float, float, list[float], list[float]] | None:
    """Words of page `index` from its text layer (PDF points, origin top-left), the page size and the table
    rules drawn on it; None when the page has no usable text layer (a scan) or one pdfminer cannot parse (the
    page is then rendered and read by OCR like a scan)."""
    try:
        return _text_layer(path, index)
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds of error on damaged content streams
        log.warning("page %d: text layer unreadable (%s); reading it by OCR", index + 1, type(e).__name__)
        return None


def _text_layer(path: str, index: int) -> tuple[list[Word], float, float, list[float], list[float]] | None:
    import pdfplumber           # here, not above: a scan's `mugalim extract FILE` does not pay for its import
    from pdfplumber.utils import extract_words
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[index]
        chars, edges = _chars_and_edges(page.layout)
        printable = [c for c in chars if c["text"].strip() and not c["text"].startswith("(cid:")]
        if len(printable) < MIN_TEXT_CHARS or _unmapped_share(printable) > MAX_UNMAPPED:
            return None
        words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], 1.0)
                 for w in extract_words(chars, keep_blank_chars=False, use_text_flow=False)]
        width, height = float(page.width), float(page.height)
        hrules = sorted({round(top, 1) for o, x0, top, x1, bottom in edges if o == "h" and x1 - x0 > 0.3 * width})
        vrules = sorted({round(x0, 1) for o, x0, top, x1, bottom in edges
                         if o == "v" and bottom - top > 0.04 * height})
        return words, width, height, hrules, vrules


def _chars_and_edges(layout: LTPage) -> tuple[list[dict], list[tuple[str, float, float, float, float]]]:
    """The page's characters (as the few keys pdfplumber's word extraction needs) and the edges of its lines and
    rectangles (orientation, x0, top, x1, bottom), read off pdfminer's layout of the page. The same as
    `page.chars` and `page.edges`, without making a dictionary of every attribute of every object: that took
    half of a born-digital page's time."""
    from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect
    left, page_top = layout.x0, layout.y1
    chars: list[dict] = []
    edges: list[tuple[str, float, float, float, float]] = []

    def box(o: LTComponent) -> tuple[float, float, float, float]:
        return o.x0 - left, page_top - o.y1, o.x1 - left, page_top - o.y0

    for obj in _objects(layout):
        if isinstance(obj, LTChar):
            x0, top, x1, bottom = box(obj)
            chars.append({"text": obj.get_text(), "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                          "upright": obj.upright, "size": obj.size})
        elif isinstance(obj, LTRect):
            x0, top, x1, bottom = box(obj)
            edges += [("h", x0, top, x1, top), ("h", x0, bottom, x1, bottom), ("v", x0, top, x0, bottom),
                      ("v", x1, top, x1, bottom)]
        elif isinstance(obj, LTLine):
            x0, top, x1, bottom = box(obj)
            edges.append(("h" if top == bottom else "v", x0, top, x1, bottom))
        elif isinstance(obj, LTCurve):
            pts = [(x - left, page_top - y) for x, y in obj.pts]
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if ay == by:
                    edges.append(("h", min(ax, bx), ay, max(ax, bx), ay))
                elif ax == bx:
                    edges.append(("v", ax, min(ay, by), ax, max(ay, by)))
    return chars, edges


def _objects(container: LTContainer) -> Iterator[LTComponent]:
    """The layout's objects in the order of the page, figures (nested containers) opened where they stand."""
    from pdfminer.layout import LTContainer
    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _objects(obj)
        else:
            yield obj


def _unmapped_share(chars: list[dict]) -> float:
    """The share of characters the PDF's fonts do not map to Unicode (pdfminer gives NUL or U+FFFD for them, as
    for Kazakh letters set in a font without them): such a text layer would lose letters, so the page is OCRed."""
    bad = sum(1 for c in chars if "\x00" in c["text"] or "\ufffd" in c["text"])
    return bad / len(chars)


def render(path: str, index: int, dpi: int = 300) -> Image.Image:
    """Page `index` as an 8-bit grey image at `dpi`."""
    pdfium = _pdfium()
    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as e:
            raise UnreadableDocument(f"{Path(path).name}: page {index + 1} cannot be rendered ({e})") from e
        try:
            page = doc[index]
            if problem := page_too_large(*page.get_size(), dpi):
                page.close()
                raise UnreadableDocument(f"{Path(path).name}, page {index + 1}: {problem}")
            img = page.render(scale=dpi / 72, grayscale=True).to_pil()
            page.close()
            return img.convert("L")
        except pdfium.PdfiumError as e:
            raise UnreadableDocument(f"{Path(path).name}: page {index + 1} cannot be rendered ({e})") from e
        finally:
            doc.close()
