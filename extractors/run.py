"""The extract step: every registered document not yet extracted → its type, language, pages and fields in the
database. Called by `mugalim extract --data DIR` and by the Airflow DAG `mugalim_extract` (one mapped task per
batch of document ids)."""
from __future__ import annotations

import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import bindparam, text

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import UnreadableDocument
from extractors import store
from extractors.document import Extraction, extract_many
from extractors.pages import pool as page_pool

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
MAX_MAPPED_TASKS = 1000      # Airflow maps at most 1024 task instances per task


@dataclass
class ExtractReport:
    """What one run did. Small and JSON-friendly (`as_dict`), and printable (`table`)."""

    documents: int = 0
    extracted: int = 0
    failed: int = 0
    skipped: int = 0
    pages: int = 0
    ocr_pages: int = 0
    text_layer_pages: int = 0
    seconds: float = 0.0
    doc_types: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        rows = [("documents", self.documents), ("extracted", self.extracted), ("failed", self.failed),
                ("skipped (already extracted)", self.skipped), ("pages", self.pages),
                ("  read from the text layer", self.text_layer_pages), ("  read by OCR", self.ocr_pages),
                ("seconds", f"{self.seconds:.1f}")]
        rows += [(f"type {t}", n) for t, n in sorted(self.doc_types.items())]
        out = "\n".join(f"{k:30} {v}" for k, v in rows)
        for f in self.failures:
            out += f"\nFAILED {f['file']}: {f['reason']}"
        return out


def workers_default() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def list_pending_documents(settings: Settings) -> list[int]:
    """Ids of registered documents (table `documents`) that have not been extracted yet."""
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        return store.pending(conn)


def pending_batches(settings: Settings, *, size: int = 50) -> list[list[int]]:
    """The pending ids cut into batches for Airflow's dynamic task mapping: never more than 1000 batches,
    however big the night (the batch size grows instead)."""
    ids = list_pending_documents(settings)
    size = max(size, math.ceil(len(ids) / MAX_MAPPED_TASKS))
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def extract_documents(settings: Settings, document_ids: list[int], *, force: bool = False,
                      workers: int | None = None, progress: Progress | None = None) -> dict:
    """Extract the given documents (skipping those already extracted unless `force`) and store the results;
    returns the run's summary as a small dict (ExtractReport.as_dict())."""
    return _extract(settings, list(document_ids), force=force, workers=workers, progress=progress).as_dict()


def run_extract(settings: Settings, *, force: bool = False, workers: int | None = None,
                progress: Progress | None = None) -> ExtractReport:
    """Extract every registered document not yet extracted (every document with `force`)."""
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM documents ORDER BY id"))] if force \
            else store.pending(conn)
    return _extract(settings, ids, force=force, workers=workers, progress=progress)


def _extract(settings: Settings, ids: list[int], *, force: bool, workers: int | None,
             progress: Progress | None) -> ExtractReport:
    t0 = time.perf_counter()
    engine = migrate(settings.db_url)
    report = ExtractReport(documents=len(ids))
    with engine.connect() as conn:
        done = set() if force else store.already_extracted(conn, ids)
        todo = [i for i in ids if i not in done]
        rows = _documents(conn, todo)
    report.skipped = len(ids) - len(todo)
    paths = {settings.data_dir / r["archive_path"]: r for r in rows}
    types: Counter[str] = Counter()
    with page_pool(workers or workers_default()) as pool:
        for n, (path, out) in enumerate(extract_many(list(paths), pool, names=lambda p: paths[p]["rel_path"]), 1):
            row = paths[path]
            with engine.begin() as conn:
                if isinstance(out, Extraction):
                    store.save(conn, row["id"], out)
                else:
                    store.save(conn, row["id"], None, error=str(out))
            _count(report, types, row, out)
            if progress:
                progress(n, len(paths), row["rel_path"])
    report.doc_types = dict(types)
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _documents(conn, ids: list[int]) -> list[dict]:  # type: ignore[no-untyped-def]
    if not ids:
        return []
    stmt = text("SELECT id, kind, archive_path, batch, rel_path FROM documents WHERE id IN :ids ORDER BY id"
                ).bindparams(bindparam("ids", expanding=True))
    return [dict(r) for r in conn.execute(stmt, {"ids": ids}).mappings()]


def _count(report: ExtractReport, types: Counter[str], row: dict, out: Extraction | UnreadableDocument) -> None:
    if isinstance(out, Extraction):
        report.extracted += 1
        types[out.result["doc_type"]] += 1
        for p in out.evidence["pages"]:
            report.pages += 1
            report.ocr_pages += p["method"] == "ocr"
            report.text_layer_pages += p["method"] == "text_layer"
    else:
        report.failed += 1
        report.failures.append({"file": f"{row['batch']}/{row['rel_path']}", "reason": str(out)})
        log.warning("extract: %s/%s cannot be read: %s", row["batch"], row["rel_path"], out)
