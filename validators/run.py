"""`run_validate`: the dossiers step, called by `mugalim validate` and by the Airflow task alike.

Reads what ingest and extraction left in the database, applies staff corrections, stages the application fields and
audits them with Great Expectations (write-audit-publish: only rows no expectation names are promoted), checks every
dossier, and writes `outbox/<season>/dossiers/` (JSON + readable HTML per dossier, overview.xlsx/.html) and
`outbox/<season>/data-docs/`. Idempotent: a second run writes the same files and the same rows.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

from mugalim.config import Settings
from mugalim.db import migrate, query
from mugalim.errors import ConfigError
from mugalim.identifiers import mask
from mugalim.messages import DEFAULT, Message, encoded, word
from mugalim.season import SeasonSettings, load_season
from validators import corrections as corr
from validators import dossier as dz
from validators import overview, report
from validators.dossier import DossierInput, DossierResult
from validators.quality import checkpoint, suites
from validators.sources import load_dossiers


@dataclass
class ValidateReport:
    season: int
    dossiers: int = 0
    complete: int = 0
    waiting: int = 0
    held_by_quality: int = 0
    corrections_taken: int = 0
    corrections_bad_rows: list[dict[str, Any]] = field(default_factory=list)
    quality: list[dict[str, Any]] = field(default_factory=list)
    outbox: str = ""
    data_docs: str | None = None
    language: str = DEFAULT                     # the season's: what `summary` says it in

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self, lang: str | None = None) -> str:
        """What `mugalim validate` prints, in `lang` (default: the season's language; `en` for engineers)."""
        lang = lang or self.language
        lines = [word("cli.validate.counts", lang, season=self.season, dossiers=self.dossiers, complete=self.complete,
                      waiting=self.waiting, held=self.held_by_quality),
                 word("cli.validate.corrections", lang, taken=self.corrections_taken,
                      refused=len(self.corrections_bad_rows)),
                 word("cli.validate.reports", lang, path=self.outbox),
                 word("cli.validate.data_docs", lang, path=self.data_docs or word("cli.validate.no_data_docs", lang))]
        lines += ["  " + word("cli.validate.bad_correction", lang, file=b["file"], row=b["row"], reason=b["reason"])
                  for b in self.corrections_bad_rows]
        return "\n".join(lines)


def _season_present(engine: Engine, settings: Settings, season: int) -> None:
    """No dossier of a season that other seasons have: a typo, refused before anything is written."""
    with engine.connect() as conn:
        present = [int(r[0]) for r in conn.execute(query("validate_seasons"))]
    if present and season not in present:
        raise ConfigError(Message("err.season_no_dossier", season=season, where=str(settings.data_dir),
                                  present=[str(p) for p in present]))


def run_validate(settings: Settings, *, season: int, progress: Callable[[str], None] | None = None,
                 read_video_title: bool = True) -> ValidateReport:
    """Check every dossier of `season`; see the module's doc. Returns small, JSON-friendly counts."""
    say = progress or (lambda _line: None)
    engine = migrate(settings.db_url)
    ss = load_season(settings.settings_dir, season)
    out_dir = settings.outbox(season) / "dossiers"
    rep = ValidateReport(season=season, outbox=str(out_dir), language=ss.language)
    taken = corr.load_inbox(engine, settings.corrections_inbox)
    rep.corrections_taken, rep.corrections_bad_rows = taken.taken, taken.bad_rows
    inputs, shown = _corrected(engine, load_dossiers(engine, settings.data_dir, season))
    if not inputs:
        _season_present(engine, settings, season)
    say(Message("validate.p.count", n=len(inputs), season=season))
    ctx = checkpoint.context(settings.outbox(season) / "data-docs", language=ss.language)
    held = _audit_applications(engine, ctx, inputs, season, rep)
    identities = [(d, dz.identify(d)[0]) for d in inputs]
    twice = _repeated_iins(identities)
    g3 = dz.g3_verdicts(identities)
    titles = _title_seasons(engine)
    rows = []
    for d in inputs:
        r = dz.evaluate(d, season=season, video_duration_s=(ss.video_duration_s.min, ss.video_duration_s.max),
                        video_min_size=ss.video_min_size, title_repeat=ss.title_repeat,
                        grants_window=ss.window("grants_portfolio"),
                        title_seasons=titles.get(dz.identify(d)[0] or "", []), g3=g3.get(d.dossier_id),
                        read_video_title=read_video_title)
        r.corrections = shown.get(d.dossier_id, [])
        r.waiting += [Message("wait.data_quality", checks=h) for h in held.get(d.dossier_id, [])]
        if r.participant_iin in twice:
            r.waiting.append(Message("wait.twice", n=twice[r.participant_iin]))
        rows.append(_publish(engine, settings, ss, r, out_dir, unique=r.participant_iin not in twice))
        state = "waiting" if r.waiting else "complete" if r.complete else "incomplete"
        say(Message("validate.p.dossier", id=d.dossier_id, iin=mask(r.participant_iin),
                    state=Message(f"validate.state.{state}")))
        rep.dossiers += 1
        rep.complete += int(r.complete and not r.waiting)
        rep.waiting += int(bool(r.waiting))
    rows = overview.unread_first(rows)
    overview.write_xlsx(out_dir / "overview.xlsx", rows, ss.language)
    overview.write_html(out_dir / "overview.html", rows, title=word("overview.title", ss.language, season=season),
                        lang=ss.language)
    docs = checkpoint.build_docs(ctx)
    rep.data_docs = str(docs) if docs else None
    return rep


def _repeated_iins(identities: list[tuple[DossierInput, str | None]]) -> dict[str, int]:
    """IINs found in more than one dossier of the season: neither is merged into the other, both wait."""
    counts: dict[str, int] = {}
    for _, iin in identities:
        if iin:
            counts[iin] = counts.get(iin, 0) + 1
    return {iin: n for iin, n in counts.items() if n > 1}


def _corrected(engine: Engine, inputs: list[DossierInput]) -> tuple[list[DossierInput], dict[int, list[Any]]]:
    latest = corr.latest(engine)
    shown: dict[int, list[Any]] = {}
    for d in inputs:
        docs = []
        for doc in d.documents:
            fixed, changes = corr.apply(doc, latest.get(doc.sha256 or "", {}))
            docs.append(fixed)
            shown.setdefault(d.dossier_id, []).extend(changes)
        d.documents = docs
    return inputs, shown


# --- write-audit-publish of the application fields -----------------------------------------------------------------

STAGED = ("full_name", "iin", "birth_date", "filled_date", "qualification_category", "pedagogical_experience_months",
          "position_experience_months", "postal_code")


def _audit_applications(engine: Engine, ctx: Any, inputs: list[DossierInput], season: int,
                        rep: ValidateReport) -> dict[int, list[str]]:
    """Stage every application's fields, validate them, promote the rows no expectation names; the dossiers
    whose rows are held back, with why."""
    now = datetime.now(UTC)
    staged = []
    for d in inputs:
        for doc in dz.applications(d.documents):
            staged.append((d.dossier_id, doc))
    with engine.begin() as c:
        for dossier_id, doc in staged:
            _upsert_row(c, "dossier_application_staging", _app_row(doc, dossier_id, season),
                        {"run_at": now, "status": "staged", "reason": None})
    if not staged:
        checkpoint.empty_audit(ctx, suites.APPLICATION_SUITE, id_column="document_sha256",
                               name=f"applications_{season}")
        return {}
    frame = suites.application_frame([{**{k: doc.fields.get(k) for k in STAGED}, "phones": doc.fields.get("phones"),
                                       "document_sha256": doc.sha256} for _, doc in staged], season)
    audit = checkpoint.run_checkpoint(ctx, frame, suites.application_suite(season), id_column="document_sha256",
                                      name=f"applications_{season}")
    rep.quality.append(audit.as_dict())
    held: dict[int, list[str]] = {}
    with engine.begin() as c:
        for dossier_id, doc in staged:
            why = audit.held.get(str(doc.sha256))
            if why:
                held.setdefault(dossier_id, []).append("; ".join(why))
                c.execute(text("UPDATE dossier_application_staging SET status = 'held', reason = :r "
                               "WHERE document_sha256 = :s"), {"r": "; ".join(why), "s": doc.sha256})
                c.execute(text("DELETE FROM dossier_applications WHERE document_sha256 = :s"), {"s": doc.sha256})
            else:
                c.execute(text("UPDATE dossier_application_staging SET status = 'promoted', reason = NULL "
                               "WHERE document_sha256 = :s"), {"s": doc.sha256})
                _upsert_row(c, "dossier_applications", _app_row(doc, dossier_id, season), {"promoted_at": now})
    rep.held_by_quality = len(held)
    return held


def _app_row(doc: Any, dossier_id: int, season: int) -> dict[str, Any]:
    f = doc.fields
    row = {k: f.get(k) for k in STAGED}
    for k in ("pedagogical_experience_months", "position_experience_months"):
        row[k] = dz.as_int(row[k])
    row = {k: (str(v) if v is not None and not isinstance(v, int) else v) for k, v in row.items()}
    return {**row, "document_sha256": doc.sha256, "dossier_id": dossier_id, "season": season,
            "phones": json.dumps(f.get("phones"), ensure_ascii=False),
            "fields": json.dumps(f, ensure_ascii=False, default=str)}


def _upsert_row(c: Any, table: str, row: dict[str, Any], extra: dict[str, Any]) -> None:
    c.execute(text(f"DELETE FROM {table} WHERE document_sha256 = :document_sha256"), row)
    values = {**row, **extra}
    cols = ", ".join(values)
    c.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + k for k in values)})"), values)


