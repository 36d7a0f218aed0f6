"""Issue 18: the files people really send are taken — DOCX and ODT (typed from the ZIP container's own members, never
the name), HEIC/HEIF phone photos, videos in MOV, AVI and MKV — and a damaged or unwanted one is refused with its
reason. Real files made by python-docx, odfpy, pillow-heif and ffmpeg."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import ingest_fixtures as fx
import office_fixtures as of
from mugalim.config import Settings
from mugalim.errors import RejectedInput
from mugalim.ingest import run_ingest
from mugalim.ingest.filetypes import WORD_MAIN, sniff


def _retyped(path: Path, dest: Path, content_type: str) -> Path:
    """`path` (a DOCX) with its main part declared as `content_type` (a template, a document with macros)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(WORD_MAIN.encode(), content_type.encode())
            out.writestr(info, data)
    return dest


def _cut(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


@pytest.mark.parametrize("build, name, kind", [
    (lambda p: of.docx(p), "эссе.docx", "docx"),
    (lambda p: of.odt(p), "эссе.odt", "odt"),
    (lambda p: of.heic(p), "IMG_0001.HEIC", "heic"),
    (lambda p: of.video(p, "mov"), "IMG_0002.MOV", "mov"),
    (lambda p: of.video(p, "avi"), "бейне.avi", "avi"),
    (lambda p: of.video(p, "matroska"), "бейне.mkv", "mkv"),
    (lambda p: of.zip_of(p, {"a.pdf": of.pdf_bytes("a")}), "dossier.zip", "zip"),
])
def test_issue_18_new_kinds_are_taken_from_their_content(tmp_path, build, name, kind):
    ftype = sniff(build(tmp_path / name))
    assert ftype.kind == kind and ftype.note is None


def test_issue_18_a_word_document_named_pdf_is_taken_as_word_with_a_note_and_a_template_too(tmp_path):
    path = of.docx(tmp_path / "эссе.pdf")
    ftype = sniff(path)
    assert ftype.kind == "docx" and ftype.note == \
        "named '.pdf' but the content is Word document (.docx): taken as Word document (.docx)"
    template = _retyped(path, tmp_path / "үлгі.dotx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    assert sniff(template).kind == "docx"


@pytest.mark.parametrize("make, reason", [
    (lambda p: _retyped(of.docx(p.with_suffix(".docx")), p, "application/vnd.ms-word.document.macroEnabled.main+xml"),
     "a Word document with macros (.docm): save it as .docx"),
    (lambda p: _cut(of.docx(p), 0.7), "damaged ZIP archive (or Office document)"),
    (lambda p: _cut(of.heic(p, size=(600, 400)), 0.6), "HEIC/HEIF photo"),
    (lambda p: _cut(of.video(p, "mov", seconds=2), 0.6), "truncated QuickTime MOV"),
    (lambda p: _cut(of.video(p, "avi", seconds=2), 0.6), "truncated AVI video"),
    (lambda p: of.video(p, "webm"), "a WebM video (convert it to MP4)"),
    (lambda p: fx.docx(p), "damaged Word document (.docx)"),
])
def test_issue_18_a_damaged_or_unwanted_file_is_refused_with_its_reason(tmp_path, make, reason):
    with pytest.raises(RejectedInput) as e:
        sniff(make(tmp_path / "file.bin"))
    assert reason in str(e.value)


def test_issue_18_an_excel_workbook_is_refused_as_such(tmp_path):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "оценки.docx")
    with pytest.raises(RejectedInput, match=r"the content is an Excel workbook \(.xlsx\)"):
        sniff(tmp_path / "оценки.docx")


def test_issue_18_a_cut_mkv_never_crashes_sniff(tmp_path):
    path = of.video(tmp_path / "a.mkv", "matroska", seconds=2)
    data = path.read_bytes()
    for keep in (0.05, 0.3, 0.9):
        path.write_bytes(data[: int(len(data) * keep)])
        try:
            assert sniff(path).kind == "mkv"
        except RejectedInput as e:
            assert "Matroska" in str(e)


def test_issue_18_run_ingest_archives_the_new_kinds_and_quarantines_a_fake_word_file(data_dir, db_url):
    settings = Settings.load(data_dir, db_url)
    settings.ensure_layout()
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    of.docx(batch / "Ахметова/эссе.docx")
    of.odt(batch / "Ахметова/эссе-копия.odt")
    of.heic(batch / "Ахметова/фото.heic", orientation=6)
    of.video(batch / "Ахметова/бейне.mov", "mov")
    fx.docx(batch / "Ахметова/notes.docx")          # a ZIP that only looks like Word
    fx.ready(batch)

    report = run_ingest(settings)

    assert report.archived == 4
    assert [q["path"] for q in report.quarantined] == ["Ахметова/notes.docx"]
    assert "damaged Word document (.docx)" in report.quarantined[0]["reason"]
    assert report.dossiers_ready == [{"batch": batch.name, "dossier": "Ахметова", "documents": 4}]
