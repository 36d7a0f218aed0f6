"""Score a stage: read inbox/scores/ (score sheets, attendance, votes, presentations, decisions, participants,
history), aggregate in SQL, apply every rule of the decree, and write outbox/<season>/<competition>/<stage>/:
results.json, protocol.pdf and the charts. Without --competition and --stage: every stage of the season.

Example:  mugalim score --data DIR --season 2026 --competition teacher_of_year --stage district
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from mugalim import console
from mugalim.cli import add_data_options, settings_from
from mugalim.errors import ConfigError
from mugalim.messages import Message, said, season_language

NAME = "score"
HELP = "score a stage: results.json, protocol.pdf and charts for the commission"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--season", type=int, required=True, help="the season (a calendar year)")
    p.add_argument("--competition", choices=["teacher_of_year", "grants"], help="one competition (with --stage)")
    p.add_argument("--stage", choices=["school", "district", "city", "grants"], help="one stage (with --competition)")
    p.add_argument("--no-reports", action="store_true", help="write results.json only (no protocol, no charts)")
    p.add_argument("--limit", type=int, default=40, help="lines of the table per stage (default 40)")
    p.add_argument("--timings", metavar="FILE", help="write where the time went (seconds by phase) to FILE as JSON")


def run(args: argparse.Namespace) -> int:
    from mugalim.scoring.run import Timings, run_score, run_season
    from mugalim.scoring.stages import ALL_STAGES
    from mugalim.scoring.table import summary_lines

    settings = settings_from(args)
    if bool(args.competition) != bool(args.stage):
        raise ConfigError(Message("err.competition_with_stage"))
    tm = Timings()
    stages = 1 if args.competition else len(ALL_STAGES)
    lang = season_language(settings.settings_dir, args.season)       # the season's language (kk by default)
    with console.progress("score", stages, unit="кезең / этап") as bar:
        if args.competition:
            results = [run_score(settings, season=args.season, competition=args.competition, stage=args.stage,
                                 reports=not args.no_reports, timings=tm, progress=ticks(bar, lang))]
        else:
            results = run_season(settings, season=args.season, reports=not args.no_reports, timings=tm,
                                 progress=ticks(bar, lang))
    if args.timings:
        import json
        Path(args.timings).write_text(json.dumps(tm.as_dict(), indent=2) + "\n", encoding="utf-8")
    for r in results:
        print("\n".join(summary_lines(Path(r.results), limit=args.limit, lang=lang, summary=r.summary)))
        print(f"  → {Path(r.results).parent}")
    return 0


def ticks(bar: console.Progress, lang: str = "en") -> Callable[[str], None]:
    """What scoring tells of its progress (a Message of the catalog per stage, also in the Airflow task) as the bar's
    ticks: a stage written or found unchanged (`scoring.run.STAGE_DONE`) is one stage done; anything else is only
    logged (shown with -v). Lines are said in `lang`: the season's language on the console, English in a task's
    log."""
    from mugalim.scoring.run import STAGE_DONE

    def tick(line: str) -> None:
        if getattr(line, "id", None) in STAGE_DONE:
            bar.update(note=said(line, lang))
        else:
            bar.note(said(line, lang))
    return tick
