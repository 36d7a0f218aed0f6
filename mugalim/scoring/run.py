"""The scoring step: `run_score` (one stage) and `run_season` (every stage), called by `mugalim score` and by the
Airflow DAG `mugalim_score`.

Both load `inbox/scores/` (idempotent), compute the stages in order from the school stage (a stage whose previous
stage is partly undecided runs on what was decided), and write for each stage asked for
`outbox/<season>/<competition>/<stage>/results.json`, `protocol.pdf` and the charts, each atomically.

Issue 15 (a stage as users run it, a process of its own): a stage whose inputs, settings and code are those of its
last run, and whose outputs are as that run wrote them, is not decided or written again; an earlier stage a run
needs is taken from its last run (`rerun`). The score sheets' audit runs once per change of the inputs, in a process
of its own that imports Great Expectations while the inbox loads; the charts are drawn in worker processes while
the protocol is laid out (`workers`). `Timings` says where the time and the memory went.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from mugalim.config import Settings
from mugalim.db import migrate, query
from mugalim.errors import ConfigError
from mugalim.keys import secret
from mugalim.messages import Message, Said
from mugalim.scoring.counts import counts_line, outcome_counts, summary_data
from mugalim.scoring.load import load_inbox, tune
from mugalim.scoring.quality import stage_audit_rows
from mugalim.scoring.prepare import grants_input, toy_input
from mugalim.scoring.results import results_dict, write_json_atomic
from mugalim.scoring.stage import StageOutcome, score_stage
from mugalim.scoring.stages import ALL_STAGES, TOY_STAGES
from mugalim.scoring.honours import write_teachers_day
from mugalim.scoring.rerun import (AUDIT, audit_key, audit_likely_unchanged, audit_unchanged, cached_feed,
                                   encode_feed, forget, inputs_digest, output_hashes, stage_key, unchanged,
                                   write_audit_run, write_run)
from mugalim.scoring.workers import Audit
from mugalim.season import SeasonSettings, load_season

log = logging.getLogger(__name__)


PHASES = ("start", "load", "decide", "audit", "protocols", "charts", "write")


@dataclass
class Timings:
    """Where a run's time went, by phase (seconds of wall clock): `start` (migrations), `load` (the inbox), `decide`
    (SQL and rules, every stage needed), `audit` (waiting for the Great Expectations audit, which runs beside the
    rest), `protocols`, `charts`, `write` (results.json, the manifests, the Teachers' Day list); the CPU time and
    peak memory (MB of RSS) of the run's process and of its workers (the audit's process, the charts'); and how
    much each phase raised the process's peak, so the phase that needs the memory shows. `mugalim score -v` logs
    them; `--timings FILE` writes them as JSON (bench.score_speed reads it)."""
    phases: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))
    raised_mb: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))
    notes: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start, peak = time.perf_counter(), _usage()["peak_mb"]
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - start
            self.raised_mb[name] = self.raised_mb.get(name, 0.0) + _usage()["peak_mb"] - peak

    def line(self) -> str:
        u = _usage()
        return ", ".join(f"{k} {v:.2f} s" for k, v in self.phases.items()) + \
            f"; CPU {u['cpu_s']:.2f} s (workers {u['workers_cpu_s']:.2f} s); peak {u['peak_mb']:.0f} MB " \
            f"(workers {u['workers_peak_mb']:.0f} MB)" + "".join(f"; {k}: {v}" for k, v in self.notes.items())

    def as_dict(self) -> dict[str, Any]:
        return {"phases": {k: round(v, 4) for k, v in self.phases.items()},
                **{k: round(v, 2) for k, v in _usage().items()},
                "raised_mb": {k: round(v, 1) for k, v in self.raised_mb.items()},
                "notes": dict(self.notes)}


def _usage() -> dict[str, float]:
    import resource

    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_s": me.ru_utime + me.ru_stime, "peak_mb": me.ru_maxrss / 1024,
            "workers_cpu_s": workers.ru_utime + workers.ru_stime, "workers_peak_mb": workers.ru_maxrss / 1024}


@dataclass(frozen=True)
class StageResult:
    """What a run of one stage produced: small and JSON-friendly (an Airflow task returns `as_dict()`)."""
    season: int
    competition: str
    stage: str
    advancing: int
    prizes: dict[str, str | None]
    grants: int
    pending: int
    rejected: int
    invalid_sessions: int
    bad_rows: int
    results: str
    protocol: str | None = None
    charts: list[str] = field(default_factory=list)
    # what the command's table reads of results.json (`counts.summary_data`); not in `as_dict()`
    summary: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        del d["summary"]
        return d


Progress = Callable[[str], None]
#: what `progress` is told, one Message of the catalog per stage asked for, when its outputs are written or found
#: unchanged (`stage`, `competition`: Messages; `counts`: the stage's counts said in each language)
STAGE_DONE = ("score.p.written", "score.p.unchanged")


def run_score(settings: Settings, *, season: int, competition: str, stage: str,
              reports: bool = True, timings: Timings | None = None, progress: Progress | None = None) -> StageResult:
    """Score one stage (and, in memory, the stages before it) and write its outputs. `progress` is told each
    stage done (a Message whose id is one of `STAGE_DONE`); without it the English line is logged."""
    if (competition, stage) not in ALL_STAGES:
        raise ConfigError(f"no stage {stage!r} in competition {competition!r}: one of "
                          + ", ".join(f"{c}/{s}" for c, s in ALL_STAGES))
    return _run(settings, season, [(competition, stage)], reports, timings or Timings(), progress)[0]


def run_season(settings: Settings, *, season: int, reports: bool = True,
               timings: Timings | None = None, progress: Progress | None = None) -> list[StageResult]:
    """Score every stage in order: school → district → city, then grants (`progress`: see `run_score`)."""
    return _run(settings, season, list(ALL_STAGES), reports, timings or Timings(), progress)


def _logged(line: str) -> None:
    log.info("%s", line)


def _run(settings: Settings, season: int, wanted: list[tuple[str, str]], reports: bool,
         tm: Timings, progress: Progress | None = None) -> list[StageResult]:
    say = progress or _logged
    docs = settings.outbox(season) / "data-docs" / "score-sheets"
    with tm.phase("start"):
        ss = load_season(settings.settings_dir, season)
        engine = migrate(settings.db_url)
        # The audit's process starts now, to import Great Expectations while the inbox loads, unless the audit very
        # likely ran on these very files already (decided once they are loaded).
        with engine.connect() as conn:
            early = reports and not audit_likely_unchanged(conn, season, settings.scores_inbox)
        auditor = Audit(settings, ss) if early else None
    try:
        with tm.phase("load"):
            load_inbox(engine, settings.scores_inbox, phone_key=secret(settings, "phone"))
            with engine.connect() as conn:
                _season_present(conn, settings, season)
                inputs = inputs_digest(conn, ss)
                key, audit = stage_key(inputs), audit_key(inputs)
                audit_done = reports and audit_unchanged(conn, season, docs, audit)
                done = {w: _unchanged(conn, settings, season, w, key, reports) for w in wanted}
        for (competition, stage), r in done.items():
            if r is not None:
                say(Message("score.p.unchanged", competition=Message(f"competition.{competition}"),
                            stage=Message(f"stage.{stage}")))
        if audit_done:
            tm.notes["audit"] = "unchanged inputs: not run again"
            if auditor is not None:
                auditor.stop()
                auditor = None
        elif reports:
            auditor = auditor or Audit(settings, ss)
            if not auditor.stages_rows:          # SQLite: written here, before the decisions' transaction writes
                with tm.phase("audit"), engine.begin() as conn:
                    stage_audit_rows(conn, season)
            auditor.go()
        todo = [w for w in wanted if done[w] is None]
        tm.notes["stages"] = {f"{c}/{s}": "unchanged: not written again" if done[(c, s)] else "written"
                              for c, s in wanted}
        if todo:
            with engine.begin() as conn:
                tune(conn)
                names = _names(conn, season)
                outcomes = _outcomes(settings, conn, ss, todo, key)
                while True:
                    with tm.phase("decide"):
                        out = next(outcomes, None)
                    if out is None:
                        break
                    r = done[(out.competition, out.stage)] = publish(settings, ss, out, names, reports=reports,
                                                                     conn=conn, timings=tm, key=key)
                    say(stage_written(r))
        if auditor is not None:
            with tm.phase("audit"), engine.begin() as conn:
                forget(conn, season, *AUDIT)
                summary = auditor.result(conn)
                log.info("score sheets audit: %s", summary)
                write_audit_run(conn, season, docs, audit, summary, settings.scores_inbox)
    finally:
        if auditor is not None:
            auditor.stop()
    with tm.phase("write"):
        _honours(settings, season)
    log.info("timings: %s", tm.line())
    return [r for r in (done[w] for w in wanted) if r is not None]


def _unchanged(conn: Connection, settings: Settings, season: int, stage: tuple[str, str], key: str,
               reports: bool) -> StageResult | None:
    """The result of a stage whose outputs were written from the same inputs and are still as written."""
    folder = stage_dir(settings, season, *stage)
    m = unchanged(conn, folder, season, *stage, key, reports=reports)
    if m is None:
        return None
    r = m["result"]
    protocol = str(folder / "protocol.pdf") if reports and "protocol.pdf" in m["outputs"] else None
    charts = [str(folder / c) for c in r.get("charts", [])] if reports else []
    return StageResult(season, stage[0], stage[1], r["advancing"], dict(r["prizes"]), r["grants"], r["pending"],
                       r["rejected"], r["invalid_sessions"], r["bad_rows"], str(folder / "results.json"), protocol,
                       charts, r.get("summary"))


def stage_written(r: StageResult) -> Message:
    """The progress Message of a stage just written: its counts in each language (`counts.counts_line`)."""
    data = {**(r.summary or {}), "stage": r.stage}
    counts = (r.summary or {}).get("counts") or outcome_counts({})
    return Message("score.p.written", competition=Message(f"competition.{r.competition}"),
                   stage=Message(f"stage.{r.stage}"),
                   counts=Said(**{lang: counts_line(data, lang, counts=counts) for lang in ("kk", "ru", "en")}))


def _season_present(conn: Connection, settings: Settings, season: int) -> None:
    """A season with no participants, scores or attendance is a typo, not an empty season: nothing is written."""
    if conn.execute(text("SELECT EXISTS (SELECT 1 FROM participants WHERE season = :s) "
                         "OR EXISTS (SELECT 1 FROM scoring_scores WHERE season = :s) "
                         "OR EXISTS (SELECT 1 FROM scoring_attendance WHERE season = :s)"), {"s": season}).scalar():
        return                                    # (an index lookup each: every season's rows are not read)
    present = [int(r[0]) for r in conn.execute(query("scoring_seasons")) if r[0] is not None]
    if season not in present:
        raise ConfigError(Message("err.season_no_scores", season=season, where=str(settings.scores_inbox),
                                  present=[str(p) for p in present] or Message("err.none")))


def _honours(settings: Settings, season: int) -> None:
    """P4: the Teachers' Day list, from whatever the city and grants stages have decided so far."""
    import json

    def read(competition: str, stage: str) -> dict | None:
        path = stage_dir(settings, season, competition, stage) / "results.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    write_teachers_day(settings.outbox(season), season, read("teacher_of_year", "city"), read("grants", "grants"))


def _outcomes(settings: Settings, conn: Connection, ss: SeasonSettings, wanted: list[tuple[str, str]],
              key: str | None = None):  # type: ignore[no-untyped-def]
    """The stages of `wanted`, decided in order. A later Teacher of the Year stage needs the earlier ones: an earlier
    stage not wanted is taken from its last run's feed when that was made from the same inputs and code (`key`),
    and decided again otherwise."""
    last = max((TOY_STAGES.index(s) for c, s in wanted if c == "teacher_of_year"), default=-1)
    prev: StageOutcome | None = None
    for stage in TOY_STAGES[:last + 1]:
        if ("teacher_of_year", stage) not in wanted and key is not None:
            feed = cached_feed(conn, ss.season, stage, key)
            if feed is not None:
                prev = feed
                continue
        prev = score_stage(conn, ss, toy_input(conn, ss, stage, prev))
        if ("teacher_of_year", stage) in wanted:
            yield prev
    if ("grants", "grants") in wanted:
        yield score_stage(conn, ss, grants_input(conn, ss))


def _names(conn: Connection, season: int) -> dict[str, str]:
    rows = conn.execute(text("SELECT participant_iin, full_name FROM participants WHERE season = :s"), {"s": season})
    return {r.participant_iin: r.full_name for r in rows}


def stage_dir(settings: Settings, season: int, competition: str, stage: str) -> Path:
    return settings.outbox(season) / competition / stage


def publish(settings: Settings, ss: SeasonSettings, out: StageOutcome, names: dict[str, str], *,
            reports: bool = True, conn: Connection | None = None, timings: Timings | None = None,
            key: str | None = None) -> StageResult:
    """Write results.json (and, with `reports`, the protocol and charts) for one decided stage; with `key` (and
    `conn`), the stage's record of what it was made from and wrote (see `rerun`)."""
    tm = timings or Timings()
    folder = stage_dir(settings, out.season, out.competition, out.stage)
    if key is not None and conn is not None:
        forget(conn, out.season, out.competition, out.stage)
    with tm.phase("write"):
        data = results_dict(out, ss, names, defaults_applied(ss, out))
        path = write_json_atomic(folder / "results.json", data)
    protocol, charts = None, []
    outputs = [path]
    if reports:
        from mugalim.scoring.charts import start_charts
        from mugalim.scoring.protocol import BAD_ROWS_FILE, write_protocol

        with tm.phase("charts"):             # the charts' data; the PNGs are drawn beside the protocol's layout
            started = start_charts(folder, out, names, conn, language=ss.language)
        try:
            with tm.phase("protocols"):
                protocol = str(write_protocol(folder / "protocol.pdf", ss, out, names, data["defaults"],
                                              started.pending, _commission(conn, out) if conn is not None else None,
                                              conn=conn))
            with tm.phase("charts"):
                charts = started.wait()
        finally:
            started.close()
        outputs += [Path(protocol), folder / BAD_ROWS_FILE, *charts]
    c = outcome_counts(data)
    result = StageResult(out.season, out.competition, out.stage, c["advancing"], dict(out.prizes), c["grants"],
                         c["pending"], c["rejected"], c["invalid_sessions"], c["bad_rows"], str(path), protocol,
                         [str(x) for x in charts], summary_data(data))
    if key is not None and conn is not None:
        with tm.phase("write"):
            kept = {k: v for k, v in result.as_dict().items() if k not in ("results", "protocol", "charts")}
            kept["charts"] = [Path(x).relative_to(folder).as_posix() for x in charts]
            kept["summary"] = result.summary
            write_run(conn, out.season, out.competition, out.stage, key, reports=reports,
                      outputs=output_hashes(folder, outputs), result=kept,
                      feed=encode_feed(out) if out.stage in ("school", "district") else None)
    return result


def _commission(conn: Connection, out: StageOutcome) -> dict[str, dict[int, list[tuple[str, str, bool]]]]:
    """unit → round → [(member, role, present)], for the protocol."""
    table: dict[str, dict[int, list[tuple[str, str, bool]]]] = {}
    k = {"season": out.season, "competition": out.competition, "stage": out.stage}
    for r in conn.execute(query("scoring_commission"), k):
        table.setdefault(r.unit, {}).setdefault(int(r.round), []).append((r.member_id, r.role, bool(r.present)))
    return table


def defaults_applied(ss: SeasonSettings, out: StageOutcome) -> list[dict[str, str]]:
    """The defaults of rules.md (A1–A8) this stage used, each with its description and the season's setting."""
    cut = (ss.selection_cutoff or {}).get(out.stage)
    d = [("A1", "round score = arithmetic mean of the present members' scores (trimmed: highest and lowest "
                "dropped); stage total = sum of round scores; exact, rounded for display",
          f"round_aggregation: {ss.round_aggregation}"),
         ("A2", "ties at a cut-off are never broken silently: pending a commission decision",
          f"tie_policy: {ss.tie_policy}"),
         ("A4", "no cut-off after the selection rounds unless the season sets one",
          f"selection_cutoff: {cut if cut else 'none'}")]
    if out.stage == "city":
        d.append(("A3", "only votes inside the window count, one per phone per participant; outside and repeats "
                        "reported", f"votes: {ss.votes.window_hours} h, one_per_phone: "
                                    f"{str(ss.votes.one_per_phone).lower()}, points: {ss.votes.points}"))
    if out.stage in ("school", "grants"):
        d.append(("A5", "experience measured at the day of the application (or of the batch)", ""))
        d.append(("A8", "two-thirds quorum applies; a commission below 15 members is a warning only",
                  f"commission_min_members: {ss.commission_min_members}"))
    if out.stage == "grants":
        d.append(("A6", "of two nominees of one organization the earlier submission is kept", ""))
        d.append(("A7", "grants to the highest totals, as many as budget ÷ amount, rounded down",
                  f"{ss.grants.budget_kzt} ÷ {ss.grant_kzt()} = {out.slots}"))
    return [{"id": i, "text": t, "setting": s} for i, t, s in sorted(d)]
