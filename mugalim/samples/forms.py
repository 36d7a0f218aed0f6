"""Realistic application forms (Appendix 1) with their truth: the test set the extractor is measured on.

Deterministic from a seed. A form is laid out once in PDF points (a ruled table of numbered items, or numbered
lines "1. Жұмыс орны: …"), then either drawn by reportlab as a born-digital PDF (a real text layer) or rasterized
with PIL at the requested dpi and degraded like a real scan (rotation, noise, blur, JPEG compression).

    data, truth = make_form(7, language="kk", layout="table", font="pt_serif", degrade="degraded", fmt="jpeg")
    make_test_set(Path("forms"), n=48)      # files + truth.json

`truth["fields"]` holds exactly the values `mugalim extract` must print (application-form.md).
"""
from __future__ import annotations

import functools
import io
import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from mugalim.identifiers import check_digit
from mugalim.samples import names as V

PT_A4 = (595.28, 841.89)
_TTF = "/usr/share/fonts/truetype"
_OTF = "/usr/share/fonts/opentype/urw-base35"
#: font key → (regular, bold) files
FONTS: dict[str, tuple[str, str]] = {
    "dejavu_sans": (f"{_TTF}/dejavu/DejaVuSans.ttf", f"{_TTF}/dejavu/DejaVuSans-Bold.ttf"),
    "dejavu_serif": (f"{_TTF}/dejavu/DejaVuSerif.ttf", f"{_TTF}/dejavu/DejaVuSerif-Bold.ttf"),
    "liberation_serif": (f"{_TTF}/liberation/LiberationSerif-Regular.ttf",
                         f"{_TTF}/liberation/LiberationSerif-Bold.ttf"),
    "liberation_sans": (f"{_TTF}/liberation/LiberationSans-Regular.ttf", f"{_TTF}/liberation/LiberationSans-Bold.ttf"),
    "pt_sans": (f"{_TTF}/paratype/PTS55F.ttf", f"{_TTF}/paratype/PTS75F.ttf"),
    "pt_serif": (f"{_TTF}/paratype/PTF55F.ttf", f"{_TTF}/paratype/PTF75F.ttf"),
    "nimbus_roman": (f"{_OTF}/NimbusRoman-Regular.otf", f"{_OTF}/NimbusRoman-Bold.otf"),
    "freeserif": (f"{_TTF}/freefont/FreeSerif.ttf", f"{_TTF}/freefont/FreeSerifBold.ttf"),
}
LAYOUTS = ("table", "lines")
FORMATS = ("pdf_text", "pdf", "pdf_mixed", "tiff", "png", "jpeg")
EXTENSIONS = {"pdf_text": "pdf", "pdf": "pdf", "pdf_mixed": "pdf", "tiff": "tif", "png": "png", "jpeg": "jpg"}
DEGRADES = (None, "clean", "degraded", "rotate", "noise", "blur", "jpeg", "upside_down", "photo")
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

LABELS = {
    "kk": ["Жұмыс орны", "Тегі, аты, әкесінің аты", "Туған күні, айы, жылы", "Лауазымы", "Педагогикалық өтілі",
           "Лауазымдағы жұмыс өтілі", "Білімі (оқу орнының, факультеттің атауы, қай жылы бітірді)",
           "Біліктілік санаты", "Индексі көрсетілген үйінің мекенжайы",
           "Жеке басын куәландыратын құжатының деректері", "Байланыс телефоны (үй, ұялы)", "Марапаттау, көтермелеу"],
    "ru": ["Место работы", "Фамилия, имя, отчество", "Число, месяц, год рождения", "Должность",
           "Педагогический стаж", "Стаж работы в должности",
           "Образование (учебное заведение, факультет, год окончания)", "Квалификационная категория",
           "Домашний адрес с индексом", "Данные документа, удостоверяющего личность",
           "Контактный телефон (домашний, сотовый)", "Награды, поощрения"],
}
MONTHS = {
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
           "желтоқсан"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
           "декабря"],
}
CATEGORY_WORDS = {
    "kk": {"teacher": ["педагог"], "moderator": ["педагог-модератор"], "expert": ["педагог-сарапшы"],
           "researcher": ["педагог-зерттеуші"], "master": ["педагог-шебер"], "highest": ["жоғары санат", "жоғары"],
           "first": ["бірінші санат", "бірінші"], "second": ["екінші санат", "екінші"], "none": ["санатсыз"]},
    "ru": {"teacher": ["педагог"], "moderator": ["педагог-модератор"], "expert": ["педагог-эксперт"],
           "researcher": ["педагог-исследователь"], "master": ["педагог-мастер"],
           "highest": ["высшая категория", "высшая"], "first": ["первая категория", "первая"],
           "second": ["вторая категория", "вторая"], "none": ["без категории"]},
}


