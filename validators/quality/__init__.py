"""Data quality with Great Expectations 1.x: the suites (kept here, as code), the checkpoint that validates staged
rows, and write-audit-publish: rows land in staging, are validated, and only the rows no expectation names are
promoted; the others are held back with the reason. Data Docs go to `outbox/<season>/data-docs/`."""
