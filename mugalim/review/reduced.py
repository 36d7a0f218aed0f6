"""A PNG or TIFF page decoded at a reduced size by libvips (issue 16 item 9): never held whole at full size.

Pillow decodes a PNG or a TIFF page whole before it can be scaled down: a 139-megapixel RGB scan takes 583 MB (four
bytes a pixel) to show a one-megapixel preview. libvips (through pyvips) reads the page sequentially, a few rows at
a time, and shrinks it as it goes (`shrink`: the mean of each factor × factor block, a colour weighted by its
alpha, as Pillow's `reduce`), so what is held is a band of rows and the small result. Whatever the file holds: PNG of
any colour type and bit depth, interlaced or not (an interlaced PNG is decoded whole by libvips: Adam7 needs every
pass); TIFF striped or tiled, any compression, photometric interpretation and bit depth, page N of a multi-page file.

The page's size is measured before this is called (`crops.image_within_limit`: the app's one pixel limit); the
loader is named by `kind` (libvips's own sniffing would hand a file to any loader it has, ImageMagick's included).
"""
from __future__ import annotations

import functools
from pathlib import Path

from PIL import Image

from mugalim.errors import UnreadableDocument

_LOADERS = {"png": "pngload", "tiff": "tiffload"}


@functools.cache
def _pyvips():
    import pyvips                    # imported at the first PNG or TIFF page shown (cffi: about 50 ms)
    pyvips.cache_set_max(0)          # each page is read once (crops keeps its results): nothing to keep open
    return pyvips


def reduced(path: Path, kind: str, page: int, factor: int, *, grey: bool = False,
            upright: bool = False) -> Image.Image:
    """Page `page` (1-based) of the PNG or TIFF at `path`, each side divided by the whole `factor` (rounded up: a
    partial block at the right or bottom edge is filled out with the edge's pixels), in mode L, LA, RGB or RGBA (a
    palette expanded, 1-bit as 0/255, 16-bit samples scaled to 8); with `grey`, as extraction's `images._grey`
    makes it (an alpha laid on white, 16-bit grey stretched from its darkest to its lightest sample, luma); with
    `upright`, turned by its EXIF or TIFF orientation, as extraction's `load_page` turns it.

    EOFError when the page does not exist; UnreadableDocument when libvips cannot read the file."""
    vips = _pyvips()
    loader = getattr(vips.Image, _LOADERS[kind])
    options = {"page": page - 1} if kind == "tiff" else {}
    try:
        if kind == "tiff" and page > vips.Image.tiffload(str(path)).get_n_pages():
            raise EOFError(f"{path.name}: page {page} does not exist")
        img = loader(str(path), access="sequential", fail_on="error", **options)
        orientation = img.get("orientation") if img.get_typeof("orientation") else 1
        fmt = img.format                     # uchar, or ushort for 16-bit samples
        stretch = None
        if grey and fmt != "uchar" and img.bands == 1:
            # extraction stretches a 16-bit grey page from its darkest sample to its lightest: one pass to find
            # them (the loader again: a sequential image is read once)
            stats = loader(str(path), access="sequential", fail_on="error", **options).stats()
            stretch = (stats(0, 0)[0], stats(1, 0)[0])
        if grey and img.hasalpha():
            img = img.flatten(background=[255] * (img.bands - 1))
        if factor > 1:
            premultiplied = img.hasalpha()   # colour weighted by its alpha, as Pillow's `reduce` weights it
            if premultiplied:
                img = img.premultiply()
            img = img.shrink(factor, factor, ceil=True)
            if premultiplied:
                img = img.unpremultiply()
            img = img.cast(fmt)
        if img.interpretation not in ("b-w", "grey16", "srgb", "rgb16") or img.bands > 4:
            img = img.colourspace("srgb")    # CMYK, Lab, ... (after the shrink: a small page converted)
        if stretch is not None:
            lo, hi = stretch
            img = ((img - lo) * (255.0 / ((hi - lo) or 1.0))).cast("uchar")
        elif img.format == "ushort":
            img = img.cast("uchar", shift=True)
        elif img.format != "uchar":
            img = img.cast("uchar")
        if grey and img.bands == 3:          # Pillow's luma (ITU-R 601-2), rounded as Pillow rounds it
            img = (img.recomb([[0.299, 0.587, 0.114]]) + 0.5).cast("uchar")
        if upright and orientation != 1:
            img = img.copy_memory().autorot()    # the small page turned, in memory
        data = img.write_to_memory()         # the page read and shrunk here, once
    except vips.Error as e:
        if "does not contain page" in str(e):
            raise EOFError(f"{path.name}: page {page} does not exist") from e
        reason = (str(e).strip().splitlines() or ["libvips"])[-1]
        raise UnreadableDocument(f"{path.name}: page {page} cannot be read: {reason}") from e
    return Image.frombytes({1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[img.bands], (img.width, img.height), data)