def nfc(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


# ---------------------------------------------------------------- values and how they are written

def _iin(rng: random.Random, born: date, female: bool, *, valid: bool = True) -> str:
    century = {18: 1, 19: 3, 20: 5}[born.year // 100] + (1 if female else 0)
    while True:
        first11 = f"{born:%y%m%d}{century}{rng.randrange(10000):04d}"
        cd = check_digit(first11)
        if cd is not None:
            return first11 + str(cd if valid else (cd + rng.randrange(1, 10)) % 10)


def _written_date(rng: random.Random, d: date, lang: str) -> str:
    month = MONTHS[lang][d.month - 1]
    forms = [f"{d:%d.%m.%Y}", f"{d:%d/%m/%Y}", f"{d:%Y-%m-%d}"]
    if lang == "kk":
        forms += [f"{d.day} {month} {d.year} ж.", f"{d.year} жылғы {d.day} {month}"]
    else:
        forms += [f"{d.day} {month} {d.year} г."]
    return rng.choice(forms)


def _ru_years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    return "года" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "лет"


def _written_experience(rng: random.Random, months: int, lang: str) -> tuple[str, int]:
    """The experience as written, and the months it stands for (a years-only form drops the months)."""
    y, m = divmod(months, 12)
    if lang == "kk":
        forms = [(f"{y} жыл", y * 12)] + ([(f"{y} жыл {m} ай", months)] * 2 if m else [])
    else:
        forms = [(f"{y} {_ru_years(y)}", y * 12), (f"{y} г.", y * 12)]
        if m:
            forms += [(f"{y} {_ru_years(y)} {m} мес.", months), (f"{y} {_ru_years(y)} {m} месяцев", months)]
    return rng.choice(forms)


def _written_phone(rng: random.Random, e164: str) -> str:
    d = e164[2:]
    if d.startswith("727") and rng.random() < 0.5:
        return f"{d[3]} {d[4:6]} {d[6:8]} {d[8:]}"
    return rng.choice([f"8 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}", f"+7 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",
                       f"8{d}", f"8 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}"])


@dataclass
class Person:
    """One applicant: the twelve items as written on the form, and the normalized truth."""

    written: list[str]
    truth: dict[str, Any]
    attachments: int
    filled: str


def _full_name(rng: random.Random, female: bool, kazakh: bool) -> str:
    if kazakh:
        sur = rng.choice(V.KK_SURNAMES_F if female else V.KK_SURNAMES_M)
        first = rng.choice(V.KK_NAMES_F if female else V.KK_NAMES_M)
        father = rng.choice(V.KK_FATHERS)
        if rng.random() < 0.5:
            return f"{sur} {first} {father}{'қызы' if female else 'ұлы'}"
        ru_patr = {"Бауыржан": "Бауыржан", "Ерлан": "Ерлан", "Нұрлан": "Нұрлан"}.get(father, "Серік")
        return f"{sur} {first} {ru_patr}{'овна' if female else 'ович'}"
    sur = rng.choice(V.RU_SURNAMES_F if female else V.RU_SURNAMES_M)
    first = rng.choice(V.RU_NAMES_F if female else V.RU_NAMES_M)
    return f"{sur} {first} {rng.choice(V.RU_PATRONYMICS_F if female else V.RU_PATRONYMICS_M)}"


def _address(rng: random.Random, lang: str, postal: str) -> tuple[str, str]:
    """(written with the postal code, truth without it)."""
    house, flat = rng.randint(1, 240), rng.randint(1, 180)
    if lang == "kk":
        dist = rng.choice(V.DISTRICTS_KK)
        street = rng.choice(V.STREETS_KK)
        body = rng.choice([f"Алматы қ., {dist} ауданы, {street}, {house}-үй, {flat}-пәтер",
                           f"Алматы қаласы, {street} {house}, {flat} пәтер"])
        kw = "индексі"
    else:
        dist = rng.choice(V.DISTRICTS_RU)
        street = rng.choice(V.STREETS_RU)
        body = rng.choice([f"г. Алматы, {dist} район, {street}, д. {house}, кв. {flat}",
                           f"г. Алматы, {street} {house}, кв. {flat}"])
        kw = "индекс"
    where = rng.randrange(3)
    written = [f"{postal}, {body}", f"{body}, {postal}", f"{kw} {postal}, {body}"][where]
    return written, body


def _id_document(rng: random.Random, lang: str, number: str, iin: str) -> str:
    issued = date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
    if lang == "kk":
        return rng.choice([
            f"Жеке куәлік № {number}, {issued:%d.%m.%Y} ж. ҚР ІІМ берген, ЖСН {iin}",
            f"жеке куәлік №{number}, ҚР ІІМ, {issued:%d.%m.%Y}, ЖСН: {iin}",
            f"ЖСН {iin}, жеке куәлік № {number}, берген күні {issued:%d.%m.%Y}, ҚР ІІМ"])
    return rng.choice([
        f"Удостоверение личности № {number} выдано МВД РК {issued:%d.%m.%Y}, ИИН {iin}",
        f"удостоверение личности №{number}, МВД РК, {issued:%d.%m.%Y}, ИИН: {iin}",
        f"ИИН {iin}, удостоверение личности № {number} от {issued:%d.%m.%Y}, выдано МВД РК"])


def _phones(rng: random.Random, lang: str) -> tuple[str, list[str]]:
    mobiles = ["701", "702", "705", "707", "747", "771", "775", "777", "778"]
    nums = []
    if rng.random() < 0.5:
        nums.append(("home", f"+7727{rng.randint(2000000, 3999999)}"))
    nums.append(("mobile", f"+7{rng.choice(mobiles)}{rng.randint(1000000, 9999999)}"))
    if rng.random() < 0.2:
        nums.append(("mobile", f"+7{rng.choice(mobiles)}{rng.randint(1000000, 9999999)}"))
    labelled = rng.random() < 0.5
    tags = {"kk": {"home": "үй:", "mobile": "ұялы:"}, "ru": {"home": "дом.:", "mobile": "сот.:"}}[lang]
    parts = [(f"{tags[k]} " if labelled else "") + _written_phone(rng, n) for k, n in nums]
    return rng.choice([", ", "; "]).join(parts), [n for _, n in nums]


def _education(rng: random.Random, lang: str, born: date) -> str:
    uni = rng.choice(V.UNIVERSITIES_KK if lang == "kk" else V.UNIVERSITIES_RU)
    fac = rng.choice(V.FACULTIES_KK if lang == "kk" else V.FACULTIES_RU)
    year = born.year + rng.randint(21, 24)
    text = f"{uni}, {fac}, {year} ж." if lang == "kk" else f"{uni}, {fac}, {year} г."
    if rng.random() < 0.3:
        extra = (f"; магистратура, {year + rng.randint(3, 8)} ж." if lang == "kk"
                 else f"; магистратура, {year + rng.randint(3, 8)} г.")
        text += extra
    return text


def _awards(rng: random.Random, lang: str) -> str:
    k = rng.choice([0, 1, 1, 2, 2, 3])
    if k == 0:
        return V.NO_AWARDS[lang]
    pool = V.AWARDS_KK if lang == "kk" else V.AWARDS_RU
    picks = rng.sample(pool, k)
    return "; ".join(p.format(y=rng.randint(2012, 2025)) for p in picks)


def make_person(rng: random.Random, lang: str, *, kazakh_names: bool = True, valid_iin: bool = True,
                empty: str | None = None) -> Person:
    female = rng.random() < 0.75
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 33))
    iin = _iin(rng, born, female, valid=valid_iin)
    ped = rng.randint(62, 12 * 35)
    pos = rng.randint(12, ped)
    ped_text, ped_months = _written_experience(rng, ped, lang)
    pos_text, pos_months = _written_experience(rng, pos, lang)
    cat = rng.choice(list(CATEGORY_WORDS[lang]))
    postal = f"0500{rng.randint(0, 64):02d}" if rng.random() < 0.8 else f"0{rng.randint(40000, 99999)}"
    addr_written, addr_truth = _address(rng, lang, postal)
    id_number = f"0{rng.randint(10000000, 99999999)}"
    phones_written, phones = _phones(rng, lang)
    school = rng.choice(V.SCHOOLS_KK if lang == "kk" else V.SCHOOLS_RU).format(
        n=rng.randint(1, 190), d=rng.choice(V.DISTRICTS_KK if lang == "kk" else V.DISTRICTS_RU))
    name = _full_name(rng, female, kazakh_names)
    education = _education(rng, lang, born)
    awards = _awards(rng, lang)
    position = rng.choice(V.POSITIONS_KK if lang == "kk" else V.POSITIONS_RU)
    filled = date(2026, 1, 10) + timedelta(days=rng.randrange(100))
    attachments = rng.randint(8, 64)
    written = [school, name, _written_date(rng, born, lang), position, ped_text, pos_text, education,
               rng.choice(CATEGORY_WORDS[lang][cat]), addr_written, _id_document(rng, lang, id_number, iin),
               phones_written, awards]
    truth = {"workplace": nfc(school), "full_name": nfc(name), "birth_date": born.isoformat(), "position": position,
             "pedagogical_experience_months": ped_months, "position_experience_months": pos_months,
             "education": nfc(education), "qualification_category": cat, "home_address": nfc(addr_truth),
             "postal_code": postal, "id_document_number": id_number, "iin": iin, "phones": phones,
             "awards": nfc(awards), "filled_date": filled.isoformat(), "attachment_pages": attachments}
    if empty:
        idx = _ITEM_OF_KEY[empty]
        written[idx] = ""
        for key, i in _ITEM_OF_KEY.items():
            if i == idx:
                truth[key] = None
    return Person(written=[nfc(w) for w in written], truth=truth, attachments=attachments,
                  filled=_written_date(rng, filled, lang))


