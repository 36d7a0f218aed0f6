"""The review station in the reader's language (issue 22 item 9): a kk/ru switch on every page, kept per user (the
`language` column of review_0003) and remembered for the login page; every label in that language only; keyboard
shortcuts that no browser takes (not Alt+D: the browsers' address bar), listed on the page."""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.review import auth
from mugalim.review.app import create_app
from mugalim.review.labels import FIELDS, LABELS
from mugalim.review.station import StationConfig

sys.path.insert(0, str(Path(__file__).parent))
from review_world import BASE_URL, form_token, login  # noqa: E402

PASSWORD = "a long enough password"
KK_ONLY = ("Күмәнді деректер", "Құжаттар жинақтары", "Төлемдер", "Шығу")
RU_ONLY = ("Сомнительные поля", "Досье", "Платежи", "Выйти")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    root = tmp_path_factory.mktemp("review-language")
    settings = Settings.load(root / "data", f"sqlite:///{root / 'm.sqlite'}")
    settings.ensure_layout()
    app = create_app(settings, station=StationConfig())
    for name in ("aigul", "olga"):
        auth.add_user(app.state.engine, name, PASSWORD, role="admin")
    now = datetime.now(UTC)
    with app.state.engine.begin() as c:
        c.execute(text("INSERT INTO payment_runs (run_id, season, state, created_at, approved_by, approved_at, "
                       "payments, total_kzt, context) VALUES ('r1', 2026, 'exported', :t, 'fin', :t, 1, 1250000, "
                       "'{}')"), {"t": now})
        c.execute(text("INSERT INTO payments_ledger (payment_id, season, competition, award, participant_iin, "
                       "full_name, iban, bic, amount_kzt, knp, kbe, purpose, state, attempt, run_id, recorded_at) "
                       "VALUES ('MG-2026-00001', 2026, 'grants', 'grant', '900101300017', 'Ким Ольга', "
                       "'KZ86125KZT5004100100', 'HSBKKZKX', 1250000, '119', '19', 'грант', 'exported', 1, 'r1', :t)"),
                  {"t": now})
    yield app
    app.state.recomputer.close()


@contextmanager
def _client(app: FastAPI) -> Iterator[TestClient]:
    client = TestClient(app, base_url=BASE_URL, follow_redirects=False)
    try:
        yield client
    finally:
        client.close()


def _switch(client: TestClient, lang: str, back: str = "/dossiers") -> None:
    page = client.get(back).text
    token = re.search(r'action="/language".*?name="token" value="([^"]+)"', page, re.S).group(1)
    done = client.post("/language", data={"lang": lang, "token": token, "back": back})
    assert done.status_code == 303 and done.headers["location"] == back


