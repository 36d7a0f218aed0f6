"""Rule P4: the winners of both competitions are honoured at the annual Teachers' Day ceremony. The list for the
ceremony is written from the decided stages: the Grand Prix and places I–III of the city stage (P1, with P2 and P3
saying what each receives) and the grant holders; a place still pending a decision is not on it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mugalim.scoring.results import write_json_atomic

RECEIVES = {  # P2, P3, G5
    "grand_prix": "the title «Алматының жыл мұғалімі», the badge, a diploma and a valuable gift",
    "first": "a diploma and a valuable gift",
    "second": "a diploma and a one-time cash payment",
    "third": "a diploma and a one-time cash payment",
    "grant": "a grant",
}


def teachers_day_list(city: dict[str, Any] | None, grants: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Who is honoured (P4), in the order of the ceremony: the city stage's places, then the grants."""
    people: list[dict[str, Any]] = []
    if city:
        names = city.get("names") or {}
        for place in ("grand_prix", "first", "second", "third"):
            iin = (city.get("prizes") or {}).get(place)
            if iin:
                people.append({"competition": "teacher_of_year", "award": place, "participant_iin": iin,
                               "full_name": names.get(iin), "receives": RECEIVES[place]})
    if grants:
        names = grants.get("names") or {}
        people += [{"competition": "grants", "award": "grant", "participant_iin": iin, "full_name": names.get(iin),
                    "receives": RECEIVES["grant"]} for iin in grants.get("grants") or []]
    return people


def write_teachers_day(outbox: Path, season: int, city: dict[str, Any] | None,
                       grants: dict[str, Any] | None) -> Path:
    return write_json_atomic(outbox / "teachers_day.json",
                             {"season": season, "rule": "P4", "honoured": teachers_day_list(city, grants)})
