"""`run_ingest`: every batch of `inbox/scans/` that is ready → registered documents, archive, quarantine, dossiers.

The order of the steps for one file is what makes a kill at any moment harmless:
  1. skip it when it already has an intake row (batch, path);
  2. hash it; when its SHA-256 is a registered document, record a duplicate (nothing to copy: the bytes are archived);
  3. decide its type from its content; a refused file is copied to quarantine with `<name>.reason.txt`;
  4. copy an accepted file to the archive (temp → fsync → verify → rename), then in ONE transaction insert its
     document row and its intake row, each doing nothing if already there.
A run killed between 3/4's copy and its transaction finds the verified copy on the next run and registers it.
The dossiers of a batch are rebuilt from the database (upserts) after its files, and the batch is marked done.

A file system error while one file is handled (a name it refuses, a path too long) stops that file only: it is
quarantined with the error as its reason, or, when the error is the machine's (a full disk, no permission) or even
the quarantine fails, reported and left in the inbox for the next run (issue 16 item 3).

A ZIP of a dossier (issue 18) is archived byte for byte, then unpacked once into the archive, beside it
(`<name>.zip.unpacked/`): each member is registered as a file of the ZIP's dossier, under the path
`<path of the ZIP>/<path inside it>`, and taken, refused or found a duplicate exactly as a file of the inbox is. The
ZIP's limits, names and members are decided by `zips.inspect` before anything is unpacked; a ZIP over a limit (a ZIP
bomb) is quarantined whole with the reason, a member with a bad name (`../`, an absolute path, a link) alone. The
ZIP's own intake row (kind `zip`, no document row: it is a container, not a document) is written after its members,
so a run killed while unpacking picks the ZIP up again and unpacks only what is missing.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import ConfigError, RejectedInput
from mugalim.ingest import register as db
from mugalim.ingest.archive import (SourceChanged, exclusive, file_sha256, is_utf8, reason_path, safe_dest,
                                    safe_name, store_copy, write_text_atomic)
from mugalim.ingest.batches import MANIFEST, BatchContents, Entry, decide, list_batches, parse_folder_name, scan
from mugalim.ingest.dossiers import BatchMetadata, DossierPlan, plan_dossiers
from mugalim.ingest.filetypes import MAX_PIXELS, sniff
from mugalim.ingest.manifest import Manifest, parse_manifest
from mugalim.ingest.report import IngestReport, redact, shortened, shown
from mugalim.ingest.zips import LIMITS, Inventory, Member, MemberUnreadable, ZipLimits, extract, inspect
from mugalim.messages import Message, Said, Seq, reason_of, said, season_language, translated

MAX_MANIFEST_BYTES = 10 << 20
NOT_UTF8 = Message("ingest.bad_name")     # "the file name is not valid UTF-8 (…): rename it and send it again; …"
REASON_EN = "reason (English, for engineers)"     # the reason file's last line
LOCK_NAME = ".ingest.lock"
UNPACKING = ".mugalim-unpack"           # in the data folder: members of a ZIP being unpacked, checked, then copied
UNPACKED_SUFFIX = ".unpacked"           # archive/<batch>/<name>.zip.unpacked/ holds the ZIP's members
# Errors that say something about the machine, not the file: quarantining the file for them would refuse it for good
# over a disk that was full for an hour. Such a file is left in the inbox and taken by a later run.
NOT_THE_FILE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.ENOMEM, errno.EMFILE,
                          errno.ENFILE, errno.EAGAIN, errno.EINTR, errno.EBUSY, errno.ETIMEDOUT, errno.ESTALE,
                          errno.EACCES, errno.EPERM})


@dataclass
class _Run:
    settings: Settings
    engine: Engine
    now: datetime
    settle: timedelta
    max_pixels: int
    report: IngestReport
    say: Callable[[str], None]
    zip_limits: ZipLimits = LIMITS


def run_ingest(settings: Settings, *, now: datetime | None = None,
               progress: Callable[[str], None] | None = None, settle_minutes: int = 10,
               max_pixels: int = MAX_PIXELS, zip_limits: ZipLimits = LIMITS) -> IngestReport:
    """Take every batch of `inbox/scans/` that holds READY or has been still for `settle_minutes`; register,
    archive or quarantine each of its new files (unpacking a ZIP within `zip_limits`); group them into dossiers.
    Idempotent: a second run changes nothing. `now` (default: the clock) only decides whether a batch has
    settled."""
    if settle_minutes < 0:
        raise ConfigError(f"settle_minutes must be 0 or more, not {settle_minutes}")
    settings.ensure_layout()
    engine = migrate(settings.db_url)
    say = progress or (lambda _line: None)
    run = _Run(settings, engine, now or datetime.now(UTC), timedelta(minutes=settle_minutes), max_pixels,
               IngestReport(language=season_language(settings.settings_dir, None)),
               lambda line: say(_safe(line)), zip_limits)
    with exclusive(settings.data_dir / LOCK_NAME):
        shutil.rmtree(settings.data_dir / UNPACKING, ignore_errors=True)    # left by a run that was killed
        folders, refused = list_batches(settings.scans_inbox)
        for name, reason in refused:
            run.report.batches_waiting.append({"batch": db_path(name), "reason": reason})
            run.say(Message("ingest.p.not_batch", batch=db_path(name), reason=reason))
        for folder in folders:
            _ingest_batch(run, folder)
    return run.report


def _ingest_batch(run: _Run, folder: Path) -> None:
    name = folder.name
    try:
        contents = scan(folder)
    except OSError as e:                                 # an unreadable sub-folder: the other batches go on
        reason = f"could not be read: {_os_problem(run, e)}"
        run.report.batches_waiting.append({"batch": name, "reason": reason})
        run.say(Message("ingest.p.waiting", batch=name, reason=reason))
        return
    with run.engine.connect() as conn:
        status, finished_at = db.batch_state(conn, name)
        done = db.registered_paths(conn, name)
    pending = [e for e in contents.entries if db_path(e.rel_path) not in done]
    if status == "done" and not pending:
        return
    decision = decide(contents, now=run.now, settle=run.settle,
                      finished_at=finished_at if status == "done" else None)
    if not decision.take:
        run.report.batches_waiting.append({"batch": name, "reason": decision.reason})
        run.say(Message("ingest.p.waiting", batch=name, reason=decision.reason))
        return
    with run.engine.begin() as conn:
        db.take_batch(conn, name, how=decision.how, at=_wall())
    run.report.batches_taken.append(name)
    run.say(Message("ingest.p.taken", batch=name, how=decision.reason, n=len(pending)))
    batch_files = {e.rel_path for e in contents.entries}
    for entry in sorted(pending, key=lambda e: e.rel_path != MANIFEST):     # the manifest first
        _ingest_one(run, folder, entry, batch_files)
    _build_dossiers(run, folder, contents)


# --- one file ----------------------------------------------------------------------------------------------------

def _ingest_one(run: _Run, folder: Path, entry: Entry, batch_files: set[str]) -> None:
    """One new file of the batch; a file system error while it is handled stops this file only."""
    manifest = entry.rel_path == MANIFEST and entry.kind == "file"
    try:
        if manifest:
            _ingest_manifest(run, folder, entry, batch_files)
        else:
            _ingest_entry(run, folder, entry)
    except OSError as e:
        _after_os_error(run, folder, entry, e, kind="manifest" if manifest else None)


def _after_os_error(run: _Run, folder: Path, entry: Entry, err: OSError, *, kind: str | None) -> None:
    """Quarantine the file with the error as its reason; leave it for a later run when the error is the machine's
    or the quarantine fails too. An error raised after the file was registered (printing its progress line, say)
    is not the file's: it is raised again rather than quarantining a file already archived."""
    with run.engine.connect() as conn:
        if db_path(entry.rel_path) in db.registered_paths(conn, folder.name):
            raise err
    problem = _os_problem(run, err)
    if err.errno in NOT_THE_FILE:
        _later(run, folder, entry.rel_path, f"could not be handled now: {problem}")
        return
    try:
        src, sha, size = _readable(run, folder, entry)
        _quarantine(run, folder, entry.rel_path, src, sha, size, Message("ingest.os_error", detail=problem),
                    kind=kind)
    except OSError as again:
        _later(run, folder, entry.rel_path,
               f"could not be handled ({problem}) nor quarantined ({_os_problem(run, again)})")


