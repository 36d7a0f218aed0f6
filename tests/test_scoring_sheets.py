"""Reading and loading inbox/scores/: CSV and XLSX, bad rows and bad files, idempotent loads; exact arithmetic (A1)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from mugalim.db import migrate
from mugalim.samples.season import ScoreInbox
from mugalim.scoring.load import load_inbox
from mugalim.scoring.sheets import RowError, instant_us, read_sheet, score_milli


def test_a_file_that_is_not_csv_or_xlsx_or_lacks_a_column_is_reported_whole(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    ib.write()
    inbox = data_dir / "inbox" / "scores"
    (inbox / "scores_extra.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "scores_missing.csv").write_text("season,competition,stage,unit,round,participant_iin,member_id\n")
    (inbox / "notes.csv").write_text("a,b\n1,2\n")
    r = ib.results(db_url, "teacher_of_year", "school")
    whole = {b["file"]: b["reason"] for b in r["bad_rows"] if b["row"] is None}
    assert whole == {"scores_extra.pdf": "not a CSV or XLSX file",
                     "scores_missing.csv": "required column missing: score",
                     "notes.csv": whole["notes.csv"]} and "unknown kind of file" in whole["notes.csv"]
    assert r["advancing"] == [a]


def test_xlsx_sheets_read_like_csv(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    b = ib.person(org=ib.org(a))
    ib.stage("school", ib.org(a), {a: ["7.5"] * 4, b: ["6"] * 4})
    ib.write(xlsx=("scores", "attendance", "participants"))
    r = ib.results(db_url, "teacher_of_year", "school")
    assert [x["total"] for x in r["ranking"]] == [30.0, 24.0] and r["bad_rows"] == []


def test_bad_values_name_the_column_and_never_the_personal_data(tmp_path: Path):
    f = tmp_path / "scores_x.csv"
    f.write_text("season,competition,stage,unit,round,participant_iin,member_id,score\n"
                 "2026,teacher_of_year,school,U,1,860101300011,m1,7\n"
                 "2026,teacher_of_year,city,town,1,860101300011,m1,7\n"
                 "2026,grants,school,U,1,860101300011,m1,7\n"
                 "2026,teacher_of_year,school,U,1,86010130001X,m1,7\n"
                 "2026,teacher_of_year,school,U,1,860101300011,m1,7.1234\n"
                 "\n"
                 "2026,teacher_of_year,school,U,0,860101300011,m1,7\n", encoding="utf-8")
    sheet = read_sheet(f)
    assert len(sheet.rows) == 1
    assert [(b.row, b.reason) for b in sheet.bad] == [
        (3, "unit of the city stage must be 'city'"), (4, "stage must be one of grants, not 'school'"),
        (5, "participant_iin is not 12 digits"), (6, "score has more than 3 decimal places"),
        (8, "round must be 1 or more")]
    assert not any("860101300011" in b.reason for b in sheet.bad)


def test_times_need_an_offset_and_compare_exactly():
    assert instant_us("2026-05-20T19:00:00+05:00", "t") == instant_us("2026-05-20T14:00:00Z", "t")
    with pytest.raises(RowError, match="no UTC offset"):
        instant_us("2026-05-20T19:00:00", "received_at")
    assert score_milli("7,25", None) == 7250


def test_loading_is_idempotent_and_follows_the_folder(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    ib.write()
    engine = migrate(db_url)
    inbox = data_dir / "inbox" / "scores"
    first = load_inbox(engine, inbox)
    again = load_inbox(engine, inbox)
    assert again.loaded == () and set(again.unchanged) == set(first.loaded)
    (inbox / "scores_copy.csv").write_bytes((inbox / "scores_2026.csv").read_bytes())
    third = load_inbox(engine, inbox)
    assert third.loaded == ("scores_copy.csv",)
    with engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM scoring_scores")).scalar() == 4 * 7
        assert "same content" in c.execute(text("SELECT reason FROM scoring_bad_rows")).scalar()
    (inbox / "scores_copy.csv").unlink()
    (inbox / "participants_2026.csv").unlink()
    fourth = load_inbox(engine, inbox)
    assert set(fourth.removed) == {"scores_copy.csv", "participants_2026.csv"}
    with engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM participants")).scalar() == 0


def test_A1_round_score_is_the_exact_mean_of_the_present_members(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    b, c = ib.person(org=ib.org(a)), ib.person(org=ib.org(a))
    unit = ib.org(a)
    sheets = {a: (["10", "10", "9"], ["0", "0", "1"]),               # 29/3 three times, then 1/3: 88/3
              b: (["9.666", "9.667", "9.667"], ["0.333", "0.333", "0.334"]),   # the same, in other decimals
              c: (["9.666", "9.667", "9.666"], ["0.333", "0.333", "0.334"])}   # 1/1000 less in each of 3 rounds
    for r in range(1, 5):
        present = ib.session("school", unit, r, members=3)
        for iin, (first, last) in sheets.items():
            for m, v in zip(present, first if r < 4 else last):
                ib.score("school", unit, r, iin, m, v)
    r = ib.results(db_url, "teacher_of_year", "school")
    by = {x["participant_iin"]: x for x in r["ranking"]}
    assert by[a]["total_exact"] == by[b]["total_exact"] == "88/3" and by[a]["total"] == 29.333
    assert by[a]["rank"] == by[b]["rank"] == 1
    assert by[c]["total_exact"] == "87997/3000" and by[c]["rank"] == 3
    assert sorted(r["advancing"]) == sorted([a, b])


def test_A1_trimmed_mean_drops_the_highest_and_lowest_when_the_season_says_so(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    unit = ib.org(a)
    for r in range(1, 5):
        for m, v in zip(ib.session("school", unit, r, members=5), ["10", "6", "5", "4", "0"]):
            ib.score("school", unit, r, a, m, v)
    ib.write("round_aggregation: trimmed_mean\n")
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["ranking"][0]["total"] == 20.0 and r["ranking"][0]["rounds"] == {"1": 5.0, "2": 5.0, "3": 5.0, "4": 5.0}
    ib.write("round_aggregation: mean\n")
    assert ib.results(db_url, "teacher_of_year", "school")["ranking"][0]["total"] == 20.0


# One good row of each kind typed a column at a time (sheets._columnar), in the spec's columns (optional ones after).
_GOOD = {
    "scores": ["2026", "teacher_of_year", "school", "100540100004", "1", "860101300011", "0004-s01", "7.5"],
    "attendance": ["2026", "teacher_of_year", "school", "100540100004", "1", "0004-s01", "chair", "true",
                   "12.02.2026", "Зал 2"],
    "votes": ["2026", "860101300011", "ab" * 32, "2026-05-20T19:00:00+05:00"],
    "presentations": ["2026", "860101300011", "2026-05-20T16:00:00+05:00"],
    "participants": ["2026", "teacher_of_year", "860101300017", "Әбдірахманова Мөлдір", "100540100004", "№ 1 мектеп",
                     "secondary", "Алмалы", "true", "60", "96", "120", "2026-01-15"],
}
# What the cells become: blank, padded, out of range, of the wrong kind, in other digits, with control characters…
_ODD_CELLS = ["", " ", " 7 ", "1999", "2200", "0", "-1", "+1", "01", "٢٠٢٦", "1e3", "7,5", "7.1234", "nan", "inf",
              "TRUE", "no", "city", "grants", "district", "a  b", "x\x07y", "2026-02-30", "2026-05-20T19:00:00",
              "F" * 64, "86010130001", "860101300027", "MEMBER", "Ж", "preschool", "10.000"]


def _odd_sheet(kind: str, seed: int, rows: int) -> list[list[str]]:
    """Rows of `kind`: most good, some with a cell or two odd, some blank, short or long."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(rows):
        row = list(_GOOD[kind])
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            row[rng.randrange(len(row))] = rng.choice(_ODD_CELLS)
        roll = rng.random()
        out.append([] if roll < 0.02 else [" "] * len(row) if roll < 0.04 else row[:-1] if roll < 0.06
                   else [*row, ""] if roll < 0.08 else row)
    return out


