"""Personal data in logs: every IIN, phone number (in any written form), home address and identity-document number
of the sample data is looked for in every log file; a masked form (`********0016`) is not a hit."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mugalim.identifiers import is_valid_iin, mask, normalize_phone

PERSON_KEYS = {"iin": "IIN", "participant_iin": "IIN", "id_document_number": "ID document",
               "home_address": "address", "address": "address", "phones": "phone", "phone": "phone"}
_GROUP = re.compile(r"\d+")
_PHONE_GAP = re.compile(r"[\s().+\-]{0,3}")   # what people put between the digits: +7 (701) 123-45-67
_TOKEN = re.compile(r"(?<!\d)\d{6,14}(?!\d)")


@dataclass
class Needles:
    """What must not appear in clear: IINs and document numbers as digit tokens, phones by their 10 national
    digits whatever the separators, addresses as normalized text."""

    tokens: dict[str, str] = field(default_factory=dict)      # digits → kind
    phones: set[str] = field(default_factory=set)              # 10 national digits
    addresses: set[str] = field(default_factory=set)           # casefolded, single spaces

    def add(self, kind: str, value: Any) -> None:
        if value is None or value == "":
            return
        if kind == "phone":
            for v in value if isinstance(value, (list, tuple)) else [value]:
                e164 = normalize_phone(str(v))
                if e164:
                    self.phones.add(e164[2:])
        elif kind == "address":
            text = _norm(str(value))
            if len(text) >= 8:
                self.addresses.add(text)
        else:
            digits = re.sub(r"\D", "", str(value))
            if len(digits) >= 6:
                self.tokens[digits] = kind

    def __len__(self) -> int:
        return len(self.tokens) + len(self.phones) + len(self.addresses)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind in self.tokens.values():
            out[kind] = out.get(kind, 0) + 1
        out["phone"] = len(self.phones)
        out["address"] = len(self.addresses)
        return out


@dataclass(frozen=True)
class Hit:
    path: Path
    line: int
    kind: str
    masked: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind} {self.masked}"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def from_objects(needles: Needles, objects: Iterable[Any]) -> None:
    """Collect personal data from generator results and parsed files: any attribute or key named like a
    personal field (iin, phones, id_document_number, address / home_address), at any depth."""
    for obj in objects:
        _walk(needles, obj, depth=0)


def _walk(needles: Needles, obj: Any, depth: int) -> None:
    if depth > 6 or obj is None or isinstance(obj, (str, bytes, int, float, bool, Path)):
        return
    if isinstance(obj, dict):
        items = list(obj.items())
    elif isinstance(obj, (list, tuple, set)):
        items = [(None, v) for v in obj]
    elif hasattr(obj, "__dict__") or hasattr(obj, "__dataclass_fields__"):
        items = [(k, getattr(obj, k, None)) for k in _attributes(obj)]
    else:
        return
    for key, value in items:
        if isinstance(key, str) and key in PERSON_KEYS:
            needles.add(PERSON_KEYS[key], value)
        if isinstance(key, str) and is_valid_iin(key):
            needles.add("IIN", key)
        _walk(needles, value, depth + 1)


def _attributes(obj: Any) -> list[str]:
    names = list(getattr(obj, "__dataclass_fields__", {}) or vars(obj))
    return [n for n in names if not n.startswith("_")]


def from_data_files(needles: Needles, data_dir: Path) -> None:
    """Every valid IIN written in the data folder's text files, and the personal columns of its CSV and JSON."""
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".csv", ".json", ".txt", ".yaml", ".yml"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for token in _TOKEN.findall(text):
            if len(token) == 12 and is_valid_iin(token):
                needles.add("IIN", token)
        if path.suffix.lower() == ".json":
            try:
                from_objects(needles, [json.loads(text)])
            except json.JSONDecodeError:
                pass
        elif path.suffix.lower() == ".csv":
            import csv
            import io
            from_objects(needles, [list(csv.DictReader(io.StringIO(text)))])


def from_database(needles: Needles, db_url: str) -> None:
    """Personal columns of mugalim's tables (`*iin*`, phones, addresses, document numbers), and the same keys inside
    JSON text columns (the extracted application fields)."""
    from sqlalchemy import MetaData, String, Text, create_engine, select

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            cols = [c for c in table.columns if isinstance(c.type, (String, Text)) or "json" in str(c.type).lower()]
            for row in conn.execute(select(*cols)).mappings() if cols else []:
                from_objects(needles, [_row_values(dict(row))])
    engine.dispose()


