"""Reading the files of `inbox/scores/` (spec/data-layout.md): CSV (UTF-8, header row) or XLSX with the same columns.

A file's kind is the start of its name (`scores…`, `attendance…`, …). Each data row becomes a typed tuple or a
`BadRow` naming the file, the row (as a spreadsheet shows it: the header is row 1) and the reason. A file that is
not CSV/XLSX, has no known kind or lacks a required column is one `BadRow` with `row=None`. Reasons never quote
personal data (IIN, phone): they name the column instead.

A city's score sheet has hundreds of thousands of rows (millions at ten times a city) with few distinct values in
most columns, so the big kinds are typed a column at a time: each distinct value once, through the same functions as
the kind's row converter, which still takes, one by one, every row any column refuses (and so gives the reason).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import partial
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from mugalim.identifiers import iin_problem
from mugalim.text import control_problem

COLUMNS: dict[str, tuple[str, ...]] = {
    "scores": ("season", "competition", "stage", "unit", "round", "participant_iin", "member_id", "score"),
    "attendance": ("season", "competition", "stage", "unit", "round", "member_id", "role", "present"),
    "votes": ("season", "participant_iin", "phone_sha256", "received_at"),
    "presentations": ("season", "participant_iin", "presentation_end"),
    "decisions": ("season", "competition", "stage", "unit", "decision", "participant_iin", "place"),
    "participants": ("season", "competition", "participant_iin", "full_name", "organization_bin", "organization_name",
                     "organization_type", "district", "citizen", "staff_months_at_org",
                     "continuous_pedagogical_months", "work_experience_months", "submitted_on"),
    "history": ("season", "competition", "award", "participant_iin"),
    "commissions": ("season", "competition", "stage", "unit", "member_id", "full_name", "position"),
}
# Columns a file may have beyond COLUMNS (read when present, empty otherwise): the sitting's date and place.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {"attendance": ("held_on", "place")}
COMPETITIONS = ("teacher_of_year", "grants")
STAGES = {"teacher_of_year": ("school", "district", "city"), "grants": ("grants",)}
ROLES = ("chair", "deputy", "secretary", "member")
PLACES = ("grand_prix", "first", "second", "third", "grant")
ORG_TYPES = ("preschool", "secondary", "additional", "tvet")
MILLI = 1000  # scores are kept as integers in thousandths: exact sums in SQL on both backends


PROCEED_WITHOUT = "proceed_without"


class RowError(ValueError):
    """Why one row cannot be taken (a reason for people)."""


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int | None
    reason: str
    season: int | None = None
    competition: str | None = None
    stage: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "reason": self.reason}


@dataclass
class Sheet:
    name: str
    kind: str | None
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def kind_of(name: str) -> str | None:
    low = name.lower()
    return next((k for k in COLUMNS if low.startswith(k)), None)


def read_sheet(path: Path, *, scale: tuple[Decimal, Decimal] | None = None) -> Sheet:
    """Every row of one file, typed or reported bad. Never raises for a bad file: it is reported whole.

    `scale` checks scores against one scale here; without it the check is left to the stage (whose season's
    settings hold the scale), as `load` does."""
    sheet, batches = stream_sheet(path, scale=scale)
    for batch in batches:
        sheet.rows += batch
    return sheet


BATCH = 50_000


def stream_sheet(path: Path, *, scale: tuple[Decimal, Decimal] | None = None, batch: int = BATCH
                 ) -> tuple[Sheet, Iterator[list[tuple[Any, ...]]]]:
    """`read_sheet` a batch of rows at a time (a season's score sheet has millions of rows at city scale ×10: they
    are never all in memory at once). Returns the sheet, whose `rows` stay empty and whose `bad` fills as the
    batches are taken, and the batches. A file that cannot be read is one bad row and no batch: it is read through
    once before any row is given."""
    sheet = Sheet(name=path.name, kind=kind_of(path.name))
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return _whole(sheet, "not a CSV or XLSX file"), iter(())
    if sheet.kind is None:
        return _whole(sheet, f"unknown kind of file: the name must start with one of {', '.join(COLUMNS)}"), iter(())
    try:
        header, rows = (_csv_rows if suffix == ".csv" else _xlsx_rows)(path)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as e:
        return _whole(sheet, f"cannot be read as {suffix[1:].upper()}: {type(e).__name__}"), iter(())
    names = [str(h or "").strip().lower() for h in header]
    missing = [c for c in COLUMNS[sheet.kind] if c not in names]
    if missing:
        return _whole(sheet, f"required column missing: {', '.join(missing)}"), iter(())
    index = [names.index(c) for c in COLUMNS[sheet.kind]]
    index += [names.index(c) if c in names else -1 for c in OPTIONAL_COLUMNS.get(sheet.kind, ())]
    batches = _typed(sheet, rows, index, scale, batch)
    if sheet.kind == "commissions":                   # names are checked across the whole file: one batch
        sheet.rows = [r for b in batches for r in b]
        _one_name_per_member(sheet)
        rows_, sheet.rows = sheet.rows, []
        batches = iter([rows_] if rows_ else [])
    return sheet, batches


def _typed(sheet: Sheet, blocks: Iterator[_Rows], index: list[int],
           scale: tuple[Decimal, Decimal] | None, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The typed rows, at most `batch` at a time, in the file's order; the bad ones go to `sheet.bad`, in order."""
    assert sheet.kind is not None
    parts = _columnar(sheet.kind, scale)
    seen = [_Seen() for _ in parts or ()]
    for block in blocks:
        rows = _typed_block(sheet, block, index, scale, parts, seen)
        yield from (rows[i:i + batch] for i in range(0, len(rows), batch))


