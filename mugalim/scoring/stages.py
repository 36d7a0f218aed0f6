"""Stages and rounds of Teacher of the Year (rules S1–S4, S6) and the grants stage.

S1: three stages in this order every year, school → district → city, in the season's windows (the protocol
states them). S2/S3: how many a unit sends on. S4: the rounds of each stage. S6: the city decides on the points of
its five rounds (see prizes.py); S5 (votes) is votes.py.
"""
from __future__ import annotations

TOY_STAGES = ("school", "district", "city")          # S1, in order
ALL_STAGES = (("teacher_of_year", "school"), ("teacher_of_year", "district"), ("teacher_of_year", "city"),
              ("grants", "grants"))
S2_PER_SCHOOL = 2
S3_PER_DISTRICT = 5
MAX_GRANT_ROUNDS = 1000


def previous_stage(stage: str) -> str | None:
    """S1: the stage whose outcome decides who is in `stage` (None: every registered participant is)."""
    i = TOY_STAGES.index(stage) if stage in TOY_STAGES else 0
    return TOY_STAGES[i - 1] if i > 0 else None


def s4_rounds(stage: str) -> list[int]:
    """S4 (cl. 8): stages I and II have 4 rounds, stage III has 5 (round 5 is the televised presentation).
    The grants stage has the rounds its commission held (see `grant_rounds`)."""
    return {"school": [1, 2, 3, 4], "district": [1, 2, 3, 4], "city": [1, 2, 3, 4, 5]}[stage]


def max_round(stage: str) -> int:
    return MAX_GRANT_ROUNDS if stage == "grants" else len(s4_rounds(stage))


def advancing_slots(stage: str) -> int:
    """S2 (cl. 8.1): at most 2 from each school; S3 (cl. 8.2): the 5 best of each district."""
    return {"school": S2_PER_SCHOOL, "district": S3_PER_DISTRICT}[stage]


def stage_unit(stage: str, organization_bin: str | None, district: str | None) -> str | None:
    """The unit a participant is judged in: the school's BIN, the district's name, `city` or `grants`."""
    return {"school": organization_bin, "district": district, "city": "city", "grants": "grants"}[stage]


def grant_rounds(seen: set[int]) -> list[int]:
    """The grants stage's rounds: those its attendance or scores name (at least round 1)."""
    return sorted(seen) or [1]
