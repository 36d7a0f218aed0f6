"""ZIP archives (issue 18): a ZIP holding one dossier's files, and the ZIP container of a DOCX or ODT document.

Everything that decides whether a ZIP may be opened is here, in one place (`inspect`, `check_container`):
- limits on what it unpacks to, from its central directory, before a byte is unpacked: the total size over every
  level, the number of members, the ratio of unpacked to packed size (a ZIP bomb packs gigabytes of zeros into
  kilobytes), and the depth of ZIPs inside it (`ZipLimits`). Python's `zipfile` never unpacks more than a member's
  declared size (more data fails its CRC), so checking the declared sizes bounds the real work;
- each member's name: decoded the way the archiver wrote it (UTF-8 when the ZIP says so with flag bit 11, or in
  the Info-ZIP Unicode path field; otherwise valid UTF-8 as is, else CP866 — what Windows archivers write for
  Cyrillic names in Kazakhstan and Russia — when that gives letters, else CP437 as `zipfile` reads it), and refused
  with a reason when it would leave the folder it is unpacked into (`../`, an absolute path, a drive letter), is a
  symbolic link or another special file, or is password-protected.

A whole-ZIP problem raises `RejectedInput` (the ZIP is quarantined with the reason); a member's problem is that
member's `refusal` (that member is quarantined, the others are taken).
"""
from __future__ import annotations

import hashlib
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from mugalim.errors import RejectedInput
from mugalim.messages import Message, reason_of

MiB = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """What one ZIP dropped into the inbox may unpack to. The defaults take any real dossier (a one-minute phone
    video is 100–300 MB) and refuse what only a ZIP bomb or a mistake makes."""

    max_total_bytes: int = 2 << 30        # unpacked, over every level of ZIPs inside
    max_members: int = 1000               # files, over every level
    max_ratio: float = 200.0              # unpacked ÷ packed, for a member (or the whole ZIP) …
    ratio_floor: int = 16 * MiB           # … that unpacks to more than this (a blank page may pack 1000:1)
    max_depth: int = 1                    # ZIPs inside the ZIP are unpacked; a ZIP inside those is refused


LIMITS = ZipLimits()
#: what Windows and macOS add to a folder they pack: skipped, never a file of the dossier
SYSTEM_FILES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"}
_UNICODE_PATH_FIELD = 0x7075


@dataclass(frozen=True)
class Member:
    """One entry of a ZIP. `path` is where it is unpacked, relative to the ZIP's folder (always safe: no `..`, not
    absolute); `name` is its name as decoded, for people. `refusal` says why it is not unpacked; `skipped` marks a
    system file (`.DS_Store`, `__MACOSX/…`) that is left out silently; `nested` a ZIP inside the ZIP."""

    name: str
    path: str
    info: zipfile.ZipInfo
    refusal: str | None = None
    skipped: bool = False
    nested: bool = False


@dataclass(frozen=True)
class Inventory:
    members: tuple[Member, ...]
    total_bytes: int          # what the taken members unpack to, ZIPs inside included
    files: int                # how many files, ZIPs inside included


# --- names ---------------------------------------------------------------------------------------------------------

