"""Grouping a batch's files into dossiers, and each dossier's metadata.

- A file in a sub-folder belongs to the dossier named by its first path component (the sub-folder per dossier).
- A loose file at the top of the batch is a dossier by itself: that is the "one multi-page PDF per dossier" case
  (the video beside it under the same stem, `Иванова.pdf` and `Иванова.mp4`, belongs to that dossier), and, with a
  manifest, the spec leaves no other way to group loose files (a manifest row has no participant column),
  so a manifest row names the dossier of its path's first component too. A loose file that was quarantined makes
  no dossier; a sub-folder whose files were all quarantined is a dossier that waits.

Metadata comes from the manifest rows of the dossier's files, each filled cell overriding what the batch folder name
says (`<season>_<competition>_<district>_<organization_bin>`). A dossier is `ready` when season, competition,
district and organization BIN are known, its manifest rows are good and agree, and at least one of its files was
taken; otherwise it is `waiting`, with the reason a person needs to fill it in.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

from mugalim.ingest.batches import CONVENTION, MANIFEST, FolderMeta
from mugalim.ingest.manifest import Manifest
from mugalim.ingest.register import IntakeRow
from mugalim.messages import Message, Seq

REQUIRED = ("season", "competition", "district", "organization_bin")


@dataclass
class DossierPlan:
    key: str
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "waiting"
    reason: str | None = None
    source: str = "none"                                          # manifest | folder_name | none
    documents: list[tuple[int, str]] = field(default_factory=list)  # (document id, path in the batch)


@dataclass(frozen=True)
class BatchMetadata:
    """What the batch says about its dossiers: the folder name (or why it does not follow the convention), and the
    manifest (or why it was refused, or None when there is none)."""

    folder: FolderMeta | None
    folder_problem: str | None
    manifest: Manifest | None
    manifest_problem: str | None


VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".avi", ".mkv", ".mpg", ".mpeg", ".vob")


def dossier_key(rel_path: str, loose: dict[str, str] | None = None) -> str:
    """The dossier a batch-relative path belongs to: its sub-folder; a loose file its own dossier, except a loose
    video whose stem names a loose document (`loose`: stem, case-folded → that document's path), which joins it."""
    if "/" in rel_path:
        return rel_path.split("/", 1)[0]
    p = PurePosixPath(rel_path)
    if loose and p.suffix.lower() in VIDEO_SUFFIXES:
        return loose.get(p.stem.casefold(), rel_path)
    return rel_path


def loose_documents(paths: list[str]) -> dict[str, str]:
    """The loose (top-level) files that are not videos, by stem: what a loose video of the same stem joins."""
    out: dict[str, str] = {}
    for path in sorted(paths):
        p = PurePosixPath(path)
        if "/" not in path and path != MANIFEST and p.suffix.lower() not in VIDEO_SUFFIXES:
            out.setdefault(p.stem.casefold(), path)
    return out


def plan_dossiers(rows: list[IntakeRow], batch: BatchMetadata) -> list[DossierPlan]:
    plans: dict[str, DossierPlan] = {}
    loose = loose_documents([r.rel_path for r in rows if r.document_id is not None])
    for row in rows:
        if row.rel_path == MANIFEST:
            continue
        key = dossier_key(row.rel_path, loose)
        plan = plans.setdefault(key, DossierPlan(key))
        if row.document_id is not None:
            plan.documents.append((row.document_id, row.rel_path))
    # A loose file that could not be taken is no dossier (the quarantine reports it); a sub-folder stays one.
    kept = [p for k, p in plans.items() if p.documents or any(r.rel_path.startswith(k + "/") for r in rows)]
    for plan in kept:
        _decide(plan, batch, loose)
    return sorted(kept, key=lambda p: p.key)


def _decide(plan: DossierPlan, batch: BatchMetadata, loose: dict[str, str] | None = None) -> None:
    problem = _metadata(plan, batch, loose)
    if problem is None:
        missing = [f for f in REQUIRED if plan.meta.get(f) in (None, "")]
        if missing:
            problem = Message("ingest.missing_meta", fields=[Message(f"meta.{f}") for f in missing])
    if problem is None and not plan.documents:
        problem = Message("ingest.nothing_taken")
    plan.status, plan.reason = ("waiting", problem) if problem else ("ready", None)


def _metadata(plan: DossierPlan, batch: BatchMetadata, loose: dict[str, str] | None = None) -> str | None:
    """Fill `plan.meta` and `plan.source`; the reason the metadata cannot be trusted, if any."""
    if batch.manifest_problem:
        return Message("dossier.manifest_refused", problem=batch.manifest_problem)
    base = asdict(batch.folder) if batch.folder else {}
    plan.meta, plan.source = dict(base), "folder_name" if batch.folder else "none"
    if batch.manifest is None:
        return None if batch.folder else \
            Message("dossier.no_metadata", problem=batch.folder_problem, convention=CONVENTION)
    bad = [b for b in batch.manifest.bad_rows if b.path and dossier_key(b.path, loose) == plan.key]
    if bad:
        return Seq(Message("manifest.row", row=b.row, reason=b.reason) for b in bad)
    rows = [r for r in batch.manifest.rows if dossier_key(r.path, loose) == plan.key]
    if not rows:
        return None if batch.folder else \
            Message("dossier.not_listed", problem=batch.folder_problem, convention=CONVENTION)
    merged: dict[str, tuple[Any, int]] = {}
    for r in rows:
        for column, value in r.values.items():
            if column in merged and merged[column][0] != value:
                return Message("dossier.rows_disagree", a=merged[column][1], b=r.row, column=column, key=plan.key)
            merged.setdefault(column, (value, r.row))
    plan.meta.update({c: v for c, (v, _) in merged.items()})
    plan.source = "manifest"
    return None