_ITEM_OF_KEY = {"workplace": 0, "full_name": 1, "birth_date": 2, "position": 3, "pedagogical_experience_months": 4,
                "position_experience_months": 5, "education": 6, "qualification_category": 7, "home_address": 8,
                "postal_code": 8, "id_document_number": 9, "iin": 9, "phones": 10, "awards": 11}


# ---------------------------------------------------------------- layout in points

@dataclass
class Page:
    """Drawing operations in PDF points, origin top-left: ("text", x, baseline, text, size, bold) and
    ("line", x0, y0, x1, y1, width)."""

    ops: list[tuple] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def _pil_font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


@functools.lru_cache(maxsize=16)
def covers_kazakh(font: str) -> bool:
    """Whether the font has the nine Kazakh letters (Liberation has not: real forms in it are Russian)."""
    from fontTools.ttLib import TTFont
    cmap = TTFont(FONTS[font][0], fontNumber=0, lazy=True).getBestCmap()
    return all(ord(c) in cmap for c in KAZAKH_LETTERS)


class _Typesetter:
    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size

    def width(self, text: str, bold: bool = False, size: float | None = None) -> float:
        s = size or self.size
        return _pil_font(FONTS[self.font][int(bold)], int(s * 10)).getlength(text) / 10

    def wrap(self, text: str, width: float, first_width: float | None = None) -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in text.split():
            limit = first_width if (first_width is not None and not lines) else width
            cand = f"{cur} {word}" if cur else word
            if cur and self.width(cand) > limit:
                lines.append(cur)
                cur = word
            else:
                cur = cand
        if cur or not lines:
            lines.append(cur)
        return lines


