"""Rule A2 at the cut-offs of the school and district stages: never broken silently."""
from __future__ import annotations

from pathlib import Path

from mugalim.samples.season import ScoreInbox


def _school(data_dir: Path, values: list[str]) -> tuple[ScoreInbox, list[str]]:
    ib = ScoreInbox(data_dir)
    first = ib.person()
    people = [first] + [ib.person(org=ib.org(first)) for _ in values[1:]]
    ib.stage("school", ib.org(first), {p: [v] * 4 for p, v in zip(people, values)})
    return ib, people


def test_A2_a_tie_at_the_cut_off_leaves_everyone_in_it_pending(data_dir: Path, db_url: str):
    ib, p = _school(data_dir, ["9", "7", "7", "7", "3"])
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["advancing"] == [p[0]]
    assert len(r["pending"]) == 1 and sorted(r["pending"][0]["participants"]) == sorted(p[1:4])
    assert "3 equal totals for 1 place" in r["pending"][0]["reason"]
    assert [x["rank"] for x in r["ranking"]] == [1, 2, 2, 2, 5]


def test_A2_a_decision_resolves_the_tie_and_is_recorded(data_dir: Path, db_url: str):
    ib, p = _school(data_dir, ["9", "7", "7", "7", "3"])
    ib.decision("school", ib.org(p[0]), "advance", p[2])
    r = ib.results(db_url, "teacher_of_year", "school")
    assert sorted(r["advancing"]) == sorted([p[0], p[2]]) and r["pending"] == []
    assert [d["participant_iin"] for d in r["decisions_applied"]] == [p[2]]


def test_A2_a_decision_for_someone_not_in_the_tie_is_a_bad_row(data_dir: Path, db_url: str):
    ib, p = _school(data_dir, ["9", "7", "7", "3"])
    ib.decision("school", ib.org(p[0]), "advance", p[3])
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["advancing"] == [p[0]] and len(r["pending"]) == 1
    assert [(b["file"], b["row"]) for b in r["bad_rows"]] == [("decisions_2026.csv", 2)]
    assert "not in the tie" in r["bad_rows"][0]["reason"]


def test_A2_more_decisions_than_places_apply_none(data_dir: Path, db_url: str):
    ib, p = _school(data_dir, ["9", "7", "7", "7"])
    ib.decision("school", ib.org(p[0]), "advance", p[1])
    ib.decision("school", ib.org(p[0]), "advance", p[2])
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["advancing"] == [p[0]] and len(r["bad_rows"]) == 2


def test_A2_a_tie_inside_the_places_is_no_problem(data_dir: Path, db_url: str):
    ib, p = _school(data_dir, ["8", "8", "3"])
    r = ib.results(db_url, "teacher_of_year", "school")
    assert sorted(r["advancing"]) == sorted(p[:2]) and r["pending"] == []
