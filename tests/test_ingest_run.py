"""`run_ingest` end to end on real files, on SQLite and PostgreSQL: every bad input ends quarantined or reported with
a reason naming the file while the rest of its batch is taken; nothing in the inbox changes; a second run changes
nothing."""
from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import ingest_fixtures as fx
from mugalim.config import Settings
from mugalim.db import engine_for
from mugalim.ingest import run_ingest

LATER = timedelta(minutes=11)


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` (links as links) → its SHA-256 (or the link's target)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            p = Path(dirpath, name)
            key = p.relative_to(root).as_posix()
            out[key] = "link:" + os.readlink(p) if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def intake(url: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    with engine_for(url).connect() as c:
        rows = c.execute(sa.text("SELECT batch, rel_path, outcome, reason FROM intake")).all()
    return {(r.batch, r.rel_path): (r.outcome, r.reason) for r in rows}


def counts(url: str) -> dict[str, int]:
    with engine_for(url).connect() as c:
        return {t: c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("batches", "documents", "intake", "dossiers", "dossier_documents")}


@pytest.fixture
def settings(data_dir: Path, db_url: str) -> Settings:
    s = Settings.load(data_dir, db_url)
    s.ensure_layout()
    return s


BATCH = "2026_teacher_of_year_Алмалы ауданы_940140000385"


def build_bad_batch(scans: Path, outside: Path) -> Path:
    b = scans / BATCH
    fx.pdf(b / "Иванова Анна/Өтініш.pdf", pages=2)
    fx.tiff(b / "Иванова Анна/Портфолио сканы.tif", pages=3)
    fx.mp4(b / "Иванова Анна/бейне.mp4")
    fx.jpeg(b / "Иванова Анна/диплом.pdf")                     # a JPEG named .pdf
    fx.empty(b / "Петров/пусто.pdf")
    fx.truncated_pdf(b / "Петров/обрезан.pdf")
    fx.encrypted_pdf(b / "Петров/пароль.pdf")
    fx.docx(b / "Петров/заявление.docx")
    fx.text(b / "Петров/readme.txt")
    fx.exe(b / "Петров/setup.exe")
    fx.huge_png(b / "Петров/огромный.png")
    fx.png(b / "Петров/фото.png")
    secret = outside / "secret.pdf"
    fx.pdf(secret, text="not in the inbox")
    (b / "Петров").joinpath("ссылка.pdf").symlink_to(secret)
    fx.ready(b)
    return b


def test_every_bad_input_is_quarantined_with_its_reason_and_the_rest_is_taken(settings, db_url, tmp_path):
    outside = tmp_path / "outside"
    batch = build_bad_batch(settings.scans_inbox, outside)
    before = tree(settings.inbox)
    lines: list[str] = []

    report = run_ingest(settings, progress=lines.append)

    assert report.batches_taken == [BATCH]
    outcomes = {path: outcome for (b, path), (outcome, _) in intake(db_url).items()}
    assert outcomes == {
        "Иванова Анна/Өтініш.pdf": "archived", "Иванова Анна/Портфолио сканы.tif": "archived",
        "Иванова Анна/бейне.mp4": "archived", "Иванова Анна/диплом.pdf": "archived",
        "Петров/фото.png": "archived",
        "Петров/пусто.pdf": "quarantined", "Петров/обрезан.pdf": "quarantined", "Петров/пароль.pdf": "quarantined",
        "Петров/заявление.docx": "quarantined", "Петров/readme.txt": "quarantined",
        "Петров/setup.exe": "quarantined", "Петров/огромный.png": "quarantined", "Петров/ссылка.pdf": "quarantined",
    }
    reasons = {q["path"]: q["reason"] for q in report.quarantined}
    assert "empty" in reasons["Петров/пусто.pdf"]
    assert "truncated PDF" in reasons["Петров/обрезан.pdf"]
    assert "password-protected" in reasons["Петров/пароль.pdf"]
    assert "Word document" in reasons["Петров/заявление.docx"]
    assert "plain text" in reasons["Петров/readme.txt"]
    assert "Windows program" in reasons["Петров/setup.exe"]
    assert "refused without decoding" in reasons["Петров/огромный.png"]
    assert "outside the inbox" in reasons["Петров/ссылка.pdf"]
    # The originals are archived byte for byte; the inbox is untouched.
    for rel in ("Иванова Анна/Өтініш.pdf", "Иванова Анна/Портфолио сканы.tif", "Иванова Анна/бейне.mp4"):
        assert (settings.archive / BATCH / rel).read_bytes() == (batch / rel).read_bytes()
    assert tree(settings.inbox) == before
    # Each quarantined file has its reason beside it, naming the file.
    for rel in reasons:
        reason_file = settings.quarantine / BATCH / (rel + ".reason.txt")
        assert f"inbox/scans/{BATCH}/{rel}" in reason_file.read_text(encoding="utf-8")
    cut = "Петров/обрезан.pdf"
    assert (settings.quarantine / BATCH / cut).read_bytes() == (batch / cut).read_bytes()
    # The JPEG named .pdf is taken as a JPEG and reported.
    assert any(n["path"] == "Иванова Анна/диплом.pdf" and "JPEG" in n["reason"] for n in report.notes)
    assert any("Өтініш.pdf" in line for line in lines)


def test_symlink_outside_the_inbox_is_never_followed(settings, db_url, tmp_path):
    outside = tmp_path / "outside"
    build_bad_batch(settings.scans_inbox, outside)
    secret = (outside / "secret.pdf").read_bytes()

    run_ingest(settings)

    copied = [p for root in (settings.archive, settings.quarantine) for p in root.rglob("*")
              if p.is_file() and p.read_bytes() == secret]
    assert copied == []
    with engine_for(db_url).connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM documents WHERE sha256 = :s"),
                         {"s": hashlib.sha256(secret).hexdigest()}).scalar_one() == 0
    assert (settings.quarantine / BATCH / "Петров/ссылка.pdf.reason.txt").exists()
    assert not (settings.quarantine / BATCH / "Петров/ссылка.pdf").exists()


def test_a_second_run_changes_nothing(settings, db_url, tmp_path):
    build_bad_batch(settings.scans_inbox, tmp_path / "outside")
    run_ingest(settings)
    state = counts(db_url), tree(settings.archive), tree(settings.quarantine)

    again = run_ingest(settings)

    assert (counts(db_url), tree(settings.archive), tree(settings.quarantine)) == state
    assert again.to_dict()["files"] == {"archived": 0, "duplicate": 0, "quarantined": 0, "left_for_later": 0}
    assert again.batches_taken == []


def test_the_same_file_twice_in_a_batch_and_again_in_a_later_batch_is_registered_once(settings, db_url):
    first = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(first / "Сейітова/портфолио.pdf", text="one portfolio")
    fx.pdf(first / "Сейітова/портфолио_копия.pdf", text="one portfolio")
    fx.ready(first)
    run_ingest(settings)
    later = settings.scans_inbox / "2026_grants_Медеу_940140000385 (2)"
    fx.pdf(later / "Сейітова/портфолио.pdf", text="one portfolio")
    fx.ready(later)

    report = run_ingest(settings)

    rows = intake(db_url)
    assert rows[(first.name, "Сейітова/портфолио_копия.pdf")][0] == "duplicate"
    outcome, reason = rows[(later.name, "Сейітова/портфолио.pdf")]
    assert outcome == "duplicate"
    assert f"archive/{first.name}/Сейітова/портфолио.pdf" in reason
    assert [d["path"] for d in report.duplicates] == ["Сейітова/портфолио.pdf"]
    assert counts(db_url)["documents"] == 1
    # The duplicate still belongs to its dossier in the later batch.
    with engine_for(db_url).connect() as c:
        linked = c.execute(sa.text(
            "SELECT count(*) FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id "
            "WHERE d.batch = :b"), {"b": later.name}).scalar_one()
    assert linked == 1


def test_a_batch_still_being_copied_waits_then_is_taken_once_settled(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/1.pdf")
    minute_ago = datetime.now(UTC).timestamp() - 60
    os.utime(batch / "a/1.pdf", (minute_ago, minute_ago))

    waiting = run_ingest(settings)

    assert waiting.batches_taken == [] and waiting.batches_waiting[0]["batch"] == batch.name
    assert "READY" in waiting.batches_waiting[0]["reason"]
    assert counts(db_url)["intake"] == 0
    taken = run_ingest(settings, now=datetime.now(UTC) + LATER)
    assert taken.batches_taken == [batch.name] and taken.archived == 1


def test_a_file_added_later_to_a_taken_batch_is_taken_on_the_next_run(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/1.pdf")
    fx.ready(batch)
    run_ingest(settings)
    fx.pdf(batch / "a/2.pdf")

    assert run_ingest(settings).archived == 0            # just copied in: the old READY does not vouch for it
    report = run_ingest(settings, now=datetime.now(UTC) + LATER)

    assert report.archived == 1
    assert set(intake(db_url)) == {(batch.name, "a/1.pdf"), (batch.name, "a/2.pdf")}
    with engine_for(db_url).connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM dossier_documents")).scalar_one() == 2


def test_a_batch_without_convention_or_manifest_waits_for_a_person(settings, db_url):
    batch = settings.scans_inbox / "сканы от школы 12"
    fx.pdf(batch / "Ахметова/заявление.pdf")
    fx.ready(batch)

    report = run_ingest(settings)

    assert report.archived == 1
    [waiting] = report.dossiers_waiting
    assert waiting["dossier"] == "Ахметова" and "no manifest.csv" in waiting["reason"]
    with engine_for(db_url).connect() as c:
        assert c.execute(sa.text("SELECT status FROM dossiers")).scalar_one() == "waiting"


def test_loose_pdfs_are_one_dossier_each_with_metadata_from_the_folder_name(settings, db_url):
    batch = settings.scans_inbox / "2026_teacher_of_year_Бостандық_ауданы_940140000385"
    fx.pdf(batch / "Иванова.pdf", pages=5)
    fx.pdf(batch / "Петров.pdf", pages=4)
    fx.ready(batch)

    report = run_ingest(settings)

    assert sorted(d["dossier"] for d in report.dossiers_ready) == ["Иванова.pdf", "Петров.pdf"]
    with engine_for(db_url).connect() as c:
        rows = c.execute(sa.text("SELECT season, competition, district, organization_bin, metadata_source "
                                 "FROM dossiers")).all()
    assert {tuple(r) for r in rows} == {(2026, "teacher_of_year", "Бостандық_ауданы", "940140000385", "folder_name")}


def test_manifest_rows_override_the_folder_name_and_bad_rows_are_reported_by_row(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/app.pdf")
    fx.pdf(batch / "b/app.pdf")
    fx.pdf(batch / "c/app.pdf")
    fx.pdf(batch / "loose.pdf")
    ok = {"competition": "grants", "season": "2026", "organization_bin": "940140000385",
          "organization_type": "preschool", "district": "Медеу", "submitted_on": "2026-04-12"}
    fx.manifest(batch, [
        {**ok, "path": "a/app.pdf", "organization_name": "Бөбекжай 7"},
        {**ok, "path": "b/app.pdf", "organization_bin": fx.BAD_BIN},
        {**ok, "path": "c/app.pdf", "submitted_on": "2026-02-30"},
        {**ok, "path": "nowhere/app.pdf"},
        {**ok, "path": "../other/app.pdf"},
    ])
    fx.ready(batch)

    report = run_ingest(settings)

    notes = {(n["row"]): n["reason"] for n in report.notes if n["path"] == "manifest.csv"}
    assert "check digit" in notes[3] and "does not exist" in notes[4]
    assert "does not exist" in notes[5] and "escapes the batch" in notes[6]
    waiting = {d["dossier"]: d["reason"] for d in report.dossiers_waiting}
    assert set(waiting) == {"b", "c"} and "row 3" in waiting["b"] and "row 4" in waiting["c"]
    with engine_for(db_url).connect() as c:
        a = c.execute(sa.text("SELECT organization_name, organization_type, submitted_on, metadata_source "
                              "FROM dossiers WHERE key = 'a'")).one()
        loose = c.execute(sa.text("SELECT status, metadata_source FROM dossiers WHERE key = 'loose.pdf'")).one()
    assert (a.organization_name, a.organization_type, a.metadata_source) == ("Бөбекжай 7", "preschool", "manifest")
    assert str(a.submitted_on) == "2026-04-12"
    assert tuple(loose) == ("ready", "folder_name")
    assert intake(db_url)[(batch.name, "manifest.csv")][0] == "archived"


def test_a_manifest_with_an_unknown_column_is_quarantined_and_its_dossiers_wait(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/app.pdf")
    cols = ["path", "competition", "season", "organization_bin", "organization_name", "organization_type",
            "district", "submitted_on", "teacher_phone"]
    fx.manifest(batch, [{"path": "a/app.pdf"}], columns=cols)
    fx.ready(batch)

    report = run_ingest(settings)

    [q] = report.quarantined
    assert q["path"] == "manifest.csv" and "row 1" in q["reason"] and "teacher_phone" in q["reason"]
    assert (settings.quarantine / batch.name / "manifest.csv.reason.txt").exists()
    assert report.archived == 1
    [w] = report.dossiers_waiting
    assert "manifest.csv was refused" in w["reason"]


def test_the_command_prints_the_summary_and_exits_0_even_with_quarantined_files(settings, db_url, capsys):
    from mugalim.cli import main

    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/app.pdf")
    fx.exe(batch / "a/virus.exe")
    fx.ready(batch)

    code = main(["ingest", "--data", str(settings.data_dir), "--db-url", db_url])

    out = capsys.readouterr().out
    assert code == 0
    counts = {line.rsplit(maxsplit=1)[0].strip(): line.split()[-1] for line in out.splitlines()[1:8]}
    assert counts["карантиндегі файлдар"] == "1" and "a/virus.exe" in out       # "files quarantined", in Kazakh
    assert main(["ingest", "--data", str(settings.data_dir), "--db-url", db_url, "--settle-minutes", "-1"]) == 2


def test_a_fifo_and_a_name_in_another_encoding_are_quarantined_without_blocking(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "a/app.pdf")
    os.mkfifo(batch / "a/pipe.pdf")                               # reading it would block forever
    cp1251_name = os.fsencode(batch / "a") + b"/" + "Пример.pdf".encode("cp1251")
    Path(os.fsdecode(cp1251_name)).write_bytes(fx.pdf_bytes(1, "cp1251"))
    fx.ready(batch)

    report = run_ingest(settings)

    reasons = {q["path"]: q["reason"] for q in report.quarantined}
    assert "not a regular file" in reasons["a/pipe.pdf"]
    assert "not valid UTF-8" in reasons["a/\\xcf\\xf0\\xe8\\xec\\xe5\\xf0.pdf"]
    assert report.archived == 1
    assert run_ingest(settings).quarantined == []


def test_a_quarantined_loose_file_makes_no_dossier_but_a_folder_of_bad_files_waits(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "Ахметов.pdf")
    fx.docx(batch / "notes.docx")
    fx.empty(batch / "Бекова/өтініш.pdf")
    fx.ready(batch)

    report = run_ingest(settings)

    assert [d["dossier"] for d in report.dossiers_ready] == ["Ахметов.pdf"]
    assert [(d["dossier"], d["reason"]) for d in report.dossiers_waiting] == [
        ("Бекова", "none of its files could be taken (see the quarantine)")]


def test_an_iin_in_a_file_name_is_masked_in_progress_and_report(settings, db_url):
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.pdf(batch / "850314401236/өтініш.pdf")
    fx.exe(batch / "850314401236/850314401236.exe")
    fx.ready(batch)
    lines: list[str] = []

    report = run_ingest(settings, progress=lines.append)

    shown = "\n".join(lines) + report.summary() + str(report.to_dict())
    assert "850314401236" not in shown and "********1236" in shown
    assert (batch.name, "850314401236/өтініш.pdf") in intake(db_url)      # the database keeps the real name
