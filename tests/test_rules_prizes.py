"""Places of the city stage (P1–P3), the title once in five years (E4, both settings) and ties for a place (A2)."""
from __future__ import annotations

from pathlib import Path

from mugalim.samples.season import ScoreInbox
from mugalim.scoring.eligibility import e4_title_holder


def _city(data_dir: Path, totals: list[str], settings: str = "") -> tuple[ScoreInbox, list[str]]:
    ib = ScoreInbox(data_dir)
    districts = ["Алмалы", "Әуезов", "Бостандық", "Жетісу", "Медеу", "Наурызбай"]
    people = [ib.person(district=districts[n % 6]) for n in range(len(totals))]
    ib.through_district(people)
    ib.stage("city", "city", {p: [t] * 5 for p, t in zip(people, totals)}, members=15)
    ib.write(settings)
    return ib, people


def test_P1_grand_prix_and_places_one_person_each(data_dir: Path, db_url: str):
    ib, p = _city(data_dir, ["9", "8", "7", "6", "5"])
    r = ib.results(db_url, "teacher_of_year", "city")
    assert r["prizes"] == {"grand_prix": p[0], "first": p[1], "second": p[2], "third": p[3]}
    assert r["advancing"] == [] and r["pending"] == []


def test_P2_E4_grand_prix_goes_to_the_best_who_can_hold_the_title_may_compete(data_dir: Path, db_url: str):
    ib, p = _city(data_dir, ["9", "8", "7", "6", "5"])
    ib.history(2023, "grand_prix", p[0])     # title in 2023: not again before 2028
    ib.history(2021, "grand_prix", p[1])     # title in 2021: may hold it again in 2026
    ib.history(2025, "first", p[2])          # a place is not the title
    ib.write()
    r = ib.results(db_url, "teacher_of_year", "city")
    assert r["prizes"] == {"grand_prix": p[1], "first": p[0], "second": p[2], "third": p[3]}


def test_E4_exclude_setting_rejects_a_recent_title_holder_at_registration(data_dir: Path, db_url: str):
    ib, p = _city(data_dir, ["9", "8", "7", "6", "5"], "title_repeat: exclude\n")
    ib.history(2024, "grand_prix", p[0])
    ib.write("title_repeat: exclude\n")
    school = ib.results(db_url, "teacher_of_year", "school")
    assert [(x["participant_iin"], x["rule"]) for x in school["rejected"]] == [(p[0], "E4")]
    city = ib.results(db_url, "teacher_of_year", "city")
    assert city["prizes"] == {"grand_prix": p[1], "first": p[2], "second": p[3], "third": p[4]}


def test_E4_once_in_five_years():
    assert e4_title_holder(2026, [2021]) is None
    assert e4_title_holder(2026, [2022]) and e4_title_holder(2026, [2025])
    assert e4_title_holder(2026, [2026]) is None and e4_title_holder(2026, []) is None


def test_P3_second_and_third_get_the_seasons_one_time_payments(data_dir: Path, db_url: str):
    ib, p = _city(data_dir, ["9", "8", "7", "6"], "prizes_kzt: {second: 500000, third: 300000}\n")
    r = ib.results(db_url, "teacher_of_year", "city")
    assert (r["prizes"]["second"], r["prizes"]["third"]) == (p[2], p[3])
    assert r["prize_payments_kzt"] == {"second": "500000", "third": "300000"}


def test_A2_a_tie_for_a_place_is_pending_until_a_decision_names_one_of_the_tied(data_dir: Path, db_url: str):
    ib, p = _city(data_dir, ["9", "8", "7", "7", "5"])
    r = ib.results(db_url, "teacher_of_year", "city")
    assert (r["prizes"]["second"], r["prizes"]["third"]) == (None, None)      # the tie fills II and III
    assert [sorted(x["participants"]) for x in r["pending"]] == [sorted([p[2], p[3]])]
    ib.decision("city", "city", "place", p[3], "second")
    ib.decision("city", "city", "place", p[4], "third")          # III is not tied once II is decided: bad row
    ib.write()
    r = ib.results(db_url, "teacher_of_year", "city")
    assert (r["prizes"]["second"], r["prizes"]["third"]) == (p[3], p[2])
    assert r["pending"] == []
    assert [b["row"] for b in r["bad_rows"]] == [3] and "no tie to resolve for III" in r["bad_rows"][0]["reason"]
    assert [(d["participant_iin"], d["place"]) for d in r["decisions_applied"]] == [(p[3], "second")]
