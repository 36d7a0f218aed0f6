"""`manifest.csv`: the whole file is refused for a wrong header (naming the column and row 1); a bad row is reported
with its row number and reason while the good rows are used."""
from __future__ import annotations

from datetime import date

import pytest

from mugalim.errors import RejectedInput
from mugalim.ingest.manifest import parse_manifest

HEADER = "path,competition,season,organization_bin,organization_name,organization_type,district,submitted_on"
FILES = {"Иванова Анна/өтініш.pdf", "Иванова Анна/диплом.jpg", "Петров.pdf"}
GOOD = "Иванова Анна/өтініш.pdf,teacher_of_year,2026,940140000385,№12 мектеп-гимназия,secondary,Алмалы,2026-02-03"


def parse(*lines: str, files: set[str] = FILES):
    return parse_manifest("\n".join(lines).encode("utf-8"), batch_files=files)


def test_a_good_row_is_parsed_with_types():
    m = parse(HEADER, GOOD)
    assert m.bad_rows == []
    [row] = m.rows
    assert row.row == 2 and row.path == "Иванова Анна/өтініш.pdf"
    assert row.values == {"competition": "teacher_of_year", "season": 2026, "organization_bin": "940140000385",
                          "organization_name": "№12 мектеп-гимназия", "organization_type": "secondary",
                          "district": "Алмалы", "submitted_on": date(2026, 2, 3)}


def test_an_unknown_column_refuses_the_manifest_naming_it():
    with pytest.raises(RejectedInput, match=r"row 1: unknown column\(s\) 'phone'"):
        parse(HEADER + ",phone", GOOD + ",+77011234567")


def test_a_missing_column_refuses_the_manifest():
    with pytest.raises(RejectedInput, match=r"missing column\(s\) submitted_on"):
        parse(HEADER.rsplit(",", 1)[0], GOOD.rsplit(",", 1)[0])


def test_a_manifest_that_is_not_utf8_is_refused():
    with pytest.raises(RejectedInput, match="not UTF-8"):
        parse_manifest((HEADER + "\nПетров.pdf,grants,2026,,,,Медеу,\n").encode("cp1251"), batch_files=FILES)


@pytest.mark.parametrize("row, reason", [
    ("Петров.pdf,grants,2026,940140000386,,,Медеу,", "organization_bin '940140000386' is not a valid BIN: check digit"),
    ("Петров.pdf,grants,2026,940140000385,,,Медеу,2026-02-30",
     "submitted_on '2026-02-30' is a date that does not exist"),
    ("Петров.pdf,grants,2026,940140000385,,,Медеу,30.04.2026", "not an ISO date"),
    ("Сидоров.pdf,grants,2026,940140000385,,,Медеу,", "path 'Сидоров.pdf' does not exist in the batch"),
    ("../other batch/Петров.pdf,grants,2026,,,,,", "escapes the batch folder"),
    ("Иванова Анна/../../x.pdf,grants,2026,,,,,", "escapes the batch folder"),
    ("/etc/passwd,grants,2026,,,,,", "is absolute"),
    ("Петров.pdf,olympiad,2026,,,,,", "competition 'olympiad' is not one of"),
    ("Петров.pdf,grants,2026,,,university,,", "organization_type 'university' is not one of"),
    ("Петров.pdf,grants,двадцать,,,,,", "season 'двадцать' is not a year"),
    ("Петров.pdf,grants", "2 cells where the header has 8"),
])
def test_a_bad_row_is_reported_with_its_number_and_the_good_rows_are_kept(row, reason):
    m = parse(HEADER, GOOD, row)
    assert [r.row for r in m.rows] == [2]
    [bad] = m.bad_rows
    assert bad.row == 3 and reason in bad.reason


def test_a_path_listed_twice_is_a_bad_row():
    m = parse(HEADER, GOOD, GOOD)
    assert [(b.row, b.reason) for b in m.bad_rows] == [(3, "path 'Иванова Анна/өтініш.pdf' is already listed in row 2")]


def test_windows_paths_a_bom_and_semicolons_from_excel_are_understood():
    data = ("\ufeff" + HEADER.replace(",", ";") + "\r\n" + GOOD.replace(",", ";").replace("/", "\\") + "\r\n")
    m = parse_manifest(data.encode("utf-8"), batch_files=FILES)
    assert m.bad_rows == [] and m.rows[0].path == "Иванова Анна/өтініш.pdf"


def test_a_row_may_name_a_dossier_folder_and_leave_cells_empty():
    m = parse(HEADER, "Иванова Анна,grants,,,,,,")
    assert m.rows[0].path == "Иванова Анна" and m.rows[0].values == {"competition": "grants"}
