"""Review station: each user's language (kk or ru), chosen with the pages' switch and kept for their next login
(issue 22 item 9). Users that exist before this revision have none: their pages are in the language of their
browser's last choice, else Kazakh.

Revision ID: review_0003
Revises: review_0002
"""
import sqlalchemy as sa
from alembic import op

revision = "review_0003"
down_revision = "review_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_users") as t:
        t.add_column(sa.Column("language", sa.String(2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_users") as t:
        t.drop_column("language")
