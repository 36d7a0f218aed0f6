"""The data layer: migrations apply on both backends, and twice without change."""
from sqlalchemy import inspect

from mugalim.db import migrate


def test_migrations_apply_on_both_backends_and_are_idempotent(db_url):
    engine = migrate(db_url)
    migrate(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"batches", "documents", "intake", "dossiers", "dossier_documents", "participants"} <= tables


def test_a_database_at_every_head_is_not_migrated_again_and_a_behind_one_is(db_url, monkeypatch):
    """Issue 15: a command's start skips Alembic when the database records exactly the migrations' heads; the heads
    read from the files are Alembic's own, and a database one revision behind is still brought up to date."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from mugalim import db

    assert db._heads() == set(ScriptDirectory.from_config(db.alembic_config(db_url)).get_heads())
    engine = migrate(db_url)
    assert db._at_heads(engine)
    calls: list[str] = []
    monkeypatch.setattr(command, "upgrade", lambda cfg, target: calls.append(target))
    migrate(db_url)
    assert calls == []
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'scoring_0006' "
                          "WHERE version_num = 'scoring_0007'"))
    assert not db._at_heads(engine)
    migrate(db_url)
    assert calls == ["heads"]
