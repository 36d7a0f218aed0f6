"""The payment files (spec/payments.md; rules P3, P5, G5): what is paid, the five files and their contracts, the
pain.001.001.09 schema, and one payment once across runs, on SQLite and PostgreSQL."""
from __future__ import annotations

import copy
import csv
import hashlib
import json
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import text

from mugalim.db import engine_for
from mugalim.errors import ConfigError
from mugalim.payments import plan_payments, reverse_payment, run_pay
from mugalim.payments.pain001 import NS, schema_errors
from mugalim.payments.register import COLUMNS
from mugalim.payments.run import PlanChanged
from pay_support import (IIN_G1, IIN_G2, IIN_G3, IIN_II, IIN_III, NAMES, SEASON, account_of, payee_row,
                         read_exceptions, read_register, run_folders, season_data, write_city, write_grants,
                         write_payees, write_settings)

X = {"p": NS}


def _pay(settings, who="Finance Officer"):
    return run_pay(settings, season=SEASON, approved_by=who)


def test_P3_G5_places_II_III_and_grants_are_paid_in_one_complete_run(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    report = _pay(settings)
    [folder] = run_folders(data_dir)
    assert report.folder == str(folder) and report.payments == 4 and report.total_kzt == "2800000.00"
    assert sorted(p.name for p in folder.iterdir()) == ["exceptions.csv", "manifest.json", "pain.001.xml",
                                                         "register.csv", "register.xlsx"]
    raw = (folder / "register.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                  # UTF-8 with a byte-order mark, for Excel (payments.md)
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == "payment_id,season,competition,award,participant_iin,full_name,iban,bic,amount_kzt,knp,kbe,purpose"
    register = read_register(folder)
    rows = {(r["competition"], r["award"]): r for r in register}
    assert rows["teacher_of_year", "second"]["amount_kzt"] == "500000.00"
    assert rows["teacher_of_year", "third"]["participant_iin"] == IIN_III
    assert rows["teacher_of_year", "third"]["amount_kzt"] == "300000.00"
    assert sorted(r["participant_iin"] for r in register if r["award"] == "grant") == sorted([IIN_G1, IIN_G2])
    assert all(r["kbe"] == "19" and r["knp"] == "119" and r["season"] == str(SEASON) for r in register)
    assert "II орын" in rows["teacher_of_year", "second"]["purpose"] and "2/161" in rows["grants", "grant"]["purpose"]
    assert rows["teacher_of_year", "second"]["iban"] == account_of(IIN_II)
    assert len({r["payment_id"] for r in register}) == 4


def test_pain001_is_valid_against_the_official_xsd_with_control_sum_and_end_to_end_ids(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    _pay(settings)
    [folder] = run_folders(data_dir)
    xml = (folder / "pain.001.xml").read_bytes()
    assert schema_errors(xml) == []
    doc = etree.fromstring(xml)
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=X) == "4"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=X) == "2800000.00"
    amounts = doc.findall(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", namespaces=X)
    assert {a.get("Ccy") for a in amounts} == {"KZT"}
    assert sum(Decimal(a.text) for a in amounts) == Decimal("2800000.00")
    ends = [e.text for e in doc.findall(".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId", namespaces=X)]
    assert sorted(ends) == sorted(r["payment_id"] for r in read_register(folder))
    ibans = {e.text for e in doc.findall(".//p:CdtrAcct/p:Id/p:IBAN", namespaces=X)}
    assert ibans == {r["iban"] for r in read_register(folder)}


def test_pain001_schema_check_rejects_a_broken_document(db_url, data_dir):
    """The XSD check is real: the same file without one EndToEndId fails it."""
    settings = season_data(data_dir, db_url)
    _pay(settings)
    doc = etree.fromstring((run_folders(data_dir)[0] / "pain.001.xml").read_bytes())
    broken = copy.deepcopy(doc)
    e2e = broken.find(".//p:EndToEndId", namespaces=X)
    e2e.getparent().remove(e2e)
    assert any("EndToEndId" in e for e in schema_errors(etree.tostring(broken)))


def test_manifest_names_the_run_approver_settings_totals_and_file_hashes(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    report = _pay(settings, who="Гүлнар Әбдірахманова")
    folder = run_folders(data_dir)[0]
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["run_id"] == report.run_id == folder.name and m["season"] == SEASON
    assert m["approved_by"] == "Гүлнар Әбдірахманова" and m["approved_at"] and m["created_at"]
    assert m["payments"] == 4 and m["total_kzt"] == "2800000.00"
    assert m["settings"]["knp"] == "119" and m["settings"]["prizes_kzt"]["second"] == "500000"
    assert set(m["files"]) == {"register.csv", "register.xlsx", "pain.001.xml", "exceptions.csv"}
    for name, entry in m["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == entry["sha256"]
    assert {i["path"] for i in m["inputs"]} >= {f"settings/season-{SEASON}.yaml", "inbox/finance/payees.csv"}


def test_register_xlsx_has_the_same_rows_a_totals_row_and_readable_widths(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    _pay(settings)
    folder = run_folders(data_dir)[0]
    ws = load_workbook(folder / "register.xlsx").active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    csv_rows = read_register(folder)
    for xrow, crow in zip(values[1:5], csv_rows):
        assert [str(v) if not isinstance(v, float | int) or k == "season" else f"{v:.2f}"
                for k, v in zip(COLUMNS, xrow)] == [crow[k] for k in COLUMNS]
    total = values[5]
    assert total[0] == "Барлығы / Итого" and total[5] == "4 төлем / платежей"
    assert total[COLUMNS.index("amount_kzt")] == 2800000
    assert ws.column_dimensions["F"].width >= max(len(n) for n in NAMES.values())
    assert ws.column_dimensions["G"].width >= 20


def test_rerun_exports_nothing_twice_and_a_new_run_holds_only_new_payments(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    first = _pay(settings)
    again = _pay(settings)
    assert again.run_id is None and again.already_paid == 4 and len(run_folders(data_dir)) == 1
    write_grants(data_dir, [IIN_G1, IIN_G2, IIN_G3])
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1, IIN_G2, IIN_G3)])
    third = _pay(settings)
    assert third.run_id > first.run_id and third.payments == 1
    new = run_folders(data_dir)[-1]
    assert [r["participant_iin"] for r in read_register(new)] == [IIN_G3]
    with engine_for(db_url).connect() as c:
        counts = c.execute(text("SELECT COUNT(*), COUNT(DISTINCT payment_id) FROM payments_ledger")).one()
    assert tuple(counts) == (5, 5)


def test_G5_grants_never_exceed_the_budget_across_runs(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_settings(data_dir, grants={"amount_kzt": 1000000, "budget_kzt": 2500000})
    _pay(settings)
    write_grants(data_dir, [IIN_G1, IIN_G2, IIN_G3])
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1, IIN_G2, IIN_G3)])
    plan = plan_payments(settings, season=SEASON)
    assert plan.payments == []
    [over] = [e for e in plan.exceptions if e.participant_iin == IIN_G3]
    assert "over the grants budget (rule G5)" in over.reason and "500000.00" in over.reason


def test_A2_pending_place_is_not_paid_until_decided_then_paid_once(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_city(data_dir, second=None, third=None,
               pending=[{"reason": "tie for place II", "participants": [IIN_II, IIN_III]}])
    _pay(settings)
    first = run_folders(data_dir)[0]
    assert {r["award"] for r in read_register(first)} == {"grant"}
    pending = [e for e in read_exceptions(first) if e["competition"] == "teacher_of_year"]
    assert {e["participant_iin"] for e in pending} == {IIN_II, IIN_III}
    assert all("шешім күтілуде (A2 ережесі)" in e["reason"] and "ожидается решение (правило A2)" in e["reason"]
               for e in pending)
    write_city(data_dir)                                   # the commission decided; the stage was re-scored
    _pay(settings)
    second = run_folders(data_dir)[-1]
    assert {(r["award"], r["participant_iin"]) for r in read_register(second)} == {("second", IIN_II),
                                                                                   ("third", IIN_III)}


def test_P3_amounts_in_monthly_indices_show_both_index_and_tenge(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_settings(data_dir, prizes_kzt={"second": 0, "third": 0}, prizes_mrp={"second": 100, "third": 60},
                   mrp_kzt=3932)
    _pay(settings)
    folder = run_folders(data_dir)[0]
    rows = {r["award"]: r for r in read_register(folder)}
    assert rows["second"]["amount_kzt"] == "393200.00" and rows["third"]["amount_kzt"] == "235920.00"
    assert "100 АЕК × 3932 тг" in rows["second"]["purpose"]
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {(i["amount_mrp"], i["mrp_kzt"], i["amount_kzt"]) for i in m["amounts_in_indices"]} == {
        ("100", "3932.00", "393200.00"), ("60", "3932.00", "235920.00")}


@pytest.mark.parametrize("settings_over, key", [
    ({"prizes_kzt": {"second": 0, "third": 300000}}, "prizes_kzt.second"),
    ({"knp": None}, "knp"),
    ({"prizes_mrp": {"second": 100}, "prizes_kzt": {"second": 0, "third": 1}}, "mrp_kzt"),
])
def test_a_zero_amount_or_missing_code_is_an_exception_naming_the_key(db_url, data_dir, settings_over, key):
    settings = season_data(data_dir, db_url)
    write_settings(data_dir, **settings_over)
    plan = plan_payments(settings, season=SEASON)
    [e] = [e for e in plan.exceptions if e.participant_iin == IIN_II]
    assert f"'{key}'" in e.reason
    assert IIN_II not in {p.award.participant_iin for p in plan.payments}


def test_plan_records_nothing_and_shows_no_iin_in_clear(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_G1, IIN_G2)])
    plan = plan_payments(settings, season=SEASON)
    assert len(plan.payments) == 3 and len(plan.exceptions) == 1
    dumped = json.dumps(plan.to_dict(), ensure_ascii=False) + plan.summary()
    assert not any(iin in dumped for iin in NAMES) and "********1236" in dumped
    with engine_for(db_url).connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM payments_ledger")).scalar_one() == 0
    assert run_folders(data_dir) == []


def test_reversal_is_recorded_shown_in_the_next_manifest_and_pays_again_with_the_same_payment_id(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    _pay(settings)
    first = run_folders(data_dir)[0]
    pid = next(r["payment_id"] for r in read_register(first) if r["participant_iin"] == IIN_G2)
    reverse_payment(settings, payment_id=pid, reason="the bank returned it: account closed", reversed_by="Finance")
    new_account = payee_row(IIN_G2, iban=account_of(IIN_G3), bic="CASPKZKA")
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1)] + [new_account])
    _pay(settings)
    second = run_folders(data_dir)[-1]
    [row] = read_register(second)
    assert row["payment_id"] == pid and row["iban"] == account_of(IIN_G3)
    m = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    [rev] = m["reversals"]
    assert rev["payment_id"] == pid and rev["reversed_by"] == "Finance" and "account closed" in rev["reason"]
    xml = etree.fromstring((second / "pain.001.xml").read_bytes())
    assert xml.findtext(".//p:PmtId/p:InstrId", namespaces=X) == f"{pid}-2"
    assert _pay(settings).run_id is None                   # shown once, paid once more, then nothing


