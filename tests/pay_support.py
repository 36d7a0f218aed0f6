"""Helpers of the payment tests (tests/test_pay_*.py): a data folder with a season's settings, the scoring step's
results.json files (a contract, spec/data-layout.md), the participants table and the payees' bank details."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import yaml
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import migrate

SEASON = 2026
# Valid IINs of spec/identifiers.md; the last one needs the second weights.
IIN_II, IIN_III, IIN_G1, IIN_G2, IIN_G3 = "850314401236", "750712343218", "010901500101", "000229600778", "850314400005"
NAMES = {IIN_II: "Айгүл Серікқызы Нұрланова", IIN_III: "Иван Петрович Соколов", IIN_G1: "Дана Маратқызы Әлиева",
         IIN_G2: "Ерлан Болатұлы Сейітов", IIN_G3: "Мария Александровна Ким"}
BICS = {IIN_II: "HSBKKZKX", IIN_III: "CASPKZKA", IIN_G1: "KCJBKZKX", IIN_G2: "HSBKKZKX", IIN_G3: "CASPKZKA"}
BANK = {"HSBKKZKX": "601", "CASPKZKA": "722", "KCJBKZKX": "856"}
CLI = [sys.executable, "-m", "mugalim.cli"]


def iban(bank: str, account: str) -> str:
    """A Kazakh IBAN with correct check digits (spec/identifiers.md) for a 3-digit bank code and 13 characters."""
    body = bank + account
    digits = "".join(str(int(c, 36)) for c in body + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{body}"


def account_of(iin: str) -> str:
    return iban(BANK[BICS[iin]], "KZT" + iin[:10])


def write_settings(data: Path, **over: object) -> None:
    settings = {"prizes_kzt": {"second": 500000, "third": 300000},
                "grants": {"amount_kzt": 1000000, "budget_kzt": 3000000}, "knp": "119"}
    settings.update(over)
    (data / "settings").mkdir(parents=True, exist_ok=True)
    (data / "settings" / f"season-{SEASON}.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                                             encoding="utf-8")


def write_city(data: Path, second: str | None = IIN_II, third: str | None = IIN_III,
               pending: list[dict] | None = None) -> None:
    _results(data / "outbox" / str(SEASON) / "teacher_of_year" / "city", {
        "season": SEASON, "competition": "teacher_of_year", "stage": "city", "pending": pending or [],
        "prizes": {"grand_prix": "900101300016", "first": "880202400018", "second": second, "third": third}})


def write_grants(data: Path, grants: list[str], pending: list[dict] | None = None) -> None:
    _results(data / "outbox" / str(SEASON) / "grants" / "grants", {
        "season": SEASON, "competition": "grants", "stage": "grants", "grants": grants, "pending": pending or []})


def _results(folder: Path, body: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


def payee_row(iin: str, **over: str) -> dict[str, str]:
    row = {"participant_iin": iin, "full_name": NAMES[iin], "iban": account_of(iin), "bic": BICS[iin]}
    row.update(over)
    return row


def write_payees(data: Path, rows: list[dict[str, str]], name: str = "payees.csv") -> Path:
    folder = data / "inbox" / "finance"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["participant_iin", "full_name", "iban", "bic"])
        w.writeheader()
        w.writerows(rows)
    return path


def add_participants(db_url: str, names: dict[tuple[str, str], str]) -> None:
    """(competition, IIN) → full name as the application gives it (what the scoring step fills in)."""
    engine = migrate(db_url)
    with engine.begin() as c:
        for (competition, iin), name in names.items():
            c.execute(text("INSERT INTO participants (season, competition, participant_iin, full_name, source) "
                           "VALUES (:s, :c, :i, :n, 'participants_file')"),
                      {"s": SEASON, "c": competition, "i": iin, "n": name})


def season_data(data: Path, db_url: str) -> Settings:
    """A complete season: II and III decided, two grants, everyone's bank details in order."""
    write_settings(data)
    write_city(data)
    write_grants(data, [IIN_G1, IIN_G2])
    write_payees(data, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1, IIN_G2)])
    add_participants(db_url, {("teacher_of_year", IIN_II): NAMES[IIN_II], ("teacher_of_year", IIN_III): NAMES[IIN_III],
                              ("grants", IIN_G1): NAMES[IIN_G1], ("grants", IIN_G2): NAMES[IIN_G2]})
    return Settings.load(data, db_url)


def run_folders(data: Path) -> list[Path]:
    folder = data / "outbox" / str(SEASON) / "payments"
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.exists() else []


def read_register(folder: Path) -> list[dict[str, str]]:
    with (folder / "register.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_exceptions(folder: Path) -> list[dict[str, str]]:
    with (folder / "exceptions.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
