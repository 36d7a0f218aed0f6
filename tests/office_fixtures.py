"""Builders of the files issue 18 brings in, made by the libraries themselves (no binary sample is committed):
DOCX by python-docx, ODT by odfpy, HEIC by pillow-heif, MOV/AVI/MKV by ffmpeg, ZIPs by zipfile — with CP866 names
the way Windows archivers write them, a ZIP bomb, path traversal and a symbolic link.
"""
from __future__ import annotations

import io
import stat
import subprocess
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

import ingest_fixtures as fx
from mugalim.samples import office as so

ESSAY_KK = ["Заманауи педагог қандай болуы керек",
            "Мені шабыттандыратын тұлғалар — менің алғашқы ұстаздарым, олар маған үлгі болды.",
            "Мұғалімнің мәртебесін көтеру үшін мен әріптестеріммен тәжірибе бөлісемін, беделін арттырамын.",
            "Отбасы мен ата-ананың ықпалы баланың тәрбиесінде ең маңызды орын алады.",
            "Мейірімді және қайырымды адамды тәрбиелеу — мектептің басты міндеті."]


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def docx(path: Path, paragraphs: list[str] | None = None, **kw: object) -> Path:
    return so.write_docx_essay(_parent(path), paragraphs or ESSAY_KK, **kw)  # type: ignore[arg-type]


def odt(path: Path, paragraphs: list[str] | None = None, **kw: object) -> Path:
    return so.write_odt_essay(_parent(path), paragraphs or ESSAY_KK, **kw)  # type: ignore[arg-type]


def picture(size: tuple[int, int] = (300, 200), text: str = "TOP") -> Image.Image:
    """A picture whose top-left corner is black: where it ends up says how the picture was turned."""
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(0, 0, 0))
    d.text((size[0] // 2, size[1] // 2), text, fill=(0, 0, 0))
    return img


def heic(path: Path, orientation: int = 1, size: tuple[int, int] = (300, 200)) -> Path:
    return so.write_heic(_parent(path), picture(size), orientation=orientation)


def video(path: Path, fmt: str, *, size: str = "64x48", seconds: float = 1, rotate: int | None = None) -> Path:
    """A video made by ffmpeg in container `fmt` (mov, avi, matroska, mp4); `rotate` writes the rotation tag a
    phone writes (ffprobe shows it as the display matrix)."""
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=blue:s={size}:d={seconds}",
           "-pix_fmt", "yuv420p", "-threads", "1"]
    if rotate is None:
        subprocess.run(cmd + ["-f", fmt, str(_parent(path))], check=True)
        return path
    plain = path.with_name(f".plain-{path.name}")
    subprocess.run(cmd + ["-f", fmt, str(_parent(plain))], check=True)
    # ffmpeg 5 turns the tag into the display matrix when it copies the stream (not when it encodes)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(plain), "-c", "copy", "-metadata:s:v:0",
                    f"rotate={rotate}", "-f", fmt, str(path)], check=True)
    plain.unlink()
    return path


def zip_of(path: Path, files: dict[str | bytes, bytes], *, encoding: str | None = None) -> Path:
    """A ZIP of `files` (name → bytes). With an `encoding` (`cp866`, `utf-8`), non-ASCII names are written in it
    without the UTF-8 flag (bit 11), as a Windows archiver in a Russian or Kazakh locale writes them (`cp866`); a
    name given as bytes is written as those bytes."""
    placeholders: dict[bytes, bytes] = {}
    with zipfile.ZipFile(_parent(path), "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(files.items()):
            if isinstance(name, bytes) or encoding and not name.isascii():
                raw = name if isinstance(name, bytes) else name.encode(encoding or "utf-8")
                stand_in = f"~{i}~".ljust(len(raw), "_").encode()
                assert len(stand_in) == len(raw)
                placeholders[stand_in] = raw
                name = stand_in.decode()
            z.writestr(name, data)
    if placeholders:
        blob = path.read_bytes()
        for stand_in, raw in placeholders.items():
            assert blob.count(stand_in) == 2           # the local header and the central directory
            blob = blob.replace(stand_in, raw)
        path.write_bytes(blob)
    return path


def zip_with_symlink(path: Path, link: str, target: str, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(_parent(path), "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        info = zipfile.ZipInfo(link)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, target)
    return path


def zip_bomb(path: Path, mib: int = 64, files: dict[str, bytes] | None = None) -> Path:
    """A ZIP whose member `video.mp4` is `mib` MiB of zeros: it packs about a thousand to one."""
    with zipfile.ZipFile(_parent(path), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (files or {}).items():
            z.writestr(name, data)
        with z.open("video.mp4", "w") as f:
            chunk = bytes(1 << 20)
            for _ in range(mib):
                f.write(chunk)
    return path


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def pdf_bytes(text: str) -> bytes:
    return fx.pdf_bytes(1, text)


def jpeg_bytes(seed: str) -> bytes:
    buf = io.BytesIO()
    fx._image(seed).save(buf, format="JPEG", quality=85)
    return buf.getvalue()
