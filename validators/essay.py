"""Item 1.8, the essay "Заманауи педагог қандай болуы керек" (spec/portfolio.md).

One A4 page. Where the PDF is born digital: Times New Roman, 14 pt, single spacing, read from pdfplumber's
characters (font name and size) and the distance between lines. A scan's font cannot be measured: that is said in a
note, never failed. The four questions of Appendix 2 must each be addressed: the evidence is a key word of the
question (Kazakh or Russian) and the page it is on.
"""
from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image

from mugalim.messages import Message
from validators.model import Check
from validators.text import find_any

A4_PT = (595.28, 841.89)
A4_TOLERANCE = 0.03
BORN_DIGITAL_MIN_CHARS = 200
FONT_SHARE = 0.9                       # this share of the characters must be in the required font and size
SIZE_PT = (13.5, 14.5)
SINGLE_SPACING_MAX = 1.3               # line pitch ÷ font size; Word's "single" for Times is about 1.15
# Fonts a word processor writes for Times New Roman or its metric twins (Liberation Serif, Nimbus Roman, Tinos).
TIMES_NAMES = ("timesnewroman", "times", "liberationserif", "nimbusroman", "nimbusromno9l", "tinos", "texgyretermes")

QUESTIONS: dict[int, tuple[str, list[str]]] = {
    1: ("the figures who inspire the author", ["шабыт", "үлгі", "вдохнов", "кумир", "пример"]),
    2: ("what the author does to raise the teacher's status", ["мәртебе", "бедел", "статус", "престиж", "авторитет"]),
    3: ("the family's influence", ["отбасы", "ата ана", "семь", "родител"]),
    4: ("raising a kind and generous person", ["мейірім", "қайырым", "добр", "щедр", "милосерд"]),
}


def check_essay(path: Path | None, text_pages: list[str] | tuple[str, ...] = (),
                pages: tuple[int, int] | None = None) -> Check:
    """Measure the essay file (only `pages`, first and last, 1-based, when it sits inside a larger file);
    `text_pages` is extraction's text (used when the file has no text layer)."""
    problems: list[str] = []
    notes: list[str] = []
    facts: dict[str, Any] = {}
    layout = read_layout(path, pages) if path is not None else None
    if layout is None:
        notes.append(Message("check.essay_unmeasured"))
        pages_text = list(text_pages)
    else:
        facts.update(pages=layout["pages"], born_digital=layout["born_digital"])
        problems += page_problems(layout)
        pages_text = layout["text"] if layout["born_digital"] else list(text_pages)
        if "format_problems" in layout:        # a DOCX or ODT: its styles and runs (issue 18, extractors/office.py)
            problems += [office_problem(p) for p in layout["format_problems"]]
            facts.update(layout["format_facts"])
        elif layout["born_digital"]:
            problems += font_problems(layout["chars"])
        else:
            notes.append(Message("check.essay_scan"))
    evidence, missing = question_evidence(pages_text)
    facts["questions"] = evidence
    if not any(t.strip() for t in pages_text):
        notes.append(Message("check.essay_no_text"))
    else:
        problems += [Message("check.essay_question", q=q, name=Message(f"essay.q{q}")) for q in missing]
    return Check(problems=tuple(problems), notes=tuple(notes), facts=facts)


#: extractors/office.py's wordings of a DOCX/ODT essay's format problems (prefix, suffix, message, parameter): each
#: is made the catalog's message here, where it enters the dossier step, until office.py says them by id itself
OFFICE_WORDINGS = (("the font is ", ", not Times New Roman", "check.essay_font", "fonts"),
                   ("the text is ", " pt, not 14 pt", "check.essay_size", "pt"),
                   ("the line spacing is ", ", not single", "check.essay_spacing_named", "spacing"))


def office_problem(text: str) -> str:
    """One format problem of extractors/office.py as the catalog's message (a wording not known: as it is)."""
    if not isinstance(text, str) or type(text) is not str:
        return text
    for head, tail, key, param in OFFICE_WORDINGS:
        if text.startswith(head) and text.endswith(tail) and len(text) > len(head) + len(tail):
            return Message(key, **{param: text[len(head):len(text) - len(tail)]})
    share, sep, others = text.partition("% of the text is not in Times New Roman: ")
    if sep and share.isdigit():
        return Message("check.essay_font_share", share=share, fonts=others)
    return text


