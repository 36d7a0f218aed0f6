"""Crops of the archived scan around a field's box: rendered from the original file as extraction measured it
(PDF points of a born-digital page; pixels of a turned, deskewed page at 300 dpi for a scan), the field's own text
is inside the crop — read back with Tesseract to prove it."""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractors import tesseract
from extractors.document import extract_file
from mugalim.errors import UnreadableDocument
from mugalim.review.crops import Box, CropRequest, render_crop, render_page
from mugalim.samples.forms import make_form

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
pytestmark = [pytest.mark.slow]


def _crop_of(tmp_path: Path, fmt: str, degrade: str | None, field: str) -> tuple[Image.Image, dict]:
    body, truth = make_form(5, language="kk", fmt=fmt, degrade=degrade)
    suffix = {"pdf_text": ".pdf", "pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tiff"}[fmt]
    path = tmp_path / f"form{suffix}"
    path.write_bytes(body)
    ex = extract_file(path)
    where = ex.evidence["fields"][field]
    page = ex.evidence["pages"][where["page"] - 1]
    kind = "pdf" if suffix == ".pdf" else suffix.strip(".").replace("jpg", "jpeg")
    png = render_crop(CropRequest(path, kind, where["page"], Box(*where["bbox"]), where["unit"],
                                  page["rotation"], page["skew"]))
    return Image.open(io.BytesIO(png)), truth


def _text(img: Image.Image) -> str:
    """The crop's text, its red outline painted white first (Tesseract reads a box around digits as noise)."""
    a = np.array(img.convert("RGB"))
    a[(a[..., 0] > 150) & (a[..., 1] < 100) & (a[..., 2] < 100)] = 255
    big = Image.fromarray(a).resize((img.width * 2, img.height * 2))
    return "".join(w.text for w in tesseract.words(big.convert("L"), psm=6)).replace(" ", "")


@pytest.mark.parametrize(("fmt", "degrade"), [("pdf_text", None), ("png", "rotate"), ("pdf", None)])
def test_the_crop_of_the_iin_shows_the_iin(tmp_path: Path, fmt: str, degrade: str | None) -> None:
    img, truth = _crop_of(tmp_path, fmt, degrade, "iin")
    assert truth["fields"]["iin"] in _text(img)
    assert img.width < 1000 and img.height < 300                     # a crop, not the page


def test_the_crop_outlines_the_box_in_red(tmp_path: Path) -> None:
    img, _ = _crop_of(tmp_path, "png", None, "birth_date")
    a = np.array(img.convert("RGB")).astype(int)
    red = int(((a[..., 0] > 180) & (a[..., 1] < 80) & (a[..., 2] < 80)).sum())
    assert red > 200


def test_a_page_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    body, _ = make_form(5, fmt="png")
    path = tmp_path / "form.png"
    path.write_bytes(body)
    with pytest.raises(UnreadableDocument, match="form.png: page 3 does not exist"):
        render_crop(CropRequest(path, "png", 3, Box(10, 10, 100, 40)))
    assert Image.open(io.BytesIO(render_page(path, "png", 1))).width > 500
