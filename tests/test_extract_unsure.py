"""Issue 13, "unsure means flagged": a value OCR may have misread is given a confidence under the season's review
threshold (0.80) with a problem that says why, and the misreadings with only one reading are mended."""
import pytest

from extractors import lexicon
from extractors.document import GUESSED, FormReader, _readings_differ
from extractors.layout import Item
from extractors.pages import PageText
from extractors.tesseract import Word
from mugalim.season import SeasonSettings

REVIEW = SeasonSettings.model_fields["review_confidence"].default     # 0.80


@pytest.mark.parametrize("read, typed", [
    ("Ы, Алтынсарин атындағы № 80 мектеп", "Ы. Алтынсарин атындағы № 80 мектеп"),        # an initial's stop
    ("Диплом «Лучший классный. руководитель года»", "Диплом «Лучший классный руководитель года»"),
    ("«Жас маман» байқауының П орны (2023)", "«Жас маман» байқауының II орны (2023)"),      # a roman numeral
    ("диплом Ш степени", "диплом III степени"),
    ("кәсіптік оқыту (факультеті, 2023 жыл", "кәсіптік оқыту факультеті, 2023 жыл"),
    ("Грамота акима города Алматы” (2019)", "Грамота акима города Алматы (2019)"),    # a quote never paired
    ("Алматы қ., Медеу ауданы : Достық даңғылы, 5-үй", "Алматы қ., Медеу ауданы Достық даңғылы, 5-үй"),
    ("Құрмет грамотасы (2018) .", "Құрмет грамотасы (2018)"),                        # a mark standing alone
    ("-Жақсыбекова Айгүл Маратқызы", "Жақсыбекова Айгүл Маратқызы"),                  # a mark before the value
    ("Алматы қ.. Әуезов ауданы", "Алматы қ. Әуезов ауданы"),                          # a stop doubled
    ("Лицей Ле 92, г. Алматы", "Лицей № 92, г. Алматы"),                             # the number sign
    ("Әуезов ауданы, / 182 жалпы орта білім беретін мектеп", "Әуезов ауданы, № 182 жалпы орта білім беретін мектеп"),
])
def test_misreadings_with_one_reading_are_mended(read, typed):
    assert lexicon.doubtful(read)                       # (still flagged: the value was changed)
    assert lexicon.mend(read) == typed


def test_a_russian_word_read_with_a_kazakh_look_alike_gets_its_russian_letter():
    if not lexicon.lexicons()[1]:
        pytest.skip("Tesseract's word lists are not installed")
    assert lexicon.mend("Нагрудный знақ «Ы. Алтынсарин»") == "Нагрудный знак «Ы. Алтынсарин»"
    assert lexicon.mend("Білім басқармасының грамотасы") == "Білім басқармасының грамотасы"   # Kazakh stays


@pytest.mark.parametrize("typed", ["г. Алматы, ул. Абая, д. 5", "Почетная грамота (2021); диплом II степени",
                                   "Ы. Алтынсарин атындағы № 80 мектеп-гимназия", "2015 - 2019 жж.",
                                   "Грамота “Лучший учитель” (2020)", "және т.б...", "Леонова Мария 2 класс"])
def test_what_was_typed_is_not_mended(typed):
    assert lexicon.mend(typed) == typed


def _word(text: str, conf: float = 0.96, x: float = 0, *, alt: str | None = None,
          second: str | None = None) -> Word:
    return Word(text, x, 100, x + 40 * len(text), 130, conf, 1, alt=alt, second=second)


@pytest.mark.parametrize("word, differ", [
    (_word("(701)"), False),
    (_word("524-54-65", second="3324-54-65"), True),          # 5 against 3: a person must look
    (_word("73", alt="75"), True),
    (_word("2016", second="201"), False),                     # a digit lost at the cut's edge
    (_word("№018893843,", second="N018893843,"), False),      # only the letters differ
])
def test_two_readings_differ_only_in_their_digits(word, differ):
    assert _readings_differ([word]) is differ


def _reader(method: str = "ocr") -> FormReader:
    page = PageText(0, method, [], 2480, 3508)
    result = {"language": "ru", "fields": {}, "confidence": {}, "problems": []}
    return FormReader(result, {"fields": {}}, {1: (page, Item(1, "ru"))}, [page])


