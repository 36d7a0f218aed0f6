"""Realistic application forms (Appendix 1) with their truth: the test set the extractor is measured on.

Deterministic from a seed. A form is laid out once in PDF points (a ruled table of numbered items, or numbered
lines "1. Жұмыс орны: …"), then either drawn by reportlab as a born-digital PDF (a real text layer) or rasterized
with PIL at the requested dpi and made into a scan. Two scan models: `severity` (clean / light / medium / heavy)
is the realistic one, built on the augraphy document-degradation library (degrade_scan: printer, paper, a blue-ink
signature, folds and bleed-through, scanner or phone, then the file a scanner writes: colour or grey PNG, JPEG at
quality 60–75, 8-bit LZW or 1-bit Group 4 TIFF, image PDF with JPEG inside, a phone's JPEG); `degrade` is the first,
simpler one (rotation, noise, blur, JPEG compression), kept as the older tests use it.

    data, truth = make_form(7, language="kk", layout="table", font="pt_serif", severity="heavy", fmt="tiff_g4")
    data, truth = make_form(7, language="kk", layout="table", font="pt_serif", degrade="degraded", fmt="jpeg")
    make_test_set(Path("forms"), n=48)      # files + truth.json (every format at every severity)

`truth["fields"]` holds exactly the values `mugalim extract` must print (application-form.md).
"""
from __future__ import annotations

import contextlib
import functools
import io
import json
import random
import unicodedata
from collections.abc import Iterator
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
FORMATS = ("pdf_text", "pdf", "pdf_mixed", "tiff", "tiff_g4", "png", "jpeg", "photo")
EXTENSIONS = {"pdf_text": "pdf", "pdf": "pdf", "pdf_mixed": "pdf", "tiff": "tif", "tiff_g4": "tif", "png": "png",
              "jpeg": "jpg", "photo": "jpg"}
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


def pdf_bytes(pages: list[Page | Image.Image | bytes], font: str, dpi: int = 300) -> bytes:
    """A PDF whose pages are text (a Page: born digital) or images (a scan), in order. A page given as the bytes of a
    JPEG file is embedded as it is (DCTDecode, no other filter), the way scanners write image-only PDFs."""
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PT_A4, invariant=1)
    font = _pdf_font(font)
    a85 = rl_config.useA85
    try:
        if any(isinstance(page, bytes) for page in pages):
            rl_config.useA85 = 0                # the JPEG's own bytes, not wrapped in ASCII85
        for page in pages:
            if isinstance(page, bytes):
                c.drawImage(ImageReader(io.BytesIO(page)), 0, 0, width=PT_A4[0], height=PT_A4[1])
            elif isinstance(page, Image.Image):
                c.drawImage(ImageReader(page), 0, 0, width=PT_A4[0], height=PT_A4[1])
            else:
                _draw_pdf_page(c, page, font)
            c.showPage()
        c.save()
    finally:
        rl_config.useA85 = a85
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


# ---------------------------------------------------------------- scans as scanners and phones make them (augraphy)
#
# A severity (light / medium / heavy) draws, per form and from the form's seed, which effects a page goes through and
# how strongly, in the order a sheet meets them: the printer (ink bleed, low ink), the paper (grey or cream tone,
# texture), the pen (a blue-ink signature across the footer's lines), the sheet's life (a fold, the back page
# bleeding through), the scanner (dirty drum and rollers, dust and speckle, light down to about half in patches,
# skew, blur, grain, a JPEG pass) — or, for a phone photo, a slight curl, perspective, a shadow and a phone's
# resolution (about 150 dpi across the page). The effects are augraphy's where it has them; augraphy draws from the
# global `random`, `numpy.random` and numba's own generators, which are seeded from the form's generator around each
# call (and given back as they were), so a seed gives the same file. Every value stays legible to a person.

SEVERITIES = ("clean", "light", "medium", "heavy")
#: fmt → the format class the benchmark reports
FORMAT_CLASS = {"png": "png", "jpeg": "jpeg", "tiff": "tiff", "tiff_g4": "tiff", "pdf": "pdf-scan",
                "pdf_mixed": "pdf-scan", "pdf_text": "pdf-text", "photo": "photo"}
#: the generator's version, in each truth's meta: a cached set made by another version is made again
GENERATOR = 3


