"""Tesseract through pytesseract, for whole pages: the command line, one OpenMP thread per process, the timeout, and
the translation of its failures into mugalim's exceptions. (The small second readings of a page run in Tesseract's
library kept loaded: `tesseract_lib.py`.)

One thread per process because pages run in parallel processes, one per core: with OpenMP's default threads the
processes oversubscribe the cores and a page takes ~9× longer on a 2-core machine.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"   # before any tesseract process is started from this process

import pytesseract  # noqa: E402
from PIL import Image  # noqa: E402

from mugalim.errors import ConfigError, TransientError  # noqa: E402

LANG = os.environ.get("MUGALIM_OCR_LANG", "kaz+rus")   # the languages of the forms
TIMEOUT_S = 120
DIGITS = "-c tessedit_char_whitelist=0123456789"


@dataclass(frozen=True)
class Word:
    """A recognized word and its box, in the page's own units (pixels for OCR, PDF points for a text layer)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float          # 0..1
    line: int = -1       # Tesseract's own (block, paragraph, line) number, flattened; -1 for a text layer
    alt: str | None = None      # the language model's reading, when `text` took the second reading's digits
    second: str | None = None   # the second reading (English model, numbers only), when it differs from `text`

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


def _run(fn, image: Image.Image, **kw):  # type: ignore[no-untyped-def]
    """Write `image` once, uncompressed (a binary page as 1-bit PBM: an eighth of the bytes), and run `fn` on it."""
    with tempfile.TemporaryDirectory(prefix="mugalim-ocr-") as tmp:
        path = Path(tmp) / ("page.pbm" if image.mode == "1" else "page.pgm")
        (image if image.mode == "1" else image.convert("L")).save(path)
        try:
            return fn(str(path), timeout=TIMEOUT_S, **kw)
        except pytesseract.TesseractNotFoundError as e:
            raise ConfigError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-kaz "
                              "tesseract-ocr-rus)") from e
        except RuntimeError as e:          # pytesseract's timeout, or a killed process
            raise TransientError(f"tesseract did not finish: {e}") from e


def words(image: Image.Image, *, lang: str = LANG, psm: int = 3, config: str = "") -> list[Word]:
    """Every word Tesseract finds on the image, with its box and confidence. A blank image gives []."""
    try:
        data = _run(pytesseract.image_to_data, image, lang=lang, output_type=pytesseract.Output.DICT,
                    config=f"--psm {psm} --dpi 300 -c tessedit_do_invert=0 {config}".strip())
    except pytesseract.TesseractError as e:
        if "Empty page" in str(e):
            return []
        raise TransientError(f"tesseract failed: {e}") from e
    return to_words(data)


#: the columns of Tesseract's TSV output, in order
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
               "height", "conf", "text")


def to_words(data: dict[str, list]) -> list[Word]:
    """The words of Tesseract's TSV, given as columns (pytesseract's Output.DICT): rows without text or
    confidence (blocks, lines) are left out."""
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        line = (int(data["block_num"][i]) * 1000 + int(data["par_num"][i])) * 1000 + int(data["line_num"][i])
        out.append(Word(text, x, y, x + w, y + h, conf / 100, line))
    return out


def orientation(image: Image.Image) -> int:
    """The rotation (0, 90, 180, 270 degrees clockwise) Tesseract's OSD says would make the page upright;
    0 when it cannot tell (too little text)."""
    try:
        osd = _run(pytesseract.image_to_osd, image, config="--psm 0 --dpi 300",
                   output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0
    return int(osd.get("rotate", 0)) if float(osd.get("orientation_conf", 0)) >= 1.0 else 0


def digits(image: Image.Image) -> str:
    """A second reading of a crop that holds one number: digits only, one line."""
    try:
        return "".join(_run(pytesseract.image_to_string, image, lang="eng", config=f"--psm 7 {DIGITS}").split())
    except pytesseract.TesseractError:
        return ""
