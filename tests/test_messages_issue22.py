"""Issue 22 item 3, "staff read English": what back-office staff, secretaries and finance read is said in Kazakh and
Russian through one message catalog (`mugalim.messages`; issue 17 keeps it), the season's language first, values as
words, not codes — and what programs read (the dossier JSON's keys, exceptions.csv's columns) is unchanged.

Each staff-facing output is checked for the Kazakh (and Russian) words it must hold and for none of a small list of
English words (`DENY`) that used to show there."""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mugalim.messages import CATALOG, LANGS, Message, Said, Seq, both, check_catalog, said, season_language
from validators import overview

sys.path.insert(0, str(Path(__file__).parent))

#: English words that used to be what staff read (headers, values, reasons, summaries)
DENY = ("participant_iin", "complete", "waiting", "present", "failed", "missing", "yes", "no", "not read", "read",
        "reason", "file", "empty", "damaged", "truncated", "accepted", "program", "bank details", "pending",
        "decision", "place", "row", "season", "dossiers", "batches", "files", "archived", "quarantined",
        "duplicate", "advances", "advancing", "rejected", "grant(s)", "payment", "exceptions", "warning",
        "months", "organization", "received", "title", "teacher_of_year", "grants", "corrections", "reports")
KAZAKH = re.compile("[әғқңөұүһі]", re.I)          # letters only Kazakh writes


def english_in(text: str) -> list[str]:
    """The words of DENY that `text` holds as words (not inside another word, a path or a key in quotes)."""
    text = re.sub(r"'[^']*'|«[^»]*»|\S+\.(csv|json|xlsx|html|pdf|exe|txt|zip)\b|\S*/\S*", " ", text)
    return [w for w in DENY if re.search(rf"(?<![\w.']){re.escape(w)}(?![\w'])", text, re.I)]


# --- the catalog ----------------------------------------------------------------------------------------------------

def test_every_message_is_in_kazakh_russian_and_english_with_the_same_placeholders() -> None:
    assert check_catalog() == []
    for key, texts in CATALOG.items():
        assert set(texts) == set(LANGS) and all(texts[lang].strip() for lang in LANGS), key
        for lang in ("kk", "ru"):                         # the words around the placeholders
            assert not english_in(re.sub(r"\{[^}]*\}", "", texts[lang])), (key, texts[lang])


def test_a_message_is_its_english_text_and_says_itself_in_each_language() -> None:
    m = Message("ingest.not_accepted", accepted="PDF", content=Message("content.exe"))
    assert m == "not an accepted file type (PDF): the content is a Windows program (.exe)"     # logs, DB, --json
    assert said(m, "kk").endswith("мазмұны — Windows бағдарламасы (.exe)")                     # nested, same language
    assert said(m, "ru").endswith("содержимое — программа Windows (.exe)")
    assert both(m) == f"{said(m, 'kk')} / {said(m, 'ru')}"
    assert said("a plain text, not in the catalog yet", "kk") == "a plain text, not in the catalog yet"
    g4 = Message("elig.G4.outside", date=date(2026, 5, 2), start=date(2026, 4, 10), end=date(2026, 4, 30))
    assert "2026-05-02" in g4 and "02.05.2026" in g4.said("kk") and "10.04.2026–30.04.2026" in g4.said("ru")
    assert Message.from_dict(json.loads(json.dumps(g4.to_dict()))).said("ru") == g4.said("ru")
    parts = Seq([Message("pay.no_name"), Said(kk="бір", ru="один", en="one")])
    assert parts == "no full name; one" and parts.said("kk") == "аты-жөні жоқ; бір"
    with pytest.raises(KeyError):
        Message("no.such.message")


def test_the_seasons_language_is_kazakh_unless_the_settings_say_russian(tmp_path: Path) -> None:
    assert season_language(tmp_path, 2026) == "kk" and season_language(tmp_path, None) == "kk"
    (tmp_path / "season-2026.yaml").write_text("language: ru\n", encoding="utf-8")
    assert season_language(tmp_path, 2026) == "ru" and season_language(tmp_path, None) == "ru"
    assert season_language(tmp_path, 2025) == "kk"


# --- 1. the overview ------------------------------------------------------------------------------------------------