def _typed_block(sheet: Sheet, block: _Rows, index: list[int], scale: tuple[Decimal, Decimal] | None,
                 parts: tuple[_Part, ...] | None, seen: list[_Seen]) -> list[tuple[Any, ...]]:
    """One block's rows typed a column at a time (`parts`), each distinct value once; a row any part refuses, a row
    whose first cell is blank and a row of another width than the header's go through the kind's converter one by
    one, which gives the reason (and takes what the parts would not, such as an IIN that lost its leading zeros)."""
    n = len(block.numbers)
    rows: list[tuple[Any, ...]] = []
    doubt: set[int] = set()
    if parts and n:
        cols = [block.columns[i] if i >= 0 else ("",) * n for i in index]
        typed: list[Sequence[Any]] = []
        for part, known in zip(parts, seen):
            keys = cols[part.cols[0]] if len(part.cols) == 1 else list(zip(*(cols[i] for i in part.cols)))
            values, refused = _typed_column(part, keys, known)
            typed += values
            doubt.update(refused)
        first = block.columns[0]            # a blank first cell: maybe a blank row, to be skipped
        if any(not v.strip() for v in set(first)):
            doubt.update(i for i, v in enumerate(first) if not v.strip())
        rows = list(zip(block.numbers, *typed))
        if doubt:
            rows = [r for i, r in enumerate(rows) if i not in doubt]
    one_by_one = sorted(doubt) if parts else range(n)
    slow = block.others + [(block.numbers[i], [c[i] for c in block.columns]) for i in one_by_one]
    slow.sort(key=itemgetter(0))
    convert = CONVERTERS[sheet.kind or ""]
    taken = [r for no, values in slow if (r := _typed_row(sheet, convert, index, scale, no, values)) is not None]
    return sorted(rows + taken, key=itemgetter(0)) if taken and rows else rows or taken


@dataclass
class _Seen:
    """What a part made of the raw values met so far in a file (kept from block to block, up to a bound): their
    typed values, and those it refused."""
    typed: dict[Any, Any] = field(default_factory=dict)
    refused: set[Any] = field(default_factory=set)


def _typed_column(part: _Part, keys: Sequence[Any], seen: _Seen) -> tuple[list[Sequence[Any]], list[int]]:
    """The typed column(s) of one part, each distinct value typed once, and the positions of the values refused."""
    try:
        values = list(map(seen.typed.__getitem__, keys))
    except KeyError:                                   # values not met before: typed now, then the whole column
        new = set(keys).difference(seen.typed)
        if len(seen.typed) + len(new) > _MEMO_MAX:
            seen.typed.clear()
            seen.refused.clear()
            new = set(keys)
        for k in new:
            try:
                seen.typed[k] = part.typed(*(x.strip() for x in k)) if len(part.cols) > 1 else part.typed(k.strip())
            except RowError:
                seen.typed[k] = (None,) * part.width if part.width > 1 else None
                seen.refused.add(k)
        values = list(map(seen.typed.__getitem__, keys))
    bad = seen.refused.intersection(keys) if seen.refused else ()
    refused = [i for i, k in enumerate(keys) if k in bad] if bad else []
    if part.width == 1:
        return [values], refused
    return [list(map(itemgetter(j), values)) for j in range(part.width)], refused


