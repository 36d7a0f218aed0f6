"""Take the scanned batches of DATA/inbox/scans/: each file of a batch that holds READY (or has not changed for the
settle time) is registered once by SHA-256, copied byte for byte to DATA/archive/<batch>/ or, when it cannot be
taken, to DATA/quarantine/<batch>/ with <name>.reason.txt; the files are grouped into dossiers. The inbox is only
read. Quarantined files are a normal outcome (exit 0); only a configuration error fails the command."""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable

from mugalim import console
from mugalim.cli import add_data_options, settings_from
from mugalim.ingest import run_ingest

NAME = "ingest"
HELP = "register, archive or quarantine the scanned batches; group them into dossiers"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--settle-minutes", type=int, default=10, metavar="N",
                   help="take a batch without READY once nothing in it has changed for N minutes (default 10)")
    p.add_argument("--json", action="store_true", help="print the report as JSON instead of the table")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with console.progress("ingest", unit="файл", mode="off" if args.json else None) as bar:
        report = run_ingest(settings, settle_minutes=args.settle_minutes, progress=ticks(bar))
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.summary(), flush=True)
    return 0


_TAKEN = re.compile(r"taken .*?(\d+) new file")
_DONE = ("archived", "duplicate", "quarantined", "later")


def ticks(bar: console.Progress) -> Callable[[str], None]:
    """The ingest step's progress lines as the bar's ticks (also the Airflow task's): a batch taken adds its new
    files to the work, each file's outcome line is one file done; every line is logged (shown with -v)."""
    def tick(line: str) -> None:
        if m := _TAKEN.search(line):
            bar.grow(int(m.group(1)))
            bar.note(line)
        elif line.startswith("  ") and line.split(maxsplit=1)[0] in _DONE:
            bar.update(note=line)
        else:
            bar.note(line)
    return tick
