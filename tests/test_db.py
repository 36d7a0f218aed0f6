"""The data layer: migrations apply on both backends, and twice without change."""
from sqlalchemy import inspect

from mugalim.db import migrate


def test_migrations_apply_on_both_backends_and_are_idempotent(db_url):
    engine = migrate(db_url)
    migrate(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"batches", "documents", "intake", "dossiers", "dossier_documents", "participants"} <= tables
