"""Issue 16 item 9: page-size and page-count bombs. A 200 × 200-inch PDF page is refused with its size instead of
rendered (3.6 gigapixels at 300 dpi: MemoryError, the run aborted); a document over the page limit is refused before
any page is read; each fails alone and the next document is read."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.document import Extraction, extract_many
from extractors.pages import pool
from mugalim.errors import UnreadableDocument


def _pdf(path: Path, pages: int, size: tuple[float, float] = A4, text: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=size)
    for n in range(pages):
        if text:
            c.drawString(72, size[1] - 72, f"{text} {n + 1}: " + "мектеп " * 10)
        c.showPage()
    c.save()
    return path


def test_a_giant_page_and_a_long_document_fail_alone_and_the_next_document_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("MUGALIM_MAX_PAGES", "5")
    giant = _pdf(tmp_path / "giant.pdf", 1, (14400, 14400))               # 200 × 200 inches, no text layer
    long = _pdf(tmp_path / "long.pdf", 6, text="бет")
    normal = _pdf(tmp_path / "normal.pdf", 2, text="Өтініш")
    with pool(1) as ex:
        out = dict(extract_many([giant, long, normal], ex))
    assert isinstance(out[giant], UnreadableDocument)
    assert "giant.pdf, page 1: the page is 5,080 × 5,080 mm" in str(out[giant])
    assert "pages larger than A2 are not read" in str(out[giant])
    assert isinstance(out[long], UnreadableDocument)
    assert "long.pdf: it has 6 pages; a document of more than 5 pages is not read" in str(out[long])
    assert isinstance(out[normal], Extraction) and len(out[normal].pages) == 2
