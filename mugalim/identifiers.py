"""Kazakh identifiers (spec/identifiers.md): IIN, BIN, IBAN, phone numbers, and masking for logs."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from operator import mul

from mugalim.messages import Message

_W1 = tuple(range(1, 12))
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first11: str) -> int | None:
    """The IIN/BIN check digit of eleven digits, or None when the number is never issued (10 with both weights)."""
    digits = list(map(int, first11))
    for weights in (_W1, _W2):
        r = sum(map(mul, digits, weights)) % 11
        if r != 10:
            return r
    return None


def _twelve_digits(value: str) -> bool:
    return len(value) == 12 and value.isascii() and value.isdigit()


def iin_birth_date(iin: str) -> date | None:
    """The birth date encoded in an IIN (digits 1–6 and the century in digit 7), or None if it does not exist."""
    if not _twelve_digits(iin) or int(iin[6]) not in _CENTURY:
        return None
    try:
        return date(_CENTURY[int(iin[6])] + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def iin_problem(iin: str) -> str | None:
    """Why `iin` is not a valid IIN (a message of the catalog: English as text, Kazakh and Russian for people), or
    None when it is."""
    if not _twelve_digits(iin):
        return Message("id.iin_length")
    if int(iin[6]) not in _CENTURY:
        return Message("id.iin_century")
    if iin_birth_date(iin) is None:
        return Message("id.iin_birth")
    if check_digit(iin[:11]) != int(iin[11]):
        return Message("id.check_digit")
    return None


def is_valid_iin(iin: str) -> bool:
    return iin_problem(iin) is None


def bin_problem(bin_: str) -> str | None:
    """Why `bin_` is not a valid BIN, or None when it is."""
    if not _twelve_digits(bin_):
        return "a BIN has 12 digits"
    if not 1 <= int(bin_[2:4]) <= 12:
        return "the registration month in the BIN does not exist"
    if bin_[4] not in "456":
        return "digit 5 (entity type) must be 4, 5 or 6"
    if check_digit(bin_[:11]) != int(bin_[11]):
        return "check digit does not match"
    return None


def is_valid_bin(bin_: str) -> bool:
    return bin_problem(bin_) is None


def normalize_iban(raw: str) -> str:
    """Upper case, spaces and dashes removed: `kz86 125K ZT50 0410 0100` → `KZ86125KZT5004100100`."""
    return re.sub(r"[\s-]", "", raw).upper()


def iban_problem(iban: str) -> str | None:
    """Why a (normalized) Kazakh IBAN is not valid, or None when it is."""
    if not re.fullmatch(r"KZ\d{2}\d{3}[0-9A-Z]{13}", iban):
        return Message("id.iban_format")
    moved = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    if int(number) % 97 != 1:
        return Message("id.iban_check")
    return None


def is_valid_iban(iban: str) -> bool:
    return iban_problem(normalize_iban(iban)) is None


def normalize_phone(raw: str) -> str | None:
    """A Kazakh phone number in E.164 (`+7XXXXXXXXXX`), or None when it is not one.

    `8 (701) 123-45-67`, `+7 701 123 45 67`, `87011234567` → `+77011234567`; `2 72 45 67` (an Almaty number
    written without its code) → `+77272724567`.
    """
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "7":
        return "+7" + digits
    if len(digits) == 7:
        return "+7727" + digits
    return None


def phone_sha256(e164: str) -> str:
    """The hex SHA-256 of a phone number in E.164 form, as the votes files carry it."""
    return hashlib.sha256(e164.encode()).hexdigest()


def mask(value: object, keep: int = 4) -> str:
    """A personal identifier fit for a log line: only its last `keep` characters show (`********0016`)."""
    s = "" if value is None else str(value)
    if len(s) <= keep:
        return "*" * len(s)
    return "*" * (len(s) - keep) + s[-keep:]
