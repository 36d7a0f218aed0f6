"""The review station's web application: `create_app(settings)` gives a FastAPI app that serves server-rendered pages
on the local machine.

Every page but the login page (and its style sheet) needs a session: a signed cookie whose user is active and whose
session version is the user's current one (checked on every request); without one a page request is sent to the
login page and any other request gets 401. What a user may do and see in clear follows their role (`roles`), and
the identifiers a role may not see are masked on every page as it is rendered (`render`). URLs carry only opaque ids
(dossier, document, field row, payment id): no IIN, phone, address or document number ever appears in a URL, so
none reaches the server's access log. The login form has a token of its own (a signed double-submit cookie), failed
logins are throttled (`throttle`), and every request passes the checks of `station` (host name, numbers in paths,
security headers).
"""
from __future__ import annotations

import logging
import math
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.review import auth, pages
from mugalim.review import labels as words
from mugalim.review.corrections import Recomputer
from mugalim.review.labels import shown
from mugalim.review.roles import ROLES, Role
from mugalim.review.station import StationConfig, install, secure_cookies
from mugalim.review.throttle import LoginThrottle
from mugalim.trace import words as W
from mugalim.trace.document import field_value

HERE = Path(__file__).parent
log = logging.getLogger(__name__)


#: The language the browser last chose (the login page's, before anyone is signed in); a signed-in user's choice is
#: kept with the user (`review_users.language`) and wins.
LANG_COOKIE = "mugalim_lang"


class LoginRequired(Exception):
    """Raised by the session check; turned into a redirect to /login (pages) or 401 (anything else)."""


class Forbidden(Exception):
    """The signed-in user's role may not do this; a 403 naming the role."""


