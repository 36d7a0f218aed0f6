"""What a file is, decided by its content (magic bytes), never by its name; and whether it can be taken.

Accepted (spec/data-layout.md): PDF, TIFF (multi-page too), PNG, JPEG, HEIC/HEIF (phone photos), DOCX and ODT
(typed documents: the ZIP container's `[Content_Types].xml` or `mimetype` member says which, not the name), MP4,
videos in MOV, AVI or MKV (item 1.7 reports their container), and a ZIP holding one dossier's files (`zips.py`
checks its limits and unpacks it). Everything else, and every file of an accepted type that is empty, truncated,
password-protected or would decompress to an absurd number of pixels or bytes, is refused with a `RejectedInput`
whose message is the reason a person reads in `<name>.reason.txt`.

Images are checked from their headers only: no pixel data is decoded here, so a PNG that claims 100 000 × 100 000
pixels costs a few bytes of reading, not 30 GB of memory.
"""
from __future__ import annotations

import logging
import re
import struct
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mugalim.errors import RejectedInput, TransientError, UnreadableDocument
from mugalim.messages import Message, Seq
from mugalim.limits import MAX_IMAGE_PIXELS

ACCEPTED = ("pdf", "tiff", "png", "jpeg", "heic", "docx", "odt", "mp4", "mov", "avi", "mkv", "zip")
VIDEOS = ("mp4", "mov", "avi", "mkv")
MAX_PIXELS = MAX_IMAGE_PIXELS          # mugalim/limits.py: Pillow's own limit is set from it there
HEAD_BYTES = 4096
EXTENSIONS = {
    "pdf": {".pdf"},
    "tiff": {".tif", ".tiff"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "heic": {".heic", ".heif", ".hif"},
    "docx": {".docx", ".dotx"},
    "odt": {".odt", ".ott"},
    "mp4": {".mp4", ".m4v"},
    "mov": {".mov", ".qt"},
    "avi": {".avi"},
    "mkv": {".mkv"},
    "zip": {".zip"},
}
_NAMES = {kind: Message(f"type.{kind}") for kind in ACCEPTED}       # "PDF", "Word document (.docx)", … (catalog)
ACCEPTED_TEXT = "PDF, TIFF, PNG, JPEG, HEIC, DOCX, ODT, MP4, MOV, AVI, MKV, ZIP"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
ODT_TYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")


@dataclass(frozen=True)
class FileType:
    """An accepted file: its kind, its page count (PDF, TIFF; 1 for a single image), and a note for people
    when something is odd but harmless (a JPEG whose name ends `.pdf`) or worth knowing before it is opened (a PDF
    that is a ZIP archive too, a PDF with JavaScript); several are joined by `; `."""

    kind: str
    pages: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class _Checked:
    """What a check returns when it has notes besides the page count (a PDF's)."""

    pages: int | None
    notes: tuple[str, ...] = ()


def sniff(path: Path, *, max_pixels: int = MAX_PIXELS) -> FileType:
    """The accepted type of the regular file at `path`, or RejectedInput saying why it cannot be taken."""
    size = path.stat().st_size
    if size == 0:
        raise RejectedInput(Message("ingest.empty"))
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
        kind = zip_kind(f) if head[:4] == b"PK\x03\x04" else kind_of(head)
        if kind not in ACCEPTED:
            raise RejectedInput(Message("ingest.not_accepted", accepted=ACCEPTED_TEXT, content=kind))
        try:
            checked = _CHECKS[kind](f, path, size, max_pixels)
        except (struct.error, ValueError, OverflowError) as e:    # a header too damaged to even measure
            raise _bad("damaged", _NAMES[kind], f"{type(e).__name__}: {_short(e)}") from e
    pages, notes = (checked.pages, checked.notes) if isinstance(checked, _Checked) else (checked, ())
    note = Seq(n for n in (_name_note(path, kind), *notes) if n) or None     # said in kk/ru where the catalog has it
    return FileType(kind=kind, pages=pages, note=note)


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
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _ebml_kind(head)
    return _describe_other(head)


def _ftyp_kind(head: bytes) -> str:
    brand = head[8:12]
    if brand in _HEIF_BRANDS:
        return "heic"
    if brand in _AVIF_BRANDS:
        return Message("content.avif")
    if brand == b"qt  ":
        return "mov"
    return "mp4"


def _ebml_kind(head: bytes) -> str:
    """Matroska and WebM share the EBML header; its DocType says which."""
    if b"webm" in head[:64]:
        return Message("content.webm")
    return "mkv"


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", Message("content.exe")),
    (b"\x7fELF", Message("content.elf")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Message("content.old_office")),
    (b"{\\rtf", Message("content.rtf")),
    (b"GIF87a", Message("content.gif")),
    (b"GIF89a", Message("content.gif")),
    (b"BM", Message("content.bmp")),
    (b"Rar!", Message("content.rar")),
    (b"7z\xbc\xaf\x27\x1c", Message("content.7z")),
    (b"\x1f\x8b", Message("content.gzip")),
)


