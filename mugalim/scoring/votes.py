"""SMS votes of round 5 (rule S5) with default A3.

Votes count from the moment the presentation ends to exactly `window_hours` (3) later, both ends included, whatever
offset the times carry; one vote per phone (its SHA-256) per participant. Votes outside the window and repeats are
counted and reported, never added. How counted votes become points is the season's `votes.points`:
`none` (reported to the commission only), `one_per_vote` (each counted vote is one point of the stage total), or
`rank` (the participant with the most votes gets as many points as there are participants, the next one fewer;
equal counts share the higher points).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from mugalim.db import query


@dataclass(frozen=True)
class VoteCount:
    received: int
    inside: int       # received inside the window
    counted: int      # inside, one per phone when the season says so
    has_presentation: bool

    @property
    def outside(self) -> int:
        return self.received - self.inside

    @property
    def repeats(self) -> int:
        return self.inside - self.counted

    def as_json(self) -> dict[str, int]:
        return {"received": self.received, "counted": self.counted, "outside_window": self.outside,
                "repeats": self.repeats}


def s5_count_votes(conn: Connection, *, season: int, window_hours: int, one_per_phone: bool,
                   presented: set[str]) -> dict[str, VoteCount]:
    """S5, A3: each participant's votes (SQL `scoring_votes`). Refused (`PhoneKeyChanged`) when the season's votes
    were stored under more than one phone key: one phone would count as two."""
    one_key(conn, season)
    rows = conn.execute(query("scoring_votes"), {"season": season, "window_us": window_hours * 3_600_000_000,
                                                 "one_per_phone": int(one_per_phone)}).all()
    return {r.participant_iin: VoteCount(int(r.received), int(r.inside),
                                         int(r.phones) if one_per_phone else int(r.inside),
                                         r.participant_iin in presented) for r in rows}


def one_key(conn: Connection, season: int) -> None:
    """PhoneKeyChanged when the votes files holding votes of `season` record different phone-key fingerprints (or
    none): the loader refuses such a mix, so only a database changed by hand or by an older loader holds one."""
    from mugalim.scoring.load import PhoneKeyChanged
    files = conn.execute(text(
        "SELECT f.name, f.key_fp FROM scoring_files f WHERE f.name IN "
        "(SELECT DISTINCT file FROM scoring_votes WHERE season = :s) ORDER BY f.name"), {"s": season}).all()
    if len({fp for _, fp in files}) > 1 or any(fp is None for _, fp in files):
        raise PhoneKeyChanged(
            ", ".join(f"{n} (key {fp or 'unknown'})" for n, fp in files)
            + f": the votes of season {season} were stored under different phone keys; they are not counted, since "
            "one phone would count as two. Load the votes files again under one key (see `mugalim.scoring.load`).")


def a3_vote_points(counts: dict[str, int], mode: str) -> dict[str, int]:
    """A3: the points (whole numbers) that counted votes add to each participant's stage total."""
    if mode == "none":
        return {}
    if mode == "one_per_vote":
        return dict(counts)
    ordered = sorted(set(counts.values()), reverse=True)
    n = len(counts)
    above = {v: sum(1 for c in counts.values() if c > v) for v in ordered}
    return {iin: n - above[c] for iin, c in counts.items()}
