"""Batches: the folder-name convention, and when a batch may be taken (READY, or still for the settle time)."""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

import ingest_fixtures as fx
from mugalim.ingest.batches import FolderMeta, decide, list_batches, parse_folder_name, scan

SETTLE = timedelta(minutes=10)


@pytest.mark.parametrize("name, meta", [
    ("2026_teacher_of_year_Алмалы ауданы_940140000385",
     FolderMeta(2026, "teacher_of_year", "Алмалы ауданы", "940140000385")),
    ("2026_grants_Медеу_940140000385", FolderMeta(2026, "grants", "Медеу", "940140000385")),
    ("2025_teacher_of_year_Наурызбай_district_940140000385",
     FolderMeta(2025, "teacher_of_year", "Наурызбай_district", "940140000385")),
])
def test_folder_names_following_the_convention(name, meta):
    assert parse_folder_name(name) == meta


@pytest.mark.parametrize("name, problem", [
    ("сканы от школы 12", "does not follow"),
    ("2026_olympiad_Медеу_940140000385", "no known competition"),
    ("2026_grants__940140000385", "no district"),
    ("2026_grants_Медеу_940140000386", "check digit"),
    ("2026_grants_Медеу_12345", "12 digits"),
])
def test_folder_names_that_do_not_follow_it_say_why(name, problem):
    with pytest.raises(ValueError, match=problem):
        parse_folder_name(name)


def test_scan_lists_files_links_and_special_files_without_following_links(tmp_path):
    batch = tmp_path / "b"
    fx.pdf(batch / "Иванова Анна/өтініш.pdf")
    (batch / "link").symlink_to(tmp_path)          # a link to a folder: never walked into
    os.mkfifo(batch / "pipe")
    fx.ready(batch)

    contents = scan(batch)

    assert [(e.rel_path, e.kind) for e in contents.entries] == [
        ("link", "symlink"), ("pipe", "special"), ("Иванова Анна/өтініш.pdf", "file")]
    assert contents.ready_at is not None


def test_a_batch_with_READY_is_taken_at_once(tmp_path):
    batch = tmp_path / "b"
    fx.pdf(batch / "a.pdf")
    fx.ready(batch)
    assert decide(scan(batch), now=datetime.now(UTC), settle=SETTLE, finished_at=None).how == "ready"


def test_a_batch_changed_a_minute_ago_waits_and_is_taken_after_the_settle_time(tmp_path):
    batch = tmp_path / "b"
    fx.pdf(batch / "a.pdf")
    now = datetime.now(UTC)
    waiting = decide(scan(batch), now=now, settle=SETTLE, finished_at=None)
    assert (waiting.take, waiting.how) == (False, "waiting") and "READY" in waiting.reason
    assert decide(scan(batch), now=now + SETTLE + timedelta(seconds=5), settle=SETTLE, finished_at=None).take


def test_old_modification_times_do_not_make_a_fresh_copy_look_settled(tmp_path):
    """`cp -p` keeps the modification time; the status-change time still shows the copy is fresh."""
    batch = tmp_path / "b"
    fx.pdf(batch / "a.pdf")
    old = datetime.now(UTC).timestamp() - 86400
    os.utime(batch / "a.pdf", (old, old))
    os.utime(batch, (old, old))
    assert not decide(scan(batch), now=datetime.now(UTC), settle=SETTLE, finished_at=None).take


def test_a_READY_older_than_the_last_finish_does_not_vouch_for_new_files(tmp_path):
    batch = tmp_path / "b"
    fx.pdf(batch / "a.pdf")
    fx.ready(batch)
    finished = datetime.now(UTC) + timedelta(seconds=1)
    assert not decide(scan(batch), now=datetime.now(UTC), settle=SETTLE, finished_at=finished).take


def test_only_folders_are_batches_and_links_are_not_followed(tmp_path):
    scans = tmp_path / "scans"
    (scans / "2026_grants_Медеу_940140000385").mkdir(parents=True)
    fx.pdf(scans / "loose.pdf")
    (scans / "linked").symlink_to(tmp_path)
    folders, refused = list_batches(scans)
    assert [f.name for f in folders] == ["2026_grants_Медеу_940140000385"]
    assert {name for name, _ in refused} == {"loose.pdf", "linked"}
