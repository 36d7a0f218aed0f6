"""Issue 22, what the screenshots of the station and the Data Docs showed in English: extraction's reasons for an
unsure field on the review queue, an achievement's level on the dossier page, the Data Docs' patterns and codes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_messages_issue22 import english_in  # noqa: E402

from mugalim.review.labels import item_title, level_label, problem_label  # noqa: E402

UNSURE = ["no length of experience found (years, months)",
          "a word of it was read unsurely: a person must compare it with the scan",
          "a number of years or months is not clearly written: a person must confirm it",
          "two readings of a number in it differ: a person must compare it with the scan",
          "may be misread (Ле 178; a lone letter): a person must compare it with the scan",
          "item 5 not found on the form", "2 number(s) that are not Kazakh phone numbers",
          "the birth date in the IIN does not match item 3", "no 6-digit postal code", "low confidence (0.67)",
          "unreadable: handwritten or crossed out, a person must read it", "line not found on the form"]


@pytest.mark.parametrize("problem", UNSURE)
def test_extractions_reasons_for_an_unsure_field_are_said_in_kk_and_ru(problem: str) -> None:
    for lang in ("kk", "ru"):
        said = problem_label(problem, lang)
        assert said != problem and not english_in(said.replace("a lone letter", "")), said


def test_the_kept_part_of_a_reason_and_several_reasons_of_one_field() -> None:
    assert problem_label("low confidence (0.67)", "kk") == "сенімділік төмен (0.67)"
    assert problem_label("item 5 not found on the form", "ru") == "пункт 5 не найден на бланке"
    both = problem_label("no address; no 6-digit postal code", "ru")
    assert both == "адрес не найден; нет 6-значного почтового индекса"
    assert problem_label("something new", "kk") == "something new"             # unknown: as it is


def test_an_achievements_level_and_item_are_words() -> None:
    assert level_label("city", "kk") == "қалалық" and level_label("republic", "ru") == "республиканский"
    assert item_title("2.9", "ru") == "наставничество (город)" and item_title("4.1", "kk")
    assert level_label(None, "kk") == ""


def test_the_data_docs_say_their_patterns_and_codes_in_words() -> None:
    from validators.quality.docs import Outcome, Words

    w = Words("kk")

    def said(expectation: str, **kwargs: object) -> str:
        return w.expectation(Outcome(expectation, dict(kwargs), success=True))

    assert said("expect_column_values_to_match_regex", column="iin", regex=r"^\d{12}$") == "12 цифрдан тұрады / 12 цифр"
    cats = said("expect_column_values_to_be_in_set", column="qualification_category",
                value_set=["teacher", "moderator", "none"])
    assert "педагог-модератор" in cats and "без категории" in cats and "moderator," not in cats
    assert said("expect_column_values_to_be_in_set", column="iin_check_ok", value_set=[True]).startswith("Иә")
    assert said("expect_column_values_to_be_in_set", column="copies", value_set=[1]) == "Бір рет қана / Только один раз"
