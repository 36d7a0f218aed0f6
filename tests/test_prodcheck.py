"""The helpers of `make prod-check` (scripts/prodcheck/): the search for personal data in logs, the comparison of
an undisturbed run with a run that lost a worker, and the cleanup of every process the check starts. The check
itself runs as `make prod-check` (minutes, real services), not here."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from prodcheck import logscan, outbox, snapshot  # noqa: E402
from prodcheck.processes import CheckFailed, Supervisor  # noqa: E402

IIN = "850312450016"      # spec/identifiers.md's valid IIN
PHONE = "+77011234567"
ADDRESS = "г. Алматы, ул. Абая, д. 10, кв. 5"
ID_DOC = "045678912"


@pytest.fixture
def needles() -> logscan.Needles:
    n = logscan.Needles()
    logscan.from_objects(n, [{"fields": {"iin": IIN, "phones": [PHONE], "home_address": ADDRESS,
                                         "id_document_number": ID_DOC}}])
    return n


def _hits(needles: logscan.Needles, tmp_path: Path, text: str) -> list[logscan.Hit]:
    log = tmp_path / "task.log"
    log.write_text(text, encoding="utf-8")
    return logscan.scan(needles, [log])[1]


def test_personal_fields_are_collected_at_any_depth(needles):
    assert needles.counts() == {"IIN": 1, "ID document": 1, "phone": 1, "address": 1}


@pytest.mark.parametrize("written", ["+77011234567", "87011234567", "8 (701) 123-45-67", "+7 701 123 45 67",
                                     "7011234567", "tel. 8-701-123-45-67, home"])
def test_a_phone_number_is_found_in_every_written_form(needles, tmp_path, written):
    hits = _hits(needles, tmp_path, f"2026-11-26T06:26:38 INFO calling {written}\n")
    assert [h.kind for h in hits] == ["phone"]


def test_iin_document_number_and_address_in_clear_are_found_with_file_and_line(needles, tmp_path):
    hits = _hits(needles, tmp_path, f"ok\nIIN {IIN}\ndoc {ID_DOC}\nлives at Г. АЛМАТЫ,  ул. Абая, д. 10, кв. 5\n")
    assert [(h.line, h.kind) for h in hits] == [(2, "IIN"), (3, "ID document"), (4, "address")]
    assert all(IIN not in str(h) and ID_DOC not in str(h) for h in hits)   # the report masks what it found


def test_json_log_lines_are_searched_as_decoded_text(needles, tmp_path):
    line = json.dumps({"event": f"address {ADDRESS}"}, ensure_ascii=True)
    assert [h.kind for h in _hits(needles, tmp_path, line + "\n")] == ["address"]


def test_masked_values_and_lookalikes_are_not_hits(needles, tmp_path):
    text = ("IIN ********0016 phone ******4567\n"
            f"run 1{IIN}7 and {IIN[:-1]}\n"           # longer and shorter digit runs are other numbers
            "2026-11-26 07:01:12 3456 7 ms\n")
    assert _hits(needles, tmp_path, text) == []


def test_the_self_test_proves_the_search_finds_each_kind(needles, tmp_path):
    logscan.self_test(needles, tmp_path)
    assert not any(tmp_path.iterdir())


def test_log_files_are_every_log_but_not_the_outputs_of_the_data_folder(tmp_path):
    (tmp_path / "logs" / "dag_id=x").mkdir(parents=True)
    (tmp_path / "logs" / "dag_id=x" / "attempt=1.log").write_text("")
    (tmp_path / "data" / "outbox").mkdir(parents=True)
    (tmp_path / "data" / "outbox" / "results.json").write_text(IIN)
    (tmp_path / "data" / "mugalim.log").write_text("")
    names = [p.name for p in logscan.log_files([tmp_path / "logs"], tmp_path / "data")]
    assert names == ["attempt=1.log", "mugalim.log"]


def test_a_run_that_extracted_twice_differs_from_the_undisturbed_run():
    once = snapshot.Snapshot(files={"2026/a.json": "x"}, tables={"documents": Counter({'["a"]': 1})})
    twice = snapshot.Snapshot(files={"2026/a.json": "x"}, tables={"documents": Counter({'["a"]': 2})})
    assert snapshot.differences(once, once) == []
    assert snapshot.differences(once, twice) == [
        "table documents: 1 rows undisturbed, 2 after the killed worker (1 distinct rows more often or new)"]


def test_outbox_comparison_ignores_times_and_run_ids_only():
    a = '{"generated_at": "2026-11-26T06:30:01.123+00:00", "run": "manual__2026-11-26T06:30:01+00:00", "n": 1}'
    b = '{"generated_at": "2026-11-26T07:12:44+00:00", "run": "manual__2026-11-26T07:12:44+00:00", "n": 1}'
    assert snapshot.normalize(a) == snapshot.normalize(b)
    assert snapshot.normalize(a) != snapshot.normalize(a.replace('"n": 1', '"n": 2'))


def test_the_audited_inbox_files_stat_hint_is_ignored_but_their_names_are_not():
    a = '{"inbox": [["attendance_2026.xlsx", 37276, 1796667062246852284]], "rows": 5}'
    b = '{"inbox": [["attendance_2026.xlsx", 37275, 1796667999246852284]], "rows": 5}'
    assert snapshot.normalize(a) == snapshot.normalize(b)
    assert snapshot.normalize(a) != snapshot.normalize(b.replace("attendance", "votes"))
    assert snapshot.normalize(a) != snapshot.normalize(b.replace('"rows": 5', '"rows": 6'))


def test_tables_compare_without_surrogate_keys_and_timestamps(db_url, data_dir):
    from sqlalchemy import text

    from mugalim.db import migrate

    engine = migrate(db_url)
    with engine.begin() as c:
        c.execute(text("INSERT INTO batches (id, name, status, first_seen_at) VALUES (7, 'b1', 'done', :t)"),
                  {"t": "2026-11-26 06:00:00"})
    snap = snapshot.take(data_dir, db_url)
    (row, count), = snap.tables["batches"].items()
    values = json.loads(row)
    assert count == 1 and values[:2] == ["b1", "done"]
    assert 7 not in values and not any("2026" in str(v) for v in values)
    engine.dispose()


def _live_members(pgid: int) -> list[int]:
    """Processes of group `pgid` that are not zombies (a zombie is dead, only not yet reaped by init)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(int(stat.parent.name))
    return live


