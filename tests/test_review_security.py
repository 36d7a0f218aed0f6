"""The review station against a hostile or careless user (issue 16, the station's items): sessions, CSRF tokens and
the login form's token are not interchangeable; sessions end on logout, deactivation and a new password; failed
logins back off; roles mask what they do not need; passwords are hashed at OWASP's cost and checked in constant
work; every answer has its security headers and the station answers only to its own host names; a correction is
recorded under the signed-in user; numbers in paths out of range are 'not found'."""
from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import ConfigError
from mugalim.review import auth, throttle
from mugalim.review.app import create_app
from mugalim.review.roles import ROLES
from mugalim.review.station import StationConfig
from mugalim.review.throttle import LoginThrottle

sys.path.insert(0, str(Path(__file__).parent))
from review_world import BASE_URL, World, form_token, login, make_world, valid_iin_like  # noqa: E402

CLI = [sys.executable, "-m", "mugalim.cli"]
PASSWORD = "a long enough password"
IBAN = "KZ86125KZT5004100100"
PAYMENT = "MG-2026-00001"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _light(tmp_path: Path, db_url: str | None = None, station: StationConfig | None = None) -> FastAPI:
    """A station on an empty data folder (no scans): enough for what does not need a dossier."""
    settings = Settings.load(tmp_path / "data", db_url or f"sqlite:///{tmp_path / 'm.sqlite'}")
    settings.ensure_layout()
    return create_app(settings, station=station or StationConfig())


