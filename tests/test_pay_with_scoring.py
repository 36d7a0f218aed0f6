"""The payment step on a season scored by the real scoring step (`mugalim.samples.season`, `run_season`): what
results.json decides is what is paid, pending ties are exceptions, and everything is paid once."""
from __future__ import annotations

import json

import pytest

from mugalim.config import Settings
from mugalim.payments import run_pay
from mugalim.payments.sample_payees import make_sample_payees
from pay_support import read_exceptions, read_register, run_folders

season_samples = pytest.importorskip("mugalim.samples.season")
scoring = pytest.importorskip("mugalim.scoring.run")

SEASON = 2026


def test_P3_G5_a_scored_sample_season_is_paid_as_its_results_decide(db_url, data_dir):
    season_samples.make_sample_season(data_dir, season=SEASON)
    settings_file = data_dir / "settings" / f"season-{SEASON}.yaml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8") + 'knp: "119"\n', encoding="utf-8")
    settings = Settings.load(data_dir, db_url)
    scoring.run_season(settings, season=SEASON, reports=False)
    make_sample_payees(data_dir, season=SEASON)

    report = run_pay(settings, season=SEASON, approved_by="Finance")
    city = json.loads((data_dir / "outbox" / str(SEASON) / "teacher_of_year" / "city" / "results.json").read_text())
    grants = json.loads((data_dir / "outbox" / str(SEASON) / "grants" / "grants" / "results.json").read_text())
    [folder] = run_folders(data_dir)
    paid = {(r["award"], r["participant_iin"]) for r in read_register(folder)}
    expected = {(p, city["prizes"][p]) for p in ("second", "third") if city["prizes"][p]}
    expected |= {("grant", i) for i in grants["grants"]}
    assert paid == expected and report.payments == len(expected) > 0
    pending = {i for p in grants["pending"] for i in p["participants"]}
    assert pending <= {e["participant_iin"] for e in read_exceptions(folder)}
    assert run_pay(settings, season=SEASON, approved_by="Finance").run_id is None