def test_one_weak_word_in_a_sure_value_flags_it():
    reader = _reader()
    words = [_word("Почетная"), _word("грамота", 0.6), _word("акима"), _word("района")]
    reader.set("awards", "Почетная грамота акима района", words, 0.9, "empty")
    assert reader.conf["awards"] < REVIEW
    assert any("unsurely" in p["problem"] for p in reader.problems)


def test_a_lone_letter_or_digit_read_as_a_speck_is_flagged_but_one_read_fairly_is_not():
    reader = _reader()
    words = [_word("университеті,"), _word("7", 0.3), _word("педагогикасы")]
    reader.set("education", "университеті, 7 педагогикасы", words, 0.9, "empty")
    assert reader.conf["education"] < REVIEW
    fair = _reader()
    fair.set("education", "университет, 1 курс", [_word("университет,"), _word("1", 0.55), _word("курс")], 0.9,
             "empty")
    assert fair.conf["education"] == 0.9


def test_a_name_is_flagged_at_a_higher_bar_than_other_text():
    reader = _reader()
    words = [_word("Куанышбек", 0.82), _word("Айнұр"), _word("Бауыржанқызы")]
    reader.set("full_name", "Куанышбек Айнұр Бауыржанқызы", words, 0.92, "empty")
    reader.set("position", "учитель истории", [_word("учитель", 0.82), _word("истории")], 0.9, "empty")
    assert reader.conf["full_name"] < REVIEW <= reader.conf["position"]


def test_sure_words_keep_their_confidence_and_a_text_layer_is_not_judged():
    reader = _reader()
    reader.set("position", "учитель истории", [_word("учитель"), _word("истории")], 0.96, "empty")
    assert reader.conf["position"] == 0.96 and not reader.problems
    layer = _reader("text_layer")
    layer.set("awards", "грамота", [_word("грамота", 0.1)], 1.0, "empty")
    assert layer.conf["awards"] == 1.0


def test_a_number_whose_readings_differ_is_flagged_but_a_birth_date_the_iin_confirms_is_not():
    reader = _reader()
    reader.set("phones", ["+77015245465"], [_word("524-54-65", second="3324-54-65")], 0.97, "no phone")
    assert reader.conf["phones"] == GUESSED < REVIEW
    reader.set("birth_date", "1996-02-04", [_word("04.02.1996", alt="04.02.1998")], 0.95, "no date")
    reader.set("iin", "960204410428", [_word("960204410428")], 0.95, "no iin")
    reader.cross_checks()
    assert reader.conf["birth_date"] == 0.95
    assert not [p for p in reader.problems if p["field"] == "birth_date"]


def test_an_address_whose_postal_code_was_not_found_is_flagged():
    reader = _reader()
    item = Item(9, "ru", [[_word("0500355,"), _word("г."), _word("Алматы")]])
    reader._item9(["home_address", "postal_code"], item, item.words, "0500355, г. Алматы", 0.95)
    assert reader.fields["postal_code"] is None
    assert reader.conf["home_address"] < REVIEW


def test_the_word_lists_are_searched_on_disk_as_sets_would_be(tmp_path):
    words = ["қала", "школа", "а", "әріп", "zz", "мектеп-гимназия"]
    path = tmp_path / "w.words"
    path.write_bytes(lexicon.WordList.pack(words + ["қала"]))
    found = lexicon.WordList(path)
    assert len(found) == len(set(words))
    assert all(w in found for w in words)
    assert not any(w in found for w in ["", "қал", "қалаа", "школ", "b", "ә", "Қала", None])
    path.write_bytes(path.read_bytes()[:-3])                    # cut short (a copy that did not finish)
    with pytest.raises(ValueError, match="not a whole word list"):
        lexicon.WordList(path)


def test_a_unit_of_experience_whose_number_was_not_read_is_not_sure():
    from extractors.fields import read_experience
    assert read_experience("14 жыл ] ай") == (168, False)        # the months' digit read as a bracket
    assert read_experience("14 жыл 2 ай") == (170, True)
    assert read_experience("6 лет 10 месяцев") == (82, True)