@contextmanager
def _client(app: FastAPI, **kw: object) -> Iterator[TestClient]:
    """A client of its own (its own cookies), without the app's lifespan: several clients share one app, and the end
    of a lifespan stops the app's recomputing thread (`_station` stops it when the test ends)."""
    base_url = str(kw.pop("base_url", BASE_URL))
    client = TestClient(app, base_url=base_url, follow_redirects=False, **kw)  # type: ignore[arg-type]
    try:
        yield client
    finally:
        client.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The sample batch (two dossiers, scanned forms, read and checked), one payment with an IBAN, and dossier 2's
    application as a PDF (for page numbers below 1)."""
    w = make_world(tmp_path_factory.mktemp("review-security"))
    engine = migrate(w.settings.db_url)
    now = datetime.now(UTC)
    with engine.begin() as c:
        c.execute(text("INSERT INTO payment_runs (run_id, season, state, created_at, approved_by, approved_at, "
                       "payments, total_kzt, context) VALUES ('r1', 2026, 'exported', :t, 'fin', :t, 1, 100, '{}')"),
                  {"t": now})
        c.execute(text("INSERT INTO payments_ledger (payment_id, season, competition, award, participant_iin, "
                       "full_name, iban, bic, amount_kzt, knp, kbe, purpose, state, attempt, run_id, recorded_at) "
                       "VALUES (:p, 2026, 'grants', 'grant', :iin, 'Test Name', :iban, 'KCJBKZKX', 100, '119', "
                       "'19', 'grant', 'exported', 1, 'r1', :t)"),
                  {"p": PAYMENT, "iin": w.forms["dossier_02"]["fields"]["iin"], "iban": IBAN, "t": now})
        path = c.execute(text("SELECT archive_path FROM documents WHERE id = 2")).scalar_one()
        pdf = Path(path).with_suffix(".pdf")
        Image.open(w.settings.data_dir / path).convert("RGB").save(w.settings.data_dir / pdf)
        c.execute(text("INSERT INTO documents (id, sha256, kind, pages, archive_path, batch, rel_path, size, "
                       "registered_at) SELECT 99, 'f' || substr(sha256, 2), 'pdf', 1, :p, batch, rel_path, "
                       "size, registered_at FROM documents WHERE id = 2"), {"p": str(pdf)})
    return w


@pytest.fixture
def station(world: World) -> Iterator[Callable[[dict[str, str]], FastAPI]]:
    """A station on the sample batch with these users (name → role)."""
    apps = []

    def make(users: dict[str, str]) -> FastAPI:
        app = create_app(world.settings, station=StationConfig())
        for name, role in users.items():
            if not auth.known_user(app.state.engine, name):
                auth.add_user(app.state.engine, name, PASSWORD, role=role)
        apps.append(app)
        return app
    yield make
    for app in apps:
        app.state.recomputer.close()


# --- issue 16 item 6 -------------------------------------------------------------------------------------------------

def test_a_csrf_token_or_a_login_form_token_is_never_a_session(tmp_path: Path) -> None:
    """issue 16 item 6: the CSRF token was signed by the session's own signer and salt, so a token was a valid
    session of user `csrf:<name>`. Each purpose now has its own key and salt."""
    app = _light(tmp_path)
    auth.add_user(app.state.engine, "clerk1", PASSWORD)
    with _client(app) as client:
        login_token = form_token(client.get("/login").text)
        assert login(client, "clerk1", PASSWORD).status_code == 303
        csrf = form_token(client.get("/dossiers").text)
    for forged in (csrf, login_token):
        with _client(app, cookies={auth.SESSION_COOKIE: forged}) as stranger:
            r = stranger.get("/dossiers", headers={"accept": "text/html"})
            assert r.status_code == 303 and r.headers["location"] == "/login"
    sessions: auth.Sessions = app.state.sessions
    assert sessions.read(csrf) is None and sessions.read(login_token) is None


# --- issue 16 item 7 -------------------------------------------------------------------------------------------------

def test_logout_deactivation_and_a_new_password_end_the_sessions(tmp_path: Path) -> None:
    """issue 16 item 7: logging out only deleted the browser's cookie, and deactivating a user or giving a new
    password left old cookies valid for 10 h. The session version is checked on every request."""
    app = _light(tmp_path)
    engine = app.state.engine
    auth.add_user(engine, "clerk1", PASSWORD)

    def session() -> str:
        with _client(app) as c:
            assert login(c, "clerk1", PASSWORD).status_code == 303
            return c.cookies[auth.SESSION_COOKIE]

    def works(cookie: str) -> bool:
        with _client(app, cookies={auth.SESSION_COOKIE: cookie}) as c:
            return c.get("/dossiers", headers={"accept": "text/html"}).status_code == 200

    first, second = session(), session()
    assert works(first) and works(second)
    with _client(app, cookies={auth.SESSION_COOKIE: first}) as c:
        assert c.post("/logout", data={"token": form_token(c.get("/dossiers").text)}).status_code == 303
    assert not works(first) and not works(second)          # logging out ends every session of the user

    third = session()
    auth.deactivate_user(engine, "clerk1")
    assert not works(third)
    with _client(app) as c:
        assert login(c, "clerk1", PASSWORD).status_code == 401

    auth.add_user(engine, "clerk1", PASSWORD, reset=True)   # reactivated, with a (new) password
    fourth = session()
    auth.add_user(engine, "clerk1", "another long password", reset=True)
    assert not works(fourth)


# --- issue 16 item 8 -------------------------------------------------------------------------------------------------

def test_failed_logins_back_off_per_user_and_the_log_holds_no_password(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """issue 16 item 8: any number of passwords could be tried at full speed. After 5 failures a user name waits
    (2 s, doubling); a name that is not a user is throttled alike; the log names neither password nor a mistyped
    name."""
    app = _light(tmp_path)
    clock = Clock()
    app.state.throttle = LoginThrottle(clock)
    auth.add_user(app.state.engine, "clerk1", PASSWORD)
    with _client(app) as client, caplog.at_level(logging.INFO):
        for name in ("clerk1", "nobody.here"):
            for n in range(throttle.FREE_PER_USER):
                assert login(client, name, f"guess number {n} secret").status_code == 401
            refused = login(client, name, PASSWORD)
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
            assert 'id="throttled"' in refused.text
        assert auth.SESSION_COOKIE not in client.cookies
        clock.now += throttle.FIRST_WAIT_S + 0.1
        assert login(client, "clerk1", PASSWORD).status_code == 303
    assert "guess number" not in caplog.text and PASSWORD not in caplog.text
    assert "nobody.here" not in caplog.text and "an unknown user name" in caplog.text
    assert "login for user clerk1 from testclient failed" in caplog.text


def test_the_back_off_doubles_and_counts_an_address_across_user_names() -> None:
    """issue 16 item 8: one address trying many user names is throttled too (20 free failures), and a success does
    not reset the address's count."""
    clock = Clock()
    t = LoginThrottle(clock)
    for n in range(throttle.FREE_PER_USER):
        assert t.wait("a", "10.0.0.1") == 0
        t.failed("a", "10.0.0.1")
    assert t.wait("a", "10.0.0.1") == pytest.approx(2.0)
    clock.now += 2.0
    t.failed("a", "10.0.0.1")
    assert t.wait("a", "10.0.0.1") == pytest.approx(4.0)
    assert t.wait("b", "10.0.0.2") == 0                     # another user from another address: free
    for n in range(throttle.FREE_PER_ADDRESS):
        t.failed(f"user{n}", "10.0.0.3")
    t.succeeded("user0", "10.0.0.3")
    assert t.wait("someone.else", "10.0.0.3") > 0
    clock.now += throttle.WINDOW_S
    assert t.wait("a", "10.0.0.1") == 0 and t.wait("someone.else", "10.0.0.3") == 0


