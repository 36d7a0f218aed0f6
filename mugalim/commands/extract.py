"""Read documents: `mugalim extract FILE` prints the JSON object of application-form.md for one file (PDF with or
without a text layer, TIFF, PNG, JPEG); `mugalim extract --data DIR` reads every registered document not yet
extracted and stores its type, language, pages and fields — with the page and box each value came from — in the
database.

Exit status: 0 whenever the file could be read (unreadable values are null and named in `problems`); 4 with a
one-line reason on standard error when it could not be read at all (corrupt, encrypted, not a document)."""
from __future__ import annotations

import argparse
import json
import sys

from mugalim import console
from mugalim.cli import add_data_options, settings_from

NAME = "extract"
HELP = "read documents: text layer or Tesseract kaz+rus, document type, the application's fields"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", metavar="FILE", help="read these files and print their JSON (no database)")
    p.add_argument("--evidence", action="store_true",
                   help="with FILE: also print each page's text and each field's page and box")
    add_data_options(p)
    p.add_argument("--force", action="store_true", help="re-extract documents already extracted")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--json", action="store_true", help="print the run's report as JSON instead of the table")


def run(args: argparse.Namespace) -> int:
    if args.files:
        return _files(args.files, evidence=args.evidence)
    from extractors.run import run_extract
    settings = settings_from(args)
    with console.progress("extract", unit="құжат / документ", mode="off" if args.json else None) as bar:
        def say(n: int, total: int, name: str) -> None:
            if bar.total != total:
                bar.set_total(total)
            bar.update(note=f"[{n}/{total}] {name}")
        report = run_extract(settings, force=args.force, workers=args.workers, progress=say)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else report.table(), flush=True)
    return 0


def _files(files: list[str], *, evidence: bool) -> int:
    from extractors.document import extract_file
    from mugalim.errors import UnreadableDocument
    status = 0
    for f in files:
        try:
            out = extract_file(f)
        except UnreadableDocument as e:
            if len(files) == 1:
                raise
            print(f"mugalim extract: {e}", file=sys.stderr)
            status = e.exit_code
            continue
        obj = dict(out.result)
        if evidence:
            obj["evidence"] = out.evidence
        print(json.dumps(obj, ensure_ascii=False, indent=None if len(files) > 1 else 2), flush=True)
    return status
