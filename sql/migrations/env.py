"""Alembic environment: mugalim passes its own connection (see mugalim.db.migrate); the URL is a fallback."""
from alembic import context
from sqlalchemy import create_engine

config = context.config


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as c:
        context.configure(connection=c, render_as_batch=c.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
