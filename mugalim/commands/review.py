"""The review station: a local web page where back-office staff work through the fields the scans left unsure,
beside their scan crops, fix or confirm them, and see each dossier's checklist and eligibility findings change.

  mugalim review --data DIR [--host 127.0.0.1] [--port 8765]     serve it; open the address it prints
  mugalim review add-user NAME [--password-stdin] --data DIR     add a user (or set a new password)

Nothing is served without a login. Corrections go through the same path as inbox/corrections/*.csv and are kept with
who made them and when; the dossier reports are recomputed after each one.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from mugalim.cli import add_data_options, settings_from
from mugalim.db import migrate
from mugalim.errors import ConfigError

NAME = "review"
HELP = "the review station (local web page): fix unsure fields beside the scan; add-user NAME"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback only; default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add-user", help="add a user of the review station, or set a new password")
    add.add_argument("username", metavar="NAME")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    # Also accepted after the action; SUPPRESS keeps a value given before it.
    add.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="the data folder")
    add.add_argument("--db-url", metavar="URL", default=argparse.SUPPRESS, help="the database URL")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.action == "add-user":
        return _add_user(settings.db_url, args.username, args.password_stdin)
    from mugalim.review.server import serve
    serve(settings, host=args.host, port=args.port)
    return 0


def _add_user(db_url: str, username: str, from_stdin: bool) -> int:
    from mugalim.review.auth import add_user
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for {username}: ")
        if getpass.getpass("again: ") != password:
            raise ConfigError("the two passwords differ")
    new = add_user(migrate(db_url), username, password)
    print(f"review user {username!r} {'added' if new else 'has a new password'}")
    return 0
