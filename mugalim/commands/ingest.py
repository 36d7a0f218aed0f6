"""Take the scanned batches of DATA/inbox/scans/: each file of a batch that holds READY (or has not changed for the
settle time) is registered once by SHA-256, copied byte for byte to DATA/archive/<batch>/ or, when it cannot be
taken, to DATA/quarantine/<batch>/ with <name>.reason.txt; the files are grouped into dossiers. The inbox is only
read. Quarantined files are a normal outcome (exit 0); only a configuration error fails the command."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from mugalim import console
from mugalim.cli import add_data_options, settings_from
from mugalim.ingest import run_ingest
from mugalim.messages import said, season_language

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
        report = run_ingest(settings, settle_minutes=args.settle_minutes, 
                             progress=ticks(bar, season_language(settings.settings_dir, None)))
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.summary(), flush=True)
    return 0


#: the progress lines of one file done (ingest.p.*): each is one tick of the bar
DONE = frozenset({"ingest.p.archived", "ingest.p.from_zip", "ingest.p.zip", "ingest.p.manifest", "ingest.p.duplicate",
                  "ingest.p.quarantined", "ingest.p.later"})


def ticks(bar: console.Progress, lang: str = "en") -> Callable[[str], None]:
    """What ingest tells of its progress (a Message of the catalog per event, also in the Airflow task) as the bar's
    ticks: a batch taken adds its new files to the work, each file's outcome is one file done. Every line is logged
    (shown with -v) in `lang`: the season's language on the console, English in a task's log."""
    def tick(line: str) -> None:
        event = getattr(line, "id", None)
        if event == "ingest.p.taken":
            bar.grow(int(line.params["n"]))     # type: ignore[attr-defined]
        if event in DONE:
            bar.update(note=said(line, lang))
        else:
            bar.note(said(line, lang))
    return tick
