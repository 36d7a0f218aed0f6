"""The protocol's text and tables as cheap flowables (issue 15): a school stage's protocol is ~600 pages of ~8,000
short texts and ~60,000 table cells, and reportlab's `Paragraph` (a mini-HTML parser, a general line breaker) and
`Table` (every cell measured and styled, a text object per cell) took seconds for them.

`TextBlock` is plain text in runs of one font and size each, broken into lines at whitespace as a `Paragraph`
breaks it (first fit, `_wsc` as its whitespace), measured once per width and drawn at the places a `Paragraph`
draws its lines. Nothing in its text is read as markup: names are drawn as written (issue 16, item 5). A word wider
than the whole line is left to a `Paragraph` of the same runs, which splits it as it always did.

`Grid` is the protocol's table: a bold header row on a tinted background repeated on each page, one line per plain
cell, a `TextBlock` in a cell where the text wraps, a grid of thin lines (the look of `Table` with the protocol's
`TableStyle`). Its rows' heights are known without measuring plain cells.

`Ink` writes the text of a flowable as PDF operators in one text object, each string encoded for the embedded
font's subsets once per document (a protocol draws the same numbers and words thousands of times).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _wsc   # the whitespace a Paragraph breaks at (not the no-break space)

from mugalim.pdfmarkup import markup_text
from mugalim.text import drop_controls

Run = tuple[str, str, float]                 # text, font name, font size
BREAK: Run = ("\n", "", 0.0)                 # a line break between runs
_SPLIT = re.compile(f"([{re.escape(_wsc)}]+)").split
PADDING = (6.0, 3.0)                         # a cell's padding left and right, top and bottom (`Table`'s default)
HEADER_FILL = colors.HexColor("#e8eef5")
LINE_COLOR = colors.HexColor("#8a99a8")


@functools.lru_cache(maxsize=None)
def bold(font: str) -> str:
    """The bold face of `font`'s family (what `<b>` picks)."""
    family, _, italic = ps2tt(font)
    return tt2ps(family, 1, italic)


class _Codes:
    """How one font's text is written in one document: the font's subsets and codes (reportlab's `splitString`,
    which gives a character its code the first time the document uses it), each string's kept; a string of
    characters that already have their codes in the first subset is written without `splitString`'s loop."""

    def __init__(self, font: str, canv: Any) -> None:
        self.face, self.canv = pdfmetrics.getFont(font), canv
        self.strings: dict[str, list[tuple[str, str]]] = {}
        self.first: dict[int, int] = {}          # code point → code, in the first subset
        self.name = ""                           # the first subset's name

    def parts(self, text: str) -> list[tuple[str, str]]:
        """`text` as (subset's PDF name, the operator showing its codes) pairs."""
        parts = self.strings.get(text)
        if parts is not None:
            return parts
        if self.name and self.first.keys() >= set(map(ord, text)):
            parts = [(self.name, f"({self.canv._escape(text.translate(self.first).encode('latin-1'))}) Tj")]
        else:
            doc = self.canv._doc
            parts = [(self.face.getSubsetInternalName(subset, doc), f"({self.canv._escape(code)}) Tj")
                     for subset, code in self.face.splitString(text, doc)]
            self._learn(text)
        self.strings[text] = parts
        return parts

    def _learn(self, text: str) -> None:
        assigned = self.face.state[self.canv._doc].assignments
        for c in set(map(ord, text)):
            n = assigned.get(c)
            if n is not None and n < 256:
                self.first[c] = n
                self.name = self.name or self.face.getSubsetInternalName(0, self.canv._doc)


class Ink:
    """Text drawn on `canv` as PDF operators, collected into one text object until `close`."""

    def __init__(self, canv: Any) -> None:
        self.canv = canv
        fonts = getattr(canv, "_mugalim_codes", None)
        if fonts is None:
            fonts = canv._mugalim_codes = {}
        self.fonts: dict[str, _Codes] = fonts
        self.ops: list[str] = []
        self.font, self.size = "", 0.0             # the subset and size in effect

    def at(self, x: float, y: float) -> None:
        self.place(fp_str(x, y))

    def place(self, xy: str) -> None:
        """The next text at `xy`: "x y", the numbers already written as PDF numbers."""
        self.ops.append(f"1 0 0 1 {xy} Tm")

    def show(self, text: str, font: str, size: float) -> None:
        """`text` at the current point (where the last text ended, or `at`)."""
        codes = self.fonts.get(font)
        if codes is None:
            codes = self.fonts[font] = _Codes(font, self.canv)
        for name, shown in codes.parts(text):
            if name != self.font or size != self.size:
                self.ops.append(f"{name} {fp_str(size)} Tf")
                self.font, self.size = name, size
            self.ops.append(shown)

    def close(self, color: Any = None) -> None:
        """End the text object; with `color`, its text in that colour (the graphics state left as it was)."""
        if self.ops:
            text = "BT " + " ".join(self.ops) + " ET"
            self.canv._code.append(f"q {fp_str(color.red, color.green, color.blue)} rg {text} Q" if color else text)
            self.ops, self.font = [], ""


