"""Tesseract (kaz+rus) for the checks that must read pixels: a video's title frame, a scanned essay when extraction
left no text. One thread per call (OMP_THREAD_LIMIT=1): the machines are shared."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

OCR_TIMEOUT_S = 120
PDFTOPPM_TIMEOUT_S = 120


def ocr_image(image: Path | Image.Image, *, psm: int = 6) -> str:
    """The text of one image. Light text on a dark background (a title card) is inverted first."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if isinstance(image, Path):
        with Image.open(image) as im:
            grey = ImageOps.grayscale(im)
    else:
        grey = ImageOps.grayscale(image)
    if _mean(grey) < 110:
        grey = ImageOps.invert(grey)
    try:
        return pytesseract.image_to_string(grey, lang="kaz+rus", config=f"--psm {psm}", timeout=OCR_TIMEOUT_S)
    except RuntimeError:            # pytesseract's timeout
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