def test_stop_all_ends_every_process_of_a_group_even_grandchildren(tmp_path):
    sup = Supervisor(dict(os.environ), tmp_path)
    pid_file = tmp_path / "child.pid"
    comp = sup.start("sleeper", ["bash", "-c", f"sleep 300 & echo $! > {pid_file}; wait"])
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.1)
    assert int(pid_file.read_text()) in _live_members(comp.proc.pid)
    sup.stop_all(grace=5)
    assert comp.proc.poll() is not None
    for _ in range(50):
        if not _live_members(comp.proc.pid):
            break
        time.sleep(0.1)
    assert _live_members(comp.proc.pid) == []


def _payment_run(outbox: Path, run: str, iins: list[str]) -> Path:
    folder = outbox / "payments" / run
    folder.mkdir(parents=True)
    rows = "".join(f"P-{i},2026,grants,grant,{iin},X,KZ,BIC,1.00,,19,p\n" for i, iin in enumerate(iins))
    (folder / "register.csv").write_text("payment_id,season,competition,award,participant_iin,full_name,iban,bic,"
                                         "amount_kzt,knp,kbe,purpose\n" + rows, encoding="utf-8")
    digest = hashlib.sha256((folder / "register.csv").read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps({"files": {"register.csv": {"sha256": digest, "bytes": 1}},
                                                      "listed": [{"name": "register.csv", "sha256": digest}]}))
    return folder


def test_a_payment_exported_twice_across_runs_fails_the_check(data_dir):
    (data_dir / "archive" / "b").mkdir(parents=True)
    (data_dir / "archive" / "b" / "a.pdf").write_bytes(b"%PDF")
    box = data_dir / "outbox" / "2026"
    _payment_run(box, "run-1", [IIN])
    report = outbox.check(data_dir, {"mugalim_ingest", "mugalim_pay"}, 2026)
    assert report["payments"] == {"payments": 1, "manifest_digests_verified": 2}
    _payment_run(box, "run-2", [IIN])
    with pytest.raises(CheckFailed, match="exported more than once"):
        outbox.check(data_dir, {"mugalim_ingest", "mugalim_pay"}, 2026)


