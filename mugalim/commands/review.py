"""The review station: a local web page where back-office staff work through the fields the scans left unsure,
beside their scan crops, fix or confirm them, and see each dossier's checklist and eligibility findings change.

  mugalim review --data DIR [--host 127.0.0.1] [--port 8765]     serve it; open the address it prints
  mugalim review add-user NAME [--role ROLE] [--password-stdin] --data DIR
                                                                 add a user (a reviewer unless --role says otherwise)
  mugalim review add-user NAME --reset [--role ROLE] ...         a new password (and role) for an existing user;
                                                                 their sessions end
  mugalim review deactivate-user NAME --data DIR                 the user can no longer log in; their sessions end

Roles: reviewer (corrects fields; IBANs masked), secretary (reads; IINs and IBANs masked, no scans), finance (reads;
everything in clear), admin (everything); docs/production.md has the table. Nothing is served without a login.
Corrections go through the same path as inbox/corrections/*.csv and are kept with who made them (the signed-in user)
and when; the dossier reports are recomputed after each one.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from mugalim.cli import add_data_options, settings_from
from mugalim.db import migrate
from mugalim.errors import ConfigError
from mugalim.messages import Message
from mugalim.review.roles import DEFAULT_ROLE, ROLES

NAME = "review"
HELP = "the review station (local web page): fix unsure fields beside the scan; add-user, deactivate-user NAME"


def configure(p: argparse.ArgumentParser) -> None:
    add_data_options(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback only; default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add-user", help="add a user of the review station (--reset: a new password for one)")
    add.add_argument("username", metavar="NAME")
    add.add_argument("--role", choices=tuple(ROLES), default=None,
                     help=f"what the user may do and see (default for a new user: {DEFAULT_ROLE}; with --reset: "
                          "unchanged)")
    add.add_argument("--reset", action="store_true",
                     help="the user exists: set a new password (and --role), reactivate it and end its sessions")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    off = sub.add_parser("deactivate-user", help="the user can no longer log in; their open sessions end")
    off.add_argument("username", metavar="NAME")
    for action in (add, off):
        # Also accepted after the action; SUPPRESS keeps a value given before it.
        action.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="the data folder")
        action.add_argument("--db-url", metavar="URL", default=argparse.SUPPRESS, help="the database URL")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.action == "add-user":
        return _add_user(settings.db_url, args.username, args.password_stdin, role=args.role, reset=args.reset)
    if args.action == "deactivate-user":
        from mugalim.review.auth import deactivate_user
        deactivate_user(migrate(settings.db_url), args.username)
        print(f"review user {args.username!r} deactivated; their sessions have ended")
        return 0
    from mugalim.review.server import serve
    serve(settings, host=args.host, port=args.port)
    return 0


def _add_user(db_url: str, username: str, from_stdin: bool, *, role: str | None, reset: bool) -> int:
    from mugalim.review.auth import add_user, refuse_existing
    engine = migrate(db_url)
    if not reset:
        refuse_existing(engine, username)          # before asking for a password that would be thrown away
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        raise ConfigError(Message("err.no_terminal"))
    else:
        password = getpass.getpass(f"password for {username}: ")
        if getpass.getpass("again: ") != password:
            raise ConfigError(Message("err.passwords_differ"))
    new = add_user(engine, username, password, role=role, reset=reset)
    print(f"review user {username!r} {'added' if new else 'has a new password; their sessions have ended'}")
    return 0