def _report(complete: bool, read: bool) -> dict[str, object]:
    from validators.checklist import SECTION1
    status = {"1.1": "present", "1.2": "missing", "1.3": "failed"}
    return {"participant_iin": "900101300017", "full_name": "Ахметова Айгүл", "competition": "teacher_of_year",
            "organization": {"name": "№ 45 мектеп-гимназия", "district": "Алмалы"}, "complete": complete,
            "application_read": read, "waiting": [] if read else [Message("elig.E1.unknown")],
            "items": [{"item": i, "status": status.get(i, "present")} for i in SECTION1],
            "eligibility": [{"rule": "E1", "ok": True}, {"rule": "E2", "ok": False}, {"rule": "E3", "ok": None}]}


@pytest.mark.parametrize("lang, words", [
    ("kk", {"ЖСН", "Толық", "Өтінім", "бар", "жоқ", "сәйкес емес", "иә", "оқылмады", "Жыл мұғалімі"}),
    ("ru", {"ИИН", "Полный", "Заявка", "есть", "нет", "не соответствует", "да", "не прочитана", "Учитель года"}),
])
def test_the_overview_says_its_headers_and_values_in_the_seasons_language(tmp_path: Path, lang: str,
                                                                         words: set[str]) -> None:
    rows = overview.unread_first([overview.row_of(_report(True, True), "a.html"),
                                  overview.row_of(_report(False, False), "b.html")])
    overview.write_xlsx(tmp_path / "overview.xlsx", rows, lang)
    overview.write_html(tmp_path / "overview.html", rows, title="t", lang=lang)
    ws = load_workbook(tmp_path / "overview.xlsx").active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert words <= set(cells)
    assert not [c for c in cells if english_in(c) and not c.endswith(".html")]
    assert {"1.1", "1.7", "E1", "G4"} <= set(cells)                     # item and rule ids stay as the decree has them
    other = "ru" if lang == "kk" else "kk"
    head = {overview.HEAD[c.column - 1]: c for c in ws[1]}
    assert overview.label("participant_iin", other) in head["participant_iin"].comment.text   # the other language
    assert "Жеке басын куәландыратын" in head["1.1"].comment.text                             # the item's title
    fills = {c.value: c.fill.fgColor.rgb for c in ws[2]}
    assert fills[overview.shown_value("1.2", "missing", lang)].endswith("F8CBAD")             # coloured by its code
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "\n", page.split("<table>", 1)[1])
    assert words <= set(t.strip() for t in text.splitlines())
    assert not [t for t in text.splitlines() if english_in(t) and not t.strip().endswith(".html")]
    assert f"title='{overview.label('complete', other)}'" in page


def test_the_dossier_json_keeps_its_contract_keys_and_english_reasons() -> None:
    from validators import eligibility as el
    v = el.e3_continuous_experience(40).as_dict()
    assert {"rule", "ok", "reason", "files"} <= set(v) and v["ok"] is False                  # spec/portfolio.md
    assert v["reason"] == "40 months of uninterrupted pedagogical experience, fewer than 60"
    assert (v["reason_code"], v["reason_params"]) == ("elig.E3.short", {"months": 40, "need": 60})
    assert json.loads(json.dumps(v))["reason"] == v["reason"]


# --- 2. the quarantine's reason files -------------------------------------------------------------------------------

def test_a_quarantined_files_reason_is_in_kazakh_and_russian_with_the_english_for_engineers(tmp_path: Path) -> None:
    import ingest_fixtures as fx
    from mugalim.config import Settings
    from mugalim.ingest.run import run_ingest
    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    settings.ensure_layout()
    batch = settings.scans_inbox / "2026_grants_Медеу_940140000385"
    fx.exe(batch / "a/setup.exe")
    (batch / "a/empty.pdf").write_bytes(b"")
    (batch / "a/cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")
    (batch / "a/notes.rtf").write_bytes(b"{\\rtf1 hello}")
    (batch / "manifest.csv").write_bytes(b"\xff\xfe not a manifest")
    fx.ready(batch)
    report = run_ingest(settings)
    reasons = {q["path"]: q["reason"] for q in report.quarantined}
    expect = {"a/setup.exe": ("Windows бағдарламасы", "программа Windows", "a Windows program"),
              "a/empty.pdf": ("файл бос", "файл пустой", "empty file"),
              "a/cut.pdf": ("толық емес", "неполный", "truncated PDF"),
              "a/notes.rtf": ("RTF құжаты", "документ RTF", "an RTF document")}
    for path, (kk, ru, en) in expect.items():
        assert en in reasons[path]                                         # the report and the database: English
        lines = dict(line.split(": ", 1) for line in _reason_file(settings, batch.name, path))
        assert kk in lines["себебі"] and not english_in(lines["себебі"])
        assert ru in lines["причина"] and not english_in(lines["причина"])
        assert en in lines["reason (English, for engineers)"]
        assert lines["file"] == f"inbox/scans/{batch.name}/{path}"
    # A reason the catalog does not have yet is said in English, with a note in Kazakh and Russian saying so.
    lines = dict(line.split(": ", 1) for line in _reason_file(settings, batch.name, "manifest.csv"))
    assert "ағылшынша" in lines["себебі"] and "по-английски" in lines["причина"]
    assert lines["reason (English, for engineers)"] == str(reasons["manifest.csv"])


