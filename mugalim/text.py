"""Control characters in people's text (names, schools, reasons): found where text enters, never written out.

A bell or escape character in a payee's name once crashed the register's XLSX writer after the ledger had recorded
the run, and every retry crashed again. Whitespace controls (tab, line breaks: a cell typed with Alt+Enter) are
harmless and become spaces; any other control character is refused where the text enters, naming the row.
"""
from __future__ import annotations

import re

#: C0 and C1 controls, DEL, Unicode line/paragraph separators, non-characters and lone surrogates (XML 1.0 and
#: spreadsheet writers refuse them; terminals act on them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_CONTROL = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def control_problem(text: str) -> str | None:
    """Why `text` cannot be kept as it is (its first control character, by code point), or None."""
    found = first_control(text)
    if found is None:
        return None
    return f"a control character ({found[0]}) at character {found[1]}"


def first_control(text: str) -> tuple[str, int] | None:
    """The first control character of `text` that is not whitespace, as (`U+0007`, its 1-based position), or None."""
    found = _CONTROL.search(_WHITESPACE_CONTROL.sub(" ", text))
    return None if found is None else (f"U+{ord(found.group()):04X}", found.start() + 1)


def drop_controls(text: str) -> str:
    """`text` with whitespace controls made spaces and every other control character removed."""
    return _CONTROL.sub("", _WHITESPACE_CONTROL.sub(" ", text))