def _describe_other(head: bytes) -> str:
    if head[:4] == b"RIFF":
        return Message("content.webp") if head[8:12] == b"WEBP" else Message("content.riff")
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return Message("content.text")
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 3:      # a multi-byte character cut by the head's end
                return Message("content.text")
    return Message("content.unknown")


_OOXML_OTHER = (("spreadsheetml", Message("content.xlsx")), ("presentationml", Message("content.pptx")),
                ("ms-word.document.macroEnabled", Message("content.docm")),
                ("ms-word.template.macroEnabled", Message("content.dotm")),
                ("ms-excel", Message("content.excel")), ("ms-powerpoint", Message("content.powerpoint")))
_ODF_OTHER = (("spreadsheet", Message("content.ods")), ("presentation", Message("content.odp")))
MAX_TYPES_XML = 1 << 20


def zip_kind(f: BinaryIO) -> str:
    """Which kind of ZIP, from its members (never its name): `docx` (its `[Content_Types].xml` declares a Word main
    document), `odt` (its `mimetype` member says OpenDocument text), `zip` (an archive of files), or a description of
    another Office document or of a damaged ZIP."""
    try:
        zf = zipfile.ZipFile(f)
        names = set(zf.namelist())
        if "mimetype" in names:
            mime = zf.read("mimetype")[:200].decode("ascii", "replace").strip()
            if mime in ODT_TYPES:
                return "odt"
            for key, what in _ODF_OTHER:
                if mime.startswith("application/vnd.oasis.opendocument." + key):
                    return what
        if "[Content_Types].xml" in names:
            info = zf.getinfo("[Content_Types].xml")
            if info.file_size > MAX_TYPES_XML:
                return Message("content.office_types_too_large")
            types = zf.read(info).decode("utf-8", "replace")
            declared = set(re.findall(r'ContentType="([^"]+)"', types))
            if declared & {WORD_MAIN, WORD_TEMPLATE}:
                return "docx"
            for key, what in _OOXML_OTHER:
                if any(key in t for t in declared):
                    return what
            if any(n.startswith("word/") for n in names):
                return Message("content.docx_no_main")
            return Message("content.office_unknown")
        if any(n.startswith("word/") for n in names):
            return Message("content.docx_no_types")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, KeyError, RuntimeError):
        return Message("content.damaged_zip")
    return "zip"