def test_a_small_letter_standing_alone_is_a_sign_unless_it_is_a_word():
    assert "a letter standing alone" in lexicon.doubtful("Сейфуллин р көшесі, 12-үй")
    assert "a letter standing alone" not in lexicon.doubtful("учитель истории и права")
    assert "a letter standing alone" not in lexicon.doubtful("ул. Абая, д. 5, кв. 2")
    assert "a letter standing alone" not in lexicon.doubtful("Алматы қ., Алмалы ауданы")      # abbreviations
    assert "a letter standing alone" not in lexicon.doubtful("филология факультеті, 2004 г.; магистратура")


def test_a_university_abbreviation_one_letter_off_is_a_sign_but_a_real_one_is_not():
    assert "an abbreviation misread" in lexicon.doubtful("КазНИУ им. Абая, географический факультет, 2020")
    assert "an abbreviation misread" in lexicon.doubtful("КазНПУ им. Абая; магистратура – КарГУУ, 2015")
    for typed in ("КазНПУ им. Абая, 2019 г.", "КазНИТУ им. К. Сатпаева", "Абай атындағы ҚазҰПУ (1993 ж.)",
                  "КазУМОиМЯ им. Абылай хана", "ТОО «МакДональдс»", "АлмаУ, КазГАСА"):
        assert "an abbreviation misread" not in lexicon.doubtful(typed), typed


def test_a_date_no_form_can_hold_is_kept_but_not_sure():
    import datetime
    today = datetime.date.today()
    later, child = today + datetime.timedelta(days=800), today - datetime.timedelta(days=5 * 365)
    reader = _reader()
    reader.set("filled_date", str(later), [_word("03.03.2028")], 0.96, "no date")
    reader.set("birth_date", str(child), [_word("08.11.2021")], 0.96, "no date")
    reader.cross_checks()
    assert reader.conf["filled_date"] == reader.conf["birth_date"] == GUESSED < REVIEW
    assert reader.fields["filled_date"] == str(later)                         # kept for the person to compare
    sure = _reader()
    sure.set("filled_date", str(today), [_word("07.12.2026")], 0.96, "no date")
    sure.set("birth_date", "1987-11-08", [_word("08.11.1987")], 0.96, "no date")
    sure.cross_checks()
    assert sure.conf["filled_date"] == sure.conf["birth_date"] == 0.96


def test_an_almaty_district_one_letter_off_or_the_word_after_it_is_a_sign():
    assert "a place name misread" in lexicon.doubtful("г. Алматы, Бостанлыкский район, ул. Сатпаева, д. 115")
    assert "a place name misread" in lexicon.doubtful("Алматы қ. Наурызбай ауланы, № 70 мектеп")  # a real word
    for typed in ("г. Алматы, Бостандыкский район", "Алматы қ., Алмалы ауданы, Абай даңғылы, 222-үй",
                  "Турксибского района г. Алматы", "Алматы қаласы, Медеу ауд., Орбита-3 шағын ауданы"):
        assert "a place name misread" not in lexicon.doubtful(typed), typed


def test_a_stop_before_a_year_where_a_comma_goes_is_a_sign():
    assert "punctuation no typist puts there" in lexicon.doubtful("естественно-научный факультет. 2015 г.")
    assert "punctuation no typist puts there" not in lexicon.doubtful("естественно-научный факультет, 2015 г.")


def test_a_lone_small_letter_in_a_kazakh_text_or_a_mark_ending_a_value_is_a_sign():
    assert "a letter standing alone" in lexicon.doubtful("«№ 52 жалпы у білім беретін мектебі» КММ")
    assert "a letter standing alone" not in lexicon.doubtful("учитель истории и права")    # a Russian word
    assert "punctuation no typist puts there" in lexicon.doubtful("Құрмет грамотасы (2021):")
    assert lexicon.mend("г. Алматы, ул. Жандосова, д. 27, кв. 55,") == "г. Алматы, ул. Жандосова, д. 27, кв. 55"


