"""The crop of a scan around a field's bounding box, rendered from the ARCHIVED original (never from a copy the
pipeline made), so what staff see is what the applicant submitted.

Boxes are `(x0, y0, x1, y1)` from the page's top left, in the unit extraction stored (`extractors.pages.PageText`):
- `pt`: PDF points of a born-digital page (pdfplumber's words) — the crop's rectangle alone is rendered by pdftoppm;
- `px300` (or `px`): pixels of the page as OCR saw it — at 300 dpi, turned by `rotation` (quarter turns, clockwise)
  and deskewed by `skew` degrees. The page is rebuilt the same way with extraction's own loaders
  (`extractors.pdf.render`, `extractors.images.load_page`, `rotate_quarter`) before it is cut.

No rendering of a PDF is larger than `mugalim.limits.MAX_PAGE_PIXELS` (issue 16 item 9): a whole page is rendered
at PAGE_DPI unless that would exceed it, then with its long side scaled down (`-scale-to`) so that it does not (a
200 × 200-inch page took pdftoppm 1.57 GB at 100 dpi; about 150 MB so); a crop's window is rendered at a lower
resolution when its width × height at OUT_DPI would exceed it (pdftoppm renders only the window, `-x -y -W -H`).

An image file (TIFF, PNG, JPEG) is measured before it is decoded, by ingest's own check (`filetypes.sniff`: the
header of every page, the app's `MAX_IMAGE_PIXELS`), so an image past the app's limit is refused with the app's
message — Pillow's own bomb check is never the one that speaks (issue 16, minor: one limit, one message; an archived
file may predate the limit, or be put there by hand). A whole page is shown downscaled: a JPEG is decoded at 1/2,
1/4 or 1/8 of its size (`draft`) when that is still larger than the page shown, so a 48-megapixel photo is never
decoded whole for a 1-megapixel preview; a PNG or a TIFF page is read by libvips a few rows at a time and shrunk
by a whole factor as it is read (`mugalim.review.reduced`), so a 139-megapixel scan is never held whole either (583 MB
in Pillow). The page a crop is cut from is the page at 300 dpi: a PNG or TIFF scanned at 600 dpi or more is decoded
so reduced too, by the whole factor that keeps it at 300 dpi or more, turned by its orientation and made grey as
extraction's `load_page` makes it, then scaled to 300 dpi as extraction scaled it.
"""
from __future__ import annotations

import functools
import io
import logging
import math
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from mugalim.errors import TransientError, UnreadableDocument
from mugalim.limits import MAX_IMAGE_PIXELS, MAX_PAGE_PIXELS
from mugalim.review.reduced import reduced

OUT_DPI = 150            # what staff see: sharp enough for small print, small enough to load at once
OCR_DPI = 300
PAGE_DPI = 100           # a whole page, beside the checklist
PDFTOPPM_TIMEOUT_S = 60
CROPS_KEPT = 256         # about 20 KB each
HIGHLIGHT = (220, 38, 38)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def scaled(self, k: float) -> "Box":
        return Box(self.x0 * k, self.y0 * k, self.x1 * k, self.y1 * k)


@dataclass(frozen=True)
class CropRequest:
    path: Path               # the archived original
    kind: str                # pdf | tiff | png | jpeg
    page: int                # 1-based
    box: Box
    unit: str = "px300"      # pt | px300
    rotation: int = 0        # quarter turns extraction applied, degrees clockwise
    skew: float = 0.0        # the deskew angle extraction applied, degrees counter-clockwise


@functools.lru_cache(maxsize=CROPS_KEPT)
def render_crop(req: CropRequest) -> bytes:
    """A PNG of the field with some of the page around it, the field's box outlined in red. The last crops are kept
    (an archived original never changes): staff move back and forth in the queue, and each crop costs tens of ms."""
    if req.page < 1:
        raise UnreadableDocument(f"{req.path.name}: page {req.page} does not exist")
    if req.kind == "pdf" and req.unit == "pt":
        return _pdf_crop(req)
    page = ocr_geometry_page(req.path, req.kind, req.page, req.rotation, round(req.skew, 2))
    box = req.box
    x0, y0, x1, y1 = _window(box, page.width, page.height, OCR_DPI)
    k = OUT_DPI / OCR_DPI
    crop = page.crop((x0, y0, x1, y1))
    crop = crop.resize((max(1, int(crop.width * k)), max(1, int(crop.height * k))), Image.LANCZOS)
    return _outline(crop, box.scaled(k), (int(x0 * k), int(y0 * k)))