def test_a_payment_file_that_does_not_match_its_manifest_fails_the_check(data_dir):
    folder = _payment_run(data_dir / "outbox" / "2026", "run-1", [IIN])
    (folder / "register.csv").write_text("payment_id,season,competition,award,participant_iin\n", encoding="utf-8")
    with pytest.raises(CheckFailed, match="SHA-256 of register.csv does not match"):
        outbox.check(data_dir, {"mugalim_pay"}, 2026)


def test_a_quarantined_file_without_its_reason_fails_the_check(data_dir):
    (data_dir / "quarantine" / "b").mkdir(parents=True)
    (data_dir / "quarantine" / "b" / "notes.docx").write_bytes(b"PK")
    with pytest.raises(CheckFailed, match="quarantined without a reason: quarantine/b/notes.docx"):
        outbox.check(data_dir, set(), 2026)
    (data_dir / "quarantine" / "b" / "notes.docx.reason.txt").write_text("not a document the contest takes")
    assert outbox.check(data_dir, set(), 2026)["quarantined"] == 1


def test_a_failed_runs_first_error_is_reported_with_digit_runs_masked(tmp_path):
    from prodcheck.pipeline import first_error

    attempt = tmp_path / "run_id=r" / "task_id=extract" / "map_index=0" / "attempt=1.log"
    attempt.parent.mkdir(parents=True)
    entries = [{"event": "starting"},
               {"event": "Task failed", "error_detail": [{"exc_type": "ValueError", "exc_value": f"bad IIN {IIN}"}]}]
    attempt.write_text("\n".join(json.dumps(e) for e in entries) + "\nnot json\n")
    message = first_error(tmp_path)
    assert "ValueError: bad IIN ********0016" in message and "map_index=0/attempt=1.log" in message
    assert first_error(tmp_path / "nothing") == ""


def test_personal_values_are_read_from_database_columns_and_field_value_rows(db_url):
    """A `*iin*` column, and rows of a (field, value JSON) table like the extracted fields."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as c:
        c.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, participant_iin VARCHAR(12))"))
        c.execute(text("CREATE TABLE fields (id INTEGER PRIMARY KEY, field VARCHAR(48), value TEXT)"))
        c.execute(text("INSERT INTO people VALUES (1, :iin)"), {"iin": IIN})
        for n, (field, value) in enumerate((("phones", [PHONE]), ("home_address", ADDRESS),
                                            ("id_document_number", ID_DOC), ("full_name", "Ким Дмитрий"))):
            c.execute(text("INSERT INTO fields VALUES (:n, :f, :v)"),
                      {"n": n, "f": field, "v": json.dumps(value, ensure_ascii=False)})
    engine.dispose()
    needles = logscan.Needles()
    logscan.from_database(needles, db_url)
    assert needles.counts() == {"IIN": 1, "ID document": 1, "phone": 1, "address": 1}


def test_compact_timestamps_in_names_and_values_are_volatile_too():
    assert snapshot.normalize("payments/20261126T075349Z-001-48b58c31/register.csv") == \
        snapshot.normalize("payments/20261126T075648Z-001-48b58c31/register.csv")
    assert snapshot.normalize("MG-2026-00001") == "MG-2026-00001"


def test_manifests_of_two_correct_runs_compare_equal_though_a_spreadsheets_size_moves():
    """A register.xlsx is a zip: its size moves by a byte or two with the run id and time written in it."""
    from prodcheck.snapshot import normalize

    def manifest(run: str, size: int) -> str:
        return json.dumps({"run_id": run, "files": {"register.xlsx": {"sha256": hashlib.sha256(run.encode())
                                                                       .hexdigest(), "bytes": size}},
                           "payments": 6}, indent=2)

    assert normalize(manifest("20261126T082553Z-001-48b58c31", 6177)) == \
        normalize(manifest("20261126T082811Z-001-48b58c31", 6175))
    assert normalize(manifest("20261126T082553Z-001-48b58c31", 6177)) != \
        normalize(manifest("20261126T082553Z-001-48b58c31", 6177).replace('"payments": 6', '"payments": 7'))
