"""The trace as a document a person reads: each link under its heading, its facts as labelled lines in Kazakh and
Russian (or one of them), values written as words, dates, tenge and numbers (`words`), nested facts as lines of their
own, the files each link rests on, and each broken link's problem in the people's words.

`document(trace, lang=…, private=…)` builds it; `mugalim trace` prints it as text (`render`) and the review station
shows it as a page (templates/trace.html). Personal data is shown through `private(key, value)`: the command line
masks it unless asked, the station by the role of who reads.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mugalim.trace import words as W
from mugalim.trace.model import Link, Source, Trace

Private = Callable[[str, Any], str]

STEPS = W.STEPS
_MONEY = {"amount_kzt", "manifest_total_kzt"}
_MOMENTS = {"created_at", "approved_at", "checked_at", "corrected_at", "at"}
_DECIMALS = {"total", "score"}
_DAYS = {"birth_date", "filled_date"}
_REASONS = {"reason", "waiting"}


@dataclass
class Row:
    key: str
    label: str
    value: str = ""
    lines: list[str] = field(default_factory=list)      # a nested fact: one readable line each


@dataclass
class SourceView:
    file: str
    where: str                       # ", жол 56, бет 1, аумақ (…)" (in the document's language)
    sha256: str | None
    document_id: int | None
    page: int | None
    box: str | None                  # "(1141, 783, 2187, 884)"


@dataclass
class Entry:
    step: str
    title: str
    rows: list[Row] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None     # the score rows: headers, rows
    sources: list[SourceView] = field(default_factory=list)
    problem: str | None = None
    field: str | None = None         # an application field: its key (its value is `rows[0]`)
    field_id: int | None = None      # … and its extracted row, for the crop of the scan


@dataclass
class Section:
    step: str
    heading: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Document:
    title: str
    complete: bool
    status: str
    sections: list[Section]
    problems: list[str]
    lang: str


def document(trace: Trace, *, lang: str = "both", private: Private | None = None) -> Document:
    """The trace for a person, in `lang` (`kk`, `ru`, or `both`)."""
    show = private or (lambda _key, value: _plain(value))
    sections: list[Section] = []
    for link in trace.links:
        if not sections or sections[-1].step != link.step:
            sections.append(Section(link.step, W.say(STEPS.get(link.step, (link.step, link.step)), lang)))
        sections[-1].entries.append(_entry(link, lang, show))
    problems = [f"{W.say(STEPS.get(link.step, (link.step, link.step)), lang)}: {W.problem(link.problem, lang)}"
                for link in trace.links if link.problem]
    status = W.say(W.WORDS["complete"] if trace.complete else W.WORDS["broken"], lang)
    return Document(_title(trace, lang, show), trace.complete, status, sections, problems, lang)


def _title(trace: Trace, lang: str, show: Private) -> str:
    first = trace.links[0].facts if trace.links else {}
    if first.get("payment_id"):
        return f"{W.say(W.WORDS['trace'], lang)}: {W.say(W.WORDS['payment'], lang)} {first['payment_id']}"
    who = show("participant_iin", trace.participant_iin) if trace.participant_iin else W.DASH
    parts = [W.code("competition", trace.competition, lang) if trace.competition else None,
             str(trace.season) if trace.season else None]
    return f"{W.say(W.WORDS['trace'], lang)}: {W.say(W.WORDS['participant'], lang)} {who}" + \
        "".join(f" · {p}" for p in parts if p)


def _entry(link: Link, lang: str, show: Private) -> Entry:
    f = link.facts
    if link.step == "field":
        return _field(link, lang, show)
    entry = Entry(link.step, _link_title(link, lang, show))
    for key, value in f.items():
        if key in W.HIDDEN or value in (None, [], {}, ""):
            continue
        if link.step == "eligibility" and key in ("rule", "ok"):
            continue                   # in the title
        entry.rows.append(_row(key, value, lang, show))
    if f.get("rows"):
        entry.table = _score_table(f["rows"], lang)
    entry.sources = [_source(s, lang, sha=True) for s in link.sources if link.step != "scores"]
    entry.problem = W.problem(link.problem, lang) if link.problem else None
    return entry


def _link_title(link: Link, lang: str, show: Private) -> str:
    f, say = link.facts, (lambda pair: W.say(pair, lang))
    step = link.step
    if step == "payment":
        if not f.get("payment_id"):
            return say(W.WORDS["no_payment"])
        return " · ".join([f["payment_id"], W.code("award", f.get("award"), lang),
                           W.code("competition", f.get("competition"), lang), str(f.get("season"))])
    if step == "run":
        return str(f.get("run_id") or link.title)
    if step == "decision":
        return W.code("award", f.get("award"), lang)
    if step == "stage":
        parts = [W.code("stage", f.get("stage"), lang)]
        if f.get("total") is not None:
            parts.append(f"{W.number(f['total'])} {say(W.WORDS['points'])}")
        if f.get("rank") is not None:
            parts.append(f"{say(W.FACTS['rank']).lower()}: {f['rank']}")
        return ", ".join(parts)
    if step == "scores":
        if not f.get("stage"):
            return say(W.WORDS["no_scores"])
        return f"{W.code('stage', f['stage'], lang)}: {len(f.get('rows') or [])} {say(W.WORDS['score_rows'])}"
    if step == "participant":
        if not f:
            return say(W.WORDS["no_participant"])
        return show("full_name", f.get("full_name")) if f.get("full_name") else W.DASH
    if step == "eligibility":
        return f"{f.get('rule')}: {W.say(W.OK.get(f.get('ok'), W.OK[None]), lang)}"
    if step == "field" and not f:
        return say(W.WORDS["no_application"])
    return link.title


def _field(link: Link, lang: str, show: Private) -> Entry:
    f = link.facts
    if not f:
        return Entry("field", W.say(W.WORDS["no_application"], lang),
                     problem=W.problem(link.problem, lang) if link.problem else None)
    key = f.get("field") or ""
    entry = Entry("field", _field_label(key, lang), field=key, field_id=f.get("field_id"))
    entry.rows.append(Row("value", W.say(W.FACTS["value"], lang), field_value(key, f.get("value"), lang, show)))
    if f.get("corrected_by"):
        entry.rows.append(Row("extracted", W.say(W.FACTS["extracted"], lang),
                              field_value(key, f.get("extracted"), lang, show)))
        entry.rows.append(Row("corrected_by", W.say(W.FACTS["corrected_by"], lang),
                              f"{f['corrected_by']}, {W.when(f.get('corrected_at'))}"))
    if isinstance(f.get("confidence"), (int, float)):
        entry.rows.append(Row("confidence", W.say(W.FACTS["confidence"], lang), W.percent(f["confidence"])))
    if f.get("problem") and not f.get("corrected_by"):
        entry.rows.append(Row("problem", W.say(W.FACTS["problem"], lang), _field_problem(f["problem"], lang)))
    entry.sources = [_source(s, lang, sha=False) for s in link.sources]
    entry.problem = W.problem(link.problem, lang) if link.problem else None
    return entry


def _field_label(key: str, lang: str) -> str:
    from mugalim.review.labels import FIELDS
    return W.say(FIELDS[key], lang) if key in FIELDS else key


def _field_problem(text: str, lang: str) -> str:
    from mugalim.review.labels import problem_label
    return problem_label(text, lang)


def field_value(key: str, value: Any, lang: str, show: Private) -> str:
    """An application field's value for a person: dates `dd.mm.yyyy`, the category as words, the rest through
    `show` (which masks what the reader may not see)."""
    if value is None or value == "" or value == []:
        return W.DASH
    if key in _DAYS:
        return W.day(value)
    if key == "qualification_category":
        return W.code(key, value, lang)
    return show(key, value)


def _row(key: str, value: Any, lang: str, show: Private) -> Row:
    label = W.say(W.FACTS.get(key, (key, key)), lang)
    if isinstance(value, dict):
        return Row(key, label, lines=_dict_lines(key, value, lang))
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return Row(key, label, lines=[_item_line(key, v, lang, show) for v in value])
    if isinstance(value, list):
        return Row(key, label, "; ".join(_value(key, v, lang, show) for v in value))
    return Row(key, label, _value(key, value, lang, show))


def _value(key: str, value: Any, lang: str, show: Private) -> str:
    if value is None or value == "":
        return W.DASH
    if isinstance(value, bool):
        return W.yes_no(value, lang)
    if key in _MONEY:
        return W.tenge(value)
    if key in _MOMENTS:
        return W.when(value)
    if key in _DECIMALS or isinstance(value, float):
        return W.number(value)
    if key in W.VALUES:
        return W.code(key, value, lang)
    if key in _REASONS:
        return _reason(value, lang)
    if key == "kind":
        return str(value).upper()
    return show(key, value)


def _dict_lines(key: str, value: dict[str, Any], lang: str) -> list[str]:
    if key == "rounds":
        return [f"{W.say(W.WORDS['round'], lang)} {k}: {W.number(v)}" for k, v in value.items()]
    return [f"{W.say(W.FACTS.get(k, (k, k)), lang)}: {_plain(v)}" for k, v in value.items()]


def _item_line(key: str, item: dict[str, Any], lang: str, show: Private) -> str:
    """One element of a nested fact (an event of a payment, a rejection, a tie decision) as a line."""
    say = (lambda k: W.say(W.FACTS.get(k, (k, k)), lang))
    if key == "events":
        line = f"{W.when(item.get('at'))} — {W.code('event', item.get('event'), lang)}"
        extra = [f"{say('run_id')} {item['run_id']}" if item.get("run_id") else None,
                 f"{say('actor')}: {item['actor']}" if item.get("actor") else None,
                 f"{say('reason')}: {_reason(item['reason'], lang)}" if item.get("reason") else None]
        extra = [e for e in extra if e]
        return line + (f" ({'; '.join(extra)})" if extra else "")
    if key == "rejected":
        return f"{item.get('rule')}: {_reason(item.get('reason'), lang) or W.DASH}"
    if key == "tie_decisions":
        where = " · ".join(x for x in (W.code("stage", item.get("stage"), lang), item.get("unit")) if x)
        place = f", {say('place').lower()} {item['place']}" if item.get("place") is not None else ""
        return f"{where}: {item.get('decision') or W.DASH}{place}"
    return "; ".join(f"{say(k)}: {_value(k, v, lang, show)}" for k, v in item.items() if v not in (None, ""))


def _score_table(rows: list[dict[str, Any]], lang: str) -> tuple[list[str], list[list[str]]]:
    keys = ("unit", "round", "member_id", "score", "file", "row")
    head = [W.say(W.FACTS[k], lang) for k in keys]
    return head, [[W.number(r[k]) if k == "score" else W.code(k, r.get(k), lang) if k == "unit" else _plain(r.get(k))
                   for k in keys] for r in rows]


def _source(s: Source, lang: str, *, sha: bool) -> SourceView:
    say = (lambda k: W.say(W.WORDS[k], lang))
    where = ""
    if s.row is not None:
        where += f", {say('row')} {s.row}"
    if s.page is not None:
        where += f", {say('page')} {s.page}"
    box = "(" + ", ".join(f"{c:.0f}" for c in s.box) + ")" if s.box is not None else None
    return SourceView(s.file, where, s.sha256 if sha else None, s.document_id, s.page, box)


def _reason(value: Any, lang: str) -> str:
    """A reason from another step in the people's words: a message of the catalog (a Message, or its `{"id",
    "params"}` as stored) as the catalog says it, an English reason as the dossier step words it
    (`validators.wording`), anything else as it is."""
    if value is None or value == "":
        return ""
    try:
        from mugalim.messages import Message
        from validators.wording import localize
    except Exception:  # noqa: BLE001 - the catalog is optional here: without it a reason is shown as it is
        return _plain(value)
    if isinstance(value, dict) and set(value) == {"id", "params"}:
        value = Message.from_dict(value) or ""
    if not isinstance(value, str):
        return _plain(value)
    kk, ru = localize(value, "kk") or value, localize(value, "ru") or value
    return W.say((kk, ru), lang)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return W.DASH
    if isinstance(value, bool):
        return W.yes_no(value)
    if isinstance(value, float):
        return W.number(value)
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)
