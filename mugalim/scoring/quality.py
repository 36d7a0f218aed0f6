"""The score sheets' data-quality audit with Great Expectations (the suite lives in validators.quality): a score
outside the season's scale, a member not on the session's commission, a row given twice. The scoring queries hold
back exactly such rows as bad rows; this audit names them again in Data Docs that staff can open
(`outbox/<season>/data-docs/score-sheets/index.html`: one self-contained page, IINs masked).

GX checks the rows where they are, as queries on the season's database (issue 15: at ten times a city season the
rows copied into a frame took 3 GB). GX runs each expectation as a query of its own, so the rows it checks are
written once into `scoring_audit_rows` (`stage_audit_rows`: the join with the attendance and the window that counts
copies done once, not once per query), and GX reads them through the view `scoring_audit_view`, a table asset (a
query asset had GX execute the whole query to learn its columns); they must be committed before GX reads them
through its own connection.

On SQLite the audit's process writes them into a database file of its own, reading the run's database attached
(`side_database`): SQLite has one writer at a time, so rows written into the run's database would either hold up
the run's decisions or wait for them (1.8 s of a 13 s school stage at city scale were spent so)."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, make_url, text

from mugalim.config import Settings
from mugalim.db import driver_url, query
from mugalim.season import SeasonSettings

#: what the audit reads: the table of rows and the view GX checks (migrations scoring_0004, scoring_0006)
AUDIT_OBJECTS = ("scoring_audit_rows", "scoring_audit_view")


def stage_audit_rows(conn: Connection, season: int) -> None:
    """The season's loaded score rows, as the audit checks them, into `scoring_audit_rows` (replacing the season's
    earlier ones); the caller commits. (SQLite: with the run's page cache, `load.tune`: at ten times a city season
    the pass reads 2.3 million rows in index order, and took twice as long with the default cache.)"""
    from mugalim.scoring.load import tune

    tune(conn)
    # the table holds the rows of the season being audited, and only them: GX reads it whole, through the view
    # `scoring_audit_view` (migration scoring_0006). Emptied whole (SQLite then drops its pages at once, instead of
    # deleting millions of rows one by one); another season's audit writes its own rows again before it runs.
    conn.execute(text("DELETE FROM scoring_audit_rows"))
    conn.execute(query("scoring_audit_stage"), {"season": season})


@contextmanager
def side_database(db_url: str, season: int) -> Iterator[str]:
    """SQLite: the season's audit rows in a throwaway database file (its URL yielded), written from the run's
    database attached read-only. WAL lets this read go on while the run writes its decisions; the table and the view
    are made from the run's database's own definitions, so the migrations stay their one source."""
    from mugalim.scoring.load import tune

    source = make_url(db_url).database
    with tempfile.TemporaryDirectory(prefix="mugalim-audit-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'audit.sqlite'}"
        engine = create_engine(url, connect_args={"uri": True})     # (URIs: the run's database attached read-only)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
                for name in AUDIT_OBJECTS:
                    conn.exec_driver_sql(conn.exec_driver_sql(
                        "SELECT sql FROM src.sqlite_master WHERE name = ?", (name,)).scalar_one())
                tune(conn)
                conn.execute(query("scoring_audit_stage"), {"season": season})
                conn.commit()
        finally:
            engine.dispose()
        yield url


def audit_scores(conn: Connection | None, settings: Settings, ss: SeasonSettings, *, staged: bool = False,
                 db_url: str | None = None) -> dict[str, Any]:
    """Run the score-sheet suite over the season's loaded rows; returns the audit's small summary. `staged`: the
    rows are in `scoring_audit_rows` already (`stage_audit_rows`, committed); otherwise they are written and
    committed through `conn` first (GX reads through a connection of its own). `db_url`: the database holding
    them, when not the run's (`side_database`)."""
    from validators.quality.scores import audit_score_query

    if not staged:
        assert conn is not None
        stage_audit_rows(conn, ss.season)
        conn.commit()

    audit = audit_score_query(driver_url(db_url or settings.db_url), None, table="scoring_audit_view",
                              scale=(ss.score_scale.min, ss.score_scale.max),
                              docs_dir=settings.outbox(ss.season) / "data-docs" / "score-sheets",
                              name=f"score_sheets_{ss.season}", language=ss.language)
    return audit.as_dict()
