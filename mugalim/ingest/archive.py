"""Copies that survive a crash: into `archive/` (byte for byte, verified by SHA-256) or into `quarantine/` with a
`<name>.reason.txt` beside it. The inbox is only ever read.

Write order for every copy: a temporary name in the destination folder → fsync → verify the copy's SHA-256 →
rename to the final name → fsync the folder. A kill at any moment leaves either no final file or a complete,
verified one (plus perhaps a stale temporary file of ours, which the next copy to that name clears).
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mugalim.errors import TransientError

CHUNK = 1 << 20
TEMP_SUFFIX = ".mugalim-part"


class SourceChanged(Exception):
    """The inbox file changed while it was being read: it is left for a later run."""


def file_sha256(path: Path) -> tuple[str, int]:
    """(hex SHA-256, size) of a regular file, opened without following a symbolic link."""
    h, size = hashlib.sha256(), 0
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def store_copy(src: Path, dest: Path, sha256: str) -> Path:
    """Copy `src` to `dest` (or, if `dest` already holds other bytes, to a name with the hash in it) and return the
    path it is at. A `dest` that already holds exactly these bytes — a copy made by a run that was stopped before it
    registered the file — is kept as it is."""
    dest = _free_name(dest, sha256)
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_temps(dest)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}{TEMP_SUFFIX}")
    copied = _copy_hashing(src, tmp)
    if copied != sha256:
        os.unlink(tmp)
        raise SourceChanged(f"{src.name} changed while it was being read")
    verified, _ = file_sha256(tmp)
    if verified != sha256:
        os.unlink(tmp)
        raise TransientError(f"the copy of {src.name} does not match its SHA-256 after writing: disk problem?")
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)
    return dest


def _free_name(dest: Path, sha256: str) -> Path:
    """`dest` when it is free or already holds these bytes; else `<stem>.<sha8><suffix>`."""
    if not dest.exists() or file_sha256(dest)[0] == sha256:
        return dest
    return dest.with_name(f"{dest.stem}.{sha256[:8]}{dest.suffix}")


def _copy_hashing(src: Path, tmp: Path) -> str:
    h = hashlib.sha256()
    fd_in = os.open(src, os.O_RDONLY | os.O_NOFOLLOW)
    fd_out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd_in, "rb") as fin, os.fdopen(fd_out, "wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return h.hexdigest()


def write_text_atomic(path: Path, text: str) -> None:
    """Write a small text file (a reason) under a temporary name, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_temps(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def reason_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".reason.txt")


def _clear_stale_temps(dest: Path) -> None:
    """Our own temporary files for this name, left by a run that was killed (only one ingest runs at a time)."""
    for stale in dest.parent.glob(f".{_glob_escape(dest.name)}.*{TEMP_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """One ingest at a time per data folder (the command and an Airflow task may both start one). The kernel
    releases the lock when the process dies, even by SIGKILL."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                raise TransientError(f"another ingest is running on this data folder ({lock_file})") from None
            raise
        yield
    finally:
        os.close(fd)
