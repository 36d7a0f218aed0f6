"""Issue 21 item 3: one source for counts. The console line, the table and the stage result read the same counts of
the results, and every outcome is named (the grants line names the grants; pending counts people, not entries)."""
from __future__ import annotations

import json
from pathlib import Path

from mugalim.config import Settings
from mugalim.samples.season import ScoreInbox
from mugalim.scoring.counts import outcome_counts
from mugalim.scoring.run import run_score
from mugalim.scoring.table import summary_lines


def test_a_tie_of_two_counts_two_pending_in_the_result_the_table_and_the_log(data_dir: Path, db_url: str, caplog):
    ib = ScoreInbox(data_dir)
    first = ib.person()
    people = [first] + [ib.person(org=ib.org(first)) for _ in range(2)]
    ib.stage("school", ib.org(first), {people[0]: ["9"] * 4, people[1]: ["8"] * 4, people[2]: ["8"] * 4})
    ib.write()
    caplog.set_level("INFO", logger="mugalim.scoring.run")
    r = run_score(Settings.load(data_dir, db_url), season=2026, competition="teacher_of_year", stage="school",
                  reports=False)
    data = json.loads(Path(r.results).read_text(encoding="utf-8"))
    assert (r.advancing, r.pending) == (1, 2) == (outcome_counts(data)["advancing"], outcome_counts(data)["pending"])
    line = summary_lines(Path(r.results))[-1]
    assert line.strip().startswith("1 advancing, 2 pending, 0 unit(s) waiting (A9), 0 rejected")
    assert line.strip() in caplog.text


def test_the_grants_line_names_the_grants(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    people = [ib.person("grants") for _ in range(5)]
    ib.stage("grants", "grants", {p: [str(9 - k)] * 2 for k, p in enumerate(people)}, members=9, competition="grants")
    ib.write("grants: {amount_kzt: 1000000, budget_kzt: 4000000}\n")
    r = run_score(Settings.load(data_dir, db_url), season=2026, competition="grants", stage="grants", reports=False)
    assert r.grants == 4
    assert summary_lines(Path(r.results))[-1].strip().startswith("4 grant(s), 0 pending")