def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the archiver meant it (see the module's doc), NFC-normalized."""
    if info.flag_bits & 0x800:
        return unicodedata.normalize("NFC", info.filename)
    raw = info.orig_filename.encode("cp437", "replace")     # zipfile read the bytes as CP437: undo it
    name = _unicode_path_field(info, raw) or _decode_legacy(raw)
    return unicodedata.normalize("NFC", name)


def _unicode_path_field(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (0x7075): the UTF-8 name, valid while its CRC matches the raw name."""
    extra = info.extra
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack("<HH", extra[i:i + 4])
        body = extra[i + 4:i + 4 + size]
        if tag == _UNICODE_PATH_FIELD and len(body) > 5 and body[0] == 1:
            if struct.unpack("<I", body[1:5])[0] == zlib.crc32(raw) & 0xFFFFFFFF:
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def _decode_legacy(raw: bytes) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")            # many archivers write UTF-8 without setting flag bit 11
    except UnicodeDecodeError:
        pass
    cp866 = raw.decode("cp866")
    if all(ch.isascii() or _cyrillic_or_sign(ch) for ch in cp866):
        return cp866
    return raw.decode("cp437")


def _cyrillic_or_sign(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or ch in "№«»–—"


_DRIVE = re.compile(r"^[A-Za-z]:")


def safe_path(name: str) -> tuple[str, str | None]:
    """(the path to unpack `name` to, or a harmless stand-in; the reason it is refused, or None)."""
    text = name.replace("\\", "/")
    if any(ord(c) < 32 or c == "\x7f" for c in text):
        return _stand_in(text), Message("zip.control_chars", name=shown_name(name))
    if text.startswith("/") or _DRIVE.match(text):
        return _stand_in(text), Message("zip.absolute", name=shown_name(name))
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if ".." in parts:
        return _stand_in(text), Message("zip.traversal", name=shown_name(name))
    if not parts:
        return "unnamed", Message("zip.unnamed")
    return "/".join(parts), None


def _stand_in(text: str) -> str:
    parts = [p for p in text.replace(":", "_").split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "unnamed"


def shown_name(name: str, limit: int = 120) -> str:
    out = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)
    return out if len(out) <= limit else out[: limit - 1] + "…"


# --- limits --------------------------------------------------------------------------------------------------------

def _ratio_problem(unpacked: int, packed: int, limits: ZipLimits, what: str) -> str | None:
    if unpacked <= limits.ratio_floor:
        return None
    ratio = unpacked / max(packed, 1)
    if ratio <= limits.max_ratio:
        return None
    return Message("zip.bomb", what=what, mib=unpacked / MiB, packed=packed / MiB, ratio=ratio,
                   limit=limits.max_ratio)


def check_container(zf: zipfile.ZipFile, packed_size: int, *, what: str, limits: ZipLimits = LIMITS) -> None:
    """The limits for the ZIP container of a document (DOCX, ODT; `what` names its type, a `type.*` Message):
    RejectedInput when it is a bomb."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise RejectedInput(Message("zip.parts", what=what, n=len(infos), limit=limits.max_members))
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        raise RejectedInput(Message("zip.parts_total", what=what, mib=total / MiB, limit=limits.max_total_bytes / MiB))
    for i in infos:
        if problem := _ratio_problem(i.file_size, i.compress_size, limits, f"its part '{shown_name(i.filename)}'"):
            raise RejectedInput(Message("zip.container", what=what, why=problem))
    if problem := _ratio_problem(total, packed_size, limits, "it"):
        raise RejectedInput(Message("zip.container", what=what, why=problem))


def inspect(source: Path | BinaryIO, *, limits: ZipLimits = LIMITS, depth: int = 0,
            budget: tuple[int, int] | None = None) -> Inventory:
    """The members of the ZIP at `source`, each taken or refused with its reason; RejectedInput when the whole ZIP
    cannot be taken (damaged, empty, a bomb, over a limit). ZIPs inside it are opened and counted against the same
    limits (to `limits.max_depth`). `budget` (bytes, files) is what an enclosing ZIP has used already."""
    used_bytes, used_files = budget or (0, 0)
    try:
        with _open(source) as (zf, packed):
            members = _members(zf, limits, depth)
            taken = [m for m in members if m.refusal is None and not m.skipped]
            files, total = used_files + len(taken), used_bytes + sum(m.info.file_size for m in taken)
            _check_totals(files, total, packed, limits, depth, taken)
            out: list[Member] = []
            for m in members:
                if m.refusal is None and not m.skipped and _is_zip(zf, m.info):
                    m, total, files = _nested(zf, m, limits, depth, total, files)
                out.append(m)
            return Inventory(tuple(out), total, files)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, NotImplementedError,
            zlib.error) as e:                  # an OSError is the machine's (a disk), never the ZIP's: it goes up
        raise RejectedInput(Message("ingest.damaged", what=Message("type.zip"),
                                    detail=f"{type(e).__name__}: {_short(e)}")) from e


@contextmanager
def _open(source: Path | BinaryIO) -> Iterator[tuple[zipfile.ZipFile, int]]:
    if isinstance(source, Path):
        with zipfile.ZipFile(source) as zf:
            yield zf, source.stat().st_size
    else:
        source.seek(0, 2)
        size = source.tell()
        source.seek(0)
        with zipfile.ZipFile(source) as zf:
            yield zf, size


def _members(zf: zipfile.ZipFile, limits: ZipLimits, depth: int) -> list[Member]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise RejectedInput(Message("zip.entries", n=len(infos), limit=limits.max_members))
    members: list[Member] = []
    seen: set[str] = set()
    for info in infos:
        if info.is_dir():
            continue
        name = member_name(info)
        path, refusal = safe_path(name)
        parts = path.split("/")
        skipped = refusal is None and (parts[0] == "__MACOSX" or parts[-1].lower() in SYSTEM_FILES
                                       or parts[-1].startswith("._"))
        if refusal is None and not skipped:
            refusal = _entry_refusal(info, name)
        if refusal is None and not skipped and path.casefold() in seen:
            refusal = Message("zip.same_name", name=shown_name(name))
        if refusal is not None:                     # its stand-in path must not be another member's
            base, n = path, 1
            while path.casefold() in seen:
                n += 1
                path = f"{base}~{n}"
        seen.add(path.casefold())
        members.append(Member(name, path, info, refusal, skipped))
    if not any(m.refusal is None and not m.skipped for m in members) and not any(m.refusal for m in members):
        raise RejectedInput(Message("zip.empty"))
    return members


def _entry_refusal(info: zipfile.ZipInfo, name: str) -> str | None:
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode) and not stat.S_ISREG(mode):      # no type bits: a file
        what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
        return Message("zip.link", name=shown_name(name), what=what)
    if info.flag_bits & 0x1:
        return Message("zip.member_password", name=shown_name(name))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        method = {9: "Deflate64", 98: "PPMd", 99: "AES", 93: "Zstandard"}.get(info.compress_type,
                                                                            f"method {info.compress_type}")
        return Message("zip.method", name=shown_name(name), method=method)
    return None


