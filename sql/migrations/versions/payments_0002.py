"""Payments: who prepared each batch (a plan's digest), so that the person who approves an export is not the one who
prepared it (separation of duties, issue 16). The ledger is not touched by preparing.

Revision ID: payments_0002
Revises: payments_0001
"""
import sqlalchemy as sa
from alembic import op

revision = "payments_0002"
down_revision = "payments_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_preparations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(16), nullable=False),          # PaymentPlan.digest(): what would be paid
        sa.Column("prepared_by", sa.Text, nullable=False),           # an authenticated account (OS or Airflow)
        sa.Column("via", sa.String(16), nullable=False),             # command line | airflow
        sa.Column("prepared_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_payment_preparations_digest", "payment_preparations", ["season", "digest"])


def downgrade() -> None:
    op.drop_table("payment_preparations")
