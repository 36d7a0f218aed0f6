"""Intake: batches, registered documents (one row per SHA-256), every input file's outcome, dossiers.

Revision ID: 0001_intake
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_intake"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),          # taken | done (dossiers built)
        sa.Column("season", sa.Integer),
        sa.Column("competition", sa.String(32)),
        sa.Column("district", sa.Text),
        sa.Column("organization_bin", sa.String(12)),
        sa.Column("metadata_source", sa.String(16)),                 # manifest | folder_name | none
        sa.Column("note", sa.Text),
        sa.Column("taken_how", sa.String(16)),                        # ready | settled
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),              # pdf | tiff | png | jpeg | mp4
        sa.Column("pages", sa.Integer),
        sa.Column("archive_path", sa.Text, nullable=False),           # relative to the data folder
        sa.Column("batch", sa.Text, nullable=False),
        sa.Column("rel_path", sa.Text, nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch", sa.Text, nullable=False),
        sa.Column("rel_path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("size", sa.BigInteger),
        sa.Column("outcome", sa.String(16), nullable=False),          # archived | duplicate | quarantined
        sa.Column("kind", sa.String(16)),                             # pdf | tiff | png | jpeg | mp4 | manifest
        sa.Column("reason", sa.Text),                                 # why quarantined / duplicate of what
        sa.Column("note", sa.Text),                                   # accepted, but worth a look (name vs content)
        sa.Column("dest_path", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("batch", "rel_path", name="uq_intake_batch_path"),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("season", sa.Integer),
        sa.Column("competition", sa.String(32)),
        sa.Column("organization_bin", sa.String(12)),
        sa.Column("organization_name", sa.Text),
        sa.Column("organization_type", sa.String(16)),
        sa.Column("district", sa.Text),
        sa.Column("submitted_on", sa.Date),
        sa.Column("status", sa.String(16), nullable=False),          # ready | waiting
        sa.Column("reason", sa.Text),                                # why it waits for a person
        sa.Column("metadata_source", sa.String(16)),                 # manifest | folder_name | none
        sa.UniqueConstraint("batch", "key", name="uq_dossiers_batch_key"),
    )
    op.create_table(
        "dossier_documents",
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("rel_path", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for t in ("dossier_documents", "dossiers", "intake", "documents", "batches"):
        op.drop_table(t)
