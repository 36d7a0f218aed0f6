"""The trace as text for a terminal: the document (`mugalim.trace.document`) in Kazakh and Russian — or one of them —
with labelled lines, words for codes, dates in Almaty time and tenge with spaces. Personal data (IIN, phones,
address, ID-document number, IBAN) is masked unless the person asks for it in clear (`--unmasked`): a terminal's
scrollback is a log too. `mugalim trace --json` gives programs the trace's facts as they are."""
from __future__ import annotations

from typing import Any

from mugalim.identifiers import mask
from mugalim.review.labels import shown
from mugalim.trace import words as W
from mugalim.trace.document import Document, Entry, SourceView, document
from mugalim.trace.evidence import PERSONAL
from mugalim.trace.model import Trace

_MASKED_FACTS = ("participant_iin", "iban")


def render_text(trace: Trace, *, unmasked: bool = False, lang: str = "both") -> str:
    """The trace as a document for a terminal, in `lang` (`kk`, `ru`, or `both`: "kk / ru")."""
    out = "\n".join(_lines(document(trace, lang=lang, private=_private(unmasked))))
    iin = trace.participant_iin
    # The IIN also names files (outbox/<season>/dossiers/<participant_iin>.json): masked wherever it appears.
    return out if unmasked or not iin else out.replace(iin, mask(iin))


def _private(unmasked: bool) -> Any:
    def show(key: str, value: Any) -> str:
        if unmasked or not (key in PERSONAL or key in _MASKED_FACTS):
            return shown(value)
        if isinstance(value, list):
            return ", ".join(mask(str(v)) for v in value)
        return mask(str(value))
    return show


def _lines(doc: Document) -> list[str]:
    say = (lambda key: W.say(W.WORDS[key], doc.lang))
    mark = "✓" if doc.complete else "✗"
    lines = [doc.title, f"{say('status')}: {mark} {doc.status}"]
    for section in doc.sections:
        lines += ["", f"■ {section.heading}"]
        for entry in section.entries:
            lines += _field(entry, doc.lang) if section.step == "field" else _entry(entry, doc.lang)
    if doc.problems:
        lines += ["", f"{say('problems')}:"] + [f"  ✗ {p}" for p in doc.problems]
    return lines


def _entry(entry: Entry, lang: str) -> list[str]:
    out = [f"  {entry.title}"]
    width = max((len(r.label) for r in entry.rows), default=0)
    for row in entry.rows:
        if row.lines:
            out.append(f"      {row.label}:")
            out += [f"        • {line}" for line in row.lines]
        else:
            out.append(f"      {row.label + ':':<{width + 1}} {row.value}")
    if entry.table:
        head, rows = entry.table
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
        out.append("      " + "  ".join(f"{h:<{w}}" for h, w in zip(head, widths)).rstrip())
        out += ["      " + "  ".join(f"{c:<{w}}" for c, w in zip(r, widths)).rstrip() for r in rows]
    out += [f"      ← {_source(s, lang)}" for s in entry.sources]
    if entry.problem:
        out.append(f"      ✗ {entry.problem}")
    return out


def _field(entry: Entry, lang: str) -> list[str]:
    """An application field on one line: its value, then who corrected it and how sure the reading was, then where
    on the scan it was read."""
    if not entry.rows:
        return [f"  {entry.title}"] + ([f"      ✗ {entry.problem}"] if entry.problem else [])
    value, rest = entry.rows[0], entry.rows[1:]
    line = f"  {entry.title}: {value.value}"
    if rest:
        line += "  (" + "; ".join(f"{r.label.lower()}: {r.value}" for r in rest) + ")"
    if entry.sources:
        line += "  ← " + "; ".join(_source(s, lang) for s in entry.sources)
    return [line] + ([f"      ✗ {entry.problem}"] if entry.problem else [])


def _source(s: SourceView, lang: str) -> str:
    text = s.file + s.where
    if s.box:
        text += f", {W.say(W.WORDS['box'], lang)} {s.box}"
    if s.sha256:
        text += f" · SHA-256 {s.sha256}"
    return text
