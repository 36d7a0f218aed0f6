"""The application's items → the spec's keys, and the normalizers of application-form.md.

Closed vocabularies (months, categories) are matched on folded text (`textnorm.fold`), so Kazakh letters read as
their Russian look-alikes still match. Normalizers return None when the text does not hold what they look for;
they never guess.
"""
from __future__ import annotations

import re
from datetime import date

from mugalim.identifiers import iin_problem, normalize_phone
from extractors.textnorm import clean, fold, similarity

#: the keys in the order the spec lists them
KEYS = ["workplace", "full_name", "birth_date", "position", "pedagogical_experience_months",
        "position_experience_months", "education", "qualification_category", "home_address", "postal_code",
        "id_document_number", "iin", "phones", "awards", "filled_date", "attachment_pages"]
#: item number → the keys it fills
ITEM_KEYS = {1: ["workplace"], 2: ["full_name"], 3: ["birth_date"], 4: ["position"],
             5: ["pedagogical_experience_months"], 6: ["position_experience_months"], 7: ["education"],
             8: ["qualification_category"], 9: ["home_address", "postal_code"], 10: ["id_document_number", "iin"],
             11: ["phones"], 12: ["awards"]}

MONTHS = [
    ["қаңтар", "январь", "января", "янв"], ["ақпан", "февраль", "февраля", "фев"], ["наурыз", "март", "марта"],
    ["сәуір", "апрель", "апреля", "апр"], ["мамыр", "май", "мая"], ["маусым", "июнь", "июня"],
    ["шілде", "июль", "июля"], ["тамыз", "август", "августа", "авг"], ["қыркүйек", "сентябрь", "сентября", "сен"],
    ["қазан", "октябрь", "октября", "окт"], ["қараша", "ноябрь", "ноября", "ноя"],
    ["желтоқсан", "декабрь", "декабря", "дек"],
]
_FOLDED_MONTHS = [[fold(m) for m in forms] for forms in MONTHS]


def month_of(token: str) -> int | None:
    """1–12 for a month name in Kazakh or Russian (any case ending, OCR look-alikes tolerated), else None."""
    t = fold(token)
    if len(t) < 3 or not t.isalpha():
        return None
    best, month = 0.0, None
    for i, forms in enumerate(_FOLDED_MONTHS, start=1):
        for f in forms:
            stem = t[: len(f)] if len(t) > len(f) and len(f) >= 5 else t   # "мамырда" → "мамыр"
            s = similarity(stem, f)
            need = 1.0 if len(f) <= 4 else 0.8
            if s >= need and s > best:
                best, month = s, i
    return month


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat() if 1900 <= y <= 2100 else None
    except ValueError:
        return None


_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})(?!\d)")
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)")