def test_failing_on_purpose_from_one_address_does_not_lock_the_user_out_from_another(tmp_path: Path) -> None:
    """issue 16 item 8 (gap of the review): the back-off was per user name alone, so anyone could lock a real user
    out of the station by failing with that user's name on purpose (a denial of service). Now the user name's count
    is per (user name, address): after 5 wrong passwords for clerk1 from 10.6.6.6, clerk1 is held back *from
    10.6.6.6 only* (429 there, even with the right password), while clerk1 from 10.0.0.7 logs in at once (303); the
    attacker's address also counts against its own limit across names (20), whatever name it tries."""
    app = _light(tmp_path)
    clock = Clock()
    app.state.throttle = LoginThrottle(clock)
    auth.add_user(app.state.engine, "clerk1", PASSWORD)
    with _client(app, client=("10.6.6.6", 40000)) as attacker, _client(app, client=("10.0.0.7", 40001)) as clerk:
        for n in range(throttle.FREE_PER_USER + 3):
            attacker_try = login(attacker, "clerk1", f"guess number {n} secret")
            assert attacker_try.status_code in (401, 429)
        assert login(attacker, "clerk1", PASSWORD).status_code == 429         # held back, from that address
        assert login(clerk, "clerk1", PASSWORD).status_code == 303            # the real user, from their own
    t = LoginThrottle(clock)
    for n in range(throttle.FREE_PER_ADDRESS):
        t.failed(f"name{n}", "10.6.6.6")
    assert t.wait("clerk1", "10.6.6.6") > 0 and t.wait("clerk1", "10.0.0.7") == 0


# --- issue 16 item 12 ------------------------------------------------------------------------------------------------

