"""Sample typed documents and phone photos (issue 18), made by the libraries themselves: DOCX by python-docx, ODT by
odfpy, HEIC by pillow-heif. Used by the demo's sample batch (`batches.py`) and the tests.

    write_docx_essay(path, paragraphs, font="Times New Roman", size=14)          # item 1.8 typed in Word
    write_docx_application(path, person, language="kk")                           # Appendix 1 typed into Word
    write_odt_essay(path, paragraphs)                                             # the same in LibreOffice Writer
    write_docx_with_picture(path, image, caption)                                 # a scan pasted into Word
    write_heic(path, image, orientation=6)                                        # a phone photo, stored sideways
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image

A4_MM = (210, 297)


def _docx_page(doc: Any, page_mm: tuple[float, float], margins_mm: float = 20) -> None:
    from docx.shared import Mm

    for s in doc.sections:
        s.page_width, s.page_height = Mm(page_mm[0]), Mm(page_mm[1])
        s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Mm(margins_mm)


def write_docx_essay(path: Path, paragraphs: list[str], *, font: str = "Times New Roman", size: float = 14,
                     spacing: float = 1.0, page_mm: tuple[float, float] = A4_MM, title_style: str | None = None,
                     run_font: str | None = None) -> Path:
    """An essay typed in Word: the first paragraph is the title. The font, size and spacing are set on the Normal
    style, as a person choosing them for the whole document does, so the runs inherit them (the check must resolve
    the styles); `run_font` sets a font on the body's runs directly instead (a person selecting the text);
    `title_style` ("Heading 1", …) sets the title's style (it is based on Normal, with its own font)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    _docx_page(doc, page_mm)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    normal.paragraph_format.line_spacing = spacing
    normal.paragraph_format.space_after = Pt(0)
    title, *body = paragraphs
    if title_style:
        doc.add_paragraph(title, style=title_style)
    else:
        doc.add_paragraph().add_run(title).bold = True
    for text in body:
        p = doc.add_paragraph()
        run = p.add_run(text)
        if run_font:
            run.font.name = run_font
    _save(doc, path)
    return path


def write_docx_application(path: Path, person: Any, *, language: str = "kk") -> Path:
    """The application (Appendix 1) typed into a Word template: the header, the title, the twelve items in a ruled
    table (number, label, value), the attachment line, the date of filling and the signature line. `person` is a
    `mugalim.samples.forms.Person`."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from mugalim.samples.forms import HEADER, INTRO, LABELS, TITLE, _footer

    doc = Document()
    _docx_page(doc, A4_MM)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    for line in HEADER[language]:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE[language])
    run.bold, run.font.size = True, Pt(14)
    doc.add_paragraph(INTRO[language])
    doc.add_paragraph()
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for n, (label, value) in enumerate(zip(LABELS[language], person.written), start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = f"{n}.", label, value
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(10), Mm(62), Mm(98))):
            cell.width = width
    doc.add_paragraph()
    for line in _footer(language, person):
        doc.add_paragraph(line)
        doc.add_paragraph()
    _save(doc, path)
    return path


def write_docx_with_picture(path: Path, image: Image.Image, caption: str, *, width_mm: float = 170) -> Path:
    """A scanned certificate pasted into Word under a line of typed text."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    _docx_page(doc, A4_MM)
    doc.add_paragraph(caption)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG")
    buf.seek(0)
    doc.add_picture(buf, width=Mm(width_mm))
    _save(doc, path)
    return path


def write_odt_essay(path: Path, paragraphs: list[str], *, font: str = "Times New Roman", size: float = 14,
                    line_height: str = "100%") -> Path:
    """An essay typed in LibreOffice Writer (odfpy): A4, the font, size and line height on the paragraph style."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (FontFace, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style,
                           TextProperties)
    from odf.text import P

    doc = OpenDocumentText()
    doc.fontfacedecls.addElement(FontFace(name=font, fontfamily=font, fontfamilygeneric="roman"))
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margintop="2cm",
                                           marginbottom="2cm", marginleft="2cm", marginright="2cm",
                                           printorientation="portrait"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
    body = Style(name="Essay", family="paragraph")
    body.addElement(TextProperties(fontname=font, fontsize=f"{size:g}pt"))
    body.addElement(ParagraphProperties(lineheight=line_height))
    doc.styles.addElement(body)
    for text in paragraphs:
        doc.text.addElement(P(stylename=body, text=text))
    doc.meta.childNodes[:] = [n for n in doc.meta.childNodes if n.qname[1] not in ("date", "creation-date")]
    buf = io.BytesIO()
    doc.write(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_times(buf.getvalue()))
    return path


def write_heic(path: Path, image: Image.Image, *, orientation: int = 1, quality: int = 85) -> Path:
    """A phone's HEIC photo (pillow-heif). With `orientation` 6 the picture is stored turned a quarter to the left
    and its metadata says to turn it back, as a phone held upright writes it."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    img = image.convert("RGB")
    exif = Image.Exif()
    if orientation != 1:
        img = img.transpose({6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270,
                             3: Image.Transpose.ROTATE_180}[orientation])
        exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, format="HEIF", quality=quality, exif=exif.tobytes())
    return path


def _save(doc: Any, path: Path) -> None:
    """python-docx writes the core properties' dates from the clock, and zipfile each part's time: both fixed here,
    so the same sample has the same bytes (SHA-256) every time."""
    from datetime import datetime

    props = doc.core_properties
    props.created = props.modified = datetime(2026, 1, 1)
    props.last_modified_by = props.author = "mugalim samples"
    buf = io.BytesIO()
    doc.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_times(buf.getvalue()))


def _fixed_times(data: bytes) -> bytes:
    """The ZIP `data` with every member dated 2026-01-01 (an ODT's `mimetype` kept first and stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