def _reason_file(settings, batch: str, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    return (settings.quarantine / batch / f"{path}.reason.txt").read_text(encoding="utf-8").splitlines()


def test_zip_refusals_are_said_in_kazakh_and_russian() -> None:
    from mugalim.ingest.zips import ZipLimits, safe_path
    _, traversal = safe_path("../../etc/evil.pdf")
    assert "path traversal" in traversal and "қалтасынан шығады" in said(traversal, "kk")
    bomb = Message("zip.refused", why=Message("zip.bomb", what="the ZIP", mib=2048.0, packed=1.0, ratio=2048.0,
                                               limit=ZipLimits().max_ratio))
    assert "a ZIP bomb" in bomb and "ZIP-бомба" in bomb.said("kk") and "ZIP-бомба" in bomb.said("ru")
    assert not english_in(bomb.said("kk")) and not english_in(bomb.said("ru"))


# --- 3. exceptions.csv ----------------------------------------------------------------------------------------------

def test_exceptions_csv_gives_each_reason_in_kazakh_and_russian_under_the_same_columns(tmp_path: Path) -> None:
    from mugalim.payments.awards import _why
    from mugalim.payments.exceptions_file import COLUMNS, write_exceptions
    from mugalim.payments.model import PaymentException
    from mugalim.payments.payees import _check
    bad_bic = _check(Message("pay.row", file="payees.csv", row=3),
                     {"participant_iin": "900101300017", "full_name": "Ким Ольга",
                      "iban": "KZ86125KZT5004100100", "bic": "KCJBKZK"}).problem
    reasons = [Message("pay.no_bank"), Message("pay.bank_unusable", problem=Seq([Message(
                   "pay.at", where=Message("pay.row", file="payees.csv", row=3), problem=bad_bic)])),
               Message("pay.place_once_decided", why=_why({"rule": "A2", "reason": "tie for II: equal city totals"}),
                       place="II"),
               Message("pay.over_budget", left=Decimal("500000.00"), budget=Decimal("4000000.00"))]
    rows = [PaymentException("teacher_of_year", "second", "900101300017", "Ким Ольга", Decimal("300000"), r)
            .to_row(2026) for r in reasons]
    write_exceptions(tmp_path / "exceptions.csv", rows)
    with (tmp_path / "exceptions.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == COLUMNS == (
            "season", "competition", "award", "participant_iin", "full_name", "amount_kzt", "reason")  # payments.md
        written = [r["reason"] for r in reader]
    for text, (kk, ru) in zip(written, [("банк деректемелері жоқ", "нет банковских реквизитов"),
                                        ("БСК 8 немесе 11", "БИК состоит из 8 или 11"),
                                        ("шешім күтілуде (A2 ережесі)", "ожидается решение (правило A2)"),
                                        ("гранттар бюджетінен", "бюджет грантов")]):
        assert kk in text and ru in text and " / " in text and KAZAKH.search(text)
        assert not english_in(text), text
    assert "қалалық балдар тең" in written[2] and "равные городские баллы" in written[2]   # the stage's reason too


# --- 4. the review station's dossier page ---------------------------------------------------------------------------

def test_the_stations_dossier_page_gives_the_eligibility_reasons_in_the_pages_language(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from mugalim.config import Settings
    from mugalim.review import auth
    from mugalim.review.app import create_app
    from mugalim.review.station import StationConfig
    from review_world import BASE_URL, form_token, login
    from validators import eligibility as el

    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    settings.ensure_layout()
    app = create_app(settings, station=StationConfig())
    auth.add_user(app.state.engine, "aigul", "a long enough password", role="admin")
    verdicts = [el.e2_secondary_staff("secondary", 20).as_dict(), el.e4_title_repeat([2023], 2026, "exclude").as_dict(),
                el.e5_documents(["application", "presentation"]).as_dict(),
                {"rule": "E3", "ok": True, "reason": "72 months of uninterrupted pedagogical experience", "files": []}]
    with app.state.engine.begin() as c:                        # the last: a report from before the catalog
        c.execute(text("INSERT INTO dossiers (id, batch, key, season, competition, status) "
                       "VALUES (1, 'b', 'd', 2026, 'teacher_of_year', 'ready')"))
        c.execute(text("INSERT INTO dossier_results (dossier_id, season, competition, participant_iin, complete, "
                       "waiting, eligibility, report_file, checked_at) VALUES (1, 2026, 'teacher_of_year', "
                       "'900101300017', false, NULL, :e, 'r.json', :t)"),
                  {"e": json.dumps(verdicts, ensure_ascii=False, default=str), "t": datetime.now(UTC)})
    try:
        with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
            login(client, "aigul", "a long enough password")
            kk = _eligibility_cells(client.get("/dossiers/1").text)
            assert kk == ["ұйым штатында 20 ай, 36 айдан аз",
                          "атақты 2023 жылы алған: маусым ережесі бойынша қайта қатыспайды",
                          "жоқ: сабақ жоспары, сынып сағатының жоспары", "72 ай үздіксіз педагогикалық өтіл"]
            page = client.get("/dossiers/1").text
            client.post("/language", data={"lang": "ru", "token": re.search(
                r'action="/language".*?name="token" value="([^"]+)"', page, re.S).group(1), "back": "/dossiers/1"})
            ru = _eligibility_cells(client.get("/dossiers/1").text)
            assert ru[0] == "20 мес. в штате организации, меньше 36" and ru[2] == "нет: план урока, план классного часа"
            assert not [c for c in kk + ru if english_in(c)]
            assert form_token                                    # (the helper the station's tests log in with)
    finally:
        app.state.recomputer.close()


def _eligibility_cells(page: str) -> list[str]:
    table = page.split('id="eligibility"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr data-rule=.*?</tr>", table, re.S)
    return [re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", r, re.S)[2]).strip() for r in rows]


# --- 5. what each step prints ---------------------------------------------------------------------------------------

def test_the_steps_summaries_are_in_the_seasons_language(tmp_path: Path) -> None:
    from mugalim.ingest.report import IngestReport
    from mugalim.payments.run import PayReport
    from mugalim.scoring.table import summary_lines
    from validators.run import ValidateReport

    ingest = IngestReport(batches_taken=["b"], archived=3, language="kk",
                          quarantined=[{"batch": "b", "path": "x.exe", "reason": Message(
                              "ingest.not_accepted", accepted="PDF", content=Message("content.exe"))}],
                          duplicates=[{"batch": "b", "path": "y.pdf", "reason": Message(
                              "ingest.duplicate", batch="a", path="y.pdf", archive="archive/a/y.pdf")}])
    validate = ValidateReport(2026, dossiers=4, complete=2, waiting=1, outbox="outbox/2026/dossiers",
                              data_docs="outbox/2026/data-docs/index.html")
    pay = PayReport(2026, run_id="r1", folder="outbox/2026/payments/r1", payments=2, total_kzt="600000.00",
                    exceptions=1, unpaid=[{"competition": "teacher_of_year", "award": "third", "participant_iin": "-",
                                           "reason": "x / y", "reason_kk": "банк деректемелері жоқ",
                                           "reason_ru": "нет банковских реквизитов"}])
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"season": 2026, "competition": "teacher_of_year", "stage": "district",
                                   "advancing": ["900101300017"], "prizes": {}, "grants": [],
                                   "pending": [{"reason": "tie for II: equal city totals",
                                                "participants": ["900101300025"]}],
                                   "rejected": [{"participant_iin": "900101300033", "rule": "E3",
                                                 "reason": "40 months of uninterrupted pedagogical experience, "
                                                           "fewer than 60 (5 years)"}]}), encoding="utf-8")
    for lang, words in (("kk", ("карантиндегі файлдар", "Windows бағдарламасы", "маусымы", "төлем", "өтеді",
                                "банк деректемелері жоқ", "аудандық кезең")),
                        ("ru", ("файлов в карантине", "программа Windows", "сезон", "платежей", "проходит",
                                "нет банковских реквизитов", "районный этап"))):
        printed = "\n".join([ingest.summary(lang), validate.summary(lang), pay.said(lang),
                             *summary_lines(results, lang=lang)])
        assert all(w in printed for w in words), printed
        assert not [line for line in printed.splitlines() if english_in(line)], printed
    assert "Ingest" in ingest.summary("en") and "files archived" in ingest.summary("en")      # engineers' logs
    assert summary_lines(results)[0] == "== teacher_of_year / district (season 2026)"         # the log's English
    assert str(validate).startswith("ValidateReport(") and validate.summary().startswith("2026 маусымы")