def test_each_role_sees_in_clear_only_what_it_needs(world: World, station) -> None:
    """issue 16 item 12: every user saw full IINs and IBANs. Reviewers see IINs (they correct them), not IBANs;
    secretaries neither (nor phones and addresses), and no scans nor queue; finance both, and scans, but corrects
    nothing; admin all."""
    app = station({"rev": "reviewer", "sec": "secretary", "fin": "finance", "adm": "admin"})
    iin = world.forms["dossier_02"]["fields"]["iin"]
    masked_iin, masked_iban = "*" * 8 + iin[-4:], "*" * 16 + IBAN[-4:]
    with app.state.engine.connect() as c:
        field_id = c.execute(text("SELECT f.id FROM extract_fields f JOIN dossier_documents dd ON "
                                  "dd.document_id = f.document_id WHERE dd.dossier_id = 1 AND f.field = 'iin'")
                             ).scalar_one()
    expect = {"rev": ("reviewer", True, False, 200), "sec": ("secretary", False, False, 403),
              "fin": ("finance", True, True, 200), "adm": ("admin", True, True, 200)}
    for name, (role, sees_iin, sees_iban, scans) in expect.items():
        with _client(app) as c:
            assert login(c, name, PASSWORD).status_code == 303
            dossier = c.get("/dossiers/2").text
            trail = c.get(f"/trace/payments/{PAYMENT}").text
            assert (iin in dossier) is sees_iin and (masked_iin in dossier) is not sees_iin, name
            assert (IBAN in trail) is sees_iban and (masked_iban in trail) is not sees_iban, name
            assert (iin in trail) is sees_iin, name
            for field in ("home_address", "phones"):          # the application's other identifying fields
                row = dossier.split(f'data-field="{field}"', 1)[1].split("</tr>", 1)[0]
                value = row.split('class="value">', 1)[1].split("<", 1)[0]
                assert value.startswith("***") is not sees_iin, (name, field)
            assert "940140000385" in c.get("/dossiers").text          # a BIN is no personal data: never masked
            assert c.get(f"/fields/{field_id}/crop.png").status_code == scans, name
            assert c.get("/documents/1/pages/1", headers={"accept": "text/html"}).status_code == scans, name
            correct = ROLES[role].correct
            assert c.get(f"/queue/{field_id}").status_code == (200 if correct else 403), name
            posted = c.post(f"/queue/{field_id}", data={"do": "confirm", "token": form_token(dossier)})
            assert (posted.status_code == 403) is not correct, name


def test_masking_keeps_bins_and_masks_ibans_written_in_groups() -> None:
    """issue 16 item 12: the one masking function of the pages."""
    sec, rev = ROLES["secretary"], ROLES["reviewer"]
    page = "<td>851121474026</td> BIN 940140000385 KZ86 125K ZT50 0410 0100 sha 0123456789abcdef"
    assert sec.mask(page) == ("<td>********4026</td> BIN 940140000385 ****************0100 "
                              "sha 0123456789abcdef")
    assert rev.mask(page) == "<td>851121474026</td> BIN 940140000385 ****************0100 sha 0123456789abcdef"
    assert ROLES["admin"].mask(page) == page


def test_add_user_refuses_an_existing_user_without_reset_and_takes_a_role(tmp_path: Path) -> None:
    """issue 16 item 12: `add-user` silently gave an existing user a new password and reactivated them. It is now an
    error unless --reset; --role sets the role; deactivate-user ends a user's access."""
    data = tmp_path / "data"
    data.mkdir()
    base = [*CLI, "review", "--data", str(data)]

    def run(*args: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], input=password + "\n", capture_output=True, text=True, timeout=120)

    assert run("add-user", "fin1", "--password-stdin").returncode == 0
    again = run("add-user", "fin1", "--password-stdin", password="a different long password")
    assert again.returncode == 2 and "exists already" in again.stderr and "--reset" in again.stderr
    engine = migrate(Settings.load(data).db_url)
    assert auth.check_login(engine, "fin1", PASSWORD) == auth.Account("fin1", "reviewer", 0)
    assert run("add-user", "fin1", "--reset", "--role", "finance", "--password-stdin",
               password="a different long password").returncode == 0
    assert auth.check_login(engine, "fin1", "a different long password") == auth.Account("fin1", "finance", 1)
    assert run("add-user", "adm1", "--role", "admin", "--password-stdin").returncode == 0
    assert auth.check_login(engine, "adm1", PASSWORD) == auth.Account("adm1", "admin", 0)
    assert run("add-user", "x1", "--role", "boss", "--password-stdin").returncode == 2     # no such role
    assert run("deactivate-user", "fin1").returncode == 0
    assert auth.check_login(engine, "fin1", "a different long password") is None
    with pytest.raises(auth.UserExists):
        auth.add_user(engine, "fin1", PASSWORD)


