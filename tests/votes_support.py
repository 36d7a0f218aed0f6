"""SMS-vote files and a database as an older loader left it, for the tests of the keyed phone hash (issue 16)."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from alembic import command
from sqlalchemy import text

from mugalim.db import alembic_config, engine_for
from mugalim.hashing import sha256_file

PHONE = "+77010000001"


def votes_file(path: Path, iin: str, at: str) -> Path:
    """A votes file of one vote for `iin` from PHONE, hashed as the SMS gateway sends it (bare SHA-256)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["season", "participant_iin", "phone_sha256", "received_at"])
        w.writerow([2026, iin, hashlib.sha256(PHONE.encode()).hexdigest(), at])
    return path


def stored_by_old_loader(db_url: str, revision: str, votes: Path, iin: str, phone_hash: str) -> None:
    """The database migrated only to `revision`, with `votes` loaded as the loader of that time stored it: its
    entry in scoring_files and its one vote under `phone_hash`."""
    engine = engine_for(db_url)
    cfg = alembic_config(db_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.execute(text("INSERT INTO scoring_files (name, sha256, kind, rows, bad) VALUES (:n, :s, 'votes', 1, 0)"),
                     {"n": votes.name, "s": sha256_file(votes)})
        conn.execute(text("INSERT INTO scoring_votes (file, row_no, season, participant_iin, phone_sha256, "
                          "received_us) VALUES (:n, 2, 2026, :i, :h, 1779285600000000)"),
                     {"n": votes.name, "i": iin, "h": phone_hash})
    engine.dispose()
