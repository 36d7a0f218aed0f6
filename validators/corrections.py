"""Staff corrections of what extraction got wrong or could not read.

`inbox/corrections/*.csv` (`document_sha256,field,value,corrected_by`) or `add_correction()` (the command). A
correction wins over the extracted value and is kept with who and when; the report shows both. A row naming an
unknown document or field is reported with its file and row, and the rest are taken.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from validators.model import Document

COLUMNS = ("document_sha256", "field", "value", "corrected_by")
FIELDS = ("workplace", "full_name", "birth_date", "position", "pedagogical_experience_months",
          "position_experience_months", "education", "qualification_category", "home_address", "postal_code",
          "id_document_number", "iin", "phones", "awards", "filled_date", "attachment_pages", "doc_type")
INT_FIELDS = ("pedagogical_experience_months", "position_experience_months", "attachment_pages")


@dataclass
class CorrectionsReport:
    taken: int = 0
    bad_rows: list[dict[str, Any]] = field(default_factory=list)


def parse_value(name: str, raw: str) -> Any:
    """The value as the field holds it: whole months as integers, phones as a list, the rest as text."""
    raw = raw.strip()
    if name in INT_FIELDS:
        return int(raw)
    if name == "phones":
        return json.loads(raw) if raw.startswith("[") else [p.strip() for p in raw.split(";") if p.strip()]
    return raw or None


def load_inbox(engine: Engine, folder: Path, *, now: datetime | None = None) -> CorrectionsReport:
    """Take every corrections file of `folder`; idempotent (a row already taken is not taken twice)."""
    report = CorrectionsReport()
    known = _known_documents(engine)
    for path in sorted(folder.glob("*.csv")) if folder.exists() else []:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                report.bad_rows.append({"file": path.name, "row": 1,
                                        "reason": f"the header must be {','.join(COLUMNS)}"})
                continue
            for n, row in enumerate(reader, 2):
                problem = _store(engine, row, known, source=f"{path.name}:{n}", now=now)
                if problem:
                    report.bad_rows.append({"file": path.name, "row": n, "reason": problem})
                else:
                    report.taken += 1
    return report


def add_correction(engine: Engine, *, document_sha256: str, field_name: str, value: str, corrected_by: str,
                   now: datetime | None = None) -> str | None:
    """One correction typed in through the command; None when taken, else why not."""
    row = {"document_sha256": document_sha256, "field": field_name, "value": value, "corrected_by": corrected_by}
    return _store(engine, row, _known_documents(engine), source="command", now=now)


def _known_documents(engine: Engine) -> set[str]:
    with engine.connect() as c:
        return {r[0] for r in c.execute(text("SELECT sha256 FROM documents"))}


def _store(engine: Engine, row: dict[str, str], known: set[str], *, source: str, now: datetime | None) -> str | None:
    sha, name = (row.get("document_sha256") or "").strip().lower(), (row.get("field") or "").strip()
    who = (row.get("corrected_by") or "").strip()
    if sha not in known:
        return "unknown document (no registered file has this SHA-256)"
    if name not in FIELDS:
        return f"unknown field '{name}'"
    if not who:
        return "corrected_by is empty: a correction says who made it"
    try:
        value = parse_value(name, row.get("value") or "")
    except ValueError:
        return f"the value of '{name}' is not a whole number"
    params = {"sha": sha, "field": name, "value": json.dumps(value, ensure_ascii=False), "by": who}
    with engine.begin() as c:
        exists = c.execute(text("SELECT 1 FROM dossier_corrections WHERE document_sha256 = :sha AND field = :field "
                                "AND value = :value AND corrected_by = :by"), params).first()
        if not exists:
            c.execute(text("INSERT INTO dossier_corrections (document_sha256, field, value, corrected_by, "
                           "corrected_at, source) VALUES (:sha, :field, :value, :by, :at, :source)"),
                      {**params, "at": now or datetime.now(UTC), "source": source})
    return None


def latest(engine: Engine) -> dict[str, dict[str, dict[str, Any]]]:
    """The correction in force per document and field (the latest one)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with engine.connect() as c:
        rows = c.execute(text("SELECT document_sha256, field, value, corrected_by, corrected_at FROM "
                              "dossier_corrections ORDER BY corrected_at, id")).mappings().all()
    for r in rows:
        out.setdefault(r["document_sha256"], {})[r["field"]] = {
            "value": json.loads(r["value"]), "corrected_by": r["corrected_by"],
            "corrected_at": str(r["corrected_at"])[:19]}
    return out


def apply(doc: Document, corrections: dict[str, dict[str, Any]]) -> tuple[Document, list[dict[str, Any]]]:
    """The document with its corrections applied, and what changed (extracted and corrected values side by side)."""
    if not corrections:
        return doc, []
    fields = dict(doc.fields)
    shown = []
    doc_type = doc.doc_type
    for name, c in corrections.items():
        shown.append({"file": doc.file, "field": name, "extracted": doc_type if name == "doc_type" else
                      fields.get(name), "value": c["value"], "corrected_by": c["corrected_by"],
                      "corrected_at": c["corrected_at"]})
        if name == "doc_type":
            doc_type = str(c["value"])
        else:
            fields[name] = c["value"]
    return replace(doc, fields=fields, doc_type=doc_type), shown
