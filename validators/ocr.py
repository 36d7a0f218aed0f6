"""Tesseract (kaz+rus) for the checks that must read pixels: a video's title frame, a scanned essay when extraction
left no text, through the one wrapper of the program (`extractors.tesseract`: one thread per call, the timeout)."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from extractors import tesseract
from mugalim.errors import TransientError

PDFTOPPM_TIMEOUT_S = 120


def ocr_image(image: Path | Image.Image, *, psm: int = 6) -> str:
    """The text of one image. Light text on a dark background (a title card) is inverted first."""
    if isinstance(image, Path):
        with Image.open(image) as im:
            grey = ImageOps.grayscale(im)
    else:
        grey = ImageOps.grayscale(image)
    if _mean(grey) < 110:
        grey = ImageOps.invert(grey)
    try:
        return tesseract.text(grey, psm=psm)
    except TransientError:          # the timeout
        return ""


def ocr_file(path: Path, *, dpi: int = 200, max_pages: int = 4) -> list[str]:
    """The text per page of a scanned PDF or image file (at most `max_pages` pages)."""
    if path.suffix.lower() != ".pdf":
        with Image.open(path) as im:
            return [ocr_image(im)]
    with tempfile.TemporaryDirectory(prefix="mugalim-ocr-") as tmp:
        cmd = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-l", str(max_pages), str(path), f"{tmp}/p"]
        subprocess.run(cmd, capture_output=True, timeout=PDFTOPPM_TIMEOUT_S, check=False)
        return [ocr_image(p) for p in sorted(Path(tmp).glob("p*.png"))]


def _mean(im: Image.Image) -> float:
    hist = im.histogram()
    return sum(i * n for i, n in enumerate(hist)) / (sum(hist) or 1)
