"""Where the checks' inputs come from: the dossiers ingest registered (tables `dossiers`, `dossier_documents`,
`documents`, `batches`) and, for each document, what extraction read from it.

Extraction's own results are used through `extractors.document.extract_file`; for a file it cannot read, a minimal
reading is made here (the text layer or Tesseract, the type from `extractors.doctype.classify`, the application's
IIN and name from the text). What was read is kept per SHA-256 in `dossier_document_reads`, so a file is read once
and a second run of the step is cheap.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

from mugalim.db import query
from mugalim.messages import decoded

from validators.dossier import DossierInput
from validators.model import Document
from validators.split import split

log = logging.getLogger(__name__)
_CACHE: dict[str, Document] = {}


def load_dossiers(engine: Engine, data_dir: Path, season: int) -> list[DossierInput]:
    """The season's dossiers (and those whose season is not known yet: they wait for a person)."""
    with engine.connect() as c:
        rows = c.execute(query("dossier_load"), {"season": season}).mappings().all()
        doc_rows = c.execute(query("dossier_load_documents"), {"season": season}).mappings().all()
    by_dossier: dict[int, list[dict[str, Any]]] = {}
    for r in doc_rows:
        by_dossier.setdefault(int(r["dossier_id"]), []).append(dict(r))
    reads = {**_reads(engine), **extracted(engine, season)}
    return [_dossier(engine, reads, dict(r), by_dossier.get(int(r["id"]), []), data_dir) for r in rows]


def _dossier(engine: Engine, reads: dict[str, Document], r: dict[str, Any], docs: list[dict[str, Any]],
             data_dir: Path) -> DossierInput:
    return DossierInput(
        dossier_id=int(r["id"]), batch=r["batch"], key=r["key"], season=r["season"], competition=r["competition"],
        organization_bin=r["organization_bin"], organization_name=r["organization_name"],
        organization_type=r["organization_type"], district=r["district"], submitted_on=_as_date(r["submitted_on"]),
        received_on=_as_date(r["first_seen_at"]), status=r["status"],
        reason=decoded(_json(r.get("reason_message")), r["reason"]),
        documents=[part for d in docs for part in split(
            _read(engine, reads, data_dir / d["archive_path"], file=f"{r['batch']}/{d['rel_path']}",
                  sha256=d["sha256"], kind=d["kind"], pages=d["pages"]))])


def _json(value: str | None) -> Any:
    """A JSON column's value (None when empty or not JSON: a row written before the column)."""
    try:
        return json.loads(value) if value else None
    except ValueError:
        return None


def extracted(engine: Engine, season: int) -> dict[str, Document]:
    """What the extraction step stored (tables `extract_documents`, `extract_pages`, `extract_fields`), by SHA-256.
    It wins over this module's own readings: `mugalim extract` is where documents are read."""
    if "extract_documents" not in inspect(engine).get_table_names():
        return {}
    with engine.connect() as c:
        docs = c.execute(query("dossier_extracted_documents"), {"season": season}).mappings().all()
        pages = c.execute(query("dossier_extracted_pages"), {"season": season}).mappings().all()
        fields = c.execute(query("dossier_extracted_fields"), {"season": season}).mappings().all()
    texts: dict[str, list[str]] = {}
    for p in pages:
        texts.setdefault(p["sha256"], []).append(p["text"] or "")
    values: dict[str, dict[str, Any]] = {}
    for f in fields:
        values.setdefault(f["sha256"], {})[f["field"]] = json.loads(f["value"]) if f["value"] else None
    out = {}
    for d in docs:
        extra = {"level": d["level"]} if d["level"] else {}
        out[d["sha256"]] = Document(file="", doc_type=d["doc_type"] or "unknown", sha256=d["sha256"],
                                    text=tuple(texts.get(d["sha256"], [])), language=d["language"],
                                    fields={**values.get(d["sha256"], {}), **extra})
    return out


def _reads(engine: Engine) -> dict[str, Document]:
    """What was read before from each file (by SHA-256): a file is read once, not at every run."""
    with engine.connect() as c:
        rows = c.execute(text("SELECT sha256, doc_type, language, pages_text, fields FROM "
                              "dossier_document_reads")).mappings().all()
    return {r["sha256"]: Document(file="", doc_type=r["doc_type"], text=tuple(json.loads(r["pages_text"])),
                                  fields=json.loads(r["fields"]), sha256=r["sha256"], language=r["language"])
            for r in rows}


