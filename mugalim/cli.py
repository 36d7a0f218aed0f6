"""The `mugalim` command. Each pipeline step is a module in `mugalim.commands` with `configure(parser)` and
`run(args) -> int`; this file only finds them, parses the command line and turns errors into exit codes."""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from mugalim import commands, console
from mugalim.config import Settings
from mugalim.errors import ConfigError, MugalimError
from mugalim.messages import Message, reason_of, said, translated

log = logging.getLogger("mugalim")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every step; of the named step alone when `argv` names one (each step's module imports what
    its work needs — the database layer, Great Expectations — and `mugalim extract FILE`, run once a file, should
    not pay for the others')."""
    parser = argparse.ArgumentParser(
        prog="mugalim",
        description="Back office of Almaty's Teacher of the Year and teachers' grants contests "
                    "(akimat resolution No. 2/161). Every step of the Airflow pipeline, from the command line.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log mugalim's progress (-vv: every library's too)")
    parser.add_argument("-q", "--quiet", action="store_true", help="errors only")
    sub = parser.add_subparsers(dest="command", metavar="STEP", required=True)
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    step = next((a for a in argv or () if not a.startswith("-")), None)
    for name in [step] if step in names else names:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.configure(p)
        p.set_defaults(_run=module.run)
    _no_abbreviations(parser)
    return parser


def _no_abbreviations(parser: argparse.ArgumentParser) -> None:
    """`--dat x` is an error, not `--data x`: a typo must not silently name another option (every sub-command too)."""
    parser.allow_abbrev = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _no_abbreviations(sub)


def add_data_options(p: argparse.ArgumentParser) -> None:
    """`--data DIR` and `--db-url URL`, shared by every step."""
    p.add_argument("--data", metavar="DIR", help="the data folder (default: $MUGALIM_DATA)")
    p.add_argument("--db-url", metavar="URL",
                   help="SQLAlchemy URL of mugalim's database (default: $MUGALIM_DB_URL, else DIR/mugalim.sqlite)")


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of a step; the data folder must exist (a new one is made only by `mugalim init DIR`)."""
    settings = Settings.load(getattr(args, "data", None), getattr(args, "db_url", None))
    if not settings.data_dir.is_dir():
        raise ConfigError(Message("err.no_data_folder", path=str(settings.data_dir)))
    return settings


def error_lines(command: str, error: BaseException) -> str:
    """What a command ends with on a wrong input: said in Kazakh and Russian where the catalog knows it (the data
    folder, and with it the season's language, may be what is wrong), then the English for engineers; otherwise the
    English alone."""
    reason = reason_of(error)
    if translated(reason):
        return "\n".join(f"mugalim {command}: {line}" for line in dict.fromkeys(
            [said(reason, "kk"), said(reason, "ru"), str(reason)]))
    return f"mugalim {command}: {error}"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    console.configure(-1 if args.quiet else args.verbose)
    try:
        return int(args._run(args) or 0)
    except MugalimError as e:
        print(error_lines(args.command, e), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
