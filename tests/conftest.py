"""Shared fixtures: a data folder, and a database URL for each backend (SQLite file, and a fresh PostgreSQL database
on the server at 127.0.0.1:5432 that these machines run)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_ADMIN = os.environ.get("MUGALIM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_database() -> Iterator[str]:
    name = f"mugalim_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        from mugalim.db import engine_for
        url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
        engine_for(url).dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _pg_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Run the test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mugalim.sqlite'}"
    else:
        yield from _pg_database()
