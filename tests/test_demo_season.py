"""`make demo`'s season (mugalim/samples/demo_season.py) decides fully end to end and tells its story: every school
decides or is gone on without (C2, A9), every district sends its five (S3), a tie at a district's cut-off is resolved
by a decision (A2), the city gives the four places with the recent title holder at I (P1, E4), a decision that
resolves nothing is refused with its reason, and `pay` pays places II and III and each grant, once, at the season's
amounts (P3, G5, A7). The roles are the ones the generator chose (`SampleSeason.story`), not numbers written here.

The score sheets alone are run here (the scanned batches take ~20 s to write and need intake and extraction); that
the scanned applicants `make demo` adds do not change the story is checked with stand-ins registered from a
participants file, as intake would register their dossiers."""
from __future__ import annotations

import csv
import json
import random
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mugalim.config import Settings
from mugalim.payments import run_pay
from mugalim.payments.run import PayReport
from mugalim.payments.sample_payees import make_sample_payees
from mugalim.samples.demo_season import DemoStory
from mugalim.samples.season import make_bin, make_demo_season, make_iin
from mugalim.scoring.run import run_season
from mugalim.scoring.sheets import COLUMNS
from mugalim.season import load_season
from pay_support import read_register, run_folders

SEASON = 2026


@dataclass
class Demo:
    story: DemoStory
    data: Path
    settings: Settings
    pay: PayReport

    def results(self, competition: str, stage: str) -> dict[str, Any]:
        path = self.data / "outbox" / str(SEASON) / competition / stage / "results.json"
        return json.loads(path.read_text(encoding="utf-8"))


