"""From words with boxes to the form's numbered items, by layout rather than by line order alone.

The form is either a table (number | label | value, ruled or not) or numbered lines ("1. Жұмыс орны: …").
1. words → lines (by vertical position; pages are deskewed first);
2. lines whose start reads like an item's label (Kazakh or Russian, tolerant of OCR errors; the item's number helps
   but is not needed) are the items' anchors, chosen in increasing order;
3. each item's band runs from its anchor to the next (or between a table's horizontal rules);
4. in a table, words right of the value column's left edge are the value, so a two-column table is never read
   column by column and a value on several lines stays whole; in numbered lines, the label ends at its colon or
   where the label's own words end.
"""
from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass, field

from extractors.tesseract import Word
from extractors.textnorm import clean, fold, prefix_similarity

#: item number → label variants (Kazakh, Russian, and the shorter wordings forms use)
LABELS: dict[int, list[str]] = {
    1: ["Жұмыс орны", "Место работы"],
    2: ["Тегі, аты, әкесінің аты", "Тегі аты әкесінің аты", "Аты-жөні", "Фамилия, имя, отчество", "Ф.И.О."],
    3: ["Туған күні, айы, жылы", "Туған күні", "Число, месяц, год рождения", "Дата рождения"],
    4: ["Лауазымы", "Должность"],
    5: ["Педагогикалық өтілі", "Педагогикалық жұмыс өтілі", "Педагогический стаж", "Стаж педагогической работы"],
    6: ["Лауазымдағы жұмыс өтілі", "Лауазымдағы өтілі", "Стаж работы в должности", "Стаж в должности"],
    7: ["Білімі (оқу орнының, факультеттің атауы, қай жылы бітірді)", "Білімі",
        "Образование (учебное заведение, факультет, год окончания)", "Образование"],
    8: ["Біліктілік санаты", "Квалификационная категория", "Категория"],
    9: ["Индексі көрсетілген үйінің мекенжайы", "Үйінің мекенжайы", "Мекенжайы", "Домашний адрес с индексом",
        "Домашний адрес", "Адрес"],
    10: ["Жеке басын куәландыратын құжатының деректері", "Жеке куәлік", "Данные документа, удостоверяющего личность",
         "Документ, удостоверяющий личность", "Удостоверение личности"],
    11: ["Байланыс телефоны (үй, ұялы)", "Байланыс телефоны", "Телефон",
         "Контактный телефон (домашний, сотовый)", "Контактный телефон", "Контактные телефоны"],
    12: ["Марапаттау, көтермелеу", "Марапаттары", "Награды, поощрения", "Награды"],
}
_KK_LABEL = {n: v[0] for n, v in LABELS.items()}
FOOTER = ["Қосымша", "Приложение", "Өтінімнің толтырылған күні", "Толтырылған күні", "Дата заполнения",
          "Конкурсқа қатысушының жеке қолы", "Жеке қолы", "Личная подпись", "Подпись"]
#: the lines under the items: the attachment line and the date the form was filled
ATTACHMENT = ["Қосымша", "Приложение"]
FILLED = ["Өтінімнің толтырылған күні", "Өтінім толтырылған күні", "Толтырылған күні", "Дата заполнения заявки",
          "Дата заполнения"]
_NUMBER = re.compile(r"^(\d{1,2})\s*[.)]?$")
_NUMBER_GLUED = re.compile(r"^(\d{1,2})[.)](\S+)$")
PREFIX = 22   # characters of a label compared with the start of a line


