"""Scoring: the score sheets' rows as the Great Expectations audit checks them, written once per change of the inputs
(issue 15). GX runs each expectation as a query of its own (eleven for the score-sheet suite); over a query that
joins the attendance and counts each row's copies with a window function, every one of them did that work again
(15 s at city scale on SQLite, of the 1.8 s one pass takes). Here the pass is made once, by the run, and GX reads a
plain table (`mugalim.scoring.quality.stage_audit_rows`).

Revision ID: scoring_0004
Revises: scoring_0003
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0004"
down_revision = "scoring_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_audit_rows",
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("member_id", sa.Text, nullable=False),
        sa.Column("score_milli", sa.BigInteger, nullable=False),
        sa.Column("member_on_commission", sa.Boolean, nullable=False),   # on the attendance of its unit and round
        sa.Column("copies", sa.Integer, nullable=False),                 # rows giving the same score (1 expected)
    )
    op.create_index("ix_scoring_audit_rows_season", "scoring_audit_rows", ["season"])


def downgrade() -> None:
    op.drop_index("ix_scoring_audit_rows_season", table_name="scoring_audit_rows")
    op.drop_table("scoring_audit_rows")
