"""What each award pays, from the season settings (rules P3, G5), and the purpose text finance sees.

Amounts are tenge with two decimals. A season may set them in monthly calculation indices (АЕК / МРП): then the
settings also give the index value (`mrp_kzt`), the tenge amount is indices × value, and the files show both. A zero
or missing amount, or no `knp`, is never guessed: the award becomes an exception whose reason names the key.
"""
from __future__ import annotations

import re
from decimal import Decimal

from mugalim.messages import Message
from mugalim.payments.awards import PLACE_LABEL
from mugalim.payments.model import GRANTS, Amount, Award, money
from mugalim.season import SeasonSettings

DECREE = "Алматы қ. әкімдігінің 2/161 қаулысы"


class NoAmount(Exception):
    """Why an award has no amount to pay (a message for people that names the settings key)."""


def award_amount(season: SeasonSettings, award: Award) -> Amount:
    """The award's amount, or NoAmount naming the key that is missing, zero or inconsistent."""
    if award.competition == GRANTS:
        return _amount(season, season.grants.amount_kzt, season.grants.amount_mrp, "grants.amount")
    kzt = getattr(season.prizes_kzt, award.award)
    mrp = getattr(season.prizes_mrp, award.award) if season.prizes_mrp else None
    return _amount(season, kzt, mrp, f"prizes_kzt.{award.award}", f"prizes_mrp.{award.award}")


def _amount(season: SeasonSettings, kzt: Decimal, mrp: Decimal | None, key: str, mrp_key: str = "") -> Amount:
    kzt_key = key if key.startswith("prizes") else f"{key}_kzt"
    mrp_key = mrp_key or f"{key}_mrp"
    if mrp is None:
        if kzt <= 0:
            raise NoAmount(Message("pay.no_amount", key=kzt_key))
        return Amount(money(kzt))
    if mrp <= 0:
        raise NoAmount(Message("pay.mrp_positive", key=mrp_key))
    if not season.mrp_kzt or season.mrp_kzt <= 0:
        raise NoAmount(Message("pay.mrp_unset", key=mrp_key))
    computed = money(mrp * season.mrp_kzt)
    if kzt and money(kzt) != computed:
        raise NoAmount(Message("pay.amount_disagrees", kzt_key=kzt_key, kzt=money(kzt), mrp_key=mrp_key,
                               computed=computed))
    return Amount(computed, mrp, money(season.mrp_kzt))


def knp_problem(season: SeasonSettings) -> str | None:
    """Why the payment purpose code cannot be used, or None. No code is ever invented."""
    if not season.knp:
        return Message("pay.no_knp")
    if not re.fullmatch(r"\d{3}", season.knp.strip()):
        return Message("pay.bad_knp", value=repr(season.knp))
    return None


def purpose(season: int, award: Award, amount: Amount) -> str:
    """A short Kazakh text naming the award, the season and the decree (at most 140 characters, as pain.001 allows)."""
    if award.competition == GRANTS:
        text = f"Мұғалімдерге арналған грант, {season} жыл"
    else:
        text = f"«Алматының жыл мұғалімі» {season}: {PLACE_LABEL[award.award]} орын, бір жолғы ақшалай төлем"
    if amount.mrp is not None:
        text += f" ({_num(amount.mrp)} АЕК × {_num(amount.mrp_kzt)} тг)"
    return f"{text}. {DECREE}"[:140]


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")
