"""Payments for finance (spec/payments.md, rules P3, P5, G5): what the decided stages award, checked against the
payees' bank details, recorded once in the ledger, and exported as register.csv/.xlsx, pain.001.xml, manifest.json and
exceptions.csv under `outbox/<season>/payments/<run>/`.

Entry points (the command `mugalim pay` and the DAG `mugalim_pay` both call them):
- `plan_payments(settings, season=…)` — what would be paid and what cannot be; records nothing.
- `prepare_payments(settings, season=…, prepared_by=…, via=…)` — the same, recording who prepared the batch.
- `run_pay(settings, season=…, approved_by=…)` — records the ledger and writes the run folder.
- `reverse_payment(settings, payment_id=…, reason=…, reversed_by=…)` — a person's explicit reversal.
Who may approve and reverse: approval.py (settings/approvers.yaml, separation of duties).
"""
from mugalim.payments.approval import approval_from_hitl
from mugalim.payments.plan import PaymentPlan, plan_payments, prepare_payments
from mugalim.payments.run import PayReport, reverse_payment, run_pay

__all__ = ["approval_from_hitl", "PaymentPlan", "PayReport", "plan_payments", "prepare_payments", "reverse_payment", "run_pay"]
