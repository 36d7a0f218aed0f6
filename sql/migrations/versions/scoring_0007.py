"""Scoring: each votes file's entry records the fingerprint of the phone key its votes were keyed with (issue 16).

`scoring_files.key_fp` holds `mugalim.scoring.load.key_fingerprint(key)` (an HMAC of a fixed label under the key:
it tells keys apart and reveals none) for a votes file, NULL for the other kinds. The loader refuses to load, and
the count to count, votes under a key other than the one their season's stored votes were keyed with: a lost or
replaced key no longer re-keys the votes silently (one phone counted as two).

The votes stored before this revision carry no fingerprint, and the key they were keyed with cannot be told from
them; so, as scoring_0005 did, they go with their files' entries and bad rows, and the next scoring run loads each
votes file still in the inbox again, all under the current key, each recording its fingerprint.

Revision ID: scoring_0007
Revises: scoring_0006
"""
import sqlalchemy as sa
from alembic import op

revision = "scoring_0007"
down_revision = "scoring_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scoring_files") as batch:
        batch.add_column(sa.Column("key_fp", sa.String(64), nullable=True))
    conn = op.get_bind()
    files = [r[0] for r in conn.execute(sa.text("SELECT DISTINCT file FROM scoring_votes"))]
    files += [r[0] for r in conn.execute(sa.text("SELECT name FROM scoring_files WHERE kind = 'votes'"))]
    for name in sorted(set(files)):
        conn.execute(sa.text("DELETE FROM scoring_bad_rows WHERE file = :n"), {"n": name})
        conn.execute(sa.text("DELETE FROM scoring_files WHERE name = :n"), {"n": name})
    conn.execute(sa.text("DELETE FROM scoring_votes"))


def downgrade() -> None:
    with op.batch_alter_table("scoring_files") as batch:
        batch.drop_column("key_fp")