@dataclass(frozen=True)
class Severity:
    """The ranges a page's parameters are drawn from, and the probability of each effect (sizes at 300 dpi)."""

    angle: float                    # largest |skew|, degrees
    blur: tuple[float, float]       # Gaussian sigma, pixels
    shade: tuple[float, float]      # uneven light: the brightness left in the darkest patch (1 = even)
    tone: tuple[float, float]       # paper brightness, grey or cream (1 = white)
    speckle: tuple[int, int]        # dark specks of 1–3 px on a page
    dust: tuple[int, int]           # dust clusters (augraphy DirtyScreen)
    grain: tuple[int, int]          # noise amplitude (augraphy SubtleNoise)
    ink_bleed: float                # the probability of each effect ...
    low_ink: float
    texture: float
    fold: float
    bleed_through: float
    drum: float
    rollers: float
    jpeg: float                     # a JPEG pass in the scanner: its artefacts stay whatever the file's format


SEVERITY = {
    "light": Severity(angle=0.8, blur=(0.0, 0.45), shade=(0.85, 0.95), tone=(0.94, 1.0), speckle=(10, 60),
                      dust=(2, 6), grain=(3, 6), ink_bleed=0.3, low_ink=0.15, texture=0.5, fold=0.0,
                      bleed_through=0.15, drum=0.15, rollers=0.0, jpeg=0.2),
    "medium": Severity(angle=1.6, blur=(0.3, 0.8), shade=(0.68, 0.82), tone=(0.88, 0.97), speckle=(60, 200),
                       dust=(5, 15), grain=(5, 9), ink_bleed=0.6, low_ink=0.35, texture=0.8, fold=0.35,
                       bleed_through=0.4, drum=0.5, rollers=0.15, jpeg=0.4),
    "heavy": Severity(angle=2.5, blur=(0.5, 1.1), shade=(0.5, 0.62), tone=(0.82, 0.94), speckle=(200, 500),
                      dust=(10, 30), grain=(7, 12), ink_bleed=0.8, low_ink=0.5, texture=1.0, fold=0.6,
                      bleed_through=0.6, drum=0.8, rollers=0.35, jpeg=0.6),
}
#: blue ballpoint inks, BGR
BLUE_INKS = [(150, 45, 25), (170, 70, 30), (135, 50, 40), (190, 95, 45)]


@functools.lru_cache(maxsize=1)
def _augraphy() -> Any:
    """augraphy, imported on first use (about 2 s; numba compiles a few of its functions on their first call).

    Its parallel functions run on numba's own thread pool ("workqueue"), not on GNU OpenMP's: a process that has
    used OpenMP's cannot fork afterwards (numba ends the child), and the test suite and the pipeline fork."""
    try:
        import numba
        if numba.config.THREADING_LAYER == "default":
            numba.config.THREADING_LAYER = "workqueue"
        import augraphy
    except ImportError as e:                                 # pragma: no cover - an installation problem
        raise RuntimeError("the scan model needs augraphy; `make setup` installs it (without its declared "
                           "dependencies: it names opencv-python, and the project has opencv-python-headless)") from e
    return augraphy


@functools.lru_cache(maxsize=1)
def _numba_seeder() -> Any:
    """A compiled function that seeds numba's own generators (`random.seed` and `np.random.seed` do not)."""
    import numba

    @numba.njit(cache=False)
    def seed(value: int) -> None:                            # pragma: no cover - compiled
        np.random.seed(value)
        random.seed(value)

    return seed


@contextlib.contextmanager
def _seeded(rng: random.Random) -> Iterator[None]:
    """Seed the generators augraphy draws from with a value drawn from `rng`; give them back afterwards."""
    value = rng.randrange(2**31)
    state, np_state = random.getstate(), np.random.get_state()
    random.seed(value)
    np.random.seed(value)
    _numba_seeder()(value)
    try:
        yield
    finally:
        random.setstate(state)
        np.random.set_state(np_state)


def _apply(aug: Any, page: np.ndarray, rng: random.Random) -> np.ndarray:
    """One augraphy augmentation on a page (grey, or BGR as augraphy has colour), forced: whether it runs is drawn
    by the caller from the form's generator. The result has the page's channels."""
    import cv2
    with _seeded(rng):
        out = aug(page, force=True)
    if isinstance(out, (list, tuple)):
        out = out[0]
    out = np.asarray(out)
    if out.ndim == 3 and out.shape[2] == 4:
        out = out[:, :, :3]
    if page.ndim == 2 and out.ndim == 3:
        out = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    elif page.ndim == 3 and out.ndim == 2:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    return np.ascontiguousarray(out, dtype=np.uint8)


def _odd(x: float) -> int:
    return max(3, int(round(x)) | 1)


