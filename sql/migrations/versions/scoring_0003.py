"""Scoring: what each stage's last run was made from and wrote (issue 15), so that a run over unchanged inputs
writes nothing again and a later stage run on its own takes the earlier stage's outcome instead of deciding it again
(see `mugalim.scoring.rerun`). One row per stage, and one for the season's score-sheet audit.

Revision ID: scoring_0003
Revises: scoring_protocol_0001
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0003"
down_revision = "scoring_protocol_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_runs",
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),      # a stage, or `audit` (competition `score_sheets`)
        sa.Column("inputs", sa.String(64), nullable=False),     # SHA-256 of the inputs and the code
        sa.Column("reports", sa.Boolean, nullable=False),       # protocol and charts were written too
        sa.Column("outputs", sa.Text, nullable=False),          # JSON: file (relative to the stage folder) → SHA-256
        sa.Column("result", sa.Text, nullable=False),           # JSON: the stage's counts (the audit's summary)
        sa.Column("feed", sa.Text),                             # JSON: what the next stage needs of the outcome
        sa.PrimaryKeyConstraint("season", "competition", "stage"),
    )


def downgrade() -> None:
    op.drop_table("scoring_runs")