@pytest.mark.parametrize("kind", sorted(_GOOD))
@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_a_sheet_typed_a_column_at_a_time_has_the_rows_and_bad_rows_of_its_converter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, quoted: bool):
    """Each distinct value typed once for a whole column gives the rows the kind's converter gives row by row, and
    leaves it every row it would refuse, with its reason and row number: in a file with quotes (read by csv.reader)
    and in one without (split at its commas), read whole or a few rows at a time, and when the values met pass the
    bound of those kept typed."""
    import csv
    import io

    from mugalim.scoring import sheets

    header = [*sheets.COLUMNS[kind], *sheets.OPTIONAL_COLUMNS.get(kind, ())]
    records = _odd_sheet(kind, seed=len(kind) + quoted, rows=600)
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerows([header, *records])
    path = tmp_path / f"{kind}_odd.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    expected = sheets.Sheet(path.name, kind)          # the converter, row by row
    for n, record in enumerate(csv.reader(text.getvalue().splitlines()[1:]), start=2):
        row = sheets._typed_row(expected, sheets.CONVERTERS[kind], list(range(len(header))), None, n, record)
        expected.rows += [row] if row else []
    assert len(expected.rows) > 300 and len(expected.bad) > 30
    monkeypatch.setattr(sheets, "_MEMO_MAX", 40)
    whole = read_sheet(path)
    assert whole.rows == expected.rows and whole.bad == expected.bad
    sheet, batches = sheets.stream_sheet(path, batch=7)
    assert [r for b in batches for r in b] == expected.rows and sheet.bad == expected.bad