def test_exceptions_file_lists_every_unpaid_award_with_its_reason(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_G1, IIN_G2)])
    _pay(settings)
    with (run_folders(data_dir)[0] / "exceptions.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["season", "competition", "award", "participant_iin", "full_name",
                                     "amount_kzt", "reason"]
        [row] = list(reader)
    assert (row["award"], row["participant_iin"], row["amount_kzt"]) == ("third", IIN_III, "300000.00")
    assert row["reason"].startswith("банк деректемелері жоқ") and " / нет банковских реквизитов" in row["reason"]
    assert row["full_name"] == NAMES[IIN_III]


def test_knp_written_as_a_yaml_number_is_the_code(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    write_settings(data_dir, knp=119)
    _pay(settings)
    assert {r["knp"] for r in read_register(run_folders(data_dir)[0])} == {"119"}


def test_the_approval_of_airflows_approval_operator_becomes_the_manifests_approver(db_url, data_dir):
    from mugalim.payments.approval import approval_from_hitl
    settings = season_data(data_dir, db_url)
    who, at = approval_from_hitl({"chosen_options": ["Approve"], "params_input": {},
                                  "responded_by_user": {"id": "7", "name": "Finance Officer"},
                                  "responded_at": "2026-06-03T10:15:00+05:00"})
    run_pay(settings, season=SEASON, approved_by=who, approved_at=at)
    m = json.loads((run_folders(data_dir)[0] / "manifest.json").read_text(encoding="utf-8"))
    assert (m["approved_by"], m["approved_at"]) == ("Finance Officer", "2026-06-03T05:15:00+00:00")
    with pytest.raises(ConfigError, match="not approved"):
        approval_from_hitl({"chosen_options": ["Reject"], "responded_by_user": {"name": "x"}})


def test_an_approved_plan_that_changed_before_the_export_is_refused(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    digest = plan_payments(settings, season=SEASON).digest()
    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1)]
                 + [payee_row(IIN_G2, iban=account_of(IIN_G3))])           # someone edited an account since
    with pytest.raises(PlanChanged):
        run_pay(settings, season=SEASON, approved_by="Finance", expect_digest=digest)
    assert run_folders(data_dir) == []
    fresh = plan_payments(settings, season=SEASON).digest()
    assert run_pay(settings, season=SEASON, approved_by="Finance", expect_digest=fresh).payments == 4


