"""Copies that survive a crash: into `archive/` (byte for byte, verified by SHA-256) or into `quarantine/` with a
`<name>.reason.txt` beside it. The inbox is only ever read.

Write order for every copy: a temporary name in the destination folder → fsync → verify the copy's SHA-256 →
rename to the final name → fsync the folder. A kill at any moment leaves either no final file or a complete,
verified one (plus perhaps a stale temporary file of ours, which the next copy to that name clears).

Names (issue 16 item 3): a file system refuses a name over NAME_MAX (255) bytes. A temporary name is therefore of
fixed length (`.<16 hex of the final name's SHA-256>.<pid>.mugalim-part`), and a final name is made short enough
(`safe_dest`) that the suffixes this module adds to it — `.<sha8>` for a second content under one name, then
`.reason.txt` beside a quarantined file — still fit.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from mugalim.errors import TransientError

CHUNK = 1 << 20
TEMP_SUFFIX = ".mugalim-part"
REASON_SUFFIX = ".reason.txt"
NAME_MAX = 255                          # bytes in one path component (ext4, XFS, Btrfs, tmpfs)
_COPY_TAG_BYTES = len(".12345678")      # what `_free_name` may add
MAX_NAME_BYTES = NAME_MAX - _COPY_TAG_BYTES - len(REASON_SUFFIX)      # 235
MAX_EXT_BYTES = 16                      # a longer "extension" is no extension: it is part of the stem


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
    tmp = temp_path(dest)
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
    tmp = temp_path(path)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def reason_path(dest: Path) -> Path:
    return dest.with_name(dest.name + REASON_SUFFIX)


def safe_dest(root: Path, rel: str) -> Path:
    """Where the inbox file `rel` (a path inside its batch) goes under `root`: the same folders, and its own name
    unless that is too long (`safe_name`). Folder names are kept, nothing is ever added to them — except that a
    folder name that is not valid UTF-8 is written as UTF-8 like a file's (`utf8_name`)."""
    parent, _, name = rel.rpartition("/")
    folders = [safe_name(part) if not is_utf8(part) else part for part in parent.split("/")] if parent else []
    return root.joinpath(*folders) / safe_name(name)


def is_utf8(name: str) -> bool:
    """False for a name whose bytes are not valid UTF-8 (os.fsdecode gave it surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def utf8_name(name: str) -> str:
    """`name` with each byte that is not UTF-8 (a surrogate escape: a name written in CP1251 or CP866 by an old
    tool) written as `%XX` (issue 16 item 10): a name any file system, share, database and terminal takes, from
    which the original bytes can be read back. A valid name is returned as it is."""
    if is_utf8(name):
        return name
    return "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else c for c in name)


def safe_name(name: str) -> str:
    """`name` as UTF-8 (`utf8_name`), or when its bytes are more than MAX_NAME_BYTES, `<its stem cut
    short>~<8 hex><its extension>`.

    The 8 hex are the start of the SHA-256 of the whole original name, so two long names that share their first
    200 bytes still get two names; the same name always gets the same one (a run started again finds its copy).
    The stem is cut between characters — never inside a multi-byte Cyrillic or Kazakh letter, nor before a
    combining mark."""
    original = _name_bytes(name)
    name = utf8_name(name)
    raw = _name_bytes(name)
    if len(raw) <= MAX_NAME_BYTES:
        return name
    ext = PurePosixPath(name).suffix
    if len(_name_bytes(ext)) > MAX_EXT_BYTES:
        ext = ""
    tag = "~" + hashlib.sha256(original).hexdigest()[:8]
    stem = name[: len(name) - len(ext)]
    return _cut(stem, MAX_NAME_BYTES - len(_name_bytes(tag + ext))) + tag + ext


def _name_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _cut(text: str, limit: int) -> str:
    """The longest start of `text` of at most `limit` bytes that ends between two whole characters."""
    used, end = 0, 0
    for ch in text:
        size = len(_name_bytes(ch))
        if used + size > limit:
            break
        used, end = used + size, end + 1
    while 0 < end < len(text) and unicodedata.combining(text[end]):
        end -= 1
    return text[:end]


def temp_path(dest: Path) -> Path:
    """The temporary name of a copy being written to `dest`: its length never depends on `dest`'s name."""
    return dest.with_name(f".{_temp_key(dest.name)}.{os.getpid()}{TEMP_SUFFIX}")


def _temp_key(name: str) -> str:
    return hashlib.sha256(_name_bytes(name)).hexdigest()[:16]


def _clear_stale_temps(dest: Path) -> None:
    """Our own temporary files for this name, left by a run that was killed (only one ingest runs at a time); and
    those named the way they were before issue 16 (`.<name>.<pid>.mugalim-part`), from a run of an older version."""
    patterns = (f".{_temp_key(dest.name)}.*{TEMP_SUFFIX}", f".{_glob_escape(dest.name)}.*{TEMP_SUFFIX}")
    for pattern in patterns:
        for stale in dest.parent.glob(pattern):
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