@dataclass
class Line:
    words: list[Word]

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def yc(self) -> float:
        return statistics.median(w.yc for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Item:
    """One numbered item found on a page: its value words (in reading order, by line) and the label language."""

    number: int
    language: str                     # kk | ru (of the label matched)
    value_lines: list[list[Word]] = field(default_factory=list)
    #: where the value is written (x0, y0, x1, y1): right of the label, down to the next item
    region: tuple[float, float, float, float] | None = None

    @property
    def words(self) -> list[Word]:
        return [w for line in self.value_lines for w in line]

    @property
    def text(self) -> str:
        return join_lines([" ".join(w.text for w in line) for line in self.value_lines])


def join_lines(lines: list[str]) -> str:
    """Lines of one value, joined: a line ending in a hyphen joins the next without a space ("физика-" +
    "математика"), every other line break is a space."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out.endswith("-") and not out.endswith(" -") and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return clean(out)


def group_lines(words: list[Word]) -> list[Line]:
    """Words → lines, top to bottom, each left to right. Two words share a line when their vertical centres are
    closer than half the taller one's height."""
    lines: list[Line] = []
    centre: list[float] = []          # each line's median centre and median word height, kept as words join
    height: list[float] = []
    for w in sorted(words, key=lambda w: w.yc):
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            if abs(w.yc - centre[k]) < 0.5 * max(height[k], w.h):
                lines[k].words.append(w)
                centre[k] = statistics.median(x.yc for x in lines[k].words)
                height[k] = statistics.median(x.h for x in lines[k].words)
                break
        else:
            lines.append(Line([w]))
            centre.append(w.yc)
            height.append(w.h)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


#: what the end of a rule or a speck before an item's number is read as
_LEADING_MARKS = ";:,.'|!-–—_‘’`"


def strip_number(words: list[Word]) -> tuple[int | None, list[Word]]:
    """The item number a line starts with ("7.", "7)", "7"), and the line's other words. A mark before it (the end
    of a table's rule read as `;` or `|`) is passed over."""
    if len(words) > 1 and not words[0].text.strip(_LEADING_MARKS):
        number, rest = strip_number(words[1:])
        if number is not None:
            return number, rest
    if not words:
        return None, words
    m = _NUMBER.match(words[0].text)
    if m:
        return int(m.group(1)), words[1:]
    g = _NUMBER_GLUED.match(words[0].text)
    if g:
        w = words[0]
        return int(g.group(1)), [Word(g.group(2), w.x0, w.y0, w.x1, w.y1, w.conf, w.line)] + words[1:]
    return None, words


def label_score(text: str, number: int | None, item: int) -> tuple[float, str]:
    """How well a line's folded text starts with one of item `item`'s labels, and that label's language."""
    best, lang = 0.0, "kk"
    for f, label_lang in _folded_labels()[item]:
        s = prefix_similarity(text, f) if len(f) >= 4 else 0.0
        if s > best:
            best, lang = s, label_lang
    if number == item:
        best += 0.25
    return best, lang


@functools.cache
def _folded_labels() -> dict[int, list[tuple[str, str]]]:
    """Each item's labels, folded and cut to the compared length, with their language."""
    return {item: [(fold(label)[:PREFIX],
                    "kk" if any(c in label for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ") or label in _KK_KEEP else "ru")
                   for label in labels] for item, labels in LABELS.items()}


_KK_KEEP = {"Лауазымы", "Білімі", "Мекенжайы"}


def find_anchors(lines: list[Line]) -> list[tuple[int, int, str, int]]:
    """(line index, item number, label language, junk words before the label) of each item's first line, in increasing item order: the
    highest-scoring increasing assignment (a dynamic programme over lines × items)."""
    cands: dict[tuple[int, int], tuple[float, str, int]] = {}
    for i, line in enumerate(lines):
        number, rest = strip_number(line.words)
        for skip in range(0, min(3, len(rest))):      # OCR sometimes puts junk before the label
            text = fold(" ".join(w.text for w in rest[skip:]))
            if len(text) < 4:
                break
            for item in LABELS:
                s, lang = label_score(text, number, item)
                s -= 0.06 * skip
                if s >= 0.78 and s > cands.get((i, item), (0.0, "", 0))[0]:
                    cands[(i, item)] = (s, lang, skip)
    # best[i][k]: best total using lines ≤ i and items ≤ k
    best: dict[tuple[int, int], tuple[float, list[tuple[int, int, str, int]]]] = {}
    for i in range(-1, len(lines)):
        for k in range(0, 13):
            if i < 0 or k == 0:
                best[(i, k)] = (0.0, [])
                continue
            opts = [best[(i - 1, k)], best[(i, k - 1)]]
            if (i, k) in cands:
                s, lang, skip = cands[(i, k)]
                prev = best[(i - 1, k - 1)]
                opts.append((prev[0] + s, prev[1] + [(i, k, lang, skip)]))
            best[(i, k)] = max(opts, key=lambda o: o[0])
    return best[(len(lines) - 1, 12)][1]


def is_footer(line: Line) -> bool:
    text = fold(line.text)
    return any(prefix_similarity(text, fold(f)[:PREFIX]) >= 0.8 for f in FOOTER)


def value_column(lines: list[Line], anchors: list[tuple[int, int, str, int]], vrules: list[float]) -> float | None:
    """The left edge of a table's value column: where, on most anchor lines, a wide gap separates the label from
    the value (snapped to a ruling line when there is one); None for numbered lines."""
    h = statistics.median(w.h for line in lines for w in line.words)
    xs = []
    for i, _, _, skip in anchors:
        ws = strip_number(lines[i].words)[1][skip:]
        gaps = [(b.x0 - a.x1, b.x0) for a, b in zip(ws, ws[1:])]
        if gaps:
            gap, x = max(gaps)
            if gap > 1.6 * h:
                xs.append(x)
    if len(xs) < max(3, len(anchors) // 3):
        return None
    x = statistics.median(xs)
    if sum(abs(v - x) < 3 * h for v in xs) < len(xs) * 0.6:
        return None
    left_rules = [r for r in vrules if x - 4 * h < r <= x + h * 0.2]
    return max(left_rules) if left_rules else x - 0.5 * h


def find_items(words: list[Word], *, hrules: list[float] = (), vrules: list[float] = (),
               min_items: int = 3) -> list[Item]:
    """The numbered items of one page (empty when fewer than `min_items` are found: the page is not the form —
    the page a form runs onto may hold only its last item or two)."""
    if not words:
        return []
    lines = group_lines(words)
    anchors = find_anchors(lines)
    if len(anchors) < min_items:
        return []
    col = value_column(lines, anchors, list(vrules))
    # Horizontal rules bound an item only in a table: on a form of numbered lines they are the fill-in lines
    # under each line of a value, and a value of two lines would be cut at the first.
    cells = list(hrules) if col is not None or len(vrules) >= 2 else []
    items = []
    for k, (i, number, lang, skip) in enumerate(anchors):
        band = _band(lines, anchors, k, cells)
        item = Item(number, lang)
        item.value_lines = _table_value(band, col) if col is not None else _line_value(band, number, skip)
        item.region = _region(lines, anchors, k, band, col, item, cells)
        items.append(item)
    return items


def _region(lines: list[Line], anchors: list[tuple[int, int, str, int]], k: int, band: list[Line],
            col: float | None, item: Item, hrules: list[float]) -> tuple[float, float, float, float]:
    """The value's place on the page: the value column (or, in numbered lines, what follows the label) from the
    item's top to the next item's — so that ink there which no word accounts for (handwriting) is seen."""
    anchor = lines[anchors[k][0]]
    above = [r for r in hrules if r <= anchor.yc]
    below = [r for r in hrules if r > anchor.yc]
    if above and below:
        top, bottom = max(above), min(below)
    else:
        top = anchor.y0
        bottom = lines[anchors[k + 1][0]].y0 if k + 1 < len(anchors) else max(ln.y1 for ln in band)
    if col is not None:
        left = col
    else:
        value = {(w.x0, w.y0) for w in item.words}      # by place: a value word cut at a colon is a new Word
        left = max((w.x1 for w in anchor.words if (w.x0, w.y0) not in value), default=anchor.words[0].x0)
    return (left, top, float("inf"), bottom)


def _band(lines: list[Line], anchors: list[tuple[int, int, str, int]], k: int, hrules: list[float]) -> list[Line]:
    """The lines of item k: between the table rules around its anchor when the table is ruled (a value centred
    in its cell may start above the label), else from its anchor to the next anchor or the footer."""
    i = anchors[k][0]
    anchor = lines[i]
    above = [r for r in hrules if r <= anchor.yc]
    below = [r for r in hrules if r > anchor.yc]
    if above and below:
        top, bottom = max(above), min(below)
        return [ln for ln in lines if top < ln.yc < bottom]
    end = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
    band = [anchor]
    for ln in lines[i + 1:end]:
        if is_footer(ln):
            break
        band.append(ln)
    return band


def _table_value(band: list[Line], col: float) -> list[list[Word]]:
    out = []
    for line in band:
        vals = [w for w in line.words if w.xc >= col]
        if vals:
            out.append(vals)
    return out


def _line_value(band: list[Line], number: int, skip: int = 0) -> list[list[Word]]:
    """Numbered lines: drop the number and the label (up to its colon, or as far as the label's words go)."""
    first = strip_number(band[0].words)[1][skip:]
    flat = [(0, w) for w in first] + [(li, w) for li, ln in enumerate(band[1:], 1) for w in ln.words]
    cut = _label_end(flat, number)
    lines: dict[int, list[Word]] = {}
    for idx, (li, w) in enumerate(flat):
        if idx < cut[0]:
            continue
        if idx == cut[0] and cut[1]:
            w = Word(cut[1], w.x0, w.y0, w.x1, w.y1, w.conf, w.line)
        lines.setdefault(li, []).append(w)
    return [ws for _, ws in sorted(lines.items())]


def _label_end(flat: list[tuple[int, Word]], number: int) -> tuple[int, str]:
    """Index of the first value word, and that word's text when a colon splits it ("жылы:1985" → "1985")."""
    longest = max(len(label.split()) for label in LABELS[number])
    for idx, (_, w) in enumerate(flat[: longest + 4]):
        if ":" in w.text:
            rest = w.text.split(":", 1)[1].strip()
            return (idx, rest) if rest else (idx + 1, "")
    best, best_j = 0.0, 0
    for label in LABELS[number]:
        f = fold(label)
        for j in range(1, min(len(flat), len(label.split()) + 3) + 1):
            s = prefix_similarity(fold(" ".join(w.text for _, w in flat[:j])), f) - 0.01 * abs(
                len(fold(" ".join(w.text for _, w in flat[:j]))) - len(f))
            if s > best:
                best, best_j = s, j
    j = best_j
    while j < len(flat) and flat[j][1].text in ("-", "–", "—", ":", "/"):
        j += 1
    return j, ""