def render_page(path: Path, kind: str, page: int) -> bytes:
    """A whole page as PNG at PAGE_DPI, as submitted (no turn, no deskew)."""
    if page < 1:                                       # pdftoppm reads -f 0 as page 1
        raise UnreadableDocument(f"{path.name}: page {page} does not exist")
    if kind == "pdf":
        return _pdftoppm(path, page, page_scale(*_pdf_page_size(path, page)))
    img = _image_page(path, page, fit=(int(8.3 * PAGE_DPI * 1.2), int(11.7 * PAGE_DPI * 1.2)))
    return _png(img.convert("RGB"))


def page_scale(width_pt: float, height_pt: float, dpi: float = PAGE_DPI) -> list[str]:
    """pdftoppm's options for a whole page of this size: `-r dpi`, or, when that would make more than
    MAX_PAGE_PIXELS pixels, `-scale-to <long side>` that keeps width × height within it."""
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    if pixels <= MAX_PAGE_PIXELS:
        return ["-r", str(dpi)]
    capped = dpi * math.sqrt(MAX_PAGE_PIXELS / pixels)
    long_side = math.floor(max(width_pt, height_pt) / 72 * capped) - 1     # pdftoppm rounds the short side up
    return ["-scale-to", str(max(1, long_side))]


@functools.lru_cache(maxsize=CROPS_KEPT)
def _pdf_page_size(path: Path, page: int) -> tuple[float, float]:
    """(width, height) in points of what pdftoppm renders — the page's MediaBox, times its UserUnit — read with
    pypdf; UnreadableDocument when the page does not exist or cannot be measured (it is then not rendered at all:
    an unmeasured page could be any size)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if page > len(reader.pages):
            raise UnreadableDocument(f"{path.name}: page {page} does not exist")
        p = reader.pages[page - 1]
        unit = max(1.0, float(p.user_unit or 1))
        return abs(float(p.mediabox.width)) * unit, abs(float(p.mediabox.height)) * unit
    except UnreadableDocument:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        raise UnreadableDocument(f"{path.name}: the size of page {page} cannot be read ({type(e).__name__})") from e


def _window(box: Box, width: float, height: float, dpi: float) -> tuple[int, int, int, int]:
    """The rectangle shown: the box, the lines above and below, two inches to its left (where a form's label
    sits) and a little to its right, within the page."""
    v = max(1.6 * (box.y1 - box.y0), 0.35 * dpi)
    x0, y0 = max(0.0, box.x0 - 2.2 * dpi), max(0.0, box.y0 - v)
    x1, y1 = box.x1 + 0.6 * dpi, box.y1 + v
    if width and height:
        x1, y1 = min(width, x1), min(height, y1)
    return int(x0), int(y0), max(int(x1), int(x0) + 1), max(int(y1), int(y0) + 1)


def _outline(img: Image.Image, box: Box, origin: tuple[int, int]) -> bytes:
    img = img.convert("RGB")
    ox, oy = origin
    ImageDraw.Draw(img).rectangle([box.x0 - ox - 3, box.y0 - oy - 3, box.x1 - ox + 3, box.y1 - oy + 3],
                                  outline=HIGHLIGHT, width=3)
    return _png(img)


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pdf_crop(req: CropRequest) -> bytes:
    """The window around the box at OUT_DPI, or at the resolution that keeps it within MAX_PAGE_PIXELS (a box as
    large as a poster-sized page)."""
    dpi: float = OUT_DPI
    while True:
        box = req.box.scaled(dpi / 72)
        x0, y0, x1, y1 = _window(box, 0, 0, dpi)
        area = (x1 - x0) * (y1 - y0)
        if area <= MAX_PAGE_PIXELS:
            break
        dpi *= min(0.99, math.sqrt(MAX_PAGE_PIXELS / area))
    png = _pdftoppm(req.path, req.page, ["-r", f"{dpi:g}", "-x", str(x0), "-y", str(y0), "-W", str(x1 - x0),
                                         "-H", str(y1 - y0)])
    return _outline(Image.open(io.BytesIO(png)), box, (x0, y0))


def _pdftoppm(path: Path, page: int, extra: list[str]) -> bytes:
    cmd = ["pdftoppm", "-f", str(page), "-l", str(page), *extra, "-png", "-singlefile", str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=PDFTOPPM_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as e:
        raise TransientError(f"{path.name}: rendering page {page} took over {PDFTOPPM_TIMEOUT_S} s") from e
    if done.returncode != 0 or not done.stdout:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        raise UnreadableDocument(f"{path.name}: page {page} cannot be rendered: {reason}")
    return done.stdout


def image_within_limit(path: Path) -> None:
    """RejectedInput, with ingest's message, when the image file at `path` (any of its pages) has more pixels than
    the app's MAX_IMAGE_PIXELS, or UnreadableDocument when its header is damaged; nothing is decoded."""
    st = path.stat()
    _sniffed(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=CROPS_KEPT)