def test_the_roles_migrate_on_both_databases(db_url: str, tmp_path: Path) -> None:
    """issue 16 items 7 and 12: review_0002 gives existing users the reviewer role and a session version."""
    engine = migrate(db_url)
    with engine.begin() as c:
        c.execute(text("INSERT INTO review_users (username, password_hash, active, created_at) "
                       "VALUES ('old', :h, true, :t)"), {"h": auth.hash_password(PASSWORD), "t": datetime.now(UTC)})
    assert auth.account(engine, "old") == auth.Account("old", "reviewer", 0)
    auth.end_sessions(engine, "old")
    assert auth.account(engine, "old") == auth.Account("old", "reviewer", 1)


# --- issue 16, minor: timing, scrypt cost, password length ----------------------------------------------------------

def test_a_missing_user_costs_the_same_hashing_as_a_wrong_password(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 16 item 'timing-based user enumeration': a missing user cost two hashes (one made, one verified), an
    existing one a single hash. Every failed login now costs one hash at today's cost."""
    engine = migrate(f"sqlite:///{tmp_path / 'm.sqlite'}")
    auth.add_user(engine, "clerk1", PASSWORD)
    legacy = _legacy_hash("an old long password")
    with engine.begin() as c:
        c.execute(text("INSERT INTO review_users (username, password_hash, active, created_at) "
                       "VALUES ('old', :h, true, :t)"), {"h": legacy, "t": datetime.now(UTC)})
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args: object, **kw: object) -> bytes:
        calls.append(int(kw["n"]))  # type: ignore[arg-type]
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "scrypt", counting)
    work = {}
    for name in ("clerk1", "nobody", "old"):
        calls.clear()
        assert not auth.check_login(engine, name, "a wrong long password")
        work[name] = sum(calls)
    assert work["clerk1"] == work["nobody"] == 2**17
    assert work["old"] >= 2**17                  # an old, cheaper hash is padded to today's cost


def _legacy_hash(password: str) -> str:
    salt = b"\x01" * 16
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${2**14}$8$1${salt.hex()}${digest.hex()}"


