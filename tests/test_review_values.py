"""A value typed in the review station is checked as extraction checks what it reads: an IIN that fails its check
digit, a date that does not exist, a phone that is not Kazakh are refused with the reason; good values are
normalized to the form the field holds."""
from __future__ import annotations

import json

import pytest

from mugalim.review.values import BadValue, check_value, iin_birth_problem


@pytest.mark.parametrize(("field", "typed", "taken"), [
    ("iin", "850314401236", "850314401236"),
    ("iin", "8503 1440 0005", "850314400005"),                      # valid only with the second weights
    ("birth_date", "12 наурыз 1985 ж.", "1985-03-12"),
    ("birth_date", "12.03.1985", "1985-03-12"),
    ("filled_date", "15 марта 2026 г.", "2026-03-15"),
    ("pedagogical_experience_months", "12 лет 3 мес.", "147"),
    ("pedagogical_experience_months", "150", "150"),
    ("qualification_category", "педагог-сарапшы", "expert"),
    ("qualification_category", "master", "master"),
    ("postal_code", "050 010", "050010"),
    ("id_document_number", "045 123 456", "045123456"),
    ("full_name", "  Сейтқалиева   Әйгерім  Бауыржанқызы ", "Сейтқалиева Әйгерім Бауыржанқызы"),
])
def test_a_good_value_is_normalized_as_the_field_holds_it(field: str, typed: str, taken: str) -> None:
    assert check_value(field, typed) == taken


def test_phones_become_a_list_in_e164() -> None:
    assert json.loads(check_value("phones", "8 (701) 123-45-67, 2 72 45 67")) == ["+77011234567", "+77272724567"]


@pytest.mark.parametrize(("field", "typed", "reason"), [
    ("iin", "850314400124", "check digit does not match"),
    ("iin", "850314400006", "check digit does not match"),
    ("iin", "851314400122", "birth date in the IIN does not exist"),
    ("iin", "85031440012", "an IIN has 12 digits"),
    ("birth_date", "29.02.2001", "not a date that exists"),
    ("birth_date", "вчера", "not a date that exists"),
    ("phones", "12-34", "not a Kazakh phone number"),
    ("qualification_category", "профессор", "not a qualification category"),
    ("postal_code", "0500", "6 digits"),
    ("full_name", "   ", "empty"),
    ("doc_type", "essay", "cannot be corrected here"),
])
def test_a_value_that_fails_its_own_check_is_refused_with_the_reason(field: str, typed: str, reason: str) -> None:
    with pytest.raises(BadValue, match=reason):
        check_value(field, typed)


def test_the_refusal_of_a_bad_iin_does_not_quote_it() -> None:
    with pytest.raises(BadValue) as e:
        check_value("iin", "850314400124")
    assert "850314400124" not in str(e.value)


def test_an_iin_disagreeing_with_the_birth_date_is_a_finding() -> None:
    assert iin_birth_problem("850314401236", "1985-03-14") is None
    assert "differs" in (iin_birth_problem("850314401236", "1985-03-15") or "")
