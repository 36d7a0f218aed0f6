"""`run_validate` end to end on the sample batches: ingest → extraction → validate, on SQLite and PostgreSQL.
Dossier reports with the contract keys, readable reports, the overview, write-audit-publish, participants, and a
second run that changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from mugalim.config import Settings
from mugalim.db import engine_for, query
from extractors.run import run_extract
from mugalim.ingest.run import run_ingest
from mugalim.samples.batches import make_sample_batches
from validators.run import run_validate

pytestmark = pytest.mark.slow
CONTRACT = {"participant_iin", "competition", "complete", "items", "eligibility", "documents"}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory):
    """One set of sample batches (the same bytes for both backends, so extraction's cache serves the second)."""
    root = tmp_path_factory.mktemp("samples")
    return root, make_sample_batches(root, season=2026, seed=0, count=3)


def _data(tmp_path: Path, samples) -> Path:  # type: ignore[no-untyped-def]
    import shutil
    root, _ = samples
    data = tmp_path / "data"
    shutil.copytree(root, data)
    return data


def test_validate_sample_batches_end_to_end(db_url, tmp_path, samples):
    data = _data(tmp_path, samples)
    truth = samples[1]
    settings = Settings.load(data, db_url)
    run_ingest(settings)
    run_extract(settings, workers=1)
    rep = run_validate(settings, season=2026)
    out = data / "outbox" / "2026" / "dossiers"
    reports = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert rep.dossiers == len(reports) >= 3
    by_iin = {r["participant_iin"]: r for r in reports.values() if r["participant_iin"]}
    for iin, case in truth.cases.items():
        r = by_iin.get(iin)
        assert r is not None, f"no report for the {case} dossier"
        assert CONTRACT <= set(r) and (out / f"{iin}.html").exists()
        assert [i["item"] for i in r["items"] if i["item"].startswith("1.")] == \
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
        items = {i["item"]: i for i in r["items"]}
        if "video_640x360" in case:
            assert items["1.7"]["status"] == "failed" and "640×360" in items["1.7"]["reason"]
            assert items["1.8"]["status"] == "failed" and "not Times New Roman" in items["1.8"]["reason"]
            assert items["1.7"]["files"][0]["file"].endswith("video.mp4")
        if case == "good":
            assert items["1.7"]["status"] == "present" and items["1.8"]["status"] == "present"
    assert sum(r["complete"] for r in by_iin.values()) == sum(c == "good" for c in truth.cases.values())
    toy = [r for r in by_iin.values() if r["competition"] == "teacher_of_year"]
    assert toy and all({v["rule"] for v in r["eligibility"]} == {"E1", "E2", "E3", "E4", "E5"} for r in toy)
    _check_overview(out, len(reports))
    html = (out / f"{next(iter(by_iin))}.html").read_text(encoding="utf-8")
    assert "Құжаттар топтамасын тексеру нәтижесі" in html and "Кемшіліктер туралы хабарлама" in html
    assert (data / "outbox" / "2026" / "data-docs" / "index.html").exists()
    engine = engine_for(db_url)
    with engine.connect() as c:
        promoted = c.execute(text("SELECT count(*) FROM dossier_applications")).scalar()
        staged = c.execute(text("SELECT count(*) FROM dossier_application_staging")).scalar()
        people = c.execute(text("SELECT count(*) FROM participants WHERE source = 'dossier'")).scalar()
        rejected = {(r.participant_iin, r.rule) for r in c.execute(query("dossier_rejections"), {"season": 2026})}
    assert staged >= promoted and promoted + rep.held_by_quality >= 1
    assert people >= 1
    assert rejected == {(r["participant_iin"], v["rule"]) for r in by_iin.values() if not r["waiting"]
                        for v in r["eligibility"] if v["ok"] is False}
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    run_validate(settings, season=2026)
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before        # idempotent
    with engine.connect() as c:                                  # extraction's readings were used, not re-read
        assert c.execute(text("SELECT count(*) FROM dossier_document_reads WHERE doc_type <> 'video'")).scalar() == 0


def _check_overview(out: Path, n: int) -> None:
    ws = load_workbook(out / "overview.xlsx").active
    assert ws.max_row == n + 1 and ws.auto_filter.ref.startswith("A1:")
    head = [c.value for c in ws[1]]
    assert {"1.1", "1.7", "1.8", "E5", "G4"} <= set(head)
    assert "ЖСН" in head and "participant_iin" not in head and "complete" not in head    # the season's language
    col = head.index("1.7") + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        assert cell.value in ("бар", "жоқ", "сәйкес емес", None)
        if cell.value in ("жоқ", "сәйкес емес"):
            assert cell.fill.fgColor.rgb.endswith(("F8CBAD", "FFE699"))
    assert (out / "overview.html").exists()