def _readable(run: _Run, folder: Path, entry: Entry) -> tuple[Path | None, str | None, int | None]:
    """(path, SHA-256, size) of a file that may be read and copied to quarantine; (None, None, None) otherwise."""
    if _refusal_without_reading(run, folder, entry):
        return None, None, None
    src = folder / entry.rel_path
    sha, size = file_sha256(src)
    return src, sha, size


def _os_problem(run: _Run, err: OSError) -> str:
    """What went wrong and where, for a person: `File name too long [ENAMETOOLONG] at archive/<batch>/<name…>`,
    the path relative to the data folder, escaped and shortened (the OS message would repeat a 255-byte name)."""
    what = f"{err.strerror or type(err).__name__} [{errno.errorcode.get(err.errno or 0, 'no errno')}]"
    if not isinstance(err.filename, (str, bytes)):
        return what
    path = Path(os.fsdecode(err.filename))
    where = path.relative_to(run.settings.data_dir) if path.is_relative_to(run.settings.data_dir) else path
    return f"{what} at {shortened(shown(db_path(where.as_posix())))}"


def _ingest_entry(run: _Run, folder: Path, entry: Entry) -> None:
    refusal = _refusal_without_reading(run, folder, entry)
    if refusal:
        _quarantine(run, folder, entry.rel_path, None, None, None, refusal)
        return
    src = folder / entry.rel_path
    try:
        sha, size = file_sha256(src)
    except (FileNotFoundError, OSError) as e:
        _later(run, folder, entry.rel_path, f"could not be read now ({type(e).__name__})")
        return
    if not is_utf8(entry.rel_path):               # its bytes are kept in quarantine, under a UTF-8 name
        _quarantine(run, folder, entry.rel_path, src, sha, size, NOT_UTF8)
        return
    with run.engine.connect() as conn:
        doc = db.document_by_sha(conn, sha)
    if doc is not None:
        _duplicate(run, folder, entry.rel_path, sha, size, doc)
        return
    try:
        ftype = sniff(src, max_pixels=run.max_pixels)
    except RejectedInput as e:
        _quarantine(run, folder, entry.rel_path, src, sha, size, reason_of(e))
        return
    if ftype.kind == "zip":
        _ingest_zip(run, folder, entry.rel_path, src, sha, size,
                    dest=safe_dest(run.settings.archive / folder.name, entry.rel_path))
        return
    try:
        dest = store_copy(src, safe_dest(run.settings.archive / folder.name, entry.rel_path), sha)
    except SourceChanged as e:
        _later(run, folder, entry.rel_path, str(e))
        return
    notes = [n for n in (ftype.note, _renamed(run, entry.rel_path, dest)) if n]
    with run.engine.begin() as conn:
        doc = db.record_document(conn, batch=folder.name, rel_path=entry.rel_path, sha256=sha, size=size,
                                 kind=ftype.kind, pages=ftype.pages, archive_path=_rel(run, dest),
                                 note="; ".join(notes) or None, at=_wall())
    if (doc.batch, doc.rel_path) != (folder.name, entry.rel_path):
        _report_duplicate(run, folder, entry.rel_path, db.duplicate_reason(doc))
        return
    run.report.archived += 1
    run.say(Message("ingest.p.archived", path=entry.rel_path, what=_what(ftype.kind, ftype.pages)))
    for note in notes:
        _note(run, folder, entry.rel_path, note)