def _read(engine: Engine, reads: dict[str, Document], path: Path, *, file: str, sha256: str, kind: str,
          pages: int | None) -> Document:
    if sha256 in reads:
        return _placed(reads[sha256], file, path, pages)
    doc = read_document(path, file=file, sha256=sha256, kind=kind, pages=pages)
    with engine.begin() as c:
        c.execute(text("DELETE FROM dossier_document_reads WHERE sha256 = :s"), {"s": sha256})
        c.execute(text("INSERT INTO dossier_document_reads (sha256, doc_type, language, pages_text, fields, source, "
                       "read_at) VALUES (:s, :t, :l, :p, :f, :src, :at)"),
                  {"s": sha256, "t": doc.doc_type, "l": doc.language, "src": "reader",
                   "p": json.dumps(list(doc.text), ensure_ascii=False),
                   "f": json.dumps(doc.fields, ensure_ascii=False, default=str), "at": datetime.now(UTC)})
    reads[sha256] = doc
    return _placed(doc, file, path, pages)


def _placed(doc: Document, file: str, path: Path, pages: int | None) -> Document:
    """The document as this dossier holds it: its name in the batch, its archived file, its page count."""
    count = 0 if doc.doc_type == "video" else pages if pages else len(doc.text) or 1
    return replace(doc, file=file, path=path, pages=count)


def _as_date(v: Any) -> date | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def read_document(path: Path, *, file: str, sha256: str, kind: str, pages: int | None) -> Document:
    """What extraction read from one archived file (cached by SHA-256 for the process)."""
    if sha256 in _CACHE:
        return _with_file(_CACHE[sha256], file, path)
    if kind == "mp4":
        doc = Document(file=file, doc_type="video", pages=0, path=path, sha256=sha256)
    else:
        doc = _extracted(path, file, sha256, pages) or _minimal(path, file, sha256, pages)
    _CACHE[sha256] = doc
    return doc


def _with_file(doc: Document, file: str, path: Path) -> Document:
    return replace(doc, file=file, path=path)


def _extracted(path: Path, file: str, sha256: str, pages: int | None) -> Document | None:
    try:
        from extractors.document import extract_file  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        out = extract_file(path, name=path.name)
    except Exception as e:  # noqa: BLE001 - an unreadable file is read minimally below, and said in the log
        log.warning("extraction could not read %s: %s", file, type(e).__name__)
        return None
    result = out.result if hasattr(out, "result") else dict(out)
    texts = [p.text for p in getattr(out, "pages", [])] or _text_of(path)
    return Document(file=file, doc_type=result.get("doc_type") or "unknown", pages=pages or len(texts) or 1,
                    text=tuple(texts), fields=dict(result.get("fields") or {}), path=path, sha256=sha256,
                    language=result.get("language"))


def _minimal(path: Path, file: str, sha256: str, pages: int | None) -> Document:
    texts = _text_of(path)
    whole = "\n".join(texts)
    doc_type = _classify(whole, path.name)
    fields = minimal_application_fields(whole) if doc_type == "application" else {}
    return Document(file=file, doc_type=doc_type, pages=pages or len(texts) or 1, text=tuple(texts), fields=fields,
                    path=path, sha256=sha256)


def _text_of(path: Path) -> list[str]:
    from validators.essay import read_layout
    from validators.ocr import ocr_file
    layout = read_layout(path)
    if layout is not None and layout["born_digital"]:
        return list(layout["text"])
    return ocr_file(path)


def _classify(text_: str, name: str) -> str:
    try:
        from extractors.doctype import classify
    except ImportError:
        return "unknown"
    return classify(text_, name=name)


def minimal_application_fields(text_: str) -> dict[str, Any]:
    """The IIN, name, birth and filled dates and experience from an application's text (when extraction is absent)."""
    try:
        from extractors import fields as ef
    except ImportError:
        return {}
    out: dict[str, Any] = {"iin": ef.find_iin(text_)}
    for key, labels, parse in (
            ("full_name", ("тегі, аты, әкесінің аты", "фамилия, имя, отчество"), lambda s: " ".join(s.split()[:3])),
            ("birth_date", ("туған күні", "год рождения", "дата рождения"), ef.parse_date),
            ("pedagogical_experience_months", ("педагогикалық өтілі", "педагогический стаж"), ef.parse_experience),
            ("filled_date", ("толтырылған күні", "дата заполнения"), ef.parse_date)):
        out[key] = _after_label(text_, labels, parse)
    return out


def _after_label(text_: str, labels: tuple[str, ...], parse) -> Any:  # type: ignore[no-untyped-def]
    for line in text_.splitlines():
        low = line.casefold()
        for lab in labels:
            i = low.find(lab)
            if i >= 0:
                rest = re.sub(r"^[\s:.\-–]+", "", line[i + len(lab):])
                if rest.strip():
                    return parse(rest)
    return None
