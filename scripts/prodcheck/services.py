"""The services the check runs against: PostgreSQL and Redis on this machine (started if down), and the check's
own databases on them, dropped and recreated at every run."""
from __future__ import annotations

import subprocess

import redis
from sqlalchemy import create_engine, text

from prodcheck.processes import CheckFailed
from prodcheck.settings import AIRFLOW_DB, MUGALIM_DB, PG_SERVER, REDIS, REDIS_DB, REPO


def ensure_running() -> None:
    """`scripts/services.sh postgres redis` starts whichever is down; then both must answer."""
    subprocess.run(["bash", str(REPO / "scripts" / "services.sh"), "postgres", "redis"], check=False)
    try:
        with _admin().connect() as c:
            c.execute(text("SELECT 1"))
    except Exception as e:  # noqa: BLE001 - any failure here means the server is not usable
        raise CheckFailed(f"PostgreSQL at {PG_SERVER} does not answer: {e}") from e
    try:
        redis.Redis.from_url(f"{REDIS}/{REDIS_DB}").ping()
    except redis.RedisError as e:
        raise CheckFailed(f"Redis at {REDIS} does not answer: {e}") from e


def reset() -> None:
    """Fresh databases for Airflow's metadata and for mugalim, and an empty broker database."""
    engine = _admin()
    with engine.connect() as c:
        for name in (AIRFLOW_DB, MUGALIM_DB):
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    redis.Redis.from_url(f"{REDIS}/{REDIS_DB}").flushdb()


def _admin():  # type: ignore[no-untyped-def]
    url = f"{PG_SERVER}/postgres".replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(url, isolation_level="AUTOCOMMIT")


def recreate(name: str) -> None:
    """Drop and create one of the check's databases (between the two passes)."""
    engine = _admin()
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
