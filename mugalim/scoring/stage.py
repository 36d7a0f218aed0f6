"""One stage of one competition, decided: the SQL aggregates, then each rule in turn, into a `StageOutcome`."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from sqlalchemy import Connection

from mugalim.identifiers import mask
from mugalim.scoring import aggregate as agg
from mugalim.scoring.commission import check_sessions
from mugalim.scoring.grants import a7_grant_count, g5_within_budget
from mugalim.scoring.feeding import a9_releases
from mugalim.scoring.model import Decision, Feeder, Invalid, Pending, Ranked, Rejected, RoundScore, Session
from mugalim.scoring.prizes import p1_award_places
from mugalim.scoring.sheets import MILLI, PROCEED_WITHOUT, BadRow
from mugalim.scoring.stages import advancing_slots, grant_rounds, max_round, s4_rounds
from mugalim.scoring.ties import Cut, cut_at, resolve
from mugalim.scoring.votes import VoteCount, a3_vote_points, s5_count_votes
from mugalim.season import SeasonSettings


@dataclass
class StageInput:
    """Who is in the stage (IIN → unit) and who was rejected where a rule first applies (IIN → unit)."""
    competition: str
    stage: str
    entrants: dict[str, str]
    rejected: list[Rejected] = field(default_factory=list)
    rejected_units: dict[str, str] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)        # decided before scoring (A6, unknown unit)
    held: set[str] = field(default_factory=set)                 # in the stage, but cannot be chosen until decided
    cannot_hold_title: set[str] = field(default_factory=set)    # E4
    used: list[Decision] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    waiting: dict[str, list[Feeder]] = field(default_factory=dict)      # A9: unit → undecided units it waits for
    proceeded: dict[str, list[Feeder]] = field(default_factory=dict)    # A9: unit → units it goes on without


@dataclass
class StageOutcome:
    season: int
    competition: str
    stage: str
    entrants: dict[str, str]
    advancing: list[str] = field(default_factory=list)
    prizes: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(("grand_prix", "first", "second",
                                                                                    "third")))
    grants: list[str] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    ranking: list[Ranked] = field(default_factory=list)
    rounds: list[RoundScore] = field(default_factory=list)
    sessions: dict[tuple[str, int], Session] = field(default_factory=dict)
    votes: dict[str, VoteCount] = field(default_factory=dict)
    vote_points: dict[str, int] = field(default_factory=dict)
    bad_rows: list[BadRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    used: list[Decision] = field(default_factory=list)
    undecided: dict[str, list[str]] = field(default_factory=dict)     # unit → reasons
    slots: int | None = None
    cannot_hold_title: set[str] = field(default_factory=set)
    expected_rounds: dict[str, list[int]] = field(default_factory=dict)
    eliminated: list[str] = field(default_factory=list)             # A4: out after the selection rounds
    waiting: dict[str, list[Feeder]] = field(default_factory=dict)    # A9: unit → undecided units it waits for
    proceeded: dict[str, list[Feeder]] = field(default_factory=dict)  # A9: unit → units it went on without
    released: list[Decision] = field(default_factory=list)            # A9: proceed_without rows kept, of this stage

    def units(self) -> dict[str, list[str]]:
        """Each unit's entrants (IINs, sorted), computed once: a city-scale stage has thousands of units."""
        if not hasattr(self, "_units"):
            by: dict[str, list[str]] = defaultdict(list)
            for iin, unit in sorted(self.entrants.items()):
                by[unit].append(iin)
            object.__setattr__(self, "_units", dict(by))
        return self._units  # type: ignore[attr-defined]

    def grouped(self, name: str) -> dict[str, list]:  # type: ignore[type-arg]
        """`ranking`, `rounds` or `invalid` grouped by unit (in their order), computed once."""
        cache = self.__dict__.setdefault("_grouped", {})
        if name not in cache:
            by: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
            for x in getattr(self, name):
                by[x.unit].append(x)
            cache[name] = dict(by)
        return cache[name]


def score_stage(conn: Connection, ss: SeasonSettings, si: StageInput) -> StageOutcome:
    """Aggregate the stage in SQL and apply its rules (see the module docstrings of each rule family)."""
    k = agg.key(ss.season, si.competition, si.stage)
    out = StageOutcome(ss.season, si.competition, si.stage, dict(si.entrants), rejected=list(si.rejected),
                       pending=list(si.pending), used=list(si.used), bad_rows=list(si.bad_rows),
                       cannot_hold_title=set(si.cannot_hold_title), waiting=dict(si.waiting),
                       proceeded=dict(si.proceeded))
    if si.stage == "city":
        _count_votes(conn, ss, out)
    agg.write_entrants(conn, k, si.entrants, si.rejected_units, out.vote_points)
    trimmed = ss.round_aggregation == "trimmed_mean"
    scale = (int(ss.score_scale.min * MILLI), int(ss.score_scale.max * MILLI))
    out.rounds, bad = agg.check_scores(conn, k, scale_milli=scale, max_round=max_round(si.stage), trimmed=trimmed)
    out.ranking = agg.rank(conn, k, out.rounds, trimmed=trimmed, extra_points=out.vote_points)
    out.sessions = agg.sessions(conn, k)
    out.bad_rows += bad + agg.bad_attendance(conn, k) + agg.file_bad_rows(conn, k)
    a4_selection_cut(out, (ss.selection_cutoff or {}).get(si.stage))
    _check_units(conn, ss, k, out)
    decisions = agg.decisions(conn, k)
    _decide(ss, out, [d for d in decisions if d.decision != PROCEED_WITHOUT], si.held)
    a9_releases(out, [d for d in decisions if d.decision == PROCEED_WITHOUT])
    out.bad_rows.sort(key=lambda b: (b.file, b.row or 0, b.reason))
    return out


