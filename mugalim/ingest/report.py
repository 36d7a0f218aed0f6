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
from mugalim.messages import DEFAULT, said, word

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
    language: str = DEFAULT                 # what `summary` is said in: the season's language (not in `to_dict`)

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

    def summary(self, lang: str | None = None) -> str:
        """The table staff read, in `lang` (default: the report's `language`; `en` for engineers): the counts, then
        each file or batch that needs a look with its reason (the catalog's words; a reason not in the catalog yet in
        English)."""
        lang = lang or self.language
        counts = [("batches_taken", len(self.batches_taken)), ("batches_waiting", len(self.batches_waiting)),
                  ("archived", self.archived), ("duplicates", len(self.duplicates)),
                  ("quarantined", len(self.quarantined)), ("dossiers_ready", len(self.dossiers_ready)),
                  ("dossiers_waiting", len(self.dossiers_waiting))]
        labels = [word(f"cli.ingest.{key}", lang) for key, _ in counts]
        width = max(22, *(len(label) + 2 for label in labels))
        lines = [word("cli.ingest.title", lang)]
        lines += [f"  {label:<{width}}{n:>5}" for label, (_, n) in zip(labels, counts)]
        said_of = lambda r: said(r.get("reason"), lang)  # noqa: E731
        lines += _section(word("cli.ingest.s_batches_waiting", lang),
                          [f"{w['batch']}: {said_of(w)}" for w in self.batches_waiting])
        lines += _section(word("cli.ingest.s_quarantined", lang),
                          [f"{q['batch']}/{q['path']}: {said_of(q)}" for q in self.quarantined])
        lines += _section(word("cli.ingest.s_duplicates", lang),
                          [f"{d['batch']}/{d['path']}: {said_of(d)}" for d in self.duplicates])
        lines += _section(word("cli.ingest.s_notes", lang), [_note(n, lang) for n in self.notes])
        lines += _section(word("cli.ingest.s_later", lang),
                          [f"{x['batch']}/{x['path']}: {said_of(x)}" for x in self.left_for_later])
        lines += _section(word("cli.ingest.s_dossiers_waiting", lang),
                          [f"{d['batch']} / {d['dossier']}: {said_of(d)}" for d in self.dossiers_waiting])
        return redact("\n".join(lines))


def _note(n: dict[str, Any], lang: str) -> str:
    where = f"{n['batch']}/{n['path']}"
    if n.get("row"):
        where = word("cli.ingest.row", lang, where=where, row=n["row"])
    return f"{where}: {said(n['reason'], lang)}"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title}:"] + [f"  - {shown(i)}" for i in items] if items else []
