"""The `mugalim` command. Each pipeline step is a module in `mugalim.commands` with `configure(parser)` and
`run(args) -> int`; this file only finds them, parses the command line and turns errors into exit codes."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from mugalim import commands
from mugalim.config import Settings
from mugalim.errors import MugalimError

log = logging.getLogger("mugalim")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every step; of the named step alone when `argv` names one (each step's module imports what
    its work needs — the database layer, Great Expectations — and `mugalim extract FILE`, run once a file, should
    not pay for the others')."""
    parser = argparse.ArgumentParser(
        prog="mugalim",
        description="Back office of Almaty's Teacher of the Year and teachers' grants contests "
                    "(akimat resolution No. 2/161). Every step of the Airflow pipeline, from the command line.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", metavar="STEP", required=True)
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    step = next((a for a in argv or () if not a.startswith("-")), None)
    for name in [step] if step in names else names:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.configure(p)
        p.set_defaults(_run=module.run)
    return parser


def add_data_options(p: argparse.ArgumentParser) -> None:
    """`--data DIR` and `--db-url URL`, shared by every step."""
    p.add_argument("--data", metavar="DIR", help="the data folder (default: $MUGALIM_DATA)")
    p.add_argument("--db-url", metavar="URL",
                   help="SQLAlchemy URL of mugalim's database (default: $MUGALIM_DB_URL, else DIR/mugalim.sqlite)")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.load(getattr(args, "data", None), getattr(args, "db_url", None))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args._run(args) or 0)
    except MugalimError as e:
        print(f"mugalim {args.command}: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
