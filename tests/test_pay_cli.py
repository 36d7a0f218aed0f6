"""`mugalim pay` on the command line: plan, pay, reverse, and the errors a person sees."""
from __future__ import annotations

import json

from mugalim.cli import main
from pay_support import IIN_II, SEASON, read_register, run_folders, season_data


def _args(data, db_url, *more):
    return ["pay", "--data", str(data), "--db-url", db_url, "--season", str(SEASON), *more]


def test_pay_plan_then_pay_then_reverse_from_the_command_line(db_url, data_dir, capsys):
    season_data(data_dir, db_url)
    assert main(_args(data_dir, db_url, "--plan")) == 0
    out = capsys.readouterr().out
    assert "4 жаңа төлем, барлығы 2\u00a0800\u00a0000,00 ₸" in out and IIN_II not in out and run_folders(data_dir) == []

    assert main(_args(data_dir, db_url, "--approved-by", "Сәуле Қасымова", "--json")) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["payments"] == 4 and report["folder"].endswith(report["run_id"])
    manifest = json.loads((run_folders(data_dir)[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["approved_by"] == "Сәуле Қасымова"

    pid = read_register(run_folders(data_dir)[0])[0]["payment_id"]
    assert main(["pay", "reverse", "--data", str(data_dir), "--db-url", db_url, "--payment-id", pid,
                 "--reason", "paid in error", "--by", "Finance"]) == 0
    assert f"payment {pid} reversed" in capsys.readouterr().out
    assert main(["pay", "reverse", "--data", str(data_dir), "--db-url", db_url, "--payment-id", pid,
                 "--reason", "again", "--by", "Finance"]) == 2
    assert "is reversed, not exported" in capsys.readouterr().err


def test_pay_without_a_season_or_with_an_unknown_payment_says_what_is_missing(data_dir, capsys, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    assert main(["pay", "--data", str(data_dir), "--db-url", db_url]) == 2
    assert "pass --season S" in capsys.readouterr().err
    assert main(["pay", "reverse", "--data", str(data_dir), "--db-url", db_url, "--payment-id", "MG-2026-09999",
                 "--reason", "x"]) == 2
    assert "no payment MG-2026-09999 in the ledger" in capsys.readouterr().err


def test_pay_with_nothing_decided_writes_no_folder_and_lists_why(data_dir, capsys, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    assert main(["pay", "--data", str(data_dir), "--db-url", db_url, "--season", str(SEASON), "--plan"]) == 0
    out = capsys.readouterr().out
    assert "0 жаңа төлем" in out and "қалалық кезең әлі шешілмеген" in out             # the season's language
    assert main(["pay", "--data", str(data_dir), "--db-url", db_url, "--season", str(SEASON)]) == 0
    assert "жаңа төлем жоқ" in capsys.readouterr().out and run_folders(data_dir) == []
