"""What a dossier view shows: the Appendix 2 checklist (present, missing, failed) with the file and page each item
rests on, the eligibility findings with their reasons, and the application's fields with their evidence — read from
the dossier step's tables (`dossier_results`, `dossier_findings`, `dossier_applications`) and ingest's."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from mugalim.messages import Message, decoded, decoded_parts, said
from mugalim.trace.evidence import FieldEvidence, application_evidence, has_table

SECTION1 = ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8")


@dataclass
class FileRef:
    file: str
    page: int | None
    document_id: int | None         # None when the file is not one of the dossier's registered documents


@dataclass
class Item:
    item: str
    status: str
    reason: str | None
    level: str | None
    files: list[FileRef]
    said: str | None = None          # the reason in the page's language (`say_reasons`)


@dataclass
class DossierView:
    id: int
    batch: str
    key: str
    season: int | None
    competition: str | None
    organization: str | None
    district: str | None
    status: str                      # ready | waiting (ingest)
    waiting_reason: str | None       # why ingest left it waiting (a catalog Message when its id was kept)
    participant_id: int | None = None
    participant_iin: str | None = None
    full_name: str | None = None
    checked: bool = False
    complete: bool | None = None
    waiting: list[str] = field(default_factory=list)        # why the check left it waiting (Messages when kept)
    checked_at: str | None = None
    report_file: str | None = None
    items: list[Item] = field(default_factory=list)
    eligibility: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    fields: list[FieldEvidence] = field(default_factory=list)
    application_document_id: int | None = None
    waiting_said: list[str] = field(default_factory=list)   # `waiting` in the page's language (`say_reasons`)
    waiting_reason_said: str | None = None

    @property
    def application_name(self) -> str | None:
        """The applicant's name as the application gives it (corrections applied), before a participant exists."""
        name = next((f.final for f in self.fields if f.field == "full_name"), None)
        return str(name) if name else None


def say_reasons(view: DossierView, lang: str) -> None:
    """Why the dossier waits, the eligibility and the checklist reasons in `lang`: each from its catalog id and
    parameters where the database kept them (`*_message` columns; `reason_code`, `reason_params` of a stored
    verdict), else — a row written before the catalog — its English said by `validators.wording`, else as it is."""
    view.waiting_said = [_localize(w, lang) or "" for w in view.waiting]
    view.waiting_reason_said = _localize(view.waiting_reason, lang)
    for v in view.eligibility:
        v["said"] = reason_in(v, lang)
    for it in view.items:
        it.said = _localize(it.reason, lang)


def reason_in(verdict: dict[str, Any], lang: str) -> str:
    """One stored verdict's reason in `lang` (see `say_reasons`)."""
    if verdict.get("reason_code"):
        message = Message.from_dict({"id": verdict["reason_code"], "params": verdict.get("reason_params") or {}})
        if message is not None:
            return message.said(lang)
    return _localize(verdict.get("reason"), lang) or ""


def _localize(reason: str | None, lang: str) -> str | None:
    if reason is not None and type(reason) is not str:                  # a Message (or parts) of the catalog
        return said(reason, lang)
    try:
        from validators.wording import localize
    except ImportError:                 # the station without the dossier step installed: the text as it is
        return reason
    return localize(reason, lang)


def list_dossiers(conn: Connection) -> list[dict[str, Any]]:
    """Every dossier with its check's outcome, for the overview."""
    has_results = has_table(conn, "dossier_results")
    sql = ("SELECT d.id, d.batch, d.key, d.season, d.competition, d.district, d.organization_name, d.status, "
           + ("r.complete, r.waiting, r.checked_at, r.participant_iin " if has_results else
              "NULL AS complete, NULL AS waiting, NULL AS checked_at, NULL AS participant_iin ")
           + "FROM dossiers d " + ("LEFT JOIN dossier_results r ON r.dossier_id = d.id " if has_results else "")
           + "ORDER BY d.id")
    return [dict(r) for r in conn.execute(text(sql)).mappings()]


