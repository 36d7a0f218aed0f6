"""A dossier sent as one multi-page PDF (or TIFF): its pages are grouped into documents with their page ranges and
typed, so the checklist sees the identity document on page 2, the essay on page 9, and each finding names the page
it rests on.

A page starts a new document when its heading names a kind of document (a title: "ДИПЛОМ", "ПІКІР", "СЕРТИФИКАТ" —
two certificates in a row are two documents), or when its words say surely that it is another kind than the
document before it; any other page (a second page of a personnel sheet, an article's continuation, a page no words
could be read on) continues the document before it. Each range is then typed from its own pages. A file whose pages
make one document stays one document. A page of running text continues an article, an essay or a review whatever
words it holds (an article's second page may well speak of "критерии оценивания"). A certificate or an award is
one sheet: a page surely of the same kind after one is the next certificate, even when its title could not be read. Every document also carries how sure its typing is: below the threshold it
is `unknown`, with the best guess, for a person to type (validators.dossier.review_tasks).
"""
from __future__ import annotations

from dataclasses import replace

from validators.model import Document

SURE_CHANGE = 0.3         # a page without a title starts a new document only when its other type is this sure
#: kinds that are one sheet each and come several in a row: a page surely of the same kind is the next one
SINGLE_SHEETS = ("training_certificate", "achievement")
MIN_WORDS = 10            # … and it has words enough to be a page of its own (not a line naming attachments)


def _running_text(text: str) -> bool:
    """Lines of running text (an article's or an essay's next page), not a page of short lines that opens a
    document of its own."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return len(lines) >= 3 and sum(len(ln.split()) for ln in lines) / len(lines) >= 7


def _doctype():  # type: ignore[no-untyped-def]
    try:
        from extractors import doctype
    except ImportError:
        return None
    return doctype


def page_types(doc: Document) -> list[str]:
    dt = _doctype()
    if dt is None:
        return [doc.doc_type] * len(doc.text)
    return [dt.classify(t) if t.strip() else "unknown" for t in doc.text]


def page_ranges(pages: list[str], *, sizes: list[tuple[float, float]] | None = None,
                first_type: str | None = None) -> list[tuple[str, int, int]]:
    """(type, first page, last page), 1-based and inclusive, for the documents inside a file's pages."""
    dt = _doctype()
    if dt is None or not pages:
        return [(first_type or "unknown", 1, max(1, len(pages)))]
    starts = [1]
    current = first_type or dt.type_document(pages[0]).guess
    for i, text in enumerate(pages[1:], 2):
        if not text.strip():
            continue
        size = sizes[i - 1] if sizes and len(sizes) >= i else None
        typed = dt.type_document(text, page_size=size)
        titled = dt.heading_type(text)
        other = (typed.doc_type not in ("unknown", current) and typed.confidence >= SURE_CHANGE
                 and len(text.split()) >= MIN_WORDS and not (current in dt.PROSE_TYPES and _running_text(text)))
        again = (current in SINGLE_SHEETS and typed.doc_type == current and typed.confidence >= SURE_CHANGE
                 and len(text.split()) >= MIN_WORDS)
        if titled is not None or other or again:
            starts.append(i)
            current = typed.guess if typed.doc_type != "unknown" or titled is None else titled
    out = []
    for k, a in enumerate(starts):
        b = (starts[k + 1] - 1) if k + 1 < len(starts) else len(pages)
        if k == 0 and first_type:
            out.append((first_type, a, b))
            continue
        size = sizes[a - 1] if sizes and len(sizes) >= a else None
        typed = dt.type_document("\n".join(pages[a - 1:min(b, a + 1)]), page_size=size)
        out.append((typed.doc_type, a, b))
    return out


def typed(doc: Document) -> Document:
    """The document with how sure its typing is; an `unknown` one with the classifier's best guess."""
    dt = _doctype()
    if dt is None or doc.doc_type in ("video", "application") or not any(t.strip() for t in doc.text):
        return doc
    t = dt.type_document("\n".join(doc.text[:2]), name=doc.file.rsplit("/", 1)[-1])
    if doc.doc_type == "unknown":
        return replace(doc, type_confidence=t.confidence, type_guess=t.guess if t.guess != "unknown" else None)
    return replace(doc, type_confidence=t.confidence if t.guess == doc.doc_type else None)


def split(doc: Document) -> list[Document]:
    """The documents inside `doc` (itself, typed, when it holds one document)."""
    if len(doc.text) < 2 or doc.doc_type == "video":
        return [typed(doc)]
    first = "application" if doc.doc_type == "application" else None
    ranges = page_ranges(list(doc.text), first_type=first)
    if len(ranges) < 2:
        return [typed(doc)]
    return [typed(replace(doc, doc_type=t, first_page=a, pages=b - a + 1, text=doc.text[a - 1:b],
                          fields=doc.fields if t == "application" else {})) for t, a, b in ranges]
