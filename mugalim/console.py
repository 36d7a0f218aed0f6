"""What a person sees on the console: mugalim's own summary lines, no library's chatter.

By default only warnings and errors are logged (each step prints its own summary); `-v` adds mugalim's progress
(INFO), `-vv` everything of every library (DEBUG), `-q` errors only. Great Expectations logs hundreds of INFO lines
("Skipping registering function …") on import, alembic one per migration step, and libraries' deprecation warnings
are for engineers: they appear only with `-vv`.

Long work shows its progress (`progress`): a bar on a terminal (tqdm, erased when the work is done so the step's
summary line follows it), plain counter lines when the output is not a terminal (a log file, Airflow's task log, a
pipe: a line every tenth of the work or every `EVERY_S` seconds, never a carriage return or an escape code), nothing
with `-q`; with `-v` each item's own line is logged instead.
"""
from __future__ import annotations

import logging
import math
import os
import sys
import time
import warnings
from contextlib import ExitStack
from typing import IO, Any

EVERY_S = 10.0                  # a counter line at least this often (when anything moved), when not on a terminal
_state = {"verbosity": 0, "level": logging.WARNING}
progress_log = logging.getLogger("mugalim.progress")

CHATTY = ("great_expectations", "alembic", "py.warnings", "matplotlib", "PIL", "fontTools", "httpx", "urllib3",
          "asyncio", "filelock")


def configure(verbosity: int) -> None:
    """`verbosity`: -1 quiet, 0 default, 1 `-v`, 2 `-vv`."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    _state.update(verbosity=verbosity, level=level)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                        force=True)
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
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


class Progress:
    """The progress of one piece of long work: `update()` once an item is done (its `note`, the item's own line, is
    logged at INFO: shown with `-v`), `grow()` when more work is found. Use as a context manager (`progress()`)."""

    def __init__(self, what: str, total: int | None = None, unit: str = "", *, stream: IO[str] | None = None,
                 mode: str | None = None, every_s: float = EVERY_S) -> None:
        self.what, self.unit, self.total, self.n = what, unit, total, 0
        self.stream = stream or sys.stderr
        self.mode = mode or _mode(self.stream)
        self.every_s = every_s
        self._shown_n, self._shown_at = 0, time.monotonic()
        self._bar: Any = None
        self._stack = ExitStack()

    def __enter__(self) -> Progress:
        if self.mode == "bar":
            from tqdm import tqdm
            from tqdm.contrib.logging import logging_redirect_tqdm
            cols, rows = _size(self.stream)             # a terminal that does not say its size: 80 × 24
            sized = cols > 0 and rows > 0
            self._bar = tqdm(total=self.total, desc=self.what, unit=self.unit, file=self.stream, leave=False,
                             dynamic_ncols=sized, ncols=None if sized else cols or 80,
                             nrows=None if sized else rows or 24, mininterval=0.2, miniters=1,
                             bar_format=_BAR if self.total else _COUNT)
            self._stack.enter_context(logging_redirect_tqdm())     # a warning meanwhile is printed above the bar
            for handler in logging.getLogger().handlers:          # tqdm's handler does not keep the level
                handler.setLevel(_state["level"])
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.bar_format = _BAR
            self._bar.refresh()

    def grow(self, more: int) -> None:
        """More work found (a new batch of files, say): the total grows by `more`."""
        self.set_total((self.total or 0) + more)

    def update(self, n: int = 1, note: str | None = None) -> None:
        self.n += n
        if note:
            self.note(note)
        if self.total is not None and self.n > self.total:     # more items than announced: never past 100 %
            self.set_total(self.n)
        if self._bar is not None:
            self._bar.update(n)
        elif self.mode == "counter":
            step = max(1, math.ceil(self.total / 10)) if self.total else 0
            due = (step and self.n - self._shown_n >= step) or self.n == self.total \
                or time.monotonic() - self._shown_at >= self.every_s
            if due:
                self._line()

    def note(self, line: str) -> None:
        """An item's own line: logged at INFO (`-v` shows it; by default the bar or the counter stands for it)."""
        progress_log.info("%s", line)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.mode == "counter" and self.n != self._shown_n:
            self._line()
        self._stack.close()

    def _line(self) -> None:
        of = f"/{self.total}" if self.total else ""
        pct = f" ({100 * self.n // self.total}%)" if self.total else ""
        print(f"{self.what}: {self.n}{of} {self.unit}{pct}".rstrip(), file=self.stream, flush=True)
        self._shown_n, self._shown_at = self.n, time.monotonic()


_BAR = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed}<{remaining}]"
_COUNT = "{desc}: {n_fmt} {unit} [{elapsed}]"


def _size(stream: IO[str]) -> tuple[int, int]:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return 0, 0
    return size.columns, size.lines


def _mode(stream: IO[str]) -> str:
    """quiet → off; `-v` → lines (each item logged); a terminal → bar; anything else → counter."""
    verbosity = _state["verbosity"]
    if verbosity < 0:
        return "off"
    if verbosity > 0:
        return "lines"
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return "bar" if tty else "counter"


def progress(what: str, total: int | None = None, unit: str = "", **kw: Any) -> Progress:
    """`with progress("extract", unit="құжат / документ") as p: … p.update(note=line) …`"""
    return Progress(what, total, unit, **kw)
