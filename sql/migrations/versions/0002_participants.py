"""Participants: one record per (season, competition, IIN), from a dossier or from a `participants` file.

Revision ID: 0002_participants
Revises: 0001_intake
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_participants"
down_revision = "0001_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("season", sa.Integer, nullable=False),
        sa.Column("competition", sa.String(32), nullable=False),
        sa.Column("participant_iin", sa.String(12), nullable=False),
        sa.Column("full_name", sa.Text),
        sa.Column("organization_bin", sa.String(12)),
        sa.Column("organization_name", sa.Text),
        sa.Column("organization_type", sa.String(16)),   # preschool | secondary | additional | tvet
        sa.Column("district", sa.Text),
        sa.Column("citizen", sa.Boolean),
        sa.Column("staff_months_at_org", sa.Integer),
        sa.Column("continuous_pedagogical_months", sa.Integer),
        sa.Column("work_experience_months", sa.Integer),
        sa.Column("submitted_on", sa.Date),
        sa.Column("source", sa.String(32), nullable=False),  # participants_file | dossier
        sa.Column("source_ref", sa.Text),                    # file and row, or the dossier id
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id")),
        sa.UniqueConstraint("season", "competition", "participant_iin", name="uq_participants_identity"),
    )


def downgrade() -> None:
    op.drop_table("participants")