# --- publishing one dossier ---------------------------------------------------------------------------------------

def _publish(engine: Engine, settings: Settings, ss: SeasonSettings, r: DossierResult, out_dir: Path, *,
             unique: bool) -> list[Any]:
    """Write the dossier's JSON and readable report, store its outcome, and give its overview row. Every dossier
    gets a report: named by the IIN when it is known and the participant's only dossier, else filed under its
    batch and folder (`<batch>/<folder>.json`)."""
    data = report.dossier_json(r)
    stem = r.participant_iin if r.participant_iin and unique else report_stem(r.input.batch, r.input.key)
    _atomic(out_dir / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
    _atomic(out_dir / f"{stem}.html", report.readable_html(data, ss.language))
    _store(engine, r, data, str((out_dir / f"{stem}.json").relative_to(settings.data_dir)))
    return overview.row_of(data, f"{stem}.html")


def report_stem(batch: str, key: str) -> str:
    """`<batch>/<folder>` made safe as a path below the dossiers folder (no `..`, no separators inside a part)."""
    def part(x: str) -> str:
        x = re.sub(r"[\\/\x00-\x1f]", "_", x).strip() or "_"
        return "_" + x if x.startswith(".") else x
    return f"{part(batch)}/{part(key)}"


def _atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def _store(engine: Engine, r: DossierResult, data: dict[str, Any], report_file: str) -> None:
    d = r.input
    with engine.begin() as c:
        c.execute(text("DELETE FROM dossier_findings WHERE dossier_id = :i"), {"i": d.dossier_id})
        c.execute(text("DELETE FROM dossier_eligibility WHERE dossier_id = :i"), {"i": d.dossier_id})
        c.execute(text("DELETE FROM dossier_results WHERE dossier_id = :i"), {"i": d.dossier_id})
        c.execute(text("INSERT INTO dossier_results (dossier_id, season, competition, participant_iin, complete, "
                       "waiting, waiting_messages, eligibility, report_file, checked_at) "
                       "VALUES (:i, :s, :c, :p, :ok, :w, :wm, :e, :f, :t)"),
                  {"i": d.dossier_id, "s": d.season, "c": d.competition, "p": r.participant_iin,
                   "ok": bool(data["complete"]), "w": "; ".join(r.waiting) or None,
                   "wm": json.dumps([encoded(w) for w in r.waiting], ensure_ascii=False) if r.waiting else None,
                   "e": json.dumps(data["eligibility"], ensure_ascii=False), "f": report_file,
                   "t": datetime.now(UTC)})
        for f in data["items"]:
            c.execute(text("INSERT INTO dossier_findings (dossier_id, item, status, level, reason, reason_message, "
                           "files) VALUES (:i, :item, :status, :level, :reason, :rm, :files)"),
                      {"i": d.dossier_id, "item": f["item"], "status": f["status"], "level": f.get("level"),
                       "reason": f["reason"], "rm": coded(f["reason"]),
                       "files": json.dumps(f["files"], ensure_ascii=False)})
        c.execute(text("DELETE FROM dossier_review_tasks WHERE dossier_id = :i"), {"i": d.dossier_id})
        for t in data["review"]:
            c.execute(text("INSERT INTO dossier_review_tasks (dossier_id, season, task, document_sha256, file, "
                           "first_page, last_page, guess, confidence, reason, reason_message, created_at) VALUES "
                           "(:i, :s, :task, :sha, :file, :a, :b, :guess, :conf, :reason, :rm, :t)"),
                      {"i": d.dossier_id, "s": d.season, "task": t["task"], "sha": t["sha256"], "file": t["file"],
                       "a": (t["pages"] or [None])[0], "b": (t["pages"] or [None, None])[-1], "guess": t["guess"],
                       "conf": t["confidence"], "reason": t["reason"], "rm": coded(t["reason"]),
                       "t": datetime.now(UTC)})
        for v in data["eligibility"]:
            c.execute(text("INSERT INTO dossier_eligibility (dossier_id, season, competition, participant_iin, rule, "
                           "ok, reason) VALUES (:i, :s, :c, :p, :rule, :ok, :reason)"),
                      {"i": d.dossier_id, "s": d.season, "c": d.competition, "p": r.participant_iin,
                       "rule": v["rule"], "ok": v["ok"], "reason": v["reason"]})
        if not r.waiting and r.participant_iin and d.season and d.competition:
            _upsert_participant(c, r)


def coded(reason: str | None) -> str | None:
    """A reason's catalog id and parameters as JSON (`messages.encoded`), for its `*_message` column; None for a
    reason not in the catalog (its English column is all there is)."""
    kept = encoded(reason)
    return json.dumps(kept, ensure_ascii=False) if kept is not None else None


def _upsert_participant(c: Any, r: DossierResult) -> None:
    """The participant as scoring and payments see them (source `dossier`); a row staff typed in
    (`participants_file`) is theirs and is left as it is."""
    d = r.input
    key = {"season": d.season, "competition": d.competition, "iin": r.participant_iin}
    existing = c.execute(text("SELECT source FROM participants WHERE season = :season AND competition = :competition "
                              "AND participant_iin = :iin"), key).first()
    if existing is not None and existing[0] != "dossier":
        return
    facts = dz.facts(r)
    c.execute(text("DELETE FROM participants WHERE season = :season AND competition = :competition AND "
                   "participant_iin = :iin"), key)
    c.execute(text(
        "INSERT INTO participants (season, competition, participant_iin, full_name, organization_bin, "
        "organization_name, organization_type, district, citizen, staff_months_at_org, "
        "continuous_pedagogical_months, work_experience_months, submitted_on, source, source_ref, dossier_id) "
        "VALUES (:season, :competition, :iin, :name, :bin, :org, :type, :district, :citizen, :staff, :cont, :work, "
        ":submitted, 'dossier', :ref, :dossier)"),
        {**key, "name": r.full_name, "bin": d.organization_bin, "org": d.organization_name,
         "type": d.organization_type, "district": d.district, "citizen": facts["citizen"],
         "staff": facts["staff_months_at_org"], "cont": facts["continuous_pedagogical_months"],
         "work": facts["work_experience_months"], "submitted": d.submitted_on or d.received_on,
         "ref": f"dossier {d.dossier_id} ({d.batch}/{d.key})", "dossier": d.dossier_id})


def _title_seasons(engine: Engine) -> dict[str, list[int]]:
    """Rule E4: the seasons each IIN received the title (Grand Prix of Teacher of the Year), from `history`."""
    if "scoring_history" not in inspect(engine).get_table_names():
        return {}
    out: dict[str, list[int]] = {}
    with engine.connect() as c:
        for iin, season in c.execute(text("SELECT participant_iin, season FROM scoring_history WHERE "
                                          "award = 'grand_prix' AND competition = 'teacher_of_year'")):
            out.setdefault(str(iin), []).append(int(season))
    return out
