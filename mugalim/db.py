"""The database: SQLAlchemy 2 engines for SQLite (embedded default) and PostgreSQL, Alembic migrations, and the
named SQL files under `sql/queries/` so no query text is scattered through the Python code."""
from __future__ import annotations

import functools
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import TextClause

if TYPE_CHECKING:
    from alembic.config import Config

from mugalim import SQL_DIR

MIGRATIONS = SQL_DIR / "migrations"
QUERIES = SQL_DIR / "queries"

# SQLite keeps a date as its ISO text, as SQLAlchemy's Date does; said here for the rows bound without SQLAlchemy
# (bulk loads), since Python 3.12 deprecates the sqlite3 module's implicit adapter.
sqlite3.register_adapter(date, date.isoformat)


@functools.lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL. SQLite gets WAL, a busy timeout and enforced foreign keys."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(driver_url(url), pool_pre_ping=True)


def driver_url(url: str) -> str:
    """The URL with its driver named: PostgreSQL through psycopg 3 (SQLAlchemy's default would be psycopg2)."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str) -> Engine:
    """Bring the schema up to date (every head: each area of the pipeline has its own line of migrations). A database
    already at every head is left as it is without Alembic: importing it and reading the migrations took 0.2 s of
    every command's start (issue 15: a scoring stage is a command of its own)."""
    engine = engine_for(url)
    if _at_heads(engine):
        return engine
    from alembic import command

    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return engine


def _at_heads(engine: Engine) -> bool:
    """The revisions the database records are exactly the migrations' heads."""
    try:
        with engine.connect() as conn:
            have = {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except DBAPIError:                      # no such table yet: a new database
        return False
    return have == _heads()


@functools.lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """The revisions no other migration names as its `down_revision`, read from the files' assignments."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.update(re.findall(r'^revision\s*=\s*"([^"]+)"', source, re.M))
        for line in re.findall(r"^down_revision\s*=\s*(.+)$", source, re.M):
            parents.update(re.findall(r'"([^"]+)"', line))
    return frozenset(revisions - parents)


@functools.lru_cache(maxsize=None)
def query(name: str) -> TextClause:
    """The SQL of `sql/queries/<name>.sql` as a text clause with bound parameters (`:season`, …)."""
    return text((QUERIES / f"{name}.sql").read_text(encoding="utf-8"))