HEADER = {
    "kk": ["«Алматының жыл мұғалімі» атағын беру", "конкурсын ұйымдастыру комитетінің", "төрағасына"],
    "ru": ["Председателю организационного комитета", "конкурса на присвоение звания", "«Алматының жыл мұғалімі»"],
}
TITLE = {"kk": "Өтінім", "ru": "Заявка"}
INTRO = {
    "kk": "Мені конкурсқа қатысуға жіберуіңізді сұраймын. Өзім туралы келесі мәліметтерді хабарлаймын:",
    "ru": "Прошу допустить меня к участию в конкурсе. О себе сообщаю следующие сведения:",
}


def _footer(lang: str, person: Person) -> list[str]:
    if lang == "kk":
        return [f"Қосымша: конкурсқа қатысу үшін құжаттар {person.attachments} парақта.",
                f"Өтінімнің толтырылған күні: {person.filled}",
                "Конкурсқа қатысушының жеке қолы ____________________"]
    return [f"Приложение: документы для участия в конкурсе на {person.attachments} листах.",
            f"Дата заполнения: {person.filled}", "Личная подпись участника конкурса ____________________"]


def compose_form(person: Person, *, language: str, layout: str, font: str, size: float = 12.0) -> Page:
    ts = _Typesetter(font, size)
    page, lh = Page(), size * 1.25
    left, right, y = 70.0, PT_A4[0] - 45.0, 60.0
    for line in HEADER[language]:
        page.ops.append(("text", right - ts.width(line), y, line, size, False))
        y += lh
    y += lh
    title = TITLE[language]
    page.ops.append(("text", (PT_A4[0] - ts.width(title, True, size + 2)) / 2, y, title, size + 2, True))
    y += lh * 1.6
    for line in ts.wrap(INTRO[language], right - left - 30, right - left - 60):
        page.ops.append(("text", left + 30, y, line, size, False))
        y += lh
    y += lh * 0.5
    body = _table if layout == "table" else _numbered_lines
    y = body(page, ts, person, language, left, right, y)
    y += lh
    for line in _footer(language, person):
        for part in ts.wrap(line, right - left):
            page.ops.append(("text", left, y, part, size, False))
            y += lh
        y += lh * 0.6
    return page


