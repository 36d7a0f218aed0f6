"""Issue 18: DOCX and ODT read from the document itself and paged by LibreOffice's rendering; HEIC and sideways phone
photos read upright; the essay's format (item 1.8) from a DOCX's styles and runs, inheritance resolved. Real files
made by python-docx, odfpy, pillow-heif and ffmpeg; LibreOffice headless renders them."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import office_fixtures as of
from extractors import images, office
from extractors.document import extract_file, kind_of
from mugalim.samples import forms
from mugalim.samples import office as so

pytestmark = pytest.mark.slow            # LibreOffice renders each document (1–3 s)


# --- the application typed into Word ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed, language", [(3, "kk"), (8, "ru")])
def test_issue_18_an_application_typed_into_word_gives_the_json_a_pdf_gives(tmp_path, seed, language):
    person = forms.make_person(random.Random(seed), language)
    path = so.write_docx_application(tmp_path / "өтінім.docx", person, language=language)

    out = extract_file(path)

    assert out.result["doc_type"] == "application" and out.result["language"] == language
    assert out.result["fields"] == person.truth                    # the same keys and values as for a PDF
    assert out.result["problems"] == []
    assert [p["method"] for p in out.evidence["pages"]] == ["text_layer"]   # no OCR: the text itself
    assert out.evidence["fields"]["iin"]["page"] == 1 and out.evidence["fields"]["iin"]["unit"] == "pt"
    # … and the same values as the document's own text: each text item is its table cell, as typed
    table = next(b for b in office.blocks(path, paged=False) if b.kind == "table")
    cells = {int(row.split(" | ")[0].rstrip(".")): row.split(" | ")[2] for row in table.text.splitlines()}
    for key, item in (("workplace", 1), ("full_name", 2), ("position", 4), ("education", 7), ("awards", 12)):
        assert out.result["fields"][key] == forms.nfc(cells[item])


def test_issue_18_the_same_form_as_a_born_digital_pdf_and_as_word_give_the_same_fields(tmp_path):
    data, truth = forms.make_form(5, language="kk", layout="table", font="dejavu_serif", fmt="pdf_text")
    (tmp_path / "form.pdf").write_bytes(data)
    pdf = extract_file(tmp_path / "form.pdf").result
    rng = random.Random(5)        # the same applicant as make_form drew (in its order of draws), typed into Word
    person = forms.make_person(rng, "kk", kazakh_names=forms.covers_kazakh("dejavu_serif") and rng.random() < 0.85)
    word = extract_file(so.write_docx_application(tmp_path / "form.docx", person, language="kk")).result
    assert word["fields"] == pdf["fields"] == truth["fields"]
    assert {k: word[k] for k in ("doc_type", "language", "problems")} == \
        {k: pdf[k] for k in ("doc_type", "language", "problems")}


# --- pages of the rendering, and scans pasted into Word ---------------------------------------------------------

def test_issue_18_each_paragraph_is_placed_on_its_page_of_the_rendering(tmp_path):
    long = [of.ESSAY_KK[0]] + [f"{i + 1}. " + " ".join(of.ESSAY_KK[1:]) for i in range(12)]
    path = of.docx(tmp_path / "ұзын.docx", long)
    blocks = office.blocks(path)
    pages = office.page_texts(path)
    assert len(pages) == 2
    assert blocks[0].page == 1 and blocks[-1].page == 2
    assert [b.page for b in blocks] == sorted(b.page for b in blocks)
    for b in blocks:
        assert b.text[:3] in pages[b.page - 1].replace("\n", " ")
    out = extract_file(path)
    assert out.result["pages"] == 2 and len(out.evidence["pages"]) == 2


def test_issue_18_a_scan_pasted_into_word_is_read_by_ocr_as_a_page(tmp_path):
    from mugalim.samples import portfolio as pf
    from mugalim.samples.batches import make_applicant, make_org

    rng = random.Random(1)
    a = make_applicant(rng, season=2026, lang="kk", competition="teacher_of_year",
                       org=make_org(rng, "secondary", "Медеу"), index=0)
    scan = pf.render_page(pf.training_certificate(a).pages[0], dpi=200, rng=rng)
    path = so.write_docx_with_picture(tmp_path / "сертификат.docx", scan, "Сертификаттың көшірмесі")

    out = extract_file(path)

    assert [p["method"] for p in out.evidence["pages"]] == ["ocr"]
    assert out.result["doc_type"] == "training_certificate"
    assert "СЕРТИФИКАТ" in out.pages[0].text and a.full_name.split()[0] in out.pages[0].text


def test_issue_18_odt_text_is_read_by_odfpy_as_faithfully_as_through_a_conversion(tmp_path):
    """The measurement behind office.py's choice: odfpy and LibreOffice's DOCX conversion give the same blocks."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, P, S, Span, Tab

    doc = OpenDocumentText()
    p = P(text="Аты-жөні:")
    p.addElement(Tab())
    p.addText("Сейтқалиева")
    p.addElement(S(c=3))
    p.addText("Әйгерім")
    doc.text.addElement(p)
    p = P(text="Бірінші жол")
    p.addElement(LineBreak())
    p.addText("екінші жол")
    doc.text.addElement(p)
    p = P(text="Қалың ")
    p.addElement(Span(text="сөз"))
    p.addText(" бар")
    doc.text.addElement(p)
    doc.text.addElement(H(outlinelevel=1, text="Тақырып"))
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("1.", "Жұмыс орны"), ("2.", "№ 12 мектеп")):
        row = TableRow()
        for v in cells:
            cell = TableCell()
            cell.addElement(P(text=v))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    items = List()
    item = ListItem()
    item.addElement(P(text="тізім элементі"))
    items.addElement(item)
    doc.text.addElement(items)
    doc.save(str(tmp_path / "m.odt"))

    direct = office.blocks(tmp_path / "m.odt", paged=False)
    converted = office._docx_blocks(office.rendering(tmp_path / "m.odt", "docx"), "m")
    assert [(b.kind, b.text) for b in direct] == [(b.kind, b.text) for b in converted] == [
        ("paragraph", "Аты-жөні: Сейтқалиева Әйгерім"), ("paragraph", "Бірінші жол екінші жол"),
        ("paragraph", "Қалың сөз бар"), ("heading", "Тақырып"), ("table", "1. | Жұмыс орны\n2. | № 12 мектеп"),
        ("paragraph", "тізім элементі")]