# --- a ZIP of a dossier (issue 18) -------------------------------------------------------------------------------

def _ingest_zip(run: _Run, folder: Path, rel: str, src: Path, sha: str, size: int, *, dest: Path,
                depth: int = 0) -> None:
    """Check the ZIP at `src` (its limits over every level, its members' names), archive it at `dest` byte for
    byte, unpack its members beside it, and register it; quarantine it whole when it cannot be taken."""
    try:
        inventory = inspect(src, limits=run.zip_limits, depth=depth)
    except RejectedInput as e:
        _quarantine(run, folder, rel, src, sha, size, Message("zip.refused", why=reason_of(e)), kind="zip")
        return
    with run.engine.connect() as conn:
        prior = _unpacked_zip(conn, sha)
    if prior is not None and (prior.batch, prior.rel_path) != (folder.name, rel):
        reason = Message("ingest.duplicate_zip", batch=prior.batch, path=prior.rel_path, dest=prior.dest_path)
        with run.engine.begin() as conn:
            db.record_outcome(conn, batch=folder.name, rel_path=rel, sha256=sha, size=size, outcome="duplicate",
                              kind="zip", reason=reason, note=None, dest_path=prior.dest_path, at=_wall())
        _report_duplicate(run, folder, rel, reason)
        return
    try:
        dest = store_copy(src, dest, sha)
    except SourceChanged as e:
        _later(run, folder, rel, str(e))
        return
    files = sum(1 for m in inventory.members if not m.skipped)
    run.say(Message("ingest.p.unpacking", path=rel, n=files))
    summary = _unpack(run, folder, rel, dest, inventory, depth)
    with run.engine.begin() as conn:
        db.record_outcome(conn, batch=folder.name, rel_path=rel, sha256=sha, size=size, outcome="archived",
                          kind="zip", reason=None, note=summary, dest_path=_rel(run, dest), at=_wall())
    run.report.archived += 1
    run.say(Message("ingest.p.zip", path=rel, summary=summary))


