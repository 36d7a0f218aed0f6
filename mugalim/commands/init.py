"""Make a new data folder: the layout of spec/data-layout.md (inbox/scans, inbox/scores, inbox/finance,
inbox/corrections, archive, quarantine, settings, outbox) and its database, private to the service account.
Every other step refuses a data folder that does not exist, so a typo in --data never makes a new empty one.

Example:  mugalim init /srv/mugalim/data
"""
from __future__ import annotations

import argparse

from mugalim.config import Settings

NAME = "init"
HELP = "make a new data folder (its layout and its database)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="DIR", help="the data folder to make (may exist already: nothing is removed)")
    p.add_argument("--db-url", metavar="URL",
                   help="SQLAlchemy URL of mugalim's database (default: $MUGALIM_DB_URL, else DIR/mugalim.sqlite)")


def run(args: argparse.Namespace) -> int:
    from mugalim.db import migrate

    settings = Settings.load(args.folder, args.db_url)
    existed = settings.data_dir.is_dir()
    settings.ensure_layout()
    migrate(settings.db_url).dispose()
    print(f"{'data folder ready' if existed else 'new data folder'}: {settings.data_dir}")
    return 0
