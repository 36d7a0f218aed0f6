"""Text cells safe to open in a spreadsheet (issue 16 item 1).

Finance and staff open register.csv/.xlsx, exceptions.csv and overview.xlsx in Excel or LibreOffice. A name, school or
reason that begins with `=`, `+`, `-`, `@`, a tab or a line break would be taken there as a formula (OWASP "CSV
Injection": it can open links, pull data or run commands). Every CSV/XLSX writer of the product passes its cells
through `safe_cell`, which puts an apostrophe before such text: the cell then shows the text as written, apostrophe
first, and is never evaluated. Plain decimal numbers ("-1500.00", a reversal's amount) stay as they are."""
from __future__ import annotations

import re
from collections.abc import Mapping

# The OWASP list (= + - @ tab CR), a line feed, and the full-width forms a spreadsheet may read the same way.
_TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")

# The line end of every CSV the product writes. Python's csv quotes a field only if it holds the separator, the quote
# or a character of the line end: with "\n" alone a CR inside a name is written bare, Excel and LibreOffice break the
# row there and the rest ("=1+1") starts a line of its own, as a formula. With "\r\n" (RFC 4180) both are quoted.
CSV_LINE_END = "\r\n"


def safe_cell(value: object) -> object:
    """`value` as it may be written to a CSV or XLSX cell: text a spreadsheet would evaluate gets a leading `'`;
    plain decimal numbers and anything not a str (int, Decimal, dates, None) are returned unchanged."""
    if isinstance(value, str) and value[:1] in _TRIGGERS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, object]) -> dict[str, object]:
    """A csv.DictWriter row with every cell through `safe_cell`."""
    return {k: safe_cell(v) for k, v in row.items()}