def _unpacked_zip(conn: Any, sha: str) -> Any:
    """The intake row of a ZIP with these bytes that was unpacked before (in any batch), or None."""
    i = db.intake
    return conn.execute(sa.select(i.c.batch, i.c.rel_path, i.c.dest_path).where(
        i.c.sha256 == sha, i.c.kind == "zip", i.c.outcome == "archived").order_by(i.c.id).limit(1)).first()


def _unpack(run: _Run, folder: Path, zip_rel: str, zip_path: Path, inventory: Inventory, depth: int) -> str:
    """Every member not registered yet, into `<zip>.unpacked/` beside the archived ZIP; a summary for its row."""
    root = zip_path.with_name(safe_name(zip_path.name + UNPACKED_SUFFIX))
    with run.engine.connect() as conn:
        done = db.registered_paths(conn, folder.name)
    skipped = [m for m in inventory.members if m.skipped]
    with zipfile.ZipFile(zip_path) as zf:
        for m in inventory.members:
            rel = f"{zip_rel}/{m.path}"
            if m.skipped or db_path(rel) in done:
                continue
            try:
                _ingest_member(run, folder, zf, m, rel, zip_rel, root, depth)
            except OSError as e:
                if e.errno in NOT_THE_FILE:
                    raise                          # the machine's: the ZIP is left for the next run
                _quarantine(run, folder, rel, None, None, None,
                            Message("zip.member_os_error", name=m.name, zip=zip_rel, detail=_os_problem(run, e)))
    with run.engine.connect() as conn:
        rows = [r for r in db.batch_intake(conn, folder.name) if r.rel_path.startswith(zip_rel + "/")]
    counts = {o: sum(1 for r in rows if r.outcome == o) for o in ("archived", "duplicate", "quarantined")}
    summary = (f"{counts['archived']} file(s) unpacked, {counts['duplicate']} duplicate(s), "
               f"{counts['quarantined']} refused")
    if skipped:
        summary += f"; {len(skipped)} system file(s) left out ({', '.join(sorted({m.path for m in skipped})[:3])})"
    return summary