class Drawn(Flowable):
    """A flowable that draws itself at the place it is given (`draw_at`), without the save, move and restore of
    the graphics state that `Flowable.drawOn` puts around each of the ~10,000 flowables of a protocol."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # platypus marks a flowable moved on to the next page once for good: one shared by many protocols (the
        # decree, the defaults) is placed many times
        self.__dict__.pop("_postponed", None)
        self.draw_at(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self) -> None:
        self.draw_at(self.canv, 0, 0)

    def draw_at(self, canv: Any, x: float, y: float) -> None:
        raise NotImplementedError


class Gap(Drawn):
    """Empty space of `height` (a `Spacer` that draws nothing at all)."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.width, self.height = 0, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw_at(self, canv: Any, x: float, y: float) -> None:
        pass


# --- text ---------------------------------------------------------------------------------------------------------

_Word = list[Any]                            # pieces, width, width of the space before it
_Line = tuple[list[Run], float, float]       # pieces (spaces included), width, largest font size


def _words(runs: Sequence[Run]) -> list[_Word | None]:
    """The words of `runs` (None: a line break). A word may change font inside (`Мектеп` in bold, `:` not)."""
    words: list[_Word | None] = []
    word: _Word | None = None                 # the word being read, until whitespace
    gap = 0.0                                 # the width of the space before the next word
    for run in runs:
        if run == BREAK:
            words.append(None)
            word, gap = None, 0.0
            continue
        text, font, size = run
        width = pdfmetrics.getFont(font).stringWidth
        for n, part in enumerate(_SPLIT(text)):
            if n % 2:                          # whitespace
                word, gap = None, width(" ", size)
            elif part:
                if word is None:
                    word = [[], 0.0, gap]
                    words.append(word)
                word[0].append((part, font, size))
                word[1] += width(part, size)
    return words


def _lines(words: list[_Word | None], width: float, shrink: float) -> list[_Line] | None:
    """First fit of `words` into lines of `width`, as a `Paragraph` breaks them (a line may be longer by `shrink`
    of its spaces' width: the style's `spaceShrinkage`); None if a word alone is wider than a line."""
    lines: list[_Line] = []
    line: list[Run] = []
    used = spaces = largest = 0.0
    for w in words:
        if w is None or (line and used + w[2] + w[1] > width + shrink * (spaces + w[2])):
            lines.append((line, used, largest))
            line, used, spaces, largest = [], 0.0, 0.0, 0.0
            if w is None:
                continue
        pieces, wide, space = w
        if wide > width:
            return None
        if line:
            text, font, size = line[-1]
            line[-1] = (text + " ", font, size)
            used += space
            spaces += space
        for p in pieces:
            if line and line[-1][1:] == p[1:]:
                line[-1] = (line[-1][0] + p[0], p[1], p[2])
            else:
                line.append(p)
            largest = max(largest, p[2])
        used += wide
    if line:
        lines.append((line, used, largest))
    return lines


@functools.lru_cache(maxsize=4096)
def _laid_out(runs: tuple[Run, ...], width: float, shrink: float) -> list[_Line] | None:
    """The lines of `runs` (`_lines`), worked out once for a text that each protocol of a stage repeats (the
    headings, "the date: ____", the usual warning). The lines are never changed, only sliced."""
    return _lines(_words(runs), width, shrink)


