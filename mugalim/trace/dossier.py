"""The paper end of the chain: the participant record, their dossier and its eligibility findings, the application's
fields with their evidence, and each original file in the archive (its SHA-256 checked again now)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from mugalim.config import Settings
from mugalim.db import query
from mugalim.trace.evidence import application_evidence, has_table
from mugalim.hashing import sha256_file as sha256_of
from mugalim.trace.model import Link, Source, Trace


def participant(trace: Trace, settings: Settings, conn: Connection) -> None:
    params = {"season": trace.season, "competition": trace.competition, "iin": trace.participant_iin}
    row = conn.execute(query("trace_participant"), params).mappings().first()
    if row is None:
        trace.add(Link("participant", "no participant record",
                       problem="the participant is in no `participants` record of this season and competition"))
        return
    link = trace.add(Link("participant", f"{row['full_name'] or ''} ({row['source']})".strip(), {
        k: row[k] for k in ("participant_iin", "full_name", "organization_bin", "organization_name",
                            "organization_type", "district", "source", "source_ref")}))
    if row["source"] != "dossier" or row["dossier_id"] is None:
        name, _, row_no = str(row["source_ref"] or row["source"]).rpartition(":")
        link.sources.append(Source(name or row_no, row=int(row_no) if row_no.isdigit() and name else None))
        _file_sha(link, conn, link.sources[-1].file)
        return
    _dossier(trace, settings, conn, dict(row))


def _file_sha(link: Link, conn: Connection, name: str) -> None:
    """A participant typed in by staff: the chain ends at the row of the participants file (its SHA-256)."""
    if not has_table(conn, "scoring_files"):
        return
    sha = conn.execute(text("SELECT sha256 FROM scoring_files WHERE name = :n"), {"n": name}).scalar()
    if sha:
        link.sources[-1].sha256 = sha


def _dossier(trace: Trace, settings: Settings, conn: Connection, p: dict[str, Any]) -> None:
    dossier_id = p["dossier_id"]
    result = _result(conn, dossier_id)
    facts = {"dossier_id": dossier_id, "batch": p["batch"], "key": p["dossier_key"], "status": p["dossier_status"]}
    link = trace.add(Link("dossier", f"{p['batch']}/{p['dossier_key']}", facts))
    if result is None:
        link.problem = "the dossier has not been checked (no dossier result)"
    else:
        facts.update(complete=bool(result["complete"]), waiting=_waiting(result), checked_at=str(result["checked_at"]))
        report = settings.data_dir / result["report_file"]
        link.sources.append(Source(result["report_file"], sha256=sha256_of(report) if report.exists() else None))
        for v in json.loads(result["eligibility"] or "[]"):
            trace.add(Link("eligibility", f"{v.get('rule')}: {_ok(v.get('ok'))}",
                           {"rule": v.get("rule"), "ok": v.get("ok"), "reason": _reason(v)},
                           [Source(f["file"], page=f.get("page")) for f in v.get("files") or []]))
    _application(trace, conn, dossier_id)
    _originals(trace, settings, conn, dossier_id)


def _reason(verdict: dict[str, Any]) -> Any:
    """The verdict's reason: its message of the catalog when the dossier step stored one (`reason_code`,
    `reason_params`: said in Kazakh or Russian by the trace's document; its English in --json), else its text."""
    if verdict.get("reason_code"):
        try:
            from mugalim.messages import Message
            message = Message.from_dict({"id": verdict["reason_code"], "params": verdict.get("reason_params") or {}})
        except Exception:  # noqa: BLE001 - without the catalog, the stored English
            message = None
        if message is not None:
            return message
    return verdict.get("reason")


def _waiting(result: dict[str, Any]) -> Any:
    """Why the dossier waits: the catalog's Messages the dossier step kept (`waiting_messages`), said in Kazakh or
    Russian by the trace's document and in English by --json; else the stored English; None when it does not wait."""
    if not result["waiting"]:
        return result["waiting"]
    try:
        from mugalim.messages import Seq, decoded_parts
    except Exception:  # noqa: BLE001 - without the catalog, the stored English
        return result["waiting"]
    return Seq(decoded_parts(result["waiting"], result.get("waiting_messages")))


def _ok(ok: Any) -> str:
    return {True: "ok", False: "not met", None: "a person decides"}.get(ok, str(ok))


def _result(conn: Connection, dossier_id: int) -> dict[str, Any] | None:
    if not has_table(conn, "dossier_results"):
        return None
    r = conn.execute(text("SELECT complete, waiting, waiting_messages, eligibility, report_file, checked_at "
                          "FROM dossier_results WHERE dossier_id = :d"), {"d": dossier_id}).mappings().first()
    return dict(r) if r else None


def _application(trace: Trace, conn: Connection, dossier_id: int) -> None:
    app = conn.execute(text("SELECT document_sha256, fields FROM dossier_applications WHERE dossier_id = :d"),
                       {"d": dossier_id}).mappings().first() if has_table(conn, "dossier_applications") else None
    if app is None:
        trace.add(Link("field", "no application", problem="no application fields were promoted for this dossier"))
        return
    sha = app["document_sha256"]
    file = conn.execute(text("SELECT rel_path, id FROM documents WHERE sha256 = :s"), {"s": sha}).first()
    for ev in application_evidence(conn, sha, json.loads(app["fields"] or "{}")):
        facts = {"field": ev.field, "value": ev.final, "extracted": ev.value, "confidence": ev.confidence,
                 "corrected_by": ev.corrected_by, "corrected_at": ev.corrected_at, "problem": ev.problem,
                 "field_id": ev.field_id}
        src = Source(file[0] if file else sha, page=ev.page, box=ev.box, sha256=sha,
                     document_id=file[1] if file else None)
        trace.add(Link("field", ev.field, facts, [src]))


def _originals(trace: Trace, settings: Settings, conn: Connection, dossier_id: int) -> None:
    for d in conn.execute(query("trace_dossier_documents"), {"dossier_id": dossier_id}).mappings():
        path = settings.data_dir / d["archive_path"]
        link = trace.add(Link("original", d["rel_path"], {"kind": d["kind"], "pages": d["pages"],
                                                          "archive_path": d["archive_path"]},
                              [Source(d["archive_path"], sha256=d["sha256"], document_id=d["document_id"])]))
        if not path.exists():
            link.problem = f"{d['archive_path']} is not in the archive"
        elif sha256_of(path) != d["sha256"]:
            link.problem = f"{d['archive_path']} no longer matches its registered SHA-256"
        else:
            link.facts["verified"] = True