def read_layout(path: Path, pages: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """Pages, page sizes, text and characters of a PDF; pages and size of an image. None when unreadable."""
    try:
        if path.suffix.lower() == ".pdf":
            return _pdf_layout(path, pages)
        from extractors.office import essay_layout, office_kind
        if office_kind(path):                   # DOCX, ODT: pages as rendered, format from the styles (issue 18)
            return essay_layout(path)
        with Image.open(path) as im:
            n = getattr(im, "n_frames", 1) if pages is None else pages[1] - pages[0] + 1
            # An image's dpi is often missing or wrong (a phone photo): only its proportions are checked.
            scale = A4_PT[0] / min(im.width, im.height)
            size = (im.width * scale, im.height * scale)
            return {"pages": n, "sizes": [size] * n, "text": [], "chars": [], "born_digital": False}
    except Exception:  # noqa: BLE001 - any unreadable file is reported, not raised
        return None


def _pdf_layout(path: Path, pages: tuple[int, int] | None = None) -> dict[str, Any]:
    with pdfplumber.open(path) as pdf:
        chosen = pdf.pages if pages is None else pdf.pages[pages[0] - 1:pages[1]]
        sizes = [(float(p.width), float(p.height)) for p in chosen]
        text = [p.extract_text() or "" for p in chosen]
        chars = [dict(fontname=c["fontname"], size=float(c["size"]), top=float(c["top"]), text=c["text"],
                      page=i) for i, p in enumerate(chosen, 1) for c in p.chars]
    visible = [c for c in chars if c["text"].strip()]
    return {"pages": len(sizes), "sizes": sizes, "text": text, "chars": visible,
            "born_digital": len(visible) >= BORN_DIGITAL_MIN_CHARS}


def page_problems(layout: dict[str, Any]) -> list[str]:
    out = []
    if layout["pages"] != 1:
        out.append(Message("check.essay_pages", n=layout["pages"]))
    for i, (w, h) in enumerate(layout["sizes"], 1):
        if not is_a4(w, h):
            out.append(Message("check.essay_not_a4", i=i, mm=f"{w / 72 * 25.4:.0f}×{h / 72 * 25.4:.0f}"))
    return out


def is_a4(w: float, h: float) -> bool:
    short, long_ = sorted((w, h))
    return abs(short / A4_PT[0] - 1) <= A4_TOLERANCE and abs(long_ / A4_PT[1] - 1) <= A4_TOLERANCE


def font_family(fontname: str) -> str:
    """`ABCDEF+TimesNewRomanPS-BoldMT` → `timesnewromanps`: the subset prefix and style dropped, lower case."""
    base = fontname.split("+", 1)[-1]
    base = base.split(",")[0].split("-")[0]
    return "".join(ch for ch in base.lower() if ch.isalnum())


def is_times(fontname: str) -> bool:
    fam = font_family(fontname)
    return any(fam.startswith(t) for t in TIMES_NAMES)


def font_problems(chars: list[dict[str, Any]]) -> list[str]:
    out = []
    fonts = Counter(c["fontname"].split("+", 1)[-1] for c in chars)
    times = sum(1 for c in chars if is_times(c["fontname"]))
    if times < FONT_SHARE * len(chars):
        main = ", ".join(f"{name} ({n * 100 // len(chars)}%)" for name, n in fonts.most_common(2))
        out.append(Message("check.essay_font", fonts=main))
    sizes = Counter(round(c["size"], 1) for c in chars)
    in_range = sum(1 for c in chars if SIZE_PT[0] <= c["size"] <= SIZE_PT[1])
    if in_range < FONT_SHARE * len(chars):
        out.append(Message("check.essay_size", pt=f"{sizes.most_common(1)[0][0]:g}"))
    ratio = spacing_ratio(chars)
    if ratio is not None and ratio > SINGLE_SPACING_MAX:
        out.append(Message("check.essay_spacing", ratio=f"{ratio:.2f}"))
    return out


def spacing_ratio(chars: list[dict[str, Any]]) -> float | None:
    """The median distance between consecutive lines of the first page, as a multiple of the main font size."""
    first = [c for c in chars if c["page"] == 1]
    tops = sorted({round(c["top"], 0) for c in first})
    gaps = [b - a for a, b in zip(tops, tops[1:]) if b - a > 1]
    if len(gaps) < 3:
        return None
    size = statistics.median(c["size"] for c in first)
    return statistics.median(gaps) / size if size else None


def question_evidence(pages_text: list[str]) -> tuple[dict[str, Any], list[int]]:
    """For each question: the key word found and its page, or None; and the questions without evidence."""
    evidence: dict[str, Any] = {}
    missing = []
    for q, (_, stems) in QUESTIONS.items():
        hit = next(((word, page) for page, t in enumerate(pages_text, 1) if (word := find_any(t, stems))), None)
        evidence[str(q)] = {"keyword": hit[0], "page": hit[1]} if hit else None
        if hit is None:
            missing.append(q)
    return evidence, missing
