"""Ingest: scanned batches in `inbox/scans/` → documents registered once by SHA-256, originals archived byte for
byte or quarantined with their reason, files grouped into dossiers. Entry point: `run_ingest`."""
from mugalim.ingest.report import IngestReport
from mugalim.ingest.run import run_ingest

__all__ = ["IngestReport", "run_ingest"]
