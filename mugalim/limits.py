"""Limits that keep one hostile or careless document from stopping a run: each checked in one place, each refusal a
reason naming the document and the limit.

- A PDF page larger than A2 is not rendered: at 300 dpi a 200 × 200-inch page would be 3.6 gigapixels, and the
  whole run would die of it (MemoryError). A2 (420 × 594 mm) is the largest sheet a dossier holds (a poster).
- A document of more than `max_pages()` pages is not read (a portfolio is tens of pages; a 2,000-page PDF is not a
  dossier document, and reading it would hold the night's run for hours). MUGALIM_MAX_PAGES raises it.
"""
from __future__ import annotations

import os

from mugalim.errors import ConfigError

MAX_PAGE_PIXELS = 36_000_000          # at 300 dpi: an A2 sheet (4961 × 7016) fits
MAX_PAGES_DEFAULT = 300
MAX_PAGES_ENV = "MUGALIM_MAX_PAGES"


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
