"""exceptions.csv: every award that could not be paid in this run, and why (and payee rows naming no valid IIN)."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from mugalim.cells import CSV_LINE_END, safe_row

COLUMNS = ("season", "competition", "award", "participant_iin", "full_name", "amount_kzt", "reason")


def write_exceptions(path: Path, rows: Sequence[dict[str, str]]) -> None:
    """`rows` are PaymentException.to_row() dicts (kept in the run's record so a resumed run writes the same file)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator=CSV_LINE_END, extrasaction="ignore")
        w.writeheader()
        w.writerows(safe_row(r) for r in rows)
