"""The score sheets' data-quality audit with Great Expectations (the suite lives in validators.quality): a score
outside the season's scale, a member not on the session's commission, a row given twice. The scoring queries hold
back exactly such rows as bad rows; this audit names them again in Data Docs that staff can open
(`outbox/<season>/data-docs/score-sheets/index.html`: one self-contained page, IINs masked)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mugalim.config import Settings
from mugalim.db import query
from mugalim.season import SeasonSettings


def audit_scores(conn: Connection, settings: Settings, ss: SeasonSettings) -> dict[str, Any]:
    """Run the score-sheet suite over the season's loaded rows; returns the audit's small summary."""
    from validators.quality.scores import audit_score_rows

    rows, members = [], set()
    for r in conn.execute(query("scoring_audit_rows"), {"season": ss.season}).mappings():
        member = r["member_id"] if r["on_commission"] else f"{r['member_id']} (not on the commission)"
        members.add(r["member_id"])
        rows.append({**{k: r[k] for k in ("file", "row", "season", "competition", "stage", "unit", "round",
                                          "participant_iin")},
                     "member_id": member, "score": Decimal(r["score_milli"]) / 1000})
    audit = audit_score_rows(rows, members=members, scale=(ss.score_scale.min, ss.score_scale.max),
                             docs_dir=settings.outbox(ss.season) / "data-docs" / "score-sheets",
                             name=f"score_sheets_{ss.season}", language=ss.language)
    return audit.as_dict()