# --- the essay's format (item 1.8) -------------------------------------------------------------------------------

def test_issue_18_an_essay_in_times_14_single_on_a4_has_no_format_problem(tmp_path):
    fmt = office.essay_format(of.docx(tmp_path / "эссе.docx"))
    assert fmt["problems"] == []
    assert fmt["pages"] == 1 and fmt["page_sizes_mm"] == [(210.0, 297.0)]
    assert fmt["fonts"] == {"Times New Roman": 1.0} and fmt["sizes_pt"] == {14.0: 1.0}
    assert fmt["line_spacing"] == {"single": 1.0}


def test_issue_18_format_values_are_effective_ones_styles_resolved(tmp_path):
    # Arial 12 set on the Normal style: every run inherits it
    fmt = office.essay_format(of.docx(tmp_path / "a.docx", font="Arial", size=12))
    assert fmt["problems"] == ["the font is Arial (100%), not Times New Roman", "the text is 12 pt, not 14 pt"]
    # Times on Normal but Arial on the body's runs: the run's own font wins over its style
    fmt = office.essay_format(of.docx(tmp_path / "b.docx", run_font="Arial"))
    assert fmt["problems"][0].startswith("the font is Arial (8") and len(fmt["problems"]) == 1
    # 1.5 lines on Normal; a Letter page
    fmt = office.essay_format(of.docx(tmp_path / "c.docx", spacing=1.5, page_mm=(215.9, 279.4)))
    assert fmt["problems"] == ["the page is 216×279 mm, not A4", "the line spacing is 1.5 lines, not single"]
    # A title in Heading 1: its style sets the theme's heading font (majorHAnsi: Calibri), 14 pt; in so short an
    # essay the title is a tenth of the text
    fmt = office.essay_format(of.docx(tmp_path / "d.docx", title_style="Heading 1"))
    assert fmt["fonts"] == {"Times New Roman": 0.899, "Calibri": 0.101} and fmt["sizes_pt"] == {14.0: 1.0}
    assert fmt["problems"] == ["10% of the text is not in Times New Roman: Calibri (10%)"]


def test_issue_18_a_document_that_sets_nothing_gets_its_theme_and_defaults(tmp_path):
    from docx import Document

    doc = Document()
    for text in of.ESSAY_KK:
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "default.docx"))
    fmt = office.essay_format(tmp_path / "default.docx")
    assert fmt["fonts"] == {"Cambria": 1.0}     # docDefaults → minorHAnsi → the theme's body font
    assert fmt["sizes_pt"] == {11.0: 1.0} and fmt["line_spacing"] == {"1.15 lines": 1.0}
    assert "the page is 216×279 mm, not A4" in fmt["problems"]          # python-docx's template is Letter


def test_issue_18_an_essay_two_pages_as_printed_is_said_so(tmp_path):
    fmt = office.essay_format(of.docx(tmp_path / "ұзын.docx", [of.ESSAY_KK[0]] + of.ESSAY_KK[1:] * 12))
    assert fmt["pages"] == 2 and "the essay has 2 pages as printed; one page is required" in fmt["problems"]


def test_issue_18_an_odt_essay_is_measured_through_its_conversion(tmp_path):
    good = office.essay_format(of.odt(tmp_path / "эссе.odt"))
    assert good["problems"] == [] and good["fonts"] == {"Times New Roman": 1.0}
    bad = office.essay_format(of.odt(tmp_path / "arial.odt", font="Arial", size=12, line_height="150%"))
    assert bad["problems"] == ["the font is Arial (100%), not Times New Roman", "the text is 12 pt, not 14 pt",
                               "the line spacing is 1.5 lines, not single"]


# --- photos and videos -------------------------------------------------------------------------------------------

def _dark_corner(img: Image.Image) -> str:
    a = np.asarray(img.convert("L"))
    h, w = a.shape
    corners = {"top-left": a[: h // 8, : w // 8], "top-right": a[: h // 8, -w // 8:],
               "bottom-left": a[-h // 8:, : w // 8], "bottom-right": a[-h // 8:, -w // 8:]}
    return min(corners, key=lambda k: corners[k].mean())


@pytest.mark.parametrize("fmt", ["heic", "jpeg"])
def test_issue_18_a_photo_stored_sideways_is_read_upright(tmp_path, fmt):
    upright = of.picture((300, 200))
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    if fmt == "heic":
        path = of.heic(tmp_path / "IMG.heic", orientation=6)
    else:
        exif = Image.Exif()
        exif[0x0112] = 6
        path = tmp_path / "IMG.jpg"
        sideways.save(path, exif=exif.tobytes(), quality=95)
    assert kind_of(path) == "image"
    page, _ = images.load_page(str(path), 0)
    assert page.size == (300, 200) and _dark_corner(page) == "top-left"


@pytest.mark.parametrize("fmt", ["mov", "avi", "matroska"])
def test_issue_18_videos_in_other_containers_are_typed_video(tmp_path, fmt):
    path = of.video(tmp_path / f"v.{fmt}", fmt)
    assert kind_of(path) == "video"
    assert extract_file(path).result["doc_type"] == "video"
