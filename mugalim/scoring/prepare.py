"""Who is in each stage: eligibility where a rule first applies (E1–E4 at the school stage, G2–G4 with A6 at the
grants stage) and, from the district stage on, whoever the previous stage sent on (S1)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from mugalim.identifiers import mask
from mugalim.scoring import aggregate as agg
from mugalim.scoring.eligibility import (Nominee, e1_citizen, e2_staff_teacher, e3_continuous_experience,
                                         e4_title_holder, g2_grant_eligible, g3_one_nominee_per_org,
                                         g4_portfolio_window)
from mugalim.scoring.feeding import a9_waiting
from mugalim.scoring.model import Pending, Rejected
from mugalim.scoring.sheets import BadRow
from mugalim.scoring.stage import StageInput, StageOutcome
from mugalim.scoring.stages import stage_unit
from mugalim.season import SeasonSettings

FROM_FILE = "participants_file"
FROM_DOSSIER = "dossier"


def toy_input(conn: Connection, ss: SeasonSettings, stage: str, prev: StageOutcome | None) -> StageInput:
    people = {p.participant_iin: p for p in agg.participants(conn, ss.season, "teacher_of_year")}
    titles = agg.title_seasons(conn)
    blocked = {i for i in people if e4_title_holder(ss.season, titles.get(i, []))}
    si = StageInput("teacher_of_year", stage, {}, cannot_hold_title=blocked)
    if stage == "school":
        found = agg.dossier_rejections(conn, ss.season)
        candidates = [i for i in people if not _reject_toy(ss, people[i], titles, si, found)]
    else:
        candidates = [i for i in (prev.advancing if prev else []) if i in people]
        if prev is not None:
            si.waiting, si.proceeded = a9_waiting(prev, _fed_units(prev, stage, people))
    for iin in candidates:
        p = people[iin]
        unit = stage_unit(stage, p.organization_bin, p.district)
        if unit:
            si.entrants[iin] = unit
        else:
            what = "school (organization BIN)" if stage == "school" else "district"
            si.pending.append(Pending(f"no {what} on record for this participant", (iin,), "S1"))
    return si


def _fed_units(prev: StageOutcome, stage: str, people: dict[str, Any]) -> dict[str, str | None]:
    """Each unit of the previous stage → the unit of `stage` it feeds: a school its district, a district the city."""
    out: dict[str, str | None] = {}
    for unit, members in prev.units().items():
        first = people.get(members[0]) if members else None
        out[unit] = stage_unit(stage, first.organization_bin, first.district) if first else None
    for unit in prev.waiting:                        # a waiting unit may have no entrants of its own
        out.setdefault(unit, stage_unit(stage, None, unit) if prev.stage == "district" else None)
    return out


def _reject_toy(ss: SeasonSettings, p: Any, titles: dict[str, list[int]], si: StageInput,
                found: dict[tuple[str, str], dict[str, str]]) -> bool:
    """E1–E3 for records from a participants file, or as the dossier checks found them for records from a scanned
    dossier; E4 for everyone when the season excludes recent holders."""
    checks: list[tuple[str, str | None]] = []
    if p.source == FROM_FILE:
        checks = [("E1", e1_citizen(p.citizen)),
                  ("E2", e2_staff_teacher(p.organization_type, p.staff_months_at_org)),
                  ("E3", e3_continuous_experience(p.continuous_pedagogical_months))]
    elif p.source == FROM_DOSSIER:
        checks = _from_dossier(found, "teacher_of_year", p.participant_iin, ("E1", "E2", "E3"))
    if ss.title_repeat == "exclude":
        checks.append(("E4", e4_title_holder(ss.season, titles.get(p.participant_iin, []))))
    return _first_failure(p, checks, si)


def _from_dossier(found: dict[tuple[str, str], dict[str, str]], competition: str, iin: str,
                  rules: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """The dossier checks' findings for `rules`, in order: (rule, reason) with None where the rule holds."""
    mine = found.get((competition, iin), {})
    return [(rule, mine.get(rule)) for rule in rules]


def _first_failure(p: Any, checks: list[tuple[str, str | None]], si: StageInput) -> bool:
    for rule, reason in checks:
        if reason:
            si.rejected.append(Rejected(p.participant_iin, rule, reason))
            si.rejected_units[p.participant_iin] = p.organization_bin or ""
            return True
    return False


def grants_input(conn: Connection, ss: SeasonSettings) -> StageInput:
    """G2, G3 (with A6), G4: rejected ones are listed and scored nowhere; same-day nominees of one organization
    stay in the stage but cannot receive a grant until a decision (`advance`, unit `grants`) keeps one of them."""
    people = {p.participant_iin: p for p in agg.participants(conn, ss.season, "grants")}
    si = StageInput("grants", "grants", {})
    g3 = g3_one_nominee_per_org(Nominee(p.participant_iin, p.organization_bin, p.submitted_on)
                                for p in people.values())
    kept = _a6_decisions(conn, ss, g3.undecided, si)
    window = ss.window("grants_portfolio")
    found = agg.dossier_rejections(conn, ss.season)
    for iin, p in people.items():
        g2 = g2_grant_eligible(p.organization_type, p.work_experience_months) if p.source == FROM_FILE else None
        g4 = g4_portfolio_window(p.submitted_on, window) if p.source == FROM_FILE else None
        if p.source == FROM_DOSSIER:
            g2, g4 = (reason for _, reason in _from_dossier(found, "grants", iin, ("G2", "G4")))
        if not _first_failure(p, [("G2", g2), ("G3", g3.rejected.get(iin) or kept.get(iin)), ("G4", g4)], si):
            si.entrants[iin] = "grants"
    for group in g3.undecided:
        if not any(i in kept for i in group) and not any(d.participant_iin in group for d in si.used):
            si.held |= set(group)
            si.pending.append(Pending("same-day nominees of one organization: pending the Department's decision",
                                      tuple(group), "A6", "grants"))
    for p in si.rejected:
        si.rejected_units[p.participant_iin] = "grants"
    return si


def _a6_decisions(conn: Connection, ss: SeasonSettings, groups: list[list[str]], si: StageInput) -> dict[str, str]:
    """A6: an `advance` decision at the grants stage keeps one of a group of same-day nominees; the others of the
    group are then rejected under G3. Returns IIN → reason for those rejected by a decision."""
    rejected: dict[str, str] = {}
    for d in agg.decisions(conn, agg.key(ss.season, "grants", "grants")):
        if d.decision != "advance":
            continue
        group = next((g for g in groups if d.participant_iin in g), None)
        if group is None:
            si.bad_rows.append(BadRow(d.file, d.row, f"participant {mask(d.participant_iin)} is not among same-day "
                                                     f"nominees of one organization (A6)"))
            continue
        si.used.append(d)
        rejected.update({i: "the Department kept another same-day nominee of the organization (A6)"
                         for i in group if i != d.participant_iin})
    return rejected
