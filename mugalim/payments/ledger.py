"""The ledger: one row per payment identity (season, competition, award, participant IIN), the single source of
truth for what was ever paid. A payment's `payment_id` is assigned in the same transaction that records it, and never
changes; a row goes recorded → exported, and only a person's explicit reversal makes it payable again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (Column, Connection, DateTime, Integer, MetaData, Numeric, String, Table, Text, func, select,
                        update)

from mugalim.db import query
from mugalim.payments.model import KBE_RESIDENT_INDIVIDUAL, PlannedPayment, money

_md = MetaData()
runs = Table(
    "payment_runs", _md,
    Column("run_id", String(40), primary_key=True), Column("season", Integer), Column("state", String(16)),
    Column("created_at", DateTime(timezone=True)), Column("approved_by", Text),
    Column("approved_at", DateTime(timezone=True)), Column("payments", Integer), Column("total_kzt", Numeric(16, 2)),
    Column("context", Text), Column("exported_at", DateTime(timezone=True)))
ledger = Table(
    "payments_ledger", _md,
    Column("id", Integer, primary_key=True), Column("payment_id", String(35)), Column("season", Integer),
    Column("competition", String(32)), Column("award", String(16)), Column("participant_iin", String(12)),
    Column("full_name", Text), Column("iban", String(34)), Column("bic", String(11)),
    Column("amount_kzt", Numeric(16, 2)), Column("amount_mrp", Numeric(12, 2)), Column("mrp_kzt", Numeric(16, 2)),
    Column("knp", String(8)), Column("kbe", String(2)), Column("purpose", Text), Column("state", String(16)),
    Column("attempt", Integer), Column("run_id", String(40)), Column("recorded_at", DateTime(timezone=True)),
    Column("exported_at", DateTime(timezone=True)))
events = Table(
    "payment_events", _md,
    Column("id", Integer, primary_key=True), Column("payment_id", String(35)), Column("event", String(16)),
    Column("run_id", String(40)), Column("at", DateTime(timezone=True)), Column("actor", Text),
    Column("reason", Text), Column("reported_run_id", String(40)))
preparations = Table(
    "payment_preparations", _md,
    Column("id", Integer, primary_key=True), Column("season", Integer), Column("digest", String(16)),
    Column("prepared_by", Text), Column("via", String(16)), Column("prepared_at", DateTime(timezone=True)))


@dataclass(frozen=True)
class LedgerRow:
    payment_id: str
    competition: str
    award: str
    participant_iin: str
    state: str                 # recorded | exported | reversed
    amount_kzt: Decimal
    attempt: int
    run_id: str


def utc(value: datetime | str | None) -> datetime | None:
    """SQLite gives naive datetimes back (text, through a raw query): every time in the ledger is UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def as_money(value: Any) -> Decimal | None:
    return None if value is None else money(Decimal(str(value)))


def season_state(conn: Connection, season: int) -> dict[tuple[str, str, str], LedgerRow]:
    """Identity → ledger row, for every payment the season ever recorded."""
    out = {}
    for r in conn.execute(query("payments_ledger_state"), {"season": season}).mappings():
        row = LedgerRow(r["payment_id"], r["competition"], r["award"], r["participant_iin"], r["state"],
                        as_money(r["amount_kzt"]) or Decimal(0), r["attempt"], r["run_id"])
        out[(row.competition, row.award, row.participant_iin)] = row
    return out


def participant_names(conn: Connection, season: int) -> dict[tuple[str, str], str]:
    rows = conn.execute(query("payments_names"), {"season": season}).mappings()
    return {(r["competition"], r["participant_iin"]): r["full_name"] for r in rows if r["full_name"]}


def count_runs(conn: Connection, season: int) -> int:
    return conn.execute(select(func.count()).select_from(runs).where(runs.c.season == season)).scalar_one()


def record_preparation(conn: Connection, *, season: int, digest: str, prepared_by: str, via: str,
                       now: datetime) -> None:
    conn.execute(preparations.insert().values(season=season, digest=digest, prepared_by=prepared_by, via=via,
                                              prepared_at=now))


def preparer(conn: Connection, season: int, digest: str) -> str | None:
    """Who first prepared the batch with this digest (a later look at the same plan does not prepare it)."""
    return conn.execute(select(preparations.c.prepared_by)
                        .where(preparations.c.season == season, preparations.c.digest == digest)
                        .order_by(preparations.c.id).limit(1)).scalar_one_or_none()


def run_ids(conn: Connection, season: int) -> set[str]:
    return {r[0] for r in conn.execute(select(runs.c.run_id).where(runs.c.season == season))}


def unfinished_runs(conn: Connection, season: int) -> list[str]:
    return [r[0] for r in conn.execute(query("payments_unfinished_runs"), {"season": season})]


def unreported_reversals(conn: Connection, season: int) -> list[dict[str, Any]]:
    out = []
    for r in conn.execute(query("payments_unreported_reversals"), {"season": season}).mappings():
        out.append({"event_id": r["id"], "payment_id": r["payment_id"], "competition": r["competition"],
                    "award": r["award"], "amount_kzt": f"{as_money(r['amount_kzt'])}",
                    "reversed_at": utc(r["at"]).isoformat(), "reversed_by": r["actor"], "reason": r["reason"]})
    return out


