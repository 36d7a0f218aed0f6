"""One `pay` at a time per season, across processes and hosts, for the whole run (record, write, mark exported).

The lock lives exactly as long as the process that holds it: a PostgreSQL session advisory lock (released when the
connection drops, so a SIGKILLed run frees it at once), or, on SQLite, an flock on a file beside the database. A
second run waits for the first to finish, then finds nothing left to pay; after a crash, the next run takes the lock
and finishes the dead run's files before anything else.
"""
from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from mugalim.db import engine_for
from mugalim.errors import TransientError

_PAY_LOCK_CLASS = 0x6D67_7061        # "mgpa": the first key of pg_advisory_lock(int, int); the second is the season


@contextmanager
def season_lock(db_url: str, season: int, timeout_s: float = 300.0) -> Iterator[None]:
    """Hold the payment lock of `season`; TransientError (Airflow retries) if another run holds it past the timeout."""
    if db_url.startswith("sqlite"):
        path = db_url.split("///", 1)[-1]
        if not path or path == ":memory:":
            yield
            return
        with _file_lock(Path(path).resolve().with_name(f"{Path(path).name}.pay-{season}.lock"), timeout_s):
            yield
        return
    with _pg_lock(db_url, season, timeout_s):
        yield


@contextmanager
def _file_lock(path: Path, timeout_s: float) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as f:
        _wait(lambda: _try_flock(f.fileno()), timeout_s, f"the payment lock {path.name}")
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def _pg_lock(db_url: str, season: int, timeout_s: float) -> Iterator[None]:
    keys = {"k1": _PAY_LOCK_CLASS, "k2": season}
    with engine_for(db_url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        _wait(lambda: bool(conn.execute(text("SELECT pg_try_advisory_lock(:k1, :k2)"), keys).scalar_one()),
              timeout_s, f"the payment lock of season {season}")
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k1, :k2)"), keys)


def _wait(try_once: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while not try_once():
        if time.monotonic() > deadline:
            raise TransientError(f"another pay run holds {what} (waited {timeout_s:.0f} s); try again later")
        time.sleep(delay)
        delay = min(delay * 2, 1.0)
