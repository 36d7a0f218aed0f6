"""The payees' bank details (inbox/finance/payees*.csv|xlsx; spec/identifiers.md, data-layout.md): every fault of the
issue, row by row, and then end to end — a faulty payee is left out and paid in a later run once corrected."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from mugalim.errors import RejectedInput
from mugalim.payments import run_pay
from mugalim.payments.payees import read_payees
from pay_support import (BICS, IIN_G1, IIN_G2, IIN_II, IIN_III, NAMES, SEASON, account_of, payee_row,
                         read_exceptions, read_register, run_folders, season_data, write_payees)

BAD_MOD97 = "KZ87125KZT5004100100"         # spec/identifiers.md: fails mod 97


def _spaced_lower(iban: str) -> str:
    return " ".join(iban[i:i + 4] for i in range(0, 20, 4)).lower()


def test_an_iban_that_fails_mod_97_is_a_problem_naming_file_and_row(data_dir):
    write_payees(data_dir, [payee_row(IIN_II), payee_row(IIN_III, iban=BAD_MOD97)])
    found = read_payees(data_dir / "inbox" / "finance")
    assert IIN_II in found.payees and IIN_III not in found.payees
    assert found.problems[IIN_III] == "payees.csv row 3: IBAN check digits do not match (mod 97)"


def test_a_lower_case_iban_with_spaces_is_normalized_and_accepted(data_dir):
    write_payees(data_dir, [payee_row(IIN_II, iban=_spaced_lower(account_of(IIN_II)), bic=" hsbkkzkx ")])
    payee = read_payees(data_dir / "inbox" / "finance").payees[IIN_II]
    assert (payee.iban, payee.bic) == (account_of(IIN_II), "HSBKKZKX")


@pytest.mark.parametrize("bic", ["HSBKKZK", "HSBKKZKX0", "HSBKKZKX0012"])
def test_a_bic_of_the_wrong_length_is_a_problem(data_dir, bic):
    write_payees(data_dir, [payee_row(IIN_II, bic=bic)])
    found = read_payees(data_dir / "inbox" / "finance")
    assert IIN_II not in found.payees and "a BIC has 8 or 11 characters" in found.problems[IIN_II]


def test_two_conflicting_rows_leave_the_payee_out_but_identical_rows_are_one(data_dir):
    write_payees(data_dir, [payee_row(IIN_II), payee_row(IIN_III), payee_row(IIN_II, iban=account_of(IIN_G1)),
                            payee_row(IIN_III, full_name=NAMES[IIN_III].upper())])
    found = read_payees(data_dir / "inbox" / "finance")
    assert "two rows of bank details disagree (payees.csv row 2 and payees.csv row 4)" in found.problems[IIN_II]
    assert IIN_III in found.payees and found.payees[IIN_III].source == "payees.csv row 3, payees.csv row 5"


def test_rows_of_two_files_for_one_payee_are_compared_too(data_dir):
    write_payees(data_dir, [payee_row(IIN_II)], name="payees-a.csv")
    write_payees(data_dir, [payee_row(IIN_II, bic="CASPKZKA")], name="payees-b.csv")
    found = read_payees(data_dir / "inbox" / "finance")
    assert "payees-a.csv row 2 and payees-b.csv row 2" in found.problems[IIN_II]


def test_an_xlsx_payees_file_is_read_and_an_iin_typed_as_a_number_keeps_its_leading_zero(data_dir):
    wb = Workbook()
    ws = wb.active
    ws.append(["participant_iin", "full_name", "iban", "bic"])
    ws.append([int(IIN_G1), NAMES[IIN_G1], account_of(IIN_G1), BICS[IIN_G1]])
    (data_dir / "inbox" / "finance").mkdir(parents=True)
    wb.save(data_dir / "inbox" / "finance" / "payees-2026.xlsx")
    found = read_payees(data_dir / "inbox" / "finance")
    assert found.payees[IIN_G1].iban == account_of(IIN_G1)


def test_a_row_whose_iin_fails_its_check_is_reported_as_a_bad_row(data_dir):
    write_payees(data_dir, [payee_row(IIN_II, participant_iin="850314400124")])
    found = read_payees(data_dir / "inbox" / "finance")
    [bad] = found.bad_rows
    assert found.payees == {} and "payees.csv row 2: the IIN fails its check" in bad.reason


def test_a_payees_file_without_a_required_column_is_rejected_naming_it(data_dir):
    folder = data_dir / "inbox" / "finance"
    folder.mkdir(parents=True)
    (folder / "payees.csv").write_text("participant_iin,full_name,iban\n", encoding="utf-8")
    with pytest.raises(RejectedInput, match=r"payees.csv: missing column\(s\) bic"):
        read_payees(folder)


def test_every_payee_fault_end_to_end_then_paid_once_corrected(db_url, data_dir, caplog):
    """Bad mod 97, lower-case IBAN with spaces, BIC of the wrong length, a different name, a missing payee."""
    settings = season_data(data_dir, db_url)
    write_payees(data_dir, [
        payee_row(IIN_II, iban=BAD_MOD97),                                       # fails mod 97: not paid
        payee_row(IIN_III, iban=_spaced_lower(account_of(IIN_III))),             # normalized: paid
        payee_row(IIN_G1, bic="KCJBKZK"),                                        # BIC of 7: not paid
        payee_row(IIN_G2, full_name="Ерлан Сейітов"),                            # name differs: paid, reported
    ])                                                                           # (nobody else: all present)
    caplog.set_level("DEBUG")
    run_pay(settings, season=SEASON, approved_by="Finance")
    first = run_folders(data_dir)[0]
    assert {r["participant_iin"]: r["iban"] for r in read_register(first)} == {
        IIN_III: account_of(IIN_III), IIN_G2: account_of(IIN_G2)}
    why = {e["participant_iin"]: e["reason"] for e in read_exceptions(first)}
    assert "mod 97" in why[IIN_II] and "payees.csv, 2-жол" in why[IIN_II] and "payees.csv, строка 2" in why[IIN_II]
    assert "БСК 8 немесе 11 таңбадан тұрады" in why[IIN_G1] and "БИК состоит из 8 или 11" in why[IIN_G1]
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert any("differs from the application's" in w and IIN_G2[-4:] in w for w in manifest["warnings"])
    assert not any(iin in record.getMessage() for record in caplog.records for iin in NAMES)

    write_payees(data_dir, [payee_row(i) for i in (IIN_III, IIN_G1, IIN_G2)])   # II is now missing altogether
    run_pay(settings, season=SEASON, approved_by="Finance")
    second = run_folders(data_dir)[-1]
    assert [r["participant_iin"] for r in read_register(second)] == [IIN_G1]
    [missing] = read_exceptions(second)
    assert missing["participant_iin"] == IIN_II and "банк деректемелері жоқ" in missing["reason"]

    write_payees(data_dir, [payee_row(i) for i in (IIN_II, IIN_III, IIN_G1, IIN_G2)])
    run_pay(settings, season=SEASON, approved_by="Finance")
    assert [r["participant_iin"] for r in read_register(run_folders(data_dir)[-1])] == [IIN_II]
    assert len(run_folders(data_dir)) == 3


def test_a_semicolon_csv_as_excel_saves_it_in_kazakh_and_russian_locales_is_read(data_dir):
    folder = data_dir / "inbox" / "finance"
    folder.mkdir(parents=True)
    (folder / "payees.csv").write_text("\ufeffparticipant_iin;full_name;iban;bic\n"
                                       f"{IIN_II};{NAMES[IIN_II]};{account_of(IIN_II)};{BICS[IIN_II]}\n",
                                       encoding="utf-8")
    assert read_payees(folder).payees[IIN_II].iban == account_of(IIN_II)