def _table(page: Page, ts: _Typesetter, person: Person, lang: str, left: float, right: float, y: float) -> float:
    size, lh, pad = ts.size, ts.size * 1.25, 4.0
    cols = [left, left + 24, left + 24 + 175, right]
    top = y
    page.ops.append(("line", left, top, right, top, 0.8))
    for n, (label, value) in enumerate(zip(LABELS[lang], person.written), start=1):
        lab = ts.wrap(label, cols[2] - cols[1] - 2 * pad)
        val = ts.wrap(value, cols[3] - cols[2] - 2 * pad) if value else []
        rows = max(len(lab), len(val), 1)
        base = y + pad + size * 0.95
        page.ops.append(("text", cols[0] + pad, base, f"{n}.", size, False))
        for i, line in enumerate(lab):
            page.ops.append(("text", cols[1] + pad, base + i * lh, line, size, False))
        for i, line in enumerate(val):
            page.ops.append(("text", cols[2] + pad, base + i * lh, line, size, False))
        y += rows * lh + 2 * pad
        page.ops.append(("line", left, y, right, y, 0.8))
    for x in cols:
        page.ops.append(("line", x, top, x, y, 0.8))
    return y


def _numbered_lines(page: Page, ts: _Typesetter, person: Person, lang: str, left: float, right: float,
                    y: float) -> float:
    size, lh = ts.size, ts.size * 1.25
    hang = int(person.truth["iin"] or 0) % 2 == 0 if person.truth["iin"] else True   # hanging indent or margin
    for n, (label, value) in enumerate(zip(LABELS[lang], person.written), start=1):
        num = f"{n}."
        x_text = left + 22
        first = f"{label}: {value}".strip()
        cont_x = x_text if hang else left
        lines = ts.wrap(first, right - cont_x, right - x_text)
        page.ops.append(("text", left, y, num, size, False))
        for i, line in enumerate(lines):
            page.ops.append(("text", x_text if i == 0 else cont_x, y, line, size, False))
            y += lh
        y += lh * 0.35
    return y


def compose_attachments(language: str, font: str, rng: random.Random, size: float = 12.0) -> Page:
    """Page 2 of a multi-page scan: the list of attachments (numbered lines that are not the form's items)."""
    ts, page, lh = _Typesetter(font, size), Page(), size * 1.3
    pool = V.ATTACHMENTS_KK if language == "kk" else V.ATTACHMENTS_RU
    unit = "парақ" if language == "kk" else "л."
    y = 70.0
    title = "Қосымшалар тізімі" if language == "kk" else "Опись прилагаемых документов"
    page.ops.append(("text", (PT_A4[0] - ts.width(title, True)) / 2, y, title, size, True))
    y += 2 * lh
    for n, item in enumerate(pool, start=1):
        page.ops.append(("text", 70.0, y, f"{n}. {item} – {rng.randint(1, 12)} {unit}", size, False))
        y += lh
    return page


# ---------------------------------------------------------------- rendering

