"""The payees' bank details (`inbox/finance/payees*.csv|xlsx`: participant_iin, full_name, iban, bic), checked.

A row whose IIN, IBAN or BIC fails its check, or two rows for one IIN with different details, leave that payee out
of the payment files until finance corrects the file (spec/data-layout.md); a lower-case IBAN written with spaces is
normalized and accepted. The files stay in the inbox: they are reference data read by every run, and each run's
manifest records their SHA-256.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from mugalim.errors import RejectedInput
from mugalim.identifiers import iban_problem, iin_problem, normalize_iban
from mugalim.messages import Message, Seq
from mugalim.payments.model import Payee, PaymentException
from mugalim.text import drop_controls, first_control

COLUMNS = ("participant_iin", "full_name", "iban", "bic")
_BIC = re.compile(r"[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")   # ISO 9362, as pain.001's BICFI


@dataclass(frozen=True)
class _Row:
    where: str                      # "payees.csv row 3" (a message: "payees.csv, 3-жол" for people)
    iin: str
    full_name: str
    iban: str
    bic: str
    problem: str | None


@dataclass
class PayeesFound:
    payees: dict[str, Payee] = field(default_factory=dict)          # IIN → checked details
    problems: dict[str, str] = field(default_factory=dict)          # IIN → why its details cannot be used
    bad_rows: list[PaymentException] = field(default_factory=list)  # rows that name no valid IIN
    inputs: list[Path] = field(default_factory=list)


def payee_files(finance_dir: Path) -> list[Path]:
    if not finance_dir.is_dir():
        return []
    return sorted(p for p in finance_dir.iterdir()
                  if p.is_file() and p.name.startswith("payees") and p.suffix.lower() in (".csv", ".xlsx"))


def read_payees(finance_dir: Path) -> PayeesFound:
    """Every payee file of the finance inbox, checked row by row, then one verdict per IIN."""
    found = PayeesFound()
    rows: dict[str, list[_Row]] = {}
    for path in payee_files(finance_dir):
        found.inputs.append(path)
        for row in _read_file(path):
            if problem := iin_problem(row.iin):
                found.bad_rows.append(PaymentException("", "", row.iin, row.full_name, None,
                                                       Message("pay.iin_fails", where=row.where, problem=problem)))
            else:
                rows.setdefault(row.iin, []).append(row)
    for iin, group in rows.items():
        _verdict(iin, group, found)
    return found


def same_name(a: str, b: str) -> bool:
    """Names compared case- and whitespace-insensitively."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _verdict(iin: str, group: list[_Row], found: PayeesFound) -> None:
    bad = [Message("pay.at", where=r.where, problem=r.problem) for r in group if r.problem]
    if bad:
        found.problems[iin] = Seq(bad)
        return
    first = group[0]
    for other in group[1:]:
        if (other.iban, other.bic) != (first.iban, first.bic) or not same_name(other.full_name, first.full_name):
            found.problems[iin] = Message("pay.rows_disagree", a=first.where, b=other.where)
            return
    where = ", ".join(r.where for r in group)
    found.payees[iin] = Payee(iin, " ".join(first.full_name.split()), first.iban, first.bic, where)


def _read_file(path: Path) -> list[_Row]:
    records = _csv_records(path) if path.suffix.lower() == ".csv" else _xlsx_records(path)
    if not records:
        return []
    header = [str(h or "").strip().lower() for h in records[0][1]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RejectedInput(f"{path}: missing column(s) {', '.join(missing)} (expected {','.join(COLUMNS)})")
    index = {c: header.index(c) for c in COLUMNS}
    out = []
    for number, values in records[1:]:
        cells = {c: _cell(values, i) for c, i in index.items()}
        if any(cells.values()):
            out.append(_check(Message("pay.row", file=path.name, row=number), cells))
    return out


def _check(where: str, cells: dict[str, str]) -> _Row:
    iban = normalize_iban(cells["iban"])
    bic = re.sub(r"\s", "", cells["bic"]).upper()
    problem: str | None = None
    if not cells["full_name"].strip():
        problem = Message("pay.no_name")
    elif control := first_control(cells["full_name"]):
        problem = Message("pay.name_controls", code=control[0], at=control[1])
    elif iban_problem(iban):
        problem = iban_problem(iban)
    elif len(bic) not in (8, 11):
        problem = Message("pay.bic_length", n=len(bic))
    elif not _BIC.fullmatch(bic):
        problem = Message("pay.bic_format")
    return _Row(where, cells["participant_iin"], drop_controls(cells["full_name"]).strip(), iban, bic, problem)


def _cell(values: tuple[object, ...], i: int) -> str:
    v = values[i] if i < len(values) else None
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return str(v).zfill(12)           # an IIN typed as a number lost its leading zero
    return str(v).strip()


def _csv_records(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            first = f.readline()
            f.seek(0)
            delimiter = ";" if first.count(";") > first.count(",") else ","   # Excel's CSV in ru/kk locales
            return [(n, tuple(r)) for n, r in enumerate(csv.reader(f, delimiter=delimiter), start=1)]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise RejectedInput(f"{path}: cannot read the payees file as UTF-8 CSV: {e}") from e


def _xlsx_records(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise RejectedInput(f"{path}: cannot read the payees workbook: {e}") from e
    try:
        return [(n, tuple(r)) for n, r in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1)]
    finally:
        wb.close()
