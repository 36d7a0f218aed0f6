"""The score sheets' audit for the scoring step (write-audit-publish): rows land in staging, this checkpoint names
the rows to hold back (a score outside the season's scale, a member not on the commission, a duplicate row), and
only the others are promoted. The Data Docs of the run go beside the dossiers' in `outbox/<season>/data-docs/`."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from validators.quality import checkpoint, suites


def audit_score_rows(rows: list[dict[str, Any]], *, members: set[str], scale: tuple[Decimal, Decimal],
                     docs_dir: Path, name: str = "scores", language: str = "kk") -> checkpoint.Audit:
    """`rows`: dicts with file, row, season, competition, stage, unit, round, participant_iin, member_id, score.
    Returns the audit; `audit.held` maps "file:row" to the failed expectations that hold the row back. The Data Docs
    page `docs_dir/index.html` is written either way (with no rows it says so, and GX is not imported)."""
    ctx = checkpoint.context(docs_dir, language=language)
    if not rows:
        audit = checkpoint.empty_audit(ctx, suites.SCORES_SUITE, id_column="row_id", name=name)
    else:
        audit = checkpoint.run_checkpoint(ctx, suites.scores_frame(rows, members), suites.scores_suite(*scale),
                                          id_column="row_id", name=name)
    checkpoint.build_docs(ctx)
    return audit


def audit_score_query(db_url: str, sql: str | None, *, scale: tuple[Decimal, Decimal], docs_dir: Path,
                      name: str = "scores", language: str = "kk", table: str | None = None) -> checkpoint.Audit:
    """As `audit_score_rows`, over the rows `sql` selects (or the rows of the table or view `table`) in the database
    at `db_url` (the same columns, with `row_id` and a boolean `member_on_commission`), checked there by GX's SQL
    execution."""
    ctx = checkpoint.context(docs_dir, language=language)
    audit = checkpoint.run_sql_checkpoint(ctx, db_url, sql, suites.scores_suite(*scale), id_column="row_id",
                                          name=name, table=table)
    if not audit.rows:
        audit = checkpoint.empty_audit(ctx, suites.SCORES_SUITE, id_column="row_id", name=name)
    checkpoint.build_docs(ctx)
    return audit
