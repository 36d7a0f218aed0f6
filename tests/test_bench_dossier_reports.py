"""The dossier benchmark (bench/dossier_reports.py, issues 14 and 18), run small: one dossier of every kind the back
office receives, made anew, through the real `mugalim ingest`, `extract` and `validate`; every folder has its report.
And its counting: a folder whose report is missing is counted and named, found by the batch and folder the report
names, not by a file name."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import dossier_reports as dr


@pytest.mark.slow
def test_the_dossier_benchmark_runs_small_and_every_folder_of_every_kind_gets_a_report(tmp_path: Path) -> None:
    """issue 14 "Done when" (the count of folders without a report, target 0) and issue 18 (the dossier benchmark
    includes a dossier of each kind), on a seed of its own, generated anew."""
    done = subprocess.run([sys.executable, "-m", "bench.dossier_reports", "--lite", "--seed", "77"],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "MUGALIM_BENCH_DIR": str(tmp_path / "bench")})
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert f"11 dossiers (1 of each of {len(dr.KINDS)} kinds, lite)" in out
    for kind in dr.KINDS:
        row = re.search(rf"^{kind}\s+(\d+)\s+(\d+)\s+(\d+)\s", out, re.MULTILINE)
        assert row, kind
        assert row.groups() == ("1", "1", "0"), (kind, row.groups())
    assert "folders without a report: 0 (target 0)" in out and "result: OK" in out
    for command in ("ingest", "extract", "validate"):
        assert re.search(rf"mugalim {command} \d+\.\d s", out), command
    figures = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    assert figures["without_report"] == 0 and set(figures["kinds"]) == set(dr.KINDS)
    # the deliberate failure is seen: a video not in MPEG-4 fails 1.7, and only that
    for kind in ("mov_video", "avi_video", "mkv_video"):
        k = figures["kinds"][kind]
        assert k["meant_to_pass"] == k["checks"] - 1 and k["as_intended"] == k["checks"], (kind, k)
    assert figures["kinds"]["unreadable_application"]["read_as_intended"] == 1


def test_a_folder_without_its_report_is_counted_and_named() -> None:
    planned = [dr.Planned("zip", "2026_grants_Медеу_1", "Ахметова.zip", "kk", "grants", "1",
                          intended={"1.1": "present", "1.7": "present"}),
               dr.Planned("folder", "2026_grants_Медеу_1", "02 Ким Д.", "ru", "grants", "2",
                          intended={"1.1": "present", "1.7": "present"})]
    report = {"dossier": {"batch": "2026_grants_Медеу_1", "key": "02 Ким Д."}, "application_read": True,
              "items": [{"item": "1.1", "status": "present", "reason": None},
                        {"item": "1.7", "status": "failed", "reason": "too short"},
                        {"item": "4.1", "status": "present", "reason": None}], "_file": "2.json"}
    res = dr.evaluate(planned, {("2026_grants_Медеу_1", "02 Ким Д."): report}, show=False)
    assert res["without_report"] == ["2026_grants_Медеу_1/Ахметова.zip (zip)"]
    assert res["kinds"]["folder"] == {"dossiers": 1, "reported": 1, "checks": 3, "as_intended": 1,
                                      "meant_to_pass": 2, "passing": 1, "read_as_intended": 1}
    assert res["kinds"]["zip"].get("reported", 0) == 0 and res["kinds"]["zip"]["dossiers"] == 1


def test_reports_are_found_at_any_depth_by_the_folder_they_name(tmp_path: Path) -> None:
    (tmp_path / "b" / "x").mkdir(parents=True)
    (tmp_path / "123.json").write_text(json.dumps({"dossier": {"batch": "b", "key": "k1"}, "items": []}))
    (tmp_path / "b" / "x" / "k2.json").write_text(json.dumps({"dossier": {"batch": "b", "key": "x/k2"},
                                                              "items": []}))
    (tmp_path / "overview.json").write_text(json.dumps({"rows": []}))
    assert set(dr.reports_by_folder(tmp_path)) == {("b", "k1"), ("b", "x/k2")}
