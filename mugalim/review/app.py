"""The review station's web application: `create_app(settings)` gives a FastAPI app that serves server-rendered pages
on the local machine.

Every page but the login page (and its style sheet) needs a signed session cookie; without one a page request is sent
to the login page and any other request gets 401. URLs carry only opaque ids (dossier, document, field row, payment
id): no IIN, phone, address or document number ever appears in a URL, so none reaches the server's access log.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.review import auth, pages
from mugalim.review.corrections import Recomputer
from mugalim.review.labels import LABELS, item_title, problem_label, shown

HERE = Path(__file__).parent
log = logging.getLogger(__name__)


class LoginRequired(Exception):
    """Raised by the session check; turned into a redirect to /login (pages) or 401 (anything else)."""


def create_app(settings: Settings, *, session_secret: str | None = None) -> FastAPI:
    """The review station for the data folder and database of `settings`."""
    engine = migrate(settings.db_url)
    recomputer = Recomputer(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        recomputer.close()

    app = FastAPI(title="mugalim review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings, app.state.engine = settings, engine
    app.state.sessions = auth.Sessions(session_secret)
    app.state.recomputer = recomputer
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(L=LABELS, field_label=pages.field_label, status_label=pages.status_label,
                                 problem_label=problem_label, shown=shown, item_title=item_title)
    app.state.templates = templates
    app.add_exception_handler(LoginRequired, _login_required)
    app.middleware("http")(_no_personal_data_in_errors)
    _login_routes(app)
    pages.register(app, current_user)
    return app


def current_user(request: Request) -> str:
    """The signed-in user, or LoginRequired."""
    user = request.app.state.sessions.user(request.cookies.get(auth.SESSION_COOKIE))
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user


def csrf_token(request: Request, user: str) -> str:
    return request.app.state.sessions.issue(f"csrf:{user}")


def check_csrf(request: Request, user: str, token: str) -> None:
    """A form posted from another site carries no valid token (the cookie is SameSite=Strict as well)."""
    if not token or request.app.state.sessions.user(token) != f"csrf:{user}":
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


def _login_routes(app: FastAPI) -> None:
    templates: Jinja2Templates = app.state.templates

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        return templates.TemplateResponse(request, "login.html", {"error": None, "user": None})

    @app.post("/login")
    def login(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
        if not auth.check_login(app.state.engine, username.strip(), password):
            log.info("review: a login failed")
            return templates.TemplateResponse(request, "login.html",
                                              {"error": True, "user": None, "username": username.strip()},
                                              status_code=401)
        response = RedirectResponse("/queue", status_code=303)
        response.set_cookie(auth.SESSION_COOKIE, app.state.sessions.issue(username.strip()), httponly=True,
                            samesite="strict", max_age=app.state.sessions.max_age_s)
        log.info("review: user %s logged in", username.strip())
        return response

    @app.post("/logout")
    def logout(request: Request, user: str = Depends(current_user), token: str = Form("")) -> Response:
        check_csrf(request, user, token)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE)
        return response

    @app.get("/")
    def home(_user: str = Depends(current_user)) -> Response:
        return RedirectResponse("/queue", status_code=303)


def render(request: Request, name: str, **ctx: Any) -> Response:
    user = request.state.user
    status = ctx.pop("status_code", 200)
    ctx.update(user=user, token=csrf_token(request, user),
               recompute_error=request.app.state.recomputer.last_error)
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status)

