"""Issue 15: the protocol's cheap flowables (`mugalim.scoring.protocol_flow`) lay text out as reportlab's
`Paragraph` does and tables as its `Table` does: the same lines, the same heights, the header again on each page."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from mugalim.pdfmarkup import markup_text
from mugalim.scoring import protocol
from mugalim.scoring.protocol_flow import BREAK, Grid, TextBlock

SCHOOL = "Алматы қаласы білім басқармасының «№ 21 жалпы білім беретін мектебі» КММ (БСН 100140100208)"
TEXTS = [SCHOOL, "Құдайбергенов Айдос (********4213), Ахметов Бауыржан (********4326)",
         "Тур бағасы — отырысқа қатысқан мүшелер бағаларының орташа арифметикалық мәні (A1); кесте үшін ғана "
         "0,001-ге дейін дөңгелектенген.", "  бір   екі\tүш  ", "", "a " * 200]


@pytest.fixture(scope="module")
def styles() -> dict:
    protocol._register_fonts()
    return protocol._styles()


def _paragraph_lines(p: Paragraph) -> list[str]:
    lines = p.blPara.lines
    if p.blPara.kind == 0:
        return [" ".join(words) for _, words in lines]
    return ["".join(f.text for f in line.words) for line in lines]


def _block_lines(b: TextBlock, width: float) -> list[str]:
    return ["".join(text for text, _, _ in pieces) for pieces, _, _ in b.lines(width)]


@pytest.mark.parametrize("width", [60 * mm, 226.11, 180 * mm])
@pytest.mark.parametrize("style", ["body", "small", "item", "title"])
def test_a_text_block_breaks_its_lines_where_a_paragraph_does(styles: dict, style: str, width: float):
    for text in TEXTS:
        st = styles[style]
        para, block = Paragraph(markup_text(text), st), TextBlock.plain(text, st)
        assert block.wrap(width, 1000) == para.wrap(width, 1000), text
        assert [" ".join(x.split()) for x in _block_lines(block, width)] == \
            [" ".join(x.split()) for x in _paragraph_lines(para)], text
        labelled = TextBlock.labelled("Мектеп", f": {text}", st)
        para = Paragraph(f"<b>Мектеп</b>{markup_text(': ' + text)}", st)
        assert labelled.wrap(width, 1000) == para.wrap(width, 1000), text
        assert ["".join(x.split()) for x in _block_lines(labelled, width)] == \
            ["".join(x.split()) for x in _paragraph_lines(para)], text


def _text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def test_a_word_wider_than_the_line_is_split_as_a_paragraph_splits_it(styles: dict, tmp_path: Path):
    word = "Ә" * 120 + "x"
    block = TextBlock([("Аты: ", "ProtoSans", 9), (word, "ProtoSans", 9), BREAK, ("соңы", "ProtoSans", 6.5)],
                      styles["body"])
    para = Paragraph(f"Аты: {word}<br/><font size=6.5>соңы</font>", styles["body"])
    assert block.wrap(80 * mm, 1000) == para.wrap(80 * mm, 1000)
    SimpleDocTemplate(str(tmp_path / "t.pdf"), pagesize=A4).build([block])
    assert "".join(_text(tmp_path / "t.pdf")[0].split()) == "Аты:" + word + "соңы"


def test_a_grid_is_as_tall_as_a_table_and_repeats_its_header_on_each_page(styles: dict, tmp_path: Path):
    rows = [["№", "Қатысушы", "Барлығы"]] + [
        [n, TextBlock.plain(SCHOOL, styles["small"]) if n % 7 == 0 else f"Қатысушы {n}", f"{n * 1.5:.3f}"]
        for n in range(1, 121)]
    widths = [10 * mm, 60 * mm, 20 * mm]
    grid = Grid(rows, widths, font="ProtoSans")
    table = Table([[Paragraph(markup_text(c.runs[0][0]), styles["small"]) if isinstance(c, TextBlock) else c
                    for c in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), "ProtoSans", 8), ("FONT", (0, 0), (-1, 0), "ProtoSans-Bold", 8),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    assert grid.wrap(180 * mm, 800) == pytest.approx(table.wrap(180 * mm, 800))
    SimpleDocTemplate(str(tmp_path / "g.pdf"), pagesize=A4).build([grid])
    pages = _text(tmp_path / "g.pdf")
    assert len(pages) > 2 and all(p.startswith("№ Қатысушы Барлығы") for p in pages)
    assert len(re.findall(r"Қатысушы \d+", " ".join(pages))) == 120 - 120 // 7
    assert " ".join(pages).count("100140100208") == 120 // 7
