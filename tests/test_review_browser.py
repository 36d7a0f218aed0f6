"""The review station in a real browser (headless Chromium over the DevTools Protocol), served by the real
`mugalim review` command on a free port: a request without a login is refused; a clerk logs in, works through the
queue of unsure fields with the keyboard alone beside the scan crops, has a bad IIN refused with the reason,
corrects it, and sees the dossier's report recomputed; the server's log holds no personal data."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mugalim.db import migrate

sys.path.insert(0, str(Path(__file__).parent))
from review_browser import Browser  # noqa: E402
from review_world import World, make_world, valid_iin_like  # noqa: E402

pytestmark = [pytest.mark.slow]
CLI = [sys.executable, "-m", "mugalim.cli"]
USER, PASSWORD = "clerk.aigerim", "a long test password"
SHOTS = Path(os.environ.get("MUGALIM_REVIEW_SHOTS", "")) if os.environ.get("MUGALIM_REVIEW_SHOTS") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def server(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    s = world.settings
    base = [*CLI, "review", "--data", str(s.data_dir), "--db-url", s.db_url]
    subprocess.run([*base, "add-user", USER, "--password-stdin"], input=PASSWORD + "\n", text=True, check=True,
                   capture_output=True, timeout=120)
    port = _free_port()
    log = tmp_path_factory.mktemp("log") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([*base, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, proc)
        yield url, log
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def _wait_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("mugalim review exited at start")
        try:
            urllib.request.urlopen(url + "/login", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("mugalim review did not start")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium"))
    try:
        yield b
    finally:
        b.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _status(url: str, accept: str = "text/html") -> tuple[int, str | None]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        r = opener.open(urllib.request.Request(url, headers={"Accept": accept}), timeout=10)
        return r.status, None
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("location")


def _shot(b: Browser, name: str) -> None:
    if SHOTS is not None:
        b.screenshot(SHOTS / f"{name}.png")


def _dossier_result(world: World, dossier_id: int) -> dict:
    with migrate(world.settings.db_url).connect() as c:
        r = c.execute(text("SELECT participant_iin, waiting, checked_at FROM dossier_results WHERE dossier_id = :i"),
                      {"i": dossier_id}).mappings().first()
    return dict(r)


def test_a_request_without_a_login_is_refused(server) -> None:
    url, _ = server
    assert _status(url + "/queue") == (303, "/login")
    assert _status(url + "/dossiers/1") == (303, "/login")
    assert _status(url + "/fields/1/crop.png", accept="image/png")[0] == 401
    assert _status(url + "/documents/1/pages/1/image.png", accept="image/png")[0] == 401


def test_a_clerk_works_through_the_queue_by_keyboard_and_the_dossier_report_changes(world, server, browser) -> None:
    url, log = server
    b = browser
    b.goto(url + "/queue")
    assert b.js("location.pathname") == "/login"
    _shot(b, "01-login")
    b.wait_for("document.activeElement && document.activeElement.id === 'username'")
    b.type_text(USER)
    b.key("Tab", keycode=9)
    b.type_text("a wrong password")
    b.enter()
    b.wait_loaded()
    assert b.js("document.querySelector('.error') !== null") and b.js("location.pathname") == "/login"
    b.js("document.getElementById('password').focus()")
    b.select_all()
    b.type_text(PASSWORD)
    b.enter()
    b.wait_for("location.pathname.startsWith('/queue/')")
    b.wait_loaded()

    keys = b.js("document.getElementById('keys').innerText")       # the shortcuts are listed on the page
    assert "Alt+Shift+D" in keys and "Ctrl+Enter" in keys and "Alt+D " not in keys
    dossier = b.js("document.getElementById('item').dataset.dossier")
    b.key("В", code="KeyD", keycode=68, modifiers=1 | 8)             # Alt+Shift+D, typed in a Russian layout
    b.wait_for(f"location.pathname === '/dossiers/{dossier}'")
    b.wait_loaded()
    b.key("!", code="Digit1", keycode=49, modifiers=1 | 8)           # Alt+Shift+1: back to the queue
    b.wait_for("location.pathname.startsWith('/queue/')")
    b.wait_loaded()

    before = _dossier_result(world, 1)
    assert "IIN is not valid" in (before["waiting"] or "")
    seen = []
    for _ in range(20):                                 # every unsure field of the sample batch, then the empty queue
        if b.js("document.getElementById('queue-empty') !== null"):
            break
        field = b.js("document.getElementById('item').dataset.dossier + ':' + "
                     "document.getElementById('fix').action.split('/').pop()")
        assert b.wait_for("(() => { const i = document.getElementById('crop');"
                          " return i === null || (i.complete && i.naturalWidth > 50); })()")
        name = b.js("document.getElementById('field-name').textContent")
        seen.append(name)
        _shot(b, f"02-queue-{len(seen)}")
        if "ЖСН" in name:
            _correct_iin(b, world)
        else:
            b.enter(modifiers=2)                        # Ctrl+Enter: the extracted value is right
        b.wait_for(f"!location.pathname.endsWith('/{field.split(':')[1]}') || "
                   "document.getElementById('queue-empty') !== null")
        b.wait_loaded()
    assert b.js("document.getElementById('queue-empty') !== null"), seen
    assert any("ЖСН" in s for s in seen) and len(seen) >= 2
    _shot(b, "03-queue-empty")

    fixed = valid_iin_like(world.forms["dossier_01"]["fields"]["iin"])
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:                  # the report is recomputed in the background
        after = _dossier_result(world, 1)
        if after["checked_at"] != before["checked_at"] and after["participant_iin"] == fixed:
            break
        time.sleep(1)
    assert after["participant_iin"] == fixed and "IIN is not valid" not in (after["waiting"] or "")
    report = world.settings.data_dir / "outbox" / "2026" / "dossiers"
    assert any(json.loads(p.read_text(encoding="utf-8")).get("participant_iin") == fixed
               for p in report.glob("*.json"))

    b.goto(url + "/dossiers/1")                         # refreshes itself while the report is recomputed
    b.wait_for("document.readyState === 'complete' && document.getElementById('recomputing') === null", 240)
    row = b.js("document.querySelector('tr[data-field=iin]').innerText")
    assert fixed in row and USER in row
    assert b.js("document.querySelectorAll('#checklist tr[data-item]').length") >= 8
    assert b.js("document.querySelectorAll('#eligibility tr[data-rule]').length") >= 1
    _shot(b, "04-dossier")
    b.js("document.querySelector('#checklist a, #fields a').click()")
    b.wait_for("location.pathname.startsWith('/documents/')")
    b.wait_for("document.querySelector('img.page') && document.querySelector('img.page').naturalWidth > 100")
    _shot(b, "05-page")

    b.goto(url + "/dossiers/2")                         # the other dossier's participant: the evidence trail
    b.js("document.getElementById('trace-link').click()")
    b.wait_for("location.pathname.startsWith('/trace/participants/')")
    b.wait_loaded()
    page = b.js("document.body.innerText")
    assert "Түпнұсқа файл" in page and "otinim.png" in page and "ЖСН" in page and "ИИН" not in page
    assert b.js("document.getElementById('trace-complete') !== null")
    _shot(b, "06-trace")
    trail = b.js("location.pathname")
    b.js("document.getElementById('lang-ru').click()")              # the kk/ru switch: kept for the user
    b.wait_for(f"location.pathname === '{trail}' && document.documentElement.lang === 'ru'")
    b.wait_loaded()
    page = b.js("document.body.innerText")
    assert "Оригинал в архиве" in page and "ИИН" in page and "Түпнұсқа файл" not in page
    _shot(b, "07-trace-ru")
    b.goto(url + "/dossiers")
    assert "Платежи" in b.js("document.getElementById('nav').innerText")
    b.js("document.getElementById('lang-kk').click()")
    b.wait_for("document.documentElement.lang === 'kk'")


def _correct_iin(b: Browser, world: World) -> None:
    """A bad check digit is refused with the reason; the valid IIN is taken."""
    bad = world.forms["dossier_01"]["fields"]["iin"]
    b.select_all()
    b.type_text(bad)
    b.enter()
    b.wait_for("document.getElementById('error') !== null")
    assert "check digit" in b.js("document.getElementById('error').textContent")
    _shot(b, "02-queue-refused")
    b.select_all()
    b.type_text(valid_iin_like(bad))
    b.enter()


def test_corrections_are_kept_with_who_and_when(world, server, browser) -> None:
    with migrate(world.settings.db_url).connect() as c:
        rows = c.execute(text("SELECT field, corrected_by, corrected_at, source FROM dossier_corrections")).all()
        acts = c.execute(text("SELECT action, outcome, reason FROM review_actions")).all()
    assert rows and all(r[1] == USER and r[2] is not None for r in rows)
    assert ("correct", "refused") in {(a[0], a[1]) for a in acts}
    assert any(a[1] == "refused" and "check digit" in a[2] for a in acts)


def test_the_server_log_holds_no_personal_data(world, server, browser) -> None:
    _, log = server
    text_ = log.read_text(encoding="utf-8", errors="replace")
    assert "GET /queue/" in text_ and "POST /queue/" in text_        # the access log is there
    for truth in world.forms.values():
        f = truth["fields"]
        secrets = [f.get("iin"), valid_iin_like(f["iin"]) if f.get("iin") else None, f.get("id_document_number"),
                   f.get("home_address"), f.get("postal_code"), *(f.get("phones") or [])]
        for s in filter(None, secrets):
            assert str(s) not in text_
            if str(s).startswith("+7"):
                assert str(s)[2:] not in text_