def test_the_payer_set_in_the_settings_is_the_debtor_of_pain001_and_a_bad_payer_iban_stops_the_run(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    payer = {"name": "Алматы қаласының Білім басқармасы", "bin": "940140000385",
             "iban": "kz57 601a 1234 5678 9012", "bic": "HSBKKZKX"}
    write_settings(data_dir, payer={**payer, "iban": "KZ87125KZT5004100100"})
    with pytest.raises(ConfigError, match="payer.iban"):
        _pay(settings)
    assert run_folders(data_dir) == []
    write_settings(data_dir, payer=payer)
    report = _pay(settings)
    assert not any("payer" in w for w in report.warnings)
    doc = etree.fromstring((run_folders(data_dir)[0] / "pain.001.xml").read_bytes())
    assert doc.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=X) == "KZ57601A123456789012"
    assert doc.findtext(".//p:DbtrAgt/p:FinInstnId/p:BICFI", namespaces=X) == "HSBKKZKX"
    assert doc.findtext(".//p:Dbtr/p:Id/p:OrgId/p:Othr/p:Id", namespaces=X) == "940140000385"


def test_a_reversal_of_a_withdrawn_award_shows_in_a_run_with_no_payment_and_no_pain001(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    _pay(settings)
    pid = next(r["payment_id"] for r in read_register(run_folders(data_dir)[0]) if r["participant_iin"] == IIN_G2)
    write_grants(data_dir, [IIN_G1])                       # the grant was withdrawn and the stage re-scored
    plan = plan_payments(settings, season=SEASON)
    assert any(pid in w and "no longer give its award" in w for w in plan.warnings)
    reverse_payment(settings, payment_id=pid, reason="grant withdrawn by the commission", reversed_by="Finance")
    report = _pay(settings)
    folder = run_folders(data_dir)[-1]
    assert report.payments == 0 and report.reversals == 1 and folder.name == report.run_id
    assert sorted(p.name for p in folder.iterdir()) == ["exceptions.csv", "manifest.json", "register.csv",
                                                         "register.xlsx"]
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["payments"] == 0 and [r["payment_id"] for r in m["reversals"]] == [pid]
    assert read_register(folder) == [] and _pay(settings).run_id is None


def test_a_retried_export_after_its_run_completed_says_nothing_new_instead_of_refusing(db_url, data_dir):
    settings = season_data(data_dir, db_url)
    digest = plan_payments(settings, season=SEASON).digest()
    assert run_pay(settings, season=SEASON, approved_by="Finance", expect_digest=digest).payments == 4
    again = run_pay(settings, season=SEASON, approved_by="Finance", expect_digest=digest)
    assert again.run_id is None and again.already_paid == 4 and len(run_folders(data_dir)) == 1


def test_the_manifest_is_signed_and_pay_verify_finds_an_edited_manifest_or_file(db_url, data_dir, capsys):
    """Issue 16 (minor): the payment manifest is signed with the installation's key; `pay verify` checks it."""
    from mugalim.cli import main

    settings = season_data(data_dir, db_url)
    _pay(settings)
    [folder] = run_folders(data_dir)
    args = ["pay", "verify", "--data", str(data_dir), "--db-url", db_url, "--season", str(SEASON)]
    assert main(args) == 0 and "intact" in capsys.readouterr().out
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["signature"]["alg"] == "HMAC-SHA256" and len(m["signature"]["value"]) == 64
    m["total_kzt"] = "9999999.00"
    (folder / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    assert main(args) == 1 and "the manifest was changed" in capsys.readouterr().out
    m["total_kzt"] = "2800000.00"
    (folder / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    assert main(args) == 0
    with (folder / "register.csv").open("a", encoding="utf-8") as f:
        f.write("MG-2026-99999,2026,teacher_of_year,second,x,x,x,x,1.00,119,19,x\r\n")
    assert main(args) == 1 and "register.csv: its SHA-256 differs" in capsys.readouterr().out
