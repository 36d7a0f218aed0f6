"""Issue 15: scoring as users run it, each stage a run of its own.

A stage run again over unchanged inputs writes nothing again, and its outputs (results.json, protocol.pdf,
bad_rows.csv, the charts) are the same bytes; made anew in another folder and database they are the same bytes too
(the PDF carries no time or random id, the PNGs no time). A later stage run on its own takes the earlier stage from
that stage's last run and decides exactly what a run of the whole season decides. An output changed by hand, or a
changed input, is written again. The score sheets are read as they stream, with the same rows and row numbers as
reading the whole file at once.
"""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from mugalim.config import Settings
from mugalim.samples.season import make_sample_season
from mugalim.scoring import run as scoring_run
from mugalim.scoring.run import Timings, run_score, run_season
from mugalim.scoring.sheets import read_sheet, stream_sheet

STAGES = [("teacher_of_year", "school"), ("teacher_of_year", "district"), ("teacher_of_year", "city"),
          ("grants", "grants")]


def _stage_files(data: Path) -> dict[str, tuple[str, int]]:
    """Every output of the stages (and the Teachers' Day list): path → (SHA-256, time of change)."""
    root = data / "outbox" / "2026"
    files = [p for c, s in STAGES for p in (root / c / s).rglob("*") if p.is_file()] + [root / "teachers_day.json"]
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(files)}


def _by_stage(data: Path, **kw) -> list:
    settings = Settings.load(data, kw.pop("db_url", None))
    return [run_score(settings, season=2026, competition=c, stage=s, **kw) for c, s in STAGES]


@pytest.fixture
def scored(data_dir: Path, db_url: str) -> tuple[Path, str]:
    make_sample_season(data_dir)
    _by_stage(data_dir, db_url=db_url)
    return data_dir, db_url


def test_a_rerun_over_unchanged_inputs_writes_the_same_bytes_and_rewrites_nothing(scored):
    data, url = scored
    before = _stage_files(data)
    kinds = {Path(p).name if "/charts/" not in p else "chart" for p in before}
    assert {"results.json", "protocol.pdf", "bad_rows.csv", "chart"} <= kinds
    tm = Timings()
    settings = Settings.load(data, url)
    again = [run_score(settings, season=2026, competition=c, stage=s, timings=tm) for c, s in STAGES]
    assert _stage_files(data) == before                     # same bytes, and not one file written again
    assert tm.phases["decide"] == tm.phases["protocols"] == tm.phases["charts"] == 0
    assert tm.notes["audit"] == "unchanged inputs: not run again"
    assert [Path(r.results).parent.name for r in again] == ["school", "district", "city", "grants"]
    assert all(r.protocol and Path(r.protocol).exists() for r in again)
    assert not [p for p in (data / "outbox").rglob(".*")]   # nothing of the re-run's bookkeeping in the outbox


def test_the_outputs_made_anew_elsewhere_are_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Another folder, another database, the same inputs: every output byte for byte (the PDF is `invariant`), and
    the same whether the audit and the charts run in worker processes or, without workers, in the run's own."""
    runs = []
    for name, workers in (("a", ""), ("b", "0")):
        monkeypatch.setenv("MUGALIM_SCORE_WORKERS", workers)
        data = tmp_path / name
        make_sample_season(data)
        run_season(Settings.load(data, f"sqlite:///{tmp_path / name}.sqlite"), season=2026)
        runs.append({k: v[0] for k, v in _stage_files(data).items()})
    assert runs[0] == runs[1]
    assert any(k.endswith("protocol.pdf") for k in runs[0]) and any("/charts/" in k for k in runs[0])


