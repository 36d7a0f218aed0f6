"""Work of a scoring run done beside it in other processes (issue 15): the score sheets' audit, which imports Great
Expectations and checks every score row of the season, and the charts, each a PNG drawn by matplotlib.

`MUGALIM_SCORE_WORKERS` sets how many processes draw the charts (default: the CPUs, at most 4); `0` or `1`: no process
beside the run at all, the audit and the charts done in order in the run's own process (the same bytes either way). A
process that may not start children (a daemonic one) does everything itself too.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger(__name__)
MAX_WORKERS = 4


def workers() -> int:
    """How many processes may work beside a run (0: none)."""
    raw = os.environ.get("MUGALIM_SCORE_WORKERS", "")
    n = int(raw) if raw.strip().isdigit() else min(os.cpu_count() or 1, MAX_WORKERS)
    if n <= 1 or mp.current_process().daemon:
        return 0
    return n


# --- many small jobs in forked processes (the charts) -------------------------------------------------------------

_JOBS: Sequence[Callable[[], Any]] = ()


def _run_job(i: int) -> Any:
    return _JOBS[i]()


class Jobs:
    """Jobs (closures: the forked processes inherit them, nothing is pickled but the results) started at once in
    worker processes, each result taken when it is needed (`get`), all of them at the end (`wait`). Without workers
    the jobs run here, in order, when the first result is asked for. Jobs must not use the database: a forked process
    may not share the run's connection. One `Jobs` at a time."""

    def __init__(self, jobs: Sequence[Callable[[], Any]], *, processes: int | None = None) -> None:
        global _JOBS
        self._jobs = list(jobs)
        self._pool: Any = None
        self._results: list[Any] = []
        n = min(workers() if processes is None else processes, len(self._jobs))
        # fork only a process with one thread: a lock another thread held at the fork (logging's, a connection
        # pool's) stays held for ever in the child — as in a task that Airflow runs beside its own threads
        if n > 1 and "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
            _JOBS = self._jobs
            try:
                self._pool = mp.get_context("fork").Pool(n)
            except OSError as e:                 # no process to be had: the jobs run here
                log.warning("charts drawn in the run's own process: %s", e)
                _JOBS = ()
                return
            self._results = [self._pool.apply_async(_run_job, (i,)) for i in range(len(self._jobs))]

    def get(self, i: int) -> Any:
        if self._pool is None:
            while len(self._results) <= i:
                self._results.append(self._jobs[len(self._results)]())
            return self._results[i]
        return self._results[i].get()

    def wait(self) -> list[Any]:
        try:
            return [self.get(i) for i in range(len(self._jobs))]
        finally:
            self.close()

    def close(self) -> None:
        global _JOBS
        if self._pool is not None:
            self._pool.close()
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            _JOBS = ()


def run_all(jobs: Sequence[Callable[[], Any]], *, processes: int | None = None) -> list[Any]:
    """Each job's result, in order (see `Jobs`)."""
    return Jobs(jobs, processes=processes).wait()


# --- the audit, started at once, run when the inputs are loaded ---------------------------------------------------

class Audit:
    """The score sheets' audit (`mugalim.scoring.quality.audit_scores`) in a process of its own.

    The process starts with the run and imports Great Expectations while the run loads the inbox; `go()` has it read
    the loaded rows through its own connection and check them while the run decides and draws; `result()` waits for
    its summary. `stop()` ends it unused (nothing to audit again). Without workers, `result()` runs the audit in the
    run's process.

    The rows it checks are written once by the process itself, beside the run (`stages_rows`): into
    `scoring_audit_rows` on PostgreSQL, into a database file of its own on SQLite (`quality.side_database`: SQLite
    has one writer at a time, and the run's decisions are taken in one transaction that writes). Without workers the
    run writes them into its database (`quality.stage_audit_rows`) before `go()`."""

    def __init__(self, settings: Any, ss: Any) -> None:
        self.settings, self.ss = settings, ss
        self._proc: Any = None
        self._pipe: Any = None
        self._went = False
        self.stages_rows = bool(workers())
        if self.stages_rows:
            ctx = mp.get_context("spawn")          # nothing of the run (connections, threads) is shared
            self._pipe, child = ctx.Pipe()
            self._proc = ctx.Process(target=_audit_process, args=(child, settings, ss, self.stages_rows),
                                     name="mugalim-audit", daemon=True)
            self._proc.start()
            child.close()

    def go(self) -> None:
        self._went = True
        if self._proc is not None:
            self._pipe.send("go")

    def stop(self) -> None:
        """End the process: unused (it has written nothing before `go()`), or done."""
        if self._proc is None:
            return
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        self._pipe.close()
        self._proc = None

    def result(self, conn: Any) -> dict[str, Any]:
        if self._proc is None:
            from mugalim.scoring.quality import audit_scores
            return audit_scores(conn, self.settings, self.ss, staged=True)
        try:
            status, value = self._pipe.recv()
        except EOFError:
            raise RuntimeError(f"the score sheets' audit process ended without a result "
                               f"(exit code {self._proc.exitcode})") from None
        finally:
            self.stop()
        if status != "ok":
            raise RuntimeError(f"the score sheets' audit failed in its process:\n{value}")
        return value


def _audit_process(pipe: Any, settings: Any, ss: Any, stage_rows: bool = False) -> None:
    try:
        # Not niced: on a machine shared with other work a niced audit got almost no CPU, and the run, its own work
        # done, waited for it (21 s of a 36 s school stage at a load average of 8 on 2 CPUs).
        from mugalim import console

        console.quiet_libraries()
        try:                                     # Great Expectations, imported while the run loads the inbox
            from validators.quality.checkpoint import load_gx
            load_gx()
        except ImportError:
            pass
        if pipe.recv() != "go":
            return
        pipe.send(("ok", _audit_here(settings, ss, stage_rows)))
    except (EOFError, KeyboardInterrupt):
        return
    except BaseException:                        # noqa: BLE001 - reported to the run, which raises it
        try:
            pipe.send(("error", traceback.format_exc()))
        except OSError:
            pass


def _audit_here(settings: Any, ss: Any, stage_rows: bool) -> dict[str, Any]:
    """The audit in this process: over rows it writes itself (`stage_rows`; on SQLite into a database of its own),
    or over those the run wrote."""
    from mugalim.db import engine_for
    from mugalim.scoring.quality import audit_scores, side_database

    if stage_rows and str(settings.db_url).startswith("sqlite"):
        with side_database(settings.db_url, ss.season) as url:
            return audit_scores(None, settings, ss, staged=True, db_url=url)
    engine = engine_for(settings.db_url)
    try:
        with engine.connect() as conn:
            return audit_scores(conn, settings, ss, staged=not stage_rows)
    finally:
        engine.dispose()
