"""Voters' phone hashes stored before they were keyed (issue 16, minor; the review's gap): a database that loaded a
votes file before the keyed hash kept that file's bare SHA-256 values (the file is unchanged, so it was never loaded
again), and a second votes file loaded after, keyed, made one phone two. On SQLite and PostgreSQL."""
from __future__ import annotations

import hashlib
import hmac
import random
from pathlib import Path

from sqlalchemy import text

from mugalim.db import migrate
from mugalim.samples.season import make_iin
from mugalim.scoring.load import load_inbox
from votes_support import PHONE, stored_by_old_loader, votes_file

KEY = bytes(range(32))


def test_votes_stored_with_bare_hashes_are_loaded_again_keyed_never_counted_twice(tmp_path: Path, db_url: str):
    """Decided: bare hashes are never kept nor taken for keyed ones. Upgrading the database (scoring_0005) drops
    every stored vote with its file's entry, and the next load takes each votes file in the inbox again, keyed: the
    phone that voted in the old file and in a new one is one phone (COUNT DISTINCT = 1), and no bare SHA-256 of a
    phone is left in the database. Without it the old file stays "unchanged" with its bare hash and the phone
    counts twice."""
    iin = make_iin(random.Random(1), 1)
    inbox = tmp_path / "scores"
    inbox.mkdir()
    old = votes_file(inbox / "votes_old.csv", iin, "2026-05-20T19:00:00+05:00")
    # The database as the loader before the keyed hash left it: the file loaded, its hash stored bare.
    stored_by_old_loader(db_url, "scoring_0004", old, iin, hashlib.sha256(PHONE.encode()).hexdigest())
    votes_file(inbox / "votes_new.csv", iin, "2026-05-20T19:30:00+05:00")

    engine = migrate(db_url)
    report = load_inbox(engine, inbox, phone_key=KEY)

    assert set(report.loaded) == {"votes_old.csv", "votes_new.csv"}          # the old file loaded again
    with engine.connect() as c:
        stored = [r[0] for r in c.execute(text("SELECT phone_sha256 FROM scoring_votes WHERE participant_iin = :i"),
                                           {"i": iin})]
    keyed = hmac.new(KEY, hashlib.sha256(PHONE.encode()).digest(), hashlib.sha256).hexdigest()
    assert len(stored) == 2 and set(stored) == {keyed}                        # one phone, two votes
    assert hashlib.sha256(PHONE.encode()).hexdigest() not in stored
    engine.dispose()
