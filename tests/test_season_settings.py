"""Season settings: defaults (rules S1, G4 windows), and errors that name the key and the file."""
from datetime import date
from decimal import Decimal

import pytest

from mugalim.errors import ConfigError
from mugalim.season import load_season


def test_missing_file_means_all_defaults_S1_G4(tmp_path):
    s = load_season(tmp_path, 2024)
    assert s.round_aggregation == "mean" and s.tie_policy == "pending" and s.title_repeat == "may_compete"
    assert s.window("school") == (date(2024, 2, 1), date(2024, 2, 29))  # a leap year
    assert s.window("grants_portfolio") == (date(2024, 4, 10), date(2024, 4, 30))
    assert s.score_scale.max == 10 and s.votes.window_hours == 3


def test_values_are_read(tmp_path):
    (tmp_path / "season-2026.yaml").write_text(
        "round_aggregation: trimmed_mean\nprizes_kzt: {second: 500000, third: 250000.50}\n"
        "grants: {amount_kzt: 1000000, budget_kzt: 5500000}\nwindows:\n  city: ['2026-04-05', '2026-05-20']\n",
        encoding="utf-8")
    s = load_season(tmp_path, 2026)
    assert s.round_aggregation == "trimmed_mean"
    assert s.prizes_kzt.third == Decimal("250000.50")
    assert s.window("city") == (date(2026, 4, 5), date(2026, 5, 20))
    assert s.window("school") == (date(2026, 2, 1), date(2026, 2, 28))


@pytest.mark.parametrize("text,key", [
    ("round_agregation: mean\n", "round_agregation"),
    ("score_scale: {min: 0, max: ten}\n", "score_scale.max"),
    ("votes: {window_hours: 3, colour: red}\n", "votes.colour"),
    ("tie_policy: coin\n", "tie_policy"),
    ("grants: {amount_kzt: '100', budget_kzt: 1}\n", "grants.amount_kzt"),
])
def test_unknown_key_or_wrong_type_names_the_key_and_file(tmp_path, text, key):
    (tmp_path / "season-2026.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_season(tmp_path, 2026)
    assert f"'{key}'" in str(e.value) and "season-2026.yaml" in str(e.value)