def load_dossier(conn: Connection, dossier_id: int) -> DossierView | None:
    d = conn.execute(text("SELECT id, batch, key, season, competition, organization_name, district, status, reason, "
                          "reason_message FROM dossiers WHERE id = :i"), {"i": dossier_id}).mappings().first()
    if d is None:
        return None
    view = DossierView(d["id"], d["batch"], d["key"], d["season"], d["competition"], d["organization_name"],
                       d["district"], d["status"], decoded(_json(d["reason_message"]), d["reason"]))
    view.documents = _documents(conn, dossier_id)
    _result(conn, view)
    _participant(conn, view)
    _application(conn, view)
    return view


def _documents(conn: Connection, dossier_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(text("SELECT doc.id, dd.rel_path, doc.kind, doc.pages, doc.sha256 FROM dossier_documents dd "
                             "JOIN documents doc ON doc.id = dd.document_id WHERE dd.dossier_id = :i "
                             "ORDER BY dd.rel_path"), {"i": dossier_id}).mappings()
    return [dict(r) for r in rows]


def _result(conn: Connection, view: DossierView) -> None:
    if not has_table(conn, "dossier_results"):
        return
    r = conn.execute(text("SELECT complete, waiting, waiting_messages, eligibility, report_file, checked_at, "
                          "participant_iin FROM dossier_results WHERE dossier_id = :i"), {"i": view.id}).mappings().first()
    if r is None:
        return
    view.checked, view.complete, view.checked_at = True, bool(r["complete"]), str(r["checked_at"])[:19]
    view.waiting = decoded_parts(r["waiting"], r["waiting_messages"])
    view.report_file, view.participant_iin = r["report_file"], r["participant_iin"]
    view.eligibility = json.loads(r["eligibility"] or "[]")
    by_file = {f"{view.batch}/{doc['rel_path']}": doc["id"] for doc in view.documents}
    by_file.update({doc["rel_path"]: doc["id"] for doc in view.documents})
    for v in view.eligibility:
        v["refs"] = [FileRef(f["file"], f.get("page"), by_file.get(f["file"])) for f in v.get("files") or []]
    rows = conn.execute(text("SELECT item, status, level, reason, reason_message, files FROM dossier_findings "
                             "WHERE dossier_id = :i ORDER BY id"), {"i": view.id}).mappings()
    view.items = [Item(x["item"], x["status"], decoded(_json(x["reason_message"]), x["reason"]), x["level"],
                       [FileRef(f["file"], f.get("page"), by_file.get(f["file"])) for f in json.loads(x["files"])])
                  for x in rows]


def _json(value: Any) -> Any:
    try:
        return json.loads(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _participant(conn: Connection, view: DossierView) -> None:
    r = conn.execute(text("SELECT id, participant_iin, full_name FROM participants WHERE dossier_id = :i "
                          "ORDER BY id DESC"), {"i": view.id}).mappings().first()
    if r is not None:
        view.participant_id, view.full_name = r["id"], r["full_name"]
        view.participant_iin = view.participant_iin or r["participant_iin"]


def _application(conn: Connection, view: DossierView) -> None:
    """The application's fields: as the dossier step promoted them, or staged (held back by a data-quality check),
    or else as extraction read them from the dossier's application."""
    r = None
    for table in ("dossier_applications", "dossier_application_staging"):
        if r is None and has_table(conn, table):
            r = conn.execute(text(f"SELECT document_sha256, fields FROM {table} WHERE dossier_id = :i"),
                             {"i": view.id}).mappings().first()
    if r is None:
        r = _extracted_application(conn, view)
    if r is None:
        return
    view.fields = application_evidence(conn, r["document_sha256"], json.loads(r["fields"] or "{}"))
    view.application_document_id = next((d["id"] for d in view.documents if d["sha256"] == r["document_sha256"]),
                                        None)


def _extracted_application(conn: Connection, view: DossierView) -> dict[str, Any] | None:
    """The first document of the dossier that extraction read application fields from."""
    if not has_table(conn, "extract_fields"):
        return None
    for doc in view.documents:
        if conn.execute(text("SELECT 1 FROM extract_fields WHERE document_id = :d AND field = 'iin'"),
                        {"d": doc["id"]}).first():
            return {"document_sha256": doc["sha256"], "fields": "{}"}
    return None
