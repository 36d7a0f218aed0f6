"""Eligibility rules E1–E5 and G2–G4 (with A5 and A6) as tables of cases named as sentences."""
from datetime import date

import pytest

from validators import eligibility as el


@pytest.mark.parametrize("citizen,ok", [(True, True), (False, False), (None, None)])
def test_E1_citizen_of_kazakhstan(citizen, ok):
    assert el.e1_citizen(citizen).ok is ok


@pytest.mark.parametrize("case,org_type,months,ok", [
    ("a secondary school teacher for 36 months is eligible", "secondary", 36, True),
    ("35 months on the staff is too few", "secondary", 35, False),
    ("a preschool teacher cannot take part in Teacher of the Year", "preschool", 120, False),
    ("an unknown organization type is for a person to decide", None, 120, None),
    ("an unread hire date is for a person to decide", "secondary", None, None),
])
def test_E2_secondary_organization_and_three_years_on_staff(case, org_type, months, ok):
    assert el.e2_secondary_staff(org_type, months).ok is ok, case


@pytest.mark.parametrize("months,ok", [(60, True), (59, False), (None, None)])
def test_E3_five_years_continuous_experience(months, ok):
    """A teacher with 59 months of continuous experience is not eligible; unread experience is not guessed."""
    assert el.e3_continuous_experience(months).ok is ok


@pytest.mark.parametrize("titles,policy,ok", [
    ([], "may_compete", True), ([2021], "exclude", True), ([2022], "exclude", False), ([2025], "may_compete", True),
])
def test_E4_title_once_in_five_years(titles, policy, ok):
    v = el.e4_title_repeat(titles, 2026, policy)
    assert v.ok is ok
    if titles and titles[0] >= 2022 and policy == "may_compete":
        assert "not for the Grand Prix" in v.reason


def test_E5_lists_the_missing_documents():
    v = el.e5_documents({"application", "presentation"})
    assert v.ok is False and "lesson_plan" in v.reason and "class_hour_plan" in v.reason
    assert el.e5_documents(set(el.E5_DOCUMENTS)).ok is True


@pytest.mark.parametrize("org_type,months,ok", [
    ("preschool", 60, True), ("tvet", 200, True), ("additional", 60, True), ("secondary", 60, True),
    ("university", 200, False), ("preschool", 59, False), (None, 100, None), ("tvet", None, None)])
def test_G2_organization_type_and_five_years(org_type, months, ok):
    assert el.g2_organization_and_experience(org_type, months).ok is ok


def test_G3_A6_one_nominee_per_organization_the_earlier_is_kept():
    v = el.g3_one_per_organization([
        el.Nominee("1", "940140000385", date(2026, 4, 12)), el.Nominee("2", "940140000385", date(2026, 4, 11)),
        el.Nominee("3", "960140733305", date(2026, 4, 11))])
    assert (v["1"].ok, v["2"].ok, v["3"].ok) == (False, True, True)
    assert "rule A6" in v["1"].reason


def test_G3_A6_two_nominees_on_the_same_day_are_both_pending():
    v = el.g3_one_per_organization([el.Nominee("1", "940140000385", date(2026, 4, 12)),
                                    el.Nominee("2", "940140000385", date(2026, 4, 12))])
    assert v["1"].ok is None and v["2"].ok is None


@pytest.mark.parametrize("received,ok", [
    (date(2026, 4, 10), True), (date(2026, 4, 30), True), (date(2026, 4, 9), False), (date(2026, 5, 1), False),
    (None, None)])
def test_G4_portfolio_received_between_10_and_30_april(received, ok):
    assert el.g4_portfolio_window(received, (date(2026, 4, 10), date(2026, 4, 30))).ok is ok


def test_A5_experience_is_measured_at_the_filled_date_else_the_batch_date():
    assert el.measure_date(date(2026, 2, 1), date(2026, 2, 9))[0] == date(2026, 2, 1)
    assert el.measure_date(None, date(2026, 2, 9))[0] == date(2026, 2, 9)
    assert el.months_between(date(2021, 2, 2), date(2026, 2, 1)) == 59


def test_hire_date_and_experience_are_read_in_kazakh_and_russian():
    assert el.date_after("Қызметке қабылданған күні: 01.09.2015 ж.", el.HIRED_LABELS) == date(2015, 9, 1)
    assert el.date_after("Дата приема на работу: 2015-09-01", el.HIRED_LABELS) == date(2015, 9, 1)
    assert el.months_after("Үздіксіз педагогикалық өтілі: 12 жыл 6 ай", el.CONTINUOUS_LABELS) == 150
    assert el.months_after("Непрерывный педагогический стаж: 5 лет 11 мес.", el.CONTINUOUS_LABELS) == 71
