"""A born-digital PDF whose font lacks the Kazakh letters (pdfminer gives NUL for them) is read by OCR instead of
through its lossy text layer, and nothing with a NUL reaches the database (PostgreSQL refuses it)."""
from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors.pdf import text_layer

LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


def _pdf_without_kazakh_glyphs(path) -> None:
    pdfmetrics.registerFont(TTFont("LiberationSerif", LIBERATION))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("LiberationSerif", 14)
    for n in range(12):
        c.drawString(60, 780 - 22 * n, "Қазақстан Республикасы, Әйгерім Сағындыққызы, өтінім ұсынамын")
    c.save()


@pytest.mark.skipif(not __import__("os").path.exists(LIBERATION), reason="fonts-liberation is not installed")
def test_a_text_layer_that_loses_kazakh_letters_is_not_trusted(tmp_path):
    pdf = tmp_path / "no-kazakh-glyphs.pdf"
    _pdf_without_kazakh_glyphs(pdf)
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        raw = "".join(ch["text"] for ch in doc.pages[0].chars)
    assert "Қ" not in raw            # the text layer itself has lost the letters…
    assert text_layer(str(pdf), 0) is None   # …so the page goes to OCR
