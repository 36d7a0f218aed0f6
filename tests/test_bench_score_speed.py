"""The scoring benchmark (bench/score_speed.py, issue 15), in its quick mode: the small sample season, each stage as
the real `mugalim score` command in a process of its own, then every stage again; it prints each stage's time split
by phase and says whether the re-run wrote the same bytes."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow]


def test_the_scoring_benchmark_runs_quickly_and_prints_its_figures() -> None:
    done = subprocess.run([sys.executable, "-m", "bench.score_speed", "--quick"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "SQLite, sample: each stage as `mugalim score`" in out
    header = next(line for line in out.splitlines() if line.strip().startswith("stage"))
    for column in ("wall s", "CPU s", "peak MB", "start", "load", "decide", "audit", "protocols", "charts", "write",
                   "other"):
        assert column in header, column
    for stage in ("school", "district", "city", "grants", "total"):
        assert f"\n  {stage} " in out, stage
    assert "re-run over unchanged inputs: school" in out
    assert "byte-identical after the re-run: yes; none rewritten: yes; decided as generated: yes" in out
    assert "quick run: every stage ran, and the re-run wrote the same bytes" in out
