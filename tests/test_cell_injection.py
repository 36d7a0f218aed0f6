"""Issue 16 item 1: spreadsheet formula injection. A name, school or reason beginning with = + - @, a tab or a line
break must reach register.csv/.xlsx, exceptions.csv and overview.xlsx as text, never as a formula, and stay readable
(an apostrophe first); plain numbers and Kazakh names are left as they are (mugalim/cells.py, OWASP CSV injection)."""
from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mugalim.cells import safe_cell
from mugalim.payments import register
from mugalim.payments.exceptions_file import write_exceptions
from validators import overview
from validators.checklist import SECTION1

HOSTILE = ['=HYPERLINK("http://x","click")', "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
KAZAKH = "Әлиева Гүлнар"
NAMES = [*HOSTILE, KAZAKH]
MID_CR = "Әлиева\r=1+1"                      # a CR inside: a bare one would end the CSV row, "=1+1" starting the next


def _ledger_row(i: int, name: str) -> dict[str, object]:
    return {"payment_id": f"P-{i}", "season": 2026, "competition": "teacher_of_year", "award": "second",
            "participant_iin": "900101300000", "full_name": name, "iban": "KZ86125KZT5004100100", "bic": "KCJBKZKX",
            "amount_kzt": Decimal("-100.00") if name == KAZAKH else Decimal("500000.00"), "knp": "119", "kbe": "19",
            "purpose": name}


def _exception_row(name: str) -> dict[str, str]:
    return {"season": "2026", "competition": "grants", "award": "grant", "participant_iin": "900101300000",
            "full_name": name, "amount_kzt": "-100.00", "reason": name}


def _report(name: str) -> dict[str, object]:
    return {"participant_iin": "900101300000", "full_name": name, "competition": "teacher_of_year",
            "organization": {"name": name, "district": "Алмалы"}, "complete": False, "waiting": [name],
            "items": [{"item": i, "status": "present"} for i in SECTION1],
            "eligibility": [{"rule": "E1", "ok": True}]}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _cells(path: Path) -> list:
    return [c for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]


def _assert_text_cells(path: Path, column: str, expected: list[str]) -> None:
    ws = load_workbook(path).active
    head = [c.value for c in ws[1]]
    col = head.index(column if column in head else overview.label(column))      # the overview's headers are said
    got = [r[col] for r in ws.iter_rows(min_row=2, max_row=len(expected) + 1)]
    assert [c.value for c in got] == expected
    assert {c.data_type for c in got} == {"s"}


def test_safe_cell_prefixes_formula_text_only() -> None:
    for v in [*HOSTILE, "\n=1", "＝1+1", "+77011234567", "-", "@"]:
        assert safe_cell(v) == "'" + v
    for v in [KAZAKH, "", "-100.00", "1500", "-7", "a=b", "'=already"]:
        assert safe_cell(v) == v
    for v in [5, Decimal("-100.00"), None, datetime(2026, 1, 1)]:
        assert safe_cell(v) is v


def test_register_xlsx_has_no_formula_and_shows_the_text(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    register.write_xlsx(path, [_ledger_row(i, n) for i, n in enumerate(NAMES)], created_at=datetime.now(UTC))
    assert all(c.data_type != "f" for c in _cells(path))
    expected = ["'" + n for n in HOSTILE] + [KAZAKH]
    _assert_text_cells(path, "full_name", expected)
    _assert_text_cells(path, "purpose", expected)
    ws = load_workbook(path).active
    amounts = [r[0].value for r in ws.iter_rows(min_row=2, max_row=len(NAMES) + 1, min_col=9, max_col=9)]
    assert amounts[-1] == -100 and amounts[0] == 500000
    assert ws.cell(row=2, column=2).value == 2026


def test_register_and_exceptions_csv_keep_formula_text_as_text(tmp_path: Path) -> None:
    register.write_csv(tmp_path / "register.csv", [_ledger_row(i, n) for i, n in enumerate(NAMES)])
    write_exceptions(tmp_path / "exceptions.csv", [_exception_row(n) for n in NAMES])
    expected = ["'" + n for n in HOSTILE] + [KAZAKH]
    reg = _read_csv(tmp_path / "register.csv")
    assert [r["full_name"] for r in reg] == expected and [r["purpose"] for r in reg] == expected
    assert reg[-1]["amount_kzt"] == "-100.00" and reg[0]["season"] == "2026"
    exc = _read_csv(tmp_path / "exceptions.csv")
    assert [r["full_name"] for r in exc] == expected and [r["reason"] for r in exc] == expected
    assert {r["amount_kzt"] for r in exc} == {"-100.00"}
    register.write_csv(tmp_path / "cr.csv", [_ledger_row(0, MID_CR)])
    write_exceptions(tmp_path / "cr-exc.csv", [_exception_row(MID_CR)])
    assert [r["full_name"] for r in _read_csv(tmp_path / "cr.csv")] == [MID_CR]
    assert [r["reason"] for r in _read_csv(tmp_path / "cr-exc.csv")] == [MID_CR]


def test_overview_xlsx_has_no_formula_and_shows_the_text(tmp_path: Path) -> None:
    path = tmp_path / "overview.xlsx"
    overview.write_xlsx(path, [overview.row_of(_report(n), "r.html") for n in NAMES])
    assert all(c.data_type != "f" for c in _cells(path))
    expected = ["'" + n for n in HOSTILE] + [KAZAKH]
    for column in ("full_name", "organization", "waiting"):
        _assert_text_cells(path, column, expected)
    ws = load_workbook(path).active
    assert ws.cell(row=2, column=overview.HEAD.index("city") + 1).value == 0


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed here: the CSV cannot be opened as LibreOffice would")
def test_csv_opened_by_libreoffice_has_no_formula(tmp_path: Path) -> None:
    register.write_csv(tmp_path / "register.csv", [_ledger_row(i, n) for i, n in enumerate(NAMES)])
    write_exceptions(tmp_path / "exceptions.csv", [_exception_row(n) for n in NAMES])
    out = tmp_path / "out"
    # comma, double quote, UTF-8, from line 1, detect special numbers, and (token 13) evaluate formulas: the worst case
    infilter = "Text - txt - csv (StarCalc):44,34,76,1,,,false,true,,,false,,true"
    for name in ("register", "exceptions"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                        f"--infilter={infilter}", "--convert-to", "xlsx", "--outdir", str(out),
                        str(tmp_path / f"{name}.csv")], check=True, capture_output=True, timeout=180)
        cells = _cells(out / f"{name}.xlsx")
        assert cells and all(c.data_type != "f" for c in cells)
        shown = [str(c.value) for c in cells if c.value is not None]
        assert all(any(n in v for v in shown) for n in ("HYPERLINK", "SUM(1,2)", "@SUM(A1)", KAZAKH))
