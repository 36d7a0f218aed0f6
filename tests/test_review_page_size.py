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
