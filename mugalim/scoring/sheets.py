"""Reading the files of `inbox/scores/` (spec/data-layout.md): CSV (UTF-8, header row) or XLSX with the same columns.

A file's kind is the start of its name (`scores…`, `attendance…`, …). Each data row becomes a typed tuple or a
`BadRow` naming the file, the row (as a spreadsheet shows it: the header is row 1) and the reason. A file that is
not CSV/XLSX, has no known kind or lacks a required column is one `BadRow` with `row=None`. Reasons never quote
personal data (IIN, phone): they name the column instead.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

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


def _typed(sheet: Sheet, rows: Iterator[tuple[int, list[str]]], index: list[int],
           scale: tuple[Decimal, Decimal] | None, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    assert sheet.kind is not None
    convert = CONVERTERS[sheet.kind]
    width = len(index)
    in_order = index == list(range(width))
    out: list[tuple[Any, ...]] = []
    for row_no, values in rows:
        if in_order and len(values) == width:
            picked = [x.strip() for x in values]
        else:
            picked = [values[i].strip() if 0 <= i < len(values) else "" for i in index]
        try:
            out.append((row_no, *convert(picked, scale)))
        except RowError as e:
            sheet.bad.append(BadRow(sheet.name, row_no, str(e), *_context(sheet.kind, picked)))
        if len(out) >= batch:
            yield out
            out = []
    if out:
        yield out


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


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the data rows (numbered as a spreadsheet shows them) of a UTF-8 CSV, read as it streams: the
    same lines as `str.splitlines` of the whole text. The file is decoded once first, so that a file that is not
    UTF-8 is refused whole before any row is taken."""
    _check_utf8(path)
    f = path.open(encoding="utf-8-sig")              # universal newlines, as `read_text`
    lines = (piece for line in f for piece in (line.splitlines() if _ODD_BREAKS.search(line) else
                                               (line.rstrip("\n"),)))
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        f.close()
        raise ValueError("empty file")

    def rows() -> Iterator[tuple[int, list[str]]]:
        with f:
            for n, r in enumerate(reader, start=2):
                if r and (r[0].strip() or "".join(r).strip()):
                    yield n, r
    return header, rows()


# line breaks of `str.splitlines` other than those universal newlines leave as "\n" (which ends each line read)
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _check_utf8(path: Path) -> None:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            decoder.decode(block)
    decoder.decode(b"", final=True)


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    it = wb.worksheets[0].iter_rows(values_only=True)
    header = [_cell(v) for v in next(it, None) or ()]
    if not header:
        raise ValueError("empty sheet")
    rows = [(n, [_cell(v) for v in r]) for n, r in enumerate(it, start=2)]
    wb.close()
    return header, iter([(n, r) for n, r in rows if any(c.strip() for c in r)])


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

_PLAIN_SCORE = re.compile(r"(\d{1,6})(?:[.,](\d{1,3}))?").fullmatch
_SCORE_STAGES = {("teacher_of_year", "school"), ("teacher_of_year", "district"), ("teacher_of_year", "city"),
                 ("grants", "grants")}


def _scores(v: list[str], scale: tuple[Decimal, Decimal] | None) -> tuple[Any, ...]:
    """A score row; the common well-formed row takes a fast path (200,000 rows a season), any doubt the full one."""
    season, comp, stage, unit, rnd, iin, member, score = v
    m = _PLAIN_SCORE(score)
    if (m and scale is None and (comp, stage) in _SCORE_STAGES and season.isdigit() and len(season) == 4
            and rnd.isdigit() and rnd.strip("0") and len(iin) == 12 and iin.isdigit() and member and unit
            and (stage in ("school", "district") or unit == stage)):
        return (int(season), comp, stage, unit, int(rnd), iin, member,
                int(m[1]) * MILLI + int((m[2] or "0").ljust(3, "0")))
    return _scores_checked(v, scale)


def _scores_checked(v: list[str], scale: tuple[Decimal, Decimal] | None) -> tuple[Any, ...]:
    comp, stage = _competition_stage(v[1], v[2])
    return (_season(v[0]), comp, stage, _unit(stage, v[3]), _round(v[4]), _iin12(v[5]), _text(v[6], "member_id"),
            score_milli(v[7], scale))


def _attendance(v: list[str], _scale: Any) -> tuple[Any, ...]:
    comp, stage = _competition_stage(v[1], v[2])
    held_on = _sitting_date(v[8]) if len(v) > 8 else None
    place = _opt_text(v[9], "place") if len(v) > 9 else None
    return (_season(v[0]), comp, stage, _unit(stage, v[3]), _round(v[4]), _text(v[5], "member_id"),
            _choice(v[6].lower(), "role", ROLES), _bool(v[7], "present"), held_on, place)


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
    phone = v[2].lower()
    if not re.fullmatch(r"[0-9a-f]{64}", phone):
        raise RowError("phone_sha256 is not a hex SHA-256 (64 hex digits)")
    return _season(v[0]), _iin12(v[1]), phone, instant_us(v[3], "received_at")


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
    problem = iin_problem(_iin12(v[2]))
    if problem:
        raise RowError(f"participant_iin is not a valid IIN: {problem}")
    org_type = _choice(v[6], "organization_type", ORG_TYPES) if v[6] else None
    return (_season(v[0]), _choice(v[1], "competition", COMPETITIONS), v[2].zfill(12), _text(v[3], "full_name"),
            v[4].zfill(12) if v[4].isdigit() else (v[4] or None), v[5] or None, org_type, v[7] or None,
            _bool(v[8], "citizen", optional=True), _opt_int(v[9], "staff_months_at_org"),
            _opt_int(v[10], "continuous_pedagogical_months"), _opt_int(v[11], "work_experience_months"),
            _opt_date(v[12], "submitted_on"))


def _history(v: list[str], _scale: Any) -> tuple[Any, ...]:
    return (_season(v[0]), _choice(v[1], "competition", COMPETITIONS), _choice(v[2], "award", PLACES),
            _iin12(v[3]))


CONVERTERS: dict[str, Callable[[list[str], Any], tuple[Any, ...]]] = {
    "scores": _scores, "attendance": _attendance, "votes": _votes, "presentations": _presentations,
    "decisions": _decisions, "participants": _participants, "history": _history, "commissions": _commissions,
}


def _context(kind: str, v: list[str]) -> tuple[int | None, str | None, str | None]:
    """The season, competition and stage a bad row belongs to, as far as it says (to list it in that stage)."""
    season = int(v[0]) if v and v[0].isdigit() else None
    if kind in ("votes", "presentations"):
        return season, "teacher_of_year", "city"
    comp = v[1] if len(v) > 1 and v[1] in COMPETITIONS else None
    if kind in ("scores", "attendance", "decisions", "commissions"):
        stage = v[2] if comp and v[2] in STAGES[comp] else None
        return season, comp, stage
    if kind == "participants":
        return season, comp, {"teacher_of_year": "school", "grants": "grants"}.get(comp or "")
    return season, comp, {"teacher_of_year": "city", "grants": "grants"}.get(comp or "")
