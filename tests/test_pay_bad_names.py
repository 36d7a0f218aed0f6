"""Issue 16 item 2: one bad name cannot block a season's payments. A control character in a payee's name sends that
payee to exceptions (the row named) and the rest is paid; a payment file that cannot be written records nothing, so
a retry pays; the error names no person. Names with control characters are refused or cleaned where they enter."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from extractors.textnorm import clean
from mugalim.db import engine_for
from mugalim.errors import OutputError
from mugalim.payments import register, run_pay
from mugalim.review.values import check_value
from mugalim.scoring.sheets import _text
from mugalim.scoring.sheets import RowError
from mugalim.text import control_problem, drop_controls
from pay_support import (IIN_G1, IIN_G2, IIN_II, IIN_III, NAMES, SEASON, payee_row, read_exceptions, read_register,
                         run_folders, season_data, write_payees)

BELL_NAME = "Иван\x07 Петрович Соколов"


def _ledger(db_url: str) -> list[tuple[str, str]]:
    with engine_for(db_url).connect() as c:
        return [tuple(r) for r in c.execute(text("SELECT participant_iin, state FROM payments_ledger"))]


def test_a_control_character_in_a_payee_name_sends_that_payee_to_exceptions_and_the_rest_is_paid(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_payees(data_dir, [payee_row(IIN_II), payee_row(IIN_III, full_name=BELL_NAME), payee_row(IIN_G1),
                            payee_row(IIN_G2)])
    report = run_pay(settings, season=SEASON, approved_by="Finance Officer")
    assert report.payments == 3
    [folder] = run_folders(data_dir)
    assert IIN_III not in {r["participant_iin"] for r in read_register(folder)}
    [exc] = [e for e in read_exceptions(folder) if e["participant_iin"] == IIN_III]
    assert "payees.csv, 3-жол" in exc["reason"] and "U+0007" in exc["reason"]
    assert "\x07" not in (folder / "exceptions.csv").read_text(encoding="utf-8")


def test_a_file_that_cannot_be_written_records_nothing_and_a_retry_pays(db_url, data_dir, monkeypatch, caplog):
    settings = season_data(data_dir, db_url)

    def broken(path, rows, **kw):
        raise ValueError(f"cannot write {rows[0]['full_name']}")       # a writer whose error holds a name

    monkeypatch.setattr(register, "write_xlsx", broken)
    with pytest.raises(OutputError) as e:
        run_pay(settings, season=SEASON, approved_by="Finance Officer")
    shown = str(e.value) + caplog.text
    assert not any(name in shown for name in NAMES.values())
    assert _ledger(db_url) == [] and run_folders(data_dir) == []
    monkeypatch.undo()
    assert run_pay(settings, season=SEASON, approved_by="Finance Officer").payments == 4
    assert {s for _, s in _ledger(db_url)} == {"exported"}
    [folder] = run_folders(data_dir)
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]


def test_control_characters_are_found_and_whitespace_controls_become_spaces():
    assert control_problem("Әлиева Гүлнар") is None
    assert control_problem("Әлиева\tГүлнар\r\nқызы") is None                 # Alt+Enter in a cell, a tab
    assert control_problem("Әлиева\x1b[31m") == "a control character (U+001B) at character 7"
    assert drop_controls("a\x00b\u2028c\x9bd") == "ab cd"


def test_names_enter_without_control_characters_from_extraction_review_and_score_sheets():
    assert clean("Иван\x07  Петрович\x00") == "Иван Петрович"                 # extraction and review keep this
    assert check_value("full_name", "Иван\x1b Петров") == "Иван Петров"
    with pytest.raises(RowError, match=r"full_name holds a control character \(U\+0007\)"):
        _text(BELL_NAME, "full_name")
    assert _text("Иван\tПетров", "full_name") == "Иван Петров"
