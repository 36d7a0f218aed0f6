"""Extraction's rows in the database: one per document, one per page, one per field. Saving a document replaces
its rows in one transaction, so re-extracting is idempotent and a failure never leaves half a document."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, bindparam, text

from mugalim.db import query
from extractors.document import Extraction

_TABLES = ("extract_fields", "extract_pages", "extract_documents")


def pending(conn: Connection) -> list[int]:
    return [r[0] for r in conn.execute(query("extract_pending"))]


def already_extracted(conn: Connection, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    stmt = text("SELECT document_id FROM extract_documents WHERE document_id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    return {r[0] for r in conn.execute(stmt, {"ids": ids})}


def save(conn: Connection, document_id: int, out: Extraction | None, *, error: str | None = None) -> None:
    """Replace the document's rows with `out` (or with a failed row carrying `error`)."""
    for table in _TABLES:
        conn.execute(text(f"DELETE FROM {table} WHERE document_id = :d"), {"d": document_id})
    now = datetime.now(timezone.utc)
    if out is None:
        conn.execute(text("INSERT INTO extract_documents (document_id, status, error, extracted_at) "
                          "VALUES (:d, 'failed', :e, :t)"), {"d": document_id, "e": error, "t": now})
        return
    r = out.result
    conn.execute(text("INSERT INTO extract_documents (document_id, status, doc_type, language, pages, level, "
                      "problems, extracted_at) VALUES (:d, 'ok', :ty, :la, :p, :lv, :pr, :t)"),
                 {"d": document_id, "ty": r["doc_type"], "la": r["language"], "p": r.get("pages"),
                  "lv": r.get("level"), "pr": json.dumps(r["problems"], ensure_ascii=False), "t": now})
    pages = [_page_row(document_id, p) for p in out.evidence["pages"]]
    if pages:
        conn.execute(text("INSERT INTO extract_pages (document_id, page, method, mean_confidence, unit, width, "
                          "height, rotation, skew, text) VALUES (:d, :page, :method, :mean_confidence, :unit, "
                          ":width, :height, :rotation, :skew, :text)"), pages)
    fields = _field_rows(document_id, out)
    if fields:
        conn.execute(text("INSERT INTO extract_fields (document_id, field, value, confidence, page, x0, y0, x1, "
                          "y1, bbox_unit, problem) VALUES (:d, :f, :v, :c, :p, :x0, :y0, :x1, :y1, :u, :pr)"),
                     fields)


def _page_row(document_id: int, p: dict[str, Any]) -> dict[str, Any]:
    row = {"d": document_id, **{k: p[k] for k in ("page", "method", "mean_confidence", "unit", "width", "height",
                                                  "rotation", "skew", "text")}}
    row["text"] = _no_nul(row["text"])
    return row


def _no_nul(value: str | None) -> str | None:
    """PostgreSQL's text cannot hold NUL, which a PDF's unmapped glyphs come out as; it carries no letter."""
    return value.replace("\x00", "") if value else value


def _field_rows(document_id: int, out: Extraction) -> list[dict[str, Any]]:
    r = out.result
    problems: dict[str, list[str]] = {}
    for p in r["problems"]:
        if p.get("field"):
            problems.setdefault(p["field"], []).append(p["problem"])
    rows = []
    for key, value in r["fields"].items():
        where = out.evidence["fields"].get(key) or {}
        box = where.get("bbox") or [None] * 4
        rows.append({"d": document_id, "f": key,
                     "v": None if value is None else _no_nul(json.dumps(value, ensure_ascii=False)),
                     "c": float(r["confidence"].get(key) or 0.0), "p": where.get("page"), "x0": box[0],
                     "y0": box[1], "x1": box[2], "y1": box[3], "u": where.get("unit"),
                     "pr": "; ".join(problems.get(key, [])) or None})
    return rows
