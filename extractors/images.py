"""Scanned pages: loading TIFF (multi-page), PNG, JPEG and HEIC/HEIF (phone photos, through pillow-heif's opener),
each turned upright by its EXIF orientation; and the preprocessing real scans need before OCR —
resolution brought to 300 dpi, deskew of a few degrees, binarization, removal of a table's ruling lines.
Orientation (a page upside down or sideways) is decided after a first OCR pass, in `ocr.py`."""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageOps

TARGET_DPI = 300
A4_LONG_IN = 11.69

try:                                       # HEIC/HEIF phone photos (issue 18)
    import pillow_heif
    pillow_heif.register_heif_opener()
except ImportError:                        # pragma: no cover - pillow-heif is a dependency
    pass


def page_count(path: str) -> int:
    with Image.open(path) as img:
        return int(getattr(img, "n_frames", 1))


def load_page(path: str, index: int) -> tuple[Image.Image, float]:
    """Page `index` of an image file as 8-bit grey, and its resolution in dpi (estimated from an A4 page when the
    file does not say, or says something an A4 page contradicts)."""
    with Image.open(path) as img:
        img.seek(index)
        info_dpi = img.info.get("dpi")
        page = ImageOps.exif_transpose(img)        # every page and format: a phone's photo is stored sideways
        page = _grey(page)
    return page, _dpi(page.size, info_dpi)


def _grey(img: Image.Image) -> Image.Image:
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):       # 16-bit or float scans: scale, do not clip
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        return Image.fromarray(((arr - lo) * (255.0 / (hi - lo or 1.0))).astype(np.uint8))
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img)
    return img.convert("L")


def _dpi(size: tuple[int, int], info: object) -> float:
    estimate = max(size) / A4_LONG_IN
    try:
        stated = float(info[0]) if info else 0.0  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        stated = 0.0
    if stated > 0 and abs(stated - estimate) / estimate < 0.25:
        return stated
    return estimate


@dataclass
class Prepared:
    """A page ready for Tesseract: binary (text black on white, no ruling lines), upright within a few degrees,
    at 300 dpi. `ink` is the share of black pixels (0 for a blank page)."""

    image: Image.Image
    ink: float
    skew: float
    scale: float
    hrules: list[float] = field(default_factory=list)   # y of long horizontal lines (table rows)
    vrules: list[float] = field(default_factory=list)   # x of long vertical lines (table columns)
    unruled: np.ndarray | None = None    # the binary page before long lines were erased (a scribble has them)
    #: the page in grey, its background flattened, aligned with `image`: where a pen's stroke crosses printed text,
    #: the grey keeps them apart (a lighter, thinner line) where the binary image has merged them
    grey: np.ndarray | None = None


def prepare(grey: Image.Image, dpi: float) -> Prepared:
    arr = np.asarray(grey)
    if (quad := page_quad(arr)) is not None:          # a photo of the page on a desk
        arr = unwarp(arr, quad)
        dpi = max(arr.shape) / A4_LONG_IN
    scale = TARGET_DPI / dpi if not 270 <= dpi <= 330 else 1.0
    if scale != 1.0:
        arr = cv2.resize(arr, None, fx=scale, fy=scale,
                         interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    flat = flatten_background(arr)
    binary = otsu(flat)            # the specks are removed once, from the page as it is read (below)
    angle = skew_angle(binary) if _ink(binary) >= BLANK_INK else 0.0
    if abs(angle) >= 0.15:
        flat = _rotate(flat, angle)
        binary = otsu(flat)
    binary = remove_specks(binary)
    ink = _ink(binary)
    if ink < BLANK_INK:
        return Prepared(Image.fromarray(binary), 0.0, 0.0, scale)
    cleaned, hrules, vrules = remove_rules(binary)
    # no dithering: the image is already black and white (PIL's default Floyd-Steinberg costs ~50 ms a page)
    return Prepared(Image.fromarray(cleaned).convert("1", dither=Image.Dither.NONE), ink, angle, scale, hrules,
                    vrules, binary, flat)


def page_quad(grey: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left, in pixels) of a sheet photographed on a
    darker background; None for a scan, whose paper fills the image. Found on a reduced image: the bright region
    (Otsu), its largest outline simplified to four corners, taken only when it is a convex quadrilateral covering
    between a third and nine tenths of the image with a clearly darker surround, not more than two of its corners
    on the image's edge."""
    h, w = grey.shape
    f = 800 / max(h, w)
    small = cv2.resize(grey, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))   # text is part of the sheet
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=cv2.contourArea))
    area = cv2.contourArea(outline)
    if not 0.33 <= area / float(small.size) <= 0.9:
        return None
    corners = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True).reshape(-1, 2)
    # A shadow over a corner makes that corner too dark for the bright region, which cuts it off; the paper's edge
    # against the desk is still sharp there (a shadow's own edge is soft): the outline of the edges is taken when it
    # holds the bright region and not much more.
    edged = _edge_quad(small)
    if edged is not None and 0.97 <= cv2.contourArea(edged) / area <= 1.3:
        corners = edged
    elif len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    sh, sw = small.shape
    on_edge = sum(x <= 2 or y <= 2 or x >= sw - 3 or y >= sh - 3 for x, y in corners)
    if on_edge > 2:          # a part of a scan set off by a shadow, not a sheet with the desk around it
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, corners.astype(np.int32), 255)
    if small[inside == 0].mean() > 0.6 * small[inside > 0].mean():
        return None
    return _ordered(corners.astype(np.float32) / f)


