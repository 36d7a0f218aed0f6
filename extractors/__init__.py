"""Reading documents: born-digital PDF text with pdfplumber, scans through Tesseract (kaz+rus), document types,
and the twelve fields of the application form (spec/application-form.md). No Airflow here."""