def _typed_row(sheet: Sheet, convert: Callable[[list[str], Any], tuple[Any, ...]], index: list[int],
               scale: tuple[Decimal, Decimal] | None, row_no: int, values: Sequence[str]) -> tuple[Any, ...] | None:
    """One row through the kind's converter: its typed tuple, or None when it is blank or bad (then in `sheet.bad`)."""
    if not any(c.strip() for c in values):
        return None
    picked = [values[i].strip() if 0 <= i < len(values) else "" for i in index]
    try:
        return (row_no, *convert(picked, scale))
    except RowError as e:
        sheet.bad.append(BadRow(sheet.name, row_no, str(e), *_context(sheet.kind or "", picked)))
        return None


def _one_name_per_member(sheet: Sheet) -> None:
    """A member named twice for one commission in one file: the first row is kept, the later ones are bad."""
    first: dict[tuple[Any, ...], int] = {}
    kept = []
    for row in sheet.rows:
        key = row[1:6]                     # season, competition, stage, unit, member_id
        if key in first:
            sheet.bad.append(BadRow(sheet.name, row[0], f"member already named in row {first[key]} for this "
                                                        "commission: this row is not used", *row[1:4]))
            continue
        first[key] = row[0]
        kept.append(row)
    sheet.rows = kept


def _whole(sheet: Sheet, reason: str) -> Sheet:
    sheet.bad.append(BadRow(sheet.name, None, reason))
    return sheet


@dataclass(frozen=True)
class _Rows:
    """Consecutive data rows of a file: those as wide as the header column by column (`numbers`: their row numbers,
    as a spreadsheet shows them), the others (blank, or of another width) one by one."""
    numbers: Sequence[int]
    columns: list[Sequence[str]]
    others: list[tuple[int, Sequence[str]]]


def _rows_of(start: int, records: list[list[str]], width: int) -> _Rows:
    """Records numbered from `start` as a block of rows."""
    if set(map(len, records)) <= {width}:
        return _Rows(range(start, start + len(records)), _columns(records, width), [])
    wide = [(n, r) for n, r in enumerate(records, start) if len(r) == width]
    return _Rows([n for n, _ in wide], _columns([r for _, r in wide], width),
                 [(n, r) for n, r in enumerate(records, start) if len(r) != width])


def _columns(records: list[list[str]], width: int) -> list[Sequence[str]]:
    return list(zip(*records)) if records else [()] * width


def _csv_rows(path: Path) -> tuple[list[str], Iterator[_Rows]]:
    """The header and the data rows, a block at a time, of a UTF-8 CSV read as it streams: the records `csv.reader`
    makes of `str.splitlines` of the whole text. The file is decoded once first, so that a file that is not UTF-8 is
    refused whole before any row is taken; a file without a quote character is then read a line a record, its cells
    split at the commas (what `csv.reader` makes of such lines, without a Python call per row)."""
    plain = not _utf8_quoted(path)
    f = path.open(encoding="utf-8-sig")              # universal newlines, as `read_text`
    chunks = _line_chunks(f)
    if plain:
        first = next(chunks, [])
        header = next(csv.reader(first[:1]), None)
        chunks = chain([first[1:]], chunks)
    else:
        reader = csv.reader(chain.from_iterable(chunks))
        header = next(reader, None)
    if header is None:
        f.close()
        raise ValueError("empty file")
    width = len(header)

    def blocks() -> Iterator[_Rows]:
        start = 2
        with f:
            for lines in chunks if plain else iter(lambda: list(islice(reader, _BLOCK)), []):
                yield _split_lines(start, lines, width) if plain else _rows_of(start, lines, width)
                start += len(lines)
    return header, blocks()


_BLOCK = 20_000    # records of a file with quotes taken at a time (a file without is taken 1 MB of text at a time)


def _line_chunks(f: TextIO, size: int = 1 << 20) -> Iterator[list[str]]:
    """The lines of a text file opened with universal newlines, as `str.splitlines` of the whole text gives them,
    about `size` characters at a time (cut after a newline, so that no line is cut)."""
    rest = ""
    while block := f.read(size):
        block = rest + block
        cut = block.rfind("\n") + 1
        rest = block[cut:]
        if cut:
            yield block[:cut].splitlines()
    if rest:
        yield rest.splitlines()