def test_a_stage_run_alone_decides_as_the_whole_season_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each stage in a run of its own takes the earlier stage from its last run (it is not decided again) and
    writes the very bytes a run of the whole season writes."""
    whole = tmp_path / "whole"
    make_sample_season(whole)
    run_season(Settings.load(whole, None), season=2026)

    decided: list[str] = []
    real = scoring_run.score_stage
    monkeypatch.setattr(scoring_run, "score_stage", lambda conn, ss, si: decided.append(si.stage) or real(conn, ss, si))
    alone = tmp_path / "alone"
    make_sample_season(alone)
    _by_stage(alone)
    assert decided == ["school", "district", "city", "grants"]          # each stage decided once, in its own run
    assert {k: v[0] for k, v in _stage_files(alone).items()} == {k: v[0] for k, v in _stage_files(whole).items()}


def test_an_output_changed_by_hand_or_a_changed_input_is_written_again(scored):
    data, url = scored
    settings = Settings.load(data, url)
    folder = data / "outbox" / "2026" / "teacher_of_year" / "school"
    pdf, results = folder / "protocol.pdf", folder / "results.json"
    good = pdf.read_bytes()
    pdf.write_bytes(b"%PDF-1.4 not the protocol")
    run_score(settings, season=2026, competition="teacher_of_year", stage="school")
    assert pdf.read_bytes() == good

    kk = json.loads(results.read_text("utf-8"))
    settings_file = data / "settings" / "season-2026.yaml"
    settings_file.write_text(settings_file.read_text("utf-8").replace("language: kk", "language: ru"), "utf-8")
    tm = Timings()
    run_score(settings, season=2026, competition="teacher_of_year", stage="school", timings=tm)
    assert tm.notes["stages"] == {"teacher_of_year/school": "written"} and "audit" not in tm.notes
    assert pdf.read_bytes() != good                                    # the protocol now in Russian
    assert json.loads(results.read_text("utf-8"))["advancing"] == kk["advancing"]


def test_mugalim_score_writes_its_timings(scored, tmp_path: Path):
    from mugalim.cli import main

    data, url = scored
    out = tmp_path / "timings.json"
    assert main(["score", "--data", str(data), "--db-url", url, "--season", "2026", "--competition", "grants",
                 "--stage", "grants", "--timings", str(out)]) == 0
    t = json.loads(out.read_text("utf-8"))
    assert set(t["phases"]) == {"start", "load", "decide", "audit", "protocols", "charts", "write"}
    assert t["cpu_s"] > 0 and t["peak_mb"] > 0 and set(t["raised_mb"]) == set(t["phases"])
    assert t["notes"]["stages"] == {"grants/grants": "unchanged: not written again"}


def test_the_table_a_run_prints_is_the_one_its_results_json_gives(scored):
    """The command prints each stage's table from the little kept of its results.json (a run's `summary`, in its
    record for a re-run), not from the file (18 MB for a school stage at ten times a city season); the same lines."""
    from mugalim.scoring.table import summary_lines

    data, url = scored
    settings = Settings.load(data, url)
    again = [run_score(settings, season=2026, competition=c, stage=s) for c, s in STAGES]
    assert all(r.summary is not None for r in again)
    for r in again:
        for lang, limit in (("kk", 40), ("ru", 3), ("en", 1000)):
            assert (summary_lines(Path(r.results), limit=limit, lang=lang, summary=r.summary)
                    == summary_lines(Path(r.results), limit=limit, lang=lang))
        assert "summary" not in r.as_dict()                 # an Airflow task's return value stays small
    city = json.loads((data / "outbox" / "2026" / "teacher_of_year" / "city" / "results.json").read_text("utf-8"))
    assert [p for p, _ in again[2].summary["prizes"]] == list(city["prizes"])     # the places in their order


ODD = ('season,competition,stage,unit,round,participant_iin,member_id,score\r\n'
       '2026,teacher_of_year,school,000000010001,1,000000000001,m1,7.5\r\n'
       '\r\n'
       '2026,teacher_of_year,school,000000010001,1,000000000002,"m\n2",8\n'
       '2026,teacher_of_year,school,000000010001,1,000000000003,m3\x0bx,9\r'
       '2026,teacher_of_year,school,000000010001,1,000000000004,m4\u2028,6,5\n'
       ' , , \n'
       '2026,teacher_of_year,school,000000010001,2,000000000001,m1,10')


def test_score_sheets_stream_with_the_rows_and_row_numbers_of_the_whole_file(tmp_path: Path):
    path = tmp_path / "scores_odd.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ODD.encode("utf-8"))
    lines = path.read_text(encoding="utf-8-sig").splitlines()          # how the whole file was read before
    reader = csv.reader(lines)
    next(reader)
    expected = [n for n, r in enumerate(reader, start=2) if any(c.strip() for c in r)]
    whole = read_sheet(path)
    assert sorted([r[0] for r in whole.rows] + [b.row for b in whole.bad]) == expected
    sheet, batches = stream_sheet(path, batch=2)
    rows = [r for b in batches for r in b]
    assert rows == whole.rows and sheet.bad == whole.bad and all(len(b) <= 2 for b in stream_sheet(path, batch=2)[1])


def test_a_score_sheet_that_is_not_utf8_is_refused_whole_before_any_row(tmp_path: Path):
    path = tmp_path / "scores_latin1.csv"
    good = "2026,teacher_of_year,school,000000010001,1,000000000001,m1,7.5\n"
    path.write_bytes(("season,competition,stage,unit,round,participant_iin,member_id,score\n" + good * 3000)
                     .encode("utf-8") + "Ж\n".encode("cp1251"))
    sheet, batches = stream_sheet(path, batch=100)
    assert list(batches) == [] and [b.row for b in sheet.bad] == [None]
    assert "cannot be read as CSV" in sheet.bad[0].reason
