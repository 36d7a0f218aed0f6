"""mugalim_validate: check every dossier against Appendix 2 and the eligibility rules, run the Great Expectations
suites (write-audit-publish), and write the dossier reports, the overview and the Data Docs."""
from __future__ import annotations

from airflow.sdk import dag, task

from mugalim_dag_support import (DEFAULT_ARGS, DOCUMENTS_EXTRACTED, DOSSIERS_VALIDATED, SEASON_PARAM, START,
                                 season_of, settings)


@dag(
    dag_id="mugalim_validate",
    schedule=[DOCUMENTS_EXTRACTED],
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=SEASON_PARAM,
    tags=["mugalim", "3-validate"],
    dag_display_name="3 · Тексеру / Проверка",
    description="Құжаттар жинағын 2-қосымшаға және шарттарға сай тексеру, есептер. / Проверка досье по приложению 2 и условиям участия, отчёты.",
    doc_md=__doc__,
)
def mugalim_validate() -> None:
    @task(outlets=[DOSSIERS_VALIDATED])
    def validate(**context) -> dict:
        from mugalim import console
        from mugalim.commands.validate import ticks
        from validators.run import run_validate

        season = season_of(context)
        with console.progress("validate", unit="досье", mode="counter") as bar:  # a task's log: counter lines
            report = run_validate(settings(), season=season, progress=ticks(bar))      # English in the log
        print(report.summary())
        return report.as_dict()

    validate()


mugalim_validate()
