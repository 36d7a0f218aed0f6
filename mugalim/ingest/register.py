"""The database side of intake: batches, documents (one row per SHA-256), every input file's outcome, dossiers.

Every write is an insert that does nothing when the row is already there (or an upsert keyed on a natural identity),
so a run stopped at any point and started again never doubles a row. A file's document row and its intake row go in
one transaction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from mugalim.db import query
from mugalim.messages import Message, encoded

TS = sa.DateTime(timezone=True)

batches = sa.table(
    "batches", sa.column("id", sa.Integer), sa.column("name", sa.Text), sa.column("status", sa.String),
    sa.column("season", sa.Integer), sa.column("competition", sa.String), sa.column("district", sa.Text),
    sa.column("organization_bin", sa.String), sa.column("metadata_source", sa.String), sa.column("note", sa.Text),
    sa.column("taken_how", sa.String), sa.column("first_seen_at", TS), sa.column("finished_at", TS))
documents = sa.table(
    "documents", sa.column("id", sa.Integer), sa.column("sha256", sa.String), sa.column("size", sa.BigInteger),
    sa.column("kind", sa.String), sa.column("pages", sa.Integer), sa.column("archive_path", sa.Text),
    sa.column("batch", sa.Text), sa.column("rel_path", sa.Text), sa.column("registered_at", TS))
intake = sa.table(
    "intake", sa.column("id", sa.Integer), sa.column("batch", sa.Text), sa.column("rel_path", sa.Text),
    sa.column("sha256", sa.String), sa.column("size", sa.BigInteger), sa.column("outcome", sa.String),
    sa.column("kind", sa.String), sa.column("reason", sa.Text), sa.column("note", sa.Text),
    sa.column("dest_path", sa.Text), sa.column("at", TS))
dossiers = sa.table(
    "dossiers", sa.column("id", sa.Integer), sa.column("batch", sa.Text), sa.column("key", sa.Text),
    sa.column("season", sa.Integer), sa.column("competition", sa.String), sa.column("organization_bin", sa.String),
    sa.column("organization_name", sa.Text), sa.column("organization_type", sa.String),
    sa.column("district", sa.Text), sa.column("submitted_on", sa.Date), sa.column("status", sa.String),
    sa.column("reason", sa.Text), sa.column("reason_message", sa.Text), sa.column("metadata_source", sa.String))
dossier_documents = sa.table(
    "dossier_documents", sa.column("dossier_id", sa.Integer), sa.column("document_id", sa.Integer),
    sa.column("rel_path", sa.Text))

DOSSIER_FIELDS = ("season", "competition", "organization_bin", "organization_name", "organization_type",
                  "district", "submitted_on")


@dataclass(frozen=True)
class IntakeRow:
    rel_path: str
    outcome: str
    kind: str | None
    reason: str | None
    dest_path: str | None
    document_id: int | None


def _insert(conn: Connection, table: sa.TableClause) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def insert_ignore(conn: Connection, table: sa.TableClause, values: dict[str, Any], keys: list[str]) -> bool:
    """Insert a row unless one with the same `keys` (a unique constraint) exists; True when it was inserted."""
    stmt = _insert(conn, table).values(**values).on_conflict_do_nothing(index_elements=keys)
    return conn.execute(stmt).rowcount == 1


def batch_state(conn: Connection, name: str) -> tuple[str | None, datetime | None]:
    """(status, finished_at) of a batch, or (None, None) when it was never taken."""
    row = conn.execute(sa.select(batches.c.status, batches.c.finished_at).where(batches.c.name == name)).first()
    return (row.status, row.finished_at) if row else (None, None)


def take_batch(conn: Connection, name: str, *, how: str, at: datetime) -> None:
    if not insert_ignore(conn, batches, dict(name=name, status="taken", taken_how=how, first_seen_at=at), ["name"]):
        conn.execute(sa.update(batches).where(batches.c.name == name).values(status="taken"))


def finish_batch(conn: Connection, name: str, *, meta: dict[str, Any], source: str, note: str | None,
                 at: datetime) -> None:
    conn.execute(sa.update(batches).where(batches.c.name == name).values(
        status="done", finished_at=at, metadata_source=source, note=note, **meta))


def registered_paths(conn: Connection, batch: str) -> set[str]:
    return set(conn.execute(sa.select(intake.c.rel_path).where(intake.c.batch == batch)).scalars())


def document_by_sha(conn: Connection, sha256: str) -> Any:
    return conn.execute(sa.select(documents).where(documents.c.sha256 == sha256)).first()


def record_document(conn: Connection, *, batch: str, rel_path: str, sha256: str, size: int, kind: str,
                    pages: int | None, archive_path: str, note: str | None, at: datetime) -> Any:
    """Register an archived file: its document row (unless the same bytes are registered already, which makes this
    file a duplicate) and its intake row, in the caller's transaction. Returns the document row it belongs to."""
    inserted = insert_ignore(conn, documents, dict(
        sha256=sha256, size=size, kind=kind, pages=pages, archive_path=archive_path, batch=batch,
        rel_path=rel_path, registered_at=at), ["sha256"])
    doc = document_by_sha(conn, sha256)
    if inserted or (doc.batch, doc.rel_path) == (batch, rel_path):
        record_outcome(conn, batch=batch, rel_path=rel_path, sha256=sha256, size=size, outcome="archived",
                       kind=kind, reason=None, note=note, dest_path=archive_path, at=at)
    else:
        record_outcome(conn, batch=batch, rel_path=rel_path, sha256=sha256, size=size, outcome="duplicate",
                       kind=kind, reason=duplicate_reason(doc), note=note, dest_path=doc.archive_path, at=at)
    return doc


def duplicate_reason(doc: Any) -> str:
    return Message("ingest.duplicate", batch=doc.batch, path=doc.rel_path, archive=doc.archive_path)


def record_outcome(conn: Connection, *, batch: str, rel_path: str, sha256: str | None, size: int | None,
                   outcome: str, kind: str | None, reason: str | None, note: str | None, dest_path: str | None,
                   at: datetime) -> bool:
    return insert_ignore(conn, intake, dict(
        batch=batch, rel_path=rel_path, sha256=sha256, size=size, outcome=outcome, kind=kind, reason=reason,
        note=note, dest_path=dest_path, at=at), ["batch", "rel_path"])


def batch_intake(conn: Connection, batch: str) -> list[IntakeRow]:
    """Every registered input of a batch with the document it is (for archived files and duplicates)."""
    rows = conn.execute(query("ingest_batch_intake"), {"batch": batch})
    return [IntakeRow(r.rel_path, r.outcome, r.kind, r.reason, r.dest_path, r.document_id) for r in rows]


def upsert_dossier(conn: Connection, *, batch: str, key: str, meta: dict[str, Any], status: str,
                   reason: str | None, source: str) -> int:
    values = {f: meta.get(f) for f in DOSSIER_FIELDS}
    kept = encoded(reason)                  # the reason's catalog id and parameters, said again in each language
    values.update(status=status, reason=reason, metadata_source=source,
                  reason_message=json.dumps(kept, ensure_ascii=False) if kept is not None else None)
    stmt = _insert(conn, dossiers).values(batch=batch, key=key, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["batch", "key"], set_=values))
    return conn.execute(sa.select(dossiers.c.id).where(dossiers.c.batch == batch, dossiers.c.key == key)).scalar_one()


def link_document(conn: Connection, *, dossier_id: int, document_id: int, rel_path: str) -> None:
    insert_ignore(conn, dossier_documents, dict(dossier_id=dossier_id, document_id=document_id, rel_path=rel_path),
                  ["dossier_id", "document_id"])