def _sniffed(path: Path, _mtime_ns: int, _size: int) -> None:
    from mugalim.ingest.filetypes import sniff
    sniff(path, max_pixels=MAX_IMAGE_PIXELS)


def _image_page(path: Path, page: int, fit: tuple[int, int] | None = None) -> Image.Image:
    """Page `page` of an image file, scaled down to fit `fit` when given (a JPEG decoded at a reduced size, a PNG
    or TIFF shrunk by libvips as it is read)."""
    image_within_limit(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                img.seek(page - 1)
                if fit is None:
                    return img.copy()
                kind, (w, h) = _BANDED.get(img.format or ""), img.size
                factor = math.floor(max(w / fit[0], h / fit[1]))
                if kind is None or factor < 2:
                    img.thumbnail(fit)             # JPEG: `draft` first, then the decoded (smaller) image scaled
                    return img.copy()
            small = reduced(path, kind, page, factor)
            small.thumbnail(fit)
            return small
    except EOFError as e:
        raise UnreadableDocument(f"{path.name}: page {page} does not exist") from e
    except Image.DecompressionBombError as e:      # not reached: image_within_limit measured every page first
        raise UnreadableDocument(f"{path.name}: the image is larger than {MAX_IMAGE_PIXELS / 1e6:,.0f} "
                                 f"megapixels and is not shown") from e
    except OSError as e:
        raise UnreadableDocument(f"{path.name}: cannot be opened as an image: {e}") from e


_BANDED = {"PNG": "png", "TIFF": "tiff"}


def _ocr_page_reduced(path: Path, kind: str, page: int) -> tuple[Image.Image, float] | None:
    """A PNG or TIFF page scanned at 600 dpi or more, as extraction's `load_page` gives it (grey, and its dpi), but
    decoded reduced by the whole factor that keeps it at OCR_DPI or more (turned upright, grey); None for any other
    page (extraction's own loader reads it whole: a JPEG, or a page at less than 600 dpi)."""
    from extractors import images
    if kind not in ("png", "tiff"):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as img:
            img.seek(page - 1)
            size, info_dpi, banded = img.size, img.info.get("dpi"), _BANDED.get(img.format or "")
    dpi = images._dpi(size, info_dpi)
    factor = math.floor(dpi / OCR_DPI)
    if banded is None or factor < 2:
        return None
    small = reduced(path, banded, page, factor, grey=True, upright=True)
    return small, dpi * max(small.size) / max(size)


@functools.lru_cache(maxsize=4)
def ocr_geometry_page(path: Path, kind: str, page: int, rotation: int, skew: float) -> Image.Image:
    """The page as OCR saw it: grey, turned, at 300 dpi, deskewed (the last few pages are kept: a dossier's fields
    sit on one or two pages)."""
    from extractors import images, pdf
    if kind != "pdf":
        image_within_limit(path)
    try:
        if kind == "pdf":
            grey, dpi = pdf.render(str(path), page - 1, OCR_DPI), float(OCR_DPI)
        else:
            grey, dpi = _ocr_page_reduced(path, kind, page) or images.load_page(str(path), page - 1)
    except (EOFError, IndexError) as e:
        raise UnreadableDocument(f"{path.name}: page {page} does not exist") from e
    grey = images.rotate_quarter(grey, rotation)
    if not 270 <= dpi <= 330:
        k = OCR_DPI / dpi
        grey = grey.resize((round(grey.width * k), round(grey.height * k)), Image.BICUBIC)
    if abs(skew) >= 0.15:
        grey = grey.rotate(skew, resample=Image.BILINEAR, fillcolor=255)
    return grey