def test_hashes_use_owasp_cost_and_an_old_hash_is_upgraded_at_login(tmp_path: Path) -> None:
    """issue 16 item 'scrypt cost N=2^14 and 8-character minimum': new hashes use N=2^17, r=8, p=1 (OWASP Password
    Storage Cheat Sheet); a hash at the old cost still verifies and is remade at the next login; a new password has
    at least 15 characters (OWASP Authentication Cheat Sheet, no second factor)."""
    engine = migrate(f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert auth.hash_password(PASSWORD).startswith("scrypt$131072$8$1$")
    with engine.begin() as c:
        c.execute(text("INSERT INTO review_users (username, password_hash, active, created_at) "
                       "VALUES ('old', :h, true, :t)"), {"h": _legacy_hash("an old long password"),
                                                        "t": datetime.now(UTC)})
    assert auth.check_login(engine, "old", "an old long password")
    with engine.connect() as c:
        stored = c.execute(text("SELECT password_hash FROM review_users WHERE username = 'old'")).scalar_one()
    assert stored.startswith("scrypt$131072$8$1$") and auth.verify_password("an old long password", stored)
    with pytest.raises(ConfigError, match="at least 15 characters"):
        auth.add_user(engine, "dana", "fourteen chars")


# --- issue 16, minor: headers, host names, Secure cookies ------------------------------------------------------------

def test_every_answer_has_security_headers_and_pages_are_not_stored(tmp_path: Path) -> None:
    """issue 16 item 'missing CSP, X-Frame-Options, Cache-Control: no-store': every answer forbids framing and
    foreign scripts; pages (personal data) are never stored by the browser; the style sheet may be."""
    app = _light(tmp_path)
    auth.add_user(app.state.engine, "clerk1", PASSWORD)
    with _client(app) as client:
        login(client, "clerk1", PASSWORD)
        for path in ("/login", "/dossiers", "/payments", "/dossiers/5", "/static/app.css", "/nothing"):
            r = client.get(path)
            assert r.headers["x-frame-options"] == "DENY", path
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
            assert "script-src 'self'" in r.headers["content-security-policy"], path
            assert r.headers["x-content-type-options"] == "nosniff", path
            assert (r.headers.get("cache-control") == "no-store") is (not path.startswith("/static/")), path


def test_the_station_answers_only_to_its_host_names(tmp_path: Path) -> None:
    """issue 16 item 'a Host check': a page of another site whose name points at 127.0.0.1 (DNS rebinding) gets 400;
    a name listed in settings/review.yaml is served."""
    settings = Settings.load(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    settings.ensure_layout()
    (settings.settings_dir / "review.yaml").write_text("hosts: [review.example.kz]\n", encoding="utf-8")
    app = create_app(settings)
    for base, status in (("http://evil.example", 400), ("http://review.example.kz", 200),
                         ("http://localhost:8765", 200), ("http://[::1]:8765", 200), (BASE_URL, 200)):
        with _client(app, base_url=base) as c:
            assert c.get("/login").status_code == status, base
    (settings.settings_dir / "review.yaml").write_text("hosts: review.example.kz\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="review.yaml: 'hosts' is a list"):
        create_app(settings)


def test_cookies_are_secure_behind_tls_and_only_the_configured_proxy_is_believed(tmp_path: Path) -> None:
    """issue 16 item 'missing Secure (when behind TLS)': with `tls: true`, or a request the configured proxy says came
    over https, the session and login cookies are Secure (and HSTS is sent); X-Forwarded-Proto from anyone else is
    ignored."""
    def cookies_of(station: StationConfig, client_host: str) -> list[str]:
        app = _light(tmp_path / client_host / str(station.tls), station=station)
        if not auth.known_user(app.state.engine, "clerk1"):
            auth.add_user(app.state.engine, "clerk1", PASSWORD)
        with _client(app, client=(client_host, 5000), headers={"x-forwarded-proto": "https"}) as c:
            page = c.get("/login")
            token = form_token(page.text)
            nonce = page.cookies.get(auth.LOGIN_COOKIE, "")                       # a browser sends it over https
            r = c.post("/login", data={"username": "clerk1", "password": PASSWORD, "token": token},
                       headers={"cookie": f"{auth.LOGIN_COOKIE}={nonce}"})
            assert r.status_code == 303
            return [*page.headers.get_list("set-cookie"), *r.headers.get_list("set-cookie")]

    plain = cookies_of(StationConfig(), "testclient")
    assert plain and not any("secure" in c.lower() for c in plain)
    for station, host in ((StationConfig(tls=True), "testclient"), (StationConfig(proxy="127.0.0.1"), "127.0.0.1")):
        given = cookies_of(station, host)
        assert any(c.startswith(auth.SESSION_COOKIE) for c in given)
        assert all("secure" in c.lower() for c in given), given
    assert not any("secure" in c.lower() for c in cookies_of(StationConfig(proxy="10.9.9.9"), "127.0.0.2"))


# --- issue 16, minor: the login form's token ---------------------------------------------------------------------

def test_a_login_form_without_its_token_is_refused(tmp_path: Path) -> None:
    """issue 16 item '/login without CSRF': another site could log a clerk in under its own account (login CSRF).
    The login form carries a signed token matching a cookie only the station sets."""
    app = _light(tmp_path)
    auth.add_user(app.state.engine, "clerk1", PASSWORD)
    with _client(app) as client:
        bare = client.post("/login", data={"username": "clerk1", "password": PASSWORD})
        assert bare.status_code == 403 and auth.SESSION_COOKIE not in client.cookies and 'id="expired"' in bare.text
        other = form_token(client.get("/login").text)
        client.get("/login")                                           # a new cookie: the old token is not its own
        mismatched = client.post("/login", data={"username": "clerk1", "password": PASSWORD, "token": other})
        assert mismatched.status_code == 403 and auth.SESSION_COOKIE not in client.cookies
        assert login(client, "clerk1", PASSWORD).status_code == 303


# --- issue 16, minor: who made a correction ------------------------------------------------------------------------

def test_a_correction_is_recorded_under_the_signed_in_user_only(world: World, station) -> None:
    """issue 16 item '"who" fields in corrections come from the request': the name recorded was whatever the cookie
    said — a CSRF token as cookie recorded corrections by `csrf:<name>`. It is now the database's name of the
    session's user; nothing the request sends names the author."""
    app = station({"who.clerk": "reviewer"})
    with app.state.engine.connect() as c:
        field_id = c.execute(text("SELECT f.id FROM extract_fields f JOIN dossier_documents dd ON "
                                  "dd.document_id = f.document_id WHERE dd.dossier_id = 1 AND f.field = 'iin'")
                             ).scalar_one()                      # a bad check digit: always in the queue
    with _client(app) as client:
        login(client, "who.clerk", PASSWORD)
        csrf = form_token(client.get("/dossiers").text)
    with _client(app, cookies={auth.SESSION_COOKIE: csrf}) as forger:
        page = forger.get(f"/queue/{field_id}")
        token = form_token(page.text) if page.status_code == 200 else ""
        forged = forger.post(f"/queue/{field_id}", data={"do": "confirm", "token": token})
        assert forged.status_code == 401
    with _client(app) as client:
        login(client, "who.clerk", PASSWORD)
        token = form_token(client.get(f"/queue/{field_id}").text)
        good = valid_iin_like(world.forms["dossier_01"]["fields"]["iin"])
        ok = client.post(f"/queue/{field_id}", data={"do": "save", "token": token, "value": good,
                                                      "username": "mallory", "corrected_by": "mallory"})
        assert ok.status_code == 303
    with app.state.engine.connect() as c:
        who = {r[0] for r in c.execute(text("SELECT corrected_by FROM dossier_corrections"))}
        acted = {r[0] for r in c.execute(text("SELECT username FROM review_actions"))}
    assert "who.clerk" in who and "who.clerk" in acted
    assert not {w for w in who | acted if w.startswith("csrf") or w == "mallory"}


# --- issue 16, minor: numbers in paths -----------------------------------------------------------------------------

def test_numbers_out_of_range_in_a_path_are_not_found(db_url: str, tmp_path: Path) -> None:
    """issue 16 item 'a huge dossier id gives 500': an id beyond the INTEGER range reached the database (SQLite's
    OverflowError, PostgreSQL's out-of-range error). Every number in a path is checked once, before any route."""
    app = _light(tmp_path, db_url)
    auth.add_user(app.state.engine, "adm", PASSWORD, role="admin")
    huge = "9" * 25
    with _client(app) as client:
        login(client, "adm", PASSWORD)
        token = form_token(client.get("/dossiers").text)
        for path in (f"/dossiers/{huge}", "/dossiers/2147483648", "/dossiers/0", "/dossiers/-1", "/dossiers/abc",
                     f"/fields/{huge}/crop.png", f"/documents/{huge}/pages/1", f"/documents/1/pages/{huge}/image.png",
                     f"/trace/participants/{huge}", f"/queue/{huge}"):
            assert client.get(path).status_code == 404, path
        assert client.post(f"/queue/{huge}", data={"do": "confirm", "token": token}).status_code == 404
        assert client.get("/dossiers/2147483647").status_code == 404          # in range, no such dossier


def test_page_zero_or_below_of_a_pdf_is_not_page_one(station) -> None:
    """issue 16 item 'page 0/-1 serves page 1': pdftoppm reads `-f 0` as the first page."""
    app = station({"pager": "reviewer"})
    with _client(app) as client:
        login(client, "pager", PASSWORD)
        assert client.get("/documents/99/pages/1/image.png").status_code == 200
        for page in ("0", "-1", "00"):
            assert client.get(f"/documents/99/pages/{page}/image.png").status_code == 404, page
            assert client.get(f"/documents/99/pages/{page}").status_code == 404, page
