"""The sample season through every stage, on SQLite and PostgreSQL: results.json keeps the contract and matches the
outcome the generator knows by construction; both backends give identical results; re-running changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mugalim.config import Settings
from mugalim.samples.season import make_sample_season
from mugalim.scoring.run import run_score, run_season

CONTRACT = {"season", "competition", "stage", "advancing", "prizes", "grants", "pending", "rejected",
            "invalid_sessions", "ranking", "votes", "bad_rows"}


def _results(data: Path, competition: str, stage: str) -> dict:
    return json.loads((data / "outbox" / "2026" / competition / stage / "results.json").read_text("utf-8"))


@pytest.fixture
def season_run(data_dir: Path, db_url: str):
    sample = make_sample_season(data_dir)
    settings = Settings.load(data_dir, db_url)
    run_season(settings, season=2026, reports=False)
    return sample, data_dir, settings


def test_results_keep_the_contract_at_every_stage(season_run):
    _, data, _ = season_run
    for comp, stage in [("teacher_of_year", "school"), ("teacher_of_year", "district"),
                        ("teacher_of_year", "city"), ("grants", "grants")]:
        r = _results(data, comp, stage)
        assert CONTRACT <= set(r), stage
        assert (r["season"], r["competition"], r["stage"]) == (2026, comp, stage)
        assert set(r["prizes"]) == {"grand_prix", "first", "second", "third"}
        for p in r["pending"]:
            assert {"reason", "participants"} <= set(p)
        for b in r["bad_rows"]:
            assert set(b) == {"file", "row", "reason"}
        for x in r["ranking"]:
            assert {"unit", "participant_iin", "total", "rank"} <= set(x)


def test_S2_S3_school_and_district_advance_as_the_generator_decided(season_run):
    sample, data, _ = season_run
    school = _results(data, "teacher_of_year", "school")
    assert sorted(school["advancing"]) == sample.expected["school"]
    assert sorted(i for p in school["pending"] for i in p["participants"]) == sample.expected["school_pending"]
    district = _results(data, "teacher_of_year", "district")
    assert sorted(district["advancing"]) == sample.expected["district"]
    assert [s["unit"] for s in district["invalid_sessions"]] == [sample.expected["undecided_district"]]


def test_bad_rows_are_listed_and_good_rows_used(season_run):
    sample, data, _ = season_run
    school = _results(data, "teacher_of_year", "school")
    assert len(school["bad_rows"]) == sample.expected["school_bad_rows"]
    reasons = " | ".join(b["reason"] for b in school["bad_rows"])
    for words in ("unknown participant", "outside the season's scale", "two rows for the same member",
                  "member marked absent", "member not on the commission", "participant rejected",
                  "round is not a whole number"):
        assert words in reasons


def test_P1_E4_city_places_and_votes(season_run):
    sample, data, _ = season_run
    city = _results(data, "teacher_of_year", "city")
    assert city["prizes"] == sample.expected["prizes"]
    assert city["votes"] == sample.expected["votes"]
    assert city["pending"] == []
    assert [d["place"] for d in city["decisions_applied"]] == ["third"]


def test_G3_G5_A6_A7_grants(season_run):
    sample, data, _ = season_run
    g = _results(data, "grants", "grants")
    assert sorted(g["grants"]) == sample.expected["grants"]
    assert {r["participant_iin"]: r["rule"] for r in g["rejected"]} == sample.expected["grants_rejected"]
    pending = [sorted(p["participants"]) for p in g["pending"]]
    assert pending[0] == sample.expected["grants_held"]
    assert pending[1:] == ([sample.expected["grants_waiting"]] if sample.expected["grants_waiting"] else [])


def test_rerun_gives_the_same_bytes(season_run):
    _, data, settings = season_run
    before = {p: p.read_bytes() for p in (data / "outbox").rglob("results.json")}
    run_season(settings, season=2026, reports=False)
    after = {p: p.read_bytes() for p in (data / "outbox").rglob("results.json")}
    assert before == after and len(before) == 4
    assert not [p for p in (data / "outbox").rglob(".*")]   # no temporary file left behind


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_results(tmp_path: Path, pg_url: str):
    outs = []
    for name, url in [("a", f"sqlite:///{tmp_path / 'a.sqlite'}"), ("b", pg_url)]:
        data = tmp_path / name
        make_sample_season(data)
        run_season(Settings.load(data, url), season=2026, reports=False)
        outs.append({p.relative_to(data): p.read_text("utf-8") for p in (data / "outbox").rglob("results.json")})
    assert outs[0] == outs[1]


def test_run_score_writes_only_the_stage_asked(data_dir: Path, db_url: str):
    make_sample_season(data_dir)
    r = run_score(Settings.load(data_dir, db_url), season=2026, competition="teacher_of_year", stage="city",
                  reports=False)
    assert r.prizes["grand_prix"] and Path(r.results).exists()
    assert [p.parent.name for p in (data_dir / "outbox").rglob("results.json")] == ["city"]
    json.dumps(r.as_dict())
