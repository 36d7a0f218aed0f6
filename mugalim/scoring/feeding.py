"""A9: a stage on an incomplete field. A unit is decided only when every unit that feeds it is decided: a district
waits for each of its schools that has participants, the city for every district.

A feeding unit is undecided while its own stage cannot be decided (an invalid session, too small a commission, a
participant with no valid score), while a tie at its cut-off is pending (A2), or while it waits itself. A waiting
unit is provisional: it sends nobody on and gives no prize, so nothing is paid from it. A `proceed_without` decision
of the Department names an undecided unit (its stage and unit): the next stage then goes on with whoever that unit did
send on (nobody after an invalid session; those above the tie after a pending tie).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mugalim.scoring.model import Decision, Feeder
from mugalim.scoring.sheets import PROCEED_WITHOUT, BadRow

if TYPE_CHECKING:
    from mugalim.scoring.stage import StageOutcome


def undecided_units(out: StageOutcome) -> set[str]:
    """The units of a decided stage that are not decided: undecided, waiting, or with a tie pending at the cut."""
    ties = {p.unit for p in out.pending if p.rule == "A2" and p.unit}
    return set(out.undecided) | set(out.waiting) | ties


def a9_waiting(prev: StageOutcome, fed_unit: Mapping[str, str | None]
               ) -> tuple[dict[str, list[Feeder]], dict[str, list[Feeder]]]:
    """(unit → the feeding units it waits for, unit → the undecided feeding units it goes on without), for the stage
    after `prev`. `fed_unit` maps each unit of `prev` to the unit of the next stage it feeds."""
    released = {d.unit for d in prev.released}
    waiting: dict[str, list[Feeder]] = {}
    proceeded: dict[str, list[Feeder]] = {}
    for unit in sorted(undecided_units(prev)):
        target = fed_unit.get(unit)
        if target is None:
            continue
        into = proceeded if unit in released else waiting
        into.setdefault(target, []).append(Feeder(prev.stage, unit))
    return waiting, proceeded


def a9_releases(out: StageOutcome, rows: list[Decision]) -> None:
    """Check the `proceed_without` rows naming units of this stage: a row for an undecided unit is kept (the next
    stage goes on without it); a row for a unit that is decided, or not in the stage, resolves nothing and is
    refused with the reason."""
    open_units = undecided_units(out)
    units = set(out.entrants.values()) | set(out.waiting)
    for d in rows:
        if d.unit in open_units:
            out.released.append(d)
        elif d.unit in units:
            out.bad_rows.append(BadRow(d.file, d.row, f"{PROCEED_WITHOUT} refused: {d.unit} is decided, there is "
                                                      "nothing to go on without (A9)"))
        else:
            out.bad_rows.append(BadRow(d.file, d.row, f"{PROCEED_WITHOUT} refused: no unit {d.unit!r} in the "
                                                      f"{out.stage} stage (A9)"))
