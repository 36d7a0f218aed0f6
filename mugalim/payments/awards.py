"""What the decided stages award (rules P3, G5), read from the scoring step's `results.json` files
(spec/data-layout.md): places II and III of the Teacher of the Year city stage, and each grant.

A place still pending a commission decision (rule A2), or of a city stage that waits for undecided districts (rule
A9), is not an award yet: it becomes an exception naming the participants, and is paid in a later run once the stage
is decided and re-scored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mugalim.errors import RejectedInput
from mugalim.messages import Message, Said
from mugalim.payments.model import GRANTS, TOY, Award, PaymentException

PAID_PLACES = ("second", "third")                     # rule P3: II and III receive a one-time cash payment
PLACE_LABEL = {"second": "II", "third": "III"}


@dataclass
class AwardsFound:
    awards: list[Award] = field(default_factory=list)
    exceptions: list[PaymentException] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)   # the results files read


def city_results_path(outbox: Path) -> Path:
    return outbox / TOY / "city" / "results.json"


def grants_results_path(outbox: Path) -> Path:
    return outbox / GRANTS / "grants" / "results.json"


def read_awards(outbox: Path, season: int) -> AwardsFound:
    """Every award of the season that the results files decide, and the undecided ones as exceptions."""
    found = AwardsFound()
    _city_prizes(city_results_path(outbox), season, found)
    _grants(grants_results_path(outbox), season, found)
    return found


def _load(path: Path, season: int) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RejectedInput(f"{path}: cannot read the stage's results: {e}") from e
    if not isinstance(data, dict):
        raise RejectedInput(f"{path}: results.json must be a JSON object")
    if data.get("season") not in (None, season, str(season)):
        raise RejectedInput(f"{path}: key 'season' is {data.get('season')!r}, expected {season}")
    return data


def _pending(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    pending = data.get("pending") or []
    if not isinstance(pending, list) or not all(isinstance(p, dict) for p in pending):
        raise RejectedInput(f"{path}: key 'pending' must be a list of objects")
    return pending


def _city_prizes(path: Path, season: int, found: AwardsFound) -> None:
    if not path.exists():
        for place in PAID_PLACES:
            found.exceptions.append(_undecided(TOY, place, Message("pay.city_undecided", file=path.name,
                                                                   folder=f"{TOY}/city")))
        return
    found.inputs.append(path)
    data = _load(path, season)
    prizes = data.get("prizes") or {}
    if not isinstance(prizes, dict):
        raise RejectedInput(f"{path}: key 'prizes' must be an object of place → IIN")
    open_places = []
    for place in PAID_PLACES:
        iin = prizes.get(place)
        if iin:
            found.awards.append(Award(TOY, place, str(iin).strip()))
        else:
            open_places.append(place)
    if open_places:
        _open_places(open_places, _pending(data, path), found)


def _open_places(places: list[str], pending: list[dict[str, Any]], found: AwardsFound) -> None:
    """Places II/III without a holder: pending a decision (one exception per participant in the tie), or not awarded."""
    labels = PLACE_LABEL[places[0]] if len(places) == 1 else \
        Message("pay.places_and", a=PLACE_LABEL[places[0]], b=PLACE_LABEL[places[1]])
    rows = 0
    for entry in pending:
        place = entry.get("place") or entry.get("award")
        if place and place not in places:
            continue
        if entry.get("waiting_for") and not entry.get("participants"):    # A9 with nobody in the stage yet
            found.exceptions += [_undecided(TOY, p, Message("pay.place_once_decided", why=_why(entry),
                                                            place=PLACE_LABEL[p])) for p in places]
            rows += len(places)
        for iin in entry.get("participants") or []:
            found.exceptions.append(PaymentException(
                TOY, place or places[0], str(iin), "", None,
                Message("pay.place_once_decided", why=_why(entry), place=labels)))
            rows += 1
    if not rows:
        for place in places:
            found.exceptions.append(_undecided(TOY, place, Message("pay.no_holder", place=PLACE_LABEL[place])))


def _grants(path: Path, season: int, found: AwardsFound) -> None:
    if not path.exists():
        found.exceptions.append(_undecided(GRANTS, "grant", Message("pay.grants_undecided", file=path.name,
                                                                    folder=f"{GRANTS}/grants")))
        return
    found.inputs.append(path)
    data = _load(path, season)
    grants = data.get("grants") or []
    if not isinstance(grants, list):
        raise RejectedInput(f"{path}: key 'grants' must be a list of IINs")
    found.awards += [Award(GRANTS, "grant", str(iin).strip()) for iin in grants]
    for entry in _pending(data, path):
        for iin in entry.get("participants") or []:
            found.exceptions.append(PaymentException(
                GRANTS, "grant", str(iin), "", None, Message("pay.grant_once_decided", why=_why(entry))))


def _why(entry: dict[str, Any]) -> str:
    if entry.get("waiting_for"):                 # A9: the stage waits for units that feed it
        return Message("pay.provisional", why=_stage_reason(entry) or Message("pay.waits_units"))
    return Message("pay.pending", rule=entry.get("rule") or "A2", why=_stage_reason(entry) or Message("pay.a_tie"))


def _stage_reason(entry: dict[str, Any]) -> str | None:
    """The scoring step's reason (results.json keeps it in English), said in Kazakh and Russian by the protocol's
    words (`mugalim.scoring.protocol_text`, translated by pattern until scoring's reasons come from the catalog)."""
    reason = entry.get("reason")
    if not reason:
        return None
    from mugalim.scoring.protocol_text import localize

    return Said(kk=localize(str(reason), "kk"), ru=localize(str(reason), "ru"), en=str(reason))


def _undecided(competition: str, award: str, reason: str) -> PaymentException:
    return PaymentException(competition, award, "", "", None, reason)
