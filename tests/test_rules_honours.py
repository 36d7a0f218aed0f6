"""Rule P4: the winners of both competitions are listed for the Teachers' Day ceremony (with P2/P3 awards)."""
import json

from mugalim.config import Settings
from mugalim.samples.season import make_sample_season
from mugalim.scoring.honours import teachers_day_list
from mugalim.scoring.run import run_season


def test_P4_the_list_has_the_city_places_and_the_grants_and_nobody_pending():
    city = {"prizes": {"grand_prix": "A", "first": "B", "second": None, "third": "D"}, "names": {"A": "Әлия"}}
    grants = {"grants": ["E", "F"], "names": {"E": "Ерлан"}}
    honoured = teachers_day_list(city, grants)
    assert [(h["award"], h["participant_iin"]) for h in honoured] == [
        ("grand_prix", "A"), ("first", "B"), ("third", "D"), ("grant", "E"), ("grant", "F")]
    assert "title" in honoured[0]["receives"] and "cash" in honoured[2]["receives"]   # P2, P3


def test_P4_run_season_writes_the_teachers_day_list(data_dir, db_url):
    make_sample_season(data_dir, season=2026)
    run_season(Settings.load(data_dir, db_url), season=2026, reports=False)
    data = json.loads((data_dir / "outbox" / "2026" / "teachers_day.json").read_text(encoding="utf-8"))
    city = json.loads((data_dir / "outbox/2026/teacher_of_year/city/results.json").read_text(encoding="utf-8"))
    grants = json.loads((data_dir / "outbox/2026/grants/grants/results.json").read_text(encoding="utf-8"))
    expected = {v for v in city["prizes"].values() if v} | set(grants["grants"])
    assert {h["participant_iin"] for h in data["honoured"]} == expected and expected
