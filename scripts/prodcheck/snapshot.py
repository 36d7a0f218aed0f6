"""What a run produced, in a form two runs can be compared by: the outbox's files and mugalim's tables.

Surrogate keys, timestamps and the digests of time-stamped files differ between two correct runs (mapped tasks
finish in any order, at any time), so they are left out; everything else must be identical — in particular the number of rows of every table, which is
where a document extracted twice or a payment made twice would show."""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, create_engine, select

_VOLATILE_TEXT = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"), "<time>"),
    (re.compile(r"(?<!\d)\d{8}T\d{6}(\.\d+)?Z?"), "<time>"),        # compact: payment run ids, report folders
    # Digests of files that carry their creation time (pain.001.xml in a manifest, an XLSX score sheet the sample
    # generator writes anew): the files themselves are compared where their content is stable.
    (re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])"), "<sha256>"),
    # …and their sizes: a spreadsheet is a zip whose compressed size moves by a byte with the time written in it.
    (re.compile(r'"bytes": \d+'), '"bytes": <n>'),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
    (re.compile(r"(manual|scheduled|asset_triggered)__[\w:+.\-]+"), "<run_id>"),
    # The score inbox's files as last audited, by (name, size, mtime in ns): a hint that spares re-hashing them,
    # which differs between two runs over files generated anew.
    (re.compile(r'(\["[^"\]]*", )\d+, \d{16,}\]'), r"\1<n>, <mtime>]"),
]
_TEXT_SUFFIXES = {".json", ".csv", ".txt", ".xml", ".md", ".yaml", ".yml"}


@dataclass(frozen=True)
class Snapshot:
    files: dict[str, str]                      # outbox path (normalized) → digest of its normalized content, or
                                               # "binary" for PDFs, spreadsheets and HTML reports (their presence)
    tables: dict[str, Counter]                 # table → multiset of rows without surrogate keys and timestamps
    texts: dict[str, str] = field(default_factory=dict)   # outbox path → normalized text (to show a difference)

    def row_counts(self) -> dict[str, int]:
        return {t: sum(c.values()) for t, c in self.tables.items()}


def take(data_dir: Path, db_url: str) -> Snapshot:
    texts: dict[str, str] = {}
    return Snapshot(files=_outbox(data_dir / "outbox", texts), tables=_tables(db_url), texts=texts)


def _outbox(outbox: Path, texts: dict[str, str]) -> dict[str, str]:
    files = {}
    for path in sorted(p for p in outbox.rglob("*") if p.is_file()) if outbox.exists() else []:
        rel = normalize(str(path.relative_to(outbox)))   # a payment run's folder is named by its time
        if path.suffix.lower() in _TEXT_SUFFIXES:
            texts[rel] = normalize(path.read_text(encoding="utf-8"))
            files[rel] = hashlib.sha256(texts[rel].encode()).hexdigest()
        else:
            files[rel] = "binary"   # they carry their creation time (and HTML reports, ids): presence only
    return files


def normalize(text: str) -> str:
    for pattern, repl in _VOLATILE_TEXT:
        text = pattern.sub(repl, text)
    return text


def _tables(db_url: str) -> dict[str, Counter]:
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    meta = MetaData()
    meta.reflect(engine)
    out: dict[str, Counter] = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            keep = [c for c in table.columns if not _volatile(c)]
            rows = conn.execute(select(*keep)).all() if keep else conn.execute(select(table)).all()
            out[table.name] = Counter(json.dumps([_plain(v) for v in row], default=str, ensure_ascii=False)
                                      for row in rows) if keep else Counter({"<row>": len(rows)})
    engine.dispose()
    return out


def _volatile(column: Any) -> bool:
    """Surrogate keys (integer `id`, `*_id`) and timestamps."""
    if isinstance(column.type, DateTime):
        return True
    return isinstance(column.type, Integer) and (column.name == "id" or column.name.endswith("_id"))


def _plain(value: Any) -> Any:
    return normalize(value) if isinstance(value, str) else value


def _first_difference(a: str | None, b: str | None) -> str:
    """The first line that differs, digit runs masked (the outbox holds IINs)."""
    if a is None or b is None:
        return ""
    for la, lb in itertools.zip_longest(a.splitlines(), b.splitlines(), fillvalue="<none>"):
        if la != lb:
            mask = lambda t: re.sub(r"\d{6,}", "<digits>", t.strip())[:160]  # noqa: E731
            return f" (first: {mask(la)!r} vs {mask(lb)!r})"
    return ""


def differences(a: Snapshot, b: Snapshot, limit: int = 20) -> list[str]:
    """What differs between an undisturbed run `a` and a disturbed run `b`, for a person (empty when equal)."""
    out = []
    for rel in sorted(set(a.files) | set(b.files)):
        if rel not in b.files:
            out.append(f"outbox/{rel}: missing after the killed worker")
        elif rel not in a.files:
            out.append(f"outbox/{rel}: only after the killed worker")
        elif a.files[rel] != b.files[rel]:
            out.append(f"outbox/{rel}: content differs{_first_difference(a.texts.get(rel), b.texts.get(rel))}")
    for name in sorted(set(a.tables) | set(b.tables)):
        ra, rb = a.tables.get(name, Counter()), b.tables.get(name, Counter())
        if ra != rb:
            na, nb = sum(ra.values()), sum(rb.values())
            dup = sum(1 for _, n in rb.items() if n > ra.get(_, 0))
            out.append(f"table {name}: {na} rows undisturbed, {nb} after the killed worker"
                       f" ({dup} distinct rows more often or new)")
    return out[:limit]