def rasterize(page: Page, font: str, dpi: int) -> Image.Image:
    s = dpi / 72
    img = Image.new("L", (round(PT_A4[0] * s), round(PT_A4[1] * s)), 255)
    draw = ImageDraw.Draw(img)
    for op in page.ops:
        if op[0] == "text":
            _, x, base, text, size, bold = op
            draw.text((x * s, base * s), text, font=_pil_font(FONTS[font][int(bold)], round(size * s)), fill=0,
                      anchor="ls")
        else:
            _, x0, y0, x1, y1, w = op
            draw.line([(x0 * s, y0 * s), (x1 * s, y1 * s)], fill=0, width=max(1, round(w * s)))
    return img


def _pdf_font(font: str) -> str:
    """reportlab embeds TrueType only: the OpenType-CFF URW fonts are drawn with their TrueType look-alike."""
    return font if FONTS[font][0].endswith(".ttf") else "freeserif"


def _register(font: str, bold: bool) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    name = f"{font}-{'b' if bold else 'r'}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, FONTS[font][int(bold)]))
    return name


def pdf_bytes(pages: list[Page | Image.Image], font: str, dpi: int = 300) -> bytes:
    """A PDF whose pages are text (a Page: born digital) or images (a scan), in order."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PT_A4, invariant=1)
    font = _pdf_font(font)
    for page in pages:
        if isinstance(page, Image.Image):
            c.drawImage(ImageReader(page), 0, 0, width=PT_A4[0], height=PT_A4[1])
        else:
            _draw_pdf_page(c, page, font)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_pdf_page(c: Any, page: Page, font: str) -> None:
    for op in page.ops:
        if op[0] == "text":
            _, x, base, text, size, bold = op
            c.setFont(_register(font, bold), size)
            c.drawString(x, PT_A4[1] - base, text)
        else:
            _, x0, y0, x1, y1, w = op
            c.setLineWidth(w)
            c.line(x0, PT_A4[1] - y0, x1, PT_A4[1] - y1)


# ---------------------------------------------------------------- degradation

def degrade_image(img: Image.Image, rng: random.Random, kind: str | None) -> tuple[Image.Image, int | None]:
    """The scan as a scanner or a phone would give it; returns the image and a JPEG quality to use (or None)."""
    if kind in (None, "clean"):
        return img, None
    if kind == "upside_down":
        return img.rotate(180), None
    if kind == "photo":
        return _photo(img, rng), 70
    kinds = {kind} if kind != "degraded" else {"rotate", "noise", "blur", "jpeg"} - {rng.choice(["blur", "noise"])}
    quality = None
    if "rotate" in kinds:
        angle = rng.uniform(0.5, 3.0) * rng.choice([-1, 1])
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if "blur" in kinds:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    if "noise" in kinds:
        arr = np.asarray(img, dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(8, 18), arr.shape)
        img = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))
    if "jpeg" in kinds:
        quality = rng.randint(40, 60)
    return img, quality


def _photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo taken at an angle: perspective, uneven light, a little blur."""
    import cv2
    arr = np.asarray(img)
    h, w = arr.shape
    d = 0.06
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[w * rng.uniform(0, d), h * rng.uniform(0, d)], [w * (1 - rng.uniform(0, d)), 0],
                      [w, h], [w * rng.uniform(0, d), h * (1 - rng.uniform(0, d / 2))]])
    warped = cv2.warpPerspective(arr, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=200)
    light = np.linspace(0.75, 1.0, w, dtype=np.float32)[None, :]
    out = (warped.astype(np.float32) * light).clip(0, 255).astype(np.uint8)
    return Image.fromarray(cv2.GaussianBlur(out, (3, 3), 0))


# ---------------------------------------------------------------- the public API

