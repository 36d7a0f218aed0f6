"""The payment approval step: Airflow's ApprovalOperator, assigned at run time to the approvers listed in the data
folder's settings/approvers.yaml, minus the person who triggered the run (who prepared the batch). Airflow's API then
refuses an answer from anyone else; the export checks the answer again (mugalim.payments.approval)."""
from __future__ import annotations

from typing import Any

from airflow.providers.standard.operators.hitl import ApprovalOperator

from mugalim_dag_support import settings


def preparer_of(context: Any) -> str:
    """Who prepared the batch: the user who triggered the run, else the schedule that did."""
    run = context["dag_run"]
    return getattr(run, "triggering_user_name", None) or f"airflow ({run.run_type})"


class PaymentApproval(ApprovalOperator):
    def execute(self, context: Any) -> Any:
        from mugalim.payments.approval import load_approvers

        approvers = load_approvers(settings().settings_dir)
        if approvers is not None:
            preparer = preparer_of(context)
            self.assigned_users = [{"id": login, "name": name} for login, name in approvers.items()
                                   if login != preparer]
        return super().execute(context)