def create_app(settings: Settings, *, session_secret: str | None = None,
               station: StationConfig | None = None) -> FastAPI:
    """The review station for the data folder and database of `settings` (`station`: how it is reached; by default
    read from settings/review.yaml)."""
    engine = migrate(settings.db_url)
    recomputer = Recomputer(settings)
    station = station or StationConfig.load(settings.settings_dir)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        recomputer.close()

    app = FastAPI(title="mugalim review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings, app.state.engine, app.state.station = settings, engine, station
    app.state.sessions = auth.Sessions(session_secret)
    app.state.throttle = LoginThrottle()
    app.state.recomputer = recomputer
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(shown=shown, when=W.when, day=W.day, tenge=W.tenge, number=W.number,
                                 percent=W.percent, LANG_NAMES=words.LANG_NAMES)
    app.state.templates = templates
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.middleware("http")(_no_personal_data_in_errors)
    install(app, station)
    _login_routes(app)
    pages.register(app, current_user)
    return app


def current_user(request: Request) -> str:
    """The signed-in user's name as the database has it, or LoginRequired. The session's claim must match the
    user's current session version and the user must be active: a cookie of a logged-out, deactivated or re-passworded
    user is no login. The name returned (and recorded as who made a correction) is the database's, never a value the
    request carries."""
    claim = request.app.state.sessions.read(request.cookies.get(auth.SESSION_COOKIE))
    account = auth.account(request.app.state.engine, claim.username) if claim else None
    if claim is None or account is None or account.version != claim.version:
        raise LoginRequired()
    request.state.user, request.state.claim = account.username, claim
    request.state.role = ROLES.get(account.role, ROLES["secretary"])     # an unknown role sees the least
    request.state.lang = words.language(account.language or request.cookies.get(LANG_COOKIE))
    return account.username


def lang_of(request: Request) -> str:
    """The language of the request's pages: the user's choice, else the browser's last choice, else Kazakh."""
    return getattr(request.state, "lang", None) or words.language(request.cookies.get(LANG_COOKIE))


def page_words(lang: str) -> dict[str, Any]:
    """What a template needs to speak `lang`: the labels (`L`) and the label functions bound to the language."""
    return {"L": words.labels(lang), "lang": lang,
            "field_label": lambda key: words.field_label(key, lang),
            "status_label": lambda status: words.status_label(status, lang),
            "problem_label": lambda problem: words.problem_label(problem, lang),
            "item_title": lambda item: words.item_title(item, lang),
            "level_label": lambda level: words.level_label(level, lang),
            "code": lambda key, value: W.code(key, value, lang)}


def require(permission: str) -> Callable[..., str]:
    """A dependency: the signed-in user, whose role has `permission` (a field of `roles.Role`), else 403."""
    def allowed(request: Request, user: str = Depends(current_user)) -> str:
        if not getattr(request.state.role, permission):
            raise Forbidden(permission)
        return user
    return allowed


def role_of(request: Request) -> Role:
    return request.state.role


def home_of(role: Role) -> str:
    return "/queue" if role.correct else "/dossiers"


def csrf_token(request: Request, user: str) -> str:
    """The token of the forms on this session's pages (bound to the session: stale once it ends)."""
    return request.app.state.sessions.csrf_token(request.state.claim)


def check_csrf(request: Request, user: str, token: str) -> None:
    """A form posted from another site carries no valid token (the cookie is SameSite=Strict as well)."""
    if not request.app.state.sessions.csrf_ok(request.state.claim, token):
        raise HTTPException(status_code=403, detail="the form's token is missing or stale: reload the page")


async def _no_personal_data_in_errors(request: Request, call_next: Any) -> Response:
    """An unexpected error is logged by its type and the request's path (opaque ids only), never by its message: a
    database error's message quotes the values of its statement, which may be an IIN or an address."""
    try:
        return await call_next(request)
    except Exception as e:  # noqa: BLE001 - the last line of defence of the log
        log.error("review: %s %s failed: %s", request.method, request.url.path, type(e).__name__)
        return Response("internal error: the station's log names the request", status_code=500,
                        media_type="text/plain")


async def _login_required(request: Request, _exc: Exception) -> Response:
    if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return RedirectResponse("/login", status_code=303)
    return Response("login required", status_code=401, media_type="text/plain")


async def _forbidden(request: Request, exc: Exception) -> Response:
    log.info("review: %s (%s) may not %s: %s %s", request.state.user, request.state.role.name, exc,
             request.method, request.url.path)
    if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return render(request, "missing.html", title=words.labels(lang_of(request))["forbidden"],
                      what=request.state.role.name, status_code=403)
    return Response(f"the role {request.state.role.name} may not do this", status_code=403, media_type="text/plain")


async def _bad_request(request: Request, exc: Exception) -> Response:
    """A path that is not one of the station's (`/dossiers/abc`) is not found; a bad form stays a 422."""
    assert isinstance(exc, RequestValidationError)
    if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
        return Response("not found", status_code=404, media_type="text/plain")
    return await request_validation_exception_handler(request, exc)


def _login_routes(app: FastAPI) -> None:
    templates: Jinja2Templates = app.state.templates
    sessions: auth.Sessions = app.state.sessions

    def login_page(request: Request, *, error: str | None = None, username: str = "", status_code: int = 200,
                   wait_s: int = 0) -> Response:
        """The login form with a fresh token, and its nonce in a cookie only the login form is sent."""
        nonce = sessions.login_nonce()
        asked = request.query_params.get("lang")
        lang = words.language(asked if asked in words.LANG_NAMES else request.cookies.get(LANG_COOKIE))
        response = templates.TemplateResponse(request, "login.html", {
            "error": error, "user": None, "username": username, "token": sessions.login_token(nonce),
            "wait_s": wait_s, **page_words(lang)}, status_code=status_code)
        response.set_cookie(auth.LOGIN_COOKIE, nonce, max_age=auth.LOGIN_FORM_S, path="/login", httponly=True,
                            samesite="strict", secure=secure_cookies(app.state.station, request))
        if asked in words.LANG_NAMES:
            _remember_language(app, request, response, lang)
        if wait_s:
            response.headers["Retry-After"] = str(wait_s)
        return response

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        return login_page(request)

    @app.post("/login")
    def login(request: Request, username: str = Form(""), password: str = Form(""), token: str = Form("")) -> Response:
        name, address = username.strip(), request.client.host if request.client else "?"
        if not sessions.login_ok(request.cookies.get(auth.LOGIN_COOKIE), token):
            log.info("review: a login form without its token from %s refused", address)
            return login_page(request, error="expired", username=name, status_code=403)
        wait = app.state.throttle.wait(name, address)
        if wait > 0:
            log.warning("review: a login for %s from %s refused: back-off for %d s more", _who(app, name), address,
                        math.ceil(wait))
            return login_page(request, error="throttled", username=name, status_code=429, wait_s=math.ceil(wait))
        account = auth.check_login(app.state.engine, name, password)
        if account is None:
            count, wait = app.state.throttle.failed(name, address)
            log.warning("review: a login for %s from %s failed (%d in 15 min; next try in %d s)", _who(app, name),
                        address, count, math.ceil(wait))
            return login_page(request, error="failed", username=name, status_code=401)
        app.state.throttle.succeeded(name, address)
        response = RedirectResponse(home_of(ROLES.get(account.role, ROLES["secretary"])), status_code=303)
        secure = secure_cookies(app.state.station, request)
        response.set_cookie(auth.SESSION_COOKIE, sessions.issue(account.username, account.version), httponly=True,
                            samesite="strict", max_age=sessions.max_age_s, secure=secure)
        response.delete_cookie(auth.LOGIN_COOKIE, path="/login", httponly=True, samesite="strict", secure=secure)
        log.info("review: user %s (%s) logged in from %s", account.username, account.role, address)
        return response

    @app.post("/logout")
    def logout(request: Request, user: str = Depends(current_user), token: str = Form("")) -> Response:
        """Ends every session of the user, not only this browser's cookie."""
        check_csrf(request, user, token)
        auth.end_sessions(app.state.engine, user)
        log.info("review: user %s logged out", user)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE, httponly=True, samesite="strict",
                               secure=secure_cookies(app.state.station, request))
        return response

    @app.get("/")
    def home(request: Request, _user: str = Depends(current_user)) -> Response:
        return RedirectResponse(home_of(role_of(request)), status_code=303)

    @app.post("/language")
    def choose_language(request: Request, user: str = Depends(current_user), lang: str = Form(""),
                        token: str = Form(""), back: str = Form("/")) -> Response:
        """The kk/ru switch: the user's pages are in that language from now on (kept with the user)."""
        check_csrf(request, user, token)
        if lang not in words.LANG_NAMES:
            return Response("no such language", status_code=422, media_type="text/plain")
        auth.set_language(app.state.engine, user, lang)
        response = RedirectResponse(_local(back), status_code=303)
        _remember_language(app, request, response, lang)
        return response


