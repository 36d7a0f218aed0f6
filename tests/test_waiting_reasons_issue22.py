"""Issue 22: why a dossier waits, and the checklist's reasons, travel through the database as the message catalog's
id and parameters (migration dossier_0003: `dossiers.reason_message`, `dossier_results.waiting_messages`,
`dossier_review_tasks.reason_message`, `dossier_findings.reason_message`) and are said from the catalog in the
reader's language — no English matched back by regular expressions. A row written before (no id kept) is shown with
its English as it is."""
from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from mugalim.messages import Message, Seq, decoded, decoded_parts, encoded

sys.path.insert(0, str(Path(__file__).parent))
from test_messages_issue22 import english_in  # noqa: E402

CONVENTION = "<season>_<competition>_<district>_<organization_bin>"
INGEST_REASON = Seq([Message("manifest.row", row=3, reason=Message("manifest.season", value="26")),
                     Message("manifest.row", row=4, reason=Message("manifest.bin", value="1", problem="12 digits"))])


def test_each_waiting_reason_is_said_from_its_id_in_kk_ru_and_en() -> None:
    waiting = [Message("wait.app_none"), Message("wait.app_no_iin", file="b/d/app.pdf"),
               Message("wait.app_bad_iin", problem="the check digit is wrong", file="b/d/app.pdf"),
               Message("wait.apps_of_different_people", n=2, files="b/d/a.pdf, b/d/b.pdf"),
               Message("wait.apps_of_one_person", n=2, files="b/d/a.pdf, b/d/b.pdf"),
               Message("wait.competition_unknown"), Message("wait.ingest"), Message("wait.twice", n=2),
               Message("wait.data_quality", checks="iin_valid"), Message("task.type_unsure")]
    kept = json.dumps([encoded(w) for w in waiting], ensure_ascii=False)
    back = decoded_parts("; ".join(waiting), kept)
    assert [b.id for b in back] == [w.id for w in waiting]                       # type: ignore[attr-defined]
    for w in back:
        kk, ru, en = w.said("kk"), w.said("ru"), w.said("en")
        assert kk != en and ru != en and kk != ru
        assert not english_in(kk.replace("b/d/", "")) and not english_in(ru.replace("b/d/", "")), (kk, ru)
        assert en == str(w)                                                       # the English logs and JSON keep
    assert back[1].said("kk") == "өтінім оқылмады — ЖСН-ді қызметкер енгізуі керек (b/d/app.pdf өтінімінде ЖСН оқылмады)"
    assert back[7].said("ru") == "у участника 2 пакета в этом сезоне: какой остаётся, решает сотрудник"
    assert back[0].said("en").startswith("application not read — a person must enter the IIN")
    nested = decoded(json.loads(json.dumps(encoded(INGEST_REASON))), str(INGEST_REASON))
    assert nested.said("kk").startswith("manifest.csv, 3-жол: маусым '26' — жыл емес; manifest.csv, 4-жол")
    assert nested.said("ru").startswith("manifest.csv, строка 3: сезон '26' — не год")
    assert str(nested) == str(INGEST_REASON)


def test_a_row_without_ids_is_shown_with_its_english() -> None:
    assert decoded_parts("a reason; another", None) == ["a reason", "another"]
    assert decoded_parts("a reason; another", "[null, null]") == ["a reason", "another"]
    assert decoded_parts("one", json.dumps([{"id": "wait.no_such_id", "params": {}}])) == ["one"]
    assert decoded(None, "english as stored") == "english as stored"
    assert decoded_parts(None, None) == []


def test_wording_has_no_regular_expression_for_why_a_dossier_waits_nor_for_the_checklist() -> None:
    from validators import wording

    assert not hasattr(wording, "FROM_INGEST") and not hasattr(wording, "QUESTION_NAMES")
    patterns = " ".join(p for p, _, _ in wording.PATTERNS)
    for english in ("application not read", "dossiers this season", "ingest left", "competition is not known",
                    "applications in one dossier", "in the dossier", "picture is", "it lasts", "container",
                    "video stream", "title frame", "essay has", "not A4", "Times New Roman", "pt, not 14",
                    "line spacing", "is not addressed", "identity document could not", "could not be checked"):
        assert english not in patterns, english


def test_the_checks_reasons_are_the_catalogs_in_kk_ru_and_en() -> None:
    from validators.essay import font_problems, office_problem, page_problems
    from validators.video import container_problem, duration_problem

    chars = [{"fontname": "ABCDEF+Arial", "size": 12.0, "page": 1, "top": 10.0 * i} for i in range(60)]
    made = [*page_problems({"pages": 2, "sizes": [(595, 842), (612, 792)]}), *font_problems(chars),
            duration_problem(20, (50, 70)), container_problem({"format_name": "avi"}),
            office_problem("43% of the text is not in Times New Roman: Arial (43%)")]
    assert [m.id for m in made] == ["check.essay_pages", "check.essay_not_a4", "check.essay_font", "check.essay_size",
                                    "check.video_short", "check.video_container", "check.essay_font_share"]
    assert str(made[0]) == "the essay has 2 pages; one page is required"             # the English JSON keeps
    assert made[0].said("kk") == "эссе 2 беттен тұрады, бір бет болуы керек"
    assert made[4].said("ru") == "длительность 20 с, сезон допускает 50–70 с (на 30 с короче)"
    for m in made:
        assert not english_in(m.said("kk").replace("Times New Roman", "").replace("Arial", "")), m.said("kk")


