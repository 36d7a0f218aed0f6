"""Ingest against hostile and careless files, issue 16: a name that is not UTF-8 keeps its bytes in quarantine
(item 10), one pixel limit and one message for images (minor), and notes for a PDF that is a ZIP too or that holds
JavaScript or a Launch action (minor). On SQLite and PostgreSQL."""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

import ingest_fixtures as fx
from mugalim.config import Settings
from mugalim.db import engine_for
from mugalim.errors import RejectedInput
from mugalim.ingest import run_ingest
from mugalim.ingest.filetypes import sniff

BATCH = "2026_grants_Медеу_940140000385"


@pytest.fixture
def settings(data_dir: Path, db_url: str) -> Settings:
    s = Settings.load(data_dir, db_url)
    s.ensure_layout()
    return s


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _raw_path(folder: Path, *parts: bytes) -> Path:
    """A path under `folder` whose further parts are these bytes exactly (not UTF-8)."""
    return Path(os.fsdecode(b"/".join([os.fsencode(folder), *parts])))


def _intake(url: str) -> dict[str, sa.Row]:
    with engine_for(url).connect() as c:
        rows = c.execute(sa.text("SELECT rel_path, outcome, sha256, size, reason, note, dest_path FROM intake")).all()
    return {r.rel_path: r for r in rows}


# --- issue 16 item 10: names that are not UTF-8 ------------------------------------------------------------------

def test_a_name_in_another_encoding_keeps_its_bytes_in_quarantine_under_a_utf8_name(settings, db_url):
    """issue 16 item 10: a file named in CP1251 (and one in a CP1251 folder) is quarantined with its bytes, byte
    for byte, under a UTF-8 name (each foreign byte as %XX); its reason file and its intake row record the original
    name escaped, its SHA-256 and size; the inbox is untouched and a second run changes nothing."""
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / "a/app.pdf")
    loose = _raw_path(batch / "a", "Пример.pdf".encode("cp1251"))
    nested = _raw_path(batch, "Папка".encode("cp1251"), "Өтініш.pdf".encode("utf-8"))
    bodies = {loose: fx.pdf_bytes(1, "cp1251 name"), nested: fx.pdf_bytes(2, "cp1251 folder")}
    for path, body in bodies.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    fx.ready(batch)

    report = run_ingest(settings)

    q = settings.quarantine / BATCH
    escaped = {loose: "a/\\xcf\\xf0\\xe8\\xec\\xe5\\xf0.pdf", nested: "\\xcf\\xe0\\xef\\xea\\xe0/Өтініш.pdf"}
    kept = {loose: q / "a" / "%CF%F0%E8%EC%E5%F0.pdf", nested: q / "%CF%E0%EF%EA%E0" / "Өтініш.pdf"}
    rows = _intake(db_url)
    assert report.archived == 1
    assert sorted(x["path"] for x in report.quarantined) == sorted(escaped.values())
    for path, body in bodies.items():
        copy = kept[path]
        assert copy.read_bytes() == body                                   # byte for byte
        os.fsencode(copy).decode("utf-8")                                  # a UTF-8 name, folder included
        reason = copy.with_name(copy.name + ".reason.txt").read_text(encoding="utf-8")
        assert f"file: inbox/scans/{BATCH}/{escaped[path]}\n" in reason
        assert f"sha256: {_sha(body)}\n" in reason and f"size: {len(body)} bytes\n" in reason
        assert "not valid UTF-8" in reason
        row = rows[escaped[path]]
        assert (row.outcome, row.sha256, row.size) == ("quarantined", _sha(body), len(body))
        assert row.dest_path == copy.relative_to(settings.data_dir).as_posix()
        assert path.read_bytes() == body                                   # the inbox is only read
        assert ("kept as: %CF%F0%E8%EC%E5%F0.pdf\n" in reason) == (path == loose)     # its name changed
        assert all(re.match(r"[^:]+: \S", line) for line in reason.splitlines())    # every line `key: value`
    again = run_ingest(settings)
    assert (again.archived, again.quarantined, again.left_for_later) == (0, [], [])


