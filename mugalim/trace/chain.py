"""Walk the chain from a payment (or a participant) back to the archived scans, one link at a time.

Each step adds its links to the trace; a step that cannot find what it needs adds a link with `problem` set and the
walk goes on, so one broken link never hides the rest of the chain.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from mugalim.config import Settings
from mugalim.db import migrate, query
from mugalim.errors import MugalimError
from mugalim.identifiers import mask
from mugalim.trace import dossier as dossier_steps
from mugalim.hashing import sha256_file as sha256_of
from mugalim.trace.files import AWARD_STAGE, STAGES, read_json, rel, run_folder, stage_folder
from mugalim.trace.model import Link, Source, Trace


class NotFound(MugalimError):
    """Nothing to trace: no such payment or participant."""

    exit_code = 6


def trace_payment(settings: Settings, payment_id: str) -> Trace:
    """The whole chain behind one payment line of the ledger."""
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        row = conn.execute(query("trace_payment"), {"payment_id": payment_id}).mappings().first()
        if row is None:
            raise NotFound(f"no payment {payment_id!r} in the ledger")
        trace = Trace(f"payment {payment_id}", row["season"], row["competition"], row["participant_iin"])
        _payment(trace, conn, dict(row))
        _run(trace, settings, dict(row))
        _decision(trace, settings, conn, row["award"])
        _behind_decision(trace, settings, conn)
    return trace


def trace_participant(settings: Settings, iin: str, season: int | None = None) -> list[Trace]:
    """Every payment of a participant traced; a participant never paid is traced from their stage results."""
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        pids = [r[0] for r in conn.execute(query("trace_participant_payments"), {"iin": iin})]
        entries = conn.execute(query("trace_participant_entries"), {"iin": iin}).all()
    paid = [trace_payment(settings, pid) for pid in pids]
    paid = [t for t in paid if season is None or t.season == season]
    seen = {(t.season, t.competition) for t in paid}
    unpaid = [_unpaid(settings, s, c, iin) for s, c in entries
              if (s, c) not in seen and (season is None or s == season)]
    if not paid and not unpaid:
        raise NotFound(f"no participant {mask(iin)} in any season" if season is None
                       else f"no participant {mask(iin)} in season {season}")
    return paid + unpaid


def _unpaid(settings: Settings, season: int, competition: str, iin: str) -> Trace:
    trace = Trace(f"participant {mask(iin)}, {competition} {season}", season, competition, iin)
    with migrate(settings.db_url).connect() as conn:
        trace.add(Link("payment", "no payment recorded", {"payments": 0}))
        _behind_decision(trace, settings, conn)
    return trace


def _behind_decision(trace: Trace, settings: Settings, conn: Connection) -> None:
    for stage in STAGES.get(trace.competition or "", ()):
        _stage(trace, settings, stage)
    _scores(trace, conn)
    dossier_steps.participant(trace, settings, conn)


def _payment(trace: Trace, conn: Connection, row: dict[str, Any]) -> None:
    events = [dict(e) for e in conn.execute(query("trace_payment_events"), {"payment_id": row["payment_id"]})
              .mappings()]
    facts = {k: row[k] for k in ("payment_id", "season", "competition", "award", "participant_iin", "full_name",
                                 "iban", "bic", "knp", "kbe", "purpose", "state", "attempt")}
    facts["amount_kzt"] = f"{Decimal(str(row['amount_kzt'])):.2f}"
    facts["events"] = [{"event": e["event"], "run_id": e["run_id"], "at": str(e["at"]), "actor": e["actor"],
                        "reason": e["reason"]} for e in events]
    problem = "this payment was reversed: it stands in no current register" if row["state"] == "reversed" else None
    trace.add(Link("payment", f"{row['payment_id']}: {row['award']} {row['competition']} {row['season']}",
                   facts, problem=problem))


def _run(trace: Trace, settings: Settings, row: dict[str, Any]) -> None:
    folder = run_folder(settings, row["season"], row["run_id"])
    facts = {"run_id": row["run_id"], "created_at": str(row["run_created_at"]), "approved_by": row["approved_by"],
             "approved_at": str(row["approved_at"]), "state": row["run_state"], "folder": rel(settings, folder)}
    link = trace.add(Link("run", f"run {row['run_id']}", facts))
    manifest_path = folder / "manifest.json"
    try:
        manifest = read_json(manifest_path)
    except (ValueError, OSError) as e:
        link.problem = f"{rel(settings, manifest_path)} cannot be read: {e}"
        return
    if manifest is None:
        link.problem = f"{rel(settings, manifest_path)} does not exist: the run's folder was never written"
        return
    link.sources.append(Source(rel(settings, manifest_path), sha256=sha256_of(manifest_path)))
    link.problem = _manifest_problem(settings, manifest, folder, row["payment_id"])
    facts["manifest_payments"] = manifest.get("payments")
    facts["manifest_total_kzt"] = manifest.get("total_kzt")


def _manifest_problem(settings: Settings, manifest: dict[str, Any], folder: Any, payment_id: str) -> str | None:
    """The payment is listed in the manifest, and every file is still what the manifest says it is."""
    if payment_id not in (manifest.get("payment_ids") or []):
        return f"the manifest of {folder.name} does not list {payment_id}"
    for name, info in (manifest.get("files") or {}).items():
        path = folder / name
        if not path.exists():
            return f"{rel(settings, path)} is listed in the manifest but missing"
        if sha256_of(path) != info.get("sha256"):
            return f"{rel(settings, path)} changed since the manifest was written (SHA-256 differs)"
    return None


def _decision(trace: Trace, settings: Settings, conn: Connection, award: str) -> None:
    """The stage whose results award this payment, the protocol beside them, and any tie-break decisions used."""
    season, competition, iin = trace.season, trace.competition, trace.participant_iin
    assert season is not None and competition is not None and iin is not None
    folder = stage_folder(settings, season, competition, AWARD_STAGE.get(award, "city"))
    results_path, protocol = folder / "results.json", folder / "protocol.pdf"
    link = trace.add(Link("decision", f"{award}: {rel(settings, results_path)}", {"award": award}))
    results = _results(link, settings, results_path)
    if results is not None:
        awarded = (iin in (results.get("grants") or [])) if award == "grant" \
            else (results.get("prizes") or {}).get(award) == iin
        link.facts["awarded_in_results"] = awarded
        if not awarded:
            link.problem = f"{rel(settings, results_path)} does not award {award} to this participant"
    if protocol.exists():
        link.sources.append(Source(rel(settings, protocol), sha256=sha256_of(protocol)))
    elif link.problem is None:
        link.problem = f"{rel(settings, protocol)} (the signed protocol, rule C4) does not exist"
    for d in conn.execute(query("trace_decisions"), {"season": season, "competition": competition, "iin": iin})\
            .mappings():
        link.facts.setdefault("tie_decisions", []).append(
            {"stage": d["stage"], "unit": d["unit"], "decision": d["decision"], "place": d["place"]})
        link.sources.append(Source(d["file"], row=d["row_no"]))


def _results(link: Link, settings: Settings, path: Any) -> dict[str, Any] | None:
    try:
        data = read_json(path)
    except (ValueError, OSError) as e:
        link.problem = f"{rel(settings, path)} cannot be read: {e}"
        return None
    if data is None:
        link.problem = f"{rel(settings, path)} does not exist: the stage is not decided"
        return None
    link.sources.append(Source(rel(settings, path), sha256=sha256_of(path)))
    return data


def _stage(trace: Trace, settings: Settings, stage: str) -> None:
    assert trace.season is not None and trace.competition is not None
    path = stage_folder(settings, trace.season, trace.competition, stage) / "results.json"
    try:
        data = read_json(path)
    except (ValueError, OSError):
        data = None
    if data is None:
        return                        # a stage not run (or not reached) is not a broken link
    iin = trace.participant_iin
    mine = [r for r in data.get("ranking") or [] if r.get("participant_iin") == iin]
    rejected = [r for r in data.get("rejected") or [] if r.get("participant_iin") == iin]
    if not mine and not rejected:
        return
    facts: dict[str, Any] = {"stage": stage}
    if mine:
        facts.update(unit=mine[0].get("unit"), total=mine[0].get("total"), rank=mine[0].get("rank"),
                     rounds=mine[0].get("rounds"))
        if stage in ("school", "district"):
            facts["advancing"] = iin in (data.get("advancing") or [])
    for r in rejected:
        facts.setdefault("rejected", []).append({"rule": r.get("rule"), "reason": r.get("reason")})
    trace.add(Link("stage", f"{stage}: total {facts.get('total')}, rank {facts.get('rank')}", facts,
                   [Source(rel(settings, path), sha256=sha256_of(path))]))


def _scores(trace: Trace, conn: Connection) -> None:
    params = {"season": trace.season, "competition": trace.competition, "iin": trace.participant_iin}
    by_stage: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(query("trace_score_rows"), params).mappings():
        by_stage.setdefault(r["stage"], []).append(dict(r))
    for stage, rows in by_stage.items():
        facts = {"stage": stage, "rows": [{"unit": r["unit"], "round": r["round"], "member_id": r["member_id"],
                                           "score": str(Decimal(r["score_milli"]) / 1000), "file": r["file"],
                                           "row": r["row_no"]} for r in rows]}
        files = sorted({r["file"] for r in rows})
        trace.add(Link("scores", f"{stage}: {len(rows)} score row(s) from {', '.join(files)}", facts,
                       [Source(r["file"], row=r["row_no"]) for r in rows]))
    paid = bool(trace.links and trace.links[0].facts.get("payment_id"))
    if not by_stage and paid:                     # an award rests on scores: none at all is a broken link
        trace.add(Link("scores", "no score rows", problem="no score row of this participant is in the database"))


def run_trace(settings: Settings, *, season: int) -> dict[str, Any]:
    """Trace every payment of a season (the check after a payment run): small counts and each broken link named.
    Returns {"season", "payments", "complete", "broken": [{"payment_id", "problems", "links"}]} (`links`: each broken
    link's step and problem, for words in the people's languages)."""
    with migrate(settings.db_url).connect() as conn:
        ids = [r[0] for r in conn.execute(query("trace_season_payments"), {"season": season})]
    broken = []
    for pid in ids:
        t = trace_payment(settings, pid)
        if not t.complete:
            broken.append({"payment_id": pid, "problems": t.problems,
                           "links": [{"step": x.step, "problem": x.problem} for x in t.links if x.problem]})
    return {"season": season, "payments": len(ids), "complete": len(ids) - len(broken), "broken": broken}