def _check_totals(files: int, total: int, packed: int, limits: ZipLimits, depth: int,
                  taken: list[Member]) -> None:
    if files > limits.max_members:
        raise RejectedInput(Message("zip.files", n=files, limit=limits.max_members))
    if total > limits.max_total_bytes:
        raise RejectedInput(Message("zip.total", mib=total / MiB, limit=limits.max_total_bytes / MiB))
    for m in taken:
        if problem := _ratio_problem(m.info.file_size, m.info.compress_size, limits, f"'{shown_name(m.name)}'"):
            raise RejectedInput(problem)
    own = sum(m.info.file_size for m in taken)
    if problem := _ratio_problem(own, packed, limits, "the ZIP" if depth == 0 else "a ZIP inside it"):
        raise RejectedInput(problem)


def _is_zip(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A member that is itself a plain ZIP (not a DOCX or ODT, which are ZIPs too)."""
    if info.file_size < 22:
        return False
    from mugalim.ingest.filetypes import zip_kind
    try:
        with zf.open(info) as f:
            if f.read(4) != b"PK\x03\x04":
                return False
        with _spooled(zf, info) as spool:
            return zip_kind(spool) == "zip"
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError):
        return False                        # a damaged member: its unpacking fails, and it alone is refused


@contextmanager
def _spooled(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[BinaryIO]:
    with tempfile.SpooledTemporaryFile(max_size=64 * MiB) as spool, zf.open(info) as f:
        while chunk := f.read(MiB):
            spool.write(chunk)
        spool.seek(0)
        yield spool  # type: ignore[misc]


def _nested(zf: zipfile.ZipFile, m: Member, limits: ZipLimits, depth: int, total: int,
            files: int) -> tuple[Member, int, int]:
    """A ZIP inside the ZIP: refused past the depth limit, else its members are counted against the limits."""
    if depth + 1 > limits.max_depth:
        return (Member(m.name, m.path, m.info, Message("zip.nested_deep", name=shown_name(m.name), depth=depth + 1,
                                                       limit=limits.max_depth), nested=True),
                total - m.info.file_size, files - 1)
    with _spooled(zf, m.info) as spool:
        try:
            inner = inspect(spool, limits=limits, depth=depth + 1, budget=(total, files))
        except RejectedInput as e:
            raise RejectedInput(Message("zip.inner", name=shown_name(m.name), why=reason_of(e))) from e
    return Member(m.name, m.path, m.info, nested=True), inner.total_bytes, inner.files


# --- unpacking -----------------------------------------------------------------------------------------------------

class MemberUnreadable(Exception):
    """A member's data cannot be unpacked (a bad CRC, data cut short): that member is quarantined."""


def extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, *, chunk: int = MiB) -> tuple[str, int]:
    """Unpack one member to `dest` (a new file), returning (SHA-256, size). MemberUnreadable when its data is
    damaged; never more than the member's declared size is written."""
    h, size = hashlib.sha256(), 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zf.open(info) as src, open(dest, "wb") as out:
            while data := src.read(chunk):
                size += len(data)
                if size > info.file_size:
                    raise MemberUnreadable("its data is longer than its declared size")
                h.update(data)
                out.write(data)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError, RuntimeError) as e:
        dest.unlink(missing_ok=True)
        raise MemberUnreadable(f"its data is damaged ({_short(e)})") from e
    except MemberUnreadable:
        dest.unlink(missing_ok=True)
        raise
    return h.hexdigest(), size


def suffix_of(path: str) -> str:
    return PurePosixPath(path).suffix


def _short(e: BaseException, limit: int = 160) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
