"""Review station: each user's role (what they may do and see in clear) and session version (raised to end every
session of the user: logging out, a new password, a new role, deactivation — issue 16 items 7 and 12).

Users that exist before this revision become reviewers (what every user could do before); give another role with
`mugalim review add-user NAME --reset --role ROLE`.

Revision ID: review_0002
Revises: review_0001
"""
import sqlalchemy as sa
from alembic import op

revision = "review_0002"
down_revision = "review_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_users") as t:
        t.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="reviewer"))
        t.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("review_users") as t:
        t.drop_column("session_version")
        t.drop_column("role")
