"""What extraction and staff left for one application document: each field's value, confidence, page and box, and
the latest correction of it (who, when). Shared by the trace and the review station.

The extraction step's tables are read here and nowhere else in the review station / trace, so a change of their
shape is one edit. Until the extraction tables exist, the evidence is empty (the field values still come from the
dossier step's `dossier_applications`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect

from mugalim.db import query

PERSONAL = ("iin", "phones", "home_address", "postal_code", "id_document_number")


@dataclass
class FieldEvidence:
    field: str
    value: Any
    confidence: float | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    unit: str | None = None            # pt | px
    problem: str | None = None
    field_id: int | None = None
    corrected_value: Any = None
    corrected_by: str | None = None
    corrected_at: str | None = None
    correction_source: str | None = None

    @property
    def corrected(self) -> bool:
        return self.corrected_by is not None

    @property
    def final(self) -> Any:
        return self.corrected_value if self.corrected else self.value


def has_table(conn: Connection, name: str) -> bool:
    return inspect(conn).has_table(name)


def decode(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def extracted_fields(conn: Connection, document_sha256: str) -> dict[str, FieldEvidence]:
    """The fields extraction stored for the document (empty when extraction has not stored any)."""
    if not has_table(conn, "extract_fields"):
        return {}
    out = {}
    for r in conn.execute(query("evidence_fields"), {"sha256": document_sha256}).mappings():
        box = (r["x0"], r["y0"], r["x1"], r["y1"]) if r["x0"] is not None else None
        out[r["field"]] = FieldEvidence(r["field"], decode(r["value"]), r["confidence"], r["page"], box,
                                        r["bbox_unit"], r["problem"], r["field_id"])
    return out


def latest_corrections(conn: Connection, document_sha256: str) -> dict[str, dict[str, Any]]:
    """The correction in force for each field of the document: the latest one."""
    if not has_table(conn, "dossier_corrections"):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(query("evidence_corrections"), {"sha256": document_sha256}).mappings():
        out[r["field"]] = dict(r)          # ordered oldest first: the last one wins
    return out


def application_evidence(conn: Connection, document_sha256: str,
                         promoted: dict[str, Any] | None = None) -> list[FieldEvidence]:
    """Every field of an application: extraction's evidence, the dossier step's value, and the correction in force."""
    fields = extracted_fields(conn, document_sha256)
    for key, value in (promoted or {}).items():
        fields.setdefault(key, FieldEvidence(key, value))
    for key, c in latest_corrections(conn, document_sha256).items():
        ev = fields.setdefault(key, FieldEvidence(key, None))
        ev.corrected_value, ev.corrected_by = decode(c["value"]), c["corrected_by"]
        ev.corrected_at, ev.correction_source = str(c["corrected_at"]), c["source"]
    return sorted(fields.values(), key=lambda f: _ORDER.get(f.field, 99))


_ORDER = {k: i for i, k in enumerate(
    ["workplace", "full_name", "birth_date", "position", "pedagogical_experience_months",
     "position_experience_months", "education", "qualification_category", "home_address", "postal_code",
     "id_document_number", "iin", "phones", "awards", "filled_date", "attachment_pages"])}
