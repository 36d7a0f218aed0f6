"""Crash safety: `mugalim ingest` killed with SIGKILL at random moments in the middle of a batch, then run again
until it finishes, ends exactly as an uninterrupted run does — every input file registered exactly once, archived
(bytes verified) or quarantined or a duplicate; none lost, none doubled; no temporary file left behind."""
from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

import ingest_fixtures as fx
from mugalim.db import engine_for

MUGALIM = Path(sys.executable).with_name("mugalim")
SEED = 20260226
KILLS = 5          # at least this many kills land before the batch is done


def build_inbox(data: Path, outside: Path) -> None:
    """Two batches, 42 input files: eight dossiers of four scans, a multi-page TIFF, a video, duplicates inside the
    batch and across batches, a manifest, and bad files of every kind."""
    scans = data / "inbox" / "scans"
    a = scans / "2026_teacher_of_year_Алмалы ауданы_940140000385"
    for i in range(8):
        d = a / f"Мұғалім {i + 1}"
        fx.pdf(d / "өтініш.pdf", pages=2)
        fx.jpeg(d / "диплом.jpg")
        fx.png(d / "куәлік.png")
        fx.pdf(d / "портфолио.pdf", pages=3)
    fx.tiff(a / "Мұғалім 1/сканы.tif", pages=4)
    fx.mp4(a / "Мұғалім 2/бейне.mp4")
    fx.pdf(a / "Мұғалім 3/көшірме.pdf", text=str(a / "Мұғалім 1" / "өтініш.pdf"))   # same bytes as another file
    fx.empty(a / "Мұғалім 4/бос.pdf")
    fx.truncated_pdf(a / "Мұғалім 5/кесілген.pdf")
    fx.encrypted_pdf(a / "Мұғалім 6/құпия.pdf")
    fx.exe(a / "Мұғалім 7/setup.exe")
    fx.huge_png(a / "Мұғалім 8/үлкен.png")
    fx.ready(a)
    b = scans / "batch from school 12"
    fx.pdf(b / "Сейітова.pdf", text=str(a / "Мұғалім 2" / "портфолио.pdf"))           # same bytes as batch a's
    fx.pdf(b / "Ахметов.pdf", pages=6)
    fx.docx(b / "Ахметов.docx")
    (b / "сілтеме.pdf").symlink_to(fx.pdf(outside / "secret.pdf"))
    fx.manifest(b, [{"path": "Ахметов.pdf", "competition": "grants", "season": "2026",
                     "organization_bin": fx.VALID_BIN, "district": "Медеу"}])
    fx.ready(b)


def inputs(data: Path) -> set[tuple[str, str]]:
    scans = data / "inbox" / "scans"
    return {(p.relative_to(scans).parts[0], p.relative_to(scans / p.relative_to(scans).parts[0]).as_posix())
            for p in scans.rglob("*") if (p.is_file() or p.is_symlink()) and p.name != "READY"}


def ingest(data: Path, url: str) -> subprocess.Popen[str]:
    """Ingest with -v: each file's outcome is logged (stderr), one line a file."""
    return subprocess.Popen([str(MUGALIM), "-v", "ingest", "--data", str(data), "--db-url", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_somewhere(data: Path, url: str, rnd: random.Random, turn: int, full_run: float) -> bool:
    """Start ingest and SIGKILL it: on odd turns after a random number of progress lines (so it dies in the middle
    of the files), on even turns after a random time within an uninterrupted run's duration (so it may die
    anywhere, the migrations included). True when the run finished before it could be killed."""
    proc = ingest(data, url)
    if turn % 2:
        for _ in range(rnd.randint(2, 6)):
            if not proc.stderr.readline():
                break
        time.sleep(rnd.uniform(0, 0.02))
    else:
        time.sleep(rnd.uniform(0, full_run))
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return finished and proc.returncode == 0


def outcome_table(url: str) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    with engine_for(url).connect() as c:
        rows = c.execute(sa.text("SELECT batch, rel_path, outcome, sha256, dest_path FROM intake")).all()
    return {(r.batch, r.rel_path): (r.outcome, r.sha256, r.dest_path) for r in rows}


def registered(url: str) -> int:
    try:
        with engine_for(url).connect() as c:
            return c.execute(sa.text("SELECT count(*) FROM intake")).scalar_one()
    except sa.exc.DBAPIError:           # killed before the migrations were committed
        return 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_ingest_killed_at_random_moments_loses_and_doubles_nothing(tmp_path, db_url):
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    for d in (reference, crashed):
        build_inbox(d, tmp_path / "outside")
    ref_url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    started = time.monotonic()
    assert subprocess.run([str(MUGALIM), "ingest", "--data", str(reference), "--db-url", ref_url],
                          capture_output=True).returncode == 0
    full_run = time.monotonic() - started

    rnd = random.Random(SEED)
    registered_after_kill: list[int] = []
    total = len(inputs(crashed))
    for turn in range(1, 60):
        # kills after progress lines (odd turns) land in the middle of the files whatever the machine's load; until
        # KILLS of them have, every turn is one (a kill timed on a slower reference run may come after the end)
        middle = sum(0 < n < total for n in registered_after_kill)
        if kill_somewhere(crashed, db_url, rnd, turn if middle >= KILLS else 1, full_run):
            break
        registered_after_kill.append(registered(db_url))
    assert len(registered_after_kill) >= KILLS
    assert sum(0 < n < total for n in registered_after_kill) >= KILLS   # killed in the middle of the batch
    final = subprocess.run([str(MUGALIM), "ingest", "--data", str(crashed), "--db-url", db_url],
                           capture_output=True, text=True)
    assert final.returncode == 0, final.stderr

    table = outcome_table(db_url)
    # None lost, none doubled: one intake row per input file (the database's unique keys forbid a second one).
    assert set(table) == inputs(crashed)
    # The same outcome for every file as the run that was never interrupted.
    assert {k: v[0] for k, v in table.items()} == {k: v[0] for k, v in outcome_table(ref_url).items()}
    scans = crashed / "inbox" / "scans"
    for (batch, rel), (outcome, digest, dest) in table.items():
        if outcome in ("archived", "duplicate"):
            assert sha(crashed / dest) == digest == sha(scans / batch / rel)
        elif dest is not None:
            assert sha(crashed / dest) == sha(scans / batch / rel)
            assert (crashed / (dest + ".reason.txt")).exists()
    with engine_for(db_url).connect() as c:
        documents = c.execute(sa.text("SELECT sha256, archive_path FROM documents")).all()
        dossiers = c.execute(sa.text("SELECT batch, key, status FROM dossiers")).all()
    accepted = {v[1] for (_, rel), v in table.items() if v[0] in ("archived", "duplicate") and rel != "manifest.csv"}
    assert sorted(d.sha256 for d in documents) == sorted(accepted)
    assert all(sha(crashed / d.archive_path) == d.sha256 for d in documents)
    with engine_for(ref_url).connect() as c:
        ref_dossiers = c.execute(sa.text("SELECT batch, key, status FROM dossiers")).all()
    assert sorted(map(tuple, dossiers)) == sorted(map(tuple, ref_dossiers))
    leftovers = [p for root in ("archive", "quarantine") for p in (crashed / root).rglob("*mugalim-part")]
    assert leftovers == []
    engine_for(ref_url).dispose()