class TextBlock(Drawn):
    """Plain text in `runs`, in `style` (its leading, indents, alignment left or centred, spaces before and after;
    platypus reads `keepWithNext` from it). A block is laid out once per width, so one block may stand in many
    places of a file (the decree, the defaults) and is drawn wherever it is placed."""

    def __init__(self, runs: Sequence[Run], style: ParagraphStyle, lines: list[_Line] | None = None) -> None:
        super().__init__()
        self.runs, self.style = list(runs), style
        # the lines at a width; `lines`: a part of a split block, whose lines stay as they are (width -1)
        self._laid: tuple[float, list[_Line] | None] | None = (-1.0, lines) if lines is not None else None
        self.para: Paragraph | None = None    # the runs as a Paragraph, where a word is wider than the line

    @classmethod
    def plain(cls, value: object, style: ParagraphStyle) -> "TextBlock":
        return cls([(drop_controls("" if value is None else str(value)), style.fontName, style.fontSize)], style)

    @classmethod
    def labelled(cls, head: str, rest: str, style: ParagraphStyle) -> "TextBlock":
        """`head` in bold, then `rest`."""
        return cls([(drop_controls(head), bold(style.fontName), style.fontSize),
                    (drop_controls(rest), style.fontName, style.fontSize)], style)

    def lines(self, width: float) -> list[_Line] | None:
        if self._laid is None or (self._laid[0] != width and self._laid[0] >= 0):
            inner = width - self.style.leftIndent - self.style.rightIndent
            self._laid = (width, _laid_out(tuple(self.runs), inner, self.style.spaceShrinkage))
        return self._laid[1]

    def _paragraph(self) -> Paragraph:
        if self.para is None:
            self.para = Paragraph("".join("<br/>" if r == BREAK else
                                          f'<font face="{r[1]}" size="{fp_str(r[2])}">{markup_text(r[0])}</font>'
                                          for r in self.runs), self.style)
        return self.para

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.lines(availWidth)
        if lines is None:
            self.width, self.height = self._paragraph().wrap(availWidth, availHeight)
        else:
            self.width, self.height = availWidth, len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """At a line, as a `Paragraph` splits: not before its second line (no orphan)."""
        lines = self.lines(availWidth)
        if lines is None:
            return self._paragraph().split(availWidth, availHeight)
        fit = int(availHeight / self.style.leading)
        if fit <= 1:
            return []
        if len(lines) <= fit:
            return [self]
        return [TextBlock(self.runs, self.style, lines[:fit]), TextBlock(self.runs, self.style, lines[fit:])]

    def draw_at(self, canv: Any, x: float, y: float) -> None:
        if self.lines(self.width) is None:
            self._paragraph().drawOn(canv, x, y)
            return
        ink = Ink(canv)
        self.emit(ink, x, y)
        ink.close(self.style.textColor)

    def emit(self, ink: Ink, x: float, y: float) -> None:
        """Write the lines laid out at the last `wrap` with the block's lower left corner at (`x`, `y`)."""
        st = self.style
        lines = self.lines(self.width) or []
        inner = self.width - st.leftIndent - st.rightIndent
        first = y + self.height - (lines[0][2] if lines else 0)     # the first baseline: its largest font below
        for n, (pieces, used, _) in enumerate(lines):
            shift = (inner - used) / 2 if st.alignment == 1 else 0
            ink.at(x + st.leftIndent + shift, first - n * st.leading)
            for text, font, size in pieces:
                ink.show(text, font, size)


# --- tables -------------------------------------------------------------------------------------------------------

Cell = Any                                     # str, a number, None (empty), or a TextBlock


