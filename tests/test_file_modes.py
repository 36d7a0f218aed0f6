"""Issue 16 item 11: personal data at rest. Every file mugalim creates (archive, quarantine, database, outbox) is
0640 at most and every folder 0750 at most, whatever the caller's umask — one umask set where the settings are read;
a file that arrives as a hard link to a 0600 file is archived 0640, never wider."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from mugalim.samples.batches import make_sample_batches
from pay_support import SEASON, season_data

CLI = [sys.executable, "-m", "mugalim.cli"]


def _run_with_open_umask(*args: str) -> None:
    subprocess.run([*CLI, *args], check=True, capture_output=True, timeout=300,
                   preexec_fn=lambda: os.umask(0o022))


def _too_open(root: Path) -> list[str]:
    wide = []
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        if p.is_symlink():
            continue
        if mode & 0o027:
            wide.append(f"{p.relative_to(root.parent)} {mode:o}")
    return wide


def test_ingest_creates_private_files_and_folders_under_an_open_umask(tmp_path: Path):
    data = tmp_path / "data"
    batches = make_sample_batches(data, season=2026, seed=3, count=1)
    first = next(p for p in (data / "inbox" / "scans").rglob("*.pdf"))
    first.chmod(0o600)
    os.link(first, first.with_name("hardlink-" + first.name))
    _run_with_open_umask("ingest", "--data", str(data))
    made = [data / "archive", data / "quarantine", data / "mugalim.sqlite"]
    assert batches and (data / "archive").exists()
    assert [w for m in made if m.exists() for w in _too_open(m)] == []


def test_payment_files_are_private_under_an_open_umask(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    db_url = f"sqlite:///{data / 'mugalim.sqlite'}"
    season_data(data, db_url)
    _run_with_open_umask("pay", "--data", str(data), "--db-url", db_url, "--season", str(SEASON))
    assert _too_open(data / "outbox" / str(SEASON) / "payments") == []
