"""What one ingest run did: small, JSON-friendly (for XCom), printable as the table the demo shows.

It holds batch names, paths inside batches and reasons — never the content of a document. Back offices often name
files after the teacher's IIN, so every IIN in a name is masked (`redact`) in what this prints or returns. A name
may hold a newline or another control character: what is printed or written as lines shows it escaped (`shown`), so
a name cannot forge a line of a log or of a reason file (issue 16).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mugalim.identifiers import is_valid_iin, mask

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional overrides and isolates
# (which make "exe.pdf" look like "fdp.exe").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """`text` on one line: each control or direction-changing character written as an escape (`\\n`, `\\x1b`,
    `\\u202e`). A backslash is left as it is, so names already escaped for the database (`\\xcf`) read the same."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def _escape(ch: str) -> str:
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def shortened(text: str, limit: int = 120) -> str:
    """`text`, or its start and end around `…` when it is longer than `limit` characters (never inside a letter)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def redact(text: str) -> str:
    """`text` with every valid IIN in it masked (`********1236`)."""
    return _TWELVE_DIGITS.sub(lambda m: mask(m.group()) if is_valid_iin(m.group()) else m.group(), text)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    return value


@dataclass
class IngestReport:
    batches_taken: list[str] = field(default_factory=list)
    batches_waiting: list[dict[str, str]] = field(default_factory=list)      # {batch, reason}
    archived: int = 0
    duplicates: list[dict[str, str]] = field(default_factory=list)           # {batch, path, reason}
    quarantined: list[dict[str, str]] = field(default_factory=list)          # {batch, path, reason}
    notes: list[dict[str, Any]] = field(default_factory=list)                # {batch, path, [row], reason}
    left_for_later: list[dict[str, str]] = field(default_factory=list)       # {batch, path, reason}
    dossiers_ready: list[dict[str, Any]] = field(default_factory=list)       # {batch, dossier, documents}
    dossiers_waiting: list[dict[str, str]] = field(default_factory=list)     # {batch, dossier, reason}

    def to_dict(self) -> dict[str, Any]:
        return _redacted({
            "batches_taken": list(self.batches_taken),
            "batches_waiting": list(self.batches_waiting),
            "files": {"archived": self.archived, "duplicate": len(self.duplicates),
                      "quarantined": len(self.quarantined), "left_for_later": len(self.left_for_later)},
            "duplicates": list(self.duplicates),
            "quarantined": list(self.quarantined),
            "notes": list(self.notes),
            "left_for_later": list(self.left_for_later),
            "dossiers": {"ready": len(self.dossiers_ready), "waiting": len(self.dossiers_waiting)},
            "dossiers_ready": list(self.dossiers_ready),
            "dossiers_waiting": list(self.dossiers_waiting),
        })

    def summary(self) -> str:
        lines = [
            "Ingest",
            f"  batches taken         {len(self.batches_taken):>5}",
            f"  batches waiting       {len(self.batches_waiting):>5}",
            f"  files archived        {self.archived:>5}",
            f"  files duplicate       {len(self.duplicates):>5}",
            f"  files quarantined     {len(self.quarantined):>5}",
            f"  dossiers ready        {len(self.dossiers_ready):>5}",
            f"  dossiers waiting      {len(self.dossiers_waiting):>5}",
        ]
        lines += _section("Batches waiting", [f"{w['batch']}: {w['reason']}" for w in self.batches_waiting])
        lines += _section("Quarantined", [f"{q['batch']}/{q['path']}: {q['reason']}" for q in self.quarantined])
        lines += _section("Duplicates", [f"{d['batch']}/{d['path']}: {d['reason']}" for d in self.duplicates])
        lines += _section("Notes", [_note(n) for n in self.notes])
        lines += _section("Left for a later run",
                          [f"{x['batch']}/{x['path']}: {x['reason']}" for x in self.left_for_later])
        lines += _section("Dossiers waiting for a person",
                          [f"{d['batch']} / {d['dossier']}: {d['reason']}" for d in self.dossiers_waiting])
        return redact("\n".join(lines))


def _note(n: dict[str, Any]) -> str:
    where = f"{n['batch']}/{n['path']}" + (f" row {n['row']}" if n.get("row") else "")
    return f"{where}: {n['reason']}"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title}:"] + [f"  - {shown(i)}" for i in items] if items else []