class Grid(Drawn):
    """A table of `rows` in columns of `widths`: the first row a header (bold, tinted, repeated where the table
    goes on to the next page) unless `header` is false; plain cells one line of `font` at `size`; a `TextBlock`
    cell as tall as its lines; `valign` MIDDLE or BOTTOM; thin lines between all cells unless `ruled` is false;
    `heights`: fixed row heights instead."""

    def __init__(self, rows: Sequence[Sequence[Cell]], widths: Sequence[float], *, font: str, size: float = 8,
                 header: bool = True, ruled: bool = True, valign: str = "MIDDLE",
                 heights: Sequence[float] | None = None) -> None:
        super().__init__()
        self.rows = [[c if isinstance(c, TextBlock) else "" if c is None else str(c) for c in row] for row in rows]
        self.widths, self.font, self.bold, self.size = list(widths), font, bold(font), size
        self.header, self.ruled, self.valign = header, ruled, valign
        self.leading = size * 1.2
        self.heights: list[float] | None = list(heights) if heights is not None else None
        self.hAlign = "CENTER"

    def _heights(self) -> list[float]:
        if self.heights is None:
            plain = self.leading + 2 * PADDING[1]
            self.heights = [max([plain] + [c.wrap(w - 2 * PADDING[0], 1e9)[1] + 2 * PADDING[1]
                                           for c, w in zip(row, self.widths) if isinstance(c, TextBlock)])
                            for row in self.rows]
        return self.heights

    def _part(self, rows: list[list[Cell]], heights: list[float]) -> "Grid":
        part = Grid([], self.widths, font=self.font, size=self.size, header=self.header, ruled=self.ruled,
                    valign=self.valign, heights=heights)
        part.rows = rows
        return part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = sum(self.widths), sum(self._heights())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Between rows, as a `Table` with its header repeated splits: at least one row below the header."""
        heights = self._heights()
        fit, used = 0, 0.0
        for h in heights:
            if used + h > availHeight:
                break
            used += h
            fit += 1
        if fit >= len(self.rows):
            return [self]
        if fit <= int(self.header):
            return []
        head = self.rows[:1] if self.header else []
        rest = heights[:1] if self.header else []
        return [self._part(self.rows[:fit], heights[:fit]), self._part(head + self.rows[fit:], rest + heights[fit:])]

    def draw_at(self, canv: Any, x: float, y: float) -> None:
        heights = self._heights()
        xs = [x + sum(self.widths[:n]) for n in range(len(self.widths) + 1)]
        ys = [y + self.height - sum(heights[:n]) for n in range(len(heights) + 1)]   # the rows' top edges, then
        canv.saveState()                                                                  # the last one's bottom
        if self.header and self.rows:
            canv.setFillColor(HEADER_FILL)
            canv.rect(xs[0], ys[0], xs[-1] - xs[0], -heights[0], stroke=0, fill=1)
        canv.setFillColor(colors.black)
        ink = Ink(canv)
        lefts = [fp_str(left + PADDING[0]) for left in xs]
        for n, row in enumerate(self.rows):
            font = self.bold if n == 0 and self.header else self.font
            baseline = fp_str(self._baseline(ys[n + 1], heights[n]))
            for cell, x0, left in zip(row, xs, lefts):
                if isinstance(cell, TextBlock):
                    self._block(canv, ink, cell, x0 + PADDING[0], ys[n + 1], heights[n])
                elif cell:
                    ink.place(f"{left} {baseline}")
                    ink.show(cell, font, self.size)
        ink.close()
        if self.ruled:
            self._rules(canv, xs, ys)
        canv.restoreState()

    def _baseline(self, bottom: float, height: float) -> float:
        """Where `Table` puts a one-line cell's baseline."""
        if self.valign == "BOTTOM":
            return bottom + PADDING[1] + self.leading - self.size
        return bottom + (height + self.leading) / 2 - self.size

    def _block(self, canv: Any, ink: Ink, cell: TextBlock, x: float, bottom: float, height: float) -> None:
        h = cell.height
        y = bottom + PADDING[1] if self.valign == "BOTTOM" else bottom + (height - h) / 2
        if cell.lines(cell.width) is None:                # a Paragraph: drawn by itself
            ink.close()
            cell.drawOn(canv, x, y)
        else:
            cell.emit(ink, x, y)

    def _rules(self, canv: Any, xs: list[float], ys: list[float]) -> None:
        path = [f"{fp_str(xs[0], y)} m {fp_str(xs[-1], y)} l" for y in ys]
        path += [f"{fp_str(x, ys[-1])} m {fp_str(x, ys[0])} l" for x in xs]
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(LINE_COLOR)
        canv.setLineWidth(0.4)
        canv._code.append("n " + " ".join(path) + " S")


# --- kept together ------------------------------------------------------------------------------------------------

class Together(Drawn):
    """Flowables kept on one page: a heading with what follows it (platypus makes one for a flowable whose style
    says `keepWithNext`: the document's `keepTogetherClass`), the defaults, the signature lines. Where they do not
    fit below what the page already holds, they go to the next page; on a page of their own they flow on as usual.
    (`KeepTogether` does the same with a copy of the whole frame each time it is measured, thousands of times a
    protocol.)"""

    def __init__(self, flowables: Sequence[Any]) -> None:
        super().__init__()
        self._content = list(flowables)        # the name platypus reads (`handle_keepWithNext`)
        self._placed: list[tuple[Any, float, float]] = []   # each flowable, its width and the y of its bottom

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        placed: list[tuple[Any, float, float]] = []
        y, after = 0.0, None
        for f in self._content:
            w, h = f.wrapOn(self.canv, availWidth, 0xFFFFFFF)
            if h <= 1e-8:
                continue
            y -= (0.0 if after is None else max(after, f.getSpaceBefore())) + h   # a frame's spacing
            placed.append((f, w, y))
            after = f.getSpaceAfter()
        self._placed = placed
        self.width, self.height = availWidth, -y
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        frame = getattr(self, "_frame", None)
        return self._content if frame is None or frame._atTop else []

    def draw_at(self, canv: Any, x: float, y: float) -> None:
        for f, w, bottom in self._placed:
            f.drawOn(canv, x, y + self.height + bottom, _sW=self.width - w)

    def getSpaceBefore(self) -> float:
        return self._content[0].getSpaceBefore() if self._content else 0.0

    def getSpaceAfter(self) -> float:
        return self._content[-1].getSpaceAfter() if self._content else 0.0