def _ingest_member(run: _Run, folder: Path, zf: zipfile.ZipFile, m: Member, rel: str, zip_rel: str, root: Path,
                   depth: int) -> None:
    """One member of a ZIP, as `_ingest_entry` takes one file of the inbox."""
    if m.refusal is not None:
        _quarantine(run, folder, rel, None, None, None, Message("zip.in_zip", why=m.refusal, zip=zip_rel))
        return
    staged = run.settings.data_dir / UNPACKING / hashlib.sha256(_name_bytes(rel)).hexdigest()[:16] / \
        safe_name(PurePosixPath(m.path).name)
    shutil.rmtree(staged.parent, ignore_errors=True)
    try:
        try:
            sha, size = extract(zf, m.info, staged)
        except MemberUnreadable as e:
            _quarantine(run, folder, rel, None, None, None,
                        Message("zip.member_unreadable", name=m.name, zip=zip_rel, detail=str(e)))
            return
        with run.engine.connect() as conn:
            doc = db.document_by_sha(conn, sha)
        if doc is not None:
            _duplicate(run, folder, rel, sha, size, doc)
            return
        try:
            ftype = sniff(staged, max_pixels=run.max_pixels)
        except RejectedInput as e:
            _quarantine(run, folder, rel, staged, sha, size, Message("zip.in_zip", why=reason_of(e), zip=zip_rel))
            return
        if ftype.kind == "zip":
            _ingest_zip(run, folder, rel, staged, sha, size, dest=safe_dest(root, m.path), depth=depth + 1)
            return
        dest = store_copy(staged, safe_dest(root, m.path), sha)
        with run.engine.begin() as conn:
            doc = db.record_document(conn, batch=folder.name, rel_path=rel, sha256=sha, size=size, kind=ftype.kind,
                                     pages=ftype.pages, archive_path=_rel(run, dest), note=ftype.note, at=_wall())
        if (doc.batch, doc.rel_path) != (folder.name, rel):
            _report_duplicate(run, folder, rel, db.duplicate_reason(doc))
            return
        run.report.archived += 1
        run.say(Message("ingest.p.from_zip", path=rel, what=_what(ftype.kind, ftype.pages)))
        if ftype.note:
            _note(run, folder, rel, ftype.note)
    finally:
        shutil.rmtree(staged.parent, ignore_errors=True)


def _name_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _renamed(run: _Run, rel: str, dest: Path) -> str | None:
    """A note when the copy's name had to be shortened (`safe_name`); the registry keeps the original name."""
    name = PurePosixPath(rel).name
    if safe_name(name) == name:
        return None
    return (f"the name is {len(name.encode('utf-8', 'surrogateescape'))} bytes, too long to keep beside the "
            f"archive's suffixes: archived as {_rel(run, dest)}")


def _refusal_without_reading(run: _Run, folder: Path, entry: Entry) -> str | None:
    """Why an entry is refused before a byte of it is read: a symbolic link, a special file. (A name that is not
    UTF-8 is refused after its bytes are hashed: they are kept in quarantine, issue 16 item 10.)"""
    if entry.kind == "symlink":
        target = Path(os.path.realpath(folder / entry.rel_path))
        where = "inside" if target.is_relative_to(run.settings.inbox.resolve()) else "outside"
        return Message("ingest.symlink", where=where)
    if entry.kind == "special":
        return Message("ingest.special")
    return None


def _duplicate(run: _Run, folder: Path, rel: str, sha: str, size: int, doc: Any) -> None:
    reason = db.duplicate_reason(doc)
    with run.engine.begin() as conn:
        db.record_outcome(conn, batch=folder.name, rel_path=rel, sha256=sha, size=size, outcome="duplicate",
                          kind=doc.kind, reason=reason, note=None, dest_path=doc.archive_path, at=_wall())
    _report_duplicate(run, folder, rel, reason)


def _report_duplicate(run: _Run, folder: Path, rel: str, reason: str) -> None:
    run.report.duplicates.append({"batch": folder.name, "path": rel, "reason": reason})
    run.say(Message("ingest.p.duplicate", path=rel, reason=reason))


