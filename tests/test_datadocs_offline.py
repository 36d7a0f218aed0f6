"""The Data Docs page is mugalim's own, self-contained HTML: no reference to any outside host (issue 22 item 4), no
full IIN on it (issue 16), the former GX site's files (which held full IINs) removed, the same bytes on a re-run; and
Great Expectations is imported only by the audit step (issue 15)."""
from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from validators.quality import checkpoint, docs, suites
from validators.quality.scores import audit_score_rows

GOOD = dict(document_sha256="a" * 64, iin="850314401236", birth_date="1985-03-14", filled_date="2026-02-01",
            qualification_category="expert", pedagogical_experience_months=120, postal_code="050010",
            phones=["+77011234567"])
# Every way an IIN or a phone reaches an unexpected-value list of the application suite.
BAD_APPLICATIONS = [
    {**GOOD, "document_sha256": "b" * 64, "iin": "85031440123"},                 # eleven digits: regex
    {**GOOD, "document_sha256": "c" * 64, "iin": "850314401237"},                # check digit
    {**GOOD, "document_sha256": "d" * 64, "iin": "750712343218"},                # IIN and birth date disagree
    {**GOOD, "document_sha256": "e" * 64, "phones": ["87019876543"]},            # not E.164
]
FULL = ["85031440123", "850314401237", "750712343218", "87019876543", "850314401236", "760813400013"]
REFERENCE = re.compile(r"""(?:\b(?:src|href|action|poster|srcset|data|background)\s*=\s*["']?\s*|url\(\s*["']?\s*|
                           @import\s+["']?\s*)(?:[a-z][a-z0-9+.-]*:|//)""", re.I | re.X)


def _row(row: int, **kw: str) -> dict[str, object]:
    return {**dict(file="scores_district.csv", row=row, season=2026, competition="teacher_of_year",
                   stage="district", unit="Алмалы", round=1, participant_iin="760813400013", member_id="m1",
                   score="7"), **kw}


def _pages(root: Path) -> list[Path]:
    """Both pages as the steps write them: the dossiers' and the score sheets' under it."""
    ctx = checkpoint.context(root / "data-docs")
    checkpoint.run_checkpoint(ctx, suites.application_frame([GOOD, *BAD_APPLICATIONS], 2026),
                              suites.application_suite(2026), id_column="document_sha256", name="applications_2026")
    checkpoint.build_docs(ctx)
    audit = audit_score_rows([_row(2), _row(3), _row(4, score="12"), _row(5, member_id="intruder")],
                             members={"m1"}, scale=(Decimal(0), Decimal(10)),
                             docs_dir=root / "data-docs" / "score-sheets", name="score_sheets_2026", language="ru")
    assert audit.held.keys() == {"scores_district.csv:2", "scores_district.csv:3", "scores_district.csv:4",
                                 "scores_district.csv:5"}
    return [root / "data-docs" / "index.html", root / "data-docs" / "score-sheets" / "index.html"]


def test_the_page_references_no_outside_host(tmp_path: Path):
    for page in _pages(tmp_path):
        html = page.read_text(encoding="utf-8")
        assert REFERENCE.findall(html) == [], page
        assert "http://" not in html and "https://" not in html
        assert not re.search(r"<(script|link|img|iframe|object|embed|form)\b", html, re.I)
        assert "Content-Security-Policy" in html and "default-src 'none'" in html   # a browser fetches nothing


def test_the_reference_check_finds_what_gx_pages_had():
    for html in ['<link href="https://maxcdn.bootstrapcdn.com/x.css">', "<script src='//code.jquery.com/j.js'>",
                 "<div style=\"background:url( 'https://s3.amazonaws.com/logo.png')\">", '@import "http://a/b.css";',
                 '<a href=https://greatexpectations.io/newsletter>']:
        assert REFERENCE.search(html), html


def test_no_full_iin_or_phone_on_any_data_docs_page(tmp_path: Path):
    pages = _pages(tmp_path)
    every = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data-docs").rglob("*") if p.is_file())
    assert [x for x in FULL if x in every] == []
    apps, scores = (p.read_text(encoding="utf-8") for p in pages)
    # what was wrong is still shown, masked as in logs: the last four digits (a check digit or a birth date that
    # disagrees shows as a failed derived column, ✗, and the rows it holds back)
    for masked in ("*******0123", "*******6543"):
        assert masked in apps, masked
    assert all(sha * 12 in apps for sha in "bcde")
    assert "scores_district.csv:3" in scores                      # a row given twice is named by file and row
    assert "b" * 64 in apps                                       # a document's SHA-256 is not personal: shown


def test_former_gx_site_files_are_removed_and_the_score_sheets_kept(tmp_path: Path):
    folder = tmp_path / "data-docs"
    for part in ("validations/mugalim_score_sheets/run", "expectations", "static/styles"):
        (folder / part).mkdir(parents=True)
        (folder / part / "page.html").write_text("<td>850314401236</td>", encoding="utf-8")
    (folder / "score-sheets").mkdir()
    (folder / "score-sheets" / "index.html").write_text("kept", encoding="utf-8")
    checkpoint.build_docs(checkpoint.context(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "score-sheets"]
    assert (folder / "score-sheets" / "index.html").read_text(encoding="utf-8") == "kept"


def test_a_rerun_over_the_same_rows_writes_the_same_bytes(tmp_path: Path):
    first = [p.read_bytes() for p in _pages(tmp_path)]
    assert [p.read_bytes() for p in _pages(tmp_path)] == first


def test_the_page_is_in_the_seasons_language_first(tmp_path: Path):
    _, scores = (p.read_text(encoding="utf-8") for p in _pages(tmp_path))
    assert "<html lang='ru'>" in scores and "Качество данных / Деректер сапасы" in scores
    apps = (tmp_path / "data-docs" / "index.html").read_text(encoding="utf-8")
    assert "<html lang='kk'>" in apps and "Деректер сапасы / Качество данных" in apps


@pytest.mark.parametrize("value,columns,shown", [
    ("850314401236", ["iin"], "********1236"),
    ("8503", ["participant_iin"], "****"),                               # short: nothing of it shows
    ("+77011234567;87019876543", ["phones_joined"], "+*******4567;*******6543"),
    ({"participant_iin": "850314401236", "member_id": "m1", "round": 1}, [],
     "participant_iin=********1236, member_id=m1, round=1"),
    ((900, 1200), ["working_age_months", "pedagogical_experience_months"], "900, 1200"),
    (None, ["iin"], "∅"), (False, ["iin_check_ok"], "✗"), (11.0, ["score"], "11"), ("05001", ["postal_code"], "05001"),
])
def test_values_are_masked_before_they_are_shown(value, columns, shown):
    assert docs.shown_value(value, columns) == shown


def test_a_run_with_no_rows_writes_its_page_without_importing_gx(tmp_path: Path):
    code = ("import sys; from decimal import Decimal; from pathlib import Path\n"
            "from validators.quality.scores import audit_score_rows\n"
            "a = audit_score_rows([], members=set(), scale=(Decimal(0), Decimal(10)), "
            f"docs_dir=Path({str(tmp_path)!r}))\n"
            "assert a.rows == 0 and a.success, a\n"
            "print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "False", out.stderr
    assert "data-success='true'" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_importing_the_steps_does_not_import_gx():
    code = ("import sys\n"
            "import validators.run, validators.quality.checkpoint, validators.quality.suites, "
            "validators.quality.scores, mugalim.scoring.run, mugalim.scoring.quality, mugalim.cli\n"
            "from mugalim.commands import score, validate\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('great_expectations', 'pandas')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "[]", out.stderr
