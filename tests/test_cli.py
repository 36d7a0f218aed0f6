"""The `mugalim` command: every pipeline step exists, explains itself, and takes --data."""
import subprocess
import sys
from pathlib import Path

import pytest

MUGALIM = Path(sys.executable).with_name("mugalim")
STEPS = ["ingest", "extract", "validate", "score", "pay"]


@pytest.mark.parametrize("step", STEPS)
def test_every_step_has_help_and_takes_data(step):
    out = subprocess.run([str(MUGALIM), step, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "--data" in out.stdout and len(out.stdout.splitlines()) > 5


def test_a_missing_data_folder_is_a_clear_error(monkeypatch):
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("MUGALIM_DATA", "MUGALIM_DB_URL")}
    out = subprocess.run([str(MUGALIM), "ingest"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 2
    assert "MUGALIM_DATA" in out.stderr and "Traceback" not in out.stderr
