"""A value typed by staff, checked the way extraction checks what it reads: the same normalizers
(`extractors.fields`) and the same identifier checks (`mugalim.identifiers`). A value that fails its own check is
refused with the reason; nothing is corrected silently.

`check_value(field, typed)` returns the value normalized to the form the field holds (ISO dates, whole months,
category codes, E.164 phones, digits) as the text a corrections file would carry, or raises `BadValue`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date

from extractors import fields as F
from extractors.textnorm import clean
from mugalim.identifiers import iin_birth_date, iin_problem

CATEGORIES = ("teacher", "moderator", "expert", "researcher", "master", "highest", "first", "second", "none")


class BadValue(ValueError):
    """Why a typed value cannot be taken (no personal data in the message)."""


def _iin(typed: str) -> str:
    digits = re.sub(r"[\s-]", "", typed)
    if problem := iin_problem(digits):
        raise BadValue(f"not a valid IIN: {problem}")
    return digits


def _date(typed: str) -> str:
    iso = F.parse_date(typed)
    if iso is None:
        raise BadValue("not a date that exists (write it as 12.03.1985 or 1985-03-12)")
    if not date(1900, 1, 1) <= date.fromisoformat(iso) <= date(2100, 12, 31):
        raise BadValue("the year is out of range")
    return iso


def _months(typed: str) -> str:
    t = typed.strip()
    months = int(t) if t.isdigit() else F.parse_experience(t)
    if months is None:
        raise BadValue("not a length of service: write whole months (150) or '12 жыл 6 ай' / '12 лет 6 мес.'")
    if months > 12 * 70:
        raise BadValue("more than 70 years of service")
    return str(months)


def _category(typed: str) -> str:
    t = typed.strip().lower()
    code = t if t in CATEGORIES else F.parse_category(typed)
    if code is None:
        raise BadValue("not a qualification category: one of " + ", ".join(CATEGORIES))
    return code


def _phones(typed: str) -> str:
    phones, bad = F.parse_phones(typed)
    if bad or not phones:
        raise BadValue("not a Kazakh phone number (+7 and ten digits, or an Almaty number of seven digits)")
    return json.dumps(phones)


def _postal(typed: str) -> str:
    digits = re.sub(r"\s", "", typed)
    if not re.fullmatch(r"\d{6}", digits):
        raise BadValue("a postal code has 6 digits")
    return digits


def _doc_number(typed: str) -> str:
    digits = re.sub(r"[\s-]", "", typed)
    if not re.fullmatch(r"\d{6,12}", digits):
        raise BadValue("an identity document's number is 6–12 digits, without the issuer or the date")
    return digits


def _pages(typed: str) -> str:
    if not typed.strip().isdigit():
        raise BadValue("a number of pages is a whole number")
    return str(int(typed.strip()))


def _text(typed: str) -> str:
    value = clean(typed)
    if not value:
        raise BadValue("the value is empty")
    return value


CHECKS: dict[str, Callable[[str], str]] = {
    "iin": _iin, "birth_date": _date, "filled_date": _date, "pedagogical_experience_months": _months,
    "position_experience_months": _months, "qualification_category": _category, "phones": _phones,
    "postal_code": _postal, "id_document_number": _doc_number, "attachment_pages": _pages,
}
TEXT_FIELDS = ("workplace", "full_name", "position", "education", "home_address", "awards")


def check_value(field: str, typed: str) -> str:
    """The typed value, normalized, as a corrections file would carry it; BadValue when it fails its check."""
    if field not in CHECKS and field not in TEXT_FIELDS:
        raise BadValue(f"the field '{field}' cannot be corrected here")
    return CHECKS.get(field, _text)(typed)


def iin_birth_problem(iin: str | None, birth_date: str | None) -> str | None:
    """The application's IIN and birth date disagree (identifiers.md): a finding for a person, never a silent fix."""
    if not iin or not birth_date or iin_problem(iin):
        return None
    born = iin_birth_date(iin)
    if born is not None and born.isoformat() != birth_date:
        return "the birth date in the IIN differs from the application's birth date"
    return None
