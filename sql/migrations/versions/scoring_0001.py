"""Scoring: the rows of the score-sheet files (scores, attendance, votes, presentations, decisions, history), the
files they came from (by SHA-256), rows that could not be read, and the per-run working tables of a stage.

Revision ID: scoring_0001
Revises: 0002_participants
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0001"
down_revision = "0002_participants"
branch_labels = None
depends_on = None

_KEY = ("season", "competition", "stage", "unit")


def _file_cols() -> list[sa.Column]:
    return [sa.Column("file", sa.Text, nullable=False), sa.Column("row_no", sa.Integer, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "scoring_files",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("bad", sa.Integer, nullable=False),
    )
    op.create_table(
        "scoring_scores",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("member_id", sa.Text, nullable=False),
        sa.Column("score_milli", sa.BigInteger, nullable=False),   # the score in thousandths: exact integers
    )
    op.create_index("ix_scoring_scores_stage", "scoring_scores", [*_KEY, "round", "member_id"])
    op.create_index("ix_scoring_scores_file", "scoring_scores", ["file"])
    op.create_table(
        "scoring_attendance",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("member_id", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("present", sa.Boolean, nullable=False),
    )
    op.create_index("ix_scoring_attendance_stage", "scoring_attendance", [*_KEY, "round", "member_id"])
    op.create_index("ix_scoring_attendance_file", "scoring_attendance", ["file"])
    op.create_table(
        "scoring_votes",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("phone_sha256", sa.String(64), nullable=False),
        sa.Column("received_us", sa.BigInteger, nullable=False),   # microseconds since the epoch, UTC
    )
    op.create_index("ix_scoring_votes_season", "scoring_votes", ["season", "participant_iin"])
    op.create_index("ix_scoring_votes_file", "scoring_votes", ["file"])
    op.create_table(
        "scoring_presentations",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("end_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "scoring_decisions",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("place", sa.String(16)),
    )
    op.create_table(
        "scoring_history",
        *_file_cols(),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("award", sa.String(16), nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
    )
    op.create_table(
        "scoring_bad_rows",
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("row_no", sa.Integer),                 # NULL: the whole file
        sa.Column("season", sa.Integer),                 # NULL when the row does not say (listed for every stage)
        sa.Column("competition", sa.String(32)),
        sa.Column("stage", sa.String(16)),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_scoring_bad_rows_file", "scoring_bad_rows", ["file"])
    # Working tables of one run of one stage: who is in it and in which unit, and the valid rounds' sums.
    op.create_table(
        "scoring_rounds",
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("total_milli", sa.BigInteger, nullable=False),
        sa.Column("min_milli", sa.BigInteger, nullable=False),
        sa.Column("max_milli", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("season", "competition", "stage", "unit", "participant_iin", "round"),
    )
    # Working table of one run of one stage: who is in it, in which unit (written before the queries run).
    op.create_table(
        "scoring_entrants",
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),   # in | rejected
        sa.Column("extra_milli", sa.BigInteger, nullable=False, server_default="0"),  # vote points (A3)
        sa.PrimaryKeyConstraint("season", "competition", "stage", "participant_iin"),
    )


def downgrade() -> None:
    for t in ("scoring_rounds", "scoring_entrants", "scoring_bad_rows", "scoring_history", "scoring_decisions",
              "scoring_presentations", "scoring_votes", "scoring_attendance", "scoring_scores", "scoring_files"):
        op.drop_table(t)
