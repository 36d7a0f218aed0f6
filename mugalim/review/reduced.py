"""A PNG or TIFF page decoded at a reduced size, a band of rows at a time (issue 16 item 9's last gap).

Pillow decodes a PNG or a TIFF page whole, at full size, before it can be scaled down: a 150-megapixel RGB scan takes
600 MB (Pillow keeps RGB in four bytes a pixel) to show a preview of one megapixel. JPEG has `draft`; these formats
have none. Here the page is read in bands of rows, each band decoded, reduced by a whole factor (`Image.reduce`: the
mean of each factor × factor block) and pasted into the small result, so the memory held is one band and the result:

- PNG (not interlaced, 8-bit samples, or 1-bit grey): the IDAT stream is inflated here a band at a time; each band's
  filtered rows are decoded by Pillow's own PNG row decoder (the `zip` decoder: filters, bit depths and modes as
  Pillow reads them), preceded by the band before's last row, unfiltered and marked "no filter", which the band's
  first row may refer to (PNG's Up, Average and Paeth filters read the row above);
- TIFF (striped, in the page's stated orientation): libtiff's RGBA strip reader (`TIFFReadRGBAStrip`, the library
  Pillow itself links) decodes one strip at a time, whatever the compression and photometric interpretation; an
  uncompressed page in a single strip (as Pillow writes one) is read from the file a band of rows at a time.

`reduced` returns None for what it does not read this way (interlaced or 16-bit PNG, tiled or compressed single-strip
TIFF, 16-bit or alpha TIFF, an orientation to apply, no libtiff): the caller then decodes the page whole as before, within the app's pixel limit.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import glob
import math
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

BAND_BYTES = 8 << 20           # the decoded rows held at once (Pillow's four bytes a pixel), about
READ_BYTES = 1 << 20           # compressed bytes read at a time


def reduced(path: Path, kind: str, page: int, factor: int,
            convert: Callable[[Image.Image], Image.Image] | None = None) -> Image.Image | None:
    """Page `page` (1-based) of the PNG or TIFF at `path`, each side divided by `factor` (rounded up), in mode L,
    LA, RGB or RGBA, or as `convert` makes each band before it is reduced (extraction's grey: a quarter of RGB's
    memory); None when this page is not read this way (see the module's docstring)."""
    if factor < 2:
        return None
    try:
        if kind == "png" and page == 1:
            return _png(path, factor, convert)
        if kind == "tiff":
            return _tiff(path, page, factor, convert)
    except (OSError, ValueError, zlib.error, struct.error, EOFError):
        return None                  # the whole decode says what is wrong, in the app's words
    return None


def _band_rows(width: int, factor: int) -> int:
    rows = max(1, BAND_BYTES // max(1, width * 4))
    return max(factor, rows // factor * factor)


class _Assembler:
    """Bands of decoded rows in, the reduced page out."""

    def __init__(self, size: tuple[int, int], factor: int,
                 convert: Callable[[Image.Image], Image.Image] | None = None):
        self.size, self.factor, self.convert = size, factor, convert
        self.out: Image.Image | None = None
        self.y = 0

    def add(self, band: Image.Image) -> None:
        small = (self.convert(band) if self.convert else band).reduce(self.factor)
        if self.out is None:
            w, h = self.size
            self.out = Image.new(small.mode, (math.ceil(w / self.factor), math.ceil(h / self.factor)))
        self.out.paste(small, (0, self.y // self.factor))
        self.y += band.height

    def result(self) -> Image.Image | None:
        return self.out if self.out is not None and self.y == self.size[1] else None


# PNG ---------------------------------------------------------------------------------------------------------------

_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _png(path: Path, factor: int, convert: Callable[[Image.Image], Image.Image] | None) -> Image.Image | None:
    with Image.open(path) as im:
        if im.format != "PNG" or len(im.tile) != 1 or im.tile[0][0] != "zip" or im.info.get("interlace"):
            return None
        mode, (w, h) = im.mode, im.size
        args = im.tile[0][3]
        if "exif" in im.info:        # read before the image data (`getexif` here would decode the page whole)
            exif = Image.Exif()
            exif.load(im.info["exif"])
            if exif.get(0x0112, 1) != 1:
                return None          # an orientation to apply: the whole decode applies it
        rawmode = args[0] if isinstance(args, tuple) else args
        palette = im.getpalette() if mode == "P" else None
        transparency = im.info.get("transparency")
    with path.open("rb") as f:
        head = f.read(33)
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
            return None
        _, _, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", head[16:29])
        if interlace or colour not in _CHANNELS or not (depth == 8 or (depth == 1 and colour == 0)):
            return None
        stride = (w * depth * _CHANNELS[colour] + 7) // 8
        if mode not in ("1", "L", "LA", "RGB", "RGBA", "P"):
            return None
        if len(Image.new(mode, (w, 1)).tobytes("raw", rawmode)) != stride:
            return None              # Pillow cannot write this row back as the file holds it
        to_mode = {"1": "L", "P": "RGBA" if transparency is not None else "RGB"}.get(mode)
        band_rows = _band_rows(w, factor)
        out = _Assembler((w, h), factor, convert)
        inflate = zlib.decompressobj()
        pending = bytearray()
        previous: bytes | None = None
        row_len = stride + 1

        def flush(rows: int) -> None:
            nonlocal previous
            store = zlib.compressobj(0)                  # a zlib stream of stored blocks: copied, not packed
            stream = store.compress(b"\0" + previous) if previous is not None else b""
            with memoryview(pending) as body:
                stream += store.compress(body[:rows * row_len]) + store.flush()
            del pending[:rows * row_len]
            if previous is None:
                band = Image.frombytes(mode, (w, rows), stream, "zip", rawmode)
            else:
                band = Image.frombytes(mode, (w, rows + 1), stream, "zip", rawmode).crop((0, 1, w, rows + 1))
            del stream
            previous = band.crop((0, rows - 1, w, rows)).tobytes("raw", rawmode)
            if palette is not None:
                band.putpalette(palette)
                if transparency is not None:
                    band.info["transparency"] = transparency
            out.add(band.convert(to_mode) if to_mode else band)

        f.seek(8)
        done_rows = 0
        while done_rows < h:
            header = f.read(8)
            if len(header) < 8:
                return None
            length, ctype = struct.unpack(">I4s", header)
            if ctype == b"IEND":
                break
            if ctype != b"IDAT":
                f.seek(length + 4, os.SEEK_CUR)
                continue
            left = length
            while left and done_rows < h:
                data = f.read(min(left, READ_BYTES))
                if not data:
                    return None
                left -= len(data)
                while data and done_rows < h:
                    pending += inflate.decompress(data, band_rows * row_len)
                    data = inflate.unconsumed_tail
                    while done_rows < h and len(pending) >= min(band_rows, h - done_rows) * row_len:
                        rows = min(band_rows, h - done_rows)
                        flush(rows)
                        done_rows += rows
            f.seek(left + 4, os.SEEK_CUR)
        return out.result()


# TIFF --------------------------------------------------------------------------------------------------------------

_WIDTH, _LENGTH, _BITS, _PHOTOMETRIC, _ORIENTATION, _SAMPLES, _ROWS_PER_STRIP = 256, 257, 258, 262, 274, 277, 278


@functools.cache
def _libtiff() -> ctypes.CDLL | None:
    import PIL
    bundled = glob.glob(os.path.join(os.path.dirname(PIL.__file__), os.pardir, "pillow.libs", "libtiff*.so*"))
    for name in [*bundled, ctypes.util.find_library("tiff")]:
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.TIFFOpen.restype = ctypes.c_void_p
        lib.TIFFOpen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.TIFFClose.argtypes = [ctypes.c_void_p]
        lib.TIFFSetDirectory.argtypes = [ctypes.c_void_p, ctypes.c_uint16]
        lib.TIFFIsTiled.argtypes = [ctypes.c_void_p]
        lib.TIFFReadRGBAStrip.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
        lib.TIFFSetWarningHandler.restype = ctypes.c_void_p
        lib.TIFFSetWarningHandler.argtypes = [ctypes.c_void_p]
        lib.TIFFSetErrorHandler.restype = ctypes.c_void_p
        lib.TIFFSetErrorHandler.argtypes = [ctypes.c_void_p]
        lib.TIFFSetWarningHandler(None)          # libtiff's complaints go to stderr otherwise; the whole
        return lib                               # decode reports a damaged file
    return None


def _field(lib: ctypes.CDLL, tif: int, tag: int, ctype: type, default: int) -> int:
    value = ctype(default)
    found = lib.TIFFGetField(ctypes.c_void_p(tif), ctypes.c_uint32(tag), ctypes.byref(value))
    return int(value.value) if found else default


def _tiff(path: Path, page: int, factor: int, convert: Callable[[Image.Image], Image.Image] | None
          ) -> Image.Image | None:
    raw = _tiff_raw(path, page, factor, convert)
    return raw if raw is not None else _tiff_strips(path, page, factor, convert)


def _tiff_raw(path: Path, page: int, factor: int, convert: Callable[[Image.Image], Image.Image] | None
              ) -> Image.Image | None:
    """An uncompressed page in one strip (as Pillow writes one): its rows read straight from the file, a band at a
    time."""
    with Image.open(path) as im:
        im.seek(page - 1)
        if len(im.tile) != 1 or im.tile[0][0] != "raw" or im.mode not in ("1", "L", "RGB", "P"):
            return None
        if im.getexif().get(0x0112, 1) != 1:
            return None
        (w, h), mode, (x0, y0, x1, y1), offset = im.size, im.mode, im.tile[0][1], im.tile[0][2]
        rawmode, stride, orientation = (tuple(im.tile[0][3]) + (0, 1))[:3]
        palette = im.getpalette() if mode == "P" else None
    if (x0, y0, x1, y1) != (0, 0, w, h) or orientation != 1:
        return None
    stride = stride or len(Image.new(mode, (w, 1)).tobytes("raw", rawmode))
    band_rows = _band_rows(w, factor)
    out = _Assembler((w, h), factor, convert)
    with path.open("rb") as f:
        f.seek(offset)
        for y in range(0, h, band_rows):
            rows = min(band_rows, h - y)
            data = f.read(rows * stride)
            if len(data) < rows * stride:
                return None
            band = Image.frombytes(mode, (w, rows), data, "raw", rawmode, stride)
            if palette is not None:
                band.putpalette(palette)
            out.add(band if mode in ("L", "RGB") else band.convert("L" if mode == "1" else "RGB"))
    return out.result()


def _tiff_strips(path: Path, page: int, factor: int, convert: Callable[[Image.Image], Image.Image] | None
                 ) -> Image.Image | None:
    import numpy as np
    lib = _libtiff()
    if lib is None:
        return None
    tif = lib.TIFFOpen(os.fsencode(path), b"r")
    if not tif:
        return None
    try:
        if not lib.TIFFSetDirectory(tif, page - 1) or lib.TIFFIsTiled(tif):
            return None
        w = _field(lib, tif, _WIDTH, ctypes.c_uint32, 0)
        h = _field(lib, tif, _LENGTH, ctypes.c_uint32, 0)
        bits = _field(lib, tif, _BITS, ctypes.c_uint16, 1)
        samples = _field(lib, tif, _SAMPLES, ctypes.c_uint16, 1)
        photometric = _field(lib, tif, _PHOTOMETRIC, ctypes.c_uint16, 1)
        if not w or not h or bits > 8 or samples not in (1, 3) \
                or _field(lib, tif, _ORIENTATION, ctypes.c_uint16, 1) != 1:
            return None              # 16-bit samples, an alpha (libtiff premultiplies it), an orientation
        strip = min(h, _field(lib, tif, _ROWS_PER_STRIP, ctypes.c_uint32, 2**32 - 1))
        if strip * w * 4 > 2 * BAND_BYTES:
            return None              # one strip is (nearly) the page: nothing to gain
        grey = photometric in (0, 1) and samples == 1
        band_rows = max(_band_rows(w, factor), -(-strip // factor) * factor)
        raster = (ctypes.c_uint32 * (w * strip))()
        out = _Assembler((w, h), factor, convert)
        held: list[np.ndarray] = []
        held_rows = 0
        for row in range(0, h, strip):
            if not lib.TIFFReadRGBAStrip(tif, row, raster):
                return None
            rows = min(strip, h - row)
            rgba = np.frombuffer(raster, dtype=np.uint8, count=rows * w * 4).reshape(rows, w, 4)[::-1]
            held.append(rgba[:, :, 0].copy() if grey else rgba[:, :, :3].copy())
            held_rows += rows
            last = row + rows >= h
            if held_rows >= band_rows or last:
                block = np.concatenate(held) if len(held) > 1 else held[0]
                take = held_rows if last else held_rows // factor * factor
                out.add(Image.fromarray(block[:take]))
                held = [block[take:]] if take < held_rows else []
                held_rows -= take
        return out.result()
    finally:
        lib.TIFFClose(tif)