SELECTION_ROUNDS = (1, 2)


def a4_selection_cut(out: StageOutcome, keep: int | None) -> None:
    """A4: after the two selection rounds (1: olympiad and portfolio, 2: presentation) there is no cut-off unless
    the season sets `selection_cutoff: {<stage>: N}`; then only the N best of each unit on rounds 1–2 go on to the
    later rounds. Everyone tied at that cut goes on (no one is eliminated by an arbitrary choice, A2)."""
    if not keep:
        return
    sel: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for iin, unit in out.entrants.items():
        sel[unit][iin] = Fraction(0)
    for r in out.rounds:
        if r.round in SELECTION_ROUNDS and r.participant_iin in sel[r.unit]:
            sel[r.unit][r.participant_iin] += r.score
    for unit, totals in sorted(sel.items()):
        order = sorted(totals.values(), reverse=True)
        if len(order) <= keep:
            continue
        edge = order[keep - 1]
        out_now = sorted(i for i, t in totals.items() if t < edge)
        out.eliminated += out_now
        if sum(1 for t in order if t == edge) > 1 and order[keep] == edge:
            out.warnings.append(f"{unit}: a tie at the selection cut-off of {keep} (A4): all tied go on (A2)")


def _count_votes(conn: Connection, ss: SeasonSettings, out: StageOutcome) -> None:
    """S5, A3 for the city stage; votes for anyone not in it are reported, not used."""
    counts = s5_count_votes(conn, season=ss.season, window_hours=ss.votes.window_hours,
                            one_per_phone=ss.votes.one_per_phone, presented=agg.presented(conn, ss.season))
    out.votes = {iin: counts.get(iin, VoteCount(0, 0, 0, False)) for iin in sorted(out.entrants)}
    strays = sum(v.received for iin, v in counts.items() if iin not in out.entrants)
    if strays:
        out.warnings.append(f"{strays} votes for people not in the city stage: not counted")
    for iin, v in out.votes.items():
        if v.received and not v.has_presentation:
            out.warnings.append(f"participant {mask(iin)}: {v.received} votes but no single presentation end time "
                                f"in the presentations file: none counted (S5)")
    out.vote_points = a3_vote_points({i: v.counted for i, v in out.votes.items()}, ss.votes.points)


def _check_units(conn: Connection, ss: SeasonSettings, k: dict[str, object], out: StageOutcome) -> None:
    """C1, C2, A8 for every session of every unit with participants; a participant without a valid score in an
    expected round leaves the unit undecided too (nobody is decided on part of the scores)."""
    seen = agg.seen_rounds(conn, k) if out.stage == "grants" else {}
    by_unit: dict[str, dict[int, Session]] = defaultdict(dict)
    for (unit, rnd), s in out.sessions.items():
        by_unit[unit][rnd] = s
    ranked = {r.participant_iin: r for r in out.ranking}
    scored: dict[str, set[int]] = defaultdict(set)
    for r in out.rounds:
        scored[r.participant_iin].add(r.round)
    for unit in sorted(set(out.entrants.values())):
        rounds = grant_rounds(seen.get(unit, set())) if out.stage == "grants" else s4_rounds(out.stage)
        out.expected_rounds[unit] = rounds
        check = check_sessions(out.stage, unit, rounds, by_unit.get(unit, {}), minimum=ss.commission_min_members)
        out.invalid += check.invalid
        out.warnings += check.warnings
        reasons = [f"round {i.round}: {i.reason} ({i.rule})" for i in check.invalid]
        members = out.units().get(unit, [])
        out_early = set(out.eliminated)
        missing = {i: [r for r in (SELECTION_ROUNDS if i in out_early else rounds) if r not in scored[i]]
                   for i in members if i in ranked}
        reasons += [f"participant {mask(i)} has no valid score in round(s) {', '.join(map(str, m))}"
                    for i, m in sorted(missing.items()) if m]
        if reasons:
            out.undecided[unit] = reasons