def test_validate_keeps_the_ids_and_the_station_says_them_in_the_users_language(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from mugalim.config import Settings
    from mugalim.review import auth
    from mugalim.review.app import create_app
    from mugalim.review.station import StationConfig
    from review_world import BASE_URL, login
    from validators import report
    from validators.dossier import DossierInput, evaluate
    from validators.run import _store

    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    settings.ensure_layout()
    app = create_app(settings, station=StationConfig())
    engine = app.state.engine
    auth.add_user(engine, "aigul", "a long enough password", role="admin")
    with engine.begin() as c:
        c.execute(text("INSERT INTO dossiers (id, batch, key, season, competition, status, reason, reason_message) "
                       "VALUES (1, 'b', 'd', 2026, 'teacher_of_year', 'waiting', :r, :m)"),
                  {"r": str(INGEST_REASON), "m": json.dumps(encoded(INGEST_REASON), ensure_ascii=False)})
        c.execute(text("INSERT INTO dossiers (id, batch, key, season, competition, status, reason) "    # before
                       "VALUES (2, 'b', 'old', 2026, 'teacher_of_year', 'ready', NULL)"))
        c.execute(text("INSERT INTO dossier_results (dossier_id, season, competition, participant_iin, complete, "
                       "waiting, eligibility, report_file, checked_at) VALUES (2, 2026, 'teacher_of_year', NULL, "
                       "false, 'an old English reason', '[]', 'r.json', :t)"), {"t": datetime.now(UTC)})
    from validators.sources import load_dossiers
    d = next(x for x in load_dossiers(engine, settings.data_dir, 2026) if x.dossier_id == 1)
    assert isinstance(d.reason, Seq)                                  # read back as the catalog's, not as English
    r = evaluate(DossierInput(**{**d.__dict__, "documents": []}), season=2026, video_duration_s=(50, 70),
                 video_min_size=(720, 480), title_repeat="exclude", grants_window=(datetime(2026, 3, 1).date(),
                 datetime(2026, 4, 30).date()), title_seasons=[], g3=None, read_video_title=False)
    _store(engine, r, report.dossier_json(r), "r.json")
    with engine.connect() as c:
        kept = json.loads(c.execute(text("SELECT waiting_messages FROM dossier_results WHERE dossier_id = 1")).scalar())
        task = c.execute(text("SELECT reason, reason_message FROM dossier_review_tasks WHERE dossier_id = 1")).one()
        finding = c.execute(text("SELECT reason, reason_message FROM dossier_findings WHERE dossier_id = 1 "
                                 "AND item = '1.1'")).one()
    assert ["seq" if "seq" in k else k["id"] for k in kept] == ["seq", "wait.app_none"]
    assert json.loads(task.reason_message)["id"] == "wait.app_none" and task.reason.startswith("application not read")
    assert finding.reason == "no identity document in the dossier"           # the English column as before
    assert json.loads(finding.reason_message) == {"id": "check.missing", "params": {"what": "identity document"}}
    try:
        with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
            login(client, "aigul", "a long enough password")
            page = client.get("/dossiers/1").text
            kk = _waiting(page)
            assert "manifest.csv, 3-жол: маусым '26' — жыл емес" in kk
            assert "өтінім оқылмады — ЖСН-ді қызметкер енгізуі керек (топтамада 1-қосымша өтінім оқылмады)" in kk
            assert "manifest.csv, 3-жол" in _ingest_waiting(page)
            assert not english_in(kk.replace("manifest.csv", "").replace("organization_bin", ""))
            client.post("/language", data={"lang": "ru", "token": re.search(
                r'action="/language".*?name="token" value="([^"]+)"', page, re.S).group(1), "back": "/dossiers/1"})
            ru = _waiting(client.get("/dossiers/1").text)
            assert "заявка не прочитана — ИИН должен ввести сотрудник" in ru and "manifest.csv, строка 3" in ru
            assert _waiting(client.get("/dossiers/2").text) == "an old English reason"    # no id kept: as stored
            assert "документ отсутствует" in _checklist_reason(client.get("/dossiers/1").text, "1.1")
    finally:
        app.state.recomputer.close()


def test_the_migration_gives_ingests_old_reasons_their_ids(tmp_path: Path) -> None:
    """Ingest takes a batch once, so its waiting reasons written before dossier_0003 are read once, by the migration,
    from the catalog's English wordings; one it cannot read keeps none."""
    from alembic import command

    from mugalim.db import alembic_config, engine_for, migrate

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = engine_for(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "dossier_0002")
        for i, reason in enumerate([str(INGEST_REASON), "something a person wrote"], 1):
            conn.execute(text("INSERT INTO dossiers (id, batch, key, status, reason) VALUES (:i, 'b', :k, 'waiting', "
                              ":r)"), {"i": i, "k": f"d{i}", "r": reason})
    engine.dispose()
    engine = migrate(url)
    with engine.connect() as c:
        rows = dict(c.execute(text("SELECT id, reason_message FROM dossiers ORDER BY id")).all())
    back = decoded(json.loads(rows[1]), "?")
    assert back.said("kk") == INGEST_REASON.said("kk") and back.said("ru") == INGEST_REASON.said("ru")
    assert rows[2] is None


def _waiting(page: str) -> str:
    m = re.search(r'<span id="waiting">(.*?)</span>', page, re.S)
    return _unescape(m.group(1)) if m else ""


def _checklist_reason(page: str, item: str) -> str:
    row = re.search(rf'<tr class="st-\w+" data-item="{re.escape(item)}">(.*?)</tr>', page, re.S)
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S) if row else []
    return _unescape(cells[2]) if len(cells) > 2 else ""


def _ingest_waiting(page: str) -> str:
    m = re.search(r'<p class="warn" id="ingest-waiting">(.*?)</p>', page, re.S)
    return _unescape(m.group(1)) if m else ""


def _unescape(s: str) -> str:
    import html
    return html.unescape(s).strip()