def test_a_batch_folder_named_in_another_encoding_waits_and_blocks_no_other_batch(settings, db_url):
    """issue 16 item 10: a batch folder whose name is not UTF-8 (it cannot be a key in the database) crashed the
    whole run with UnicodeEncodeError; it now waits with its reason, escaped, and the other batches are taken."""
    bad = _raw_path(settings.scans_inbox, b"2026_grants_" + "Медеу".encode("cp1251") + b"_940140000385")
    fx.pdf(bad / "a/app.pdf")
    fx.ready(bad)
    good = settings.scans_inbox / "2026_grants_Алмалы_940140000385"
    fx.pdf(good / "a/app.pdf", text="the good batch")
    fx.ready(good)
    lines: list[str] = []

    report = run_ingest(settings, progress=lines.append)

    assert report.batches_taken == [good.name] and report.archived == 1
    [waiting] = report.batches_waiting
    assert waiting["batch"] == "2026_grants_\\xcc\\xe5\\xe4\\xe5\\xf3_940140000385"
    assert "not valid UTF-8" in waiting["reason"] and "rename the folder" in waiting["reason"]
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")       # printable, for XCom too
    report.summary().encode("utf-8")
    "\n".join(lines).encode("utf-8")
    assert (bad / "a/app.pdf").exists()                                    # its files wait in the inbox


# --- minor: one pixel limit, one message -------------------------------------------------------------------------

def test_a_196_megapixel_png_is_taken_and_a_202_megapixel_one_refused_with_the_apps_message(tmp_path):
    """issue 16 minor: Pillow's own limit (179 MP) refused a 196-MP PNG as "damaged" below the app's 200 MP; now
    Pillow's limit is the app's (mugalim/limits.py): 196 MP is taken, 202 MP refused with the app's message."""
    from PIL import Image

    from mugalim.limits import MAX_IMAGE_PIXELS
    taken = fx.huge_png(tmp_path / "скан.png", 14_000, 14_000)
    assert sniff(taken).kind == "png"
    with Image.open(taken) as im:                                          # Pillow agrees, wherever it opens it
        assert im.size == (14_000, 14_000)
    refused = fx.huge_png(tmp_path / "слишком.png", 14_200, 14_200)
    with pytest.raises(RejectedInput, match=r"202 megapixels\) is above the limit of 200 megapixels"):
        sniff(refused)
    assert MAX_IMAGE_PIXELS == 200_000_000 and Image.MAX_IMAGE_PIXELS * 2 == MAX_IMAGE_PIXELS


def test_ingest_archives_the_196_megapixel_png(settings, db_url):
    """issue 16 minor: through the whole ingest, the 196-MP scan is archived, not quarantined as damaged."""
    batch = settings.scans_inbox / BATCH
    fx.huge_png(batch / "a/плакат.png", 14_000, 14_000)
    fx.ready(batch)
    report = run_ingest(settings)
    assert report.archived == 1 and report.quarantined == []


# --- minor: a PDF/ZIP polyglot, JavaScript and Launch actions ----------------------------------------------------

def _with_catalog(entries: dict[str, object]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fx.pdf_bytes(1, "active"))))
    for key, value in entries.items():
        writer._root_object[NameObject(key)] = value(writer) if callable(value) else value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _action(kind: str, **fields: str) -> DictionaryObject:
    d = DictionaryObject({NameObject("/S"): NameObject(kind)})
    d.update({NameObject(f"/{k}"): TextStringObject(v) for k, v in fields.items()})
    return d


def javascript_pdf() -> bytes:
    """A document-level script in the catalog's /Names /JavaScript tree (what Acrobat runs on opening)."""
    def names(w: PdfWriter) -> DictionaryObject:
        script = w._add_object(_action("/JavaScript", JS="app.alert('hi');"))
        return DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])})})
    return _with_catalog({"/Names": names})


def launch_pdf() -> bytes:
    """An /OpenAction that launches a program."""
    return _with_catalog({"/OpenAction": lambda w: w._add_object(_action("/Launch", F="cmd.exe"))})


