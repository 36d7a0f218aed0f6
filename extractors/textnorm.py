"""Text helpers for tolerant matching of what OCR reads against closed vocabularies (labels, months, categories).

OCR often reads the Kazakh letters ә ғ қ ң ө ұ ү һ і as their Russian or Latin look-alikes; `fold` maps all of them
to one form so that "Қаңтар", "Кантар" and "Kaнтap" compare equal. Folding is for matching only: values keep the
characters as read.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from mugalim.text import drop_controls

_FOLD = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е", "й": "и",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т", "h": "н",
    "b": "в", "i": "и", "l": "и", "ї": "и", "э": "е", "ı": "и", "ы": "ы",
})
_NOT_WORD = re.compile(r"[^0-9a-zа-яё\s]")


def clean(text: str) -> str:
    """NFC, control characters dropped, whitespace collapsed: how every text value is kept."""
    return " ".join(drop_controls(unicodedata.normalize("NFC", text)).split())


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, Kazakh/Latin look-alikes folded to Russian letters, punctuation dropped, spaces collapsed."""
    t = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    return " ".join(_NOT_WORD.sub(" ", t).split())


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    return Levenshtein.distance(a, b)


def similarity(a: str, b: str) -> float:
    """1 − normalized edit distance (1.0 = equal)."""
    if not a and not b:
        return 1.0
    return 1.0 - Levenshtein.distance(a, b) / max(len(a), len(b))


def prefix_similarity(text: str, prefix: str) -> float:
    """How well `text` starts with `prefix` (both folded): the best similarity of `prefix` to a start of `text`
    a few characters shorter or longer (OCR drops and adds characters)."""
    if not prefix:
        return 0.0
    n = len(prefix)
    first = similarity(text[:n], prefix)
    if first < 0.4:                  # far off: two characters more or fewer cannot bring it near a match
        return first
    return max(first, *(similarity(text[:k], prefix) for k in (n - 2, n - 1, n + 1, n + 2) if k >= 1))
