"""Commissions and their sessions: rules C1, C2, C3 and the default A8.

A session is one unit's round. Its attendance rows list the whole commission; a round of a unit with participants
but no attendance rows has no valid session. An invalid session leaves its unit undecided.
"""
from __future__ import annotations

from dataclasses import dataclass

from mugalim.scoring.model import Invalid, Session

CITY_LEVEL = ("district", "city")   # C1 applies to the commissions formed by the Department's order


def c1_commission_size(stage: str, members: int, minimum: int = 15) -> str | None:
    """C1 (cl. 11): district and city commissions have at least 15 members. A8: below that elsewhere (school,
    grants) it is only a warning (see `a8_small_commission`)."""
    if stage in CITY_LEVEL and members < minimum:
        return f"commission of {members} members, fewer than {minimum}"
    return None


def a8_small_commission(stage: str, members: int, minimum: int = 15) -> str | None:
    """A8: commissions other than district and city: a size below 15 is only a warning."""
    if stage not in CITY_LEVEL and members < minimum:
        return f"{stage} commission of {members} members (fewer than {minimum}): a warning only (A8)"
    return None


def c2_quorum(members: int, present: int) -> str | None:
    """C2 (cl. 11), and A8 for every other commission: a session is valid only when at least two thirds of the
    members are present (exactly two thirds is valid). Integers only: 3 × present ≥ 2 × members."""
    if 3 * present < 2 * members:
        return f"{present} of {members} members present, fewer than two thirds"
    return None


def c3_presiding(s: Session) -> str:
    """C3 (cl. 11): the chair presides; when the chair is absent, the deputy acts as chair."""
    if s.chair_present:
        return "chair"
    if s.deputy_present:
        return "deputy"
    return "none"


@dataclass(frozen=True)
class SessionCheck:
    invalid: list[Invalid]
    warnings: list[str]


def check_sessions(stage: str, unit: str, rounds: list[int], sessions: dict[int, Session], *,
                   minimum: int = 15) -> SessionCheck:
    """Every expected round of one unit: a missing session (C2), too small a commission (C1), no quorum (C2);
    warnings for A8 and for a session that no one chairs (C3)."""
    invalid: list[Invalid] = []
    warnings: list[str] = []
    for r in rounds:
        s = sessions.get(r)
        if s is None:
            invalid.append(Invalid(unit, r, "C2", "no attendance rows: the round has no valid session"))
            continue
        size = c1_commission_size(stage, s.members, minimum)
        if size:
            invalid.append(Invalid(unit, r, "C1", size))
        quorum = c2_quorum(s.members, s.present)
        if quorum:
            invalid.append(Invalid(unit, r, "C2", quorum))
        small = a8_small_commission(stage, s.members, minimum)
        if small and r == rounds[0]:
            warnings.append(f"{unit}: {small}")
        if c3_presiding(s) == "none":
            warnings.append(f"{unit}, round {r}: neither the chair nor the deputy chair is present (C3)")
        if s.attendance_rows != s.members:
            warnings.append(f"{unit}, round {r}: a member is listed more than once in the attendance")
    return SessionCheck(invalid, warnings)
