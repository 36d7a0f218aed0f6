"""Scoring, for the protocols: the date and place of each sitting (the optional `held_on` and `place` columns of
`attendance`) and the members' names from the optional `commissions` file (spec/data-layout.md).

Files loaded before this revision are loaded again on the next run (their `held_on`/`place` were not read, and a
`commissions` file was refused as an unknown kind).

Revision ID: scoring_protocol_0001
Revises: scoring_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_protocol_0001"
down_revision = "scoring_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scoring_attendance") as t:
        t.add_column(sa.Column("held_on", sa.Date))
        t.add_column(sa.Column("place", sa.Text))
    op.create_table(
        "scoring_commissions",
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("member_id", sa.Text, nullable=False),
        sa.Column("full_name", sa.Text, nullable=False),
        sa.Column("position", sa.Text),
    )
    op.create_index("ix_scoring_commissions_stage", "scoring_commissions", ["season", "competition", "stage", "unit"])
    op.create_index("ix_scoring_commissions_file", "scoring_commissions", ["file"])
    op.execute("DELETE FROM scoring_files WHERE lower(name) LIKE 'attendance%' OR lower(name) LIKE 'commissions%'")


def downgrade() -> None:
    op.drop_table("scoring_commissions")
    with op.batch_alter_table("scoring_attendance") as t:
        t.drop_column("place")
        t.drop_column("held_on")
