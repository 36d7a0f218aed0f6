"""The score sheets' data-quality audit with Great Expectations (the suite lives in validators.quality): a score
outside the season's scale, a member not on the session's commission, a row given twice. The scoring queries hold
back exactly such rows as bad rows; this audit names them again in Data Docs that staff can open
(`outbox/<season>/data-docs/score-sheets/index.html`: one self-contained page, IINs masked).

GX checks the rows where they are, as queries on the season's database (issue 15: at ten times a city season the
rows copied into a frame took 3 GB); the rows must be committed, as `load_inbox` leaves them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from mugalim.config import Settings
from mugalim.db import driver_url, query
from mugalim.season import SeasonSettings


def audit_scores(conn: Connection, settings: Settings, ss: SeasonSettings) -> dict[str, Any]:
    """Run the score-sheet suite over the season's loaded rows; returns the audit's small summary. (`conn` is the
    run's; GX reads through a connection of its own.)"""
    from validators.quality.scores import audit_score_query

    sql = "\n".join(line for line in str(query("scoring_audit_rows")).splitlines() if not line.startswith("--"))
    sql = sql.replace(":season", str(int(ss.season)))              # GX takes one literal SELECT
    audit = audit_score_query(driver_url(settings.db_url), sql, scale=(ss.score_scale.min, ss.score_scale.max),
                              docs_dir=settings.outbox(ss.season) / "data-docs" / "score-sheets",
                              name=f"score_sheets_{ss.season}", language=ss.language)
    return audit.as_dict()
