"""Pay what the decided stages award (rules P3, P5, G5; spec/payments.md).

  mugalim pay --data DIR --season S --plan                   prepare: show what would be paid (you are its preparer)
  mugalim pay --data DIR --season S [--approved-by NAME]     approve: record and export the new payments
  mugalim pay reverse --data DIR --payment-id ID --reason TEXT [--by NAME]
  mugalim pay verify --data DIR --season S [--run RUN]           check each run folder against its signed manifest

Each run writes outbox/<season>/payments/<run>/ (register.csv, register.xlsx, pain.001.xml, manifest.json,
exceptions.csv) with only the payments no earlier run exported. A run with nothing new writes no folder.
The approver is the OS account running `pay` (NAME is how the manifest shows it). Where settings/approvers.yaml lists
the approvers, that account must be listed and must not be the one that prepared the batch with `--plan`.
"""
from __future__ import annotations

import argparse
import json

from mugalim.cli import add_data_options, settings_from
from mugalim.errors import ConfigError

NAME = "pay"
HELP = "export the payments for finance (register, pain.001, manifest, exceptions); `pay reverse` reverses one"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--season", type=int, help="the season (year) to pay")
    p.add_argument("--approved-by", metavar="NAME",
                   help="how the manifest names you, the approver (default: your account; checked against "
                        "settings/approvers.yaml where it exists)")
    p.add_argument("--plan", action="store_true",
                   help="prepare: show what would be paid and why not, and record you as who prepared it (no payment "
                        "is recorded)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    sub = p.add_subparsers(dest="pay_action", metavar="ACTION")
    r = sub.add_parser("reverse", help="reverse one exported payment (recorded, shown in the next manifest)",
                       description="Reverse one exported payment: the reversal is recorded with who and why, shows "
                                   "in the next run's manifest, and the award becomes payable again.")
    add_data_options(r)
    r.add_argument("--payment-id", required=True, metavar="ID")
    r.add_argument("--reason", required=True, metavar="TEXT")
    r.add_argument("--by", metavar="NAME", help="who reverses it (default: your account)")
    r.add_argument("--json", action="store_true", help="print the result as JSON")
    v = sub.add_parser("verify", help="check run folders against their signed manifests (exit 1 if anything differs)",
                       description="Check each run folder of the season (or one run) as finance received it: the "
                                   "manifest's signature and every file's SHA-256.")
    add_data_options(v)
    v.add_argument("--season", type=int, required=True, help="the season (year)")
    v.add_argument("--run", metavar="RUN", help="one run id (default: every run of the season)")


def run(args: argparse.Namespace) -> int:
    from mugalim.payments import reverse_payment, run_pay
    from mugalim.payments.approval import CLI, os_login
    from mugalim.payments.plan import prepare_payments

    settings = settings_from(args)
    if args.pay_action == "verify":
        return _verify(settings, args.season, args.run)
    if args.pay_action == "reverse":
        result = reverse_payment(settings, payment_id=args.payment_id, reason=args.reason, reversed_by=args.by)
        print(json.dumps(result, ensure_ascii=False) if args.json else
              f"payment {result['payment_id']} reversed; it shows in the next manifest of season {result['season']}")
        return 0
    if args.season is None:
        raise ConfigError("which season? pass --season S")
    if args.plan:
        plan = prepare_payments(settings, season=args.season, prepared_by=os_login(), via=CLI)
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) if args.json else plan.summary())
        return 0
    report = run_pay(settings, season=args.season, approved_by=args.approved_by)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report)
    return 0


def _verify(settings, season: int, run_id: str | None) -> int:  # type: ignore[no-untyped-def]
    from mugalim.payments.run import verify_run

    found = verify_run(settings, season=season, run_id=run_id)
    for run, problems in found.items():
        print(f"{run}: " + ("intact, signed by this installation" if not problems else "NOT INTACT"))
        for p in problems:
            print(f"  {p}")
    if not found:
        print(f"season {season}: no payment runs")
    return 1 if any(found.values()) else 0
