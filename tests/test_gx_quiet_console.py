"""`mugalim score` and `mugalim validate`, run as staff run them, print no Great Expectations line at default verbosity
(issues 15 and 22: GX logged hundreds of "Skipping registering function …" lines, then "Created temporary directory …
for ephemeral docs site"), while the audit did run GX and wrote its Data Docs page with no full IIN on it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mugalim.samples.season import ScoreInbox

pytestmark = pytest.mark.slow
MUGALIM = Path(sys.executable).with_name("mugalim")
NOISE = ("great_expectations", "Skipping registering", "ephemeral docs site", "Calculating Metrics")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([str(MUGALIM), *args], capture_output=True, text=True, timeout=600, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def _quiet(out: subprocess.CompletedProcess[str]) -> None:
    both = out.stdout + out.stderr
    assert [n for n in NOISE if n in both] == [], both[-3000:]


def test_score_prints_no_gx_line_and_its_data_docs_mask_iins(data_dir: Path):
    ib = ScoreInbox(data_dir)
    a, b = ib.person(), ib.person()
    ib.stage("school", ib.org(a), {a: ["8"] * 4})
    ib.stage("school", ib.org(b), {b: ["7"] * 4})
    ib.score("school", ib.org(a), 1, a, "s01", "8")              # a row given twice: the GX suite names it
    ib.write()
    out = _run("score", "--data", str(data_dir), "--season", "2026")
    _quiet(out)
    page = (data_dir / "outbox" / "2026" / "data-docs" / "score-sheets" / "index.html").read_text(encoding="utf-8")
    assert "data-success='false'" in page                                   # GX ran, and named the row given twice
    assert "Жол неше рет берілген" in page or "Сколько раз дана строка" in page
    assert a not in page and b not in page
    assert "scores_2026.csv:2" in page        # the row given twice, by file and row (its key values are not shown)
    assert "https://" not in page and "http://" not in page


def test_validate_prints_no_gx_line(tmp_path: Path):
    from extractors.run import run_extract
    from mugalim.config import Settings
    from mugalim.ingest.run import run_ingest
    from mugalim.samples.batches import make_sample_batches

    data = tmp_path / "data"
    data.mkdir()
    truth = make_sample_batches(data, season=2026, seed=0, count=1)
    settings = Settings.load(data, None)
    run_ingest(settings)
    run_extract(settings, workers=1)
    out = _run("validate", "--data", str(data), "--season", "2026")
    _quiet(out)
    page = (data / "outbox" / "2026" / "data-docs" / "index.html").read_text(encoding="utf-8")
    assert "data-run='applications_2026'" in page and "expect_column_values_to_match_regex" in page   # GX ran
    assert not [iin for iin in truth.cases if iin in page]
    assert "https://" not in page and "http://" not in page
