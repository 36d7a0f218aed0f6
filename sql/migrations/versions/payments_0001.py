"""Payments: the ledger (one row per payment identity, the single source of truth), the runs that exported them, and
the history of every payment's events (recorded, exported, reversed).

Revision ID: payments_0001
Revises: 0002_participants
"""
import sqlalchemy as sa
from alembic import op

revision = "payments_0001"
down_revision = "0002_participants"
branch_labels = ("payments",)
depends_on = None

MONEY = sa.Numeric(16, 2)


def upgrade() -> None:
    op.create_table(
        "payment_runs",
        sa.Column("run_id", sa.String(40), primary_key=True),       # <UTC timestamp>-<short hash>, sortable
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),          # recording | exported
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.Text, nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payments", sa.Integer, nullable=False),
        sa.Column("total_kzt", MONEY, nullable=False),
        sa.Column("context", sa.Text, nullable=False),              # JSON: settings, inputs, exceptions, warnings
        sa.Column("exported_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "payments_ledger",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("payment_id", sa.String(35), nullable=False, unique=True),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("award", sa.String(16), nullable=False),          # second | third | grant
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("full_name", sa.Text, nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("bic", sa.String(11), nullable=False),
        sa.Column("amount_kzt", MONEY, nullable=False),
        sa.Column("amount_mrp", sa.Numeric(12, 2)),
        sa.Column("mrp_kzt", MONEY),
        sa.Column("knp", sa.String(8), nullable=False),
        sa.Column("kbe", sa.String(2), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),          # recorded | exported | reversed
        sa.Column("attempt", sa.Integer, nullable=False),           # 1, then +1 for each payment after a reversal
        sa.Column("run_id", sa.String(40), sa.ForeignKey("payment_runs.run_id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("season", "competition", "award", "participant_iin", name="uq_payments_identity"),
    )
    op.create_index("ix_payments_ledger_run", "payments_ledger", ["run_id"])
    op.create_table(
        "payment_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("payment_id", sa.String(35), sa.ForeignKey("payments_ledger.payment_id"), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),          # recorded | exported | reversed
        sa.Column("run_id", sa.String(40)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("reported_run_id", sa.String(40)),                # the run whose manifest showed a reversal
    )
    op.create_index("ix_payment_events_payment", "payment_events", ["payment_id"])


def downgrade() -> None:
    op.drop_table("payment_events")
    op.drop_table("payments_ledger")
    op.drop_table("payment_runs")
