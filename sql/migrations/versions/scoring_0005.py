"""Scoring: voters' phone hashes stored before they were keyed are not kept (issue 16, minor).

Until the keyed hash (`mugalim.scoring.load._keyed_phones`, HMAC-SHA256 under the installation's `phone` key), the
database held each vote's `phone_sha256` as the votes file gives it: a bare SHA-256. A votes file loaded then is
"unchanged" for the loader (same name, same SHA-256) and was never loaded again, so its bare hashes stayed beside the
keyed hashes of every file loaded later — one phone that voted in both was two phones to `COUNT(DISTINCT
phone_sha256)` (rule A3: one vote per phone), and the bare hashes, reversible over the 10-digit space, were kept.
Bare and keyed hashes are both 64 hex digits and cannot be told apart, so every vote row goes, with its file's entry
and bad rows: the next scoring run loads each votes file still in the inbox again, keyed (the database mirrors the
folder; a votes file no longer in it keeps no votes, as it would have on removal).

Revision ID: scoring_0005
Revises: scoring_0004
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0005"
down_revision = "scoring_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    files = [r[0] for r in conn.execute(sa.text("SELECT DISTINCT file FROM scoring_votes"))]
    files += [r[0] for r in conn.execute(sa.text("SELECT name FROM scoring_files WHERE kind = 'votes'"))]
    for name in sorted(set(files)):
        conn.execute(sa.text("DELETE FROM scoring_bad_rows WHERE file = :n"), {"n": name})
        conn.execute(sa.text("DELETE FROM scoring_files WHERE name = :n"), {"n": name})
    conn.execute(sa.text("DELETE FROM scoring_votes"))


def downgrade() -> None:
    """Nothing to restore: the votes are loaded again from the inbox."""
