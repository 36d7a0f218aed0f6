"""Second readings of the words a page's first reading is known to get wrong, each in one small Tesseract run
(in Tesseract's library, loaded once per worker: `tesseract_lib.py`).

* Numbers: Tesseract's kaz and rus models read many a 3 as 5 (in sans-serif fonts above all), so every word
  holding a number — but the form's item numbers, which the labels place anyway — is cut out, the cuts are
  stacked on one sheet and read again with the English model, digits only. Where the two readings differ only in
  digits, the second's digits are taken and the first reading kept as `alt`; otherwise the second is kept as
  `second`, for checks (the IIN's check digit, a date that exists) to choose from later. A lone digit is a small
  cut: its second reading is taken only for the confusions the first model is known to make (3 read as 5 or 6).
* The name (item 2) of a form that is not in Kazakh: there Tesseract keeps to the Russian model from word to word
  and reads the Kazakh letters of a Kazakh name as their Russian look-alikes (Асқар → "Аскар", Дүйсенова →
  "Дуйсенова"). Read alone, the name starts with the Kazakh model and keeps its letters; the second reading
  replaces the first word by word where both agree up to look-alikes, and only there.
"""
from __future__ import annotations

import re

import numpy as np
from PIL import Image

from extractors import tesseract, tesseract_lib
from extractors.fields import parse_date
from extractors.layout import FILLED, find_items, group_lines
from extractors.tesseract import Word
from extractors.textnorm import fold, prefix_similarity, similarity

_NUMERIC = re.compile(r"\d")
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]$")
DIGITS_ONLY = "0123456789.,-/()+:;№N"
#: first reading → second reading of a lone digit that is taken (what the kaz/rus models confuse)
LONE_DIGIT_FIXES = {("5", "3"), ("6", "3")}
NAME_SIMILARITY = 0.75     # folded, a name word and its second reading must agree this well


def reread(words: list[Word], prepared: Image.Image, *, hrules: list[float], vrules: list[float],
           grey: np.ndarray | None = None) -> list[Word]:
    """The page's words with the second readings merged in (the page's binary image, as Tesseract read it, and the
    same page in grey when there is one: the filled date is read again from it)."""
    flat = grey
    items = find_items(words, hrules=hrules, vrules=vrules)
    grey = prepared.convert("L")
    if items or any(sum(c.isdigit() for c in w.text) >= 8 for w in words):
        words = numbers(words, grey, _experience_words(items))
    words = filled_date(words, grey, None if flat is None else Image.fromarray(flat))
    name = next((i for i in items if i.number == 2), None)
    kazakh_form = sum(i.language == "kk" for i in items) > len(items) / 2     # read in Kazakh context already
    if name is not None and name.words and not kazakh_form:
        words = names(words, name.words, grey)
    return words


def _experience_words(items: list) -> set[tuple[float, float]]:  # type: ignore[type-arg]
    """Where, in items 5 and 6 (lengths of experience), a word may be a digit read as a letter (`Б лет`, `Тг.`)."""
    return {(w.x0, w.y0) for i in items if i.number in (5, 6) for w in i.words if _LOOKALIKE_DIGIT.match(w.text)}


#: a digit the language models read as a letter or a question mark, alone or glued to its unit (`Бай`, `ТГ.`)
_LOOKALIKE_DIGIT = re.compile(r"^[БбЗзТтОоІГ?]([^\W\d_]{0,3}\.?)$")
#: letters a digit is read as: one reads as a digit alone (Б лет), two as a number of two (ГІ лет: 11)
_ONE_LIKE, _LIKE = "БбЗзТтОо?", "БбЗзТтОоІГ?"


def numbers(words: list[Word], grey: Image.Image, lookalikes: set[tuple[float, float]] = frozenset()) -> list[Word]:
    idx = [i for i, w in enumerate(words) if (_NUMERIC.search(w.text) and not _ITEM_NUMBER.match(w.text))
           or (w.x0, w.y0) in lookalikes]
    if not idx:
        return words
    sheet, slots = _sheet(grey, [words[i] for i in idx])
    second = tesseract_lib.words(sheet, lang="eng", psm=6, whitelist=DIGITS_ONLY)
    out = list(words)
    for i, (top, bottom) in zip(idx, slots):
        text = "".join(w.text for w in sorted(second, key=lambda w: w.x0) if top <= w.yc <= bottom)
        mine = out[i]
        merged = merge_digits(mine.text, text) if _NUMERIC.search(mine.text) else digit_for_letter(mine.text, text)
        if merged != mine.text or (text and text != mine.text):
            out[i] = Word(merged, mine.x0, mine.y0, mine.x1, mine.y1, mine.conf, mine.line,
                          alt=mine.text if merged != mine.text else None,
                          second=text if text and text != merged else None)
    return out


def _sheet(grey: Image.Image, cut: list[Word], margin: int = 6,
           pad: int = 20) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The words cut out of the page and stacked on one sheet; each one's vertical slot on it."""
    crops, slots, y = [], [], pad
    for w in cut:
        crop = grey.crop((int(w.x0) - margin, int(w.y0) - margin, int(w.x1) + margin, int(w.y1) + margin))
        crops.append(crop)
        slots.append((y, y + crop.height))
        y += crop.height + pad
    sheet = Image.new("L", (max(c.width for c in crops) + 2 * pad, y + pad), 255)
    for crop, (top, _) in zip(crops, slots):
        sheet.paste(crop, (pad, top))
    return sheet, slots