def _quarantine(run: _Run, folder: Path, rel: str, src: Path | None, sha: str | None, size: int | None,
                reason: str, *, kind: str | None = None) -> None:
    """Copy the file (when it may be read at all) to quarantine, write its reason beside it, record the outcome."""
    dest = safe_dest(run.settings.quarantine / folder.name, rel)
    if src is not None and sha is not None:
        try:
            dest = store_copy(src, dest, sha)
        except SourceChanged as e:
            _later(run, folder, rel, str(e))
            return
    write_text_atomic(reason_path(dest), _reason_text(folder, rel, sha, size, reason,
                                                      dest.name if src is not None else None))
    with run.engine.begin() as conn:
        db.record_outcome(conn, batch=folder.name, rel_path=db_path(rel), sha256=sha, size=size,
                          outcome="quarantined", kind=kind, reason=reason, note=None,
                          dest_path=_rel(run, dest) if src is not None else None, at=_wall())
    run.report.quarantined.append({"batch": folder.name, "path": db_path(rel), "reason": reason})
    run.say(Message("ingest.p.quarantined", path=db_path(rel), reason=reason))


def _reason_text(folder: Path, rel: str, sha: str | None, size: int | None, reason: str,
                 kept_as: str | None = None) -> str:
    """The reason file: one `key: value` per line, the name and the reason escaped (`shown`; a byte that is not
    UTF-8 as `\\xcf`) so that a newline in a file name cannot add a line of its own. `kept_as` names the copy
    beside it when that is not the file's own name (a name that is not UTF-8, a name too long). The reason comes
    first in Kazakh and Russian (`себебі`, `причина`: the catalog's, or a note that it is in English only), and last
    in English for engineers."""
    local = reason if translated(reason) else Message("ingest.untranslated")
    lines = [f"себебі: {shown(said(local, 'kk'))}", f"причина: {shown(said(local, 'ru'))}",
             f"file: {shown(f'inbox/scans/{db_path(folder.name)}/{db_path(rel)}')}"]
    if kept_as is not None and kept_as != PurePosixPath(rel).name:
        lines.append(f"kept as: {shown(kept_as)}")
    if sha is not None:
        lines += [f"sha256: {sha}", f"size: {size} bytes"]
    return "\n".join(lines + [f"{REASON_EN}: {shown(reason)}", ""])


def _later(run: _Run, folder: Path, rel: str, reason: str) -> None:
    run.report.left_for_later.append({"batch": folder.name, "path": db_path(rel), "reason": reason})
    run.say(Message("ingest.p.later", path=db_path(rel), reason=reason))


def _note(run: _Run, folder: Path, rel: str, reason: str, row: int | None = None) -> None:
    note = {"batch": folder.name, "path": rel, "reason": reason}
    if row is not None:
        note["row"] = row
    run.report.notes.append(note)
    run.say(Message("ingest.p.note", where=Message("cli.ingest.row", where=rel, row=row) if row else rel,
                    reason=reason))


# --- the manifest ------------------------------------------------------------------------------------------------

def _ingest_manifest(run: _Run, folder: Path, entry: Entry, batch_files: set[str]) -> None:
    src = folder / MANIFEST
    sha, size = file_sha256(src)
    try:
        manifest = _read_manifest(src, size, batch_files)
    except RejectedInput as e:
        _quarantine(run, folder, MANIFEST, src, sha, size, reason_of(e), kind="manifest")
        return
    try:
        dest = store_copy(src, run.settings.archive / folder.name / MANIFEST, sha)
    except SourceChanged as e:
        _later(run, folder, MANIFEST, str(e))
        return
    with run.engine.begin() as conn:
        db.record_outcome(conn, batch=folder.name, rel_path=MANIFEST, sha256=sha, size=size, outcome="archived",
                          kind="manifest", reason=None, note=_bad_rows_note(manifest), dest_path=_rel(run, dest),
                          at=_wall())
    run.say(Message("ingest.p.manifest", path=MANIFEST, good=len(manifest.rows), bad=len(manifest.bad_rows)))
    for bad in manifest.bad_rows:
        _note(run, folder, MANIFEST, bad.reason, row=bad.row)