def _bleed_through(page: np.ndarray, back: np.ndarray, rng: random.Random, alpha: float, dpi: int) -> np.ndarray:
    """The back page showing through the paper: augraphy's BleedThrough, given the sheet's own back (mirrored)
    instead of an image it would look for in `augraphy_cache/` under the working folder. The show-through is made
    on white paper at half resolution (it is a blur anyway) and multiplied into the page, as ink darkens paper."""
    import cv2
    A = _augraphy()
    half = (page.shape[1] // 2, page.shape[0] // 2)
    back_half = cv2.resize(back, half, interpolation=cv2.INTER_AREA)

    class BackPage(A.BleedThrough):
        def create_bleedthrough_foreground(self, image: np.ndarray) -> np.ndarray:
            return cv2.flip(back_half, 1)

    k = dpi / 600
    aug = BackPage(intensity_range=(0.1, 0.3), color_range=(0, 224), ksize=(_odd(17 * k), _odd(17 * k)), sigmaX=1,
                   alpha=alpha, offsets=(max(1, int(20 * k)), max(1, int(20 * k))))
    paper = np.full(back_half.shape, 255, np.uint8)
    through = cv2.resize(_apply(aug, paper, rng), page.shape[1::-1], interpolation=cv2.INTER_LINEAR)
    shade = through.astype(np.float32) / 255
    if page.ndim == 3:
        shade = shade[..., None]
    return (page.astype(np.float32) * shade).astype(np.uint8)


def signature_area(page: Page, font: str) -> tuple[float, float, float, float] | None:
    """The signature line's blank (x0, x1, baseline, line height) in points, or None when the page has none."""
    for op in page.ops:
        if op[0] == "text" and "____" in op[3]:
            _, x, base, text, size, bold = op
            ts = _Typesetter(font, size)
            start = x + ts.width(text[:text.index("____")])
            return start, x + ts.width(text), base, size * 1.25
    return None


def _draw_signature(page: np.ndarray, rng: random.Random, area: tuple[float, float, float, float], dpi: int,
                    across: float) -> dict[str, Any]:
    """A blue-ink signature on the signature line: a tall first letter and a run of cursive loops reaching up
    across the line above, then a flourish; `across` (0–1) is how far it starts left of the blank, over the printed
    words. The ink is multiplied into the paper, as ink is (a grey page gets the ink's grey)."""
    import cv2
    s = dpi / 72
    x0, x1, base, lh = area
    left = x0 - across * rng.uniform(20, 90)
    width = rng.uniform(90, 150)
    loops = rng.randint(4, 8)
    heights = [lh * rng.uniform(1.2, 2.2)] + [lh * (rng.uniform(1.2, 1.9) if rng.random() < 0.25
                                                     else rng.uniform(0.45, 0.9)) for _ in range(loops - 1)]
    adv = width / loops
    slant = rng.uniform(0.15, 0.45)
    xs, ys = [], []
    for i, hgt in enumerate(heights):
        t = np.linspace(0, 2 * np.pi, 60)
        a = adv / (2 * np.pi)
        r = a * rng.uniform(1.3, 2.4)
        x = left + i * adv + a * t - r * np.sin(t)
        y = base - rng.uniform(0, 0.25) * lh - hgt * (1 - np.cos(t)) / 2
        xs.append(x - slant * (y - base))
        ys.append(y)
    fx = np.linspace(0, 1, 50)
    xs.append(xs[-1][-1] + fx * rng.uniform(25, 60))
    ys.append(ys[-1][-1] + (lh * rng.uniform(0.1, 0.5)) * np.sin(np.pi * fx) * rng.choice([-1, 1]))
    pts = np.stack([np.concatenate(xs), np.concatenate(ys)], axis=1) * s
    wobble = np.random.default_rng(rng.randrange(2**32)).normal(0, 0.04 * s, pts.shape).cumsum(axis=0)
    pts = pts + wobble - wobble.mean(axis=0)
    mask = np.zeros(page.shape[:2], np.uint8)
    thick = max(1, round(rng.uniform(0.55, 0.9) * s))
    cv2.polylines(mask, [np.round(pts * 4).astype(np.int32)], False, 255, thick, cv2.LINE_AA, shift=2)
    ink_bgr = np.array(rng.choice(BLUE_INKS), np.float32)
    ink = ink_bgr / 255 if page.ndim == 3 else np.float32((0.114 * ink_bgr[0] + 0.587 * ink_bgr[1]
                                                           + 0.299 * ink_bgr[2]) / 255)
    m = mask.astype(np.float32) / 255 * rng.uniform(0.85, 1.0)
    if page.ndim == 3:
        m = m[..., None]
    page[...] = np.clip(page.astype(np.float32) * (1 - m * (1 - ink)), 0, 255).astype(np.uint8)
    return {"x": round(left, 1), "width": round(width, 1), "height": round(max(heights) / lh, 2)}


def _speckle(page: np.ndarray, rng: random.Random, count: int, dpi: int) -> None:
    """Dark specks of 1–3 px (at 300 dpi), the kind dust on the glass or a photocopy leaves."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    h, w = page.shape[:2]
    k = dpi / 300
    for _ in range(count):
        y, x = int(nrng.integers(0, h - 4)), int(nrng.integers(0, w - 4))
        size = max(1, round(float(nrng.choice([1, 2, 2, 3])) * k))
        page[y:y + size, x:x + size] = np.minimum(page[y:y + size, x:x + size], int(nrng.integers(0, 110)))


def _on_paper(aug: Any, page: np.ndarray, rng: random.Random, scale: int) -> np.ndarray:
    """An augmentation that only darkens (dust, a shadow) made on white paper at 1/`scale` of the resolution,
    brought back to size and multiplied into the page: the same marks for a fraction of the time."""
    import cv2
    h, w = page.shape[:2]
    paper = np.full((max(1, h // scale), max(1, w // scale)), 255, np.uint8)
    marks = cv2.resize(_apply(aug, paper, rng), (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255
    if page.ndim == 3:
        marks = marks[..., None]
    return (page.astype(np.float32) * marks).astype(np.uint8)


def _shade(page: np.ndarray, rng: random.Random, darkest: float, dpi: int) -> np.ndarray:
    """Uneven light: soft patches (augraphy ShadowCast) where the page keeps `darkest` of its brightness."""
    A = _augraphy()
    k = dpi / 300 / 4
    opacity = 1 - darkest
    aug = A.ShadowCast(shadow_side=rng.choice(["top", "bottom", "left", "right"]), shadow_vertices_range=(2, 6),
                       shadow_width_range=(0.3, 0.8), shadow_height_range=(0.3, 0.8), shadow_color=(0, 0, 0),
                       shadow_opacity_range=(opacity, opacity), shadow_iterations_range=(1, 1),
                       shadow_blur_kernel_range=(_odd(151 * k), _odd(301 * k)))
    return _on_paper(aug, page, rng, 4)


def degrade_scan(img: Image.Image, rng: random.Random, severity: str, *, dpi: int, color: bool = False,
                 back: Image.Image | None = None, signature: tuple[float, float, float, float] | None = None,
                 photo: bool = False) -> tuple[Image.Image, dict[str, Any]]:
    """A rendered page (mode L, at `dpi`) as it comes out of a scanner — or a phone when `photo` — at `severity`;
    returns the image (RGB when `color` or `photo`, else L) and {"effects": what was done with its parameters,
    "dpi": the image's resolution}.

    `back` is the other side of the sheet (what bleeds through); `signature` where to sign (signature_area).
    One thread at a time: augraphy's generators are the process's global ones (seeded, then given back)."""
    import cv2
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity: {severity}")
    A = _augraphy()
    k = dpi / 300
    color = color or photo
    page = np.array(img.convert("L"))
    if color:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    done: dict[str, Any] = {}
    sev = SEVERITY.get(severity)
    if sev is not None:
        # the printer
        if rng.random() < sev.ink_bleed:
            done["ink_bleed"] = round(rng.uniform(0.2, 0.5), 2)
            page = _apply(A.InkBleed(intensity_range=(done["ink_bleed"], done["ink_bleed"]),
                                     kernel_size=(3, 3), severity=(0.2, 0.4)), page, rng)
        if rng.random() < sev.low_ink:
            done["low_ink"] = rng.choice(["random", "periodic"])
            aug = (A.LowInkRandomLines(count_range=(3, 10), use_consistent_lines=False, noise_probability=0.05)
                   if done["low_ink"] == "random" else
                   A.LowInkPeriodicLines(count_range=(2, 4), period_range=(_odd(16 * k), _odd(40 * k)),
                                         use_consistent_lines=False, noise_probability=0.05))
            page = _apply(aug, page, rng)
        # the paper: grey or cream, and its texture
        done["paper"] = {"tone": round(rng.uniform(*sev.tone), 3), "cream": rng.random() < 0.5}
        if done["paper"]["cream"]:
            page = _apply(A.ColorPaper(hue_range=(18, 26), saturation_range=(18, 40)), page, rng)
        page = (page.astype(np.float32) * done["paper"]["tone"]).astype(np.uint8)
        if rng.random() < sev.texture:
            done["texture"] = True
            page = _apply(A.BrightnessTexturize(texturize_range=(0.94, 0.99), deviation=0.03), page, rng)
            page = _apply(A.NoiseTexturize(sigma_range=(2, 4), turbulence_range=(2, 4)), page, rng)
    # the pen (a clean scan is signed too)
    if signature is not None:
        across = {"clean": 0.3, "light": 0.4, "medium": 0.7, "heavy": 1.0}[severity] * rng.random()
        done["signature"] = _draw_signature(page, rng, signature, dpi, across)
    if sev is not None:
        # the sheet's life
        if back is not None and rng.random() < sev.bleed_through:
            done["bleed_through"] = round(rng.uniform(0.05, 0.12), 2)
            page = _bleed_through(page, np.asarray(back.convert("L")), rng, done["bleed_through"], dpi)
        if rng.random() < sev.fold:
            done["fold"] = rng.randint(1, 2)
            page = _apply(A.Folding(fold_count=done["fold"], fold_noise=0.0, fold_angle_range=(-3, 3),
                                    gradient_width=(0.05, 0.15), gradient_height=(0.0005, 0.0015),
                                    backdrop_color=(255, 255, 255)), page, rng)
    if photo:
        return _phone_photo(page, rng, sev or SEVERITY["light"], done), {"effects": done, "dpi": 150}
    if sev is not None:
        # the scanner
        if rng.random() < sev.drum:
            done["dirty_drum"] = True
            page = _apply(A.DirtyDrum(line_width_range=(1, max(1, round(2 * k))), line_concentration=0.04,
                                      direction=-1, noise_intensity=0.2, noise_value=(110, 190), ksize=(3, 3),
                                      sigmaX=0), page, rng)
        if rng.random() < sev.rollers:
            done["dirty_rollers"] = round(rng.uniform(0.35, 0.7), 2)   # how much of the rollers' stripes show
            rolled = _apply(A.DirtyRollers(line_width_range=(max(2, round(8 * k)), max(3, round(12 * k))),
                                           scanline_type=0), page, rng)
            page = cv2.addWeighted(rolled, done["dirty_rollers"], page, 1 - done["dirty_rollers"], 0)
        done["dust"] = rng.randint(*sev.dust)
        page = _on_paper(A.DirtyScreen(n_clusters=(done["dust"], done["dust"]), n_samples=(2, 12),
                                       std_range=(1, 2), value_range=(40, 150)), page, rng, 2)
        done["speckle"] = rng.randint(*sev.speckle)
        _speckle(page, rng, done["speckle"], dpi)
        done["shade"] = round(rng.uniform(*sev.shade), 2)
        page = _shade(page, rng, done["shade"], dpi)
        done["angle"] = round(rng.uniform(-sev.angle, sev.angle), 2)
        if abs(done["angle"]) >= 0.05:
            h, w = page.shape[:2]
            m = cv2.getRotationMatrix2D((w / 2, h / 2), done["angle"], 1.0)
            page = cv2.warpAffine(page, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                                  borderValue=(248, 248, 248))
        done["blur"] = round(rng.uniform(*sev.blur), 2)
        if done["blur"] > 0.05:
            page = cv2.GaussianBlur(page, (0, 0), done["blur"] * k)
        done["grain"] = rng.randint(*sev.grain)
        page = _apply(A.SubtleNoise(subtle_range=done["grain"]), page, rng)
        if rng.random() < sev.jpeg:
            done["jpeg"] = rng.randint(45, 70)
            page = _apply(A.Jpeg(quality_range=(done["jpeg"], done["jpeg"])), page, rng)
    if color:
        return Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)), {"effects": done, "dpi": dpi}
    return Image.fromarray(page), {"effects": done, "dpi": dpi}


def _phone_photo(bgr: np.ndarray, rng: random.Random, sev: Severity, done: dict[str, Any]) -> Image.Image:
    """The sheet photographed on a desk by a phone: a slight curl, perspective, a shadow, light falling off, soft
    focus, sensor noise, about 150 dpi across the page (the page, rendered at 300 dpi, is halved)."""
    import cv2
    h, w = bgr.shape[:2]
    # a slight curl: the lines bow, one edge lifts
    curl = rng.uniform(0.002, 0.006) * h
    lift = rng.uniform(0.0, 0.008) * h * rng.choice([-1, 1])
    xs = np.arange(w, dtype=np.float32)
    dy = curl * np.sin(np.pi * xs / w) + lift * (xs / w) ** 3
    map_x = np.broadcast_to(xs[None, :], (h, w)).astype(np.float32)
    map_y = (np.arange(h, dtype=np.float32)[:, None] + dy[None, :]).astype(np.float32)
    bgr = cv2.remap(bgr, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    page = cv2.resize(bgr, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    out_w, out_h = int(pw * 1.2), int(ph * 1.16)
    mx, my = (out_w - pw) / 2, (out_h - ph) / 2
    d = rng.uniform(0.015, 0.05) * pw
    corners = [(mx, my), (mx + pw, my), (mx + pw, my + ph), (mx, my + ph)]
    dst = np.float32([(x + rng.uniform(-d, d), y + rng.uniform(-d, d)) for x, y in corners])
    src = np.float32([(0, 0), (pw, 0), (pw, ph), (0, ph)])
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, m, (out_w, out_h), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (out_w, out_h))
    # a desk: wood, grey, dark, or a light table top (BGR)
    desk = np.array(rng.choice([(55, 85, 120), (40, 60, 90), (110, 110, 110), (55, 50, 50), (175, 185, 190)]),
                    np.float32) + np.float32([rng.uniform(-12, 12) for _ in range(3)])
    nrng = np.random.default_rng(rng.randrange(2**32))
    background = np.clip(desk + nrng.normal(0, 6, (out_h, out_w, 1)), 0, 255)
    a = cv2.GaussianBlur(inside, (3, 3), 0).astype(np.float32)[..., None] / 255
    photo = (warped.astype(np.float32) * a + background * (1 - a)).astype(np.uint8)
    # a shadow (the phone, a hand) and the light falling off towards a corner
    done["photo_shadow"] = round(rng.uniform(1 - (1 - sev.shade[0]) * 0.9, 0.9), 2)
    photo = _shade(photo, rng, done["photo_shadow"], 150)
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    cx, cy = rng.uniform(0, out_w), rng.uniform(0, out_h)
    fall = 1 - rng.uniform(0.08, 0.2) * np.hypot(xx - cx, yy - cy) / np.hypot(out_w, out_h)
    photo = np.clip(photo.astype(np.float32) * fall[..., None], 0, 255).astype(np.uint8)
    done["photo_blur"] = round(rng.uniform(0.3, 0.8), 2)
    photo = cv2.GaussianBlur(photo, (0, 0), done["photo_blur"])
    noise = nrng.normal(0, rng.uniform(2, 5), photo.shape)
    photo = np.clip(photo.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    done["perspective"] = round(d / pw, 3)
    done["curl"] = round(curl / h, 4)
    return Image.fromarray(cv2.cvtColor(photo, cv2.COLOR_BGR2RGB))


def binarize(img: Image.Image, dpi: int) -> Image.Image:
    """A 1-bit page the way a scanner's firmware makes it: ink is what is clearly darker than the paper around it
    (the paper's brightness followed through shade and stains), so a darker patch stays readable and a faint streak
    stays white."""
    import cv2
    gray = np.asarray(img.convert("L"))
    k = dpi / 300
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (_odd(15 * k), _odd(15 * k))))
    paper = cv2.GaussianBlur(paper, (0, 0), 8 * k).astype(np.float32)
    ink = gray.astype(np.float32) < 0.62 * paper
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)


# ---------------------------------------------------------------- the public API

#: the share of colour scans per format (a TIFF here is grey or 1-bit; a phone photo is always in colour)
COLOR_SHARE = {"png": 0.3, "jpeg": 0.4, "tiff": 0.0, "tiff_g4": 0.0, "pdf": 0.35, "pdf_mixed": 0.35, "photo": 1.0}


def make_form(seed: int, *, language: str = "kk", layout: str = "table", font: str = "dejavu_serif",
              degrade: str | None = None, fmt: str = "png", dpi: int = 300, valid_iin: bool = True,
              empty_field: str | None = None, size: float = 12.0, severity: str | None = None,
              color: bool | None = None) -> tuple[bytes, dict[str, Any]]:
    """One application form as file bytes, and its truth (`truth["fields"]` is what extraction must give).

    `fmt`: pdf_text (born digital), pdf (scanned, image only), pdf_mixed (scanned form + born-digital page 2),
    tiff (8-bit grey, LZW), tiff_g4 (1-bit, CCITT Group 4), png, jpeg, photo (a phone's JPEG). A font without the
    Kazakh letters (Liberation) gets Russian names, as it would in life.

    Scans are made by one of two models. `severity` (clean / light / medium / heavy) picks the scan model built on
    augraphy (degrade_scan: a signed sheet through printer, paper, scanner or phone; colour scans, JPEG at quality
    60–75, image PDFs with JPEG inside, 1-bit Group 4 TIFF); without it, `degrade` picks one of the first model's
    effects (rotation, noise, blur, JPEG, upside down, a photo), as the older tests use it. The same seed gives the
    same applicant whatever the model, the severity or the format. `truth["meta"]` says what was made: `format`
    (the benchmark's class), `severity`, `degrade` (the effects and their parameters, or the first model's kind).
    """
    if (fmt not in FORMATS or layout not in LAYOUTS or font not in FONTS or degrade not in DEGRADES
            or (severity is not None and severity not in SEVERITIES)):
        raise ValueError(f"unknown option: fmt={fmt} layout={layout} font={font} degrade={degrade} "
                         f"severity={severity}")
    if severity is not None and degrade is not None:
        raise ValueError("a form is made by one scan model: `severity` or `degrade`, not both")
    if fmt == "pdf_text" and severity not in (None, "clean"):
        raise ValueError("a born-digital PDF is not scanned: its severity is clean")
    if fmt == "photo" and severity is None and degrade in (None, "clean"):
        degrade = "photo"                                    # the first model's photo
    rng = random.Random(seed)
    kazakh = covers_kazakh(font)
    if language == "kk" and not kazakh:
        raise ValueError(f"{font} has no Kazakh letters: a Kazakh form cannot be typed in it")
    person = make_person(rng, language, kazakh_names=kazakh and rng.random() < 0.85, valid_iin=valid_iin,
                         empty=empty_field)
    form = compose_form(person, language=language, layout=layout, font=font, size=size)
    attach = compose_attachments(language, font, rng, size)
    legacy_clean = degrade in (None, "clean") or fmt == "pdf_text"
    truth = {"doc_type": "application", "language": language, "fields": person.truth,
             "meta": {"seed": seed, "layout": layout, "font": font, "degrade": degrade, "fmt": fmt, "dpi": dpi,
                      "format": FORMAT_CLASS[fmt], "generator": GENERATOR,
                      "severity": severity or ("clean" if legacy_clean else None)}}
    if fmt == "pdf_text":
        return pdf_bytes([form, attach] if rng.random() < 0.3 else [form], font), truth
    if severity is not None:
        return _scanned(form, attach, truth, rng, font=font, fmt=fmt, dpi=dpi, severity=severity, color=color)
    img, quality = degrade_image(rasterize(form, font, dpi), rng, degrade)
    if fmt in ("pdf", "pdf_mixed"):
        img = _reencode(img, quality)
        return pdf_bytes([img, attach if fmt == "pdf_mixed" else _scan(attach, font, dpi, rng, degrade)],
                         font, dpi), truth
    if fmt in ("tiff", "tiff_g4"):
        pages = [img, _scan(attach, font, dpi, rng, degrade)]
        return _tiff(pages, fmt, dpi), truth
    buf = io.BytesIO()
    if fmt == "png":
        _reencode(img, quality).save(buf, "PNG", dpi=(dpi, dpi))
    else:
        img.save(buf, "JPEG", quality=quality or 88, dpi=(dpi, dpi))
    return buf.getvalue(), truth


def _scanned(form: Page, attach: Page, truth: dict[str, Any], rng: random.Random, *, font: str, fmt: str, dpi: int,
             severity: str, color: bool | None) -> tuple[bytes, dict[str, Any]]:
    """The form through the augraphy scan model (degrade_scan), saved as `fmt` would be by a scanner or a phone."""
    color = (rng.random() < COLOR_SHARE[fmt]) if color is None else color
    color = color and fmt not in ("tiff", "tiff_g4") or fmt == "photo"
    two_pages = fmt == "pdf_mixed" or (fmt in ("tiff", "tiff_g4", "pdf") and rng.random() < 0.4)
    front, back = rasterize(form, font, dpi), rasterize(attach, font, dpi)
    page, done = degrade_scan(front, rng, severity, dpi=dpi, color=color, back=back,
                              signature=signature_area(form, font), photo=fmt == "photo")
    pages: list[Any] = [page]
    if two_pages:
        pages.append(attach if fmt == "pdf_mixed" else
                     degrade_scan(back, rng, severity, dpi=dpi, color=color, back=front)[0])
    meta = truth["meta"]
    meta.update(degrade=done["effects"], dpi=done["dpi"], color=color, pages=len(pages))
    buf = io.BytesIO()
    if fmt in ("tiff", "tiff_g4"):
        meta["tiff_compression"] = "group4" if fmt == "tiff_g4" else "tiff_lzw"
        return _tiff(pages, fmt, dpi), truth
    if fmt == "pdf":
        # as a scanner writes it: a JPEG per page, nothing else (no font, no text object)
        meta["jpeg_quality"] = rng.randint(60, 85)
        pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi,
                      quality=meta["jpeg_quality"])
        return buf.getvalue(), truth
    if fmt == "pdf_mixed":
        meta["jpeg_quality"] = rng.randint(60, 85)
        return pdf_bytes([_jpeg(pages[0], meta["jpeg_quality"], dpi), attach], font, dpi), truth
    if fmt == "png":
        page.save(buf, "PNG", dpi=(dpi, dpi))
    else:
        meta["jpeg_quality"] = rng.randint(60, 75) if fmt == "jpeg" else rng.randint(80, 92)
        # a phone states 72 dpi whatever the page's real resolution (about 150 dpi here)
        page.save(buf, "JPEG", quality=meta["jpeg_quality"], dpi=(72, 72) if fmt == "photo" else (dpi, dpi))
    return buf.getvalue(), truth


def _jpeg(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def _tiff(pages: list[Image.Image], fmt: str, dpi: int) -> bytes:
    """A multi-page TIFF: 8-bit grey with LZW (tiff), or 1-bit with CCITT Group 4 (tiff_g4)."""
    if fmt == "tiff_g4":
        pages = [binarize(p, dpi) for p in pages]
    else:
        pages = [p.convert("L") for p in pages]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi),
                  compression="group4" if fmt == "tiff_g4" else "tiff_lzw")
    return buf.getvalue()


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


#: the benchmark set's formats, in proportion (a quarter of the image PDFs carry a born-digital second page)
PLAN_FORMATS = ["png", "jpeg", "tiff", "tiff_g4", "pdf", "pdf", "pdf_text", "photo"]
#: resolution of the scan by format (JPEG and half the image PDFs at 200 dpi; a photo is rendered at 300, then shot)
PLAN_DPI = {"png": [300], "jpeg": [200], "tiff": [300, 200], "tiff_g4": [300], "pdf": [200, 300],
            "pdf_mixed": [200, 300], "pdf_text": [300], "photo": [300]}


def test_set_plan(n: int = 48, seed: int = 2026) -> list[dict[str, Any]]:
    """The mix of the benchmark set: both languages and layouts, every font and format, and within each format the
    severities clean / light / medium / heavy (a born-digital PDF is clean; a photo is never clean). Each factor
    cycles through its values in an order drawn from `seed`, so every value appears about equally often."""
    rng = random.Random(seed)

    def cycle(values: list[Any]) -> list[Any]:
        """Rounds of all the values, each round in its own order: any len(values) in a row have them all."""
        out: list[Any] = []
        while len(out) < n:
            block = list(values)
            rng.shuffle(block)
            out += block
        return out

    kazakh_fonts = [f for f in FONTS if covers_kazakh(f)]
    fonts, kk_fonts, layouts, fmts = cycle(list(FONTS)), cycle(kazakh_fonts), cycle(list(LAYOUTS)), cycle(PLAN_FORMATS)
    severities = {f: cycle(["light", "medium", "heavy"] if f == "photo" else list(SEVERITIES)) for f in PLAN_FORMATS}
    plan, used = [], {f: 0 for f in PLAN_FORMATS}
    for i in range(n):
        language = ("kk", "ru")[i % 2]
        fmt = fmts[i]
        severity = "clean" if fmt == "pdf_text" else severities[fmt][used[fmt]]
        used[fmt] += 1
        if fmt == "pdf" and rng.random() < 0.25:
            fmt = "pdf_mixed"
        plan.append({"seed": seed * 1000 + i, "language": language, "layout": layouts[i],
                     "font": fonts[i] if language == "ru" else kk_fonts[i], "fmt": fmt, "severity": severity,
                     "dpi": rng.choice(PLAN_DPI[fmt])})
    return plan


def make_test_set(out_dir: Path, n: int = 48, seed: int = 2026, *, workers: int = 1) -> dict[str, dict[str, Any]]:
    """Write `n` forms and `truth.json` (file name → truth) into `out_dir`; returns the truth. `workers` > 1 makes
    them in that many processes (the files are the same)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = test_set_plan(n, seed)
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        # fresh interpreters: the caller may hold threads (numba's, OpenMP's) that a fork must not copy
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
            made = list(ex.map(_make_planned, plan))
    else:
        made = [_make_planned(opts) for opts in plan]
    truths: dict[str, dict[str, Any]] = {}
    for i, (opts, (data, truth)) in enumerate(zip(plan, made)):
        name = f"form-{i:03d}-{opts['language']}-{opts['layout']}-{opts['severity']}.{EXTENSIONS[opts['fmt']]}"
        (out_dir / name).write_bytes(data)
        truths[name] = truth
    tmp = out_dir / "truth.json.tmp"
    tmp.write_text(json.dumps(truths, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out_dir / "truth.json")
    return truths


def _make_planned(opts: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    return make_form(**opts)
