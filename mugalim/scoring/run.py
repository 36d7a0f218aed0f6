"""The scoring step: `run_score` (one stage) and `run_season` (every stage), called by `mugalim score` and by the
Airflow DAG `mugalim_score`.

Both load `inbox/scores/` (idempotent), compute the stages in order from the school stage (a stage whose previous
stage is partly undecided runs on what was decided), and write for each stage asked for
`outbox/<season>/<competition>/<stage>/results.json`, `protocol.pdf` and the charts, each atomically.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from mugalim.config import Settings
from mugalim.db import migrate, query
from mugalim.errors import ConfigError
from mugalim.keys import secret
from mugalim.scoring.counts import counts_line, outcome_counts
from mugalim.scoring.load import load_inbox, tune
from mugalim.scoring.prepare import grants_input, toy_input
from mugalim.scoring.results import results_dict, write_json_atomic
from mugalim.scoring.stage import StageOutcome, score_stage
from mugalim.scoring.stages import ALL_STAGES, TOY_STAGES
from mugalim.scoring.honours import write_teachers_day
from mugalim.scoring.quality import audit_scores
from mugalim.season import SeasonSettings, load_season

log = logging.getLogger(__name__)


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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_score(settings: Settings, *, season: int, competition: str, stage: str,
              reports: bool = True) -> StageResult:
    """Score one stage (and, in memory, the stages before it) and write its outputs."""
    if (competition, stage) not in ALL_STAGES:
        raise ConfigError(f"no stage {stage!r} in competition {competition!r}: one of "
                          + ", ".join(f"{c}/{s}" for c, s in ALL_STAGES))
    return _run(settings, season, [(competition, stage)], reports)[0]


def run_season(settings: Settings, *, season: int, reports: bool = True) -> list[StageResult]:
    """Score every stage in order: school → district → city, then grants."""
    return _run(settings, season, list(ALL_STAGES), reports)


def _run(settings: Settings, season: int, wanted: list[tuple[str, str]], reports: bool) -> list[StageResult]:
    ss = load_season(settings.settings_dir, season)
    engine = migrate(settings.db_url)
    load_inbox(engine, settings.scores_inbox, phone_key=secret(settings, "phone"))
    results = []
    with engine.begin() as conn:
        _season_present(conn, settings, season)
        tune(conn)
        names = _names(conn, season)
        for out in _outcomes(conn, ss, wanted):
            if (out.competition, out.stage) in wanted:
                results.append(publish(settings, ss, out, names, reports=reports, conn=conn))
        if reports:
            log.info("score sheets audit: %s", audit_scores(conn, settings, ss))
    _honours(settings, season)
    return results


def _season_present(conn: Connection, settings: Settings, season: int) -> None:
    """A season with no participants, scores or attendance is a typo, not an empty season: nothing is written."""
    present = [int(r[0]) for r in conn.execute(query("scoring_seasons")) if r[0] is not None]
    if season not in present:
        raise ConfigError(f"season {season}: no participants, scores or attendance in {settings.scores_inbox} "
                          f"(seasons present: {', '.join(map(str, present)) or 'none'})")


def _honours(settings: Settings, season: int) -> None:
    """P4: the Teachers' Day list, from whatever the city and grants stages have decided so far."""
    import json

    def read(competition: str, stage: str) -> dict | None:
        path = stage_dir(settings, season, competition, stage) / "results.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    write_teachers_day(settings.outbox(season), season, read("teacher_of_year", "city"), read("grants", "grants"))


def _outcomes(conn: Connection, ss: SeasonSettings, wanted: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """Every stage needed for `wanted`, in order (a later Teacher of the Year stage needs the earlier ones)."""
    last = max((TOY_STAGES.index(s) for c, s in wanted if c == "teacher_of_year"), default=-1)
    prev: StageOutcome | None = None
    for stage in TOY_STAGES[:last + 1]:
        prev = score_stage(conn, ss, toy_input(conn, ss, stage, prev))
        yield prev
    if ("grants", "grants") in wanted:
        yield score_stage(conn, ss, grants_input(conn, ss))


def _names(conn: Connection, season: int) -> dict[str, str]:
    rows = conn.execute(text("SELECT participant_iin, full_name FROM participants WHERE season = :s"), {"s": season})
    return {r.participant_iin: r.full_name for r in rows}


def stage_dir(settings: Settings, season: int, competition: str, stage: str) -> Path:
    return settings.outbox(season) / competition / stage


def publish(settings: Settings, ss: SeasonSettings, out: StageOutcome, names: dict[str, str], *,
            reports: bool = True, conn: Connection | None = None) -> StageResult:
    """Write results.json (and, with `reports`, the protocol and charts) for one decided stage."""
    folder = stage_dir(settings, out.season, out.competition, out.stage)
    data = results_dict(out, ss, names, defaults_applied(ss, out))
    path = write_json_atomic(folder / "results.json", data)
    protocol, charts = None, []
    if reports:
        from mugalim.scoring.charts import write_charts
        from mugalim.scoring.protocol import write_protocol
        charts = write_charts(folder, out, names, conn, language=ss.language)
        protocol = str(write_protocol(folder / "protocol.pdf", ss, out, names, data["defaults"], charts,
                                      _commission(conn, out) if conn is not None else None, conn=conn))
    log.info("%s/%s: %s", out.competition, out.stage, counts_line(data))
    c = outcome_counts(data)
    return StageResult(out.season, out.competition, out.stage, c["advancing"], dict(out.prizes), c["grants"],
                       c["pending"], c["rejected"], c["invalid_sessions"], c["bad_rows"], str(path), protocol,
                       [str(x) for x in charts])


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
