"""Who receives a grant: G1 (the grant commission's scores), G5 (never over budget), A7 (budget ÷ amount, rounded
down) and A2 at the last grant."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from mugalim.samples.season import ScoreInbox
from mugalim.scoring.grants import a7_grant_count, g5_within_budget


def _grants(data_dir: Path, values: list[str], settings: str) -> tuple[ScoreInbox, list[str]]:
    ib = ScoreInbox(data_dir)
    people = [ib.person("grants") for _ in values]
    ib.stage("grants", "grants", {p: [v, v] for p, v in zip(people, values)}, members=9, competition="grants")
    ib.write(settings)
    return ib, people


def test_A7_as_many_grants_as_the_budget_pays_for_rounded_down():
    assert a7_grant_count(Decimal(1_000_000), Decimal(4_500_000)) == 4
    assert a7_grant_count(Decimal(1_000_000), Decimal(4_000_000)) == 4
    assert a7_grant_count(Decimal(1_000_000), Decimal(999_999)) == 0
    assert a7_grant_count(Decimal(0), Decimal(1_000_000)) == 0


def test_G5_the_grants_never_exceed_the_budget():
    assert g5_within_budget(4, Decimal(1_000_000), Decimal(4_500_000))
    assert not g5_within_budget(5, Decimal(1_000_000), Decimal(4_500_000))


def test_G1_G5_A7_the_grant_commission_s_highest_totals_get_the_grants(data_dir: Path, db_url: str):
    ib, p = _grants(data_dir, ["9", "8", "7", "6", "5"], "grants: {amount_kzt: 1000000, budget_kzt: 3500000}\n")
    r = ib.results(db_url, "grants", "grants")
    assert sorted(r["grants"]) == sorted(p[:3]) and r["slots"] == 3
    assert r["grant_amount_kzt"] == "1000000"
    assert [d["setting"] for d in r["defaults"] if d["id"] == "A7"] == ["3500000 ÷ 1000000 = 3"]


def test_A2_a_tie_for_the_last_grant_is_pending_then_decided(data_dir: Path, db_url: str):
    ib, p = _grants(data_dir, ["9", "8", "8", "5"], "grants: {amount_kzt: 10, budget_kzt: 25}\n")
    r = ib.results(db_url, "grants", "grants")
    assert r["grants"] == [p[0]]
    assert sorted(r["pending"][0]["participants"]) == sorted(p[1:3])
    ib.decision("grants", "grants", "place", p[2], "grant", competition="grants")
    ib.write("grants: {amount_kzt: 10, budget_kzt: 25}\n")
    r = ib.results(db_url, "grants", "grants")
    assert sorted(r["grants"]) == sorted([p[0], p[2]]) and r["pending"] == []


def test_G5_no_amount_set_means_no_grant(data_dir: Path, db_url: str):
    ib, p = _grants(data_dir, ["9", "8"], "")
    r = ib.results(db_url, "grants", "grants")
    assert r["grants"] == [] and any("no grant" in w for w in r["warnings"])


def test_A7_a_grant_set_in_tenge_counts_its_tenge(data_dir: Path, db_url: str):
    ib, p = _grants(data_dir, ["9", "8", "7"], "grants: {amount_kzt: 1000000, budget_kzt: 2000000}\n")
    assert sorted(ib.results(db_url, "grants", "grants")["grants"]) == sorted(p[:2])


def test_A7_G5_a_grant_set_in_indices_counts_indices_times_the_index_value(data_dir: Path, db_url: str):
    """200 АЕК × 3,932 тг = 786,400 тг a grant: a budget of 2,000,000 pays two (A7), the third would pass it (G5)."""
    ib, p = _grants(data_dir, ["9", "8", "7"],
                    "grants: {amount_mrp: 200, budget_kzt: 2000000}\nmrp_kzt: 3932\n")
    r = ib.results(db_url, "grants", "grants")
    assert sorted(r["grants"]) == sorted(p[:2]) and r["slots"] == 2
    assert r["grant_amount_kzt"] == "786400.00"
    assert not any("no grant" in w for w in r["warnings"])


def test_A7_a_grant_in_tenge_and_in_indices_that_disagree_is_an_error_naming_the_keys(data_dir: Path, db_url: str):
    import pytest

    from mugalim.errors import ConfigError

    ib, _ = _grants(data_dir, ["9", "8"], "grants: {amount_kzt: 1000000, amount_mrp: 200, budget_kzt: 2000000}\n"
                                          "mrp_kzt: 3932\n")
    with pytest.raises(ConfigError, match=r"'grants.amount_kzt' \(1000000\) disagrees with 'grants.amount_mrp' × "
                                          r"'mrp_kzt'"):
        ib.results(db_url, "grants", "grants")
