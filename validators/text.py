"""Text helpers shared by the checks: normalization for matching names and keywords across OCR noise."""
from __future__ import annotations

import difflib
import re
import unicodedata

_NON_LETTER = re.compile(r"[^\w]+", re.UNICODE)


def norm(text: str) -> str:
    """Case-folded, NFC, punctuation turned into single spaces; `ё` as `е`."""
    t = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return _NON_LETTER.sub(" ", t).strip()


def tokens(text: str) -> list[str]:
    return [t for t in norm(text).split() if t]


def has_word(words: list[str], wanted: str, *, ratio: float = 0.8) -> bool:
    """True when one of `words` is `wanted`, allowing an OCR slip or two (difflib ratio)."""
    w = norm(wanted)
    return any(x == w or difflib.SequenceMatcher(None, x, w).ratio() >= ratio for x in words)


def name_in(text: str, full_name: str) -> bool:
    """The surname and the given name of `full_name` both appear in `text` (the patronymic is not required)."""
    parts = tokens(full_name)
    if len(parts) < 2:
        return bool(parts) and has_word(tokens(text), parts[0])
    words = tokens(text)
    return has_word(words, parts[0]) and has_word(words, parts[1])


def find_any(text: str, needles: list[str]) -> str | None:
    """The first of `needles` (already normalized stems) found in the normalized text, or None."""
    t = norm(text)
    for n in needles:
        if n in t:
            return n
    return None
