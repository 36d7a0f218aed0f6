"""A dossier sent as one multi-page PDF (or TIFF): its pages are typed one by one and grouped into documents, so the
checklist sees the identity document on page 2, the essay on page 9, and each finding names the page it rests on.

A page with no type of its own (a continuation page) belongs to the document before it. A file whose pages are all
of one type stays one document.
"""
from __future__ import annotations

from dataclasses import replace

from validators.model import Document

MIN_KINDS = 3        # a form with its list of attachments is one document; a whole dossier holds many kinds


def page_types(doc: Document) -> list[str]:
    try:
        from extractors.doctype import classify
    except ImportError:
        return [doc.doc_type] * len(doc.text)
    return [classify(t) if t.strip() else "unknown" for t in doc.text]


def split(doc: Document) -> list[Document]:
    """The documents inside `doc` (itself when it holds one kind of document)."""
    if len(doc.text) < 2 or doc.doc_type == "video":
        return [doc]
    types = page_types(doc)
    types[0] = doc.doc_type             # extraction typed the file by its first document
    groups: list[tuple[str, int, int]] = []                   # (type, first page, last page), 1-based
    for page, t in enumerate(types, 1):
        if groups and (t == "unknown" or t == groups[-1][0]):
            groups[-1] = (groups[-1][0], groups[-1][1], page)
        else:
            groups.append((t, page, page))
    if len({t for t, _, _ in groups if t != "unknown"}) < MIN_KINDS:
        return [doc]
    return [replace(doc, doc_type=t, first_page=a, pages=b - a + 1, text=doc.text[a - 1:b],
                    fields=doc.fields if t == "application" else {}) for t, a, b in groups]