def make_form(seed: int, *, language: str = "kk", layout: str = "table", font: str = "dejavu_serif",
              degrade: str | None = None, fmt: str = "png", dpi: int = 300, valid_iin: bool = True,
              empty_field: str | None = None, size: float = 12.0) -> tuple[bytes, dict[str, Any]]:
    """One application form as file bytes, and its truth (`truth["fields"]` is what extraction must give).

    `fmt`: pdf_text (born digital), pdf (scanned, image only), pdf_mixed (scanned form + born-digital page 2),
    tiff (two pages: the form and its attachments list), png, jpeg. A font without the Kazakh letters (Liberation)
    gets Russian names, as it would in life.
    """
    if fmt not in FORMATS or layout not in LAYOUTS or font not in FONTS or degrade not in DEGRADES:
        raise ValueError(f"unknown option: fmt={fmt} layout={layout} font={font} degrade={degrade}")
    rng = random.Random(seed)
    kazakh = covers_kazakh(font)
    if language == "kk" and not kazakh:
        raise ValueError(f"{font} has no Kazakh letters: a Kazakh form cannot be typed in it")
    person = make_person(rng, language, kazakh_names=kazakh and rng.random() < 0.85, valid_iin=valid_iin,
                         empty=empty_field)
    form = compose_form(person, language=language, layout=layout, font=font, size=size)
    attach = compose_attachments(language, font, rng, size)
    truth = {"doc_type": "application", "language": language, "fields": person.truth,
             "meta": {"seed": seed, "layout": layout, "font": font, "degrade": degrade, "fmt": fmt, "dpi": dpi}}
    if fmt == "pdf_text":
        return pdf_bytes([form, attach] if rng.random() < 0.3 else [form], font), truth
    img, quality = degrade_image(rasterize(form, font, dpi), rng, degrade)
    if fmt in ("pdf", "pdf_mixed"):
        img = _reencode(img, quality)
        return pdf_bytes([img, attach if fmt == "pdf_mixed" else _scan(attach, font, dpi, rng, degrade)],
                         font, dpi), truth
    if fmt == "tiff":
        pages = [img, _scan(attach, font, dpi, rng, degrade)]
        buf = io.BytesIO()
        pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(dpi, dpi))
        return buf.getvalue(), truth
    buf = io.BytesIO()
    if fmt == "png":
        _reencode(img, quality).save(buf, "PNG", dpi=(dpi, dpi))
    else:
        img.save(buf, "JPEG", quality=quality or 88, dpi=(dpi, dpi))
    return buf.getvalue(), truth


def _scan(page: Page, font: str, dpi: int, rng: random.Random, degrade: str | None) -> Image.Image:
    img, quality = degrade_image(rasterize(page, font, dpi), rng, degrade)
    return _reencode(img, quality)


def _reencode(img: Image.Image, quality: int | None) -> Image.Image:
    """Pass the image through JPEG at `quality` (the artefacts stay in whatever format it is saved in)."""
    if quality is None:
        return img
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def test_set_plan(n: int = 48, seed: int = 2026) -> list[dict[str, Any]]:
    """The mix of the benchmark set: both languages and layouts, every font and format, clean and degraded
    (each factor cycles through its values in a seeded order, so every value appears about equally often)."""
    rng = random.Random(seed)

    def cycle(values: list[Any]) -> list[Any]:
        out = values * (n // len(values) + 1)
        rng.shuffle(out)
        return out

    kazakh_fonts = [f for f in FONTS if covers_kazakh(f)]
    fonts, kk_fonts, layouts = cycle(list(FONTS)), cycle(kazakh_fonts), cycle(list(LAYOUTS))
    clean_fmts, degraded_fmts = cycle(list(FORMATS)), cycle([f for f in FORMATS if f != "pdf_text"])
    plan = []
    for i in range(n):
        degraded = i % 2 == 1
        language = ("kk", "ru")[(i // 2) % 2]
        plan.append({"seed": seed * 1000 + i, "language": language, "layout": layouts[i],
                     "font": fonts[i] if language == "ru" else kk_fonts[i], "fmt": (degraded_fmts if degraded else clean_fmts)[i // 2],
                     "degrade": "degraded" if degraded else "clean",
                     "dpi": 200 if degraded and (i // 2) % 3 == 0 else 300})
    return plan


def make_test_set(out_dir: Path, n: int = 48, seed: int = 2026) -> dict[str, dict[str, Any]]:
    """Write `n` forms and `truth.json` (file name → truth) into `out_dir`; returns the truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truths: dict[str, dict[str, Any]] = {}
    for i, opts in enumerate(test_set_plan(n, seed)):
        data, truth = make_form(**opts)
        name = f"form-{i:03d}-{opts['language']}-{opts['layout']}-{opts['degrade']}.{EXTENSIONS[opts['fmt']]}"
        (out_dir / name).write_bytes(data)
        truths[name] = truth
    tmp = out_dir / "truth.json.tmp"
    tmp.write_text(json.dumps(truths, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out_dir / "truth.json")
    return truths
