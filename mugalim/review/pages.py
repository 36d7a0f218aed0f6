"""The review station's pages: the queue of unsure fields (one at a time, beside its scan crop), the dossiers, a
document's pages, the payments and the evidence trail. Every route needs a login (`current_user`); the queue needs a
role that corrects, the scans (crops, pages) a role that sees them (`roles`)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import Depends, FastAPI, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, text

from mugalim.errors import MugalimError
from mugalim.review import crops
from mugalim.review.corrections import as_typed, submit
from mugalim.review.dossier_view import list_dossiers, load_dossier, say_reasons
from mugalim.review import labels
from mugalim.review.queue import QueueItem, unsure_fields
from mugalim.trace import trace_participant, trace_payment
from mugalim.trace.evidence import has_table

log = logging.getLogger(__name__)
PNG = "image/png"
CACHE = {"Cache-Control": "no-store"}        # scans are personal data: not kept in a shared browser's cache
SIDEBAR_BEFORE, SIDEBAR_AFTER = 5, 40


def register(app: FastAPI, current_user: Callable[..., str]) -> None:
    from mugalim.review.app import require
    user = Depends(current_user)
    _queue_routes(app, Depends(require("correct")), Depends(require("scans")))
    _dossier_routes(app, user)
    _document_routes(app, Depends(require("scans")))
    _trace_routes(app, user)


def queue_items(app: FastAPI) -> list[QueueItem]:
    with app.state.engine.connect() as conn:
        return unsure_fields(app.state.settings, conn)


def _queue_routes(app: FastAPI, user: Any, scans: Any) -> None:
    from mugalim.review.app import check_csrf, render

    @app.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, _u: str = user) -> Response:
        items = queue_items(app)
        if items:
            return RedirectResponse(f"/queue/{items[0].field_id}", status_code=303)
        return render(request, "queue.html", item=None, items=[], done=request.query_params.get("done"))

    @app.get("/queue/{field_id}", response_class=HTMLResponse)
    def queue_item(request: Request, field_id: int, _u: str = user) -> Response:
        return _item_page(request, queue_items(app), field_id)

    @app.post("/queue/{field_id}")
    def queue_submit(request: Request, field_id: int, username: str = user, value: str = Form(""),
                     do: str = Form("save"), token: str = Form("")) -> Response:
        """`do` is `save` (the typed value) or `confirm` (the extracted value is right)."""
        check_csrf(request, username, token)
        items = queue_items(app)
        action = "confirm" if do == "confirm" else "correct"
        outcome = submit(app.state.engine, field_id=field_id, typed=None if action == "confirm" else value,
                         username=username)
        if not outcome.ok:
            log.info("review: %s's %s of field %d refused", username, action, field_id)
            return _item_page(request, items, field_id, error=outcome.reason, typed=value, status_code=422)
        log.info("review: %s %sed field %d (%s)", username, action.rstrip("e"), field_id, outcome.field)
        return RedirectResponse(_after(app, items, field_id), status_code=303)

    @app.get("/fields/{field_id}/crop.png")
    async def field_crop(field_id: int, _u: str = scans) -> Response:
        req = _crop_request(app, field_id)
        if req is None:
            return Response(status_code=404)
        try:
            png = await run_in_threadpool(crops.render_crop, req)
        except MugalimError as e:
            log.warning("review: no crop for field %d: %s", field_id, type(e).__name__)
            return Response(status_code=404)
        return Response(png, media_type=PNG, headers=CACHE)


def _item_page(request: Request, items: list[QueueItem], field_id: int, **extra: Any) -> Response:
    from mugalim.review.app import render
    item = next((i for i in items if i.field_id == field_id), None)
    if item is None:
        return RedirectResponse("/queue", status_code=303)
    at = items.index(item)
    extra.setdefault("typed", as_typed(item.value))
    window = items[max(0, at - SIDEBAR_BEFORE): at + SIDEBAR_AFTER]      # a big night's queue stays a light page
    return render(request, "queue.html", item=item, items=items, window=window, position=at + 1,
                  next_id=items[at + 1].field_id if at + 1 < len(items) else None,
                  prev_id=items[at - 1].field_id if at > 0 else None, done=request.query_params.get("done"),
                  busy=request.app.state.recomputer.busy(item.season), **extra)


def _after(app: FastAPI, items: list[QueueItem], field_id: int) -> str:
    """Where a clerk goes after a field is taken: the next unsure field (the dossier's report is recomputed)."""
    item = next((i for i in items if i.field_id == field_id), None)
    if item is not None and item.season is not None:
        app.state.recomputer.request(item.season)
    rest = [i for i in items if i.field_id != field_id]
    after = [i for i in rest if item is None or items.index(i) > items.index(item)] or rest
    return f"{f'/queue/{after[0].field_id}' if after else '/queue'}?done={field_id}"


def _crop_request(app: FastAPI, field_id: int) -> crops.CropRequest | None:
    with app.state.engine.connect() as c:
        r = c.execute(text("SELECT f.page, f.x0, f.y0, f.x1, f.y1, f.bbox_unit, d.kind, d.archive_path, "
                           "d.id AS document_id FROM extract_fields f JOIN documents d ON d.id = f.document_id "
                           "WHERE f.id = :i"), {"i": field_id}).mappings().first()
        if r is None or r["x0"] is None or r["page"] is None:
            return None
        rotation, skew = _page_geometry(c, r["document_id"], r["page"])
    return crops.CropRequest(app.state.settings.data_dir / r["archive_path"], r["kind"], int(r["page"]),
                             crops.Box(r["x0"], r["y0"], r["x1"], r["y1"]), r["bbox_unit"] or "px300",
                             rotation, skew)


def _page_geometry(conn: Connection, document_id: int, page: int) -> tuple[int, float]:
    """The quarter turn and deskew extraction applied to the page (none when it did not store them)."""
    r = conn.execute(text("SELECT rotation, skew FROM extract_pages WHERE document_id = :d AND page = :p"),
                     {"d": document_id, "p": page}).first()
    return (int(r[0] or 0), float(r[1] or 0.0)) if r else (0, 0.0)


def _dossier_routes(app: FastAPI, user: Any) -> None:
    from mugalim.review.app import lang_of, render

    @app.get("/dossiers", response_class=HTMLResponse)
    def dossiers(request: Request, _u: str = user) -> Response:
        with app.state.engine.connect() as c:
            rows = list_dossiers(c)
        unsure: dict[int, int] = {}
        for i in queue_items(app):
            unsure[i.dossier_id] = unsure.get(i.dossier_id, 0) + 1
        return render(request, "dossiers.html", rows=rows, unsure=unsure)

    @app.get("/dossiers/{dossier_id}", response_class=HTMLResponse)
    def dossier(request: Request, dossier_id: int, _u: str = user) -> Response:
        with app.state.engine.connect() as c:
            view = load_dossier(c, dossier_id)
        if view is None:
            return render(request, "missing.html", what=f"dossier {dossier_id}", status_code=404)
        unsure = [i for i in queue_items(app) if i.dossier_id == dossier_id]
        say_reasons(view, lang_of(request))             # the reasons in the page's language (the catalog's words)
        return render(request, "dossier.html", d=view, unsure=unsure, busy=app.state.recomputer.busy(view.season))

    @app.get("/payments", response_class=HTMLResponse)
    def payments(request: Request, _u: str = user) -> Response:
        with app.state.engine.connect() as c:
            rows = [dict(r) for r in c.execute(text(
                "SELECT payment_id, season, competition, award, full_name, amount_kzt, state, run_id "
                "FROM payments_ledger ORDER BY payment_id")).mappings()] if has_table(c, "payments_ledger") else []
        return render(request, "payments.html", rows=rows)


def _document_routes(app: FastAPI, user: Any) -> None:
    from mugalim.review.app import render

    @app.get("/documents/{document_id}/pages/{page}", response_class=HTMLResponse)
    def document_page(request: Request, document_id: int, page: int, _u: str = user) -> Response:
        doc = _document(app, document_id)
        if doc is None or page < 1 or (doc["pages"] and page > doc["pages"]):
            return render(request, "missing.html", what=f"document {document_id}, page {page}", status_code=404)
        return render(request, "page.html", doc=doc, page=page)

    @app.get("/documents/{document_id}/pages/{page}/image.png")
    async def document_page_png(document_id: int, page: int, _u: str = user) -> Response:
        doc = _document(app, document_id)
        if doc is None or doc["kind"] == "mp4":
            return Response(status_code=404)
        try:
            png = await run_in_threadpool(crops.render_page, app.state.settings.data_dir / doc["archive_path"],
                                          doc["kind"], page)
        except MugalimError:
            return Response(status_code=404)
        return Response(png, media_type=PNG, headers=CACHE)


def _document(app: FastAPI, document_id: int) -> dict[str, Any] | None:
    with app.state.engine.connect() as c:
        r = c.execute(text("SELECT d.id, d.kind, d.pages, d.archive_path, d.sha256, d.batch, d.rel_path, "
                           "dd.dossier_id FROM documents d LEFT JOIN dossier_documents dd "
                           "ON dd.document_id = d.id WHERE d.id = :i"), {"i": document_id}).mappings().first()
    return dict(r) if r else None


def _trace_routes(app: FastAPI, user: Any) -> None:
    from mugalim.review.app import render
    settings = app.state.settings

    @app.get("/trace/payments/{payment_id}", response_class=HTMLResponse)
    def trace_of_payment(request: Request, payment_id: str, _u: str = user) -> Response:
        try:
            traces = [trace_payment(settings, payment_id)]
        except MugalimError as e:
            return render(request, "missing.html", what=str(e), status_code=404)
        return _trace_page(request, traces)

    @app.get("/trace/participants/{participant_id}", response_class=HTMLResponse)
    def trace_of_participant(request: Request, participant_id: int, _u: str = user) -> Response:
        with app.state.engine.connect() as c:
            r = c.execute(text("SELECT participant_iin, season FROM participants WHERE id = :i"),
                          {"i": participant_id}).first()
        if r is None:
            return render(request, "missing.html", what=f"participant {participant_id}", status_code=404)
        try:
            traces = trace_participant(settings, r[0], r[1])
        except MugalimError as e:
            return render(request, "missing.html", what=str(e), status_code=404)
        return _trace_page(request, traces)


def _trace_page(request: Request, traces: list[Any]) -> Response:
    """The trails as documents in the reader's language; what their role may not see is masked (an application's
    identifying fields here, IINs and IBANs on the finished page)."""
    from mugalim.review.app import lang_of, render, role_of
    from mugalim.trace.document import document
    role = role_of(request)
    docs = [document(t, lang=lang_of(request), private=role.field_value) for t in traces]
    return render(request, "trace.html", docs=docs)
