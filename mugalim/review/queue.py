"""The review queue: the fields extraction was unsure of (confidence below the season's `review_confidence`) or
that have a problem (an IIN failing its check, a date that does not exist, an IIN disagreeing with the birth date),
not yet corrected or confirmed by staff; sorted by dossier, then by file and the form's order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from mugalim.config import Settings
from mugalim.db import query
from mugalim.season import load_season
from mugalim.trace.evidence import decode, has_table
from mugalim.review.values import iin_birth_problem

DEFAULT_THRESHOLD = 0.80


@dataclass(frozen=True)
class QueueItem:
    field_id: int
    field: str
    value: Any
    confidence: float | None
    problem: str | None
    page: int | None
    box: tuple[float, float, float, float] | None
    unit: str | None
    document_id: int
    sha256: str
    kind: str
    archive_path: str
    file: str                      # batch-relative, as people know it
    dossier_id: int
    dossier: str                   # batch/key
    season: int | None
    competition: str | None

    @property
    def why(self) -> str:
        if self.problem:
            return self.problem
        return f"low confidence ({self.confidence:.2f})" if self.confidence is not None else "not read"


def unsure_fields(settings: Settings, conn: Connection) -> list[QueueItem]:
    """The queue, in dossier order (empty when extraction has stored nothing yet)."""
    if not has_table(conn, "extract_fields"):
        return []
    seasons = {r[0] for r in conn.execute(text("SELECT DISTINCT season FROM dossiers"))}
    thresholds = {s: _threshold(settings, s) for s in seasons | {None}}
    rows = [dict(r) for r in conn.execute(query("review_queue"), {"threshold": max(thresholds.values())}).mappings()]
    birth_problems = _iin_birth_mismatches(rows)
    items = []
    for r in rows:
        problem = r["problem"] or birth_problems.get((r["document_id"], r["field"]))
        unsure = r["confidence"] is None or r["confidence"] < thresholds[r["season"]]
        if problem or unsure:
            items.append(_item(r, problem))
    return items


def _item(r: dict[str, Any], problem: str | None) -> QueueItem:
    box = (r["x0"], r["y0"], r["x1"], r["y1"]) if r["x0"] is not None else None
    return QueueItem(r["field_id"], r["field"], decode(r["value"]), r["confidence"], problem, r["page"], box,
                     r["bbox_unit"], r["document_id"], r["sha256"], r["kind"], r["archive_path"],
                     f"{r['batch']}/{r['rel_path']}", r["dossier_id"], f"{r['batch']}/{r['dossier_key']}",
                     r["season"], r["competition"])


def _iin_birth_mismatches(rows: list[dict[str, Any]]) -> dict[tuple[int, str], str]:
    """Both fields of an application whose IIN and birth date disagree are put in the queue."""
    by_doc: dict[int, dict[str, Any]] = {}
    for r in rows:
        by_doc.setdefault(r["document_id"], {})[r["field"]] = decode(r["value"])
    out = {}
    for doc, values in by_doc.items():
        if why := iin_birth_problem(values.get("iin"), values.get("birth_date")):
            out[(doc, "iin")] = out[(doc, "birth_date")] = why
    return out


def _threshold(settings: Settings, season: int | None) -> float:
    """The season's `review_confidence` (read each time: staff may change the settings while the station runs)."""
    if season is None:
        return DEFAULT_THRESHOLD
    return load_season(settings.settings_dir, int(season)).review_confidence
