"""Extraction: each registered document's type and language, each page's text and how it was read, and each field
of an application with its value, confidence and where it came from (page and box) — the first link of the
evidence chain from paper to payment.

Boxes are in the unit the page row names: `pt` (PDF points, origin top-left) for a born-digital page, `px300`
(pixels of the page rendered or scanned at 300 dpi, after orientation and deskew) for an OCR'd page.

Revision ID: extract_0001
Revises: 0002_participants
"""
import sqlalchemy as sa
from alembic import op

revision = "extract_0001"
down_revision = "0002_participants"
branch_labels = ("extract",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extract_documents",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("status", sa.String(8), nullable=False),               # ok | failed
        sa.Column("doc_type", sa.String(32)),                            # portfolio.md's types, or unknown
        sa.Column("language", sa.String(8)),                             # kk | ru | mixed
        sa.Column("pages", sa.Integer),
        sa.Column("level", sa.String(16)),                               # achievements: city | republic | international
        sa.Column("problems", sa.Text),                                  # JSON list of {field, problem}
        sa.Column("error", sa.Text),                                     # why a failed document could not be read
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "extract_pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("page", sa.Integer, nullable=False),                   # 1-based
        sa.Column("method", sa.String(16), nullable=False),              # text_layer | ocr | blank
        sa.Column("mean_confidence", sa.Float),
        sa.Column("unit", sa.String(8), nullable=False),                 # pt | px300
        sa.Column("width", sa.Float),
        sa.Column("height", sa.Float),
        sa.Column("rotation", sa.Integer, nullable=False, server_default="0"),   # quarter turn applied, clockwise
        sa.Column("skew", sa.Float, nullable=False, server_default="0"),         # deskew applied, degrees
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "page", name="uq_extract_pages_document_page"),
    )
    op.create_table(
        "extract_fields",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("field", sa.String(48), nullable=False),               # application-form.md's keys
        sa.Column("value", sa.Text),                                     # JSON; null when absent or unreadable
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("x0", sa.Float),
        sa.Column("y0", sa.Float),
        sa.Column("x1", sa.Float),
        sa.Column("y1", sa.Float),
        sa.Column("bbox_unit", sa.String(8)),                            # pt | px300 (as the page's unit)
        sa.Column("problem", sa.Text),
        sa.UniqueConstraint("document_id", "field", name="uq_extract_fields_document_field"),
    )


def downgrade() -> None:
    for t in ("extract_fields", "extract_pages", "extract_documents"):
        op.drop_table(t)
