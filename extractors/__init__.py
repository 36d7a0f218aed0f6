"""Reading documents: born-digital PDF text with pdfplumber, scans through Tesseract (kaz+rus), document types,
and the twelve fields of the application form (spec/application-form.md). No Airflow here.

    tesseract.py  the only module that runs the tesseract program: one OpenMP thread, timeout, errors → ours
    pdf.py        pdfplumber text layer, page by page text-layer-or-OCR, rendering at 300 dpi (pypdfium2)
    images.py     TIFF/PNG/JPEG pages, 300 dpi, deskew, binarization, removal of table rules
    pages.py      one page read in a worker process (PageJob → PageText); orientation; a second reading of numbers
    layout.py     words with boxes → lines → numbered items (table or numbered lines), multi-line values
    fields.py     item → keys, and the normalizers (dates, months, experience, categories, phones, IIN, …)
    lexicon.py    Kazakh letters read as Russian look-alikes restored with Tesseract's own word lists
    doctype.py    document type (portfolio.md) and language (kk / ru / mixed) from content
    document.py   extract_file(path) → the spec's JSON object + evidence; extract_many for batches
    store.py      the rows in extract_documents / extract_pages / extract_fields
    run.py        the step: list_pending_documents, extract_documents, run_extract (CLI and Airflow)
"""