def page_js_pdf() -> bytes:
    """JavaScript in the first page's additional actions (/AA /O: on opening the page)."""
    reader = PdfReader(io.BytesIO(fx.pdf_bytes(1, "page aa")))
    writer = PdfWriter(clone_from=reader)
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(_action("/JavaScript", JS="this.print();"))})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def polyglot_pdf() -> bytes:
    """`%PDF` at the start, a ZIP (its central directory) at the end: a viewer opens a PDF, an archiver a ZIP."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("setup.exe", b"MZ" + b"\0" * 200)
    return fx.pdf_bytes(1, "polyglot") + packed.getvalue()


def test_pdf_notes_for_a_zip_polyglot_javascript_and_launch(tmp_path):
    """issue 16 minor: a PDF that is a ZIP too, and a PDF with JavaScript (document or page level) or a Launch
    action, is taken as a PDF with a note saying so; an ordinary PDF has none."""
    cases = {"plain": fx.pdf_bytes(1, "plain"), "poly": polyglot_pdf(), "js": javascript_pdf(),
             "page_js": page_js_pdf(), "launch": launch_pdf()}
    notes = {}
    for name, body in cases.items():
        (tmp_path / f"{name}.pdf").write_bytes(body)
        t = sniff(tmp_path / f"{name}.pdf")
        assert (t.kind, t.pages) == ("pdf", 1)
        notes[name] = t.note
    assert notes["plain"] is None
    assert "also a ZIP archive (1 entry)" in notes["poly"] and "not unpacked" in notes["poly"]
    assert "holds JavaScript" in notes["js"] and "holds JavaScript" in notes["page_js"]
    assert "Launch action" in notes["launch"] and "JavaScript" not in notes["launch"]


def attachment_pdf() -> bytes:
    """A file embedded in the document (/Names /EmbeddedFiles), as Acrobat's "Attach file" makes it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fx.pdf_bytes(1, "attached"))))
    writer.add_attachment("invoice.exe", b"MZ" + b"\0" * 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xfa_pdf() -> bytes:
    """An XFA form: /AcroForm /XFA, the form a viewer builds from XML (and may script)."""
    def acroform(w: PdfWriter) -> DictionaryObject:
        from pypdf.generic import DecodedStreamObject
        xml = DecodedStreamObject()
        xml.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><template/></xdp:xdp>")
        return DictionaryObject({NameObject("/Fields"): ArrayObject(),
                                 NameObject("/XFA"): ArrayObject([TextStringObject("template"),
                                                                   w._add_object(xml)])})
    return _with_catalog({"/AcroForm": acroform})


def uri_pdf() -> bytes:
    """A link on the first page that opens a web address (/Annots, /A /S /URI)."""
    from pypdf.annotations import Link
    from pypdf.generic import RectangleObject
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fx.pdf_bytes(1, "link"))))
    writer.add_annotation(0, Link(rect=RectangleObject((50, 50, 200, 80)), url="https://example.invalid/x"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_notes_for_embedded_files_an_xfa_form_and_web_links(tmp_path):
    """issue 16 minor (gap of the review): a PDF with embedded files, an XFA form or a URI action passed without a
    note (JavaScript and Launch had one). Each is now taken as a PDF — a note, not a quarantine, as for
    JavaScript — with a note naming what it holds; several are named in one note."""
    cases = {"attached": attachment_pdf(), "xfa": xfa_pdf(), "uri": uri_pdf(),
             "both": _with_catalog({"/OpenAction": lambda w: w._add_object(
                 _action("/URI", URI="https://example.invalid/")), "/AcroForm": lambda w: xfa_acroform(w)})}
    notes = {}
    for name, body in cases.items():
        (tmp_path / f"{name}.pdf").write_bytes(body)
        t = sniff(tmp_path / f"{name}.pdf")
        assert (t.kind, t.pages) == ("pdf", 1)
        notes[name] = str(t.note or "")
    assert "embedded files" in notes["attached"] and "JavaScript" not in notes["attached"]
    assert "XFA form" in notes["xfa"] and "embedded" not in notes["xfa"]
    assert "links to web addresses" in notes["uri"] and "XFA" not in notes["uri"]
    assert "XFA form" in notes["both"] and " and links to web addresses" in notes["both"]
    for note in notes.values():
        assert "nothing in it is run, opened or sent here" in note


def xfa_acroform(w: PdfWriter) -> DictionaryObject:
    return DictionaryObject({NameObject("/Fields"): ArrayObject(),
                             NameObject("/XFA"): TextStringObject("<xdp:xdp/>")})


def test_ingest_records_and_reports_the_pdf_notes(settings, db_url):
    """issue 16 minor: the notes are in the intake row and the report (Notes), the files archived as PDFs; a
    JavaScript PDF named `.txt` carries both notes."""
    batch = settings.scans_inbox / BATCH
    (batch / "a").mkdir(parents=True)
    (batch / "a/poly.pdf").write_bytes(polyglot_pdf())
    (batch / "a/script.txt").write_bytes(javascript_pdf())
    fx.ready(batch)

    report = run_ingest(settings)

    assert report.archived == 2 and report.quarantined == []
    rows = _intake(db_url)
    assert "also a ZIP archive" in rows["a/poly.pdf"].note
    assert "named '.txt'" in rows["a/script.txt"].note and "holds JavaScript" in rows["a/script.txt"].note
    summary = report.summary()
    assert "a/poly.pdf: also a ZIP archive" in summary and "holds JavaScript" in summary
