"""Places of the city stage (rules P1–P3, S6) and the title's once-in-five-years rule (E4).

P1: Grand Prix, I, II, III: one person each, in that order, by the city total (S6). P2: the Grand Prix holder gets
the title, so (E4) the Grand Prix goes to the best-ranked participant who can hold the title; someone who cannot may
still win I–III. P3: II and III receive the one-time payments of the season's `prizes_kzt`.
A tie for a place (A2) leaves that place, and the next ones the tied group fills, pending until decided.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mugalim.identifiers import mask
from mugalim.scoring.model import Decision, Pending, Ranked
from mugalim.scoring.sheets import BadRow

PLACES = ("grand_prix", "first", "second", "third")
PLACE_NAMES = {"grand_prix": "Grand Prix", "first": "I", "second": "II", "third": "III"}


@dataclass
class Places:
    prizes: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(PLACES))
    pending: list[Pending] = field(default_factory=list)
    used: list[Decision] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def p1_award_places(ranked: list[Ranked], *, cannot_hold_title: set[str], decisions: list[Decision]) -> Places:
    """P1, P2, E4, A2: give the four places in order (see the module's docstring)."""
    out = Places()
    pool = list(ranked)
    blocked = 0   # places still to come that an unresolved tie already fills
    by_place = {p: [d for d in decisions if d.place == p] for p in PLACES}
    for place in PLACES:
        mine = by_place[place]
        if blocked:
            blocked -= 1
            out.bad += [BadRow(d.file, d.row, f"{PLACE_NAMES[place]} waits on an earlier tie") for d in mine]
            continue
        candidates = [r for r in pool if place != "grand_prix" or r.participant_iin not in cannot_hold_title]
        if not candidates:
            out.bad += [BadRow(d.file, d.row, f"no one to take {PLACE_NAMES[place]}") for d in mine]
            continue
        best = max(r.total for r in candidates)
        top = [r.participant_iin for r in candidates if r.total == best]
        winner = _decide(place, top, mine, out)
        if winner:
            out.prizes[place] = winner
            pool = [r for r in pool if r.participant_iin != winner]
            continue
        out.pending.append(Pending(f"tie for {PLACE_NAMES[place]}: equal city totals", tuple(top), "A2", "city"))
        pool = [r for r in pool if r.participant_iin not in top]
        blocked = len(top) - 1
    return out


def _decide(place: str, top: list[str], decisions: list[Decision], out: Places) -> str | None:
    """The only one at the top, or the one a decision names among the tied (A2)."""
    named = [d for d in decisions if d.participant_iin in top]
    out.bad += [BadRow(d.file, d.row, f"participant {mask(d.participant_iin)} is not in the tie for "
                                      f"{PLACE_NAMES[place]}" if len(top) > 1 else
                       f"no tie to resolve for {PLACE_NAMES[place]}")
                for d in decisions if d.participant_iin not in top or len(top) == 1]
    if len(top) == 1:
        return top[0]
    if len({d.participant_iin for d in named}) == 1:
        out.used.append(named[0])
        return named[0].participant_iin
    out.bad += [BadRow(d.file, d.row, f"decisions name several people for {PLACE_NAMES[place]}: none applied")
                for d in named] if named else []
    return None


def p3_cash_payments(prizes: dict[str, str | None], amounts: dict[str, object]) -> dict[str, object]:
    """P3 (cl. 16): all four get a diploma; Grand Prix and I a valuable gift; II and III a one-time payment."""
    return {p: {"participant_iin": prizes.get(p), "amount_kzt": amounts[p]} for p in ("second", "third")}
