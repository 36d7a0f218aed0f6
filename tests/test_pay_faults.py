"""Faults of the payment step: a SIGKILL at each point between recording the ledger and marking the files exported,
two `pay` processes at the same moment, and the ledger's unique identity — on SQLite and PostgreSQL. After each:
exactly one complete set of files for those payments, no payment twice, none missing."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from mugalim.db import engine_for, migrate
from pay_support import CLI, SEASON, read_register, run_folders, season_data

pytestmark = pytest.mark.slow


def _pay_cli(data: Path, db_url: str, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MUGALIM_TEST_CRASH_AT"}
    if crash_at:
        env["MUGALIM_TEST_CRASH_AT"] = crash_at
    return subprocess.run([*CLI, "pay", "--data", str(data), "--db-url", db_url, "--season", str(SEASON),
                           "--approved-by", "Finance"], env=env, capture_output=True, text=True, timeout=120)


def _ledger(db_url: str) -> list[tuple[str, str, str]]:
    with engine_for(db_url).connect() as c:
        return [tuple(r) for r in c.execute(text(
            "SELECT payment_id, state, run_id FROM payments_ledger ORDER BY payment_id"))]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _one_complete_set(data: Path, db_url: str) -> Path:
    """Exactly one run folder, holding every payment once, all exported; nothing half-written left visible."""
    [folder] = run_folders(data)
    register = read_register(folder)
    ledger = _ledger(db_url)
    assert sorted(r["payment_id"] for r in register) == [p for p, _, _ in ledger]
    assert len(ledger) == 4 and {s for _, s, _ in ledger} == {"exported"} and {r for _, _, r in ledger} == {folder.name}
    assert sorted(p.name for p in folder.iterdir()) == ["exceptions.csv", "manifest.json", "pain.001.xml",
                                                         "register.csv", "register.xlsx"]
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]
    return folder


def test_sigkill_while_writing_records_nothing_then_rerun_pays_once(db_url, data_dir):
    """The files are built before the ledger commits (issue 16 item 2): a kill there leaves no payment recorded."""
    season_data(data_dir, db_url)
    assert _pay_cli(data_dir, db_url, "while_writing").returncode == -signal.SIGKILL
    assert _ledger(db_url) == [] and run_folders(data_dir) == []
    rerun = _pay_cli(data_dir, db_url)
    assert rerun.returncode == 0, rerun.stderr
    assert "үзілген" not in rerun.stdout                   # "finished the interrupted run", in Kazakh
    _one_complete_set(data_dir, db_url)


def test_sigkill_after_the_ledger_commits_then_rerun_writes_one_complete_set(db_url, data_dir):
    crash_at = "after_ledger"
    season_data(data_dir, db_url)
    killed = _pay_cli(data_dir, db_url, crash_at)
    assert killed.returncode == -signal.SIGKILL
    recorded = _ledger(db_url)
    assert len(recorded) == 4 and {s for _, s, _ in recorded} == {"recorded"}
    assert run_folders(data_dir) == []                      # finance sees nothing of the dead run
    rerun = _pay_cli(data_dir, db_url)
    assert rerun.returncode == 0, rerun.stderr
    assert f"үзілген {recorded[0][2]} жинағы аяқталды" in rerun.stdout      # the season's language (kk)
    folder = _one_complete_set(data_dir, db_url)
    assert folder.name == recorded[0][2]                    # the dead run's own id, its own payment_ids
    assert _pay_cli(data_dir, db_url).stdout.count("жаңа төлем жоқ") == 1               # "nothing new to pay"
    _one_complete_set(data_dir, db_url)


def test_sigkill_after_the_rename_then_rerun_only_marks_the_run_exported(db_url, data_dir):
    season_data(data_dir, db_url)
    assert _pay_cli(data_dir, db_url, "after_files").returncode == -signal.SIGKILL
    [folder] = run_folders(data_dir)
    before = _hashes(folder)
    assert {s for _, s, _ in _ledger(db_url)} == {"recorded"}
    assert _pay_cli(data_dir, db_url).returncode == 0
    assert _one_complete_set(data_dir, db_url) == folder and _hashes(folder) == before


_RACER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from mugalim.cli import main
    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.005)
    sys.exit(main(sys.argv[2:]))
""")


def _race(data: Path, db_url: str, n: int) -> list[subprocess.CompletedProcess[str]]:
    """`n` pay processes, imports done, released at the same instant by a start file."""
    go = data.parent / "go"
    args = ["pay", "--data", str(data), "--db-url", db_url, "--season", str(SEASON), "--approved-by", "Finance"]
    procs = [subprocess.Popen([sys.executable, "-c", _RACER, str(go), *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(n)]
    time.sleep(3)                                           # let every process finish importing
    go.touch()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def test_two_pay_processes_at_the_same_moment_pay_nothing_twice(db_url, data_dir):
    season_data(data_dir, db_url)
    migrate(db_url)
    results = _race(data_dir, db_url, 2)
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert sum("жаңа төлем жоқ" in r.stdout for r in results) == 1                   # "nothing new to pay"
    _one_complete_set(data_dir, db_url)


def test_the_ledger_refuses_a_second_row_for_one_payment_identity(db_url):
    engine = migrate(db_url)
    row = ("INSERT INTO payments_ledger (payment_id, season, competition, award, participant_iin, full_name, iban, "
           "bic, amount_kzt, knp, kbe, purpose, state, attempt, run_id, recorded_at) VALUES (:pid, 2026, "
           "'grants', 'grant', '010901500101', 'N', 'KZ86125KZT5004100100', 'HSBKKZKX', 1, '119', '19', 'p', "
           "'recorded', 1, 'r1', '2026-06-01')")
    with engine.begin() as c:
        c.execute(text("INSERT INTO payment_runs (run_id, season, state, created_at, approved_by, approved_at, "
                       "payments, total_kzt, context) VALUES ('r1', 2026, 'recording', '2026-06-01', 'x', "
                       "'2026-06-01', 1, 1, '{}')"))
        c.execute(text(row), {"pid": "MG-2026-00001"})
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text(row), {"pid": "MG-2026-00002"})


def test_a_run_waiting_for_the_lock_gives_up_with_a_transient_error(db_url):
    """While one pay holds the season's lock, another process waits, then fails so that Airflow retries it."""
    from mugalim.errors import TransientError
    from mugalim.payments.lock import season_lock
    with season_lock(db_url, SEASON):
        holder = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
            from mugalim.payments.lock import season_lock
            from mugalim.errors import TransientError
            try:
                with season_lock({db_url!r}, {SEASON}, timeout_s=0.5):
                    print("took it")
            except TransientError as e:
                print("transient:", e)
        """)], capture_output=True, text=True, timeout=60)
    assert holder.stdout.startswith("transient: another pay run holds"), holder.stderr
    with season_lock(db_url, SEASON, timeout_s=0.5):       # released: free again
        pass
    assert TransientError.exit_code == 75
