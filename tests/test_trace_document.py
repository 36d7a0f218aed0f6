"""The trace as a document (issue 22 item 8): `mugalim trace` and the station's trace page read as a document in
Kazakh and Russian — no snake_case key, no Python value (`True`, `{'1': 8.6}`, `[...]`), dates `dd.mm.yyyy HH:MM` in
Almaty time, tenge with spaces and two decimals — while `--json` keeps the facts as they are for programs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.trace import trace_payment, words
from mugalim.trace.document import document
from mugalim.trace.model import Trace
from mugalim.trace.render import render_text

sys.path.insert(0, str(Path(__file__).parent))
from test_trace_sample_season import SEASON, _paid_season  # noqa: E402

pytestmark = [pytest.mark.slow]
CLI = [sys.executable, "-m", "mugalim.cli"]
MOMENT = re.compile(r"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
REPR = re.compile(r"[{\[]['\"{\[]|['\"][}\]]|\b(True|False|None)\b|Decimal\(|datetime\(")
TENGE = re.compile(r"\b\d{1,3}(?: \d{3})*,\d{2} ₸")


@pytest.fixture(scope="module")
def paid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, list[str]]:
    root = tmp_path_factory.mktemp("trace-doc")
    return _paid_season(root / "data", f"sqlite:///{root / 'mugalim.sqlite'}")


def _keys(value: Any) -> set[str]:
    """Every key of the facts, nested ones too."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _check_document(out: str, t: Trace) -> None:
    snake = {k for link in t.links for k in _keys(link.facts) if "_" in k}
    assert snake and not [k for k in snake if k in out], [k for k in snake if k in out]
    plain = {k for link in t.links for k in _keys(link.facts) if "_" not in k}
    assert not [k for k in plain if re.search(rf"(?m)^\s*{k}:", out)]
    assert not REPR.search(out), REPR.search(out)
    assert MOMENT.search(out) and not ISO_MOMENT.search(out)


def test_the_trace_reads_as_a_document_in_kazakh_and_russian(paid) -> None:
    settings, ids = paid
    for pid in ids:
        t = trace_payment(settings, pid)
        out = render_text(t)
        _check_document(out, t)
        assert "Төлем / Платёж" in out and "Бекіткен / Утвердил" in out and "Строка платежа" in out
        assert TENGE.search(out) and "иә / да" in out
        assert "тур 1:" in out                               # a stage's rounds: a line each, not {'1': 8.6, …}
    grant = next(trace_payment(settings, p) for p in ids if trace_payment(settings, p).competition == "grants")
    assert "Грант" in render_text(grant) and "grants" not in render_text(grant).split("■")[1]


def test_dates_are_almaty_time_and_amounts_tenge(paid) -> None:
    settings, ids = paid
    with migrate(settings.db_url).connect() as c:
        row = c.execute(text("SELECT r.approved_at, l.amount_kzt FROM payments_ledger l JOIN payment_runs r "
                             "ON r.run_id = l.run_id WHERE l.payment_id = :p"), {"p": ids[0]}).one()
    at = row[0] if isinstance(row[0], datetime) else datetime.fromisoformat(str(row[0]))
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    almaty = (at + timedelta(hours=5)).strftime("%d.%m.%Y %H:%M")
    out = render_text(trace_payment(settings, ids[0]))
    assert f"Бекітілді / Утверждено: {almaty}" in re.sub(r": +", ": ", out)
    amount = f"{float(row[1]):,.2f}".replace(",", " ").replace(".", ",")
    assert f"{amount} ₸" in out


def test_one_language_only_when_asked(paid) -> None:
    settings, ids = paid
    t = trace_payment(settings, ids[0])
    ru, kk = render_text(t, lang="ru"), render_text(t, lang="kk")
    assert "Строка платежа" in ru and "Төлем жолы" not in ru and "Утвердил" in ru and "Бекіткен" not in ru
    assert "Төлем жолы" in kk and "Строка платежа" not in kk and " / " not in kk.splitlines()[0]
    _check_document(ru, t)


