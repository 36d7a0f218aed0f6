"""Rule A9: a stage on an incomplete field. A unit is decided only when every unit that feeds it is decided; until
then it is provisional (pending with `waiting_for`), sends nobody on, gives no prize, and nothing is paid from it.
A `proceed_without` decision lets it go on with whoever the undecided unit did send. Other units are not held back."""
from __future__ import annotations

from pathlib import Path

from mugalim.config import Settings
from mugalim.payments import plan_payments
from mugalim.samples.season import ScoreInbox

PRIZES = {"second": 500000, "third": 300000}


def _school(ib: ScoreInbox, district: str, n: int, *, absent: int = 0) -> list[str]:
    """A school of `n` participants with distinct totals, its commission `absent` short in every round."""
    first = ib.person(district=district)
    people = [first] + [ib.person(org=ib.org(first), district=district) for _ in range(n - 1)]
    ib.stage("school", ib.org(first), {p: [str(9 - k)] * 4 for k, p in enumerate(people)}, absent=absent)
    return people


def _waits(r: dict, unit: str) -> list[dict]:
    return [p["waiting_for"] for p in r["pending"] if p.get("unit") == unit and p.get("rule") == "A9"]


def test_A9_a_district_waits_for_a_school_without_quorum_and_other_districts_go_on(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    good = _school(ib, "Медеу", 3)
    bad = _school(ib, "Медеу", 3, absent=3)                     # 4 of 7 present: no quorum (C2)
    other = _school(ib, "Алмалы", 2)
    ib.stage("district", "Медеу", {p: ["6"] * 4 for p in good[:2]}, members=15)
    ib.stage("district", "Алмалы", {p: ["6"] * 4 for p in other}, members=15)
    r = ib.results(db_url, "teacher_of_year", "district")
    assert _waits(r, "Медеу") == [[{"stage": "school", "unit": ib.org(bad[0])}]]
    assert not set(r["advancing"]) & set(good)                     # provisional: nobody sent on
    assert sorted(r["advancing"]) == sorted(other)                 # Алмалы is not held back


def test_A9_proceed_without_lets_the_district_go_on_with_whom_the_school_did_send(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    good = _school(ib, "Медеу", 3)
    bad = _school(ib, "Медеу", 3, absent=3)
    ib.stage("district", "Медеу", {p: ["6"] * 4 for p in good[:2]}, members=15)
    ib.decision("school", ib.org(bad[0]), "proceed_without", "")
    r = ib.results(db_url, "teacher_of_year", "district")
    assert _waits(r, "Медеу") == []
    assert sorted(r["advancing"]) == sorted(good[:2])
    school = ib.results(db_url, "teacher_of_year", "school")
    assert not [b for b in school["bad_rows"] if "proceed_without" in b["reason"]]


def test_A9_a_proceed_without_for_a_decided_unit_resolves_nothing_and_is_refused(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    good = _school(ib, "Медеу", 2)
    ib.decision("school", ib.org(good[0]), "proceed_without", "")
    r = ib.results(db_url, "teacher_of_year", "school")
    assert [b["reason"] for b in r["bad_rows"]] == [
        f"proceed_without refused: {ib.org(good[0])} is decided, there is nothing to go on without (A9)"]


def _city_with_a_tie_in_one_district(ib: ScoreInbox) -> tuple[list[str], list[str]]:
    """Медеу: six finalists-to-be, the 5th and 6th equal (a tie at the cut-off of five, A2); Алмалы: five, decided."""
    medeu = [ib.person(district="Медеу") for _ in range(6)]
    almaly = [ib.person(district="Алмалы") for _ in range(5)]
    ib.through_school(medeu + almaly)
    ib.stage("district", "Медеу", {p: [str(min(9, 9 - k))] * 4 for k, p in enumerate(medeu[:5])}
             | {medeu[5]: ["5"] * 4}, members=15)
    ib.stage("district", "Алмалы", {p: ["7"] * 4 for p in almaly}, members=15)
    finalists = medeu[:4] + almaly
    ib.stage("city", "city", {p: [str(9 - k * 0.5)] * 5 for k, p in enumerate(finalists)}, members=15)
    return medeu, finalists


def test_A9_the_city_waits_for_a_district_with_a_pending_tie_and_nothing_is_paid(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    medeu, _ = _city_with_a_tie_in_one_district(ib)
    ib.write("prizes_kzt: {second: 500000, third: 300000}\nknp: '119'\n")
    district = ib.results(db_url, "teacher_of_year", "district")
    assert [p["rule"] for p in district["pending"] if p.get("unit") == "Медеу"] == ["A2"]
    city = ib.results(db_url, "teacher_of_year", "city")
    assert _waits(city, "city") == [[{"stage": "district", "unit": "Медеу"}]]
    assert city["prizes"] == {"grand_prix": None, "first": None, "second": None, "third": None}
    plan = plan_payments(Settings.load(data_dir, db_url), season=2026)
    assert plan.payments == []
    assert plan.exceptions and all("A9" in e.reason for e in plan.exceptions if e.competition == "teacher_of_year")


def test_A9_with_proceed_without_the_city_goes_on_with_those_above_the_tie(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    medeu, finalists = _city_with_a_tie_in_one_district(ib)
    ib.decision("district", "Медеу", "proceed_without", "")
    city = ib.results(db_url, "teacher_of_year", "city")
    assert _waits(city, "city") == []
    assert {x["participant_iin"] for x in city["ranking"]} == set(finalists)
    assert all(city["prizes"].values())