def _row_values(row: dict[str, Any]) -> dict[str, Any]:
    """A row as a dict the walk understands: JSON text decoded, `*iin*` columns named `iin`, and a (field, value)
    pair — the extracted fields' table — turned into {field: value}."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, str) and value[:1] in "{[\"":
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                pass
        name = "iin" if "iin" in key and isinstance(value, str) else key
        out[name if name not in out else key] = value
    field_name = row.get("field") or row.get("key")
    if isinstance(field_name, str) and field_name in PERSON_KEYS and "value" in out:
        out[field_name] = out["value"]
    return out


def log_files(log_dirs: Iterable[Path], data_dir: Path) -> Iterator[Path]:
    """Every file under the log folders (Airflow's task and component logs, the processes' output), and the files
    named `*.log` in the data folder (mugalim's own logs, if a step writes one). The data folder's other files
    (results.json, dossiers) carry IINs by contract: they are outputs, not logs."""
    for root in log_dirs:
        if root.exists():
            yield from (p for p in sorted(root.rglob("*")) if p.is_file())
    if data_dir.exists():
        yield from (p for p in sorted(data_dir.rglob("*")) if p.is_file() and ".log" in p.name)


def scan(needles: Needles, files: Iterable[Path]) -> tuple[int, list[Hit]]:
    """(number of files searched, hits). JSON log lines are decoded first, so `\\u0430`-escaped Cyrillic is
    searched as the text it stands for."""
    hits: list[Hit] = []
    count = 0
    for path in files:
        count += 1
        with path.open(encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                found = dict.fromkeys(_line_hits(needles, _decoded(line)))
                hits += [Hit(path, n, kind, masked) for kind, masked in found]
    return count, hits


def _decoded(line: str) -> str:
    s = line.strip()
    if s.startswith("{") and "\\u" in s:
        try:
            return line + " " + json.dumps(json.loads(s), ensure_ascii=False)
        except json.JSONDecodeError:
            return line
    return line


def _line_hits(needles: Needles, line: str) -> Iterator[tuple[str, str]]:
    for token in _TOKEN.findall(line):
        if token in needles.tokens:
            yield needles.tokens[token], mask(token)
    for national in _phone_candidates(line):
        if national in needles.phones:
            yield "phone", mask(national)
    if needles.addresses:
        folded = _norm(line)
        for address in needles.addresses:
            if address in folded:
                yield "address", f"of {len(address)} characters"


def _phone_candidates(line: str) -> Iterator[str]:
    """The 10 national digits of every way a phone number could be written in `line`: consecutive digit groups
    joined across phone separators, with or without the leading 7 / 8."""
    groups = list(_GROUP.finditer(line))
    for i, first in enumerate(groups):
        digits, prev = "", None
        for g in groups[i:]:
            if prev is not None and not _PHONE_GAP.fullmatch(line, prev.end(), g.start()):
                break
            digits += g.group()
            if len(digits) > 11:
                break
            if len(digits) == 10:
                yield digits
            elif len(digits) == 11 and digits[0] in "78":
                yield digits[1:]
            prev = g


def self_test(needles: Needles, folder: Path) -> None:
    """Prove the search finds what it looks for before trusting its zero: one value of each kind, written the way
    a careless log line would write it (the phone as `8 (701) 123-45-67`), must be found in a scratch file."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / "canary.log"
    lines = []
    for kind in sorted(set(needles.tokens.values())):
        lines.append(f"INFO {kind}: " + next(t for t, k in needles.tokens.items() if k == kind))
    if needles.phones:
        p = sorted(needles.phones)[0]
        lines.append(f"INFO phone 8 ({p[:3]}) {p[3:6]}-{p[6:8]}-{p[8:]}")
    if needles.addresses:
        lines.append('{"event": "address ' + json.dumps(sorted(needles.addresses)[0])[1:-1] + '"}')
    probe.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        _, hits = scan(needles, [probe])
    finally:
        probe.unlink()
    found = {h.line for h in hits}
    if found != set(range(1, len(lines) + 1)):
        missed = [lines[i - 1].split(":")[0] for i in range(1, len(lines) + 1) if i not in found]
        raise AssertionError(f"the log search misses values it was given: {missed}")
