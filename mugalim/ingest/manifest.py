"""`manifest.csv` (spec/data-layout.md): which dossier metadata goes with which file of a batch.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2. A problem with the
file as a whole (not UTF-8, an unknown or missing column) refuses the whole manifest; a problem with one row makes
that row bad — it is reported with its number, and the dossier it names waits for a person — while the other rows
are used.
"""
from __future__ import annotations

import csv
import io
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date

from mugalim.errors import RejectedInput
from mugalim.identifiers import bin_problem
from mugalim.messages import Message, reason_of

COLUMNS = ("path", "competition", "season", "organization_bin", "organization_name", "organization_type",
           "district", "submitted_on")
METADATA = COLUMNS[1:]
COMPETITIONS = ("teacher_of_year", "grants")
ORGANIZATION_TYPES = ("preschool", "secondary", "additional", "tvet")


@dataclass(frozen=True)
class ManifestRow:
    row: int
    path: str                         # normalized, relative to the batch folder, `/`-separated
    values: dict[str, object]         # the metadata columns that are filled in, parsed (season int, dates date)


@dataclass(frozen=True)
class BadRow:
    row: int
    reason: str
    path: str | None = None           # the path the row names, when it is inside the batch (to find its dossier)


class _RowError(ValueError):
    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.path = path


@dataclass
class Manifest:
    rows: list[ManifestRow] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)


def parse_manifest(data: bytes, *, batch_files: set[str]) -> Manifest:
    """Parse and check `manifest.csv`. `batch_files` are the paths of the files in the batch (never the file system:
    a path is checked against what the batch holds, so nothing outside it is ever looked at).
    RejectedInput when the file as a whole cannot be used."""
    reader = _reader(_decode(data))
    header = [h.strip() for h in next(reader, [])]
    _check_header(header)
    manifest = Manifest()
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        try:
            row = _parse_row(number, header, cells, batch_files)
        except _RowError as e:
            manifest.bad_rows.append(BadRow(number, reason_of(e), e.path))
            continue
        if row.path in seen:
            manifest.bad_rows.append(BadRow(number, Message("manifest.twice", path=row.path, row=seen[row.path]),
                                            row.path))
            continue
        seen[row.path] = number
        manifest.rows.append(row)
    return manifest


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RejectedInput(f"manifest.csv is not UTF-8 (byte {e.start + 1}); save it as 'CSV UTF-8'") from None


def _reader(text: str) -> "csv._reader":
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","   # Excel in a Russian locale writes `;`
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _check_header(header: list[str]) -> None:
    if not any(header):
        raise RejectedInput("manifest.csv is empty: it needs the header row " + ",".join(COLUMNS))
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise RejectedInput(f"manifest.csv row 1: unknown column(s) {', '.join(repr(u) for u in unknown)}; "
                            f"the columns are {','.join(COLUMNS)}")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RejectedInput(f"manifest.csv row 1: missing column(s) {', '.join(missing)}")
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        raise RejectedInput(f"manifest.csv row 1: column(s) {', '.join(doubled)} appear twice")


def _parse_row(number: int, header: list[str], cells: list[str], batch_files: set[str]) -> ManifestRow:
    if len(cells) != len(header):
        raise _RowError(Message("manifest.cells", n=len(cells), header=len(header)))
    raw = {h: c.strip() for h, c in zip(header, cells)}
    try:
        path = check_path(raw["path"], batch_files)
    except ValueError as e:
        raise _RowError(reason_of(e)) from None
    values: dict[str, object] = {}
    for column in METADATA:
        if raw[column]:
            try:
                values[column] = _PARSERS[column](raw[column])
            except ValueError as e:
                raise _RowError(reason_of(e), path) from None
    return ManifestRow(number, path, values)


def check_path(raw: str, batch_files: set[str]) -> str:
    """The row's path, normalized: relative, inside the batch, naming a file (or a dossier folder) it holds."""
    if not raw:
        raise ValueError(Message("manifest.path_empty"))
    cleaned = raw.replace("\\", "/")
    if cleaned.startswith("/") or re.match(r"^[A-Za-z]:", cleaned):
        raise ValueError(Message("manifest.path_absolute", path=raw))
    normalized = posixpath.normpath(cleaned)
    if normalized == ".." or normalized.startswith("../"):
        raise ValueError(Message("manifest.path_escapes", path=raw))
    if normalized not in batch_files and not any(f.startswith(normalized + "/") for f in batch_files):
        raise ValueError(Message("manifest.path_missing", path=raw))
    return normalized


def _competition(v: str) -> str:
    if v not in COMPETITIONS:
        raise ValueError(Message("manifest.one_of", column="competition", value=v, allowed=list(COMPETITIONS)))
    return v


def _season(v: str) -> int:
    if not re.fullmatch(r"\d{4}", v):
        raise ValueError(Message("manifest.season", value=v))
    return int(v)


def _bin(v: str) -> str:
    problem = bin_problem(v)
    if problem:
        raise ValueError(Message("manifest.bin", value=v, problem=problem))
    return v


def _organization_type(v: str) -> str:
    if v not in ORGANIZATION_TYPES:
        raise ValueError(Message("manifest.one_of", column="organization_type", value=v,
                                 allowed=list(ORGANIZATION_TYPES)))
    return v


def _submitted_on(v: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise ValueError(Message("manifest.date_format", value=v))
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise ValueError(Message("manifest.date_none", value=v)) from None


_PARSERS = {
    "competition": _competition,
    "season": _season,
    "organization_bin": _bin,
    "organization_name": str,
    "organization_type": _organization_type,
    "district": str,
    "submitted_on": _submitted_on,
}
