"""Limits that keep one hostile or careless document from stopping a run: each checked in one place, each refusal a
reason naming the document and the limit.

- A PDF page larger than A2 is not rendered: at 300 dpi a 200 × 200-inch page would be 3.6 gigapixels, and the
  whole run would die of it (MemoryError). A2 (420 × 594 mm) is the largest sheet a dossier holds (a poster).
- An image of more than MAX_IMAGE_PIXELS pixels is refused at ingest without being decoded (A4 at 1200 dpi is
  139 megapixels; nothing a scanner or a phone makes for this contest comes near 200). Pillow has a decompression-bomb
  limit of its own (179 megapixels by default, below ours: a 196-megapixel scan was refused as "damaged"); it is set
  here from ours (`pillow_limit`), so there is one limit and one message.
- A document of more than `max_pages()` pages is not read (a portfolio is tens of pages; a 2,000-page PDF is not a
  dossier document, and reading it would hold the night's run for hours). MUGALIM_MAX_PAGES raises it.
"""
from __future__ import annotations

import os
import warnings

from mugalim.errors import ConfigError

MAX_PAGE_PIXELS = 36_000_000          # at 300 dpi: an A2 sheet (4961 × 7016) fits
MAX_IMAGE_PIXELS = 200_000_000        # an image file's own pixels (issue 16, minor: one limit, one message)
MAX_PAGES_DEFAULT = 300
MAX_PAGES_ENV = "MUGALIM_MAX_PAGES"


def pillow_limit() -> None:
    """Make Pillow's decompression-bomb limit the app's: Pillow raises DecompressionBombError above twice its
    `Image.MAX_IMAGE_PIXELS` and only warns between once and twice, so it is set to half of MAX_IMAGE_PIXELS and
    its warning (which says nothing our limit does not) is silenced. Called on import of this module: whoever
    imports the limits has Pillow apply them."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS // 2
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def max_pages() -> int:
    raw = os.environ.get(MAX_PAGES_ENV)
    if not raw:
        return MAX_PAGES_DEFAULT
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{MAX_PAGES_ENV} must be a whole number of pages, not {raw!r}")
    return int(raw)


def page_too_large(width_pt: float, height_pt: float, dpi: float) -> str | None:
    """Why a page of this size (PDF points) is not rendered at `dpi`, or None."""
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    if pixels <= MAX_PAGE_PIXELS:
        return None
    mm = 25.4 / 72
    return (f"the page is {width_pt * mm:,.0f} × {height_pt * mm:,.0f} mm ({pixels / 1e6:,.0f} megapixels at "
            f"{dpi:.0f} dpi); pages larger than A2 are not read")


def too_many_pages(pages: int) -> str | None:
    limit = max_pages()
    if pages <= limit:
        return None
    return f"it has {pages:,} pages; a document of more than {limit} pages is not read ({MAX_PAGES_ENV})"


pillow_limit()
