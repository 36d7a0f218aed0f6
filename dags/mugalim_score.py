"""mugalim_score: load the commissions' score sheets, aggregate them (quorum, averages, stage totals), apply the
advancement, prize and grant rules, and write each stage's results.json, protocol and charts."""
from __future__ import annotations

from airflow.sdk import dag, task

from mugalim_dag_support import (DECISIONS, DEFAULT_ARGS, DOSSIERS_VALIDATED, SCORE_SHEETS, SEASON_PARAM, START,
                                 season_of, settings)


@dag(
    dag_id="mugalim_score",
    schedule=(DOSSIERS_VALIDATED | SCORE_SHEETS),
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=SEASON_PARAM,
    tags=["mugalim", "4-score"],
    dag_display_name="4 · Бағалау / Оценивание",
    description="Комиссия бағалары, кезеңдер, жүлделер мен гранттар, хаттамалар. / Оценки комиссий, этапы, призовые места и гранты, протоколы.",
    doc_md=__doc__,
)
def mugalim_score() -> None:
    @task(outlets=[DECISIONS])
    def score(**context) -> list[dict]:
        from mugalim import console
        from mugalim.commands.score import ticks
        from mugalim.scoring.run import run_season
        from mugalim.scoring.stages import ALL_STAGES

        with console.progress("score", len(ALL_STAGES), unit="кезең / этап", mode="counter") as bar:
            results = run_season(settings(), season=season_of(context), progress=ticks(bar))   # a task's log: English
        # Counts and paths only: prize holders' IINs stay out of XCom and the task log.
        return [{k: v for k, v in r.as_dict().items() if k != "prizes"} for r in results]

    score()


mugalim_score()
