"""The review station renders no page larger than `mugalim.limits.MAX_PAGE_PIXELS` (issue 16 item 9, the station's
part): a 200 × 200-inch page (14 400 × 14 400 pt) took pdftoppm 1.57 GB at 100 dpi. Measured in a child Python
whose address space is limited (so the old way fails at once instead of taking the machine's memory): the peak
resident size of its pdftoppm, from `getrusage(RUSAGE_CHILDREN)`."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from mugalim.limits import MAX_PAGE_PIXELS
from mugalim.review.crops import Box, CropRequest, render_crop, render_page

POSTER_PT = 14_400                  # 200 inches
AS_LIMIT = 700 << 20                # the child's address space: the old 1.2-gigapixel bitmap cannot be allocated


def _pdf(path: Path, width: float, height: float, text: str) -> Path:
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setFont("Helvetica", min(width, height) / 20)
    c.drawString(width / 10, height / 2, text)
    c.showPage()
    c.save()
    return path


_CHILD = textwrap.dedent("""
    import io, json, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from PIL import Image
    from mugalim.review.crops import Box, CropRequest, render_crop, render_page
    path = Path(sys.argv[1])
    page = Image.open(io.BytesIO(render_page(path, "pdf", 1))).size
    crop = Image.open(io.BytesIO(render_crop(CropRequest(path, "pdf", 1, Box(0, 0, {pt}, {pt}), "pt")))).size
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({{"page": page, "crop": crop, "peak": peak}}))
""")


def test_a_200_inch_page_is_rendered_within_the_pixel_limit_and_well_under_500_mb(tmp_path: Path) -> None:
    """issue 16 item 9 (station): a whole 200 × 200-inch page, and a crop whose box is the whole page, are rendered
    — scaled down to at most MAX_PAGE_PIXELS — with pdftoppm's peak memory well under 500 MB."""
    path = _pdf(tmp_path / "poster.pdf", POSTER_PT, POSTER_PT, "Плакат 200 × 200 дюймов")
    code = _CHILD.format(limit=AS_LIMIT, pt=POSTER_PT)
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    w, h = out["page"]
    assert w * h <= MAX_PAGE_PIXELS and w == h and w > 5000          # the page, as large as the limit allows
    cw, ch = out["crop"]
    assert 0 < cw * ch <= MAX_PAGE_PIXELS
    assert out["peak"] < 300 << 20, f"pdftoppm peaked at {out['peak'] / 2**20:,.0f} MiB"


def test_an_ordinary_page_is_still_rendered_at_100_dpi(tmp_path: Path) -> None:
    """issue 16 item 9 (station): the cap changes nothing for an A4 page (827 × 1170 at 100 dpi) nor for a crop of
    one at 150 dpi."""
    path = _pdf(tmp_path / "a4.pdf", 595.28, 841.89, "Өтініш")
    assert Image.open(io.BytesIO(render_page(path, "pdf", 1))).size == (827, 1170)
    crop = Image.open(io.BytesIO(render_crop(CropRequest(path, "pdf", 1, Box(60, 400, 200, 430), "pt"))))
    assert crop.size == (506, 262)                # as before the cap: the window of `_window` at 150 dpi


@pytest.mark.parametrize(("width", "height"), [(14_400, 14_400), (14_400, 600), (600, 14_400), (3_000, 4_000)])
def test_the_whole_page_options_never_exceed_the_limit(width: float, height: float) -> None:
    """issue 16 item 9 (station): `-r 100`, or a `-scale-to` whose page stays within MAX_PAGE_PIXELS."""
    from mugalim.review.crops import page_scale
    opts = page_scale(width, height)
    if opts[0] == "-r":
        assert (width / 72 * 100) * (height / 72 * 100) <= MAX_PAGE_PIXELS
    else:
        long_side = int(opts[1])
        short_side = -(-long_side * min(width, height) // max(width, height)) + 1
        assert long_side * short_side <= MAX_PAGE_PIXELS


def test_a_page_that_does_not_exist_is_not_rendered(tmp_path: Path) -> None:
    """issue 16 item 9 (station): the page is measured before it is rendered; page 2 of a 1-page PDF is a clear
    error."""
    from mugalim.errors import UnreadableDocument
    path = _pdf(tmp_path / "one.pdf", 595.28, 841.89, "x")
    with pytest.raises(UnreadableDocument, match="page 2 does not exist"):
        render_page(path, "pdf", 2)


# --- images (issue 16 item 9 and minor "one limit, one message", the station's part) -----------------------------

def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` × `height` (grey, 8 bits) and whose data is a stub: measured, never
    decodable — what matters is that nothing tries."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
                     + chunk(b"IEND", b""))
    return path


def test_an_image_past_the_apps_pixel_limit_is_refused_by_the_station_with_the_apps_message(tmp_path: Path) -> None:
    """The station decoded archived images with no limit of its own: a 210-megapixel PNG (an archive older than the
    limit, or a file put there by hand) raised Pillow's DecompressionBombError (its words, and a 500 from the
    route), as a crop and as a whole page. Now it is refused before anything is decoded, with ingest's message
    naming the app's limit (MAX_IMAGE_PIXELS), as a MugalimError the routes answer with 404."""
    from mugalim.errors import MugalimError
    from mugalim.limits import MAX_IMAGE_PIXELS
    path = _png_header_only(tmp_path / "huge.png", 15_000, 14_000)
    for render in (lambda: render_page(path, "png", 1),
                   lambda: render_crop(CropRequest(path, "png", 1, Box(10, 10, 300, 60), "px300"))):
        with pytest.raises(MugalimError) as e:
            render()
        assert "15000×14000" in str(e.value) and f"limit of {MAX_IMAGE_PIXELS / 1e6:,.0f} megapixels" in str(e.value)
        assert "DecompressionBomb" not in repr(e.value) and "decompression bomb" not in str(e.value)


_IMAGE_CHILD = textwrap.dedent("""
    import io, json, re, sys
    from pathlib import Path
    from PIL import Image
    from mugalim.review.crops import render_page
    size = Image.open(io.BytesIO(render_page(Path(sys.argv[1]), "jpeg", 1))).size
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count the forking test process
    hwm = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
    print(json.dumps({"page": size, "peak": hwm * 1024}))
""")


def test_a_whole_page_of_a_48_megapixel_photo_is_decoded_downscaled(tmp_path: Path) -> None:
    """A whole page of an image was decoded at full size and copied before it was scaled to the ~1-megapixel
    preview: a 48-megapixel JPEG (above MAX_PAGE_PIXELS) took the station 386 MB. Now a JPEG is decoded at a
    reduced size (1/4 here); the child's peak stays under 160 MB (its Python and Pillow take about 60)."""
    from PIL import ImageDraw
    img = Image.new("RGB", (8000, 6000), "white")
    ImageDraw.Draw(img).rectangle((1000, 1000, 7000, 5000), outline="black", width=40)
    path = tmp_path / "photo.jpg"
    img.save(path, quality=60)
    del img
    done = subprocess.run([sys.executable, "-c", _IMAGE_CHILD, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    w, h = out["page"]
    assert max(w, h) <= 1404 and w * h > 500_000                             # the preview, as before
    assert out["peak"] < 160 << 20, f"the station peaked at {out['peak'] / 2**20:,.0f} MiB"
