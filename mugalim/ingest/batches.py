"""Batches in `inbox/scans/`: what is in one (without following any symbolic link), whether it can be taken yet
(an empty `READY` file, or nothing changed for the settle time), and what its folder name says.

"Changed" means the later of a file's modification and status-change times (`lstat`): a copy tool that preserves
modification times (`cp -p`, `rsync -t`) still sets the status-change time when it writes the file, so a batch whose
files carry old dates is not taken while it is still being copied.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from mugalim.identifiers import bin_problem
from mugalim.ingest.archive import is_utf8
from mugalim.messages import Message

READY = "READY"
MANIFEST = "manifest.csv"
COMPETITIONS = ("teacher_of_year", "grants")
CONVENTION = "<season>_<competition>_<district>_<organization_bin>"


@dataclass(frozen=True)
class Entry:
    """One thing inside a batch folder. `rel_path` uses `/` whatever the system; `kind` is `file`, `symlink`
    (never followed) or `special` (a FIFO, socket or device: never opened)."""

    rel_path: str
    kind: str
    changed_at: float
    size: int = 0


@dataclass(frozen=True)
class BatchContents:
    entries: tuple[Entry, ...]       # files, symbolic links and special files, sorted by path
    newest_change: float             # over every entry and folder, the READY marker excluded
    ready_at: float | None           # the READY marker's change time, when there is one


@dataclass(frozen=True)
class Decision:
    take: bool
    how: str        # ready | settled | waiting
    reason: str


@dataclass(frozen=True)
class FolderMeta:
    """What a batch folder name following the convention says."""

    season: int
    competition: str
    district: str
    organization_bin: str


def list_batches(scans: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The batch folders directly under `scans`, and the entries there that are not batches, each with the reason."""
    folders: list[Path] = []
    refused: list[tuple[str, str]] = []
    if not scans.is_dir():
        return folders, refused
    for item in sorted(os.scandir(scans), key=lambda e: e.name):
        if item.is_symlink():
            refused.append((item.name, Message("batch.symlink")))
        elif item.is_dir(follow_symlinks=False) and not is_utf8(item.name):     # issue 16 item 10
            refused.append((item.name, "the folder name is not valid UTF-8 (written in another encoding, e.g. by an "
                                       "old copy tool): rename the folder; its files wait in the inbox until then"))
        elif item.is_dir(follow_symlinks=False):
            folders.append(Path(item.path))
        elif not item.name.startswith("."):
            refused.append((item.name, Message("batch.loose_file")))
    return folders, refused


def scan(folder: Path) -> BatchContents:
    """Everything inside `folder`, recursively, never following a symbolic link."""
    entries: list[Entry] = []
    newest = _changed(os.lstat(folder))
    ready_at = None
    stack = [(folder, "")]
    while stack:
        path, prefix = stack.pop()
        with os.scandir(path) as it:
            for item in it:
                rel = prefix + item.name
                st = item.stat(follow_symlinks=False)
                changed = _changed(st)
                if rel == READY and stat.S_ISREG(st.st_mode):
                    ready_at = changed
                    continue
                newest = max(newest, changed)
                if stat.S_ISDIR(st.st_mode):
                    stack.append((Path(item.path), rel + "/"))
                else:
                    entries.append(Entry(rel, _kind(st.st_mode), changed, st.st_size))
    return BatchContents(tuple(sorted(entries, key=lambda e: e.rel_path)), newest, ready_at)


def _changed(st: os.stat_result) -> float:
    return max(st.st_mtime, st.st_ctime)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symlink"
    return "file" if stat.S_ISREG(mode) else "special"


def decide(contents: BatchContents, *, now: datetime, settle: timedelta,
           finished_at: datetime | None) -> Decision:
    """Take the batch when it holds READY (made after the batch was last finished, so a READY left from an earlier
    drop does not vouch for files copied in later), or when nothing in it has changed for `settle`."""
    if contents.ready_at is not None and (finished_at is None or contents.ready_at > finished_at.timestamp()):
        return Decision(True, "ready", Message("batch.ready"))
    quiet = now.timestamp() - contents.newest_change
    if quiet >= settle.total_seconds():
        return Decision(True, "settled", Message("batch.settled", n=int(quiet // 60)))
    ago = Message("batch.under_a_minute") if quiet < 60 else Message("batch.minutes", n=int(quiet // 60))
    return Decision(False, "waiting", Message("batch.waiting", ago=ago, settle=int(settle.total_seconds() // 60)))


def parse_folder_name(name: str) -> FolderMeta:
    """`2026_teacher_of_year_Алмалы ауданы_940140000385` → season, competition, district, BIN.

    The competition contains underscores and a district may too, so: season = the first part, BIN = the last part,
    competition = the known value that follows the season, district = everything between. ValueError says which
    part is wrong.
    """
    m = re.fullmatch(r"(\d{4})_(.+)_([^_]+)", name)
    if not m:
        raise ValueError(Message("batch.name_convention", convention=CONVENTION))
    season, middle, bin_ = int(m.group(1)), m.group(2), m.group(3)
    competition = next((c for c in COMPETITIONS if middle.startswith(c + "_")), None)
    if competition is None:
        raise ValueError(Message("batch.name_competition", known=" / ".join(COMPETITIONS)))
    district = middle[len(competition) + 1:].strip(" _")
    if not district:
        raise ValueError(Message("batch.name_district"))
    problem = bin_problem(bin_)
    if problem:
        raise ValueError(Message("batch.name_bin", bin=bin_, problem=problem))
    return FolderMeta(season, competition, district, bin_)
