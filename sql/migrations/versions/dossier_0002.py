"""Dossiers: the review tasks a check leaves for a person (an application that could not be read — a person enters
the IIN; a document that could not be typed surely — a person types it), one row per task, rewritten at each run.

Revision ID: dossier_0002
Revises: dossier_0001
"""
import sqlalchemy as sa
from alembic import op

revision = "dossier_0002"
down_revision = "dossier_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_review_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("season", sa.Integer),
        sa.Column("task", sa.String(16), nullable=False),      # enter_iin | type_document
        sa.Column("document_sha256", sa.String(64)),           # NULL when no file can be named
        sa.Column("file", sa.Text),                            # batch-relative
        sa.Column("first_page", sa.Integer),
        sa.Column("last_page", sa.Integer),
        sa.Column("guess", sa.String(32)),                     # the classifier's best type, for type_document
        sa.Column("confidence", sa.Float),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dossier_review_tasks_dossier", "dossier_review_tasks", ["dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_dossier_review_tasks_dossier", "dossier_review_tasks")
    op.drop_table("dossier_review_tasks")
