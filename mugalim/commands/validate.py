"""Check every dossier of a season against Appendix 2 and the eligibility rules (E1–E5, G2–G4), after `ingest` and
`extract`. Writes outbox/<season>/dossiers/<participant_iin>.json with a readable report beside it, overview.xlsx
and overview.html, and the Great Expectations Data Docs into outbox/<season>/data-docs/.

Staff corrections: inbox/corrections/*.csv (document_sha256,field,value,corrected_by), or --correct."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from mugalim import console
from mugalim.cli import add_data_options, settings_from
from mugalim.db import migrate
from mugalim.errors import ConfigError
from mugalim.messages import said, season_language

NAME = "validate"
HELP = "check dossiers: Appendix 2 completeness, video, essay, eligibility, data quality"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--season", type=int, required=True, help="the season (calendar year)")
    p.add_argument("--correct", nargs=4, metavar=("SHA256", "FIELD", "VALUE", "WHO"),
                   help="record one correction of an extracted field before checking")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    from validators.corrections import add_correction
    from validators.run import run_validate

    settings = settings_from(args)
    if args.correct:
        sha, field, value, who = args.correct
        problem = add_correction(migrate(settings.db_url), document_sha256=sha, field_name=field, value=value,
                                 corrected_by=who)
        if problem:
            raise ConfigError(f"--correct: {problem}")
    with console.progress("validate", unit="досье", mode="off" if args.json else None) as bar:
        rep = run_validate(settings, season=args.season,
                           progress=ticks(bar, season_language(settings.settings_dir, args.season)))
    if args.json:
        print(json.dumps(rep.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(rep.summary())
    return 0


def ticks(bar: console.Progress, lang: str = "en") -> Callable[[str], None]:
    """What validate tells of its progress (a Message of the catalog per event, also in the Airflow task) as the
    bar's ticks, as ingest and score do: `validate.p.count` sets how many dossiers it checks, each
    `validate.p.dossier` is one dossier checked. Lines are said in `lang` (the season's language on the console,
    English in a task's log)."""
    def tick(line: str) -> None:
        event = getattr(line, "id", None)
        if event == "validate.p.count":
            bar.set_total(int(line.params["n"]))        # type: ignore[attr-defined]
        if event == "validate.p.dossier":
            bar.update(note=said(line, lang))
        else:
            bar.note(said(line, lang))
    return tick
