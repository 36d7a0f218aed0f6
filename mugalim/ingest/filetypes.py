"""What a file is, decided by its content (magic bytes), never by its name; and whether it can be taken.

Accepted (spec/data-layout.md): PDF, TIFF (multi-page too), PNG, JPEG, MP4. Everything else, and every file of an
accepted type that is empty, truncated, password-protected or would decompress to an absurd number of pixels, is
refused with a `RejectedInput` whose message is the reason a person reads in `<name>.reason.txt`.

Images are checked from their headers only: no pixel data is decoded here, so a PNG that claims 100 000 × 100 000
pixels costs a few bytes of reading, not 30 GB of memory.
"""
from __future__ import annotations

import logging
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mugalim.errors import RejectedInput, UnreadableDocument

ACCEPTED = ("pdf", "tiff", "png", "jpeg", "mp4")
# A4 at 1200 dpi is 139 megapixels; nothing a scanner or a phone makes for this contest comes near 200.
MAX_PIXELS = 200_000_000
HEAD_BYTES = 4096
EXTENSIONS = {
    "pdf": {".pdf"},
    "tiff": {".tif", ".tiff"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "mp4": {".mp4", ".m4v"},
}
_NAMES = {"pdf": "PDF", "tiff": "TIFF", "png": "PNG", "jpeg": "JPEG", "mp4": "MP4"}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"}


@dataclass(frozen=True)
class FileType:
    """An accepted file: its kind, its page count (PDF, TIFF; 1 for a single image), and a note for people
    when something is odd but harmless (a JPEG whose name ends `.pdf`)."""

    kind: str
    pages: int | None = None
    note: str | None = None


def sniff(path: Path, *, max_pixels: int = MAX_PIXELS) -> FileType:
    """The accepted type of the regular file at `path`, or RejectedInput saying why it cannot be taken."""
    size = path.stat().st_size
    if size == 0:
        raise RejectedInput("empty file (0 bytes)")
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
        kind = _describe_zip(f) if head[:4] == b"PK\x03\x04" else kind_of(head)
        if kind not in ACCEPTED:
            raise RejectedInput(f"not an accepted file type (PDF, TIFF, PNG, JPEG, MP4): the content is {kind}")
        try:
            pages = _CHECKS[kind](f, path, size, max_pixels)
        except (struct.error, ValueError, OverflowError) as e:    # a header too damaged to even measure
            raise UnreadableDocument(f"damaged {_NAMES[kind]}: {type(e).__name__}: {_short(e)}") from e
    return FileType(kind=kind, pages=pages, note=_name_note(path, kind))


def kind_of(head: bytes) -> str:
    """An accepted kind (`pdf`, `tiff`, …) or a description of what the content is for the reason text."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[4:8] == b"ftyp":
        return _ftyp_kind(head)
    return _describe_other(head)


def _ftyp_kind(head: bytes) -> str:
    brand = head[8:12]
    if brand in _HEIF_BRANDS:
        return "a HEIC/HEIF photo (convert it to JPEG)"
    if brand == b"qt  ":
        return "a QuickTime .mov video (convert it to MP4)"
    return "mp4"


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program (.exe)"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _describe_other(head: bytes) -> str:
    if head[:4] == b"PK\x03\x04":
        if b"word/" in head:
            return "a Word document (.docx)"
        if b"xl/" in head:
            return "an Excel workbook (.xlsx)"
        return "a ZIP archive (or an Office document)"
    if head[:4] == b"RIFF":
        return "a WebP image" if head[8:12] == b"WEBP" else "a RIFF file (AVI/WAV)"
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "plain text"
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 3:      # a multi-byte character cut by the head's end
                return "plain text"
    return "not a recognized format"


def _describe_zip(f: BinaryIO) -> str:
    """Which kind of ZIP: a Word document, an Excel workbook, or a plain archive (from its list of members)."""
    import zipfile

    try:
        names = zipfile.ZipFile(f).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a damaged ZIP archive (or Office document)"
    if any(n.startswith("word/") for n in names):
        return "a Word document (.docx)"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)"
    return "a ZIP archive"


def _name_note(path: Path, kind: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS[kind]:
        return None
    named = f"named '{suffix}'" if suffix else "named without an extension"
    return f"{named} but the content is {_NAMES[kind]}: taken as {_NAMES[kind]}"


# --- PDF ---------------------------------------------------------------------------------------------------------

def _check_pdf(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int:
    f.seek(max(0, size - 2048))
    if b"%%EOF" not in f.read():
        raise UnreadableDocument("truncated PDF: the end-of-file marker (%%EOF) is missing")
    from pypdf import PdfReader, PasswordType

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UnreadableDocument("password-protected PDF: it cannot be opened without its password")
        pages = len(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as e:  # pypdf raises many kinds of errors on damaged files
        raise UnreadableDocument(f"damaged PDF: {type(e).__name__}: {_short(e)}") from e
    if pages == 0:
        raise UnreadableDocument("PDF with no pages")
    return pages


# --- images ------------------------------------------------------------------------------------------------------

def _refuse_if_huge(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise UnreadableDocument(f"image header gives impossible dimensions {width}×{height}")
    if width * height > max_pixels:
        raise RejectedInput(
            f"image of {width}×{height} pixels ({width * height / 1e6:,.0f} megapixels) is above the limit of "
            f"{max_pixels / 1e6:,.0f} megapixels: refused without decoding it")


def _check_png(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    f.seek(8)
    chunk = f.read(24)
    if len(chunk) < 16 or chunk[4:8] != b"IHDR":
        raise UnreadableDocument("damaged PNG: the IHDR header is missing")
    width, height = struct.unpack(">II", chunk[8:16])
    _refuse_if_huge(width, height, max_pixels)
    _pil_verify(path, "PNG")          # chunk CRCs and IEND, without decompressing the pixels
    return 1


def _check_jpeg(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    width, height, scan_at = _jpeg_frame(f)
    _refuse_if_huge(width, height, max_pixels)
    f.seek(max(scan_at, size - 65536))
    tail = f.read()
    if b"\xff\xd9" not in tail:
        raise UnreadableDocument("truncated JPEG: the end-of-image marker is missing")
    return 1


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_frame(f: BinaryIO) -> tuple[int, int, int]:
    """(width, height, offset of the first scan) from the JPEG markers, reading only the marker segments."""
    f.seek(2)
    width = height = None
    while True:
        b = f.read(1)
        while b == b"\xff":
            b = f.read(1)
        if not b:
            raise UnreadableDocument("truncated JPEG: the file ends inside its headers")
        marker = b[0]
        if marker in (0x01, *range(0xD0, 0xD8)):
            continue
        raw = f.read(2)
        if len(raw) < 2:
            raise UnreadableDocument("truncated JPEG: the file ends inside its headers")
        length = struct.unpack(">H", raw)[0]
        if length < 2:
            raise UnreadableDocument("damaged JPEG: a marker segment has an impossible length")
        if marker in _SOF:
            seg = f.read(5)
            if len(seg) < 5:
                raise UnreadableDocument("truncated JPEG: the file ends inside its headers")
            height, width = struct.unpack(">HH", seg[1:5])
            f.seek(length - 7, 1)
        elif marker == 0xDA:
            if width is None or height is None:
                raise UnreadableDocument("damaged JPEG: image data begins before the frame header")
            return width, height, f.tell()
        else:
            f.seek(length - 2, 1)


def _check_tiff(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    """Every page (IFD) is checked: its dimensions, and that its image data lies inside the file."""
    from PIL import Image

    _refuse_if_huge(*_tiff_first_page_size(f), max_pixels)      # before Pillow's own, less clear, bomb check
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as im:
                frames = getattr(im, "n_frames", 1)
                for i in range(frames):
                    im.seek(i)
                    _refuse_if_huge(im.size[0], im.size[1], max_pixels)
                    _tiff_data_inside(im.tag_v2, size, page=i + 1)
        except RejectedInput:
            raise
        except Image.DecompressionBombError as e:
            raise RejectedInput(f"image too large, refused without decoding it: {_short(e)}") from e
        except Exception as e:
            raise UnreadableDocument(f"damaged TIFF: {type(e).__name__}: {_short(e)}") from e
    return frames


def _tiff_first_page_size(f: BinaryIO) -> tuple[int, int]:
    """(width, height) from the first IFD of a classic TIFF, reading a few hundred bytes."""
    f.seek(0)
    order = "<" if f.read(2) == b"II" else ">"
    f.seek(4)
    raw = f.read(4)
    if len(raw) < 4:
        raise UnreadableDocument("truncated TIFF: the file ends inside its header")
    f.seek(struct.unpack(order + "I", raw)[0])
    count_raw = f.read(2)
    if len(count_raw) < 2:
        raise UnreadableDocument("truncated TIFF: the first page's directory is missing")
    size: dict[int, int] = {}
    for _ in range(struct.unpack(order + "H", count_raw)[0]):
        entry = f.read(12)
        if len(entry) < 12:
            raise UnreadableDocument("truncated TIFF: the file ends inside the first page's directory")
        tag, typ = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            size[tag] = struct.unpack(order + ("H" if typ == 3 else "I"), entry[8:10] if typ == 3 else entry[8:12])[0]
    if 256 not in size or 257 not in size:
        raise UnreadableDocument("damaged TIFF: the first page has no width or height")
    return size[256], size[257]


def _tiff_data_inside(tags: object, size: int, *, page: int) -> None:
    get = getattr(tags, "get")
    offsets = get(273) or get(324) or ()
    counts = get(279) or get(325) or ()
    for off, n in zip(_as_tuple(offsets), _as_tuple(counts)):
        if off + n > size:
            raise UnreadableDocument(f"truncated TIFF: the image data of page {page} runs past the end of the file")


def _as_tuple(v: object) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, (tuple, list)) else (int(v),)  # type: ignore[arg-type]


def _pil_verify(path: Path, name: str) -> None:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as im:
                im.verify()
        except Exception as e:
            raise UnreadableDocument(f"damaged {name}: {type(e).__name__}: {_short(e)}") from e


# --- MP4 ---------------------------------------------------------------------------------------------------------

def _check_mp4(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    """Walk the top-level boxes: they must tile the file exactly and include the `moov` index."""
    pos, seen = 0, set()
    while pos < size:
        f.seek(pos)
        hdr = f.read(16)
        if len(hdr) < 8:
            raise UnreadableDocument("truncated MP4: the file ends inside a box header")
        box_size, box_type = struct.unpack(">I4s", hdr[:8])
        if box_size == 1:
            if len(hdr) < 16:
                raise UnreadableDocument("truncated MP4: the file ends inside a box header")
            box_size = struct.unpack(">Q", hdr[8:16])[0]
        elif box_size == 0:
            box_size = size - pos
        if box_size < 8 or pos + box_size > size:
            raise UnreadableDocument(f"truncated MP4: box '{box_type.decode('latin-1')}' runs past the end of the file")
        seen.add(box_type)
        pos += box_size
    if b"moov" not in seen:
        raise UnreadableDocument("incomplete MP4: the 'moov' index box is missing")
    return None


def _short(e: BaseException, limit: int = 160) -> str:
    text = " ".join(str(e).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CHECKS = {"pdf": _check_pdf, "tiff": _check_tiff, "png": _check_png, "jpeg": _check_jpeg, "mp4": _check_mp4}
