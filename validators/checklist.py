"""Appendix 2 (spec/portfolio.md): which section-1 items are present, missing or failed — with the file and page each
finding rests on — and which optional section 2–4 items a dossier holds, by item id and level."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from mugalim.messages import Message, Seq
from validators.essay import check_essay
from validators.identity import check_identity
from validators.model import Check, Document, Finding, Ref
from validators.text import norm
from validators.video import check_video

log = logging.getLogger(__name__)
SECTION1: dict[str, str] = {"1.1": "id_copy", "1.2": "personnel_sheet", "1.3": "diploma",
                            "1.4": "training_certificate", "1.5": "publication", "1.6": "review",
                            "1.7": "video", "1.8": "essay"}
ITEM_NAMES = {"1.1": "identity document", "1.2": "personnel record sheet", "1.3": "diploma",
              "1.4": "professional development certificate", "1.5": "publication", "1.6": "review",
              "1.7": "video", "1.8": "essay"}

LEVEL_WORDS = {"international": ["халықаралық", "международн", "international"],
               "republic": ["республикалық", "республиканск", "республика деңгей"],
               "city": ["қалалық", "городск", "қала деңгей", "города"]}
# (item for city, republic, international, or one item) ← key stems; the order matters: specific first.
ACHIEVEMENT_KINDS: list[tuple[tuple[str, ...], list[str], list[str]]] = [
    (("2.2", "2.3", "2.4"), ["авторлық бағдарлама", "авторск"], []),
    (("2.5", "2.6", "2.7"), ["оқулық", "учебник", "оқу әдістемелік кешен", "учебно методическ"], []),
    (("2.9", "2.10", "2.11"), ["тәлімгер", "наставни"], []),
    (("2.1",), ["мемлекеттік жоба", "әлеуметтік жоба", "государственн", "социальн проект"], []),
    (("3.2",), ["оқу жетістіктерін сырттай бағалау", "ожсб", "воуд", "ұбт", "ент "], []),
    (("3.1",), ["мониторинг"], []),
    (("3.3", "3.4", "3.5"), ["олимпиад", "байқау", "конкурс", "жарыс", "соревнован"], ["оқушы", "ученик", "учащ"]),
    (("3.6", "3.7", "3.8"), ["конференци", "конкурс", "байқау", "жоба", "проект"], []),
    (("4.3",), ["алмасу", "обмен", "шетелдік мектеп", "зарубежн"], []),
    (("4.2",), ["бұқаралық ақпарат", "сми", "қайырымдылық", "благотворит", "семинар"], []),
    (("4.1",), ["алғыс хат", "благодарствен", "грамота", "құрмет", "алғыс"], []),
]


def level_of(text: str) -> str | None:
    t = norm(text)
    for level, words in LEVEL_WORDS.items():
        if any(w in t for w in words):
            return level
    return None


def achievement_item(text: str) -> tuple[str | None, str | None]:
    """The section 2–4 item a document proves, and its level (city / republic / international), from its words."""
    t = norm(text)
    level = level_of(text)
    for items, stems, also in ACHIEVEMENT_KINDS:
        if any(s in t for s in stems) and (not also or any(a in t for a in also)):
            if len(items) == 1:
                return items[0], level
            if items[0] == "2.9" and level is None:
                return "2.8", "organization"
            idx = {"city": 0, "republic": 1, "international": 2}.get(level or "city", 0)
            return items[idx], level or "city"
    return None, level


@dataclass(frozen=True)
class Options:
    """What the measurements need from the season and the application."""

    full_name: str | None = None
    iin: str | None = None
    video_duration_s: tuple[int, int] = (50, 70)
    video_min_size: tuple[int, int] = (720, 480)
    read_video_title: bool = True


def section1(docs: list[Document], opts: Options) -> list[Finding]:
    """One finding per section-1 item, in order."""
    return [_item(item, [d for d in docs if d.doc_type == doc_type], opts) for item, doc_type in SECTION1.items()]


def _item(item: str, docs: list[Document], opts: Options) -> Finding:
    if not docs:
        return Finding(item, "missing", Message("check.missing", what=ITEM_NAMES[item]))
    check = CHECKS.get(item)
    if check is None:
        return Finding(item, "present", None, [Ref(d.file, d.first_page) for d in docs])
    results = [(d, _safely(check, d, opts)) for d in docs]
    good = [(d, c) for d, c in results if c.ok]
    if good:
        notes = [n for _, c in good for n in c.notes]
        return Finding(item, "present", None, [_ref(d, c) for d, c in good], notes=notes)
    reason = Seq(Message("check.in_file", file=d.file, reason=Seq(c.problems)) if len(results) > 1
                 else Seq(c.problems) for d, c in results)
    return Finding(item, "failed", reason, [_ref(d, c) for d, c in results],
                   notes=[n for _, c in results for n in c.notes])


def _ref(d: Document, c: Check) -> Ref:
    """The file and page a finding rests on (pages counted in the file, not in the document inside it)."""
    return Ref(d.file, d.first_page + (c.page or 1) - 1)


def _safely(check: Callable[[Document, Options], Check], d: Document, opts: Options) -> Check:
    """A measurement that breaks on an odd file fails its item with the reason; the other dossiers go on."""
    try:
        return check(d, opts)
    except Exception as e:  # noqa: BLE001 - one odd file must not stop the season's checks
        log.warning("check of %s could not run: %s", d.file, type(e).__name__)
        return Check(problems=(Message("check.unchecked", error=type(e).__name__),))


def _identity(d: Document, o: Options) -> Check:
    return check_identity(d, iin=o.iin, full_name=o.full_name)


def _video(d: Document, o: Options) -> Check:
    if d.path is None or not d.path.exists():
        return Check(problems=(Message("check.video_absent"),))
    return check_video(d.path, full_name=o.full_name, duration_s=o.video_duration_s, min_size=o.video_min_size,
                       read_title=o.read_video_title)


def _essay(d: Document, _o: Options) -> Check:
    path = d.path if d.path is not None and d.path.exists() else None
    return check_essay(path, d.text, pages=None if d.whole_file else (d.first_page, d.first_page + d.pages - 1))


CHECKS: dict[str, Callable[[Document, Options], Check]] = {"1.1": _identity, "1.7": _video, "1.8": _essay}


def optional_items(docs: list[Document]) -> list[Finding]:
    """Sections 2–4: each achievement found, with its item id and level; an unplaceable one says so."""
    out = []
    for d in docs:
        if d.doc_type == "unknown":
            item, level = achievement_item("\n".join(d.text))
            if item is not None:
                out.append(Finding(item, "present", None, [Ref(d.file, d.first_page)], level=level,
                                   notes=[Message("check.placed_by_words")]))
            continue
        if d.doc_type != "achievement":
            continue
        item = d.fields.get("item") if d.fields else None
        level = d.fields.get("level") if d.fields else None
        if not item:
            item, level_read = achievement_item("\n".join(d.text))
            level = level_read or level
        if item is None:
            out.append(Finding("4.1", "present", None, [Ref(d.file, d.first_page)], level=level,
                               notes=[Message("check.placed_as_recognition")]))
        else:
            out.append(Finding(str(item), "present", None, [Ref(d.file, d.first_page)], level=level))
    return sorted(out, key=lambda f: [int(x) for x in f.item.split(".")])
