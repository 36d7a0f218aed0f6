"""Eligibility from a participant's record (rules E1–E4, G2–G4, A6), as pure functions.

Each check takes plain values and returns None when the rule is met, or the reason (for people, no personal data)
when it is not. Scoring applies them to participants that come from a `participants` file; the dossier validators
(`validators/`) may call the same functions for participants that come from scans, so that one rule has one code.
A value the record does not state fails the rule that needs it: eligibility is never assumed.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

TOY_ORG_TYPE = "secondary"
GRANT_ORG_TYPES = ("preschool", "secondary", "additional", "tvet")
E2_STAFF_MONTHS = 36           # 3 years on the nominating organization's staff
E3_CONTINUOUS_MONTHS = 60      # 5 years of uninterrupted pedagogical experience
G2_EXPERIENCE_MONTHS = 60      # 5 years of work experience
TITLE_YEARS = 5                # E4: once in five years


def e1_citizen(citizen: bool | None) -> str | None:
    """E1 (cl. 6): the participant is a citizen of the Republic of Kazakhstan."""
    if citizen is None:
        return "citizenship not stated"
    return None if citizen else "not a citizen of the Republic of Kazakhstan"


def e2_staff_teacher(organization_type: str | None, staff_months_at_org: int | None) -> str | None:
    """E2 (cl. 4, 6.1): a staff teacher of an Almaty secondary education organization, 3 years on its staff."""
    if organization_type != TOY_ORG_TYPE:
        return f"the nominating organization is {organization_type or 'not stated'}, not a secondary school"
    if staff_months_at_org is None:
        return "months on the organization's staff not stated"
    if staff_months_at_org < E2_STAFF_MONTHS:
        return f"{staff_months_at_org} months on the organization's staff, fewer than {E2_STAFF_MONTHS} (3 years)"
    return None


def e3_continuous_experience(continuous_pedagogical_months: int | None) -> str | None:
    """E3 (cl. 6.2): at least 5 years of uninterrupted pedagogical experience when the documents are submitted."""
    if continuous_pedagogical_months is None:
        return "months of uninterrupted pedagogical experience not stated"
    if continuous_pedagogical_months < E3_CONTINUOUS_MONTHS:
        return (f"{continuous_pedagogical_months} months of uninterrupted pedagogical experience, "
                f"fewer than {E3_CONTINUOUS_MONTHS} (5 years)")
    return None


def e4_title_holder(season: int, title_seasons: Iterable[int]) -> str | None:
    """E4 (cl. 5): the title is given to one person not more than once in five years: a holder of season Y cannot
    receive it in seasons Y+1 … Y+4. Returns the reason this person cannot hold the title in `season`."""
    recent = sorted(y for y in title_seasons if season - TITLE_YEARS < y < season)
    return f"received the title in {recent[-1]}: not again before {recent[-1] + TITLE_YEARS}" if recent else None


def g2_grant_eligible(organization_type: str | None, work_experience_months: int | None) -> str | None:
    """G2 (cl. 19): a teacher of a preschool, general secondary, additional or technical and vocational organization
    with at least 5 years of work experience."""
    if organization_type not in GRANT_ORG_TYPES:
        return f"organization type {organization_type or 'not stated'} is not eligible for grants"
    if work_experience_months is None:
        return "months of work experience not stated"
    if work_experience_months < G2_EXPERIENCE_MONTHS:
        return f"{work_experience_months} months of work experience, fewer than {G2_EXPERIENCE_MONTHS} (5 years)"
    return None


def g4_portfolio_window(submitted_on: date | None, window: tuple[date, date]) -> str | None:
    """G4 (cl. 21): the portfolio reaches the grant commission between 10 and 30 April (the season's
    `grants_portfolio` window, both days included)."""
    if submitted_on is None:
        return "submission date not stated"
    if not window[0] <= submitted_on <= window[1]:
        return f"submitted on {submitted_on}, outside {window[0]} – {window[1]}"
    return None


@dataclass(frozen=True)
class Nominee:
    participant_iin: str
    organization_bin: str | None
    submitted_on: date | None


@dataclass(frozen=True)
class OneNomineeOutcome:
    rejected: dict[str, str]               # IIN → reason (rule G3)
    undecided: list[list[str]]             # groups submitted the same day: pending the Department (A6)


def g3_one_nominee_per_org(nominees: Iterable[Nominee]) -> OneNomineeOutcome:
    """G3 (cl. 20) with default A6: each organization nominates at most one teacher. The earlier submission is kept
    (even if another rule rejects it later); later ones are rejected under G3; two or more submitted on the earliest
    day are all pending the Department's decision. A nominee without a date counts as the latest."""
    by_org: dict[str, list[Nominee]] = defaultdict(list)
    for n in nominees:
        if n.organization_bin:
            by_org[n.organization_bin].append(n)
    rejected: dict[str, str] = {}
    undecided: list[list[str]] = []
    for org in sorted(by_org):
        group = sorted(by_org[org], key=lambda n: (n.submitted_on or date.max, n.participant_iin))
        if len(group) < 2:
            continue
        first_day = group[0].submitted_on
        earliest = [n for n in group if n.submitted_on == first_day]
        if len(earliest) > 1:
            undecided.append([n.participant_iin for n in earliest])
        for n in group[len(earliest):]:
            rejected[n.participant_iin] = (f"another teacher of the same organization submitted earlier "
                                           f"({first_day}): one nominee per organization")
    return OneNomineeOutcome(rejected, undecided)
