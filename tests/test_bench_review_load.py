"""The review station's load benchmark (bench/review_load.py, issue 16 "Load and faults"), run for a few seconds: it
builds its sample, starts the real server, logs its users in, and prints its figures with no failed request."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow]


def test_the_load_benchmark_runs_briefly_and_prints_its_figures() -> None:
    """issue 16 "Load and faults": the station under concurrent users prints p95 latency and errors."""
    done = subprocess.run([sys.executable, "-m", "bench.review_load", "--seconds", "3", "--users", "4",
                           "--dossiers", "2"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "review station under load: 4 users, 3 s" in out
    for kind in ("login", "queue", "item", "crop", "dossier", "dossiers"):
        assert f"\n  {kind} " in out, kind
    assert "p95" in out and "errors: 0" in out and "target (pages p95 < 300 ms, 0 errors):" in out
