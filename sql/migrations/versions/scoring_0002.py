"""Scoring: the members of each session of the stage being scored (a working table with a key, so that checking
200,000 score rows against the attendance is an index lookup each, on SQLite as on PostgreSQL).

Revision ID: scoring_0002
Revises: scoring_0001
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0002"
down_revision = "scoring_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_members",
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("member_id", sa.Text, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),          # attendance rows for this member (2+: bad)
        sa.Column("present", sa.Integer, nullable=False),    # 1 when a row says present
        sa.PrimaryKeyConstraint("season", "competition", "stage", "unit", "round", "member_id"),
    )


def downgrade() -> None:
    op.drop_table("scoring_members")