def _name_note(path: Path, kind: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS[kind]:
        return None
    if suffix:
        return Message("ingest.named_as", suffix=suffix, what=_NAMES[kind])
    return Message("ingest.named_without", what=_NAMES[kind])


# --- PDF ---------------------------------------------------------------------------------------------------------

def _check_pdf(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> _Checked:
    f.seek(max(0, size - 2048))
    if b"%%EOF" not in f.read():
        raise _bad("truncated", _NAMES["pdf"], "the end-of-file marker (%%EOF) is missing")
    from pypdf import PdfReader, PasswordType

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise _bad("password", _NAMES["pdf"], "it cannot be opened without its password")
        pages = len(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as e:  # pypdf raises many kinds of errors on damaged files
        raise _bad("damaged", _NAMES["pdf"], f"{type(e).__name__}: {_short(e)}") from e
    if pages == 0:
        raise UnreadableDocument(Message("ingest.no_pages"))
    notes = (_also_a_zip(f), _active_content(reader))
    return _Checked(pages, tuple(n for n in notes if n))


def _also_a_zip(f: BinaryIO) -> str | None:
    """A note when the PDF is a ZIP archive too (issue 16, minor): a PDF/ZIP polyglot — `%PDF` at its start, a ZIP
    central directory at its end — opens as a document in a viewer and as an archive in an archiver. It is taken
    as the PDF it is; what the ZIP holds is neither unpacked nor checked, and a person should know that."""
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as zf:
            entries = len(zf.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        return None
    if entries == 0:
        return None
    return (f"also a ZIP archive ({entries} entr{'y' if entries == 1 else 'ies'}): taken as a PDF; the ZIP's "
            f"contents are not unpacked nor checked — do not open it with an archiver")


# What a PDF may hold that a viewer runs, opens or sends when the PDF is opened or clicked (issue 16, minor), in the
# order the note names them: JavaScript (/S /JavaScript, a /JS script, the catalog's /Names /JavaScript tree),
# /Launch (starts a program or opens a file), an XFA form (/AcroForm /XFA: a form the viewer builds and scripts
# itself), embedded files (/Names /EmbeddedFiles, a file specification's /EF, a file-attachment annotation), web
# links (/S /URI) and forms that send their data to an address (/S /SubmitForm).
_ACTIVE = {"/JavaScript": "JavaScript", "/Launch": "a Launch action (it starts a program or opens a file)",
           "/XFA": "an XFA form (a form its viewer builds and may script)",
           "/EmbeddedFiles": "embedded files (not unpacked nor checked here)",
           "/URI": "links to web addresses (URI actions)",
           "/SubmitForm": "a form that sends its data to a web address (SubmitForm)"}
_ACTIVE_KEYS = {"/JS": "/JavaScript", "/JavaScript": "/JavaScript", "/XFA": "/XFA", "/EmbeddedFiles": "/EmbeddedFiles",
                "/EF": "/EmbeddedFiles"}
# Where no action lives, and which holds most of a big PDF's objects: not walked.
_INERT_KEYS = frozenset({"/Parent", "/Contents", "/Resources", "/Font", "/XObject", "/AP", "/Thumb", "/Metadata",
                         "/StructTreeRoot", "/ParentTree", "/K", "/ColorSpace", "/ExtGState", "/Pattern",
                         "/Shading", "/FontDescriptor", "/Widths"})
MAX_PDF_OBJECTS_WALKED = 100_000


def _active_content(reader: object) -> str | None:
    """A note when the PDF holds JavaScript, a Launch action, an XFA form, embedded files, web links or a form that
    submits itself (issue 16, minor; `_ACTIVE`) — a note, not a quarantine: such a PDF is still a document an
    applicant may well send (a certificate with a link, a form filled in Acrobat). The objects reachable from its
    catalog — /OpenAction, /AA of the catalog, pages, annotations and form fields, /Names, outlines —
    are walked (no stream is decoded, each object once, at most MAX_PDF_OBJECTS_WALKED). Nothing here runs it;
    the note tells the person who opens the original in a viewer that may."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [dict.get(getattr(reader, "trailer"), "/Root")]
    walked = 0
    while stack and walked < MAX_PDF_OBJECTS_WALKED:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            try:
                obj = obj.get_object()
            except Exception:  # noqa: BLE001 - a damaged object: the rest is still walked
                continue
        walked += 1
        if isinstance(obj, DictionaryObject):
            items = dict.items(obj)              # raw values: an indirect reference is followed once, above
            for key, value in items:
                if key in _ACTIVE_KEYS:         # a script, /Names /JavaScript or /EmbeddedFiles, /EF, /XFA
                    found.add(_ACTIVE_KEYS[key])
                elif key == "/S" and isinstance(value, NameObject) and value in _ACTIVE:
                    found.add(str(value))
                elif key == "/Subtype" and value == "/FileAttachment":
                    found.add("/EmbeddedFiles")
                if key not in _INERT_KEYS and isinstance(value, (IndirectObject, DictionaryObject, ArrayObject)):
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(v for v in list.__iter__(obj)
                         if isinstance(v, (IndirectObject, DictionaryObject, ArrayObject)))
    if not found:
        return None
    named = [_ACTIVE[k] for k in sorted(found, key=list(_ACTIVE).index)]
    what = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (f"the PDF holds {what}: taken as it is; nothing in it is run, opened or sent here, but a PDF viewer "
            f"opening the original may do so")


# --- images ------------------------------------------------------------------------------------------------------

def _refuse_if_huge(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise UnreadableDocument(Message("ingest.impossible_size", width=width, height=height))
    if width * height > max_pixels:
        raise RejectedInput(Message("ingest.too_many_pixels", width=width, height=height, mp=width * height / 1e6,
                                    limit=max_pixels / 1e6))


def _check_png(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    f.seek(8)
    chunk = f.read(24)
    if len(chunk) < 16 or chunk[4:8] != b"IHDR":
        raise _bad("damaged", _NAMES["png"], "the IHDR header is missing")
    width, height = struct.unpack(">II", chunk[8:16])
    _refuse_if_huge(width, height, max_pixels)
    _pil_verify(path, _NAMES["png"])          # chunk CRCs and IEND, without decompressing the pixels
    return 1


def _check_jpeg(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    width, height, scan_at = _jpeg_frame(f)
    _refuse_if_huge(width, height, max_pixels)
    f.seek(max(scan_at, size - 65536))
    tail = f.read()
    if b"\xff\xd9" not in tail:
        raise _bad("truncated", _NAMES["jpeg"], "the end-of-image marker is missing")
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
            raise _bad("truncated", _NAMES["jpeg"], "the file ends inside its headers")
        marker = b[0]
        if marker in (0x01, *range(0xD0, 0xD8)):
            continue
        raw = f.read(2)
        if len(raw) < 2:
            raise _bad("truncated", _NAMES["jpeg"], "the file ends inside its headers")
        length = struct.unpack(">H", raw)[0]
        if length < 2:
            raise _bad("damaged", _NAMES["jpeg"], "a marker segment has an impossible length")
        if marker in _SOF:
            seg = f.read(5)
            if len(seg) < 5:
                raise _bad("truncated", _NAMES["jpeg"], "the file ends inside its headers")
            height, width = struct.unpack(">HH", seg[1:5])
            f.seek(length - 7, 1)
        elif marker == 0xDA:
            if width is None or height is None:
                raise _bad("damaged", _NAMES["jpeg"], "image data begins before the frame header")
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
            raise RejectedInput(Message("ingest.image_bomb", detail=_short(e))) from e
        except Exception as e:
            raise _bad("damaged", _NAMES["tiff"], f"{type(e).__name__}: {_short(e)}") from e
    return frames


def _tiff_first_page_size(f: BinaryIO) -> tuple[int, int]:
    """(width, height) from the first IFD of a classic TIFF, reading a few hundred bytes."""
    f.seek(0)
    order = "<" if f.read(2) == b"II" else ">"
    f.seek(4)
    raw = f.read(4)
    if len(raw) < 4:
        raise _bad("truncated", _NAMES["tiff"], "the file ends inside its header")
    f.seek(struct.unpack(order + "I", raw)[0])
    count_raw = f.read(2)
    if len(count_raw) < 2:
        raise _bad("truncated", _NAMES["tiff"], "the first page's directory is missing")
    size: dict[int, int] = {}
    for _ in range(struct.unpack(order + "H", count_raw)[0]):
        entry = f.read(12)
        if len(entry) < 12:
            raise _bad("truncated", _NAMES["tiff"], "the file ends inside the first page's directory")
        tag, typ = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            size[tag] = struct.unpack(order + ("H" if typ == 3 else "I"), entry[8:10] if typ == 3 else entry[8:12])[0]
    if 256 not in size or 257 not in size:
        raise _bad("damaged", _NAMES["tiff"], "the first page has no width or height")
    return size[256], size[257]


def _tiff_data_inside(tags: object, size: int, *, page: int) -> None:
    get = getattr(tags, "get")
    offsets = get(273) or get(324) or ()
    counts = get(279) or get(325) or ()
    for off, n in zip(_as_tuple(offsets), _as_tuple(counts)):
        if off + n > size:
            raise _bad("truncated", _NAMES["tiff"], f"the image data of page {page} runs past the end of the file")


def _as_tuple(v: object) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, (tuple, list)) else (int(v),)  # type: ignore[arg-type]


def _pil_verify(path: Path, name: str) -> None:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as im:
                im.verify()
        except Image.DecompressionBombError as e:      # only with a max_pixels above MAX_IMAGE_PIXELS
            raise RejectedInput(Message("ingest.image_bomb", detail=_short(e))) from e
        except Exception as e:
            raise _bad("damaged", name, f"{type(e).__name__}: {_short(e)}") from e


# --- HEIC/HEIF --------------------------------------------------------------------------------------------------

def register_heif() -> bool:
    """Let Pillow open HEIC/HEIF photos (pillow-heif's opener); False when pillow-heif is not installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def _check_heic(f: BinaryIO, path: Path, size: int, max_pixels: int) -> int:
    """The boxes must tile the file and include `meta` (where the picture's items are); the primary picture's size
    is read from its properties by libheif, nothing decoded."""
    _walk_boxes(f, size, _NAMES["heic"], required=b"meta")
    try:
        import pillow_heif
    except ImportError as e:
        raise RejectedInput(Message("ingest.no_heif_reader")) from e
    try:
        heif = pillow_heif.open_heif(path, convert_hdr_to_8bit=True)
        width, height = heif.size
        frames = len(heif)
    except Exception as e:  # noqa: BLE001 - libheif raises its own errors on damaged files
        raise _bad("damaged", _NAMES["heic"], f"{type(e).__name__}: {_short(e)}") from e
    _refuse_if_huge(width, height, max_pixels)
    return max(1, frames)


# --- DOCX, ODT, ZIP ----------------------------------------------------------------------------------------------

def _office_zip(f: BinaryIO, size: int, what: str) -> zipfile.ZipFile:
    from mugalim.ingest.zips import check_container

    f.seek(0)
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise _bad("damaged", what, _short(e)) from e
    check_container(zf, size, what=what)
    try:
        bad = zf.testzip()           # every part's CRC: a document cut short or damaged fails here, not in Word
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as e:
        raise _bad("damaged", what, f"{type(e).__name__}: {_short(e)}") from e
    if bad is not None:
        raise _bad("damaged", what, f"its part '{bad}' is corrupt")
    return zf


def _check_docx(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    zf = _office_zip(f, size, _NAMES["docx"])
    if not any(n.startswith("word/") and n.endswith(".xml") for n in zf.namelist()):
        raise _bad("damaged", _NAMES["docx"], "it has no document part (word/…)")
    return None


def _check_odt(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    zf = _office_zip(f, size, _NAMES["odt"])
    names = set(zf.namelist())
    if "content.xml" not in names:
        raise _bad("damaged", _NAMES["odt"], "it has no content.xml")
    if "META-INF/manifest.xml" in names and b"encryption-data" in zf.read("META-INF/manifest.xml")[:1 << 20]:
        raise _bad("password", _NAMES["odt"], "it cannot be read without its password")
    return None


def _check_zip(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    """Only that its central directory can be read: the limits and the members are `zips.inspect`'s."""
    f.seek(0)
    try:
        zipfile.ZipFile(f).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise _bad("damaged", _NAMES["zip"], _short(e)) from e
    return None


# --- videos ------------------------------------------------------------------------------------------------------

def _walk_boxes(f: BinaryIO, size: int, name: str, *, required: bytes) -> None:
    """Walk the top-level boxes of an ISO media file: they must tile the file exactly and include `required`."""
    pos, seen = 0, set()
    while pos < size:
        f.seek(pos)
        hdr = f.read(16)
        if len(hdr) < 8:
            raise _bad("truncated", name, "the file ends inside a box header")
        box_size, box_type = struct.unpack(">I4s", hdr[:8])
        if box_size == 1:
            if len(hdr) < 16:
                raise _bad("truncated", name, "the file ends inside a box header")
            box_size = struct.unpack(">Q", hdr[8:16])[0]
        elif box_size == 0:
            box_size = size - pos
        if box_size < 8 or pos + box_size > size:
            raise _bad("truncated", name, f"box '{box_type.decode('latin-1')}' runs past the end of the file")
        seen.add(box_type)
        pos += box_size
    if required not in seen:
        what = "index" if required == b"moov" else "metadata"
        raise _bad("incomplete", name, f"the '{required.decode()}' {what} box is missing")


def _check_mp4(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    """Walk the top-level boxes: they must tile the file exactly and include the `moov` index."""
    _walk_boxes(f, size, _NAMES["mp4"], required=b"moov")
    return None


def _check_mov(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    """A QuickTime MOV is built of the same boxes as an MP4 (atoms): the same walk."""
    _walk_boxes(f, size, _NAMES["mov"], required=b"moov")
    return None


def _check_avi(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    f.seek(4)
    riff_size = struct.unpack("<I", f.read(4))[0]
    if riff_size + 8 > size:
        raise _bad("truncated", _NAMES["avi"], f"its header says {riff_size + 8} bytes, the file has {size}")
    _probe_video(path, _NAMES["avi"])
    return None


def _check_mkv(f: BinaryIO, path: Path, size: int, _max_pixels: int) -> int | None:
    _probe_video(path, _NAMES["mkv"])
    return None


def _probe_video(path: Path, name: str) -> None:
    """ffprobe (through `validators.video`, the module that runs it) must read a video stream."""
    from validators.video import ProbeFailed, probe

    try:
        meta = probe(path)
    except ProbeFailed as e:
        raise _bad("damaged", name, str(e)) from e
    except FileNotFoundError as e:           # the machine's problem, not the file's: nothing is quarantined for it
        raise TransientError("ffprobe is not installed (scripts/setup.sh installs ffmpeg)") from e
    except (ValueError, OSError) as e:
        raise _bad("damaged", name, f"{type(e).__name__}: {_short(e)}") from e
    if not any(s.get("codec_type") == "video" for s in meta.get("streams", [])):
        raise UnreadableDocument(Message("ingest.no_video_stream", what=name))


def _bad(problem: str, what: str, detail: str) -> UnreadableDocument:
    """A file that cannot be read: `problem` is damaged, truncated, incomplete or password (ingest's catalog), `what`
    its type's name; `detail` (an exception's text, a marker) is for engineers and is said in English only."""
    return UnreadableDocument(Message(f"ingest.{problem}", what=what, detail=detail))


def _short(e: BaseException, limit: int = 160) -> str:
    text = " ".join(str(e).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CHECKS = {"pdf": _check_pdf, "tiff": _check_tiff, "png": _check_png, "jpeg": _check_jpeg, "heic": _check_heic,
           "docx": _check_docx, "odt": _check_odt, "zip": _check_zip, "mp4": _check_mp4, "mov": _check_mov,
           "avi": _check_avi, "mkv": _check_mkv}
