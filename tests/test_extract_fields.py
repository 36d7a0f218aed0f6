"""The normalizers of application-form.md, and the IIN's check digit choosing between OCR readings."""
import pytest

from extractors import fields as F


@pytest.mark.parametrize("written, iso", [
    ("12.03.1985", "1985-03-12"), ("12/03/1985", "1985-03-12"), ("1985-03-12", "1985-03-12"),
    ("12 наурыз 1985 ж.", "1985-03-12"), ("1985 жылғы 12 наурыз", "1985-03-12"), ("12 марта 1985 г.", "1985-03-12"),
    ("5 қыркүйек 2001 ж.", "2001-09-05"), ("30 желтоқсан 1979 ж.", "1979-12-30"), ("1 мая 1990 г.", "1990-05-01"),
])
def test_every_date_form_of_the_spec_gives_the_iso_date(written, iso):
    assert F.parse_date(written) == iso


@pytest.mark.parametrize("ocr_read, iso", [
    ("13 караша 1983 ж.", "1983-11-13"),       # қ read as к
    ("16 шiлде 1967 ж.", "1967-07-16"),        # і read as Latin i
    ("1985 жылгы 12 сэуiр", "1985-04-12"),     # ғ → г, ә → э
    ("4 кыркуйек 2000 ж.", "2000-09-04"),      # қ, ү read as Russian letters
    ("2015 ж. 12 мамырда", "2015-05-12"),      # an inflected month
])
def test_kazakh_months_match_when_kazakh_letters_are_read_as_russian_look_alikes(ocr_read, iso):
    assert F.parse_date(ocr_read) == iso


@pytest.mark.parametrize("written", ["31.02.1985", "нет данных", "", "12 1985"])
def test_a_date_that_does_not_exist_or_is_not_there_is_none_never_a_guess(written):
    assert F.parse_date(written) is None


@pytest.mark.parametrize("written, months", [
    ("12 жыл", 144), ("12 жыл 3 ай", 147), ("12 лет", 144), ("12 лет 3 мес.", 147), ("5 года 11 месяцев", 71),
    ("7 г.", 84), ("1 год 5 мес.", 17), ("І год 5 мес.", 17), ("21 год", 252),
])
def test_experience_in_every_written_form_becomes_whole_months(written, months):
    assert F.parse_experience(written) == months


@pytest.mark.parametrize("written, code", [
    ("педагог", "teacher"), ("педагог-модератор", "moderator"), ("педагог-сарапшы", "expert"),
    ("педагог-эксперт", "expert"), ("педагог-зерттеуші", "researcher"), ("педагог-исследователь", "researcher"),
    ("педагог-шебер", "master"), ("педагог-мастер", "master"), ("жоғары санат", "highest"), ("высшая", "highest"),
    ("бірінші санат", "first"), ("первая категория", "first"), ("екінші", "second"), ("вторая", "second"),
    ("санатсыз", "none"), ("без категории", "none"),
    ("педагог-зерттеушi", "researcher"), ("жогары санат", "highest"), ("бiрiншi", "first"),   # OCR look-alikes
])
def test_qualification_categories_map_to_their_codes(written, code):
    assert F.parse_category(written) == code


def test_phones_are_e164_in_the_order_written_including_a_city_number_without_code():
    phones, bad = F.parse_phones("үй: 2 72 45 67, ұялы: 8 (701) 123-45-67; +7 747 123 45 67")
    assert phones == ["+77272724567", "+77011234567", "+77471234567"] and bad == []
    assert F.parse_phones("87011234567")[0] == ["+77011234567"]


def test_a_digit_read_on_a_line_below_the_last_phone_is_not_part_of_it():
    """A speck or page number read on a line of its own under item 11 (the item's lines joined with spaces) made the
    last number twelve digits long, and it was lost; three digits more are no speck."""
    assert F.parse_phones("ұялы: 8 701 399 93 57; ұялы: 8 (701) 670-02-54 2") == (
        ["+77013999357", "+77016700254"], [])
    assert F.parse_phones("ұялы: 8 701 399 93 57 12") == (["+77013999357"], [])
    assert F.parse_phones("ұялы: 8 701 399 93 57 123") == ([], ["87013999357123"])


@pytest.mark.parametrize("written, address, postal", [
    ("050012, Алматы қ., Абай даңғылы, 15-үй", "Алматы қ., Абай даңғылы, 15-үй", "050012"),
    ("г. Алматы, ул. Толе би 55, кв. 12, 050000", "г. Алматы, ул. Толе би 55, кв. 12", "050000"),
    ("индексі 050027, Алматы қаласы, Тимирязев көшесі 156", "Алматы қаласы, Тимирязев көшесі 156", "050027"),
    ("г. Алматы, пр. Абая 10", "г. Алматы, пр. Абая 10", None),
])
def test_the_postal_code_is_split_from_the_address(written, address, postal):
    assert F.split_address(written) == (address, postal)


@pytest.mark.parametrize("written, number, iin", [
    ("Жеке куәлік № 045678912, 12.05.2015 ж. ҚР ІІМ берген, ЖСН 850314401236", "045678912", "850314401236"),
    ("ИИН 850314401236, удостоверение личности № 045678912 от 12.05.2015, выдано МВД РК", "045678912",
     "850314401236"),
    ("удостоверение личности №045678912, МВД РК, 12.05.2015, ИИН: 850314401236", "045678912", "850314401236"),
])
def test_document_number_alone_without_issuer_date_or_iin(written, number, iin):
    found = F.find_iin(written)
    assert found == iin
    assert F.document_number(written, found) == number


def test_the_iin_check_digit_chooses_between_ocr_readings():
    # kaz read 3 as 5; the second (English digits) reading is right and passes the check digit
    assert F.choose_iin(["850514401236", "850314401236"]) == ("850314401236", None)


def test_the_iin_check_digit_never_invents_digits_a_failing_iin_is_reported():
    value, problem = F.choose_iin(["850314400124", "850314400124"])
    assert value == "850314400124" and problem == "check digit does not match"
    assert F.choose_iin([None, None]) == (None, "not found")


def test_attachment_pages_from_the_footer_line():
    assert F.attachment_pages("Қосымша: конкурсқа қатысу үшін құжаттар 25 парақта.") == 25
    assert F.attachment_pages("Приложение: документы на 12 листах") == 12


def test_text_values_are_tidied_as_typed_not_translated():
    assert F.tidy_text("Абай даңғылы 175,64 пәтер") == "Абай даңғылы 175, 64 пәтер"
    assert F.tidy_text("университет , 2002 Г.") == "университет, 2002 г."


def test_an_abbreviation_or_initial_glued_to_the_next_word_gets_its_space_back():
    assert F.tidy_text("г.Алматы, ул.Абая 5") == "г. Алматы, ул. Абая 5"
    assert F.tidy_text("Ш.Уәлиханов атындағы") == "Ш. Уәлиханов атындағы"
    assert F.tidy_text("Ф.И.О. Иванов, т.б. және") == "Ф.И.О. Иванов, т.б. және"     # not inside an abbreviation
