"""mugalim_pay: plan the season's payments (places II and III, grants), wait for finance's approval
(human in the loop: one of the approvers of settings/approvers.yaml, not the person who triggered the run), then
record them in the ledger and write the payment files. Never pays anyone twice:
the ledger in mugalim's database is the single source of truth, and re-running exports nothing a second time."""
from __future__ import annotations

from airflow.sdk import Param, dag, task

from mugalim_approval import PaymentApproval, preparer_of
from mugalim_dag_support import DECISIONS, DEFAULT_ARGS, START, season_of, settings


@dag(
    dag_id="mugalim_pay",
    schedule=[DECISIONS],
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"season": Param(None, type=["null", "integer"], description="season (default: the year of the run)"),
            "approved_by": Param(None, type=["null", "string"],
                                 description="who approved when the approval step is marked done outside the UI "
                                             "(refused where settings/approvers.yaml lists the approvers)")},
    tags=["mugalim", "5-pay"],
    dag_display_name="5 · Төлем / Выплаты",
    description="Төлем файлдары: бекітушінің рұқсатымен, ешкімге екі рет төленбейді. / Платёжные файлы: с разрешения утверждающего, никому дважды.",
    doc_md=__doc__,
)
def mugalim_pay() -> None:
    @task
    def plan(**context) -> dict:
        from mugalim.payments.approval import AIRFLOW
        from mugalim.payments.plan import prepare_payments

        planned = prepare_payments(settings(), season=season_of(context), prepared_by=preparer_of(context),
                                   via=AIRFLOW)
        return {"summary": planned.approval_text(), "digest": planned.digest()}

    approve = PaymentApproval(
        task_id="approve_payments",
        subject="Төлем файлдарын бекіту / Утверждение платёжных файлов",
        body="{{ ti.xcom_pull(task_ids='plan')['summary'] }}",
        retries=0,
    )

    @task
    def export(**context) -> dict:
        from mugalim.payments.approval import approval_from_hitl, unanswered_approval
        from mugalim.payments.run import run_pay

        answer = context["ti"].xcom_pull(task_ids="approve_payments")
        if answer is None:
            # The approval step was marked done outside the UI (the embedded demo): allowed only with no approvers.
            answer = unanswered_approval(settings().settings_dir, context["params"].get("approved_by"))
        who, when = approval_from_hitl(answer)
        # What is exported must be what was approved: a payees file edited since is refused (approve again).
        approved = context["ti"].xcom_pull(task_ids="plan")["digest"]
        report = run_pay(settings(), season=season_of(context), approved_by=who, approved_at=when,
                         expect_digest=approved)
        print(report)
        return {k: v for k, v in report.to_dict().items() if k != "unpaid"}

    plan() >> approve >> export()


mugalim_pay()