def _read_manifest(path: Path, size: int, batch_files: set[str]) -> Manifest:
    if size > MAX_MANIFEST_BYTES:
        raise RejectedInput(Message("ingest.manifest_too_large", size=size))
    return parse_manifest(path.read_bytes(), batch_files=batch_files - {MANIFEST})


def _bad_rows_note(manifest: Manifest) -> str | None:
    if not manifest.bad_rows:
        return None
    return "; ".join(f"row {b.row}: {b.reason}" for b in manifest.bad_rows)


# --- dossiers ----------------------------------------------------------------------------------------------------

def _build_dossiers(run: _Run, folder: Path, contents: BatchContents) -> None:
    with run.engine.begin() as conn:
        rows = db.batch_intake(conn, folder.name)
        meta = _batch_metadata(run, folder, contents, rows)
        for plan in plan_dossiers(rows, meta):
            dossier_id = db.upsert_dossier(conn, batch=folder.name, key=plan.key, meta=plan.meta,
                                           status=plan.status, reason=plan.reason, source=plan.source)
            for document_id, rel in plan.documents:
                db.link_document(conn, dossier_id=dossier_id, document_id=document_id, rel_path=rel)
            _report_dossier(run, folder, plan)
        folder_meta = asdict(meta.folder) if meta.folder else {}
        source = "manifest" if meta.manifest else "folder_name" if meta.folder else "none"
        db.finish_batch(conn, folder.name, meta=folder_meta, source=source,
                        note=meta.manifest_problem or meta.folder_problem, at=_wall())


def _batch_metadata(run: _Run, folder: Path, contents: BatchContents, rows: list[db.IntakeRow]) -> BatchMetadata:
    try:
        folder_meta, folder_problem = parse_folder_name(folder.name), None
    except ValueError as e:
        folder_meta, folder_problem = None, reason_of(e)
    manifest, problem = None, None
    row = next((r for r in rows if r.rel_path == MANIFEST), None)
    if row is not None and row.outcome == "quarantined":
        problem = row.reason
    elif row is not None and row.dest_path:
        batch_files = {e.rel_path for e in contents.entries} - {MANIFEST}
        manifest = parse_manifest((run.settings.data_dir / row.dest_path).read_bytes(), batch_files=batch_files)
    return BatchMetadata(folder_meta, folder_problem, manifest, problem)


def _report_dossier(run: _Run, folder: Path, plan: DossierPlan) -> None:
    if plan.status == "ready":
        run.report.dossiers_ready.append({"batch": folder.name, "dossier": plan.key,
                                          "documents": len(plan.documents)})
    else:
        run.report.dossiers_waiting.append({"batch": folder.name, "dossier": plan.key, "reason": plan.reason or ""})
        run.say(Message("ingest.p.dossier_waiting", key=plan.key, reason=plan.reason))


# --- small helpers -----------------------------------------------------------------------------------------------

def _what(kind: str, pages: int | None) -> str:
    """A file's kind as its progress line names it: "PDF, 3 page(s)", "JPEG"."""
    return Message("ingest.p.pages", kind=kind.upper(), n=pages) if kind in ("pdf", "tiff") else kind.upper()


def _safe(text: Any) -> Any:
    """A progress line on one line and with every IIN masked, in each language: a Message keeps its id (what the
    console's progress is told) with its parameters made safe; a plain line is made safe as it is."""
    if isinstance(text, Message):
        return Message(text.id, **{k: _safe(v) for k, v in text.params.items()})
    if isinstance(text, Seq):
        return Seq((_safe(p) for p in text.parts), text.sep)
    if isinstance(text, Said):
        return Said(**{lang: redact(shown(text.said(lang))) for lang in ("kk", "ru", "en")})
    if isinstance(text, str) and not translated(text):
        return redact(shown(text))
    return text

def db_path(rel: str) -> str:
    """A path as the database stores it: a name that is not valid UTF-8 gets backslash escapes for its bad bytes."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _rel(run: _Run, path: Path) -> str:
    return path.relative_to(run.settings.data_dir).as_posix()


def _wall() -> datetime:
    return datetime.now(UTC)