def _visible(html: str) -> str:
    """The page's text, without its tags and the language switch (which names both languages)."""
    html = re.sub(r'<(form|nav)[^>]*id="language".*?</\1>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_pages_are_in_kazakh_by_default_and_in_russian_once_chosen_and_the_choice_is_kept(app: FastAPI) -> None:
    with _client(app) as client:
        login(client, "aigul", PASSWORD)
        for path in ("/dossiers", "/payments", "/queue"):
            page = _visible(client.get(path, headers={"accept": "text/html"}).text)
            assert all(w in page for w in KK_ONLY) and not any(w in page for w in ("Сомнительные поля", "Выйти"))
        _switch(client, "ru")
        for path in ("/dossiers", "/payments", "/queue"):
            html = client.get(path).text
            page = _visible(html)
            assert all(w in page for w in RU_ONLY) and not any(w in page for w in KK_ONLY), path
            assert '<html lang="ru">' in html
    with migrate(app.state.settings.db_url).connect() as c:
        assert c.execute(text("SELECT language FROM review_users WHERE username = 'aigul'")).scalar() == "ru"
    with _client(app) as other:                                # another browser: the user's choice follows them
        login(other, "aigul", PASSWORD)
        assert "Выйти" in other.get("/dossiers").text
    with _client(app) as other:                                # another user: their own language
        login(other, "olga", PASSWORD)
        assert "Шығу" in _visible(other.get("/dossiers").text)


def test_no_label_is_shown_in_both_languages(app: FastAPI) -> None:
    pairs = [v for v in LABELS.values() if isinstance(v, tuple)] + list(FIELDS.values())
    both = [f"{kk} / {ru}" for kk, ru in pairs if kk != ru]
    with _client(app) as client:
        login(client, "olga", PASSWORD)
        for lang in ("ru", "kk"):
            _switch(client, lang, "/payments")
            for path in ("/dossiers", "/payments", "/queue"):
                page = client.get(path).text
                assert not [b for b in both if b in page], (lang, path)


def test_the_payments_page_writes_words_and_tenge(app: FastAPI) -> None:
    with _client(app) as client:
        login(client, "olga", PASSWORD)
        _switch(client, "ru", "/payments")
        page = client.get("/payments").text
        assert "1 250 000,00 ₸" in page and "выгружен для банка" in page and "Грант" in page
        assert ">exported<" not in page and "grants ·" not in page
        _switch(client, "kk", "/payments")
        assert "банкке жүктелді" in client.get("/payments").text


def test_the_login_page_has_the_switch_and_remembers_it(app: FastAPI) -> None:
    with _client(app) as client:
        first = client.get("/login")
        assert "Кіру" in first.text and 'href="/login?lang=ru"' in first.text
        ru = client.get("/login?lang=ru")
        assert "Вход" in ru.text and "Пароль" in ru.text and '<html lang="ru">' in ru.text
        assert "Вход" in client.get("/login").text                # the browser's choice is remembered
        assert "Вход" in client.get("/login?lang=xx").text       # nonsense is not a language
        token = form_token(client.get("/login").text)
        client.post("/login", data={"username": "nobody", "password": "x" * 20, "token": token})


def test_the_switch_needs_the_forms_token_and_stays_on_the_station(app: FastAPI) -> None:
    with _client(app) as client:
        login(client, "olga", PASSWORD)
        assert client.post("/language", data={"lang": "ru", "token": "forged", "back": "/"}).status_code == 403
        page = client.get("/dossiers").text
        token = re.search(r'action="/language".*?name="token" value="([^"]+)"', page, re.S).group(1)
        for back in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
            done = client.post("/language", data={"lang": "ru", "token": token, "back": back})
            assert done.status_code == 303 and done.headers["location"] == "/"
        assert client.post("/language", data={"lang": "en", "token": token}).status_code == 422
    with _client(app) as anonymous:
        assert anonymous.post("/language", data={"lang": "ru"}).status_code == 401


def test_shortcuts_are_listed_and_none_is_a_browsers(app: FastAPI) -> None:
    js = (Path(__file__).parent.parent / "mugalim" / "review" / "static" / "keys.js").read_text(encoding="utf-8")
    assert 'e.code === "KeyD"' in js and "e.shiftKey" in js
    assert not re.search(r'e\.altKey && \(e\.key === "d"', js)             # Alt+D is the browsers' address bar
    with _client(app) as client:
        login(client, "aigul", PASSWORD)
        _switch(client, "kk")
        page = client.get("/dossiers").text
        assert "accesskey" not in page
        keys = re.search(r'<footer class="keys" id="keys-nav">(.*?)</footer>', page, re.S).group(1)
        assert "Alt+Shift+1" in keys and "Alt+Shift+2" in keys and "Alt+Shift+3" in keys
        assert 'data-key="Digit2"' in page
        labels = [keys for keys, _ in LABELS["keys"]]
        assert "Alt+Shift+D" in labels and not any(k == "Alt+D" for k in labels)


def test_the_language_column_migrates_on_both_databases(db_url: str) -> None:
    engine = migrate(db_url)
    auth.add_user(engine, "kairat", PASSWORD)
    assert auth.account(engine, "kairat").language is None
    auth.set_language(engine, "kairat", "ru")
    assert auth.account(engine, "kairat").language == "ru"
    with pytest.raises(Exception, match="no language"):
        auth.set_language(engine, "kairat", "en")
