"""Item 1.1: the identity document's IIN or name matches the application; and what it says about citizenship (E1).

A card read well (a valid IIN on it, its words legible) that names someone else fails the item. A card whose reading
cannot be trusted (an IIN-like number that is not a valid IIN, no IIN at all, words mostly garbled) is no evidence
that it is someone else's: a person compares it with the application (a note, and a task in the review queue).

Numbers are never written in clear in a reason: `mask()` keeps the last four digits.
"""
from __future__ import annotations

import re

from mugalim.identifiers import is_valid_iin, mask
from mugalim.messages import Message
from validators.model import Check, Document
from validators.text import find_any, name_in

_TWELVE = re.compile(r"(?<!\d)(\d[\d ]{10,14}\d)(?!\d)")
# An IIN as a worn scan may read: 11 to 13 digits (one lost or added), spaces inside allowed.
_IIN_LIKE = re.compile(r"(?<!\d)(\d[\d ]{9,15}\d)(?!\d)")
# A word as OCR reads one well: letters of one script, Cyrillic (Kazakh letters included) or Latin.
_WORD = re.compile(r"[а-яёәғқңөұүһі]{2,}|[a-z]{2,}")
_TOKEN = re.compile(r"[^\s.,:;/()«»\"'№!?-]+")
_MIN_WORD_SHARE = 0.6
#: the note (and the review task's reason) when the card could not be read surely; a reason in brackets follows
UNSURE = "the identity document could not be read surely — a person must compare it with the application"
# A Kazakh identity card or passport is issued to citizens only; a residence permit to foreigners.
CITIZEN_WORDS = ["жеке куәлік", "удостоверение личности", "паспорт", "азаматтығы қазақстан", "гражданство казахстан"]
FOREIGNER_WORDS = ["ықтиярхат", "вид на жительство", "иностран", "шетелдік", "азаматтығы жоқ адам", "лицо без гражданства"]


def iins_in(text: str) -> list[str]:
    """The valid IINs written in `text` (spaces inside the number allowed), in order."""
    found = []
    for m in _TWELVE.finditer(text):
        digits = m.group(1).replace(" ", "")
        if len(digits) == 12 and is_valid_iin(digits) and digits not in found:
            found.append(digits)
    return found


def reading_doubt(doc: Document) -> str | None:
    """Why the identity document's reading cannot say whose it is, or None when it was read well: every IIN-like
    number on it a valid IIN, at least one of them there, and most of its words looking like words."""
    runs = [m.group(1).replace(" ", "") for t in doc.text for m in _IIN_LIKE.finditer(t)]
    runs = [r for r in runs if 11 <= len(r) <= 13]
    read = str(doc.fields.get("iin") or "") if doc.fields else ""
    if any(not is_valid_iin(r) for r in runs) or (read and not is_valid_iin(read)):
        return Message("id.doubt_bad_iin")
    if not any(iins_in(t) for t in doc.text):
        return Message("id.doubt_no_iin")
    words = [w for t in doc.text for w in _TOKEN.findall(t.casefold()) if any(c.isalpha() for c in w)]
    good = sum(1 for w in words if _WORD.fullmatch(w))
    if words and good / len(words) < _MIN_WORD_SHARE:
        return Message("id.doubt_few_words")
    return None


def check_identity(doc: Document, *, iin: str | None, full_name: str | None) -> Check:
    """Does the identity document belong to the applicant? The IIN decides when it can be read; else the name."""
    for page, text in enumerate(doc.text, 1):
        if iin and iin in text.replace(" ", ""):
            return Check(page=page, facts={"matched_by": "iin"})
    others = [x for t in doc.text for x in iins_in(t) if x != iin]
    if others and iin:
        page = doc.page_of(others[0]) or 1
        return Check(problems=(Message("check.id_differs", card=mask(others[0]), application=mask(iin)),), page=page)
    for page, text in enumerate(doc.text, 1):
        if full_name and name_in(text, full_name):
            return Check(page=page, facts={"matched_by": "name"},
                         notes=(Message("check.id_name_matches"),))
    if not any(t.strip() for t in doc.text):
        return Check(notes=(Message("check.id_unsure", doubt=Message("id.doubt_no_text")),))
    if not iin and not full_name:
        return Check(notes=(Message("check.id_unknown_applicant"),))
    if (doubt := reading_doubt(doc)) is not None:
        return Check(notes=(Message("check.id_unsure", doubt=doubt),))
    return Check(problems=(Message("check.id_neither"),))


def citizenship(doc: Document) -> tuple[bool | None, int | None]:
    """From an identity document: True (a citizen's card or passport), False (a residence permit), None (unclear)."""
    for page, text in enumerate(doc.text, 1):
        if find_any(text, FOREIGNER_WORDS):
            return False, page
    for page, text in enumerate(doc.text, 1):
        if find_any(text, CITIZEN_WORDS):
            return True, page
    return None, None