def _split_lines(start: int, lines: list[str], width: int) -> _Rows:
    """Lines without a quote character as `csv.reader` reads them, one record each: when every line has the header's
    width, their cells are the text between the commas, split for all lines at once."""
    if (width > 1 and set(map(str.count, lines, repeat(","))) == {width - 1}
            and max(map(len, lines)) <= csv.field_size_limit()):
        cells = ",".join(lines).split(",")
        return _Rows(range(start, start + len(lines)), [cells[k::width] for k in range(width)], [])
    return _rows_of(start, list(csv.reader(lines)), width)


def _utf8_quoted(path: Path) -> bool:
    """Whether a file holds a quote character (UnicodeDecodeError when it is not UTF-8)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    quoted = False
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            decoder.decode(block)
            quoted = quoted or b'"' in block
    decoder.decode(b"", final=True)
    return quoted


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[_Rows]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    it = wb.worksheets[0].iter_rows(values_only=True)
    header = [_cell(v) for v in next(it, None) or ()]
    if not header:
        raise ValueError("empty sheet")
    records = [[_cell(v) for v in r] for r in it]
    wb.close()
    return header, iter([_rows_of(2, records, len(header))])


def _cell(v: Any) -> str:
    """An XLSX cell as the text a CSV would carry (8.0 → "8", True → "true", dates in ISO)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


# --- typed fields -------------------------------------------------------------------------------------------------

