"""spec/identifiers.md, with its own test values."""
import pytest

from mugalim import identifiers as ids


@pytest.mark.parametrize("iin", ["850314401236", "750712343218", "010901500101", "000229600778", "850314400005"])
def test_valid_iins_from_the_spec(iin):
    assert ids.iin_problem(iin) is None


@pytest.mark.parametrize("iin,problem", [
    ("850314400124", "check digit"),
    ("850314400006", "check digit"),
    ("850314700122", "digit 7"),
    ("851314400122", "does not exist"),
    ("010229600775", "does not exist"),
    ("85031440012", "12 digits"),
])
def test_invalid_iins_from_the_spec(iin, problem):
    assert problem in ids.iin_problem(iin)


def test_second_weights_are_used_when_the_first_give_ten():
    assert ids.check_digit("85031440000") == 5


def test_iin_birth_date_and_century():
    assert str(ids.iin_birth_date("850314401236")) == "1985-03-14"
    assert str(ids.iin_birth_date("010901500101")) == "2001-09-01"


def test_bin():
    assert ids.is_valid_bin("940140000385")
    assert "check digit" in ids.bin_problem("940140000386")


@pytest.mark.parametrize("iban", ["KZ86125KZT5004100100", "KZ57601A123456789012", "kz86 125k zt50 0410 0100"])
def test_valid_ibans(iban):
    assert ids.is_valid_iban(iban)


def test_invalid_iban():
    assert "mod 97" in ids.iban_problem("KZ87125KZT5004100100")
    assert "20 characters" in ids.iban_problem("KZ86125KZT500410010")


@pytest.mark.parametrize("raw,e164", [
    ("8 (701) 123-45-67", "+77011234567"), ("+7 701 123 45 67", "+77011234567"),
    ("87011234567", "+77011234567"), ("2 72 45 67", "+77272724567"), ("12345", None),
])
def test_phones(raw, e164):
    assert ids.normalize_phone(raw) == e164


def test_mask_keeps_only_the_last_four():
    assert ids.mask("850314401236") == "********1236"
