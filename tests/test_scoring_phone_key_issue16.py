"""A lost or replaced phone key (issue 16, minor; the last gap of the keyed phone hash): votes stored under one key
and votes loaded under another would make one phone two. Each votes file's entry records the fingerprint of its key;
a load under another key is refused whole, naming the files, and counting refuses a season whose votes carry more
than one fingerprint. On SQLite and PostgreSQL."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import text

from mugalim.db import engine_for, migrate
from mugalim.errors import ConfigError
from mugalim.samples.season import make_iin
from mugalim.scoring.load import PhoneKeyChanged, key_fingerprint, load_inbox
from mugalim.scoring.votes import s5_count_votes
from votes_support import stored_by_old_loader, votes_file

KEY_A = bytes(range(32))
KEY_B = bytes(range(1, 33))


def _state(engine) -> tuple[list, list]:
    with engine.connect() as c:
        files = c.execute(text("SELECT name, kind, key_fp FROM scoring_files ORDER BY name")).all()
        votes = c.execute(text("SELECT file, phone_sha256 FROM scoring_votes ORDER BY file")).all()
    return [tuple(r) for r in files], [tuple(r) for r in votes]


def test_fingerprint_tells_keys_apart_and_reveals_no_key():
    assert key_fingerprint(KEY_A) == key_fingerprint(bytes(KEY_A))
    assert key_fingerprint(KEY_A) != key_fingerprint(KEY_B) != key_fingerprint(b"")
    assert len(key_fingerprint(KEY_A)) == 16 and KEY_A.hex()[:16] not in key_fingerprint(KEY_A)


def test_a_changed_key_is_refused_naming_the_file_and_nothing_is_loaded(tmp_path: Path, db_url: str):
    """The old votes file stays in the inbox, keyed under A; a new votes file comes while the key is now B. Loading
    it under B would store the same phone under two hashes (two phones to COUNT DISTINCT): refused whole, before
    anything is written, naming the file, its season and how to recover."""
    iin = make_iin(random.Random(1), 1)
    inbox = tmp_path / "scores"
    inbox.mkdir()
    votes_file(inbox / "votes_old.csv", iin, "2026-05-20T19:00:00+05:00")
    engine = migrate(db_url)
    load_inbox(engine, inbox, phone_key=KEY_A)
    before = _state(engine)
    assert before[0] == [("votes_old.csv", "votes", key_fingerprint(KEY_A))]
    assert all(KEY_A.hex() not in str(r) for r in before[0] + before[1])      # the key itself is never stored

    votes_file(inbox / "votes_new.csv", iin, "2026-05-20T19:30:00+05:00")
    with pytest.raises(PhoneKeyChanged) as e:
        load_inbox(engine, inbox, phone_key=KEY_B)
    msg = str(e.value)
    assert "votes_old.csv" in msg and "2026" in msg and "phone key" in msg and "votes_new.csv" not in msg
    assert isinstance(e.value, ConfigError)                                    # the CLI's exit 2, its message
    assert _state(engine) == before                                            # nothing loaded, nothing removed
    # A lost key looks the same: a fresh key is another key. The same key loads as ever.
    report = load_inbox(engine, inbox, phone_key=KEY_A)
    assert report.loaded == ("votes_new.csv",)
    with engine.connect() as c:
        counts = s5_count_votes(c, season=2026, window_hours=3, one_per_phone=True, presented=set())
    assert counts[iin].received == 2
    engine.dispose()


def test_the_recovery_the_message_names_loads_every_vote_under_the_new_key(tmp_path: Path, db_url: str):
    """Key lost for good: the votes files go out of the inbox for one load (their votes are removed; no other votes
    file is left under the old key) and come back: all are loaded under the new key, one phone is one phone."""
    iin = make_iin(random.Random(2), 1)
    inbox, aside = tmp_path / "scores", tmp_path / "aside"
    inbox.mkdir()
    aside.mkdir()
    votes_file(inbox / "votes_old.csv", iin, "2026-05-20T19:00:00+05:00")
    engine = migrate(db_url)
    load_inbox(engine, inbox, phone_key=KEY_A)
    (inbox / "votes_old.csv").rename(aside / "votes_old.csv")
    assert load_inbox(engine, inbox, phone_key=KEY_B).removed == ("votes_old.csv",)
    (aside / "votes_old.csv").rename(inbox / "votes_old.csv")
    votes_file(inbox / "votes_new.csv", iin, "2026-05-20T19:30:00+05:00")
    load_inbox(engine, inbox, phone_key=KEY_B)
    files, votes = _state(engine)
    assert {fp for _, _, fp in files} == {key_fingerprint(KEY_B)}
    assert len(votes) == 2 and len({h for _, h in votes}) == 1
    engine.dispose()


def test_counting_refuses_a_season_whose_votes_carry_two_keys(tmp_path: Path, db_url: str):
    """A database holding votes of one season under two fingerprints (changed by hand, or by a loader before the
    fingerprint) is not counted: the count names the files."""
    iin = make_iin(random.Random(3), 1)
    inbox = tmp_path / "scores"
    inbox.mkdir()
    votes_file(inbox / "votes_a.csv", iin, "2026-05-20T19:00:00+05:00")
    votes_file(inbox / "votes_b.csv", iin, "2026-05-20T19:30:00+05:00")
    engine = migrate(db_url)
    load_inbox(engine, inbox, phone_key=KEY_A)
    with engine.begin() as c:
        c.execute(text("UPDATE scoring_files SET key_fp = :f WHERE name = 'votes_b.csv'"),
                  {"f": key_fingerprint(KEY_B)})
        with pytest.raises(PhoneKeyChanged, match=r"votes_a\.csv.*votes_b\.csv.*season 2026"):
            s5_count_votes(c, season=2026, window_hours=3, one_per_phone=True, presented=set())
        assert s5_count_votes(c, season=2025, window_hours=3, one_per_phone=True, presented=set()) == {}
    engine.dispose()


def test_votes_stored_before_the_fingerprint_are_loaded_again_with_it(tmp_path: Path, db_url: str):
    """scoring_0007: votes stored without a fingerprint cannot be told to belong to the current key; they go with
    their file's entry and are loaded again under the current key, which is recorded."""
    iin = make_iin(random.Random(4), 1)
    inbox = tmp_path / "scores"
    inbox.mkdir()
    old = votes_file(inbox / "votes_old.csv", iin, "2026-05-20T19:00:00+05:00")
    stored_by_old_loader(db_url, "scoring_0006", old, iin, "ab" * 32)
    engine = migrate(db_url)
    assert _state(engine) == ([], [])
    assert load_inbox(engine, inbox, phone_key=KEY_B).loaded == ("votes_old.csv",)
    assert _state(engine)[0] == [("votes_old.csv", "votes", key_fingerprint(KEY_B))]
    engine.dispose()


def test_a_scoring_run_after_the_keys_file_is_lost_refuses_naming_the_votes_file(data_dir: Path):
    """End to end, as it happens: the sample season is scored, the keys file is lost (a new one is made at the next
    use, with a new phone key), and the next `mugalim score` refuses — exit code 2 and a message naming the votes
    file — instead of keying the votes of a new file with the new key beside the old ones."""
    from mugalim.config import Settings
    from mugalim.keys import keys_path
    from mugalim.samples.season import make_sample_season
    from mugalim.scoring.run import run_score

    make_sample_season(data_dir)
    settings = Settings.load(data_dir, f"sqlite:///{data_dir / 'mugalim.sqlite'}")
    run_score(settings, season=2026, competition="teacher_of_year", stage="city", reports=False)
    with engine_for(settings.db_url).connect() as c:
        votes = [n for (n,) in c.execute(text("SELECT name FROM scoring_files WHERE kind = 'votes'"))]
    assert votes
    keys_path(settings).unlink()
    with pytest.raises(PhoneKeyChanged) as e:
        run_score(settings, season=2026, competition="teacher_of_year", stage="city", reports=False)
    assert all(n in str(e.value) for n in votes) and e.value.exit_code == 2
