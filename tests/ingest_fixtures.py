"""Builders of real input files for the ingest tests, good and bad, made here so no binary sample is committed.

| builder                | what it makes                                              | case it tests                  |
|------------------------|------------------------------------------------------------|--------------------------------|
| `pdf`                  | a real PDF (reportlab), `pages` pages, unique text         | accepted PDF, page count       |
| `truncated_pdf`        | the first half of a real PDF                               | truncated → quarantined        |
| `encrypted_pdf`        | a PDF with a user password (pypdf)                         | password-protected → quarantine|
| `jpeg`, `png`          | real images (Pillow), unique pixels                        | accepted images                |
| `tiff`                 | a multi-page TIFF (Pillow `save_all`)                      | multi-page TIFF accepted       |
| `huge_png`             | a valid PNG whose header says 100 000 × 100 000 pixels    | refused without decoding       |
| `mp4`                  | a one-second video (ffmpeg)                                | the video is accepted          |
| `docx`, `text`, `exe`  | a Word document, plain text, a Windows program             | not accepted types             |
| `empty`                | zero bytes                                                 | zero-byte file                 |
"""
from __future__ import annotations

import io
import random
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

VALID_BIN = "940140000385"
BAD_BIN = "940140000386"


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def pdf_bytes(pages: int = 1, text: str = "") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in range(pages):
        c.drawString(72, 760, f"Dossier page {i + 1} {text}")
        c.showPage()
    c.save()
    return buf.getvalue()


def pdf(path: Path, pages: int = 1, text: str | None = None) -> Path:
    _parent(path).write_bytes(pdf_bytes(pages, text if text is not None else str(path)))
    return path


def truncated_pdf(path: Path) -> Path:
    data = pdf_bytes(3, str(path))
    _parent(path).write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path, password: str = "secret") -> Path:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes(2, str(path)))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with _parent(path).open("wb") as f:
        writer.write(f)
    return path


def _image(seed: str, size: tuple[int, int] = (120, 160)) -> Image.Image:
    rnd = random.Random(seed)
    return Image.frombytes("RGB", size, bytes(rnd.randrange(256) for _ in range(size[0] * size[1] * 3)))


def jpeg(path: Path, seed: str | None = None) -> Path:
    _image(seed or str(path)).save(_parent(path), format="JPEG", quality=85)
    return path


def png(path: Path, seed: str | None = None) -> Path:
    _image(seed or str(path)).save(_parent(path), format="PNG")
    return path


def tiff(path: Path, pages: int = 3) -> Path:
    frames = [_image(f"{path}-{i}") for i in range(pages)]
    frames[0].save(_parent(path), format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A well-formed PNG claiming `width` × `height` pixels: decoding it would need width*height*3 bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    _parent(path).write_bytes(data)
    return path


def mp4(path: Path, seconds: int = 1, color: str = "blue") -> Path:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c={color}:s=64x48:d={seconds}",
                    "-pix_fmt", "yuv420p", "-threads", "1", str(_parent(path))], check=True)
    return path


def docx(path: Path) -> Path:
    with zipfile.ZipFile(_parent(path), "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return path


def text(path: Path, content: str = "Өтініш / заявление\n") -> Path:
    _parent(path).write_text(content, encoding="utf-8")
    return path


def exe(path: Path) -> Path:
    _parent(path).write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 +
                              b"This program cannot be run in DOS mode.\r\n" + bytes(range(256)))
    return path


def empty(path: Path) -> Path:
    _parent(path).write_bytes(b"")
    return path


def ready(batch: Path) -> Path:
    (batch / "READY").write_bytes(b"")
    return batch


def manifest(batch: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    cols = columns or ["path", "competition", "season", "organization_bin", "organization_name",
                       "organization_type", "district", "submitted_on"]
    lines = [",".join(cols)] + [",".join(r.get(c, "") for c in cols) for r in rows]
    path = _parent(batch / "manifest.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
