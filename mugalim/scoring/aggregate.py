"""The database side of a stage: its entrants in, the SQL of `sql/queries/scoring_*.sql` run, typed records out.

Sums and counts are exact integers in SQL (scores in thousandths); a mean is a `Fraction` in Python; the ranking
query orders exact totals kept as integers over a common denominator (see `scoring_ranking.sql`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from collections import defaultdict
from fractions import Fraction
from typing import Any

from sqlalchemy import Connection, text

from mugalim.db import query
from mugalim.errors import MugalimError
from mugalim.scoring.load import analyze, bulk_insert
from mugalim.scoring.model import Decision, Ranked, RoundScore, Session
from mugalim.scoring.sheets import MILLI, BadRow

INT64_SAFE = 2 ** 62


def key(season: int, competition: str, stage: str) -> dict[str, Any]:
    return {"season": season, "competition": competition, "stage": stage}


def write_entrants(conn: Connection, k: dict[str, Any], entrants: dict[str, str], rejected: dict[str, str],
                   extra_points: dict[str, int]) -> None:
    """The stage's working list: who is in it (and in which unit), who was rejected, their vote points (A3)."""
    conn.execute(text("DELETE FROM scoring_entrants WHERE season = :season AND competition = :competition "
                      "AND stage = :stage"), k)
    rows = [(k["season"], k["competition"], k["stage"], unit, iin, "in", extra_points.get(iin, 0) * MILLI)
            for iin, unit in entrants.items()]
    rows += [(k["season"], k["competition"], k["stage"], unit, iin, "rejected", 0) for iin, unit in rejected.items()
             if iin not in entrants]
    bulk_insert(conn, "scoring_entrants", ("season", "competition", "stage", "unit", "participant_iin", "status",
                                           "extra_milli"), rows)


def check_scores(conn: Connection, k: dict[str, Any], *, scale_milli: tuple[int, int], max_round: int,
                 trimmed: bool) -> tuple[list[RoundScore], list[BadRow]]:
    """One pass over the stage's score rows: valid rows summed per round (A1), bad rows with their reasons."""
    params = {**k, "min_milli": scale_milli[0], "max_milli": scale_milli[1], "max_round": max_round}
    conn.execute(text("DELETE FROM scoring_members WHERE season = :season AND competition = :competition "
                      "AND stage = :stage"), k)
    conn.execute(query("scoring_members_fill"), k)
    analyze(conn, ("scoring_members", "scoring_entrants"))
    rounds: list[RoundScore] = []
    bad: list[BadRow] = []
    for r in conn.execute(query("scoring_checked_scores"), params):
        if r.reason is None:
            n, tot, lo, hi = int(r.n), int(r.total_milli), int(r.min_milli), int(r.max_milli)
            rounds.append(RoundScore(r.unit, r.participant_iin, int(r.round), n, tot, lo, hi,
                                     a1_round_score(n, tot, lo, hi, trimmed=trimmed)))
        else:
            bad.append(BadRow(r.file, int(r.row_no), f"{r.reason} (round {r.round})", k["season"],
                              k["competition"], k["stage"]))
    bad.sort(key=lambda b: (b.file, b.row or 0))
    conn.execute(text("DELETE FROM scoring_rounds WHERE season = :season AND competition = :competition "
                      "AND stage = :stage"), k)
    bulk_insert(conn, "scoring_rounds", ("season", "competition", "stage", "unit", "participant_iin", "round", "n",
                                         "total_milli", "min_milli", "max_milli"),
                [(k["season"], k["competition"], k["stage"], r.unit, r.participant_iin, r.round, r.n, r.total_milli,
                  r.min_milli, r.max_milli) for r in rounds])
    return rounds, bad


def a1_round_score(n: int, total_milli: int, min_milli: int, max_milli: int, *, trimmed: bool) -> Fraction:
    """A1: a round's score is the arithmetic mean of the scores of the members present who scored; with
    `round_aggregation: trimmed_mean` the one highest and one lowest are dropped first (when at least three
    scored: with fewer there is nothing to trim). Exact."""
    num, den = _num_den(n, total_milli, min_milli, max_milli, trimmed)
    return Fraction(num, den * MILLI)


def _num_den(n: int, total: int, lo: int, hi: int, trimmed: bool) -> tuple[int, int]:
    if trimmed and n >= 3:
        return total - lo - hi, n - 2
    return total, n


def rank(conn: Connection, k: dict[str, Any], rounds: list[RoundScore], *, trimmed: bool,
         extra_points: dict[str, int]) -> list[Ranked]:
    """Stage totals (sum of round scores, plus vote points) and RANK() per unit, in SQL, exact."""
    dens = {_num_den(r.n, r.total_milli, r.min_milli, r.max_milli, trimmed)[1] for r in rounds} or {1}
    lcm = math.lcm(*dens)
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for r in rounds:
        totals[r.participant_iin] += r.score
    biggest = max([abs(t) for t in totals.values()] + [Fraction(0)])
    if (biggest + max(extra_points.values(), default=0)) * lcm * MILLI >= INT64_SAFE:
        raise MugalimError(f"{k['stage']} stage: commission sizes and scores too large to rank exactly in 64 bits")
    analyze(conn, ("scoring_rounds",))
    rows = conn.execute(query("scoring_ranking"), {**k, "trimmed": int(trimmed), "l": lcm}).all()
    return [Ranked(r.unit, r.participant_iin, int(r.rounds), Fraction(int(r.total_scaled), lcm * MILLI), int(r.rank))
            for r in rows]


