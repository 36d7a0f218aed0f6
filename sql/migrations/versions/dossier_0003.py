"""Dossiers: the reasons people read kept as the message catalog's ids and parameters (issue 22), beside the English
columns they were only kept in: why ingest left a dossier waiting (`dossiers.reason_message`), why the check left it
waiting (`dossier_results.waiting_messages`, a JSON list, one entry per reason, null for a reason not in the
catalog), a review task's reason and a checklist finding's reason (`reason_message`). JSON as text, as the other
JSON columns of the dossier step. The check's rows are written again at its next run; ingest's reasons are not (a
batch is taken once), so the reasons of dossiers ingest left waiting before are read here, once, by the catalog's
English wordings. A row no wording matches keeps no id: its English is shown as it is.

Revision ID: dossier_0003
Revises: dossier_0002
"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = "dossier_0003"
down_revision = "dossier_0002"
branch_labels = None
depends_on = None

COLUMNS = (("dossiers", "reason_message"), ("dossier_results", "waiting_messages"),
           ("dossier_review_tasks", "reason_message"), ("dossier_findings", "reason_message"))


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Text))         # JSON: {"id", "params"}, {"seq", "sep"}, …
    _ingest_reasons()


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)


#: the catalog's messages ingest words a dossier's waiting reason with (mugalim/ingest/dossiers.py, manifest.py)
FROM_INGEST = ("manifest.row", "dossier.manifest_refused", "dossier.no_metadata", "dossier.not_listed",
               "dossier.rows_disagree", "manifest.cells", "manifest.twice", "manifest.path_empty",
               "manifest.path_absolute", "manifest.path_escapes", "manifest.path_missing", "manifest.one_of",
               "manifest.season", "manifest.bin", "manifest.date_format", "manifest.date_none", "batch.name_convention",
               "batch.name_competition", "batch.name_district", "batch.name_bin", "ingest.nothing_taken")
NESTED = ("reason", "problem")


def _ingest_reasons() -> None:
    """`dossiers.reason_message` of the dossiers ingest left waiting before this revision, from their English."""
    try:
        from mugalim.messages import CATALOG, Message, Seq, encoded
    except ImportError:                 # the migrations run without the catalog: the English stays as it is
        return
    patterns = {key: re.compile(_pattern(CATALOG[key]["en"])) for key in FROM_INGEST if key in CATALOG}

    def one(part: str):  # type: ignore[no-untyped-def]
        for key, pattern in patterns.items():
            m = pattern.fullmatch(part)
            if m:
                params = {k: (one(v) or v) if k in NESTED else v for k, v in m.groupdict().items()}
                try:
                    return Message(key, **params)
                except (KeyError, IndexError, ValueError, TypeError):
                    return None
        return None

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, reason FROM dossiers WHERE reason IS NOT NULL AND reason <> ''")).all()
    for row_id, reason in rows:
        parts = [one(p) for p in reason.split("; ")]
        if any(p is None for p in parts):
            continue
        said = parts[0] if len(parts) == 1 else Seq(parts)
        conn.execute(sa.text("UPDATE dossiers SET reason_message = :m WHERE id = :i"),
                     {"m": json.dumps(encoded(said), ensure_ascii=False), "i": row_id})


def _pattern(english: str) -> str:
    pieces = re.split(r"\{(\w+)(?::[^}]*)?\}", english)
    return "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
