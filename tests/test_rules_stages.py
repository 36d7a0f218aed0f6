"""Stages and rounds (S1–S6), votes (S5 with A3) and the selection rounds' default (A4), on both backends."""
from __future__ import annotations

from pathlib import Path

from mugalim.samples.season import ScoreInbox


def test_S1_each_stage_takes_only_whom_the_previous_one_sent(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    b = ib.person(org=ib.org(a))
    c = ib.person(org=ib.org(a))
    ib.stage("school", ib.org(a), {a: ["9"] * 4, b: ["8"] * 4, c: ["2"] * 4})
    ib.stage("district", "Алмалы", {a: ["5"] * 4, b: ["6"] * 4, c: ["7"] * 4}, members=15)
    r = ib.results(db_url, "teacher_of_year", "district")
    assert sorted(r["advancing"]) == sorted([a, b])
    assert {x["participant_iin"] for x in r["ranking"]} == {a, b}
    assert sum("participant not in this stage" in x["reason"] for x in r["bad_rows"]) == 4 * 15


def test_S2_at_most_two_from_each_school(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    first = ib.person()
    people = [first] + [ib.person(org=ib.org(first)) for _ in range(4)]
    ib.stage("school", ib.org(first), {p: [str(9 - n)] * 4 for n, p in enumerate(people)})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["advancing"] == people[:2]
    assert [x["rank"] for x in r["ranking"]] == [1, 2, 3, 4, 5]


def test_S3_the_five_best_of_each_district_go_to_the_city(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Медеу") for _ in range(7)]
    ib.through_school(people)
    ib.stage("district", "Медеу", {p: [f"{3 + n * 0.5}"] * 4 for n, p in enumerate(people)}, members=15)
    r = ib.results(db_url, "teacher_of_year", "district")
    assert sorted(r["advancing"]) == sorted(people[2:])
    assert r["pending"] == [] and r["invalid_sessions"] == []


def test_S4_school_has_four_rounds_and_the_city_five(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    ib.score("school", ib.org(a), 5, a, "s01", "9")                 # no round 5 at the school stage
    r = ib.results(db_url, "teacher_of_year", "school")
    assert [b["reason"] for b in r["bad_rows"]] == ["not a round of this stage (round 5)"]
    assert r["ranking"][0]["total"] == 20.0

    ib2 = ScoreInbox(data_dir / "city")
    people = [ib2.person(district=d) for d in ("Алмалы", "Медеу")]
    ib2.through_district(people)
    ib2.stage("city", "city", {p: ["5"] * 4 for p in people}, members=15)    # only four rounds held
    r = ib2.results(db_url, "teacher_of_year", "city")
    assert r["prizes"] == {"grand_prix": None, "first": None, "second": None, "third": None}
    assert [(s["round"], s["rule"]) for s in r["invalid_sessions"]] == [(5, "C2")]


def test_S5_A3_votes_in_the_three_hour_window_both_ends_any_offset(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a, b = ib.person(district="Алмалы"), ib.person(district="Медеу")
    ib.through_district([a, b])
    ib.stage("city", "city", {a: ["5"] * 5, b: ["5"] * 5}, members=15)
    ib.presentation(a, "2026-05-20T19:00:00+05:00")
    ib.vote(a, "+77010000001", "2026-05-20T14:00:00+00:00")        # the end itself, written in UTC: counts
    ib.vote(a, "+77010000002", "2026-05-20T22:00:00+05:00")        # exactly three hours later: counts
    ib.vote(a, "+77010000003", "2026-05-20T22:00:00.000001+05:00")  # a microsecond late: outside
    ib.vote(a, "+77010000004", "2026-05-20T18:59:59+05:00")        # before the end: outside
    ib.vote(a, "+77010000001", "2026-05-20T20:00:00+05:00")        # the same phone again: a repeat
    ib.vote(a, "+77010000005", "2026-05-20T15:30:00Z")             # 20:30 in Almaty, written in UTC: inside
    ib.vote(b, "+77010000001", "2026-05-20T19:30:00+05:00")        # b has no presentation: nothing counts
    r = ib.results(db_url, "teacher_of_year", "city")
    assert r["votes"] == {a: 3, b: 0}
    assert r["votes_report"][a] == {"received": 6, "counted": 3, "outside_window": 2, "repeats": 1}
    assert any("no single presentation end" in w for w in r["warnings"])
    assert r["prizes"]["grand_prix"] is None    # votes add nothing by default (points: none): a and b tie


def test_A3_votes_become_points_only_when_the_season_says_so(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a, b = ib.person(district="Алмалы"), ib.person(district="Медеу")
    ib.through_district([a, b])
    ib.stage("city", "city", {a: ["6"] * 5, b: ["5"] * 5}, members=15)
    for p, n in ((a, 1), (b, 7)):
        ib.presentation(p, "2026-05-20T19:00:00+05:00")
        for k in range(n):
            ib.vote(p, f"+7701000{k:04d}", "2026-05-20T19:10:00+05:00")
    ib.write("votes: {points: one_per_vote}\n")
    r = ib.results(db_url, "teacher_of_year", "city")
    assert r["prizes"]["grand_prix"] == b                  # 25 + 7 beats 30 + 1
    assert {x["participant_iin"]: x["total"] for x in r["ranking"]} == {a: 31.0, b: 32.0}


def test_S6_the_city_decides_on_all_five_rounds(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a, b = ib.person(district="Алмалы"), ib.person(district="Медеу")
    ib.through_district([a, b])
    ib.stage("city", "city", {a: ["8", "8", "8", "8", "1"], b: ["7", "7", "7", "7", "9"]}, members=15)
    r = ib.results(db_url, "teacher_of_year", "city")
    assert (r["prizes"]["grand_prix"], r["prizes"]["first"]) == (b, a)      # 37 against 33


def test_A4_no_cut_off_after_the_selection_rounds_by_default(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    first = ib.person()
    people = [first] + [ib.person(org=ib.org(first)) for _ in range(2)]
    # the weakest after rounds 1–2 wins on rounds 3–4
    ib.stage("school", ib.org(first), {people[0]: ["1", "1", "10", "10"], people[1]: ["6", "6", "6", "6"],
                                       people[2]: ["7", "7", "1", "1"]})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert sorted(r["advancing"]) == sorted([people[0], people[1]])
    assert [d["setting"] for d in r["defaults"] if d["id"] == "A4"] == ["selection_cutoff: none"]


def test_A4_a_selection_cut_off_when_the_season_sets_one(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    first = ib.person()
    p = [first] + [ib.person(org=ib.org(first)) for _ in range(3)]
    unit = ib.org(first)
    scores = {p[0]: ["9", "9", "5", "5"], p[1]: ["8", "8", "5", "5"], p[2]: ["7", "7", "9", "9"],
              p[3]: ["1", "1", "10", "10"]}
    for r in (1, 2, 3, 4):
        present = ib.session("school", unit, r)
        for iin, values in scores.items():
            if r <= 2 or iin != p[3]:                        # the weakest after round 2 is not scored further
                for m in present:
                    ib.score("school", unit, r, iin, m, values[r - 1])
    ib.write("selection_cutoff: {school: 3}\n")
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["eliminated_at_selection"] == [p[3]] and r["invalid_sessions"] == [] and r["pending"] == []
    assert sorted(r["advancing"]) == sorted([p[0], p[2]])


def test_S5_voters_phone_hashes_are_stored_keyed_not_as_the_reversible_sha256(data_dir: Path, db_url: str):
    """Issue 16 (minor): a bare SHA-256 of a 10-digit number is reversed by trying every number; the database keeps
    HMAC-SHA256 under the installation's key, and votes still count one per phone."""
    import hashlib

    from sqlalchemy import text

    from mugalim.db import engine_for

    ib = ScoreInbox(data_dir)
    a = ib.person(district="Алмалы")
    ib.through_district([a])
    ib.stage("city", "city", {a: ["5"] * 5}, members=15)
    ib.presentation(a, "2026-05-20T18:00:00+05:00")
    for at in ("19:00", "19:30"):
        ib.vote(a, "+77010000001", f"2026-05-20T{at}:00+05:00")
    ib.vote(a, "+77010000002", "2026-05-20T19:00:00+05:00")
    assert ib.results(db_url, "teacher_of_year", "city")["votes"] == {a: 2}
    with engine_for(db_url).connect() as c:
        stored = {r[0] for r in c.execute(text("SELECT phone_sha256 FROM scoring_votes"))}
    bare = {hashlib.sha256(p.encode()).hexdigest() for p in ("+77010000001", "+77010000002")}
    assert len(stored) == 2 and not stored & bare
