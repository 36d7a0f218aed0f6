"""Item 1.1: the identity document's IIN or name matches the application; and what it says about citizenship (E1).

Numbers are never written in clear in a reason: `mask()` keeps the last four digits.
"""
from __future__ import annotations

import re

from mugalim.identifiers import is_valid_iin, mask
from validators.model import Check, Document
from validators.text import find_any, name_in

_TWELVE = re.compile(r"(?<!\d)(\d[\d ]{10,14}\d)(?!\d)")
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


def check_identity(doc: Document, *, iin: str | None, full_name: str | None) -> Check:
    """Does the identity document belong to the applicant? The IIN decides when it can be read; else the name."""
    for page, text in enumerate(doc.text, 1):
        if iin and iin in text.replace(" ", ""):
            return Check(page=page, facts={"matched_by": "iin"})
    others = [x for t in doc.text for x in iins_in(t) if x != iin]
    if others and iin:
        page = doc.page_of(others[0]) or 1
        return Check(problems=(f"the IIN on the identity document ({mask(others[0])}) differs from the "
                               f"application's ({mask(iin)})",), page=page)
    for page, text in enumerate(doc.text, 1):
        if full_name and name_in(text, full_name):
            return Check(page=page, facts={"matched_by": "name"},
                         notes=("the IIN could not be read on the identity document, the name matches",))
    if not any(t.strip() for t in doc.text):
        return Check(notes=("the identity document's text could not be read: a person compares it",))
    if not iin and not full_name:
        return Check(notes=("the application's IIN and name are unknown: a person compares them",))
    return Check(problems=("neither the application's IIN nor its name is on the identity document",))


def citizenship(doc: Document) -> tuple[bool | None, int | None]:
    """From an identity document: True (a citizen's card or passport), False (a residence permit), None (unclear)."""
    for page, text in enumerate(doc.text, 1):
        if find_any(text, FOREIGNER_WORDS):
            return False, page
    for page, text in enumerate(doc.text, 1):
        if find_any(text, CITIZEN_WORDS):
            return True, page
    return None, None
