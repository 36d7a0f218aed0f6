"""Issue 22, the last of "staff read English" and "a console for people": the pay command's warnings, ingest's
per-file progress lines, manifest.csv's bad-row reasons and the reasons a dossier waits are said in the season's
language (through the one catalog, `mugalim.messages`), their English kept for logs, the manifest and --json; ingest
tells the console's progress what happened (the catalog's ids), it does not parse its own lines; the review
station keeps no unused label helpers beside its per-language ones."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mugalim.cli import main
from mugalim.messages import Message, said

sys.path.insert(0, str(Path(__file__).parent))

from pay_support import SEASON, run_folders, season_data, write_settings  # noqa: E402
from test_messages_issue22 import KAZAKH, english_in  # noqa: E402


# --- (a) the pay command's warnings --------------------------------------------------------------------------------

def test_pays_warnings_are_said_in_the_seasons_language_and_kept_in_english_in_the_manifest(db_url, data_dir,
                                                                                           capsys):
    season_data(data_dir, db_url)            # no payer's account, no approvers: two warnings
    assert main(["pay", "--data", str(data_dir), "--db-url", db_url, "--season", str(SEASON), "--plan"]) == 0
    plan = capsys.readouterr().out
    assert "NOTPROVIDED" in plan and "ескерту" in plan and "төлеушінің шоты" in plan, plan
    assert "payer's account is not set" not in plan and not [l for l in plan.splitlines() if english_in(l)], plan

    assert main(["pay", "--data", str(data_dir), "--db-url", db_url, "--season", str(SEASON)]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if "ескерту" in line]
    assert len(warnings) == 2 and all(KAZAKH.search(w) for w in warnings), out
    assert "no approvers are listed" not in out and "finance completes it" not in out, out
    manifest = json.loads((run_folders(data_dir)[0] / "manifest.json").read_text(encoding="utf-8"))
    assert any(w.startswith("no approvers are listed") for w in manifest["warnings"])       # the file's English


def test_pays_warnings_in_russian_for_a_russian_season_and_in_both_for_the_approver(db_url, data_dir, capsys):
    from mugalim.payments.plan import plan_payments

    settings = season_data(data_dir, db_url)
    write_settings(data_dir, language="ru", payer={"name": "Управление", "iban": "KZ00BAD", "bic": "KKMFKZ2A"})
    plan = plan_payments(settings, season=SEASON)
    assert "ключ 'payer.iban'" in plan.summary() and "казахстанский IBAN" in plan.summary(), plan.summary()
    approval = plan.approval_text()
    assert "'payer.iban' кілті" in approval and "ключ 'payer.iban'" in approval, approval
    assert json.dumps(plan.to_dict(), ensure_ascii=False).count("key 'payer.iban'") == 1     # programs: English


# --- (b) ingest's per-file progress lines, (e) told, not parsed -----------------------------------------------------

def _batch(data: Path) -> Path:
    from ingest_fixtures import pdf_bytes

    batch = data / "inbox" / "scans" / "2026_Бостандық_teacher_of_year_123456789013"
    (batch / "Иванова").mkdir(parents=True)
    (batch / "Иванова" / "application.pdf").write_bytes(pdf_bytes(1, "Өтінім"))
    (batch / "Иванова" / "notes.exe").write_bytes(b"MZ" + b"\0" * 200)
    (batch / "manifest.csv").write_text(
        "path,competition,season,organization_bin,organization_name,organization_type,district,submitted_on\n"
        "Иванова,teacher_of_year,2026,,,secondary,Бостандық,2026-13-01\n", encoding="utf-8")
    (batch / "READY").write_text("")
    return batch


def test_ingests_item_lines_are_said_in_the_seasons_language_with_v(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["init", str(data)]) == 0
    _batch(data)
    capsys.readouterr()
    assert main(["-v", "ingest", "--data", str(data)]) == 0
    err = capsys.readouterr().err
    items = [line.split(": ", 1)[1] for line in err.splitlines() if "mugalim.progress" in line]
    assert items and all(KAZAKH.search(i) for i in items), err
    for english in ("archived ", "quarantined ", "taken (", "new file(s)", "good row(s)", "waiting —"):
        assert english not in err, (english, err)


def test_ingest_tells_the_progress_what_it_did(tmp_path):
    from mugalim.config import Settings
    from mugalim.ingest import run_ingest

    data = tmp_path / "data"
    assert main(["init", str(data)]) == 0
    _batch(data)
    events: list[str] = []
    run_ingest(Settings.load(data, None), progress=events.append, settle_minutes=0)
    assert all(isinstance(e, Message) for e in events), events
    ids = [e.id for e in events]
    assert ids.count("ingest.p.taken") == 1 and next(e for e in events if e.id == "ingest.p.taken").params["n"] == 3
    assert sum(i in ("ingest.p.archived", "ingest.p.quarantined", "ingest.p.manifest") for i in ids) == 3, ids
    import mugalim.commands.ingest as command
    assert not hasattr(command, "_TAKEN") and not hasattr(command, "_DONE")     # no line parsed back into counts


def test_the_ingest_bar_counts_every_file_it_was_told_about():
    from mugalim import console
    from mugalim.commands.ingest import ticks

    with console.progress("ingest", unit="файл", mode="off") as bar:
        tick = ticks(bar)
        tick(Message("ingest.p.taken", batch="b", how=Message("batch.ready"), n=2))
        tick(Message("ingest.p.archived", path="a.pdf", what="PDF, 1 p."))
        tick(Message("ingest.p.note", where="a.pdf", reason="x"))
        tick(Message("ingest.p.quarantined", path="b.exe", reason=Message("ingest.empty")))
        assert (bar.n, bar.total) == (2, 2)


# --- (c) manifest.csv's bad rows, (d) why a dossier waits -----------------------------------------------------------

def test_manifest_bad_rows_and_the_waiting_dossier_are_said_in_kazakh_and_russian(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["init", str(data)]) == 0
    _batch(data)
    capsys.readouterr()
    assert main(["ingest", "--data", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "submitted_on '2026-13-01' is a date that does not exist" in json.dumps(report)     # --json: English
    assert main(["ingest", "--data", str(data)]) == 0          # nothing new: the summary of the first run is gone
    from mugalim.ingest.manifest import parse_manifest

    bad = parse_manifest(b"path,competition,season,organization_bin,organization_name,organization_type,district,"
                         b"submitted_on\nx,teacher_of_year,26,,,school,,\ny,,,,,,,\n", batch_files={"x"})
    reasons = [b.reason for b in bad.bad_rows]
    assert reasons == ["season '26' is not a year", "path 'y' does not exist in the batch"]
    assert said(reasons[0], "kk") == "маусым '26' — жыл емес" and "не год" in said(reasons[0], "ru")
    assert "топтамада жоқ" in said(reasons[1], "kk") and "нет в пакете" in said(reasons[1], "ru")


def test_the_dossier_waiting_for_its_manifest_row_says_why_in_the_report(tmp_path, capsys):
    from mugalim.ingest.report import IngestReport

    data = tmp_path / "data"
    assert main(["init", str(data)]) == 0
    _batch(data)
    from mugalim.config import Settings
    from mugalim.ingest import run_ingest

    report: IngestReport = run_ingest(Settings.load(data, None), settle_minutes=0)
    [waiting] = report.dossiers_waiting
    assert waiting["reason"].startswith("manifest.csv row 2: submitted_on '2026-13-01'")       # the English, for logs
    for lang, words in (("kk", ("2-жол", "күнтізбеде жоқ")), ("ru", ("строка 2", "не существует"))):
        text = report.summary(lang)
        assert all(w in text for w in words), text
        assert not [line for line in text.splitlines() if english_in(line)], text


def test_why_a_dossier_waits_is_said_in_its_reports_language_after_the_database():
    """Kept as the catalog's ids (messages.encoded) and read back (decoded): no English matched again."""
    import json

    from mugalim.messages import Message, Seq, decoded, encoded

    convention = "<season>_<competition>_<district>_<organization_bin>"
    reasons = [(Message("wait.ingest"), "топтама", "пакет"),
               (Message("wait.competition_unknown"), "конкурс", "конкурс"),
               (Seq([Message("manifest.row", row=3, reason=Message("manifest.season", value="26"))]), "3-жол",
                "строка 3"),
               (Message("dossier.not_listed", problem=Message("batch.name_convention", convention=convention),
                        convention=convention), "қалта атауы", "имя папки")]
    for reason, kk, ru in reasons:
        back = decoded(json.loads(json.dumps(encoded(reason), ensure_ascii=False)), str(reason))
        assert back == reason                                    # the same English for logs and --json
        for lang, word in (("kk", kk), ("ru", ru)):
            text = back.said(lang)
            assert word in text and text != str(reason), text
            assert not english_in(text.replace(convention, "")), text


def test_validates_own_waiting_reasons_are_messages():
    from validators.dossier import DossierInput, identify

    d = DossierInput.__new__(DossierInput)
    try:
        d = DossierInput(dossier_id=1, batch="b", key="k", competition=None, season=2026, status="waiting",
                         reason=None, documents=[])
    except TypeError:
        pytest.skip("DossierInput's fields changed")
    _, _, waiting = identify(d)
    from validators.wording import localize
    assert waiting and all(KAZAKH.search(localize(w, "kk")) for w in waiting), waiting


# --- (f) the station's labels ---------------------------------------------------------------------------------------

def test_the_station_has_no_unused_label_helpers_beside_its_per_language_ones():
    from mugalim.review import labels, pages

    assert not hasattr(pages, "field_label") and not hasattr(pages, "status_label")
    assert labels.field_label("iin", "kk") != labels.field_label("iin", "ru")