def test_a_big_sheet_into_an_empty_table_is_indexed_once_loaded(data_dir: Path, db_url: str,
                                                                 monkeypatch: pytest.MonkeyPatch):
    """Rows into a table that holds few: its indexes are dropped and made again after (the same names and columns),
    and the same rows are there; into a table that holds many, the indexes stay."""
    from sqlalchemy import event, inspect

    from mugalim.scoring import load

    monkeypatch.setattr(load, "_REINDEX_FROM", 1)
    ib = ScoreInbox(data_dir)
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    ib.write()
    engine = migrate(db_url)
    with engine.connect() as c:
        indexes = sorted((ix["name"], ix["column_names"]) for ix in inspect(c).get_indexes("scoring_scores"))
    ddl: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: ddl.append(a[2]) if "INDEX" in a[2] else None)
    inbox = data_dir / "inbox" / "scores"
    load_inbox(engine, inbox)
    assert sum("DROP INDEX" in s for s in ddl) == sum("CREATE INDEX" in s for s in ddl) >= 4   # scores, attendance
    (inbox / "scores_again.csv").write_text((inbox / "scores_2026.csv").read_text("utf-8") + "\n", encoding="utf-8")
    ddl.clear()
    load_inbox(engine, inbox)
    assert ddl == []
    with engine.connect() as c:
        assert sorted((ix["name"], ix["column_names"]) for ix in inspect(c).get_indexes("scoring_scores")) == indexes
        assert c.execute(text("SELECT COUNT(*) FROM scoring_scores")).scalar() == 2 * 4 * 7


def test_a_season_written_with_a_superscript_digit_is_a_bad_row_not_a_stopped_load(tmp_path: Path):
    """`²` is a digit to str.isdigit but not to int(): the bad row's context once stopped the whole load."""
    f = tmp_path / "scores_x.csv"
    f.write_text("season,competition,stage,unit,round,participant_iin,member_id,score\n"
                 "²,teacher_of_year,school,U,1,860101300011,m1,7\n"
                 "2026,teacher_of_year,school,U,1,860101300011,m1,7\n", encoding="utf-8")
    sheet = read_sheet(f)
    assert len(sheet.rows) == 1
    assert [(b.row, b.season) for b in sheet.bad] == [(2, None)]
