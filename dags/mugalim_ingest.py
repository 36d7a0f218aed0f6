"""mugalim_ingest: take the scanned batches in the inbox — register every file once by SHA-256, archive the
originals, quarantine what cannot be used with its reason, group the files into dossiers.

Runs nightly during the contest months (February–May, Almaty time) and on demand; announces the registered
documents as an Asset, on which mugalim_extract is scheduled."""
from __future__ import annotations

from airflow.sdk import CronTriggerTimetable, dag, task

from mugalim_dag_support import DEFAULT_ARGS, DOCUMENTS_REGISTERED, START, ALMATY, settings


@dag(
    dag_id="mugalim_ingest",
    schedule=CronTriggerTimetable("0 2 * 2-5 *", timezone=ALMATY),
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["mugalim", "1-ingest"],
    dag_display_name="1 · Қабылдау / Приём",
    description="Сканерленген пакеттерді қабылдау: әр файл бір рет тіркеледі, түпнұсқа мұрағатқа, жарамсызы себебімен карантинге. / Приём сканированных пакетов: каждый файл регистрируется один раз, оригиналы в архив, непригодные в карантин с причиной.",
    doc_md=__doc__,
)
def mugalim_ingest() -> None:
    @task(outlets=[DOCUMENTS_REGISTERED])
    def ingest() -> dict:
        from mugalim import console
        from mugalim.commands.ingest import ticks
        from mugalim.ingest.run import run_ingest

        with console.progress("ingest", unit="файл", mode="counter") as bar:     # a task's log: counter lines
            report = run_ingest(settings(), progress=ticks(bar))
        print(report.summary())
        return report.to_dict()

    ingest()


mugalim_ingest()
