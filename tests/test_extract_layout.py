"""Fields are found by layout: a two-column table is never read column by column, multi-line values stay whole,
and numbered lines lose their label up to the colon. Words here are placed by hand (no OCR)."""
from extractors.layout import find_items, join_lines
from extractors.tesseract import Word

H = 40   # a word's height in pixels at 300 dpi


def words_at(y: float, x: float, text: str, gap: float = 18) -> list[Word]:
    out = []
    for t in text.split():
        w = len(t) * 22
        out.append(Word(t, x, y, x + w, y + H, 0.95))
        x += w + gap
    return out


def table(rows: list[tuple[str, list[str], list[str]]]) -> list[Word]:
    """Rows of (number, label lines, value lines): number at x=220, label at 300, value at 1100."""
    words, y = [], 300
    for number, label, value in rows:
        words += words_at(y, 220, number)
        for i, line in enumerate(label):
            words += words_at(y + i * 60, 300, line)
        for i, line in enumerate(value):
            words += words_at(y + i * 60, 1100, line)
        y += max(len(label), len(value)) * 60 + 30
    return words


ROWS = [
    ("1.", ["Жұмыс орны"], ["Алматы қ. № 26 жалпы орта", "білім беретін мектеп"]),
    ("2.", ["Тегі, аты, әкесінің", "аты"], ["Сейтқалиева Әйгерім Бауыржанқызы"]),
    ("3.", ["Туған күні, айы,", "жылы"], ["12 наурыз 1985 ж."]),
    ("4.", ["Лауазымы"], ["бастауыш сынып мұғалімі"]),
    ("5.", ["Педагогикалық өтілі"], ["12 жыл 3 ай"]),
    ("6.", ["Лауазымдағы жұмыс", "өтілі"], ["10 жыл"]),
    ("7.", ["Білімі (оқу орнының,", "факультеттің атауы, қай", "жылы бітірді)"],
     ["Абай атындағы ҚазҰПУ, физика-", "математика факультеті, 2007 ж."]),
]


def test_a_two_column_table_is_read_row_by_row_not_column_by_column():
    items = {i.number: i.text for i in find_items(table(ROWS))}
    assert items[1] == "Алматы қ. № 26 жалпы орта білім беретін мектеп"
    assert items[2] == "Сейтқалиева Әйгерім Бауыржанқызы"
    assert items[3] == "12 наурыз 1985 ж."
    assert items[6] == "10 жыл"


def test_a_multi_line_value_stays_whole_and_a_hyphen_at_a_line_end_joins():
    items = {i.number: i.text for i in find_items(table(ROWS))}
    assert items[7] == "Абай атындағы ҚазҰПУ, физика-математика факультеті, 2007 ж."


def test_the_label_language_is_known_for_each_item():
    assert {i.language for i in find_items(table(ROWS))} == {"kk"}


def test_numbered_lines_lose_their_label_up_to_the_colon_and_keep_continuation_lines():
    lines = [("1.", "Место работы: КГУ «Школа-гимназия № 109», г. Алматы"),
             ("2.", "Фамилия, имя, отчество: Морозова Татьяна Викторовна"),
             ("3.", "Число, месяц, год рождения: 31.10.1967"),
             ("4.", "Должность: учитель математики"),
             ("7.", "Образование (учебное заведение, факультет, год окончания): Павлодарский"),
             ("", "государственный педагогический институт, 1989 г."),
             ("8.", "Квалификационная категория: первая")]
    words, y = [], 300
    for number, text in lines:
        if number:
            words += words_at(y, 200, number)
        words += words_at(y, 280 if number else 200, text)
        y += 60
    items = {i.number: i.text for i in find_items(words)}
    assert items[2] == "Морозова Татьяна Викторовна"
    assert items[7] == "Павлодарский государственный педагогический институт, 1989 г."
    assert items[8] == "первая"
    assert {i.language for i in find_items(words)} == {"ru"}


def test_a_label_read_with_junk_before_it_is_still_found():
    words = table(ROWS)
    words = [Word("мяо", 150, 300, 210, 340, 0.3)] + [w for w in words if w.text != "1."]
    assert {i.number: i.text for i in find_items(words)}[1].startswith("Алматы қ.")


def test_join_lines_keeps_the_hyphen_of_a_compound_split_at_a_line_end():
    assert join_lines(["физика-", "математика факультеті"]) == "физика-математика факультеті"
    assert join_lines(["Алматы қ. -", "Абай"]) == "Алматы қ. - Абай"
