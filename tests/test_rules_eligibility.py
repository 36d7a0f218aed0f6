"""Who may take part: E1–E3 (Teacher of the Year) and G2–G4 with A6 (grants), as pure functions and as the
school and grants stages apply them to a participants file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mugalim.samples.season import ScoreInbox
from mugalim.scoring.eligibility import (Nominee, e1_citizen, e2_staff_teacher, e3_continuous_experience,
                                         g2_grant_eligible, g3_one_nominee_per_org, g4_portfolio_window)

APRIL = (date(2026, 4, 10), date(2026, 4, 30))


def test_E1_a_citizen_of_kazakhstan():
    assert e1_citizen(True) is None
    assert "not a citizen" in e1_citizen(False)
    assert "not stated" in e1_citizen(None)


@pytest.mark.parametrize("org_type, months, ok", [
    ("secondary", 36, True), ("secondary", 35, False), ("preschool", 120, False), ("tvet", 120, False),
    ("secondary", None, False), (None, 60, False)])
def test_E2_a_staff_teacher_of_a_secondary_school_with_three_years_on_its_staff(org_type, months, ok):
    assert (e2_staff_teacher(org_type, months) is None) == ok


@pytest.mark.parametrize("months, ok", [(60, True), (59, False), (240, True), (None, False)])
def test_E3_five_years_of_uninterrupted_pedagogical_experience(months, ok):
    assert (e3_continuous_experience(months) is None) == ok


def test_E1_E2_E3_rejected_at_the_school_stage_and_scored_nowhere(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    ok = ib.person()
    foreign = ib.person(org=ib.org(ok), citizen=False)
    new_staff = ib.person(org=ib.org(ok), staff_months=30)
    young = ib.person(org=ib.org(ok), continuous_months=59)
    ib.stage("school", ib.org(ok), {i: ["5"] * 4 for i in (ok, foreign, new_staff, young)})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert {x["participant_iin"]: x["rule"] for x in r["rejected"]} == {foreign: "E1", new_staff: "E2", young: "E3"}
    assert r["advancing"] == [ok] and [x["participant_iin"] for x in r["ranking"]] == [ok]
    assert len(r["bad_rows"]) == 3 * 4 * 7 and all("rejected" in b["reason"] for b in r["bad_rows"])


@pytest.mark.parametrize("org_type, months, ok", [
    ("preschool", 60, True), ("secondary", 60, True), ("additional", 60, True), ("tvet", 60, True),
    ("higher", 120, False), (None, 120, False), ("tvet", 59, False), ("secondary", None, False)])
def test_G2_teachers_of_four_kinds_of_organization_with_five_years(org_type, months, ok):
    assert (g2_grant_eligible(org_type, months) is None) == ok


@pytest.mark.parametrize("day, ok", [(date(2026, 4, 10), True), (date(2026, 4, 30), True),
                                     (date(2026, 4, 9), False), (date(2026, 5, 1), False), (None, False)])
def test_G4_the_portfolio_arrives_between_10_and_30_april(day, ok):
    assert (g4_portfolio_window(day, APRIL) is None) == ok


def test_G3_A6_one_nominee_per_organization_the_earlier_is_kept():
    out = g3_one_nominee_per_org([
        Nominee("a", "org1", date(2026, 4, 12)), Nominee("b", "org1", date(2026, 4, 20)),
        Nominee("c", "org2", date(2026, 4, 15)), Nominee("d", "org2", date(2026, 4, 15)),
        Nominee("e", "org2", date(2026, 4, 16)), Nominee("f", "org3", date(2026, 4, 11))])
    assert set(out.rejected) == {"b", "e"} and out.undecided == [["c", "d"]]


def test_G2_G3_G4_A6_at_the_grants_stage(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    good = ib.person("grants", org_type="tvet")
    short = ib.person("grants", work_months=50)
    late = ib.person("grants", submitted_on=date(2026, 5, 2))
    first = ib.person("grants", submitted_on=date(2026, 4, 11))
    second = ib.person("grants", org=ib.org(first), submitted_on=date(2026, 4, 12))
    twin1 = ib.person("grants", submitted_on=date(2026, 4, 14))
    twin2 = ib.person("grants", org=ib.org(twin1), submitted_on=date(2026, 4, 14))
    everyone = [good, short, late, first, second, twin1, twin2]
    ib.stage("grants", "grants", {p: [str(9 - n), "5"] for n, p in enumerate(everyone)}, members=9,
             competition="grants")
    ib.write("grants: {amount_kzt: 100, budget_kzt: 1000}\n")
    r = ib.results(db_url, "grants", "grants")
    assert {x["participant_iin"]: x["rule"] for x in r["rejected"]} == {short: "G2", late: "G4", second: "G3"}
    assert sorted(r["grants"]) == sorted([good, first])               # the twins wait for the Department
    assert [(x["rule"], sorted(x["participants"])) for x in r["pending"]] == [("A6", sorted([twin1, twin2]))]
    ib.decision("grants", "grants", "advance", twin2, competition="grants")
    ib.write("grants: {amount_kzt: 100, budget_kzt: 1000}\n")
    r = ib.results(db_url, "grants", "grants")
    assert sorted(r["grants"]) == sorted([good, first, twin2]) and r["pending"] == []
    assert {x["participant_iin"]: x["rule"] for x in r["rejected"]}[twin1] == "G3"


def test_A5_the_experience_default_is_written_where_it_applies(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    school = ib.results(db_url, "teacher_of_year", "school")
    assert "A5" in [d["id"] for d in school["defaults"]]
    ib.stage("district", "Алмалы", {a: ["5"] * 4}, members=15)
    ib.write()
    district = ib.results(db_url, "teacher_of_year", "district")
    assert "A5" not in [d["id"] for d in district["defaults"]]
