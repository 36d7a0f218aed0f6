"""Plain text for reportlab markup: every data value a PDF report puts into a `Paragraph` goes through `markup_text`.

A reportlab `Paragraph` does not draw its string as text: it parses a mini-HTML. `<img src="...">` reads an image
file from disk and embeds it (a name could pull another applicant's archived scan into a protocol), `<a href>` makes
a link, `<font size=80>` restyles the page, and a tag or attribute it does not know (`<img onerror=...>`) stops the
whole build with an error. Some control characters break its parser or the font too. So names, schools, units,
reasons, commission members, texts from settings or input files are escaped here, and only the fixed markup of a
report's own templates (`<b>`, `<font size=6.5>`) stays markup (issue 16, item 5).

A `Table` cell given as a plain `str` is not parsed (reportlab draws it line by line with `drawString`), and neither
are the document's title and author, nor `canvas.drawString`: those take the raw text.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from mugalim.text import drop_controls

_QUOTES = {'"': "&quot;", "'": "&#39;"}


def markup_text(value: object) -> str:
    """`value` as text that a reportlab Paragraph shows literally: `& < > " '` escaped (so it is safe inside an
    attribute too); control characters dropped (line breaks and tabs become spaces, as a Paragraph would show
    them); None is ""."""
    return escape(drop_controls("" if value is None else str(value)), _QUOTES)
