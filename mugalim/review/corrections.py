"""A correction (or a confirmation) made in the review station: checked like a typed value must be
(`values.check_value`), then handed to the dossier step's own correction function — the same path as a line of
`inbox/corrections/*.csv`, kept with who and when — and recorded in `review_actions`. The dossier's report is then
recomputed by the dossier step (`validators.run.run_validate`) in the background, one season at a time."""
from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, text

from mugalim.config import Settings
from mugalim.review.tables import actions
from mugalim.review.values import BadValue, check_value
from mugalim.trace.evidence import decode

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    field: str
    value: str | None = None           # the value taken, normalized
    reason: str | None = None          # why refused


def field_row(engine: Engine, field_id: int) -> dict[str, Any] | None:
    with engine.connect() as c:
        r = c.execute(text("SELECT f.id, f.field, f.value, d.sha256 FROM extract_fields f "
                           "JOIN documents d ON d.id = f.document_id WHERE f.id = :i"), {"i": field_id}).mappings()
        row = r.first()
    return dict(row) if row else None


def as_typed(value: Any) -> str:
    """An extracted value as staff would type it (a list of phones as numbers separated by commas)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def submit(engine: Engine, *, field_id: int, typed: str | None, username: str) -> Outcome:
    """Correct the field to `typed`, or confirm the extracted value when `typed` is None."""
    row = field_row(engine, field_id)
    if row is None:
        return Outcome(False, "?", reason="no such field")
    raw = as_typed(decode(row["value"])) if typed is None else typed
    action = "confirm" if typed is None else "correct"
    try:
        value = check_value(row["field"], raw)
        from validators.corrections import add_correction
        refused = add_correction(engine, document_sha256=row["sha256"], field_name=row["field"], value=value,
                                 corrected_by=username)
    except BadValue as e:
        value, refused = None, str(e)
    _record(engine, row, action=action, username=username, value=value, reason=refused)
    return Outcome(refused is None, row["field"], value, refused)


def _record(engine: Engine, row: dict[str, Any], *, action: str, username: str, value: str | None,
            reason: str | None) -> None:
    new = None if value is None else json.dumps(decode(value) if row["field"] == "phones" else value,
                                                ensure_ascii=False)
    with engine.begin() as c:
        c.execute(insert(actions).values(at=datetime.now(UTC), username=username, action=action, field_id=row["id"],
                                         document_sha256=row["sha256"], field=row["field"], old_value=row["value"],
                                         new_value=new, outcome="refused" if reason else "applied", reason=reason))


class Recomputer:
    """Recomputes a season's dossier reports after corrections, in one background thread: a correction returns at
    once, and corrections made while a recomputation runs are taken by the next one (never two at a time)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recompute")
        self._lock = threading.Lock()
        self._queued: dict[int, Future[Any]] = {}
        self._running: int | None = None
        self.last_error: str | None = None

    def request(self, season: int) -> Future[Any]:
        with self._lock:
            if season not in self._queued:
                self._queued[season] = self._pool.submit(self._run, season)
            return self._queued[season]

    def busy(self, season: int | None) -> bool:
        with self._lock:
            return season in self._queued or season == self._running

    def _run(self, season: int) -> None:
        with self._lock:
            self._queued.pop(season, None)      # corrections from now on need a new run
            self._running = season
        try:
            from validators.run import run_validate
            run_validate(self.settings, season=season)
            self.last_error = None
        except Exception as e:  # noqa: BLE001 - the station keeps serving; the error is shown to staff
            # The type only: an exception's message may quote a value, and the log holds no personal data.
            self.last_error = f"recomputing season {season} failed: {type(e).__name__}"
            log.error("recomputing the dossiers of season %s failed: %s", season, type(e).__name__)
        finally:
            with self._lock:
                self._running = None

    def close(self) -> None:
        self._pool.shutdown(wait=True)
