"""The expectation suites: over the extracted application fields, and over the score sheets.

Checks that are not one of GX's built-in expectations (an IIN's check digit, a birth date that agrees with the IIN,
phones in E.164) are computed into derived columns of the frame first, and the suite expects them true: the rule is
then visible in the Data Docs like any other. Great Expectations and pandas are imported inside the functions: the
audit step is the only one that pays for them (`validators.quality.checkpoint.load_gx`).
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mugalim.identifiers import iin_birth_date, is_valid_iin

if TYPE_CHECKING:                      # GX and pandas are imported when a suite is built, by the audit step only
    import great_expectations as gx
    import pandas as pd

APPLICATION_SUITE = "mugalim_application_fields"
SCORES_SUITE = "mugalim_score_sheets"
#: what makes a score row one: a member's score of a participant in a round of a unit's session
SCORE_KEY = ["season", "competition", "stage", "unit", "round", "participant_iin", "member_id"]
CATEGORIES = ["teacher", "moderator", "expert", "researcher", "master", "highest", "first", "second", "none"]
E164 = r"^\+7\d{10}(?:;\+7\d{10})*$"


def application_frame(rows: list[dict[str, Any]], season: int) -> pd.DataFrame:
    """The staged application rows, with the derived columns the suite checks."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=["document_sha256", "iin", "birth_date", "filled_date", "qualification_category",
                                     "pedagogical_experience_months", "postal_code", "phones"])
    df["iin_check_ok"] = df["iin"].map(lambda v: None if not v else is_valid_iin(str(v)))
    df["iin_birth_agrees"] = [None if not i or not b or iin_birth_date(str(i)) is None else
                              iin_birth_date(str(i)).isoformat() == str(b) for i, b in zip(df["iin"], df["birth_date"])]
    df["birth_year"] = df["birth_date"].map(lambda v: _year(v))
    df["filled_year"] = df["filled_date"].map(lambda v: _year(v))
    df["age_months"] = [_age_months(b, f, season) for b, f in zip(df["birth_date"], df["filled_date"])]
    df["working_age_months"] = df["age_months"].map(lambda m: None if m is None else m - 16 * 12)
    df["pedagogical_experience_months"] = pd.to_numeric(df["pedagogical_experience_months"], errors="coerce")
    df["phones_joined"] = df["phones"].map(_phones)
    return df.drop(columns=["phones"]).astype(object).where(pd.notna, None)


def _year(v: Any) -> int | None:
    try:
        return date.fromisoformat(str(v)).year if v else None
    except ValueError:
        return -1                                  # not a date at all: out of every range


def _age_months(birth: Any, filled: Any, season: int) -> int | None:
    try:
        b = date.fromisoformat(str(birth))
    except ValueError:
        return None
    try:
        at = date.fromisoformat(str(filled))
    except ValueError:
        at = date(season, 4, 30)
    return (at.year - b.year) * 12 + at.month - b.month


def _phones(v: Any) -> str | None:
    if v is None or v == "":
        return None
    items = json.loads(v) if isinstance(v, str) and v.startswith("[") else v
    if isinstance(items, str):
        items = [items]
    return ";".join(str(x) for x in items) if items else None


def application_suite(season: int) -> gx.ExpectationSuite:
    """IIN valid and agreeing with the birth date; dates plausible; the category in the closed set; experience
    plausible and within the working age; phones in E.164; postal codes of six digits."""
    gx, gxe = _gx()
    suite = gx.ExpectationSuite(name=APPLICATION_SUITE)
    for e in [
        gxe.ExpectColumnValuesToNotBeNull(column="iin"),
        gxe.ExpectColumnValuesToMatchRegex(column="iin", regex=r"^\d{12}$"),
        gxe.ExpectColumnValuesToBeInSet(column="iin_check_ok", value_set=[True]),
        gxe.ExpectColumnValuesToBeInSet(column="iin_birth_agrees", value_set=[True]),
        gxe.ExpectColumnValuesToBeBetween(column="birth_year", min_value=season - 75, max_value=season - 20),
        gxe.ExpectColumnValuesToBeBetween(column="filled_year", min_value=season - 1, max_value=season),
        gxe.ExpectColumnValuesToBeInSet(column="qualification_category", value_set=CATEGORIES),
        gxe.ExpectColumnValuesToBeBetween(column="pedagogical_experience_months", min_value=0, max_value=12 * 55),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="working_age_months",
                                                     column_B="pedagogical_experience_months", or_equal=True,
                                                     ignore_row_if="either_value_is_missing"),
        gxe.ExpectColumnValuesToMatchRegex(column="phones_joined", regex=E164),
        gxe.ExpectColumnValuesToMatchRegex(column="postal_code", regex=r"^\d{6}$"),
    ]:
        suite.add_expectation(e)
    return suite


def scores_frame(rows: list[dict[str, Any]], members: set[str]) -> pd.DataFrame:
    """Score-sheet rows (file, row, season, competition, stage, unit, round, participant_iin, member_id, score)."""
    import pandas as pd

    df = pd.DataFrame(rows)
    df["row_id"] = df["file"].astype(str) + ":" + df["row"].astype(str)
    df["score"] = df["score"].map(lambda v: float(Decimal(str(v))) if v not in (None, "") else None)
    df["member_on_commission"] = df["member_id"].map(lambda m: str(m) in members)
    df["copies"] = df.groupby(SCORE_KEY, dropna=False)["row_id"].transform("size")
    return df


def scores_suite(scale_min: Decimal, scale_max: Decimal) -> gx.ExpectationSuite:
    """Scores inside the season's scale, members on the commission, no row given twice (column `copies`)."""
    gx, gxe = _gx()
    suite = gx.ExpectationSuite(name=SCORES_SUITE)
    for e in [
        gxe.ExpectColumnValuesToNotBeNull(column="score"),
        gxe.ExpectColumnValuesToBeBetween(column="score", min_value=float(scale_min), max_value=float(scale_max)),
        gxe.ExpectColumnValuesToBeInSet(column="member_on_commission", value_set=[True]),
        # a row given twice: each row's number of copies, counted beside it (in SQL by a window function), must be
        # 1 — GX's compound-uniqueness check took 8 minutes over 2.3 million rows on PostgreSQL and named no row
        gxe.ExpectColumnValuesToBeInSet(column="copies", value_set=[1]),
    ]:
        suite.add_expectation(e)
    return suite


def _gx() -> tuple[Any, Any]:
    from validators.quality.checkpoint import ensure_context, load_gx

    gx = load_gx()
    import great_expectations.expectations as gxe

    ensure_context()

    return gx, gxe
