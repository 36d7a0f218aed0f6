"""Dossiers: staff corrections, write-audit-publish of the application fields (staging → promoted, held rows with
the reason), and the outcome of each dossier's check (one row per dossier, one per finding, one per eligibility
rule — so that scoring lists a participant rejected here under `rejected` of the stage where the rule applies).

Revision ID: dossier_0001
Revises: 0002_participants
"""
import sqlalchemy as sa
from alembic import op

revision = "dossier_0001"
down_revision = "0002_participants"
branch_labels = ("dossier",)
depends_on = None


def _application_cols() -> list[sa.Column]:
    return [
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("dossier_id", sa.Integer, nullable=False),
        sa.Column("season", sa.Integer),
        sa.Column("full_name", sa.Text),
        sa.Column("iin", sa.String(32)),
        sa.Column("birth_date", sa.String(32)),
        sa.Column("filled_date", sa.String(32)),
        sa.Column("qualification_category", sa.String(32)),
        sa.Column("pedagogical_experience_months", sa.Integer),
        sa.Column("position_experience_months", sa.Integer),
        sa.Column("postal_code", sa.String(32)),
        sa.Column("phones", sa.Text),                       # JSON list
        sa.Column("fields", sa.Text, nullable=False),       # every field, JSON, corrections applied
    ]


def upgrade() -> None:
    op.create_table(
        "dossier_corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value", sa.Text),                         # JSON text
        sa.Column("corrected_by", sa.Text, nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),        # file and row, or "command"
        sa.UniqueConstraint("document_sha256", "field", "value", "corrected_by", name="uq_dossier_corrections"),
    )
    op.create_table(
        "dossier_application_staging",
        sa.Column("id", sa.Integer, primary_key=True),
        *_application_cols(),
        sa.Column("run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),  # staged | promoted | held
        sa.Column("reason", sa.Text),
        sa.UniqueConstraint("document_sha256", name="uq_dossier_application_staging"),
    )
    op.create_table(
        "dossier_applications",
        sa.Column("id", sa.Integer, primary_key=True),
        *_application_cols(),
        sa.Column("promoted_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_sha256", name="uq_dossier_applications"),
    )
    op.create_table(
        "dossier_results",
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("season", sa.Integer),
        sa.Column("competition", sa.String(32)),
        sa.Column("participant_iin", sa.String(12)),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.Column("waiting", sa.Text),                       # why a person must decide; NULL when not waiting
        sa.Column("eligibility", sa.Text, nullable=False),   # JSON list of {rule, ok, reason}
        sa.Column("report_file", sa.Text, nullable=False),   # relative to the data folder
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dossier_findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("item", sa.String(8), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),   # present | missing | failed
        sa.Column("level", sa.String(16)),
        sa.Column("reason", sa.Text),
        sa.Column("files", sa.Text, nullable=False),         # JSON list of {file, page}
    )
    op.create_index("ix_dossier_findings_dossier", "dossier_findings", ["dossier_id"])
    op.create_table(
        "dossier_eligibility",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("season", sa.Integer),
        sa.Column("competition", sa.String(32)),
        sa.Column("participant_iin", sa.String(12)),
        sa.Column("rule", sa.String(4), nullable=False),       # E1 … E5, G2 … G4
        sa.Column("ok", sa.Boolean),                           # NULL: the data to decide is missing
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_dossier_eligibility_dossier", "dossier_eligibility", ["dossier_id"])
    op.create_table(                                           # what the checks read from a file, once per SHA-256
        "dossier_document_reads",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("doc_type", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("pages_text", sa.Text, nullable=False),     # JSON list, one text per page
        sa.Column("fields", sa.Text, nullable=False),         # JSON object (applications)
        sa.Column("source", sa.String(16), nullable=False),   # extraction | minimal
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_dossier_eligibility_dossier", "dossier_eligibility")
    op.drop_index("ix_dossier_findings_dossier", "dossier_findings")
    for t in ("dossier_document_reads", "dossier_eligibility", "dossier_findings", "dossier_results", "dossier_applications", "dossier_application_staging",
              "dossier_corrections"):
        op.drop_table(t)