def _decide(ss: SeasonSettings, out: StageOutcome, decisions: list[Decision], held: set[str]) -> None:
    by_unit: dict[str, list[Ranked]] = defaultdict(list)
    for r in out.ranking:
        by_unit[r.unit].append(r)
    units = sorted(set(out.entrants.values()) | set(out.waiting))
    for d in decisions:
        if d.unit not in units:
            out.bad_rows.append(BadRow(d.file, d.row, f"no unit {d.unit!r} in the {out.stage} stage"))
    for unit in units:
        mine = [d for d in decisions if d.unit == unit]
        if unit in out.waiting:
            _waits(out, unit, mine)
            continue
        if unit in out.undecided:
            _undecided(out, unit, mine)
            continue
        ranked = [r for r in by_unit[unit] if r.participant_iin not in out.eliminated]
        if out.stage in ("school", "district"):
            out.slots = advancing_slots(out.stage)
            cut = resolve(cut_at(ranked, out.slots), [d for d in mine if d.decision == "advance"],
                          what=f"the {out.slots} places of {unit}")
            _wrong_kind(out, [d for d in mine if d.decision != "advance"], "advance")
            _apply_cut(out, unit, cut, out.advancing, f"tie at the cut-off of {out.slots} in {unit}")
        elif out.stage == "city":
            _wrong_kind(out, [d for d in mine if d.decision != "place" or d.place == "grant"], "place")
            places = p1_award_places(ranked, cannot_hold_title=out.cannot_hold_title,
                                     decisions=[d for d in mine if d.decision == "place" and d.place != "grant"])
            out.prizes, out.used, out.bad_rows = places.prizes, out.used + places.used, out.bad_rows + places.bad
            out.pending += places.pending
        else:
            _grants(ss, out, unit, ranked, mine, held)


def _grants(ss: SeasonSettings, out: StageOutcome, unit: str, ranked: list[Ranked], mine: list[Decision],
            held: set[str]) -> None:
    """A7: as many grants as the budget pays for, to the highest totals; G5: never more than the budget.
    A6: nominees pending the Department's decision keep their places in the ranking; a grant they may take stays
    open, and so do the grants their group will free (only one of a group is kept): the next ones wait too."""
    amount = ss.grant_kzt()
    out.slots = a7_grant_count(amount, ss.grants.budget_kzt)
    if out.slots == 0:
        out.warnings.append("no grant: the season sets no grant amount or budget (G5, A7)")
    grant_decisions = [d for d in mine if d.decision == "place" and d.place == "grant"]
    _wrong_kind(out, [d for d in mine if d not in grant_decisions and d.decision != "advance"], "place/grant")
    cut = resolve(cut_at(ranked, out.slots), grant_decisions, what=f"the last of {out.slots} grants")
    waiting = [i for i in cut.chosen if i in held]
    if waiting:
        cut.chosen = [i for i in cut.chosen if i not in held]
        groups = {p.participants for p in out.pending if p.rule == "A6" and set(p.participants) & set(waiting)}
        zone = set(cut.chosen) | set(waiting) | set(cut.tied)
        after = [r.participant_iin for r in ranked if r.participant_iin not in zone and r.participant_iin not in held]
        freed = after[:len(waiting) - len(groups)]
        if freed:
            out.pending.append(Pending(f"a grant may be freed by the Department's decision on same-day nominees "
                                       f"(A6): {len(freed)} next in the ranking wait", tuple(freed), "A6", unit))
    _apply_cut(out, unit, cut, out.grants, f"tie for the last of {out.slots} grants")
    assert g5_within_budget(len(out.grants), amount, ss.grants.budget_kzt) or not out.grants


def _apply_cut(out: StageOutcome, unit: str, cut: Cut, into: list[str], reason: str) -> None:
    into += cut.chosen
    out.used += cut.used
    out.bad_rows += cut.bad
    if cut.tied:
        out.pending.append(Pending(f"{reason}: {len(cut.tied)} equal totals for {cut.open} place(s), pending a "
                                   f"commission decision", tuple(cut.tied), "A2", unit))


def _undecided(out: StageOutcome, unit: str, mine: list[Decision]) -> None:
    members = tuple(out.units().get(unit, []))
    rule = next((i.rule for i in out.invalid if i.unit == unit), "C2")
    out.pending.append(Pending(f"{unit} undecided: " + "; ".join(out.undecided[unit]), members, rule, unit))
    out.bad_rows += [BadRow(d.file, d.row, f"{unit} is undecided (invalid session or missing scores): the decision "
                                           f"cannot apply yet") for d in mine if d.decision != "advance"
                     or out.stage != "grants"]


def _waits(out: StageOutcome, unit: str, mine: list[Decision]) -> None:
    """A9: a unit waiting for undecided units is provisional: pending, nobody sent on, no prize."""
    feeders = out.waiting[unit]
    names = ", ".join(f.unit for f in feeders)
    out.pending.append(Pending(f"{unit} waits for {len(feeders)} undecided unit(s) of the {feeders[0].stage} stage "
                               f"({names}): provisional until they are decided or the Department lets it go on "
                               f"without them (A9)", tuple(out.units().get(unit, [])), "A9", unit, tuple(feeders)))
    out.bad_rows += [BadRow(d.file, d.row, f"{unit} waits for undecided units (A9): the decision cannot apply yet")
                     for d in mine]


def _wrong_kind(out: StageOutcome, decisions: list[Decision], expected: str) -> None:
    out.bad_rows += [BadRow(d.file, d.row, f"decision {d.decision}{'/' + d.place if d.place else ''} does not apply "
                                           f"to the {out.stage} stage (expected {expected})") for d in decisions]