def sessions(conn: Connection, k: dict[str, Any]) -> dict[tuple[str, int], Session]:
    return {(r.unit, int(r.round)): Session(r.unit, int(r.round), int(r.members), int(r.present),
                                            int(r.attendance_rows), int(r.chair_present), int(r.deputy_present),
                                            int(r.secretary_present))
            for r in conn.execute(query("scoring_sessions"), k)}


def bad_attendance(conn: Connection, k: dict[str, Any]) -> list[BadRow]:
    return [BadRow(r.file, int(r.row_no), "member listed twice in the attendance of one session: neither row used",
                   k["season"], k["competition"], k["stage"])
            for r in conn.execute(query("scoring_bad_attendance"), k)]


def file_bad_rows(conn: Connection, k: dict[str, Any]) -> list[BadRow]:
    """Rows (and whole files) that could not be read, for this stage or saying nothing about which stage."""
    rows = conn.execute(text(
        "SELECT file, row_no, reason FROM scoring_bad_rows "
        "WHERE (season = :season OR season IS NULL) AND (competition = :competition OR competition IS NULL) "
        "AND (stage = :stage OR stage IS NULL) ORDER BY file, row_no"), k)
    return [BadRow(r.file, r.row_no, r.reason) for r in rows]


def decisions(conn: Connection, k: dict[str, Any]) -> list[Decision]:
    rows = conn.execute(text(
        "SELECT file, row_no, unit, decision, participant_iin, place FROM scoring_decisions "
        "WHERE season = :season AND competition = :competition AND stage = :stage ORDER BY file, row_no"), k)
    return [Decision(r.file, int(r.row_no), r.unit, r.decision, r.participant_iin, r.place) for r in rows]


@dataclass(frozen=True)
class Participant:
    participant_iin: str
    full_name: str | None
    organization_bin: str | None
    organization_name: str | None
    organization_type: str | None
    district: str | None
    citizen: bool | None
    staff_months_at_org: int | None
    continuous_pedagogical_months: int | None
    work_experience_months: int | None
    submitted_on: date | None
    source: str


def participants(conn: Connection, season: int, competition: str) -> list[Participant]:
    """The registered participants of a competition (typed alike on both backends: SQLite gives text dates)."""
    return [_participant(r) for r in conn.execute(text(
        "SELECT participant_iin, full_name, organization_bin, organization_name, organization_type, district, "
        "citizen, staff_months_at_org, continuous_pedagogical_months, work_experience_months, submitted_on, source "
        "FROM participants WHERE season = :season AND competition = :competition ORDER BY participant_iin"),
        {"season": season, "competition": competition})]


def _participant(r: Any) -> Participant:
    d = r.submitted_on
    return Participant(r.participant_iin, r.full_name, r.organization_bin, r.organization_name, r.organization_type,
                       r.district, None if r.citizen is None else bool(r.citizen), r.staff_months_at_org,
                       r.continuous_pedagogical_months, r.work_experience_months,
                       date.fromisoformat(str(d)[:10]) if d is not None else None, r.source)


def title_seasons(conn: Connection) -> dict[str, list[int]]:
    """E4: the seasons in which each person received the title (the Grand Prix, P2)."""
    out: dict[str, list[int]] = defaultdict(list)
    for r in conn.execute(text("SELECT DISTINCT participant_iin, season FROM scoring_history "
                               "WHERE competition = 'teacher_of_year' AND award = 'grand_prix'")):
        out[r.participant_iin].append(int(r.season))
    return out


def presented(conn: Connection, season: int) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT DISTINCT participant_iin FROM scoring_presentations "
                                            "WHERE season = :season"), {"season": season})}


def seen_rounds(conn: Connection, k: dict[str, Any]) -> dict[str, set[int]]:
    """Each unit's rounds that attendance or scores name (the grants stage has no fixed number of rounds)."""
    out: dict[str, set[int]] = defaultdict(set)
    for table in ("scoring_attendance", "scoring_scores"):
        for r in conn.execute(text(f"SELECT DISTINCT unit, round FROM {table} WHERE season = :season "
                                   "AND competition = :competition AND stage = :stage"), k):
            out[r.unit].add(int(r.round))
    return out


def dossier_rejections(conn: Connection, season: int) -> dict[tuple[str, str], dict[str, str]]:
    """(competition, IIN) → rule → reason: what the dossier checks found ineligible (validators), so that a
    participant who came from a scanned dossier is rejected at the stage where the rule first applies."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for r in conn.execute(query("dossier_rejections"), {"season": season}):
        found.setdefault((r.competition, r.participant_iin), {}).setdefault(r.rule, r.reason)
    return found
