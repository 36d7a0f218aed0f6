"""The production check, step by step. Every process it starts is stopped in a `finally`; any failure ends it with
a message saying which step failed and why, and a non-zero exit status."""
from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from prodcheck import logscan, outbox, pipeline, sample, services, snapshot
from prodcheck.chaos import MIDWAY, KillWorker
from prodcheck.cluster import Cluster
from prodcheck.processes import CheckFailed
from prodcheck.settings import MUGALIM_DB, REPO, CheckSettings

T0 = time.monotonic()


def progress(message: str) -> None:
    print(f"prod-check {time.monotonic() - T0:6.0f} s  {message}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="prod_check", description=__doc__)
    ap.add_argument("--dags", type=Path, default=REPO / "dags", help="the DAG folder (default: the repository's)")
    ap.add_argument("--kill-during", default="mugalim_extract", metavar="DAG_ID",
                    help="kill a worker during this DAG's mapped tasks (default: mugalim_extract)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds one pass of the pipeline may take")
    ap.add_argument("--season", type=int, default=sample.SEASON)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data) for inspection")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="mugalim-prodcheck-"))
    settings = CheckSettings(root=root, dags_folder=args.dags.resolve())
    cluster = Cluster(settings)
    ok = False
    signal.signal(signal.SIGTERM, _interrupted)   # a CI timeout: still stop every component (the finally below)
    try:
        report = check(args, settings, cluster)
        ok = True
        print(json.dumps(report, indent=2, ensure_ascii=False))
        progress(f"PASSED in {time.monotonic() - T0:.0f} s")
        return 0
    except CheckFailed as e:
        progress(f"FAILED: {e}")
        return 1
    except KeyboardInterrupt:
        progress("FAILED: interrupted")
        return 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)   # already stopping: let the cleanup finish
        cluster.stop()
        if args.keep or not ok:
            progress(f"logs and data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def _interrupted(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def check(args: argparse.Namespace, settings: CheckSettings, cluster: Cluster) -> dict[str, Any]:
    progress("services: PostgreSQL and Redis")
    services.ensure_running()
    services.reset()
    generated = _fresh_data(settings, args.season)
    cluster.start(progress)
    alive = cluster.supervisor.check_alive
    dags = pipeline.discover(cluster.api, settings.dags_folder, timeout=240, alive=alive, progress=progress)
    conf = {"season": args.season}
    report: dict[str, Any] = {"dags": [d.dag_id for d in dags], "generators": sample.generators_present(),
                              "worker_concurrency": settings.worker_concurrency}

    progress("pass 1: the whole pipeline, undisturbed")
    first = pipeline.run_pipeline(cluster.api, dags, conf=conf, timeout=args.timeout, alive=alive,
                                  progress=progress, log_dir=settings.airflow_home / "logs")
    report["undisturbed"] = _pass_report(first, outbox.check(settings.data_dir, {d.dag_id for d in dags},
                                                             args.season))
    reference = snapshot.take(settings.data_dir, settings.mugalim_db_url)
    report["rows"] = reference.row_counts()
    needles = _needles(settings, generated)

    if any(d.dag_id == args.kill_during for d in dags):
        report["killed_worker"] = _disturbed_pass(args, settings, cluster, dags, conf, reference)
        needles = _needles(settings, generated, needles)
    else:
        progress(f"killed worker: NOT RUN — no DAG {args.kill_during} in {settings.dags_folder} yet")
        report["killed_worker"] = f"not run: no DAG {args.kill_during} yet"

    progress("stopping every component (their logs are complete once they exit)")
    cluster.stop()
    report["log_search"] = search_logs(settings, needles)
    return report


def _fresh_data(settings: CheckSettings, season: int) -> list[Any]:
    progress(f"sample season {season} into {settings.data_dir}")
    generated = sample.prepare(settings.data_dir, season=season)
    from mugalim.db import migrate

    migrate(settings.mugalim_db_url).dispose()
    return generated


def _disturbed_pass(args: argparse.Namespace, settings: CheckSettings, cluster: Cluster, dags: list[Any],
                    conf: dict[str, Any], reference: snapshot.Snapshot) -> dict[str, Any]:
    progress(f"pass 2: fresh database and data folder; a worker is killed during {args.kill_during}")
    services.recreate(MUGALIM_DB)
    _fresh_data(settings, args.season)
    killer = KillWorker(cluster, cluster.api, args.kill_during, progress)
    second = pipeline.run_pipeline(cluster.api, dags, conf=conf, timeout=args.timeout,
                                   alive=cluster.supervisor.check_alive, progress=progress, on_poll=killer,
                                   log_dir=settings.airflow_home / "logs")
    if killer.killed_at is None:
        raise CheckFailed(f"no moment to kill a worker: {args.kill_during} never had a mapped task running "
                          f"for {MIDWAY:.0f} s or while another was done")
    produced = outbox.check(settings.data_dir, {d.dag_id for d in dags}, args.season)
    diffs = snapshot.differences(reference, snapshot.take(settings.data_dir, settings.mugalim_db_url))
    if diffs:
        raise CheckFailed("the run with a killed worker differs from the undisturbed one:\n  " + "\n  ".join(diffs))
    retried = killer.retried()
    if not any(again for _, again in retried):
        raise CheckFailed("the killed worker interrupted nothing: every task it ran finished at its first try")
    lines = [line for line, _ in retried]
    progress("same outbox and same rows as the undisturbed run; " + "; ".join(lines))
    return {**_pass_report(second, produced), "interrupted": lines, "mapped_task_instances": killer.mapped_total}


def _pass_report(run: pipeline.PipelineRun, produced: dict[str, Any]) -> dict[str, Any]:
    return {"seconds": round(run.seconds, 1), "dag_runs": {k: len(v) for k, v in run.runs.items()},
            "approvals": run.approvals, "outbox": produced}


def _needles(settings: CheckSettings, generated: list[Any],
             needles: logscan.Needles | None = None) -> logscan.Needles:
    """The personal data of the sample season: from the generators' own account of what they wrote, from the
    data folder's CSV and JSON files, and from mugalim's database after the run."""
    needles = needles or logscan.Needles()
    logscan.from_objects(needles, generated)
    logscan.from_data_files(needles, settings.data_dir)
    logscan.from_database(needles, settings.mugalim_db_url)
    return needles


def search_logs(settings: CheckSettings, needles: logscan.Needles) -> dict[str, Any]:
    if not needles.tokens and not needles.phones:
        raise CheckFailed("found no personal data in the sample season to search the logs for")
    try:
        logscan.self_test(needles, settings.root / "selftest")
    except AssertionError as e:
        raise CheckFailed(str(e)) from e
    files = logscan.log_files([settings.airflow_home, settings.process_logs], settings.data_dir)
    count, hits = logscan.scan(needles, files)
    progress(f"log search: {count} log files, {len(needles)} personal values ({needles.counts()}): {len(hits)} hits")
    if hits:
        shown = "\n  ".join(str(h) for h in hits[:20])
        raise CheckFailed(f"personal data in clear in the logs ({len(hits)} hits):\n  {shown}")
    return {"files": count, "values": needles.counts(), "hits": 0}


if __name__ == "__main__":
    sys.exit(main())
