"""The `tesseract` program, for whole pages: one OpenMP thread per process, the timeout, and the translation of
its failures into mugalim's exceptions. The only module that starts it (the small second readings of a page run in
Tesseract's library kept loaded: `tesseract_lib.py`). Run directly, not through pytesseract, whose import alone
(it loads pandas) costs a third of a second at every `mugalim extract FILE`.

One thread per process because pages run in parallel processes, one per core: with OpenMP's default threads the
processes oversubscribe the cores and a page takes ~9× longer on a 2-core machine.
"""
from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"   # for the programs started from here, and Tesseract's library loaded here later

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from mugalim.errors import ConfigError, TransientError

LANG = os.environ.get("MUGALIM_OCR_LANG", "kaz+rus")   # the languages of the forms
TIMEOUT_S = 120
DIGITS = "-c tessedit_char_whitelist=0123456789"


class TesseractFailed(Exception):
    """tesseract exited with an error (its message); "Empty page" is one."""


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


def run(image: Image.Image, *args: str) -> str:
    """`tesseract IMAGE stdout ARGS…` on `image`, written once uncompressed (a binary page as 1-bit PBM: an eighth
    of the bytes); its standard output."""
    with tempfile.TemporaryDirectory(prefix="mugalim-ocr-") as tmp:
        path = Path(tmp) / ("page.pbm" if image.mode == "1" else "page.pgm")
        (image if image.mode == "1" else image.convert("L")).save(path)
        try:
            done = subprocess.run(["tesseract", str(path), "stdout", *args], capture_output=True,
                                  timeout=TIMEOUT_S, check=False)
        except FileNotFoundError as e:
            raise ConfigError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-kaz "
                              "tesseract-ocr-rus)") from e
        except subprocess.TimeoutExpired as e:
            raise TransientError(f"tesseract did not finish in {TIMEOUT_S} s") from e
    if done.returncode != 0:
        raise TesseractFailed(done.stderr.decode("utf-8", "replace").strip()[-300:])
    return done.stdout.decode("utf-8", "replace")


def words(image: Image.Image, *, lang: str = LANG, psm: int = 3, config: str = "") -> list[Word]:
    """Every word Tesseract finds on the image, with its box and confidence. A blank image gives []."""
    try:
        tsv = run(image, "-l", lang, "--psm", str(psm), "--dpi", "300", "-c", "tessedit_do_invert=0",
                  *config.split(), "tsv")
    except TesseractFailed as e:
        if "Empty page" in str(e):
            return []
        raise TransientError(f"tesseract failed: {e}") from e
    return to_words(parse_tsv(tsv))


def parse_tsv(tsv: str) -> dict[str, list]:
    """Tesseract's TSV output as columns (`TSV_COLUMNS`); the program writes a header line, the library does not."""
    rows = [row.split("\t") for row in tsv.splitlines()]
    rows = [row for row in rows if len(row) == len(TSV_COLUMNS) and row[0] != "level"]
    return {name: [row[i] for row in rows] for i, name in enumerate(TSV_COLUMNS)}


#: the columns of Tesseract's TSV output, in order
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
               "height", "conf", "text")


def to_words(data: dict[str, list]) -> list[Word]:
    """The words of Tesseract's TSV, given as columns (`parse_tsv`): rows without text or
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
        osd = run(image, "--psm", "0", "--dpi", "300")
    except TesseractFailed:
        return 0
    fields = dict(line.split(":", 1) for line in osd.splitlines() if ":" in line)
    try:
        rotate, sure = int(fields.get("Rotate", "0")), float(fields.get("Orientation confidence", "0"))
    except ValueError:
        return 0
    return rotate if sure >= 1.0 else 0


def digits(image: Image.Image) -> str:
    """A second reading of a crop that holds one number: digits only, one line."""
    try:
        return "".join(run(image, "-l", "eng", "--psm", "7", *DIGITS.split()).split())
    except TesseractFailed:
        return ""


def text(image: Image.Image, *, lang: str = LANG, psm: int = 6) -> str:
    """The plain text of an image (a video's title frame, a scanned essay): for checks, not for fields."""
    try:
        return run(image, "-l", lang, "--psm", str(psm))
    except TesseractFailed:
        return ""
