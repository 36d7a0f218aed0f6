"""mugalim_extract: read every registered document not read yet — type it, take the text of each page
(pdfplumber for born-digital pages, Tesseract kaz+rus for scans) and the application's fields with their page and
box. Scheduled on the documents the ingest DAG registers; documents are mapped in chunks so that a big night never
exceeds Airflow's limit of 1024 mapped tasks."""
from __future__ import annotations

from airflow.sdk import dag, task

from mugalim_dag_support import DEFAULT_ARGS, DOCUMENTS_EXTRACTED, DOCUMENTS_REGISTERED, START, settings


@dag(
    dag_id="mugalim_extract",
    schedule=[DOCUMENTS_REGISTERED],
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["mugalim", "2-extract"],
    dag_display_name="2 · Оқу / Распознавание",
    description="Құжаттарды оқу: түрі, беттердің мәтіні, өтініш жолдары (бет пен орын). / Распознавание документов: тип, текст страниц, поля заявления (страница и место).",
    doc_md=__doc__,
)
def mugalim_extract() -> None:
    @task
    def plan() -> list[list[int]]:
        from extractors.run import pending_batches

        return pending_batches(settings())

    @task
    def extract(document_ids: list[int]) -> dict:
        from extractors.run import extract_documents
        from mugalim import console

        # One document at a time in this task: parallelism comes from the mapped tasks across workers.
        with console.progress("extract", len(document_ids), unit="құжат / документ", mode="counter") as bar:
            return extract_documents(settings(), document_ids, workers=1,
                                     progress=lambda n, total, name: bar.update(note=f"[{n}/{total}] {name}"))

    @task(outlets=[DOCUMENTS_EXTRACTED], trigger_rule="all_done")
    def announce() -> None:
        """Tell the validation DAG. A document that could not be read is recorded as failed by its chunk, and a
        chunk that failed after its retries is visible in the run: validation still runs on what was read."""

    extract.expand(document_ids=plan()) >> announce()


mugalim_extract()
