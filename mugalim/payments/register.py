"""register.csv and register.xlsx (spec/payments.md): the same rows, columns in the contract's order. The workbook
adds a totals row, readable column widths, and — for seasons set in monthly calculation indices — a note of the
index."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from mugalim.cells import CSV_LINE_END, safe_cell, safe_row

COLUMNS = ("payment_id", "season", "competition", "award", "participant_iin", "full_name", "iban", "bic",
           "amount_kzt", "knp", "kbe", "purpose")
_MAX_WIDTH = 70


def register_row(row: dict[str, Any]) -> dict[str, str]:
    """One ledger row as the register's text cells (amounts with two decimals)."""
    out = {c: "" if row[c] is None else str(row[c]) for c in COLUMNS}
    out["amount_kzt"] = f"{row['amount_kzt']:.2f}"
    return out


def write_csv(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """UTF-8 with a byte-order mark (spec/payments.md), so that Excel shows the Cyrillic right."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator=CSV_LINE_END)
        w.writeheader()
        w.writerows(safe_row(register_row(r)) for r in rows)


def write_xlsx(path: Path, rows: Sequence[dict[str, Any]], *, created_at: datetime, notes: Sequence[str] = ()) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "register"
    ws.append(list(COLUMNS))
    for r in rows:
        cells: list[Any] = [safe_cell(v) for v in register_row(r).values()]
        cells[COLUMNS.index("amount_kzt")] = r["amount_kzt"]
        cells[COLUMNS.index("season")] = int(r["season"])
        ws.append(cells)
    total = sum((r["amount_kzt"] for r in rows), Decimal("0.00"))
    ws.append(["Барлығы / Итого", None, None, None, None, f"{len(rows)} төлем / платежей", None, None, total])
    for note in notes:
        ws.append([safe_cell(note)])
    _format(ws, len(rows))
    wb.properties.created = wb.properties.modified = created_at.replace(tzinfo=None)
    wb.save(path)


def _format(ws: Any, n: int) -> None:
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for cell in ws[n + 2]:
        cell.font = bold
    amount_col = COLUMNS.index("amount_kzt") + 1
    for row in ws.iter_rows(min_row=2, max_row=n + 2, min_col=amount_col, max_col=amount_col):
        row[0].number_format = "#,##0.00"
    for i, name in enumerate(COLUMNS, start=1):
        values = [name] + [str(ws.cell(row=r, column=i).value or "") for r in range(2, n + 3)]
        width = min(max(len(v) for v in values) + 2, _MAX_WIDTH)
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=max(n + 1, 1), column=len(COLUMNS)).coordinate}"
