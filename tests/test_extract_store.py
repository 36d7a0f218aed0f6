"""The extract step on the database (SQLite and PostgreSQL): registered documents → one row per document, page and
field, with the page and box of each value; idempotent; a document already extracted is skipped unless forced."""
import hashlib
import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from extractors.run import extract_documents, list_pending_documents, pending_batches, run_extract
from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.samples.forms import make_form


def register(settings: Settings, files: dict[str, bytes]) -> dict[str, int]:
    """Put files in the archive and register them as ingest would (table `documents`)."""
    engine = migrate(settings.db_url)
    ids = {}
    for name, data in files.items():
        path = settings.archive / "batch-1" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        with engine.begin() as c:
            ids[name] = c.execute(text(
                "INSERT INTO documents (sha256, size, kind, pages, archive_path, batch, rel_path, registered_at) "
                "VALUES (:s, :n, :k, 1, :a, 'batch-1', :r, :t) RETURNING id"),
                {"s": hashlib.sha256(data).hexdigest(), "n": len(data), "k": name.rsplit(".", 1)[1],
                 "a": f"archive/batch-1/{name}", "r": name, "t": datetime.now(timezone.utc)}).scalar_one()
    return ids


@pytest.fixture
def world(db_url, data_dir):
    settings = Settings(data_dir=data_dir, db_url=db_url)
    form, truth = make_form(21, language="ru", layout="table", font="dejavu_sans", fmt="pdf_text")
    ids = register(settings, {"application.pdf": form, "corrupt.pdf": b"%PDF-1.4 broken",
                              "video.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64})
    return settings, ids, truth


def rows(settings, sql, **params):
    with migrate(settings.db_url).connect() as c:
        return [dict(r) for r in c.execute(text(sql), params).mappings()]


def test_registered_documents_are_extracted_into_documents_pages_and_fields(world):
    settings, ids, truth = world
    assert list_pending_documents(settings) == sorted(ids.values())
    report = run_extract(settings, workers=1)
    assert (report.extracted, report.failed, report.text_layer_pages, report.ocr_pages) == (2, 1, 1, 0)
    docs = {r["document_id"]: r for r in rows(settings, "SELECT * FROM extract_documents")}
    assert docs[ids["application.pdf"]]["doc_type"] == "application" and docs[ids["video.mp4"]]["doc_type"] == "video"
    assert docs[ids["corrupt.pdf"]]["status"] == "failed" and "corrupt.pdf" in docs[ids["corrupt.pdf"]]["error"]
    fields = {r["field"]: r for r in rows(settings, "SELECT * FROM extract_fields WHERE document_id = :d",
                                          d=ids["application.pdf"])}
    assert {k: json.loads(r["value"]) for k, r in fields.items()} == truth["fields"]
    assert fields["iin"]["page"] == 1 and fields["iin"]["bbox_unit"] == "pt" and fields["iin"]["x0"] > 0
    page = rows(settings, "SELECT * FROM extract_pages WHERE document_id = :d", d=ids["application.pdf"])
    assert len(page) == 1 and page[0]["method"] == "text_layer" and "Заявка" in page[0]["text"]
    assert list_pending_documents(settings) == []


def test_extracting_again_skips_what_is_done_and_forcing_replaces_rows_without_duplicates(world):
    settings, ids, _ = world
    extract_documents(settings, list(ids.values()), workers=1)
    again = extract_documents(settings, list(ids.values()), workers=1)
    assert again["skipped"] == 3 and again["extracted"] == 0
    forced = extract_documents(settings, [ids["application.pdf"]], force=True, workers=1)
    assert forced["extracted"] == 1
    n = rows(settings, "SELECT COUNT(*) AS n FROM extract_fields WHERE document_id = :d", d=ids["application.pdf"])
    assert n[0]["n"] == 16


def test_pending_documents_are_cut_into_at_most_a_thousand_batches(world):
    settings, ids, _ = world
    assert pending_batches(settings, size=2) == [sorted(ids.values())[:2], sorted(ids.values())[2:]]


def test_the_command_extracts_the_data_folder_and_prints_its_report(world, capsys):
    from mugalim.cli import main
    settings, ids, _ = world
    code = main(["extract", "--data", str(settings.data_dir), "--db-url", settings.db_url, "--json",
                 "--workers", "1"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["extracted"] == 2 and report["failed"] == 1
    assert report["failures"][0]["file"] == "batch-1/corrupt.pdf"
