"""Commissions and protocols: C1–C5 and the default A8, on both backends."""
from __future__ import annotations

from pathlib import Path

import pdfplumber

from mugalim.samples.season import ScoreInbox
from mugalim.scoring.commission import c2_quorum, c3_presiding
from mugalim.scoring.model import Session


def _district(data_dir: Path, *, members: int, absent: int = 0) -> tuple[ScoreInbox, list[str]]:
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Бостандық") for _ in range(3)]
    ib.through_school(people)
    ib.stage("district", "Бостандық", {p: [str(5 + n)] * 4 for n, p in enumerate(people)}, members=members,
             absent=absent)
    return ib, people


def test_C1_a_district_commission_of_14_members_cannot_decide(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=14)
    r = ib.results(db_url, "teacher_of_year", "district")
    assert r["advancing"] == []
    assert {(s["unit"], s["rule"]) for s in r["invalid_sessions"]} == {("Бостандық", "C1")}
    assert sorted(r["pending"][0]["participants"]) == sorted(people)


def test_C1_fifteen_members_is_enough(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15)
    r = ib.results(db_url, "teacher_of_year", "district")
    assert sorted(r["advancing"]) == sorted(people) and r["invalid_sessions"] == []


def test_C2_exactly_two_thirds_present_is_a_valid_session(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15, absent=5)           # 10 of 15
    r = ib.results(db_url, "teacher_of_year", "district")
    assert r["invalid_sessions"] == [] and len(r["advancing"]) == 3


def test_C2_fewer_than_two_thirds_present_leaves_the_unit_undecided(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15, absent=6)           # 9 of 15
    r = ib.results(db_url, "teacher_of_year", "district")
    assert r["advancing"] == []
    assert [(s["round"], s["rule"]) for s in r["invalid_sessions"]] == [(1, "C2"), (2, "C2"), (3, "C2"), (4, "C2")]
    assert "fewer than two thirds" in r["pending"][0]["reason"]


def test_C2_quorum_arithmetic_is_exact():
    assert c2_quorum(15, 10) is None and c2_quorum(15, 9)
    assert c2_quorum(3, 2) is None and c2_quorum(21, 13) and c2_quorum(21, 14) is None


def test_C2_a_round_without_attendance_rows_has_no_valid_session(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15)
    ib.rows["attendance"] = [r for r in ib.rows["attendance"] if not (r[2] == "district" and r[4] == 3)]
    r = ib.results(db_url, "teacher_of_year", "district")
    assert [(s["round"], s["rule"]) for s in r["invalid_sessions"]] == [(3, "C2")]
    assert r["advancing"] == [] and r["pending"][0]["rule"] == "C2"
    assert all("member not on the commission" in b["reason"] for b in r["bad_rows"])


def test_C3_the_deputy_acts_as_chair_when_the_chair_is_absent():
    s = Session("u", 1, 15, 14, 15, chair_present=0, deputy_present=1, secretary_present=1)
    assert c3_presiding(s) == "deputy"
    assert c3_presiding(Session("u", 1, 15, 15, 15, 1, 1, 1)) == "chair"
    assert c3_presiding(Session("u", 1, 15, 13, 15, 0, 0, 1)) == "none"


def test_C3_a_session_nobody_chairs_is_reported(data_dir: Path, db_url: str):
    ib, _ = _district(data_dir, members=15)
    for row in ib.rows["attendance"]:
        if row[2] == "district" and row[4] == 2 and row[6] in ("chair", "deputy"):
            row[7] = "false"
    r = ib.results(db_url, "teacher_of_year", "district")
    assert any("neither the chair nor the deputy" in w for w in r["warnings"])


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_C4_the_protocol_is_in_kazakh_with_the_commission_decision_and_signature_lines(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15, absent=5)
    ib.results(db_url, "teacher_of_year", "district", reports=True)
    folder = data_dir / "outbox" / "2026" / "teacher_of_year" / "district"
    text = _pdf_text(folder / "protocol.pdf")
    for words in ("ХАТТАМА", "II кезең — аудандық", "Комиссия отырыстары және кворум", "Қатыспағандар",
                  "Келесі кезеңге өтеді", "Комиссия төрағасы", "Комиссия хатшысы", "A1", "A2"):
        assert words in text, words
    name = ib.b.s.people[people[0]].name
    assert name in text and people[0] not in text                  # names in full, IINs masked
    assert (folder / "charts" / "ranking_Бостандық.png").stat().st_size > 5000
    assert (folder / "charts" / "spread_Бостандық.png").stat().st_size > 5000


def test_C4_the_protocol_in_russian_when_the_season_says_so(data_dir: Path, db_url: str):
    ib, _ = _district(data_dir, members=15)
    ib.write("language: ru\n")
    ib.results(db_url, "teacher_of_year", "district", reports=True)
    text = _pdf_text(data_dir / "outbox" / "2026" / "teacher_of_year" / "district" / "protocol.pdf")
    assert "ПРОТОКОЛ" in text and "Председатель комиссии" in text and "ХАТТАМА" not in text


def test_C5_each_stage_publishes_its_results(data_dir: Path, db_url: str):
    ib, people = _district(data_dir, members=15)
    school = ib.results(db_url, "teacher_of_year", "school")
    district = ib.results(db_url, "teacher_of_year", "district")
    assert sorted(school["advancing"]) == sorted(people) == sorted(district["advancing"])
    assert school["names"][people[0]] == ib.b.s.people[people[0]].name


def test_A8_a_small_school_commission_is_only_a_warning_but_the_quorum_applies(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    b = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4}, members=5)           # 5 members: a warning only
    ib.stage("school", ib.org(b), {b: ["5"] * 4}, members=6, absent=3)  # 3 of 6: no quorum
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["advancing"] == [a]
    assert {s["unit"] for s in r["invalid_sessions"]} == {ib.org(b)}
    assert any("A8" in w and ib.org(a) in w for w in r["warnings"])
