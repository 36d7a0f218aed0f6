"""Issue 16 item 4: separation of duties. Where settings/approvers.yaml lists the approvers, an export is approved by
a listed, authenticated account (the OS account running `mugalim pay`, or the Airflow user who answered) that did not
prepare the batch; a name typed on the command line is not an approval; reversals need an approver too. The approval
(account, how, preparer, checked) is recorded in the ledger's run and in the manifest."""
from __future__ import annotations

import json
import types

import pytest
import yaml

from mugalim.cli import main
from mugalim.payments import prepare_payments, reverse_payment, run_pay
from mugalim.payments.approval import (AIRFLOW, CLI, UNCHECKED, ApprovalRefused, approval_from_hitl, os_login,
                                       unanswered_approval)
from pay_support import SEASON, read_register, run_folders, season_data, write_settings

ME = os_login()


PAYER = {"name": "Алматы қаласының Білім басқармасы", "iban": "KZ77070105KZT0000001", "bic": "KKMFKZ2A"}


def _approvers(data, *logins: str) -> None:
    """A production installation: approvers listed, and the payer's account set (pain.001 needs it there)."""
    body = {"approvers": [{"login": login, "name": f"Approver {login}"} for login in logins]}
    (data / "settings" / "approvers.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")
    if (data / "settings" / f"season-{SEASON}.yaml").exists():
        write_settings(data, payer=PAYER)


def _pay(data, db_url, *more: str) -> int:
    return main(["pay", "--data", str(data), "--db-url", db_url, "--season", str(SEASON), *more])


def _manifest(data) -> dict:
    return json.loads((run_folders(data)[0] / "manifest.json").read_text(encoding="utf-8"))


def test_an_account_not_listed_cannot_approve(db_url, data_dir, capsys):
    settings = season_data(data_dir, db_url)
    _approvers(data_dir, "finance.head")
    prepare_payments(settings, season=SEASON, prepared_by="clerk", via=CLI)
    assert _pay(data_dir, db_url) == ApprovalRefused.exit_code
    assert f"'{ME}' is not an approver" in capsys.readouterr().err
    assert run_folders(data_dir) == []


def test_the_preparer_cannot_approve_their_own_batch_and_another_approver_can(db_url, data_dir, capsys):
    settings = season_data(data_dir, db_url)
    _approvers(data_dir, ME, "finance.head")
    assert _pay(data_dir, db_url) == ApprovalRefused.exit_code                  # nobody prepared it
    assert "nobody prepared this batch" in capsys.readouterr().err
    assert _pay(data_dir, db_url, "--plan") == 0                                # I prepare it …
    assert _pay(data_dir, db_url) == ApprovalRefused.exit_code                  # … so I cannot approve it
    assert "cannot also approve it" in capsys.readouterr().err
    assert run_folders(data_dir) == []
    report = run_pay(settings, season=SEASON,
                     approved_by=approval_from_hitl({"chosen_options": ["Approve"],
                                                     "responded_by_user": {"id": "finance.head", "name": "x"}})[0])
    assert report.payments == 4
    approval = _manifest(data_dir)["approval"]
    assert approval == {"name": "Approver finance.head", "login": "finance.head", "via": AIRFLOW,
                        "prepared_by": ME, "checked": True}
    assert _manifest(data_dir)["approved_by"] == "Approver finance.head"
    assert UNCHECKED not in _manifest(data_dir)["warnings"]


def test_a_listed_approver_exports_what_another_person_prepared(db_url, data_dir, capsys):
    settings = season_data(data_dir, db_url)
    _approvers(data_dir, ME)
    prepare_payments(settings, season=SEASON, prepared_by="clerk", via=CLI)
    assert _pay(data_dir, db_url) == 0, capsys.readouterr().err
    approval = _manifest(data_dir)["approval"]
    assert (approval["login"], approval["prepared_by"], approval["checked"]) == (ME, "clerk", True)


def test_a_name_typed_on_the_command_line_is_not_an_approval(db_url, data_dir, capsys):
    settings = season_data(data_dir, db_url)
    _approvers(data_dir, ME)
    prepare_payments(settings, season=SEASON, prepared_by="clerk", via=CLI)
    assert _pay(data_dir, db_url, "--approved-by", "Director") == ApprovalRefused.exit_code
    assert "not a name given on the command line" in capsys.readouterr().err


def test_only_an_approver_reverses_a_payment(db_url, data_dir, capsys):
    settings = season_data(data_dir, db_url)
    prepare_payments(settings, season=SEASON, prepared_by="clerk", via=CLI)
    run_pay(settings, season=SEASON, approved_by="")
    pid = read_register(run_folders(data_dir)[0])[0]["payment_id"]
    _approvers(data_dir, "finance.head")
    with pytest.raises(ApprovalRefused, match="is not an approver"):
        reverse_payment(settings, payment_id=pid, reason="returned", reversed_by="Finance")
    _approvers(data_dir, ME)
    assert reverse_payment(settings, payment_id=pid, reason="returned", reversed_by="")["state"] == "reversed"


def test_without_a_list_the_approval_is_recorded_as_unchecked_with_its_account(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    run_pay(settings, season=SEASON, approved_by="Гүлнар Әбдірахманова")
    m = _manifest(data_dir)
    assert m["approved_by"] == "Гүлнар Әбдірахманова"
    assert m["approval"]["login"] == ME and m["approval"]["checked"] is False
    assert UNCHECKED in m["warnings"]


def test_an_approval_step_marked_done_without_an_answer_is_refused_where_approvers_are_listed(data_dir):
    (data_dir / "settings").mkdir()
    assert unanswered_approval(data_dir / "settings", "demo")["responded_by_user"]["id"] == "demo"
    _approvers(data_dir, "finance.head")
    with pytest.raises(ApprovalRefused, match="without an answer"):
        unanswered_approval(data_dir / "settings", "demo")


def test_airflows_approval_step_is_assigned_to_the_approvers_but_not_the_preparer(data_dir, monkeypatch):
    """The HITL request names the listed approvers, except the user who triggered the run (Airflow's API then
    refuses anyone else's answer)."""
    import mugalim_approval
    from airflow.providers.standard.operators.hitl import ApprovalOperator

    (data_dir / "settings").mkdir()
    _approvers(data_dir, "finance.head", "aigerim")
    monkeypatch.setenv("MUGALIM_DATA", str(data_dir))
    seen = {}
    monkeypatch.setattr(ApprovalOperator, "execute", lambda self, context: seen.setdefault("users", self.assigned_users))
    op = mugalim_approval.PaymentApproval(task_id="approve_payments", subject="s")
    run = types.SimpleNamespace(triggering_user_name="aigerim", run_type="manual")
    op.execute({"dag_run": run})
    assert seen["users"] == [{"id": "finance.head", "name": "Approver finance.head"}]


def test_a_production_run_refuses_to_write_pain001_without_the_payers_account(db_url, data_dir, capsys):
    """Issue 22 item 7: where approvers are listed (production), no pain.001.xml with NOTPROVIDED accounts."""
    settings = season_data(data_dir, db_url)
    _approvers(data_dir, ME)
    write_settings(data_dir)                                   # the season's settings without the payer's account
    prepare_payments(settings, season=SEASON, prepared_by="clerk", via=CLI)
    assert _pay(data_dir, db_url) == 2
    assert "the payer's account is not set (keys 'payer.iban' and 'payer.bic')" in capsys.readouterr().err
    assert run_folders(data_dir) == []