_LOCAL = re.compile(r"/(?![/\\])[A-Za-z0-9/_.?=&%-]*")


def _local(path: str) -> str:
    """A path of the station to go back to (never another site: `//host` or `/\\host` is the home page)."""
    return path if _LOCAL.fullmatch(path) else "/"


def _remember_language(app: FastAPI, request: Request, response: Response, lang: str) -> None:
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="strict",
                        secure=secure_cookies(app.state.station, request))


def _who(app: FastAPI, name: str) -> str:
    """A login's user name for the log, when it is a user: what was typed as a name may be a password."""
    return f"user {name}" if auth.known_user(app.state.engine, name) else "an unknown user name"


def render(request: Request, name: str, **ctx: Any) -> Response:
    """A page for the signed-in user, with what their role may not see masked (the one place a page is made)."""
    user, role = request.state.user, role_of(request)
    status = ctx.pop("status_code", 200)
    lang = lang_of(request)
    ctx.update(request=request, user=user, role=role, private=role.field_value, token=csrf_token(request, user),
               recompute_error=request.app.state.recomputer.last_error, **page_words(lang),
               fvalue=lambda field, value: field_value(field, value, lang, role.field_value))
    html = request.app.state.templates.get_template(name).render(ctx)
    return HTMLResponse(role.mask(html), status_code=status)
