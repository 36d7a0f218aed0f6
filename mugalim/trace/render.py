"""The trace as text for a terminal. Personal data (IIN, phones, address, ID-document number, IBAN) is masked unless
the person asks for it in clear (`--unmasked`): a terminal's scrollback is a log too."""
from __future__ import annotations

from typing import Any

from mugalim.identifiers import mask
from mugalim.trace.evidence import PERSONAL
from mugalim.trace.model import Link, Source, Trace

_MASKED_FACTS = ("participant_iin", "iban")


def render_text(trace: Trace, *, unmasked: bool = False) -> str:
    lines = [f"TRACE {trace.subject}  —  {'complete' if trace.complete else 'BROKEN'}"]
    step = None
    for link in trace.links:
        if link.step != step:
            step = link.step
            lines.append(f"\n[{link.label}]")
        lines += _link_lines(link, unmasked)
    if trace.problems:
        lines.append("\nBroken links:")
        lines += [f"  ✗ {p}" for p in trace.problems]
    out = "\n".join(lines)
    iin = trace.participant_iin
    # The IIN also names files (outbox/<season>/dossiers/<participant_iin>.json): masked wherever it appears.
    return out if unmasked or not iin else out.replace(iin, mask(iin))


def _link_lines(link: Link, unmasked: bool) -> list[str]:
    if link.step == "field":
        return [_field_line(link, unmasked)]
    out = [f"  {link.title}"]
    for k, v in link.facts.items():
        if k in ("rows", "events") or v in (None, [], {}):
            continue
        out.append(f"      {k}: {_show(k, v, unmasked)}")
    out += _rows(link) + [f"      ← {_source(s)}" for s in link.sources if link.step != "scores"]
    if link.problem:
        out.append(f"      ✗ {link.problem}")
    return out


def _rows(link: Link) -> list[str]:
    rows = link.facts.get("rows") or []
    return [f"      round {r['round']} {r['member_id']}: {r['score']}  ← {r['file']} row {r['row']}" for r in rows]


def _field_line(link: Link, unmasked: bool) -> str:
    f = link.facts
    value = _show(f["field"], f["value"], unmasked, personal=f["field"] in PERSONAL)
    who = f"  corrected by {f['corrected_by']} at {f['corrected_at']}" if f.get("corrected_by") else ""
    conf = f"  conf {f['confidence']:.2f}" if isinstance(f.get("confidence"), (int, float)) else ""
    where = " ".join(_source(s) for s in link.sources)
    line = f"  {f['field']}: {value}{conf}{who}  ← {where}"
    return line + (f"  ✗ {link.problem}" if link.problem else "")


def _source(s: Source) -> str:
    parts = [s.file]
    if s.row is not None:
        parts.append(f"row {s.row}")
    if s.page is not None:
        parts.append(f"page {s.page}")
    if s.box is not None:
        parts.append("box (" + ", ".join(f"{c:.0f}" for c in s.box) + ")")
    if s.sha256:
        parts.append(f"sha256 {s.sha256}")
    return ", ".join(parts)


def _show(key: str, value: Any, unmasked: bool, *, personal: bool = False) -> str:
    if value is None:
        return "—"
    if not unmasked and (personal or key in _MASKED_FACTS):
        if isinstance(value, list):
            return ", ".join(mask(v) for v in value)
        return mask(value)
    return str(value)
