"""The ingest soak benchmark (bench/ingest_soak.py, issue 16 "Load and faults"), run small: 60 files with every kind
of hostile file, the real `mugalim ingest` killed three times, then the payment step killed after its ledger."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow]


def test_the_soak_benchmark_runs_small_and_loses_and_doubles_nothing() -> None:
    """issue 16 "Load and faults" (soak): 60 files, at least one of each hostile kind (the name in CP1251 among
    them, whose bytes today's ingest left only in the inbox), three SIGKILLs, then a run to completion: lost 0,
    doubled 0, every outcome the expected one; the ledger holds the 4 expected payments after a kill."""
    done = subprocess.run([sys.executable, "-m", "bench.ingest_soak", "--files", "60", "--seed", "3"],
                          capture_output=True, text=True, timeout=600)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "ingest soak: 60 files in one batch, 12 hostile" in out
    assert re.search(r"killed \(SIGKILL\) at 3 points: \d+, \d+, \d+ of 62 rows", out)
    figures = {m.group(1).strip(): int(m.group(2).replace(",", ""))
               for m in re.finditer(r"^  ([a-zA-Z ,]+?)\s+([\d,]+)", out, re.MULTILINE)}
    assert figures["files in"] == 60
    assert figures["archived"] + figures["quarantined"] + figures["duplicate"] == 60
    assert figures["quarantined"] == 7 and figures["duplicate"] == 1
    assert (figures["lost"], figures["doubled"], figures["unexpected outcome"]) == (0, 0, 0)
    assert figures["second run, new files"] == 0
    assert "expected 4, in the ledger 4 (4 exported), run folders 1" in out
    assert "SIGKILL after the ledger commit yes" in out and "result: OK" in out