def _int(v: str, col: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", v):
        raise RowError(f"{col} is not a whole number" if v else f"{col} is empty")
    return int(v)


def _season(v: str) -> int:
    y = _int(v, "season")
    if not 2000 <= y <= 2100:
        raise RowError("season is not a year")
    return y


def _choice(v: str, col: str, allowed: tuple[str, ...]) -> str:
    if v not in allowed:
        raise RowError(f"{col} must be one of {', '.join(allowed)}" + (f", not {v!r}" if v and col != "participant_iin" else ""))
    return v


def _competition_stage(comp: str, stage: str) -> tuple[str, str]:
    _choice(comp, "competition", COMPETITIONS)
    return comp, _choice(stage, "stage", STAGES[comp])


def _iin12(v: str, col: str = "participant_iin") -> str:
    if v.isdigit() and len(v) < 12:
        v = v.zfill(12)  # a spreadsheet that took the IIN for a number lost its leading zeros
    if not (len(v) == 12 and v.isdigit()):
        raise RowError(f"{col} is not 12 digits" if v else f"{col} is empty")
    return v


def _text(v: str, col: str) -> str:
    if not v:
        raise RowError(f"{col} is empty")
    if problem := control_problem(v):
        raise RowError(f"{col} holds {problem}")
    return " ".join(v.split())


def _unit(stage: str, v: str) -> str:
    if stage in ("city", "grants") and v != stage:
        raise RowError(f"unit of the {stage} stage must be {stage!r}")
    return _text(v, "unit")


def _round(v: str) -> int:
    r = _int(v, "round")
    if r < 1:
        raise RowError("round must be 1 or more")
    return r


def score_milli(v: str, scale: tuple[Decimal, Decimal] | None) -> int:
    """A score as an integer count of thousandths, within the season's scale (bounds included)."""
    try:
        d = Decimal(v.replace(",", "."))
    except InvalidOperation:
        raise RowError("score is not a number" if v else "score is empty") from None
    if not d.is_finite():
        raise RowError("score is not a number")
    if scale is not None and not scale[0] <= d <= scale[1]:
        raise RowError(f"score {d} is outside the season's scale {scale[0]}–{scale[1]}")
    m = d * MILLI
    if m != m.to_integral_value():
        raise RowError("score has more than 3 decimal places")
    return int(m)


def _bool(v: str, col: str, *, optional: bool = False) -> bool | None:
    low = v.lower()
    if low in ("true", "1", "yes"):
        return True
    if low in ("false", "0", "no"):
        return False
    if optional and not v:
        return None
    raise RowError(f"{col} must be true or false")


def instant_us(v: str, col: str) -> int:
    """An ISO 8601 time with an offset as microseconds since the epoch (UTC): offsets compare exactly."""
    try:
        t = datetime.fromisoformat(v)
    except ValueError:
        raise RowError(f"{col} is not an ISO 8601 time" if v else f"{col} is empty") from None
    if t.tzinfo is None or t.utcoffset() is None:
        raise RowError(f"{col} has no UTC offset (Almaty is +05:00)")
    delta = t - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _opt_int(v: str, col: str) -> int | None:
    if not v:
        return None
    n = _int(v, col)
    if n < 0:
        raise RowError(f"{col} is negative")
    return n


def _opt_date(v: str, col: str) -> date | None:
    if not v:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        raise RowError(f"{col} is not an ISO date") from None


# --- one converter per kind: values in the spec's column order → the typed tuple stored ---------------------------

def _scores(v: list[str], scale: tuple[Decimal, Decimal] | None) -> tuple[Any, ...]:
    comp, stage = _competition_stage(v[1], v[2])
    return (_season(v[0]), comp, stage, _unit(stage, v[3]), _round(v[4]), _iin12(v[5]), _text(v[6], "member_id"),
            score_milli(v[7], scale))


def _attendance(v: list[str], _scale: Any) -> tuple[Any, ...]:
    comp, stage = _competition_stage(v[1], v[2])
    held_on = _sitting_date(v[8]) if len(v) > 8 else None
    place = _opt_text(v[9], "place") if len(v) > 9 else None
    return (_season(v[0]), comp, stage, _unit(stage, v[3]), _round(v[4]), _text(v[5], "member_id"), _role(v[6]),
            _bool(v[7], "present"), held_on, place)


def _sitting_date(v: str) -> str | None:
    """`held_on`: an ISO date (2026-02-12, or a spreadsheet's date cell) or as typed in Kazakhstan (12.02.2026);
    kept as ISO text."""
    if not v:
        return None
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", v)
    try:
        d = date(int(m[3]), int(m[2]), int(m[1])) if m else date.fromisoformat(v[:10])
    except ValueError:
        raise RowError("held_on is not a date (2026-02-12 or 12.02.2026)") from None
    return d.isoformat()


def _opt_text(v: str, col: str) -> str | None:
    return _text(v, col) if v else None


def _commissions(v: list[str], _scale: Any) -> tuple[Any, ...]:
    """A member's name (and position) for the protocol: `member_id` as in attendance."""
    comp, stage = _competition_stage(v[1], v[2])
    return (_season(v[0]), comp, stage, _unit(stage, v[3]), _text(v[4], "member_id"), _text(v[5], "full_name"),
            _opt_text(v[6], "position"))


def _votes(v: list[str], _scale: Any) -> tuple[Any, ...]:
    phone = _phone_sha256(v[2])
    return _season(v[0]), _iin12(v[1]), phone, instant_us(v[3], "received_at")


def _phone_sha256(v: str) -> str:
    phone = v.lower()
    if not re.fullmatch(r"[0-9a-f]{64}", phone):
        raise RowError("phone_sha256 is not a hex SHA-256 (64 hex digits)")
    return phone


def _presentations(v: list[str], _scale: Any) -> tuple[Any, ...]:
    return _season(v[0]), _iin12(v[1]), instant_us(v[2], "presentation_end")


def _decisions(v: list[str], _scale: Any) -> tuple[Any, ...]:
    comp, stage = _competition_stage(v[1], v[2])
    decision = _choice(v[4], "decision", ("advance", "place", PROCEED_WITHOUT))
    if decision == PROCEED_WITHOUT:                  # A9: names an undecided unit, nobody in it
        if v[5] or v[6]:
            raise RowError("participant_iin and place must be empty when decision is proceed_without (A9)")
        return _season(v[0]), comp, stage, _unit(stage, v[3]), decision, "", None
    if decision == "advance" and v[6]:
        raise RowError("place must be empty when decision is advance")
    place = _choice(v[6], "place", PLACES) if decision == "place" else None
    return _season(v[0]), comp, stage, _unit(stage, v[3]), decision, _iin12(v[5]), place


def _participants(v: list[str], _scale: Any) -> tuple[Any, ...]:
    iin = _valid_iin(v[2])
    org_type = _org_type(v[6])
    return (_season(v[0]), _choice(v[1], "competition", COMPETITIONS), iin, _text(v[3], "full_name"),
            _org_bin(v[4]), _or_none(v[5]), org_type, _or_none(v[7]), _bool(v[8], "citizen", optional=True),
            _opt_int(v[9], "staff_months_at_org"), _opt_int(v[10], "continuous_pedagogical_months"),
            _opt_int(v[11], "work_experience_months"), _opt_date(v[12], "submitted_on"))


def _valid_iin(v: str) -> str:
    iin = _iin12(v)
    if problem := iin_problem(iin):
        raise RowError(f"participant_iin is not a valid IIN: {problem}")
    return iin


def _org_type(v: str) -> str | None:
    return _choice(v, "organization_type", ORG_TYPES) if v else None


def _org_bin(v: str) -> str | None:
    return v.zfill(12) if v.isdigit() else (v or None)


def _history(v: list[str], _scale: Any) -> tuple[Any, ...]:
    return (_season(v[0]), _choice(v[1], "competition", COMPETITIONS), _choice(v[2], "award", PLACES),
            _iin12(v[3]))


CONVERTERS: dict[str, Callable[[list[str], Any], tuple[Any, ...]]] = {
    "scores": _scores, "attendance": _attendance, "votes": _votes, "presentations": _presentations,
    "decisions": _decisions, "participants": _participants, "history": _history, "commissions": _commissions,
}


# --- the converters' work a column at a time: a block's distinct values typed once each ---------------------------

@dataclass(frozen=True)
class _Part:
    """Columns typed together (positions in the spec's column order, OPTIONAL_COLUMNS after) and how: their values,
    stripped → the typed value they give the row (a tuple of `width` values when `width` > 1), or RowError."""
    cols: tuple[int, ...]
    typed: Callable[..., Any]
    width: int = 1


def _competition_stage_unit(comp: str, stage: str, unit: str) -> tuple[str, str, str]:
    comp, stage = _competition_stage(comp, stage)
    return comp, stage, _unit(stage, unit)


def _role(v: str) -> str:
    return _choice(v.lower(), "role", ROLES)


def _or_none(v: str) -> str | None:
    return v or None


def _columnar(kind: str, scale: tuple[Decimal, Decimal] | None) -> tuple[_Part, ...] | None:
    """What the kind's converter does to a row, split by column: the parts' values, in order, are the converter's
    tuple for every row it takes (tests/test_scoring_sheets.py holds them to it). None: that kind (small files,
    columns that depend on one another) is typed a row at a time."""
    season, unit, iin = _Part((0,), _season), _Part((1, 2, 3), _competition_stage_unit, 3), _iin12
    if kind == "scores":
        return (season, unit, _Part((4,), _round), _Part((5,), iin), _Part((6,), partial(_text, col="member_id")),
                _Part((7,), partial(score_milli, scale=scale)))
    if kind == "attendance":
        return (season, unit, _Part((4,), _round), _Part((5,), partial(_text, col="member_id")), _Part((6,), _role),
                _Part((7,), partial(_bool, col="present")), _Part((8,), _sitting_date),
                _Part((9,), partial(_opt_text, col="place")))
    if kind == "votes":
        return (season, _Part((1,), iin), _Part((2,), _phone_sha256),
                _Part((3,), partial(instant_us, col="received_at")))
    if kind == "presentations":
        return season, _Part((1,), iin), _Part((2,), partial(instant_us, col="presentation_end"))
    if kind == "participants":
        return (season, _Part((1,), partial(_choice, col="competition", allowed=COMPETITIONS)),
                _Part((2,), _valid_iin), _Part((3,), partial(_text, col="full_name")), _Part((4,), _org_bin),
                _Part((5,), _or_none), _Part((6,), _org_type), _Part((7,), _or_none),
                _Part((8,), partial(_bool, col="citizen", optional=True)),
                *(_Part((i,), partial(_opt_int, col=col)) for i, col in enumerate(COLUMNS[kind][9:12], start=9)),
                _Part((12,), partial(_opt_date, col="submitted_on")))
    return None


_MEMO_MAX = 200_000   # distinct values a part keeps typed while a file is read (then it starts afresh)


def _context(kind: str, v: list[str]) -> tuple[int | None, str | None, str | None]:
    """The season, competition and stage a bad row belongs to, as far as it says (to list it in that stage)."""
    season = int(v[0]) if v and v[0].isascii() and v[0].isdigit() else None    # (`²` is a digit int() refuses)
    if kind in ("votes", "presentations"):
        return season, "teacher_of_year", "city"
    comp = v[1] if len(v) > 1 and v[1] in COMPETITIONS else None
    if kind in ("scores", "attendance", "decisions", "commissions"):
        stage = v[2] if comp and v[2] in STAGES[comp] else None
        return season, comp, stage
    if kind == "participants":
        return season, comp, {"teacher_of_year": "school", "grants": "grants"}.get(comp or "")
    return season, comp, {"teacher_of_year": "city", "grants": "grants"}.get(comp or "")