def merge_digits(first: str, second: str) -> str:
    """The first reading with its digits replaced by the second's, when both hold the same number of digits (the
    second reading only decides digits; letters and punctuation stay as the language model read them)."""
    d1 = [c for c in first if c.isdigit()]
    d2 = [c for c in second if c.isdigit()]
    if not d2 or len(d1) != len(d2):
        return first
    if len(d2) == 1 and (d1[0], d2[0]) not in LONE_DIGIT_FIXES:
        return first
    it = iter(d2)
    return "".join(next(it) if c.isdigit() else c for c in first)


#: a date read again, alone, is taken as a reading to confirm: below the review threshold
REREAD_DATE_CONFIDENCE = 0.6


#: the crops the filled date is read again from, tried in turn until one gives a date: (width right of the label,
#: margin above and below its line), in the label's line heights. A signature drawn across the date (as people
#: sign) loops above and below the line and on to the right: the narrower, tighter crops leave the loops out.
DATE_CROPS = ((14.0, 0.3), (8.0, 0.05), (6.0, 0.0))


def filled_date(words: list[Word], grey: Image.Image, flat: Image.Image | None = None) -> list[Word]:
    """The date the form was filled, where the reading gave no date (a signature drawn across it, as people sign):
    the line right of its label, read again — by the English model allowed only digits and . - /, else by the
    language model when the month is written in words — replaces the words read there when it holds a date. Each
    crop is read from the binary page, then from the page in grey (`flat`), where a pen's stroke over a digit is
    still told from it."""
    for line in group_lines(words):
        colon = next((k for k, w in enumerate(line.words) if ":" in w.text), None)
        if colon is None or not any(prefix_similarity(fold(line.text), fold(label)[:22]) >= 0.8 for label in FILLED):
            continue
        value = line.words[colon + 1:]
        if parse_date(" ".join(w.text for w in value)):
            return words
        label = line.words[:colon + 1]            # the value's words may have grown with the signature's ink
        h = max(w.h for w in label)
        top, bottom = min(w.y0 for w in label), max(w.y1 for w in label)
        for width, margin in DATE_CROPS:
            box = (int(label[-1].x1 + 4), int(top - margin * h), int(label[-1].x1 + width * h),
                   int(bottom + margin * h))
            date = next((d for page in (grey, flat) if page is not None
                         and (d := _date_in(page, box, line.words[colon].line)) is not None), None)
            if date is not None:
                gone = {id(w) for w in value}
                return [w for w in words if id(w) not in gone] + [date]
        return words
    return words


def _date_in(grey: Image.Image, box: tuple[int, int, int, int], line: int) -> Word | None:
    """The date read again in `box` of the page, as one word over the box; None when no date is read there."""
    crop = grey.crop(box)
    again = tesseract_lib.words(crop, lang="eng", psm=7, whitelist="0123456789.-/")
    text = "".join(w.text for w in sorted(again, key=lambda w: w.x0))
    if not parse_date(text):        # a month written in words ("3 февраля 2026 г."): the language model,
        again = [Word(w.text, w.x0 + box[0], w.y0 + box[1], w.x1 + box[0], w.y1 + box[1], w.conf, w.line)
                 for w in tesseract_lib.words(crop, lang=tesseract.LANG, psm=7)]
        again = numbers(again, grey)          # its digits read again as every number's are
        text = " ".join(w.text for w in sorted(again, key=lambda w: w.x0))
    if not parse_date(text):
        return None
    return Word(text, box[0], box[1], box[2], box[3], min(REREAD_DATE_CONFIDENCE, *(w.conf for w in again)), line)


def digit_for_letter(first: str, second: str) -> str:
    """`Б лет` read again as `6`: the first letter becomes the second reading's digit when that reading is one digit
    (the unit glued to it, `Бай` → `6ай`, stays as the language model read it); `ГІ лет` read again as `11`: as
    many letters as the reading has digits."""
    d2 = [c for c in second if c.isdigit()]
    lookalike = len(first) - len(first.lstrip(_LIKE))
    if d2 and len(d2) == lookalike:
        return "".join(d2) + first[lookalike:]
    return d2[0] + first[1:] if len(d2) == 1 and first[:1] in _ONE_LIKE else first


def names(words: list[Word], name: list[Word], grey: Image.Image, margin: int = 10) -> list[Word]:
    box = (int(min(w.x0 for w in name)) - margin, int(min(w.y0 for w in name)) - margin,
           int(max(w.x1 for w in name)) + margin, int(max(w.y1 for w in name)) + margin)
    crop = grey.crop(box)
    again = tesseract_lib.words(crop, lang=tesseract.LANG, psm=6 if box[3] - box[1] > 2.5 * _height(name) else 7)
    again.sort(key=lambda w: (w.line, w.x0))
    if len(again) != len(name):
        return words
    pairs = list(zip(sorted(name, key=lambda w: (w.line, w.x0)), again))
    if any(similarity(fold(a.text), fold(b.text)) < NAME_SIMILARITY for a, b in pairs):
        return words
    changed = {(a.x0, a.y0, a.x1, a.y1): b.text for a, b in pairs if a.text != b.text}
    out = []
    for w in words:
        text = changed.get((w.x0, w.y0, w.x1, w.y1))
        out.append(w if text is None else Word(text, w.x0, w.y0, w.x1, w.y1, w.conf, w.line, alt=w.text))
    return out


def _height(ws: list[Word]) -> float:
    return sorted(w.h for w in ws)[len(ws) // 2]