def test_words_of_values() -> None:
    assert words.when("2026-12-07 15:07:16.000000") == "07.12.2026 20:07"
    assert words.when(datetime(2026, 1, 31, 20, 30, tzinfo=UTC)) == "01.02.2026 01:30"
    assert words.day("1994-11-23") == "23.11.1994"
    assert words.tenge("4800000.5") == "4 800 000,50 ₸" and words.tenge(1000) == "1 000,00 ₸"
    assert words.number(7.1) == "7,1" and words.number("11.40") == "11,4"
    assert words.yes_no(True) == "иә / да" and words.yes_no(False, "ru") == "нет"
    assert words.code("award", "second", "kk") == "II орын" and words.code("award", "unknown") == "unknown"
    assert words.problem("outbox/2026/payments/r1/register.csv changed since the manifest was written (SHA-256 "
                         "differs)", "ru") == "outbox/2026/payments/r1/register.csv изменён после записи манифеста " \
                                              "(SHA-256 другой)"
    assert words.problem("something new", "kk") == "something new"


def test_a_broken_link_is_named_in_the_peoples_words(tmp_path: Path) -> None:
    settings, ids = _paid_season(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    register = next((settings.outbox(SEASON) / "payments").glob("*/register.csv"))
    register.write_text(register.read_text(encoding="utf-8-sig") + "\n", encoding="utf-8")
    t = trace_payment(settings, ids[0])
    out = render_text(t)
    assert "Үзілген буындар / Разорванные звенья" in out and "✗ үзілген / разорвана" in out
    assert "изменён после записи манифеста" in out and "манифест жазылғаннан кейін өзгерген" in out
    done = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                           "--all-payments", "--season", str(SEASON), "--lang", "ru"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 7 and "изменён после записи манифеста" in done.stdout
    assert f"сезон {SEASON}: 0 из {len(ids)} платежей" in done.stdout


def test_json_keeps_the_machine_form(paid) -> None:
    settings, ids = paid
    done = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                           "--payment-id", ids[0], "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 7), done.stderr
    data = json.loads(done.stdout)[0]
    payment = data["links"][0]["facts"]
    assert payment["payment_id"] == ids[0] and re.fullmatch(r"\d+\.\d{2}", payment["amount_kzt"])
    assert data["participant_iin"] == trace_payment(settings, ids[0]).participant_iin


def test_the_document_of_the_station_in_the_readers_language(paid) -> None:
    settings, ids = paid
    t = trace_payment(settings, ids[0])
    doc = document(t, lang="ru")
    assert [s.heading for s in doc.sections][:2] == ["Строка платежа", "Выгрузка платежей"]
    rows = {r.key: r for r in doc.sections[0].entries[0].rows}
    assert rows["amount_kzt"].label == "Сумма" and rows["amount_kzt"].value.endswith(" ₸")
    assert rows["events"].lines and all(MOMENT.match(line) for line in rows["events"].lines)


def test_the_stations_trace_page_is_the_same_document_in_the_readers_language(paid) -> None:
    import re as _re

    from fastapi.testclient import TestClient

    from mugalim.review import auth
    from mugalim.review.app import create_app
    from review_world import BASE_URL, login
    settings, ids = paid
    app = create_app(settings)
    auth.add_user(app.state.engine, "clerk", "a long enough password", role="finance")
    t = trace_payment(settings, ids[0])
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        login(client, "clerk", "a long enough password")
        page = client.get(f"/trace/payments/{ids[0]}").text
        visible = _re.sub(r"<[^>]+>", " ", page.split("<main>")[1])
        assert "Төлем жолы" in visible and "Строка платежа" not in visible and "Бекіткен" in visible
        _check_document(visible, t)
        token = _re.search(r'action="/language".*?name="token" value="([^"]+)"', page, _re.S).group(1)
        client.post("/language", data={"lang": "ru", "token": token, "back": f"/trace/payments/{ids[0]}"})
        page = client.get(f"/trace/payments/{ids[0]}").text
        visible = _re.sub(r"<[^>]+>", " ", page.split("<main>")[1])
        assert "Строка платежа" in visible and "Төлем жолы" not in visible and "Утвердил" in visible
        assert TENGE.search(visible) and "выгружен для банка" in visible
        _check_document(visible, t)