def insert_run(conn: Connection, *, run_id: str, season: int, created_at: datetime, approved_by: str,
               approved_at: datetime, payments: int, total_kzt: Decimal, context: dict[str, Any]) -> None:
    conn.execute(runs.insert().values(
        run_id=run_id, season=season, state="recording", created_at=created_at, approved_by=approved_by,
        approved_at=approved_at, payments=payments, total_kzt=total_kzt,
        context=json.dumps(context, ensure_ascii=False, sort_keys=True)))


def record(conn: Connection, *, season: int, payments: list[PlannedPayment], run_id: str, now: datetime,
           existing: dict[tuple[str, str, str], LedgerRow]) -> list[str]:
    """Record each payment in this run: a new row with the next payment_id, or a reversed row paid again (same
    payment_id, next attempt). The identity's unique constraint stops any second row."""
    number = conn.execute(query("payments_next_number"), {"season": season}).scalar_one()
    ids = []
    for p in payments:
        values = _values(p, run_id, now)
        old = existing.get(p.award.identity)
        if old is not None:
            done = conn.execute(update(ledger).where(ledger.c.payment_id == old.payment_id,
                                                     ledger.c.state == "reversed")
                                .values(**values, attempt=old.attempt + 1, exported_at=None))
            if done.rowcount != 1:
                raise RuntimeError(f"payment {old.payment_id} is no longer reversed: another run took it")
            pid = old.payment_id
        else:
            number += 1
            pid = f"MG-{season}-{number:05d}"
            conn.execute(ledger.insert().values(**values, payment_id=pid, season=season, attempt=1,
                                                competition=p.award.competition, award=p.award.award,
                                                participant_iin=p.award.participant_iin))
        conn.execute(events.insert().values(payment_id=pid, event="recorded", run_id=run_id, at=now))
        ids.append(pid)
    return ids


def _values(p: PlannedPayment, run_id: str, now: datetime) -> dict[str, Any]:
    return {"full_name": p.payee.full_name, "iban": p.payee.iban, "bic": p.payee.bic, "amount_kzt": p.amount.kzt,
            "amount_mrp": p.amount.mrp, "mrp_kzt": p.amount.mrp_kzt, "knp": p.knp, "kbe": KBE_RESIDENT_INDIVIDUAL,
            "purpose": p.purpose, "state": "recorded", "run_id": run_id, "recorded_at": now}


def get_run(conn: Connection, run_id: str) -> dict[str, Any]:
    r = conn.execute(runs.select().where(runs.c.run_id == run_id)).mappings().one()
    return {**r, "created_at": utc(r["created_at"]), "approved_at": utc(r["approved_at"]),
            "context": json.loads(r["context"]), "total_kzt": as_money(r["total_kzt"])}


def run_rows(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    rows = []
    for r in conn.execute(query("payments_run_rows"), {"run_id": run_id}).mappings():
        rows.append({**r, "amount_kzt": as_money(r["amount_kzt"]), "amount_mrp": as_money(r["amount_mrp"]),
                     "mrp_kzt": as_money(r["mrp_kzt"])})
    return rows


def mark_exported(conn: Connection, *, run_id: str, now: datetime, reversal_event_ids: list[int]) -> None:
    """The run's files are complete in the outbox: its payments are exported, its reversals reported."""
    pids = [r[0] for r in conn.execute(ledger.select().with_only_columns(ledger.c.payment_id)
                                       .where(ledger.c.run_id == run_id, ledger.c.state == "recorded"))]
    conn.execute(update(ledger).where(ledger.c.run_id == run_id, ledger.c.state == "recorded")
                 .values(state="exported", exported_at=now))
    for pid in pids:
        conn.execute(events.insert().values(payment_id=pid, event="exported", run_id=run_id, at=now))
    if reversal_event_ids:
        conn.execute(update(events).where(events.c.id.in_(reversal_event_ids), events.c.reported_run_id.is_(None))
                     .values(reported_run_id=run_id))
    conn.execute(update(runs).where(runs.c.run_id == run_id).values(state="exported", exported_at=now))


def find_payment(conn: Connection, payment_id: str) -> dict[str, Any] | None:
    r = conn.execute(ledger.select().where(ledger.c.payment_id == payment_id)).mappings().first()
    return None if r is None else dict(r)


def reverse(conn: Connection, *, payment_id: str, reason: str, actor: str, now: datetime) -> bool:
    """Mark an exported payment reversed (payable again) and record who did it and why; False if not exported."""
    done = conn.execute(update(ledger).where(ledger.c.payment_id == payment_id, ledger.c.state == "exported")
                        .values(state="reversed"))
    if done.rowcount != 1:
        return False
    conn.execute(events.insert().values(payment_id=payment_id, event="reversed", at=now, actor=actor, reason=reason))
    return True