def parse_date(text: str) -> str | None:
    """ISO date from `12.03.1985`, `12/03/1985`, `1985-03-12`, `12 наурыз 1985 ж.`, `1985 жылғы 12 наурыз`,
    `12 марта 1985 г.`; None when there is none."""
    if m := _NUMERIC_YMD.search(text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DMY.search(text):
        return _date(int(m[3]), int(m[2]), int(m[1]))
    tokens = re.findall(r"\d+|[^\W\d_]+", text)
    month = next((mm for t in tokens if (mm := month_of(t))), None)
    years = [int(t) for t in tokens if t.isdigit() and len(t) == 4]
    days = [int(t) for t in tokens if t.isdigit() and len(t) <= 2 and 1 <= int(t) <= 31]
    if month and len(years) == 1 and len(days) == 1:
        return _date(years[0], month, days[0])
    return None


_YEARS = re.compile(r"(\d{1,2})\s*(?:жыл|лет|год|года|гг|г|ж)(?![а-я])")
_MONTHS = re.compile(r"(\d{1,2})\s*(?:аи|ау|мес|месяц|месяца|месяцев|м)(?![а-я]*\d)")


_ONE = re.compile(r"(?<!\S)[IІl|](?=\s*[^\W\d_])")
_UNIT = r"(?=\s*(?i:ай|аи|мес|лет|жыл|год|г\.))"
_SIX = re.compile(r"(?:(?<=жыл)|(?<=лет)|(?<=год)|(?<=года)|(?<![^\W\d_]))[бБ]" + _UNIT)
_SEVEN = re.compile(r"(?<![^\W\d_])Т" + _UNIT)
_THREE = re.compile(r"(?<![^\W\d_])[зЗ]" + _UNIT)
#: what a length of experience is written with: numbers, the units, and the punctuation between them
_UNIT_WORD = re.compile(r"(?<![а-я])(?:жыл\w*|лет|год\w*|гг|аи|ау|мес\w*)(?![а-я])")
_EXPERIENCE_WORD = re.compile(r"\d+|жыл\w*|лет|год\w*|гг|г|ж|ай|аи|ау|мес\w*|м|и|және")


def parse_experience(text: str) -> int | None:
    """Whole months from `12 жыл`, `12 жыл 3 ай`, `12 лет`, `12 лет 3 мес.`, `5 года 11 месяцев`, `7 г.`
    (a lone `I`/`І`/`l` before the unit is the digit 1 as OCR reads it in some fonts)."""
    return read_experience(text)[0]


def read_experience(text: str) -> tuple[int | None, bool]:
    """(months, sure): not sure when a letter had to be taken for a digit (`Б лет` → 6 or 5?) or when something
    besides numbers and units was written (`4 жыл? ай`): the value is then for a person to confirm."""
    t = _SEVEN.sub("7", _THREE.sub("3", _SIX.sub(" 6", _ONE.sub("1", text))))  # б/З/Т for 6/3/7 before a unit
    guessed = t != text
    t = fold(t)
    y = _YEARS.search(t)
    rest = t[y.end():] if y else t
    m = _MONTHS.search(rest)
    if not y and not m:
        return None, False
    months = (int(y[1]) * 12 if y else 0) + (int(m[1]) if m else 0)
    leftover = _EXPERIENCE_WORD.sub(" ", t).split()
    numbers = len(re.findall(r"\d+", t))
    units = len(_UNIT_WORD.findall(t))
    # a unit whose number was not read (`4 жыл? ай`, `23 жыл [ ай`): a number or a unit more than were matched
    dangling = numbers != bool(y) + bool(m) or units > bool(y) + bool(m) or re.search(r"[?*#%]", text)
    return months, not (guessed or leftover or dangling)


_CATEGORIES = [("moderator", ["модератор"]), ("expert", ["сарапшы", "эксперт"]),
               ("researcher", ["зерттеуши", "исследовател"]), ("master", ["шебер", "мастер"]),
               ("none", ["санатсыз", "без категор"]), ("highest", ["жогары", "высша", "высш"]),
               ("first", ["бирінши", "биринши", "первая", "перв"]), ("second", ["екинши", "вторая", "втор"]),
               ("teacher", ["педагог"])]


def parse_category(text: str) -> str | None:
    """The category code (teacher, moderator, expert, researcher, master, highest, first, second, none)."""
    t = fold(text)
    if not t:
        return None
    tokens = t.replace("-", " ").split()
    for code, stems in _CATEGORIES:
        for stem in stems:
            if " " in stem:
                if stem in t:
                    return code
                continue
            fs = fold(stem)
            if any(similarity(tok[: len(fs)], fs) >= 0.8 and len(tok) >= len(fs) - 1 for tok in tokens):
                return code
    return None


_NUMERO = re.compile(r"(?<![^\s«(\"])(?:М9|М2|N2|Мо|МО|М%|М\?|Ме|Ne|No|N9|Nо|Хо|Хе|М°|N°|Мә|Мг|Nг|Ко|Мп)(?=\s+\d)")
#: the initial І (Kazakh) read as the digit 1 before a surname ("1. Жансүгіров"), where the value is no numbered list
_INITIAL_I = re.compile(r"(?<![^\s«(\"])1\.(?=\s?[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі])")
#: "г." (город) before the city's name, its г read as т
_CITY = re.compile(r"(?<![^\s,(])т\.(?=\s?Алматы)")
#: an abbreviation or an initial glued to the capitalized word after it ("г.Алматы", "Ш.Уәлиханов"): OCR drops the
#: space (typed forms have it)
_ABBR_GLUED = re.compile(r"(?<![^\s«(\"])([^\W\d_]{1,3})\.(?=[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі])")
_YEAR_ABBR = re.compile(r"(\d{4})\s*([ГЖ])\.")


def tidy_text(text: str) -> str:
    """A text value as typed: a space after a comma or semicolon, none before; the year abbreviations `г.` / `ж.`
    in lower case (OCR capitalizes them)."""
    t = re.sub(r"_{2,}", " ", text).strip(" _")          # fill-in lines of a form typed over
    t = re.sub(r"\s+([,;)])", r"\1", t)
    t = re.sub(r"([,;])(?=[^\s\d,;)»])", r"\1 ", t)
    t = re.sub(r"(?<=\D)([,;])(?=\d)", r"\1 ", t)
    t = re.sub(r"(?<=\d),(?=\d{2,})", ", ", t)
    t = _YEAR_ABBR.sub(lambda m: f"{m[1]} {m[2].lower()}.", t)
    t = re.sub(r"(?<=\d{4})([гж]\.)", r" \1", t)
    t = _NUMERO.sub("№", t)
    if not re.search(r"(?<!\d)2\.\s", t):
        t = _INITIAL_I.sub("І.", t)
    t = _CITY.sub("г.", t)
    t = re.sub(r"[\s,;]*\($", "", t)                     # a bracket opened at the end: a speck, not text
    if t.startswith("(") and ")" not in t:
        t = t[1:]
    t = _ABBR_GLUED.sub(r"\1. ", t)
    return clean(t)


_PHONE_SPLIT = re.compile(r"[,;]|(?<=\d)\s+(?=[^\W\d_])|(?<=[^\W\d_])\s*[:.]?\s+(?=[+\d(])")


def parse_phones(text: str) -> tuple[list[str], list[str]]:
    """Every phone number written, in order, in E.164; and the pieces that looked like numbers but are not."""
    phones, bad = [], []
    carry = ""
    for chunk in _PHONE_SPLIT.split(text):
        digits = carry + re.sub(r"\D", "", chunk)
        carry = ""
        if len(digits) < 5:
            carry = digits if digits else ""     # a number cut by a stray comma ("2, 04 37 00")
            continue
        for piece in _split_digits(digits):
            e164 = normalize_phone(piece) or _before_stray_digits(chunk, piece)
            (phones if e164 else bad).append(e164 or piece)
    return phones, bad


def _before_stray_digits(chunk: str, digits: str) -> str | None:
    """A number followed by a group of one or two digits that makes it no number: the group is a speck or a page
    number read below the item (its lines are joined with spaces)."""
    head, _, tail = chunk.rstrip().rpartition(" ")
    extra = re.sub(r"\D", "", tail)
    if head and 0 < len(extra) <= 2 and digits.endswith(extra):
        return normalize_phone(digits[:-len(extra)])
    return None


def _split_digits(digits: str) -> list[str]:
    """Two numbers written with no comma between them: 11+11, 11+7, 7+11 digits."""
    for a, b in ((11, 11), (11, 7), (7, 11), (10, 7)):
        if len(digits) == a + b and normalize_phone(digits[:a]) and normalize_phone(digits[a:]):
            return [digits[:a], digits[a:]]
    return [digits]


_POSTAL = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_POSTAL_WORD = re.compile(r"(?i)\b(?:индекс[іиі]?|почтовый индекс|пошта индексі)\b\s*[:.]?\s*")


def split_address(text: str) -> tuple[str | None, str | None]:
    """(the address without its postal code, the 6-digit postal code)."""
    m = _POSTAL.search(text)
    if not m:
        return (clean(text) or None), None
    postal = m[1]
    rest = text[: m.start()] + " " + text[m.end():]
    rest = _POSTAL_WORD.sub(" ", rest)
    rest = re.sub(r"\s*,\s*(,\s*)+", ", ", rest)
    rest = clean(rest).strip(" ,;")
    rest = re.sub(r"\s+,", ",", rest)
    return (rest or None), postal


_IIN_AFTER_LABEL = re.compile(r"(?i)(?:ЖСН|ИИН|IIN|ЖCН|ЖСH)\s*[:№N]?\s*(\d[\d ]{10,14}\d)")
_TWELVE = re.compile(r"(?<!\d)(\d{12})(?!\d)")
_DATEISH = re.compile(r"(?<!\d)\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}(?!\d)|(?<!\d)\d{4}\s*[./-]\s*\d{1,2}"
                      r"\s*[./-]\s*\d{1,2}(?!\d)")
_DOC_NUMBER = re.compile(r"(?:№|N\s?o?\.?|Nº|No)\s*([A-ZА-Я]?\s?\d[\d ]{4,12}\d)|(?<![\d.])(\d{6,10})(?![\d.])")


def find_iin(text: str) -> str | None:
    """The 12 digits written as the IIN (after ЖСН / ИИН, or a lone 12-digit number)."""
    if m := _IIN_AFTER_LABEL.search(text):
        digits = re.sub(r"\D", "", m[1])
        if len(digits) == 12:
            return digits
    m = _TWELVE.search(text)
    return m[1] if m else None


def find_iin_labelled(text: str) -> str | None:
    """Only an IIN written after its label (ЖСН / ИИН): for searching a whole page."""
    if m := _IIN_AFTER_LABEL.search(text):
        digits = re.sub(r"\D", "", m[1])
        return digits if len(digits) == 12 else None
    return None


def document_number(text: str, iin: str | None) -> str | None:
    """The identity document's number alone (digits), without the issuer, the date or the IIN beside it."""
    t = _DATEISH.sub(" ", text)
    if iin:
        t = t.replace(iin, " ")
    t = _IIN_AFTER_LABEL.sub(" ", t)
    m = _DOC_NUMBER.search(t)
    if not m:
        return None
    return re.sub(r"\D", "", m[1] or m[2]) or None


_N_DIGITS = re.compile(r"N(\d{8,10})(?!\d)")


def numero_read_as_n(text: str) -> str:
    """"№" as the English model reads it when glued to the number: "N2030740960" or "N030740960" for
    "№030740960" — a card number has 9 digits, so a tenth one in front is the sign's circle."""
    return _N_DIGITS.sub(lambda m: "№ " + (m[1][1:] if len(m[1]) == 10 else m[1]), text)


def plausible_document_number(number: str | None) -> bool:
    """An identity card's number has 9 digits, a passport's 8 (after its letter N)."""
    return number is not None and len(number) in (8, 9)


def choose_iin(readings: list[str]) -> tuple[str | None, str | None]:
    """Among the OCR readings of the IIN (first = primary), the first that passes the check digit; else the
    primary reading with the reason it fails. Never a number that no reading gave."""
    readings = [r for r in readings if r]
    if not readings:
        return None, "not found"
    for r in readings:
        if iin_problem(r) is None:
            return r, None
    return readings[0], iin_problem(readings[0])


_ATTACH = re.compile(r"(\d{1,4})\s*(?:парақ|парак|лист|л\.|бет)", re.I)


def attachment_pages(text: str) -> int | None:
    """`Қосымша: … 25 парақта` / `Приложение: на 25 листах` → 25."""
    if m := _ATTACH.search(text):
        return int(m[1])
    nums = re.findall(r"(?<!\d)(\d{1,4})(?!\d)", text)
    return int(nums[0]) if len(nums) == 1 else None
