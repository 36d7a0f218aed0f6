"""Write-audit-publish for score sheets: the Great Expectations suite names the rows the scoring queries hold back
(a score outside the scale, a member not on the session's commission), and its Data Docs are written."""
from __future__ import annotations

from pathlib import Path

import pytest

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.samples.season import ScoreInbox
from mugalim.scoring.quality import audit_scores
from mugalim.season import load_season

pytestmark = pytest.mark.slow


def test_C2_A1_gx_audit_names_the_rows_scoring_holds_back(data_dir: Path, db_url: str):
    """On SQLite and PostgreSQL: GX runs the suite as queries on the database that holds the rows (issue 15)."""
    ib = ScoreInbox(data_dir)
    a = ib.person()
    members = ib.stage("school", ib.org(a), {a: ["8"] * 4})
    ib.score("school", ib.org(a), 1, a, "stranger", "7")      # not on the commission
    ib.rows["scores"][0][-1] = "11"                              # outside the 0–10 scale
    r = ib.results(db_url, "teacher_of_year", "school")
    assert len(r["bad_rows"]) == 2 and members
    settings = Settings.load(data_dir, db_url)
    with migrate(settings.db_url).connect() as conn:
        audit = audit_scores(conn, settings, load_season(settings.settings_dir, 2026))
    assert audit["success"] is False and audit["held"] == 2
    assert (data_dir / "outbox" / "2026" / "data-docs" / "score-sheets" / "index.html").exists()


def test_gx_audit_reads_rows_written_once_and_replaced_on_the_next_run(data_dir: Path, db_url: str):
    """Issue 15: the rows GX checks are written once into `scoring_audit_rows` (the attendance join and the count of
    copies done there, not in each of GX's queries); a row given twice is held back with its copy; an audit run
    again replaces the season's rows rather than adding to them (every row would then look given twice)."""
    from sqlalchemy import text

    ib = ScoreInbox(data_dir)
    a, b = ib.person(), ib.person()
    members = ib.stage("school", ib.org(a), {a: ["8"] * 4})
    ib.score("school", ib.org(a), 1, a, members[0], "9")           # the same member, participant and round again
    ib.stage("school", ib.org(b), {b: ["7"] * 4})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert len(r["bad_rows"]) == 2
    settings = Settings.load(data_dir, db_url)
    ss = load_season(settings.settings_dir, 2026)
    engine = migrate(settings.db_url)
    for _ in range(2):
        with engine.connect() as conn:
            audit = audit_scores(conn, settings, ss)
        assert audit["success"] is False and audit["held"] == 2
    with engine.connect() as conn:
        rows, copies = conn.execute(text("SELECT COUNT(*), SUM(copies) FROM scoring_audit_rows")).one()
    assert audit["rows"] == rows == len(ib.rows["scores"]) and copies == rows + 2


def test_C2_sqlite_audit_writes_its_rows_into_a_database_of_its_own_while_the_run_writes(data_dir: Path):
    """Issue 15, SQLite: the audit's process writes the rows it checks into a throwaway database of its own, reading
    the run's database attached read-only, so it neither waits for nor holds up the run's write transaction (SQLite
    has one writer at a time); the findings are those of the audit over the run's own database."""
    from sqlalchemy import text

    from mugalim.scoring.quality import side_database

    url = f"sqlite:///{data_dir / 'run.db'}"
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["8"] * 4})
    ib.score("school", ib.org(a), 1, a, "stranger", "7")      # not on the commission
    ib.results(url, "teacher_of_year", "school")
    settings = Settings.load(data_dir, url)
    ss = load_season(settings.settings_dir, 2026)
    engine = migrate(url)
    with engine.begin() as run:                                  # the run's decisions, being written
        run.execute(text("DELETE FROM scoring_audit_rows"))
        with side_database(url, 2026) as side:
            assert side != url
            audit = audit_scores(None, settings, ss, staged=True, db_url=side)
        assert run.execute(text("SELECT COUNT(*) FROM scoring_audit_rows")).scalar() == 0
    assert audit["success"] is False and audit["held"] == 1 and audit["rows"] == len(ib.rows["scores"])
    assert not Path(side.removeprefix("sqlite:///")).parent.exists()     # thrown away
