"""The values that travel between the scoring steps: small frozen records."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Ranked:
    """One participant's stage total (exact) and rank in the unit (rank 1 is best; equal totals share a rank)."""
    unit: str
    participant_iin: str
    rounds: int
    total: Fraction
    rank: int


@dataclass(frozen=True)
class RoundScore:
    """The sums of the valid scores of one participant in one round (thousandths) and the round's exact score."""
    unit: str
    participant_iin: str
    round: int
    n: int
    total_milli: int
    min_milli: int
    max_milli: int
    score: Fraction


@dataclass(frozen=True)
class Session:
    """One commission session (a unit's round), as its attendance rows describe it."""
    unit: str
    round: int
    members: int
    present: int
    attendance_rows: int
    chair_present: int
    deputy_present: int
    secretary_present: int


@dataclass(frozen=True)
class Invalid:
    unit: str
    round: int | None
    rule: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"unit": self.unit, "round": self.round, "rule": self.rule, "reason": self.reason}


@dataclass(frozen=True)
class Feeder:
    """A unit of the previous stage that feeds a unit of this one (a school feeds its district, a district the
    city)."""
    stage: str
    unit: str

    def as_json(self) -> dict[str, str]:
        return {"stage": self.stage, "unit": self.unit}


@dataclass(frozen=True)
class Pending:
    reason: str
    participants: tuple[str, ...]
    rule: str = "A2"
    unit: str | None = None
    waiting_for: tuple[Feeder, ...] = ()          # A9: the undecided units this unit waits for

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"reason": self.reason, "participants": list(self.participants), "rule": self.rule,
                                  "unit": self.unit}
        if self.waiting_for:
            out["waiting_for"] = [f.as_json() for f in self.waiting_for]
        return out


@dataclass(frozen=True)
class Decision:
    """A row of a `decisions` file: the commission's (or Department's) resolution of a tie left pending."""
    file: str
    row: int
    unit: str
    decision: str            # advance | place
    participant_iin: str
    place: str | None


@dataclass(frozen=True)
class Rejected:
    participant_iin: str
    rule: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"participant_iin": self.participant_iin, "rule": self.rule, "reason": self.reason}
