"""Rule A2: a tie at a cut-off is never broken silently.

Everyone whose total equals the total at the cut-off, when they do not all fit, is pending a decision; a row of a
`decisions` file that names one of them resolves one place. A decision that names someone not in the tie, or more
people than there are places, is a bad row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mugalim.identifiers import mask
from mugalim.scoring.model import Decision, Ranked
from mugalim.scoring.sheets import BadRow


@dataclass
class Cut:
    """The outcome of a cut-off: who is through, who is tied for the `open` places left, and what decided it."""
    chosen: list[str]
    tied: list[str] = field(default_factory=list)
    open: int = 0
    used: list[Decision] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def cut_at(ranked: list[Ranked], k: int) -> Cut:
    """A2: the first `k` of a ranked list (ranks from RANK(): equal totals share a rank), or a tie at the cut-off."""
    if len(ranked) <= k:
        return Cut([r.participant_iin for r in ranked])
    if k <= 0:
        return Cut([])
    edge = ranked[k - 1].rank
    if ranked[k].rank != edge:
        return Cut([r.participant_iin for r in ranked[:k]])
    above = [r.participant_iin for r in ranked if r.rank < edge]
    tied = [r.participant_iin for r in ranked if r.rank == edge]
    return Cut(above, tied, k - len(above))


def resolve(cut: Cut, decisions: list[Decision], *, what: str) -> Cut:
    """A2: apply the decisions (already filtered to this unit and kind) to a cut. `what` names the cut for reasons."""
    if not decisions:
        return cut
    if not cut.tied:
        cut.bad += [_bad(d, f"no tie to resolve for {what}") for d in decisions]
        return cut
    named = [d for d in decisions if d.participant_iin in cut.tied]
    cut.bad += [_bad(d, f"participant {mask(d.participant_iin)} is not in the tie for {what}")
                for d in decisions if d.participant_iin not in cut.tied]
    unique = list({d.participant_iin: d for d in named}.values())
    if len(unique) > cut.open:
        cut.bad += [_bad(d, f"{len(unique)} decisions for {cut.open} place(s) of {what}: none applied")
                    for d in named]
        return cut
    for d in unique:
        cut.chosen.append(d.participant_iin)
        cut.tied.remove(d.participant_iin)
        cut.used.append(d)
    cut.open -= len(unique)
    if cut.open == 0:
        cut.tied = []
    return cut


def _bad(d: Decision, reason: str) -> BadRow:
    return BadRow(d.file, d.row, reason)