def _scored(root: Path, scanned: tuple[Any, ...] | list[Any] = ()) -> Demo:
    data = root / "data"
    sample = make_demo_season(data, season=SEASON, seed=0, scanned=scanned)
    if scanned:
        _register(data, scanned)
    make_sample_payees(data, season=SEASON)
    settings = Settings.load(data, f"sqlite:///{root / 'mugalim.sqlite'}")
    run_season(settings, season=SEASON, reports=False)
    return Demo(sample.story, data, settings, run_pay(settings, season=SEASON, approved_by="demo"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return _scored(tmp_path_factory.mktemp("demo"))


def _decision_row(data: Path, *values: str) -> int:
    """The spreadsheet row (header = 1) of the decisions file's row that starts its `decision` column with values."""
    with (data / "inbox" / "scores" / f"decisions_{SEASON}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    [n] = [n for n, r in enumerate(rows, start=2)
           if [r["decision"], r["participant_iin"], r["place"]][:len(values)] == list(values)]
    return n


# --- the school stage: every school decides, or is gone on without ----------------------------------------------

def test_S2_E1_E2_E3_every_school_decides_but_the_one_without_quorum(demo: Demo):
    s = demo.story
    school = demo.results("teacher_of_year", "school")
    assert sorted(school["advancing"]) == s.school_advancing
    assert [(x["unit"], x["round"], x["rule"]) for x in school["invalid_sessions"]] == [
        (s.no_quorum_school, s.no_quorum_round, "C2")]
    assert [(p["unit"], p["rule"]) for p in school["pending"]] == [(s.no_quorum_school, "C2")]
    assert sorted((r["participant_iin"], r["rule"]) for r in school["rejected"]) == \
        sorted(x for x in s.rejected if x[1].startswith("E"))
    assert school["bad_rows"] == []


def test_A9_the_department_lets_the_district_go_on_without_the_school_without_quorum(demo: Demo):
    s = demo.story
    school = demo.results("teacher_of_year", "school")
    district = demo.results("teacher_of_year", "district")
    stuck = next(p["participants"] for p in school["pending"] if p["unit"] == s.no_quorum_school)
    assert stuck and not set(stuck) & set(school["advancing"])               # that school sent nobody on
    assert not [p for p in district["pending"] if p.get("rule") == "A9" or p.get("waiting_for")]
    assert len(s.district_advancing[s.no_quorum_district]) == 5
    assert sorted(x for x in district["advancing"] if x in s.district_advancing[s.no_quorum_district]) == \
        s.district_advancing[s.no_quorum_district]
    assert not [b for b in school["bad_rows"] + district["bad_rows"] if "proceed_without" in b["reason"]]


def _mentions(obj: Any, *words: str) -> bool:
    """Some entry of a results.json names all `words` (a dict's values, or one string)."""
    if isinstance(obj, dict):
        flat = " ".join(str(v) for v in obj.values() if not isinstance(v, (dict, list)))
        if all(w in flat for w in words):
            return True
        return any(_mentions(v, *words) for v in obj.values())
    if isinstance(obj, list):
        return any(_mentions(v, *words) for v in obj)
    return isinstance(obj, str) and all(w in obj for w in words)


def test_A9_results_record_the_school_gone_on_without(demo: Demo):
    """The `proceed_without` decision applied is in results.json (of the school or the district stage), not only
    in the protocol."""
    s = demo.story
    recorded = [stage for stage in ("school", "district")
                if _mentions(demo.results("teacher_of_year", stage), s.no_quorum_school, "proceed_without")]
    assert recorded, f"no results.json names the proceed_without decision for {s.no_quorum_school}"


# --- the district stage: five each, one tie decided -------------------------------------------------------------

def test_S3_every_district_sends_its_five(demo: Demo):
    s = demo.story
    district = demo.results("teacher_of_year", "district")
    assert district["pending"] == [] and district["invalid_sessions"] == [] and district["bad_rows"] == []
    assert sorted(s.district_advancing) == sorted(s.districts)
    assert all(len(v) == 5 for v in s.district_advancing.values())
    assert sorted(district["advancing"]) == sorted(i for v in s.district_advancing.values() for i in v)
    by_unit = {u: sorted(x["participant_iin"] for x in district["ranking"] if x["unit"] == u
                         and x["participant_iin"] in district["advancing"]) for u in s.districts}
    assert by_unit == s.district_advancing


def test_A2_the_tie_at_a_districts_fifth_place_is_resolved_by_the_decision_row(demo: Demo):
    s = demo.story
    district = demo.results("teacher_of_year", "district")
    tied = [x for x in district["ranking"] if x["participant_iin"] in s.tied]
    assert len(tied) == 2 and {x["unit"] for x in tied} == {s.tie_district}
    assert tied[0]["total_exact"] == tied[1]["total_exact"] and tied[0]["rank"] == tied[1]["rank"] == 5
    assert [(d["unit"], d["decision"], d["participant_iin"]) for d in district["decisions_applied"]] == [
        (s.tie_district, "advance", s.tie_advanced)]
    assert s.tie_advanced in district["advancing"]
    assert not set(s.tied) - {s.tie_advanced} & set(district["advancing"])


# --- the city stage: four places, E4, the refused decision --------------------------------------------------------

def test_P1_E4_the_city_gives_four_places_and_the_title_holder_takes_I(demo: Demo):
    s = demo.story
    city = demo.results("teacher_of_year", "city")
    assert city["pending"] == [] and city["invalid_sessions"] == []
    assert {x["participant_iin"] for x in city["ranking"]} == {i for v in s.district_advancing.values() for i in v}
    assert [x["participant_iin"] for x in sorted(city["ranking"], key=lambda x: x["rank"])] == s.city_ranking
    assert city["prizes"] == s.prizes and all(city["prizes"].values())
    assert s.city_ranking[0] == s.title_holder and city["prizes"]["first"] == s.title_holder
    assert city["prizes"]["grand_prix"] == s.city_ranking[1] != s.title_holder
    assert SEASON - 5 < s.title_season < SEASON


def test_a_decision_that_resolves_nothing_is_refused_with_its_reason(demo: Demo):
    s = demo.story
    city = demo.results("teacher_of_year", "city")
    row = _decision_row(demo.data, "place", *s.refused)
    refused = [b for b in city["bad_rows"] + city.get("decisions_refused", [])
               if b.get("row") == row and str(b.get("file", "")).startswith("decisions")]
    assert refused and all("no tie" in b["reason"] and "III" in b["reason"] for b in refused)
    assert city["decisions_applied"] == []
    assert city["prizes"]["third"] == s.city_ranking[3] != s.refused[0]


# --- grants and payments -------------------------------------------------------------------------------------------

def test_G2_G3_G4_A7_the_grants_are_given(demo: Demo):
    s = demo.story
    g = demo.results("grants", "grants")
    assert sorted(g["grants"]) == s.grants and len(s.grants) == s.budget_kzt // s.grant_kzt == 4
    assert g["pending"] == [] and g["bad_rows"] == []
    assert sorted((r["participant_iin"], r["rule"]) for r in g["rejected"]) == \
        sorted(x for x in s.rejected if x[1].startswith("G"))


def test_P3_G5_pay_pays_places_II_and_III_and_each_grant_once_at_the_seasons_amounts(demo: Demo):
    s = demo.story
    cfg = load_season(demo.settings.settings_dir, SEASON)
    grant = cfg.grant_kzt() if hasattr(cfg, "grant_kzt") else cfg.grants.amount_kzt
    amounts = {"second": cfg.prizes_kzt.second, "third": cfg.prizes_kzt.third, "grant": grant}
    [folder] = run_folders(demo.data)
    rows = read_register(folder)
    paid = [(r["award"], r["participant_iin"]) for r in rows]
    assert sorted(paid) == sorted(s.paid) and len(set(paid)) == len(paid) == 2 + len(s.grants)
    assert {(r["award"], r["participant_iin"]): Decimal(r["amount_kzt"]) for r in rows} == {
        k: Decimal(amounts[k[0]]) for k in s.paid}
    assert {k: Decimal(v) for k, v in s.paid.items()} == {k: Decimal(amounts[k[0]]) for k in s.paid}
    assert demo.pay.exceptions == 0 and Decimal(demo.pay.total_kzt) == sum(Decimal(v) for v in s.paid.values())
    again = run_pay(demo.settings, season=SEASON, approved_by="demo")
    assert again.run_id is None and again.payments == 0 and len(run_folders(demo.data)) == 1


# --- the generator -------------------------------------------------------------------------------------------------

def _inputs(data: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    out: dict[str, Any] = {}
    for p in sorted((data / "inbox" / "scores").iterdir()):
        if p.suffix == ".xlsx":
            wb = load_workbook(p, read_only=True)
            out[p.name] = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
            wb.close()
        else:
            out[p.name] = p.read_bytes()
    out["settings"] = (data / "settings" / f"season-{SEASON}.yaml").read_bytes()
    return out


def test_the_demo_season_is_the_same_for_a_seed_and_fills_the_optional_inputs(tmp_path: Path):
    a = make_demo_season(tmp_path / "a", season=SEASON, seed=0)
    b = make_demo_season(tmp_path / "b", season=SEASON, seed=0)
    c = make_demo_season(tmp_path / "c", season=SEASON, seed=1)
    assert asdict(a.story) == asdict(b.story) and _inputs(tmp_path / "a") == _inputs(tmp_path / "b")
    assert a.story.prizes != c.story.prizes
    inputs = _inputs(tmp_path / "a")
    attendance = inputs[f"attendance_{SEASON}.xlsx"]
    assert attendance[0][-2:] == ["held_on", "place"] and all(r[-2] and r[-1] for r in attendance[1:])
    commissions = list(csv.DictReader(inputs[f"commissions_{SEASON}.csv"].decode("utf-8").splitlines()))
    sat = {(r[2], r[3], r[5]) for r in attendance[1:]}
    assert {(r["stage"], r["unit"], r["member_id"]) for r in commissions} == sat     # every member named
    assert all(len(r["full_name"].split()) == 3 and r["position"] for r in commissions)
    participants = list(csv.DictReader(inputs[f"participants_{SEASON}.csv"].decode("utf-8").splitlines()))
    assert all(r["organization_name"] for r in participants)
    names = {b: n for b, n, _ in a.story.schools}
    assert {r["organization_bin"]: r["organization_name"] for r in participants
            if r["competition"] == "teacher_of_year"} == names
    decisions = inputs[f"decisions_{SEASON}.csv"].decode("utf-8").splitlines()
    assert decisions[0] == ",".join(COLUMNS["decisions"])
    assert f"{SEASON},teacher_of_year,school,{a.story.no_quorum_school},proceed_without,," in decisions


@dataclass(frozen=True)
class _Scanned:
    """A stand-in for a scanned applicant (`portfolio.Applicant` has these attributes)."""
    iin: str
    competition: str
    organization_bin: str
    district: str


def _register(data: Path, scanned: list[_Scanned]) -> None:
    """The stand-ins as intake would register their dossiers: eligible teachers of their organizations."""
    with (data / "inbox" / "scores" / f"participants-scanned_{SEASON}.csv").open("w", encoding="utf-8",
                                                                                   newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS["participants"])
        for n, x in enumerate(scanned):
            kind = "secondary" if x.competition == "teacher_of_year" else "tvet"
            w.writerow([SEASON, x.competition, x.iin, f"Сканерленген Қатысушы {n}", x.organization_bin,
                        f"Ұйым {x.organization_bin[-4:]}", kind, x.district, "true", 60, 96, 120, f"{SEASON}-04-15"])


def test_the_scanned_applicants_make_demo_adds_do_not_change_the_story(demo: Demo, tmp_path: Path):
    rng = random.Random(5)
    iins = [make_iin(rng, 7000 + k) for k in range(6)]
    d0, d2 = demo.story.districts[0], demo.story.districts[2]
    scanned = [_Scanned(iins[0], "teacher_of_year", make_bin(90_001), d0),
               _Scanned(iins[1], "teacher_of_year", make_bin(90_001), d0),
               _Scanned(iins[2], "teacher_of_year", make_bin(90_002), d2),
               _Scanned(iins[3], "teacher_of_year", make_bin(90_002), d2),
               _Scanned(iins[4], "grants", make_bin(90_003), "Медеу"),
               _Scanned(iins[5], "grants", make_bin(90_004), "Түрксіб")]
    with_scans = _scored(tmp_path, scanned)
    s, base = with_scans.story, demo.story
    assert (s.prizes, s.district_advancing, s.no_quorum_school, s.tied, s.title_holder, s.refused) == \
        (base.prizes, base.district_advancing, base.no_quorum_school, base.tied, base.title_holder, base.refused)
    assert s.scanned_school_advancing == sorted(iins[:4]) and s.scanned_grants == sorted(iins[4:])
    assert s.grants == sorted(base.grants + iins[4:]) and s.budget_kzt == base.budget_kzt + 2 * s.grant_kzt
    school = with_scans.results("teacher_of_year", "school")
    district = with_scans.results("teacher_of_year", "district")
    assert set(iins[:4]) <= set(school["advancing"]) and not set(iins[:4]) & set(district["advancing"])
    assert district["pending"] == [] and district["bad_rows"] == []
    assert with_scans.results("teacher_of_year", "city")["prizes"] == base.prizes
    assert sorted(with_scans.results("grants", "grants")["grants"]) == s.grants
    [folder] = run_folders(with_scans.data)
    assert sorted((r["award"], r["participant_iin"]) for r in read_register(folder)) == sorted(s.paid)


# --- the protocols explain each oddity ----------------------------------------------------------------------------

def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def _masked(iin: str) -> str:
    return "*" * 8 + iin[-4:]


@pytest.mark.slow
def test_the_protocols_explain_each_oddity(tmp_path: Path):
    data = tmp_path / "data"
    s = make_demo_season(data, season=SEASON, seed=0).story
    run_season(Settings.load(data, f"sqlite:///{tmp_path / 'm.sqlite'}"), season=SEASON, reports=True)
    out = data / "outbox" / str(SEASON) / "teacher_of_year"
    school, district, city = (_text(out / stage / "protocol.pdf") for stage in ("school", "district", "city"))
    assert s.no_quorum_school in school and "C2" in school and "A9" in school
    assert all(_masked(i) in district for i in s.tied) and "A2" in district
    assert _masked(s.title_holder) in city and "E4" in city and str(s.title_season) in city
    assert _masked(s.refused[0]) in city and f"decisions_{SEASON}.csv" in city