def test_a_document_number_of_a_length_no_card_or_passport_has_is_not_sure():
    reader = _reader()
    item = Item(10, "ru", [[_word("уд."), _word("личности"), _word("№"), _word("084902"), _word("от"),
                            _word("21.01.2024")]])
    reader._item10(["id_document_number", "iin"], item, item.words, "уд. личности № 084902 от 21.01.2024", 0.95)
    assert reader.fields["id_document_number"] == "084902"
    assert reader.conf["id_document_number"] == GUESSED < REVIEW


@pytest.mark.parametrize("read, sign", [
    ("/ директордың оқу ісі жөніндегі орынбасары", "punctuation no typist puts there"),     # a mark before it
    ("— Қасымова Динара Ғабитқызы", "punctuation no typist puts there"),
    ("Алматы қаласы, Әл-Фараби даңғылы 51. 138 пәтер", "a stop where a comma goes"),
    ("Алматы қ., Райымбек даңғылы. 94-үй, 142-пәтер", "a stop where a comma goes"),
    ("г. Алматы, ул. Жандосова, д. 9], кв. 177", "a bracket or quote left open"),
    ("факультет иностранных языков, 2017 г.; магистратура, 2022 т.", "the year's abbreviation misread"),
])
def test_marks_no_typist_makes_are_signs(read, sign):
    assert sign in lexicon.doubtful(read)


@pytest.mark.parametrize("typed", ["г. Алматы, ул. 8 Марта, д. 5, кв. 12", "мкр. Самал-2, д. 12, кв. 7",
                                   "филология факультеті, 2010 ж.", "«Лучший педагог – 2022», 2021 г."])
def test_what_typists_write_is_no_sign_of_a_stop_or_a_year_misread(typed):
    signs = lexicon.doubtful(typed)
    assert "a stop where a comma goes" not in signs and "the year's abbreviation misread" not in signs


def test_a_mark_before_the_first_word_is_mended_away():
    assert lexicon.mend("— Қасымова Динара Ғабитқызы") == "Қасымова Динара Ғабитқызы"
    assert lexicon.mend("/ «Білім беру ісінің құрметті қызметкері» (2019)") == \
        "«Білім беру ісінің құрметті қызметкері» (2019)"


def test_a_small_word_straight_after_a_years_abbreviation_is_a_sign_of_a_lost_separator():
    sign = "a comma or semicolon lost after a year"
    assert sign in lexicon.doubtful("шетел тілдері факультеті, 1991 ж. магистратура, 1998 ж.")
    assert sign in lexicon.doubtful("факультет педагогики, 1995 г. педагог-модератор")       # the next item's
    assert sign not in lexicon.doubtful("шетел тілдері факультеті, 1991 ж.; магистратура, 1998 ж.")
    assert sign not in lexicon.doubtful("Алғыс хаты (2023), «Ы. Алтынсарин» төсбелгісі, 2024 ж.")


def test_a_letter_read_after_the_patronymic_is_no_part_of_the_name_but_a_korean_surname_o_is():
    reader = _reader()
    item = Item(2, "kk", [[_word("Мұхамеджанов"), _word("Ерлан"), _word("Серікович"), _word("І", 0.3)]])
    reader._item2(["full_name"], item, item.words, "Мұхамеджанов Ерлан Серікович І", 0.9)
    assert reader.fields["full_name"] == "Мұхамеджанов Ерлан Серікович"
    korean = _reader()
    item = Item(2, "ru", [[_word("О"), _word("Ден"), _word("Хи")]])
    korean._item2(["full_name"], item, item.words, "О Ден Хи", 0.95)
    assert korean.fields["full_name"] == "О Ден Хи"


def test_a_phone_list_with_a_number_that_is_no_phone_is_flagged():
    """A number lost from the list (read with a digit too many) leaves the others looking sure: the list is not."""
    reader = _reader()
    words = [_word("8"), _word("701"), _word("399"), _word("93"), _word("57;"), _word("8"), _word("701"),
             _word("670"), _word("02"), _word("5422")]
    reader._item11(["phones"], Item(11, "ru"), words, "8 701 399 93 57; 8 701 670 02 5422", 0.95)
    assert reader.fields["phones"] == ["+77013999357"]
    assert reader.conf["phones"] < REVIEW
    reader = _reader()
    reader._item11(["phones"], Item(11, "ru"), words[:5], "8 701 399 93 57", 0.95)
    assert reader.conf["phones"] == 0.95
