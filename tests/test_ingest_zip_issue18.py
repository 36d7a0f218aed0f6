"""Issue 18: a ZIP of a dossier. Its limits, names and members are decided in one place (`mugalim.ingest.zips`);
`run_ingest` archives the ZIP byte for byte, unpacks it once into the archive, registers its members as files of
the ZIP's dossier, quarantines a ZIP bomb whole and a bad member alone, each with its reason, and a second run
changes nothing. Real ZIPs made by zipfile, with CP866 names as Windows archivers write them."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

import ingest_fixtures as fx
import office_fixtures as of
from mugalim.config import Settings
from mugalim.db import engine_for
from mugalim.errors import RejectedInput
from mugalim.ingest import run_ingest
from mugalim.ingest import run as ingest_run
from mugalim.ingest.filetypes import sniff
from mugalim.ingest.zips import ZipLimits, inspect, member_name

BATCH = "2026_teacher_of_year_Алмалы ауданы_940140000385"


# --- names ---------------------------------------------------------------------------------------------------------

def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [member_name(i) for i in z.infolist()]


def test_issue_18_cp866_names_from_a_windows_archiver_are_decoded(tmp_path):
    path = of.zip_of(tmp_path / "a.zip", {"Иванова Анна/заявление.pdf": b"1", "эссе №1.docx": b"2",
                                          "readme.txt": b"3"}, encoding="cp866")
    with zipfile.ZipFile(path) as z:
        assert not any(i.flag_bits & 0x800 for i in z.infolist())      # no UTF-8 flag: zipfile reads CP437
        assert z.namelist()[0] != "Иванова Анна/заявление.pdf"
    assert _names(path) == ["Иванова Анна/заявление.pdf", "эссе №1.docx", "readme.txt"]


def test_issue_18_utf8_names_with_and_without_the_flag_and_the_cp437_fallback(tmp_path):
    flagged = of.zip_of(tmp_path / "f.zip", {"Өтініш.pdf": b"1"})
    unflagged = of.zip_of(tmp_path / "u.zip", {"Өтініш.pdf": b"1"}, encoding="utf-8")
    other = of.zip_of(tmp_path / "o.zip", {b"plan\xfd.pdf": b"1"})     # CP866 would give a sign, not a letter
    assert _names(flagged) == _names(unflagged) == ["Өтініш.pdf"]
    assert _names(other) == ["plan².pdf"]


# --- members -------------------------------------------------------------------------------------------------------

def test_issue_18_traversal_absolute_paths_and_links_are_refused_each_with_its_reason(tmp_path):
    path = of.zip_of(tmp_path / "a.zip", {"ok.pdf": b"1", "../../etc/evil.pdf": b"2", "/etc/cron.d/x": b"3",
                                          "C:\\Windows\\x.pdf": b"4", "dir\\..\\..\\y.pdf": b"5",
                                          "__MACOSX/._ok.pdf": b"6", "sub/.DS_Store": b"7"})
    members = {m.name: m for m in inspect(path).members}
    assert members["ok.pdf"].refusal is None and members["ok.pdf"].path == "ok.pdf"
    assert "climbs out of its folder" in members["../../etc/evil.pdf"].refusal
    assert "absolute path" in members["/etc/cron.d/x"].refusal
    assert "absolute path" in members["C:\\Windows\\x.pdf"].refusal
    assert "climbs out" in members["dir\\..\\..\\y.pdf"].refusal
    assert members["__MACOSX/._ok.pdf"].skipped and members["sub/.DS_Store"].skipped
    assert all(".." not in m.path.split("/") and not m.path.startswith("/") for m in members.values())
    linked = of.zip_with_symlink(tmp_path / "l.zip", "passwd.pdf", "/etc/passwd", {"ok.pdf": b"1"})
    link = next(m for m in inspect(linked).members if m.name == "passwd.pdf")
    assert "symbolic link" in link.refusal


def test_issue_18_a_zip_bomb_is_refused_whole_naming_the_member_and_the_ratio(tmp_path):
    path = of.zip_bomb(tmp_path / "bomb.zip", mib=64, files={"ok.pdf": of.pdf_bytes("x")})
    assert path.stat().st_size < 200_000
    with pytest.raises(RejectedInput, match=r"a ZIP bomb: 'video.mp4' unpacks to 64 MiB .* times its packed size"):
        inspect(path)


def test_issue_18_limits_on_total_size_member_count_and_depth(tmp_path):
    files = {f"f{i}.pdf": of.pdf_bytes(str(i)) for i in range(6)}
    path = of.zip_of(tmp_path / "a.zip", files)
    with pytest.raises(RejectedInput, match="holds 6 (entries|files).* more than the 5 allowed"):
        inspect(path, limits=ZipLimits(max_members=5))
    with pytest.raises(RejectedInput, match="unpacks to .* more than the limit"):
        inspect(path, limits=ZipLimits(max_total_bytes=1000))
    inner = of.zip_bytes({"inner.pdf": of.pdf_bytes("inner")})
    innermost = of.zip_bytes({"deep.zip": of.zip_bytes({"deepest.pdf": of.pdf_bytes("deep")})})
    nested = of.zip_of(tmp_path / "n.zip", {"a.pdf": of.pdf_bytes("a"), "inner.zip": inner, "two.zip": innermost})
    members = {m.name: m for m in inspect(nested).members}
    assert members["inner.zip"].nested and members["inner.zip"].refusal is None
    assert members["two.zip"].refusal is None                  # one level inside: unpacked …
    deep = {m.name: m for m in inspect(tmp_path / "n.zip", depth=1).members}
    assert "nested 2 levels deep" in deep["two.zip"].refusal    # … its own ZIP inside is not
    bomb_inside = of.zip_of(tmp_path / "b.zip", {"a.pdf": b"1",
                                                 "bomb.zip": of.zip_bomb(tmp_path / "x.zip", mib=32).read_bytes()})
    with pytest.raises(RejectedInput, match="the ZIP 'bomb.zip' inside it: a ZIP bomb"):
        inspect(bomb_inside)


def test_issue_18_a_damaged_or_empty_zip_is_refused(tmp_path):
    good = of.zip_of(tmp_path / "a.zip", {"a.pdf": of.pdf_bytes("a")}).read_bytes()
    (tmp_path / "cut.zip").write_bytes(good[: len(good) // 2])
    with pytest.raises(RejectedInput, match="damaged ZIP"):
        sniff(tmp_path / "cut.zip")
    of.zip_of(tmp_path / "empty.zip", {"__MACOSX/._x": b"1"})
    with pytest.raises(RejectedInput, match="holds no files"):
        inspect(tmp_path / "empty.zip")


def test_issue_18_a_word_document_that_is_a_zip_bomb_is_refused_by_sniff(tmp_path):
    path = of.docx(tmp_path / "essay.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/zeros.bin", "w") as f:
        for _ in range(40):
            f.write(bytes(1 << 20))
    with pytest.raises(RejectedInput, match="Word document .*a ZIP bomb"):
        sniff(path)


# --- run_ingest ----------------------------------------------------------------------------------------------------

@pytest.fixture
def settings(data_dir: Path, db_url: str) -> Settings:
    s = Settings.load(data_dir, db_url)
    s.ensure_layout()
    return s


def _intake(url: str) -> dict[str, tuple[str, str | None, str | None]]:
    with engine_for(url).connect() as c:
        rows = c.execute(sa.text("SELECT rel_path, outcome, kind, reason FROM intake")).all()
    return {r.rel_path: (r.outcome, r.kind, r.reason) for r in rows}


def _counts(url: str) -> dict[str, int]:
    with engine_for(url).connect() as c:
        return {t: c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("documents", "intake", "dossiers", "dossier_documents")}


def _dossier_zip(path: Path) -> Path:
    inner = of.zip_bytes({"сертификат.jpg": of.jpeg_bytes("cert")})
    return of.zip_of(path, {
        "Иванова/заявление.pdf": of.pdf_bytes("application"),
        "Иванова/эссе.docx": of.docx(path.parent / "tmp" / "e.docx").read_bytes(),
        "Иванова/фото.heic": of.heic(path.parent / "tmp" / "p.heic").read_bytes(),
        "Иванова/дипломы.zip": inner,
        "../../../etc/evil.pdf": of.pdf_bytes("evil"),
        "readme.txt": b"just text\n",
        "__MACOSX/Иванова/._эссе.docx": b"\x00\x05\x16\x07",
    }, encoding="cp866")


def test_issue_18_a_dossier_zip_is_archived_byte_for_byte_unpacked_once_and_its_members_registered(
        settings, db_url, tmp_path):
    batch = settings.scans_inbox / BATCH
    src = _dossier_zip(tmp_path / "src" / "x.zip")
    (batch / "Иванова.zip").parent.mkdir(parents=True)
    (batch / "Иванова.zip").write_bytes(src.read_bytes())
    fx.pdf(batch / "Петров/өтініш.pdf")
    (batch / "Петров/портфолио.zip").write_bytes(of.zip_bytes({"диплом.pdf": of.pdf_bytes("diploma")}))
    of.zip_bomb(batch / "bomb.zip", mib=64)
    fx.ready(batch)
    lines: list[str] = []

    report = run_ingest(settings, progress=lines.append)

    rows = _intake(db_url)
    z = "Иванова.zip"
    assert {k: v[0] for k, v in rows.items()} == {
        z: "archived", f"{z}/Иванова/заявление.pdf": "archived", f"{z}/Иванова/эссе.docx": "archived",
        f"{z}/Иванова/фото.heic": "archived", f"{z}/Иванова/дипломы.zip": "archived",
        f"{z}/Иванова/дипломы.zip/сертификат.jpg": "archived", f"{z}/etc/evil.pdf": "quarantined",
        f"{z}/readme.txt": "quarantined", "Петров/өтініш.pdf": "archived", "Петров/портфолио.zip": "archived",
        "Петров/портфолио.zip/диплом.pdf": "archived", "bomb.zip": "quarantined"}
    assert rows[z][1] == "zip" and rows[f"{z}/Иванова/эссе.docx"][1] == "docx"
    assert rows[f"{z}/Иванова/фото.heic"][1] == "heic"
    assert "path traversal" in rows[f"{z}/etc/evil.pdf"][2] and "in the ZIP Иванова.zip" in rows[f"{z}/etc/evil.pdf"][2]
    assert "plain text" in rows[f"{z}/readme.txt"][2]
    assert "a ZIP bomb: 'video.mp4'" in rows["bomb.zip"][2]
    # The ZIP byte for byte, and its members beside it, under the names the archiver meant.
    archive = settings.archive / BATCH
    assert (archive / z).read_bytes() == src.read_bytes()
    unpacked = archive / "Иванова.zip.unpacked"
    assert (unpacked / "Иванова/заявление.pdf").read_bytes() == of.pdf_bytes("application")
    assert (unpacked / "Иванова/дипломы.zip.unpacked/сертификат.jpg").read_bytes() == of.jpeg_bytes("cert")
    assert not (unpacked / "__MACOSX").exists() and not list(settings.data_dir.rglob("evil.pdf"))
    # Each refusal has its reason file naming the file; the bomb is kept in quarantine byte for byte.
    reason = (settings.quarantine / BATCH / "Иванова.zip/etc/evil.pdf.reason.txt").read_text(encoding="utf-8")
    assert "../../../etc/evil.pdf" in reason and "Иванова.zip" in reason
    assert (settings.quarantine / BATCH / "bomb.zip").read_bytes() == (batch / "bomb.zip").read_bytes()
    assert "ZIP bomb" in (settings.quarantine / BATCH / "bomb.zip.reason.txt").read_text(encoding="utf-8")
    # The members are files of the ZIP's dossier; the ZIP itself is a container, not a document.
    ready = {d["dossier"]: d["documents"] for d in report.dossiers_ready}
    assert ready == {"Иванова.zip": 4, "Петров": 2}         # 4 documents: the ZIP inside is a container too
    assert any("unpacking    Иванова.zip (ZIP, 6 file(s))" in line for line in lines)
    assert any("archived     Иванова.zip (ZIP: 5 file(s) unpacked, 0 duplicate(s), 2 refused; 1 system file(s)"
               in line for line in lines)
    # Idempotent: a second run changes nothing.
    before = _counts(db_url)
    again = run_ingest(settings)
    assert _counts(db_url) == before
    assert again.archived == 0 and again.quarantined == [] and again.duplicates == []
    assert not (settings.data_dir / ingest_run.UNPACKING).exists() or \
        not any((settings.data_dir / ingest_run.UNPACKING).iterdir())


def test_issue_18_the_same_zip_in_another_batch_is_a_duplicate_and_not_unpacked_again(settings, db_url, tmp_path):
    data = of.zip_bytes({"a.pdf": of.pdf_bytes("a"), "b.pdf": of.pdf_bytes("b")})
    for name in ("2026_grants_Медеу_940140000385", "2026_grants_Алмалы_940140000385"):
        (settings.scans_inbox / name).mkdir(parents=True)
        (settings.scans_inbox / name / "Ахметов.zip").write_bytes(data)
        fx.ready(settings.scans_inbox / name)
    report = run_ingest(settings)
    assert report.archived == 3
    assert [d["path"] for d in report.duplicates] == ["Ахметов.zip"]
    assert "already unpacked as archive/2026_grants_Алмалы_940140000385/Ахметов.zip" in report.duplicates[0]["reason"]
    assert _counts(db_url)["documents"] == 2


def test_issue_18_a_run_killed_while_unpacking_is_finished_by_the_next_run(settings, db_url, tmp_path, monkeypatch):
    batch = settings.scans_inbox / BATCH
    batch.mkdir(parents=True)
    files = {f"doc{i}.pdf": of.pdf_bytes(f"doc {i}") for i in range(4)}
    (batch / "Ким.zip").write_bytes(of.zip_bytes(files))
    fx.ready(batch)
    real = ingest_run._ingest_member
    calls = {"n": 0}

    def dies_on_the_third(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("killed")
        return real(*args, **kw)

    monkeypatch.setattr(ingest_run, "_ingest_member", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run_ingest(settings)
    assert set(_intake(db_url)) == {"Ким.zip/doc0.pdf", "Ким.zip/doc1.pdf"}     # the ZIP's own row comes last
    monkeypatch.setattr(ingest_run, "_ingest_member", real)

    report = run_ingest(settings)

    assert {k: v[0] for k, v in _intake(db_url).items()} == {
        "Ким.zip": "archived", **{f"Ким.zip/doc{i}.pdf": "archived" for i in range(4)}}
    assert report.archived == 3 and report.duplicates == []
    assert _counts(db_url)["documents"] == 4


def test_issue_18_the_info_zip_unicode_path_field_gives_the_name(tmp_path):
    import struct
    import zlib

    raw = b"OTINISH.PDF"                          # what an old archiver put in the name field
    field = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + "Өтініш.pdf".encode()
    info = zipfile.ZipInfo(raw.decode())
    info.extra = struct.pack("<HH", 0x7075, len(field)) + field
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
        z.writestr(info, b"1")
    assert _names(tmp_path / "a.zip") == ["Өтініш.pdf"]


def test_issue_18_a_damaged_member_is_refused_alone_and_the_others_are_taken(settings, db_url):
    batch = settings.scans_inbox / BATCH
    batch.mkdir(parents=True)
    good, bad = of.pdf_bytes("good"), of.pdf_bytes("bad one")
    path = batch / "Ким.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("good.pdf", good)
        z.writestr("bad.pdf", bad)
    data = bytearray(path.read_bytes())
    at = data.find(bad) + len(bad) // 2
    data[at] ^= 0xFF                                 # one byte of the second member's data: its CRC fails
    path.write_bytes(bytes(data))
    fx.ready(batch)

    report = run_ingest(settings)

    rows = _intake(db_url)
    assert rows["Ким.zip/good.pdf"][0] == "archived" and rows["Ким.zip"][0] == "archived"
    assert rows["Ким.zip/bad.pdf"][0] == "quarantined"
    assert "the member 'bad.pdf' in the ZIP Ким.zip cannot be unpacked: its data is damaged" in \
        rows["Ким.zip/bad.pdf"][2]
    assert report.archived == 2
