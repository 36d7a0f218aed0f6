"""What a person sees on the console: mugalim's own summary lines, no library's chatter.

By default only warnings and errors are logged (each step prints its own summary); `-v` adds mugalim's progress
(INFO), `-vv` everything of every library (DEBUG), `-q` errors only. Great Expectations logs hundreds of INFO lines
("Skipping registering function …") on import, alembic one per migration step, and libraries' deprecation warnings
are for engineers: they appear only with `-vv`.
"""
from __future__ import annotations

import logging
import sys
import warnings

CHATTY = ("great_expectations", "alembic", "py.warnings", "matplotlib", "PIL", "fontTools", "httpx", "urllib3",
          "asyncio", "filelock")


def configure(verbosity: int) -> None:
    """`verbosity`: -1 quiet, 0 default, 1 `-v`, 2 `-vv`."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                        force=True)
    logging.getLogger("mugalim").setLevel(level)
    if verbosity < 2:
        quiet_libraries()


def quiet_libraries() -> None:
    """Libraries log warnings and errors only; their deprecation warnings are not shown (also in Airflow tasks)."""
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    warnings.filterwarnings("ignore", message=r".*deprecated.*")
