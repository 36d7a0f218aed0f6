"""The review station's own tables (sql/migrations/versions/review_0001.py to review_0003.py), as SQLAlchemy Core
objects."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table, Text

meta = MetaData()

users = Table(
    "review_users", meta,
    Column("id", Integer, primary_key=True), Column("username", String(64)), Column("password_hash", Text),
    Column("active", Boolean), Column("created_at", DateTime(timezone=True)),
    Column("role", String(16)), Column("session_version", Integer),          # review_0002
    Column("language", String(2)),                                           # review_0003: kk | ru | NULL
)

actions = Table(
    "review_actions", meta,
    Column("id", Integer, primary_key=True), Column("at", DateTime(timezone=True)), Column("username", String(64)),
    Column("action", String(16)), Column("field_id", Integer), Column("document_sha256", String(64)),
    Column("field", String(64)), Column("old_value", Text), Column("new_value", Text), Column("outcome", String(16)),
    Column("reason", Text),
)
