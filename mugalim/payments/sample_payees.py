"""Sample bank details for a generated season (the demo, tests): `inbox/finance/payees-<season>.csv` with one row for
every participant of the season's `participants` score files, deterministic, with valid IINs, IBANs and BICs.

Some IBANs are written in lower case with spaces, as people type them (normalized and accepted by `pay`).
"""
from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

BANKS = (("601", "HSBKKZKX"), ("722", "CASPKZKA"), ("856", "KCJBKZKX"))   # Halyk, Kaspi, CenterCredit


def sample_iban(bank: str, account: str) -> str:
    """A Kazakh IBAN with correct check digits for a 3-digit bank code and a 13-character account."""
    digits = "".join(str(int(c, 36)) for c in bank + account + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{bank}{account}"


def make_sample_payees(data_dir: Path, *, season: int) -> Path:
    """Write the payees file for everyone in `inbox/scores/participants*` of `season`; returns its path."""
    people = {}
    for path in sorted((data_dir / "inbox" / "scores").glob("participants*")):
        for row in _rows(path):
            if str(row.get("season")) == str(season) and row.get("participant_iin"):
                people.setdefault(str(row["participant_iin"]), str(row.get("full_name") or ""))
    out = data_dir / "inbox" / "finance" / f"payees-{season}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["participant_iin", "full_name", "iban", "bic"])
        for n, (iin, name) in enumerate(sorted(people.items())):
            bank, bic = BANKS[n % len(BANKS)]
            iban = sample_iban(bank, "KZT" + iin[:10])
            if n % 5 == 4:
                iban = " ".join(iban[i:i + 4] for i in range(0, 20, 4)).lower()
            w.writerow([iin, name, iban, bic])
    return out


def _rows(path: Path) -> list[dict[str, object]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    if path.suffix.lower() == ".xlsx":
        wb = load_workbook(path, read_only=True, data_only=True)
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        header = [str(h) for h in rows[0]] if rows else []
        return [dict(zip(header, r)) for r in rows[1:]]
    return []