EDGE_INSET = 5.0        # pixels of the reduced image (800 px on its longer side)


def _edge_quad(small: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners from its edges (Canny) rather than its brightness; None unless they make a convex
    quadrilateral."""
    edges = cv2.dilate(cv2.Canny(small, 20, 60), np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = cv2.convexHull(max(contours, key=lambda c: cv2.contourArea(cv2.convexHull(c))))
    corners = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True).reshape(-1, 2)
    if len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    centre = corners.mean(axis=0)               # back inside by what the dilation added, and a pixel of the
    inward = centre - corners                   # paper's edge, so that no desk is left along the sides
    return (corners + EDGE_INSET * inward / np.linalg.norm(inward, axis=1, keepdims=True)).astype(np.float32)


def _ordered(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def unwarp(grey: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The sheet inside `quad`, straightened to a rectangle as long as its longer sides."""
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(grey, m, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def binarize(grey: np.ndarray) -> np.ndarray:
    """Black text on white: the paper's own brightness divided out first (uneven light, a grey or cream tone,
    a shadow), then Otsu's threshold after a light blur, then the scanner's specks removed."""
    return threshold(flatten_background(grey))


def threshold(flat: np.ndarray) -> np.ndarray:
    """Otsu's threshold of a page whose paper is already white, after a light blur; the specks removed."""
    return remove_specks(otsu(flat))


def otsu(flat: np.ndarray) -> np.ndarray:
    """Otsu's threshold of a page whose paper is already white, after a light blur (specks kept)."""
    return cv2.threshold(cv2.GaussianBlur(flat, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


#: below this share of black pixels (after the specks are removed) a page is blank
BLANK_INK = 0.002


def _ink(binary: np.ndarray) -> float:
    return float(np.count_nonzero(binary == 0)) / binary.size


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """The page divided by its paper: the background is the page with the text closed away (a grey maximum
    over a window wider than any stroke), taken on a reduced image where light varies smoothly anyway."""
    f = 4
    h, w = grey.shape
    small = cv2.resize(grey, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((9, 9), np.uint8))          # ~36 px at 300 dpi: wider than a stroke
    paper = cv2.GaussianBlur(paper, (0, 0), 3)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(paper, 1), scale=255)


#: at 300 dpi, the smallest mark of print (a full stop, the dot of an і at 10 pt) covers ≥ 16 pixels; scanner
#: dust and speckle cover fewer
SPECK_AREA = 12


def remove_specks(binary: np.ndarray, max_area: int = SPECK_AREA) -> np.ndarray:
    """Specks (tiny isolated dots of ink) turned white. Tesseract reads them as `. , ‚ |` and they break its
    segmentation of the words beside them."""
    # the areas counted from the labels: OpenCV's own statistics (boxes, centroids) cost twice as much
    n, labels = cv2.connectedComponents((binary == 0).astype(np.uint8), connectivity=8)
    drop = np.bincount(labels.ravel(), minlength=n) <= max_area
    drop[0] = False                                   # the background
    if not drop.any():
        return binary
    out = binary.copy()
    out[drop[labels]] = 255
    return out


def skew_angle(binary: np.ndarray, limit: float = 5.0) -> float:
    """The small rotation (degrees, counter-clockwise positive) that makes text lines horizontal: the angle whose
    row profile is sharpest, searched coarse then fine on a reduced image."""
    small = cv2.resize(255 - binary, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    tiny = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    best = _best_angle(tiny, np.arange(-limit, limit + 0.01, 0.5))
    return _best_angle(small, np.arange(best - 0.45, best + 0.46, 0.1))


def _best_angle(ink: np.ndarray, angles: np.ndarray) -> float:
    h, w = ink.shape
    scores = []
    for a in angles:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(a), 1.0)
        rows = cv2.reduce(cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST), 1, cv2.REDUCE_SUM,
                          dtype=cv2.CV_32S).ravel().astype(np.float64)
        scores.append(float(np.sum(np.diff(rows) ** 2)))
    return float(angles[int(np.argmax(scores))])


def _rotate(arr: np.ndarray, angle: float) -> np.ndarray:
    h, w = arr.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def remove_rules(binary: np.ndarray) -> tuple[np.ndarray, list[float], list[float]]:
    """Erase long horizontal and vertical lines (a table's ruling, a signature line), which Tesseract reads as
    `|`, `(` or `_` and which break its segmentation of a table row; return the rules' positions too.
    Lines are found on a quarter-size image (16× fewer pixels; a rule stays a rule)."""
    f = 4
    h, w = binary.shape
    small = cv2.resize(255 - binary, (w // f, h // f), interpolation=cv2.INTER_AREA)
    small = np.where(small > 60, 255, 0).astype(np.uint8)
    h_lines = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (120 // f, 1)))
    v_lines = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 120 // f)))
    mask = cv2.resize(cv2.bitwise_or(h_lines, v_lines), (w, h), interpolation=cv2.INTER_NEAREST)
    mask = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    hrules = [y * f + f / 2 for y in _positions(h_lines, 1, 0.3 * w / f)]
    vrules = [x * f + f / 2 for x in _positions(v_lines, 0, 0.04 * h / f)]
    return cv2.bitwise_or(binary, mask), hrules, vrules


def _positions(mask: np.ndarray, axis: int, min_length: float) -> list[float]:
    """Centres (y for horizontal lines, x for vertical ones) of the long straight components of `mask`."""
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    length = cv2.CC_STAT_WIDTH if axis == 1 else cv2.CC_STAT_HEIGHT
    found = sorted(float(centroids[i][axis]) for i in range(1, n) if stats[i, length] >= min_length)
    merged: list[float] = []
    for v in found:
        if merged and v - merged[-1] < 3:
            continue
        merged.append(v)
    return merged


def rotate_quarter(img: Image.Image, degrees_clockwise: int) -> Image.Image:
    return img.rotate(-degrees_clockwise, expand=True, fillcolor=255) if degrees_clockwise % 360 else img


def unexplained_ink(prep: Prepared, boxes: list[tuple[float, float, float, float]],
                    line_height: float) -> list[tuple[float, float, float, float]]:
    """Boxes of the ink on a prepared page that no recognized word and no table rule accounts for and that is as
    tall as a line of text: handwriting, scribbles, a stamp. (Specks, dots and the short rules of fill-in lines
    are not kept.)"""
    if prep.unruled is None:
        return []
    ink = (prep.unruled == 0).astype(np.uint8)
    m = 4
    for x0, y0, x1, y1 in boxes:
        ink[max(0, int(y0) - m):int(y1) + m, max(0, int(x0) - m):int(x1) + m] = 0
    for y in prep.hrules:
        ink[max(0, int(y) - 8):int(y) + 8, :] = 0
    for x in prep.vrules:
        ink[:, max(0, int(x) - 8):int(x) + 8] = 0
    f = 4
    h, w = ink.shape
    small = (cv2.resize(ink * 255, (w // f, h // f), interpolation=cv2.INTER_AREA) > 0).astype(np.uint8)
    small = cv2.dilate(small, np.ones((3, 3), np.uint8))        # a scribble's strokes make one mark
    n, _, stats, _ = cv2.connectedComponentsWithStats(small, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if bh * f >= 0.8 * line_height and bw * f >= 1.5 * line_height:
            out.append((float(x * f), float(y * f), float((x + bw) * f), float((y + bh) * f)))
    return out
