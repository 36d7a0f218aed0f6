"""Users and sessions of the review station: scrypt hashes with a per-user salt, signed session cookies, and
nothing served without a login."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import ConfigError
from mugalim.review import auth
from mugalim.review.app import create_app

sys.path.insert(0, str(Path(__file__).parent))
from review_world import BASE_URL, login  # noqa: E402

CLI = [sys.executable, "-m", "mugalim.cli"]


def test_passwords_are_stored_as_salted_scrypt_hashes(db_url: str) -> None:
    engine = migrate(db_url)
    assert auth.add_user(engine, "aigerim", "correct horse battery") is True
    assert auth.add_user(engine, "dana", "correct horse battery") is True
    with engine.connect() as c:
        hashes = [r[0] for r in c.execute(text("SELECT password_hash FROM review_users ORDER BY username"))]
    assert all(h.startswith("scrypt$") and "correct horse" not in h for h in hashes)
    assert hashes[0] != hashes[1]                                      # a salt of its own
    assert auth.check_login(engine, "aigerim", "correct horse battery")
    assert not auth.check_login(engine, "aigerim", "wrong horse battery")
    assert not auth.check_login(engine, "nobody", "correct horse battery")
    assert auth.add_user(engine, "aigerim", "a new long password", reset=True) is False   # same user, new password
    assert auth.check_login(engine, "aigerim", "a new long password")


def test_a_short_password_or_a_bad_name_is_refused(tmp_path: Path) -> None:
    engine = migrate(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with pytest.raises(ConfigError, match="too short"):
        auth.add_user(engine, "aigerim", "short")
    with pytest.raises(ConfigError, match="user name"):
        auth.add_user(engine, "a b", "long enough password")


def test_a_tampered_or_foreign_session_cookie_is_no_login() -> None:
    sessions, other = auth.Sessions("one secret"), auth.Sessions("another secret")
    cookie = sessions.issue("aigerim")
    assert sessions.user(cookie) == "aigerim"
    assert other.user(cookie) is None
    assert sessions.user(cookie[:-2] + "xx") is None
    assert auth.Sessions("one secret", max_age_s=-1).user(cookie) is None


def test_add_user_command_reads_the_password_from_stdin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = subprocess.run([*CLI, "review", "add-user", "clerk1", "--password-stdin", "--data", str(data)],
                          input="a long password\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert auth.check_login(migrate(Settings.load(data).db_url), "clerk1", "a long password")


def test_nothing_is_served_without_a_login(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    app = create_app(settings)
    auth.add_user(app.state.engine, "clerk1", "a long password")
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        for path in ("/", "/queue", "/dossiers", "/dossiers/1", "/payments", "/documents/1/pages/1",
                     "/trace/payments/MG-2026-00001"):
            r = client.get(path, headers={"accept": "text/html"})
            assert r.status_code == 303 and r.headers["location"] == "/login", path
        assert client.get("/fields/1/crop.png").status_code == 401
        assert client.post("/queue/1", data={"value": "x"}).status_code == 401
        assert client.get("/login").status_code == 200
        bad = login(client, "clerk1", "wrong")
        assert bad.status_code == 401 and auth.SESSION_COOKIE not in client.cookies
        ok = login(client, "clerk1", "a long password")
        assert ok.status_code == 303 and auth.SESSION_COOKIE in ok.cookies
        assert client.get("/dossiers").status_code == 200


def test_a_form_without_its_token_is_refused(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    app = create_app(settings)
    auth.add_user(app.state.engine, "clerk1", "a long password")
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        login(client, "clerk1", "a long password")
        assert client.post("/logout", data={"token": "forged"}).status_code == 403


def test_the_station_listens_on_loopback_only() -> None:
    from mugalim.review.server import check_host
    check_host("127.0.0.1")
    check_host("localhost")
    with pytest.raises(ConfigError, match="loopback"):
        check_host("0.0.0.0")


def test_the_station_does_not_start_without_a_user(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    done = subprocess.run([*CLI, "review", "--data", str(tmp_path / "data"), "--port", "1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no user yet" in done.stderr and "add-user" in done.stderr


def test_an_unexpected_error_is_logged_without_its_message(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise ValueError("duplicate key 850314401236, Абай көшесі 10")   # what a database error may quote

    with TestClient(app, base_url=BASE_URL) as client, caplog.at_level("INFO"):
        r = client.get("/boom")
    assert r.status_code == 500 and "850314401236" not in r.text
    assert "GET /boom failed: ValueError" in caplog.text
    assert "850314401236" not in caplog.text and "Абай" not in caplog.text
