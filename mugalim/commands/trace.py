"""Print the evidence trail of a payment (or of a participant): the payment line and the run and manifest that
exported it → the decision and protocol that awarded it → the stage totals and the score rows (file and row) → the
dossier and its eligibility findings → each application field (value, who corrected it, file, page and box) → the
original file's SHA-256 in the archive (checked again now).

The trail is printed as a document in Kazakh and Russian (--lang kk or ru: one of them): dates in Almaty time,
amounts in tenge, codes as words; --json prints the facts as they are, for programs.

Exit status 0 when every link holds, 7 when a link is broken (each is named), 6 when there is nothing to trace.
IINs, IBANs and other personal data are masked unless --unmasked is given.
"""
from __future__ import annotations

import argparse
import json

from mugalim.cli import add_data_options, settings_from
from mugalim.config import Settings
from mugalim.errors import ConfigError
from mugalim.trace import run_trace, trace_participant, trace_payment
from mugalim.trace import words as W
from mugalim.trace.render import render_text
from mugalim.trace.words import LANGS

NAME = "trace"
HELP = "trace a payment or a participant back to the archived scans"
BROKEN = 7


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--payment-id", metavar="ID", help="a payment_id of the register (e.g. MG-2026-00001)")
    who.add_argument("--participant", metavar="IIN", help="a participant's IIN: every payment of theirs")
    who.add_argument("--all-payments", action="store_true", help="with --season: every payment of the season, "
                                                                   "one line each (the check after a payment run)")
    p.add_argument("--season", type=int, help="with --participant: only this season; with --all-payments: required")
    p.add_argument("--json", action="store_true", help="print the trace as JSON (personal data in clear)")
    p.add_argument("--lang", choices=LANGS, help="print the trail in Kazakh or in Russian only (default: both)")
    p.add_argument("--unmasked", action="store_true", help="show IINs, IBANs and other personal data in clear")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.all_payments:
        return _season(settings, args)
    traces = ([trace_payment(settings, args.payment_id)] if args.payment_id
              else trace_participant(settings, args.participant.strip(), args.season))
    if args.json:
        print(json.dumps([t.to_dict() for t in traces], ensure_ascii=False, indent=2, default=str))
    else:
        print("\n\n".join(render_text(t, unmasked=args.unmasked, lang=args.lang or "both") for t in traces))
    return 0 if all(t.complete for t in traces) else BROKEN


def _season(settings: Settings, args: argparse.Namespace) -> int:
    if args.season is None:
        raise ConfigError("--all-payments needs --season")
    report = run_trace(settings, season=args.season)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        lang = args.lang or "both"
        kk, ru = W.WORDS["season_traced"]
        counts = {k: report[k] for k in ("season", "payments", "complete")}
        print(W.say((kk.format(**counts), ru.format(**counts)), lang))
        for b in report["broken"]:
            print(f"  ✗ {b['payment_id']}: " + "; ".join(
                f"{W.say(W.STEPS[x['step']], lang)}: {W.problem(x['problem'], lang)}" for x in b["links"]))
    return 0 if not report["broken"] else BROKEN
