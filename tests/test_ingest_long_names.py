"""Issue 16 item 3: a long file name no longer stops ingest for good.

A name over ~234 bytes made the temporary `.<name>.<pid>.mugalim-part` longer than NAME_MAX (255 bytes): ingest
crashed on it at every run and the later batches were never taken. Now temporary names have a fixed length, a final
name too long for the archive's suffixes is shortened (on a character boundary, with a hash of the whole name), and
any file system error on one file quarantines that file or leaves it for a later run while the rest goes on. A
newline in a name is shown escaped wherever names are written as lines (issue 16's minor list).
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import ingest_fixtures as fx
from mugalim.config import Settings
from mugalim.db import engine_for
from mugalim.ingest import archive, run_ingest
from mugalim.ingest import run as ingest_run
from mugalim.ingest.archive import MAX_NAME_BYTES, NAME_MAX, safe_name, store_copy, temp_path
from mugalim.ingest.report import shown

LATER = timedelta(minutes=11)
BATCH = "2026_grants_Медеу_940140000385"
CYRILLIC = "Әлиева_" * 19 + ".pdf"             # 251 bytes: 19 × 13 + 4
CYRILLIC_TWIN = "Әлиева_" * 19 + "2.pdf"       # 252 bytes, the same first 247 bytes
ASCII_EXE = "a" * 251 + ".exe"                  # 255 bytes: the longest name a file system allows
ASCII_PDF = "b" * 251 + ".pdf"
NORMAL = "өтініш.pdf"                            # sorts after every long name: taken after them


def nbytes(name: str) -> int:
    return len(name.encode("utf-8", "surrogateescape"))


@pytest.fixture
def settings(data_dir: Path, db_url: str) -> Settings:
    s = Settings.load(data_dir, db_url)
    s.ensure_layout()
    return s


def intake(url: str) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    with engine_for(url).connect() as c:
        rows = c.execute(sa.text("SELECT batch, rel_path, outcome, reason, dest_path FROM intake")).all()
    return {(r.batch, r.rel_path): (r.outcome, r.reason, r.dest_path) for r in rows}


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def state(settings: Settings, url: str) -> tuple[object, ...]:
    with engine_for(url).connect() as c:
        counts = tuple(c.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                       for t in ("batches", "documents", "intake", "dossiers", "dossier_documents"))
    return counts, tree(settings.archive), tree(settings.quarantine)


def long_batch(scans: Path) -> Path:
    b = scans / BATCH
    fx.pdf(b / CYRILLIC, text="Әлиева one")
    fx.pdf(b / CYRILLIC_TWIN, text="Әлиева two")
    fx.exe(b / ASCII_EXE)
    fx.pdf(b / ASCII_PDF, text="ascii")
    fx.pdf(b / NORMAL, text="normal")
    fx.ready(b)
    return b


# --- the run -----------------------------------------------------------------------------------------------------

def test_long_names_are_archived_or_quarantined_and_later_files_and_batches_are_taken(settings, db_url):
    """Issue 16 item 3: names of 251–255 bytes (Cyrillic and ASCII) are taken, the file after them too, and the
    batch after theirs; nothing is lost, no temporary file is left, a second run changes nothing."""
    batch = long_batch(settings.scans_inbox)
    after = settings.scans_inbox / (BATCH + " (2)")
    fx.pdf(after / "Ахметов.pdf", text="the next batch")
    fx.ready(after)

    report = run_ingest(settings)

    assert report.batches_taken == [BATCH, after.name]
    rows = intake(db_url)
    assert {k: v[0] for k, v in rows.items()} == {
        (BATCH, CYRILLIC): "archived", (BATCH, CYRILLIC_TWIN): "archived", (BATCH, ASCII_PDF): "archived",
        (BATCH, ASCII_EXE): "quarantined", (BATCH, NORMAL): "archived", (after.name, "Ахметов.pdf"): "archived"}
    assert report.archived == 5 and report.left_for_later == []
    # Every copy is the original byte for byte, under a name that leaves room for `.<sha8>` and `.reason.txt`.
    for name in (CYRILLIC, CYRILLIC_TWIN, ASCII_PDF, NORMAL):
        dest = settings.data_dir / rows[(BATCH, name)][2]
        assert dest.read_bytes() == (batch / name).read_bytes()
        assert nbytes(dest.name) <= MAX_NAME_BYTES
    assert rows[(BATCH, NORMAL)][2] == f"archive/{BATCH}/{NORMAL}"
    assert rows[(BATCH, CYRILLIC)][2] != rows[(BATCH, CYRILLIC_TWIN)][2]       # a shared prefix does not collide
    # The registry and the report keep the original name; a note says where the copy is.
    shortened = [n for n in report.notes if "archived as" in n["reason"]]
    assert sorted(n["path"] for n in shortened) == sorted([CYRILLIC, CYRILLIC_TWIN, ASCII_PDF])
    # The quarantined file is there with its reason beside it, naming the original.
    [q] = report.quarantined
    assert q["path"] == ASCII_EXE and "Windows program" in q["reason"]
    copy = settings.data_dir / rows[(BATCH, ASCII_EXE)][2]
    assert copy.read_bytes() == (batch / ASCII_EXE).read_bytes()
    reason = copy.with_name(copy.name + ".reason.txt").read_text(encoding="utf-8")
    assert f"file: inbox/scans/{BATCH}/{ASCII_EXE}\n" in reason
    assert list(settings.data_dir.rglob("*mugalim-part")) == []

    before = state(settings, db_url)
    again = run_ingest(settings)
    assert again.to_dict()["files"] == {"archived": 0, "duplicate": 0, "quarantined": 0, "left_for_later": 0}
    assert state(settings, db_url) == before

    later = settings.scans_inbox / (BATCH + " (3)")
    fx.pdf(later / (CYRILLIC_TWIN[:-4] + "3.pdf"), text="a later batch")
    fx.ready(later)
    third = run_ingest(settings)
    assert third.batches_taken == [later.name] and third.archived == 1


def test_a_name_that_fits_is_kept_as_it_is(settings, db_url):
    """Issue 16 item 3: only names too long for the suffixes are shortened; one of MAX_NAME_BYTES is not."""
    name = "ә" * ((MAX_NAME_BYTES - 4) // 2) + "x.pdf"
    assert nbytes(name) == MAX_NAME_BYTES
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / name)
    fx.ready(batch)

    report = run_ingest(settings)

    assert report.archived == 1 and report.notes == []
    assert intake(db_url)[(BATCH, name)][2] == f"archive/{BATCH}/{name}"


# --- names -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [CYRILLIC, CYRILLIC_TWIN, ASCII_EXE, "ғ" * 127 + ".pdf", "x" * 255,
                                  "Ә" * 100 + "." + "қ" * 27, "й" * 60 + unicodedata.normalize("NFD", "й" * 60)])
def test_a_long_name_is_cut_between_letters_and_tagged_with_a_hash_of_the_whole(name):
    """Issue 16 item 3: never a half of a two-byte Kazakh letter, nor a letter without its combining mark."""
    short = safe_name(name)
    assert nbytes(short) <= MAX_NAME_BYTES
    assert short == safe_name(name)
    m = re.fullmatch(r"(.*)~([0-9a-f]{8})(\.[^.]{0,15})?", short, re.S)
    assert m and m.group(2) == hashlib.sha256(name.encode()).hexdigest()[:8]
    stem = m.group(1)
    assert name.startswith(stem) and stem
    assert not unicodedata.combining(name[len(stem)])
    ext = m.group(3) or ""
    assert name.endswith(ext)
    assert nbytes(stem) > MAX_NAME_BYTES - 30                         # cut short, not emptied


def test_a_name_with_bytes_in_another_encoding_is_cut_and_still_encodes():
    """Issue 16 item 3: surrogate escapes (bytes that are not UTF-8) count one byte each and survive the cut."""
    name = os.fsdecode("Пример".encode("cp1251") * 40 + b".pdf")
    short = safe_name(name)
    assert nbytes(short) <= MAX_NAME_BYTES and short.endswith(".pdf")
    short.encode("utf-8", "surrogateescape")


def test_a_temporary_name_does_not_grow_with_the_final_name(tmp_path):
    """Issue 16 item 3: `.<16 hex>.<pid>.mugalim-part` whatever the final name."""
    names = {temp_path(tmp_path / n).name for n in ("a.pdf", "x" * 255, "Ә" * 127)}
    assert {len(n) for n in names} == {len(f".{'0' * 16}.{os.getpid()}.mugalim-part")}
    assert len(names) == 3
    assert all(nbytes(n) < NAME_MAX for n in names)


def test_a_leftover_of_a_killed_copy_to_a_long_name_is_cleared(tmp_path):
    """Issue 16 item 3: the next copy to that name clears our stale temporary file (another pid's), both the new
    fixed-length kind and, for a name that allowed it, the kind older versions wrote; nothing else."""
    src = tmp_path / "src.pdf"
    src.write_bytes(b"%PDF- the bytes")
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    folder = tmp_path / "archive"
    folder.mkdir()
    dest = folder / safe_name(CYRILLIC)
    stale = temp_path(dest).with_name(temp_path(dest).name.replace(f".{os.getpid()}.", ".999999."))
    stale.write_bytes(b"half")
    old_kind = folder / f".{dest.name[:100]}.12.mugalim-part"
    old_kind.write_bytes(b"half")
    other = temp_path(folder / "other.pdf").with_name(temp_path(folder / "other.pdf").name.replace(
        f".{os.getpid()}.", ".999999."))
    other.write_bytes(b"another name's")

    assert store_copy(src, dest, sha) == dest
    store_copy(src, folder / dest.name[:100], sha)

    assert dest.read_bytes() == src.read_bytes()
    assert not stale.exists() and not old_kind.exists() and other.exists()


# --- errors on one file ------------------------------------------------------------------------------------------

def failing_archive(monkeypatch: pytest.MonkeyPatch, name: str, code: int, *, quarantine_too: bool = False) -> None:
    """`store_copy` raising `code` for the file `name` (in the archive; in quarantine too when asked)."""
    real = ingest_run.store_copy

    def store(src: Path, dest: Path, sha256: str) -> Path:
        if src.name == name and (quarantine_too or "/archive/" in dest.as_posix()):
            raise OSError(code, os.strerror(code), str(dest))
        return real(src, dest, sha256)
    monkeypatch.setattr(ingest_run, "store_copy", store)


def test_an_error_the_file_system_gives_for_one_file_quarantines_it_and_the_rest_goes_on(settings, db_url,
                                                                                         monkeypatch):
    """Issue 16 item 3: an OSError on one file (here EINVAL, as a CIFS share gives for a name it cannot hold)
    quarantines it with what and where; the files after it are taken."""
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / "a/first.pdf")
    fx.pdf(batch / "b/second.pdf")
    fx.ready(batch)
    failing_archive(monkeypatch, "first.pdf", errno.EINVAL)

    report = run_ingest(settings)

    [q] = report.quarantined
    assert q["path"] == "a/first.pdf"
    assert "[EINVAL]" in q["reason"] and f"archive/{BATCH}/a/first.pdf" in q["reason"]
    assert (settings.quarantine / BATCH / "a/first.pdf").read_bytes() == (batch / "a/first.pdf").read_bytes()
    assert (settings.quarantine / BATCH / "a/first.pdf.reason.txt").exists()
    assert report.archived == 1 and intake(db_url)[(BATCH, "b/second.pdf")][0] == "archived"


def test_a_full_disk_leaves_the_file_for_a_later_run_instead_of_refusing_it(settings, db_url, monkeypatch):
    """Issue 16 item 3: an error of the machine (ENOSPC) is not the file's: it is left in the inbox, reported, and
    taken by the next run once the disk has room."""
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / "a/first.pdf")
    fx.pdf(batch / "b/second.pdf")
    fx.ready(batch)
    failing_archive(monkeypatch, "first.pdf", errno.ENOSPC)

    report = run_ingest(settings)

    [later] = report.left_for_later
    assert later["path"] == "a/first.pdf" and "[ENOSPC]" in later["reason"]
    assert report.quarantined == [] and report.archived == 1
    monkeypatch.undo()
    again = run_ingest(settings, now=datetime.now(UTC) + LATER)
    assert again.archived == 1 and intake(db_url)[(BATCH, "a/first.pdf")][0] == "archived"


def test_a_file_that_even_quarantine_cannot_hold_is_reported_and_left_for_later(settings, db_url, monkeypatch):
    """Issue 16 item 3: when the quarantine fails too, the file stays in the inbox, unregistered and reported,
    and the next batch is still taken."""
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / "a/first.pdf")
    fx.ready(batch)
    after = settings.scans_inbox / (BATCH + " (2)")
    fx.pdf(after / "next.pdf")
    fx.ready(after)
    failing_archive(monkeypatch, "first.pdf", errno.ENAMETOOLONG, quarantine_too=True)

    report = run_ingest(settings)

    [later] = report.left_for_later
    assert "nor quarantined" in later["reason"] and "[ENAMETOOLONG]" in later["reason"]
    assert (BATCH, "a/first.pdf") not in intake(db_url)
    assert report.batches_taken == [BATCH, after.name] and report.archived == 1


def test_the_reason_names_a_long_path_shortened(settings, db_url, monkeypatch):
    """Issue 16 item 3: the reason says where, without repeating a 255-byte name in full."""
    batch = settings.scans_inbox / BATCH
    fx.pdf(batch / ASCII_PDF)
    fx.ready(batch)
    failing_archive(monkeypatch, ASCII_PDF, errno.ELOOP)

    [q] = run_ingest(settings).quarantined

    assert q["path"] == ASCII_PDF and "[ELOOP]" in q["reason"] and "…" in q["reason"]
    assert len(q["reason"]) < 200


# --- control characters ------------------------------------------------------------------------------------------

def test_a_newline_in_a_name_forges_no_line_of_a_reason_or_of_the_log(settings, db_url):
    """Issue 16 (minor list): a newline in a file name is shown as `\\n` in the reason file, the progress lines
    and the summary; the registry keeps the name as it is."""
    name = "x.exe\nreason: accepted\nfile: other.pdf"
    batch = settings.scans_inbox / BATCH
    fx.exe(batch / name)
    fx.ready(batch)
    lines: list[str] = []

    report = run_ingest(settings, progress=lines.append)

    reason = (settings.quarantine / BATCH / (name + ".reason.txt")).read_text(encoding="utf-8").splitlines()
    assert [line.split(":", 1)[0] for line in reason] == ["себебі", "причина", "file", "sha256", "size",
                                                          "reason (English, for engineers)"]
    assert reason[2] == f"file: inbox/scans/{BATCH}/" + name.replace("\n", "\\n")
    assert all("\n" not in line for line in lines)
    assert not any(line.strip().startswith(("reason:", "file:")) for line in report.summary().splitlines())
    assert (BATCH, name) in intake(db_url)


def test_shown_escapes_controls_and_direction_overrides_only():
    assert shown("a\nb\r\tc\x1b[31m\u202eexe.pdf") == "a\\nb\\r\\tc\\x1b[31m\\u202eexe.pdf"
    assert shown("Әлиева \\xcf.pdf") == "Әлиева \\xcf.pdf"


def test_the_archive_module_keeps_its_limits():
    assert archive.MAX_NAME_BYTES + len(".12345678") + len(".reason.txt") == NAME_MAX
