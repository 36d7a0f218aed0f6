"""Review station: its users (password hashes, never passwords) and every action staff take in it (who, when, what).

Revision ID: review_0001
Revises: 0002_participants
"""
import sqlalchemy as sa
from alembic import op

revision = "review_0001"
down_revision = "0002_participants"
branch_labels = ("review",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),        # scrypt$n$r$p$<salt hex>$<hash hex>
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),         # correct | confirm
        sa.Column("field_id", sa.Integer),                          # the extracted field's row, when there is one
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old_value", sa.Text),                            # JSON text, as extraction stored it
        sa.Column("new_value", sa.Text),                            # JSON text
        sa.Column("outcome", sa.String(16), nullable=False),        # applied | refused
        sa.Column("reason", sa.Text),                               # why refused (no personal data in clear)
    )
    op.create_index("ix_review_actions_doc_field", "review_actions", ["document_sha256", "field"])


def downgrade() -> None:
    op.drop_index("ix_review_actions_doc_field", "review_actions")
    op.drop_table("review_actions")
    op.drop_table("review_users")
