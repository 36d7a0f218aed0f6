"""Run the pipeline through the scheduler: find the DAGs the dag-processor parsed from `dags/`, unpause them,
trigger the ones no Asset schedules, approve the payment's human-in-the-loop step, and wait until every DAG has
run and every run has succeeded."""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mugalim.identifiers import mask
from prodcheck.api import AirflowApi
from prodcheck.processes import CheckFailed

APPROVE_WORDS = ("approve", "approved", "yes", "confirm", "бекіту", "утвердить")
FINISHED = {"success", "failed"}


@dataclass(frozen=True)
class Dag:
    dag_id: str
    fileloc: str
    asset_scheduled: bool


@dataclass
class PipelineRun:
    """One pass of the pipeline: the DAG runs it created and how long it took."""

    runs: dict[str, list[str]] = field(default_factory=dict)   # dag_id → run ids
    seconds: float = 0.0
    approvals: list[str] = field(default_factory=list)


def dag_files(folder: Path) -> list[Path]:
    """The DAG files Airflow will parse (`.py`, not private, mentioning a DAG: its own safe-mode heuristic)."""
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_")
                  and "dag" in p.read_text(encoding="utf-8", errors="replace").lower())


def discover(api: AirflowApi, folder: Path, *, timeout: float, alive: Callable[[], None],
             progress: Callable[[str], None]) -> list[Dag]:
    """Wait until every DAG file of `folder` is parsed (or fails to import: that fails the check)."""
    wanted = {str(p.resolve()) for p in dag_files(folder)}
    if not wanted:
        raise CheckFailed(f"no DAG files in {folder}")
    deadline = time.monotonic() + timeout
    while True:
        alive()
        errors = api.import_errors()
        if errors:
            first = errors[0]
            raise CheckFailed(f"DAG import error in {first.get('filename')}:\n{first.get('stack_trace', '')[-2000:]}")
        dags = api.dags()
        parsed = {str(Path(d["fileloc"]).resolve()) for d in dags}
        if wanted <= parsed:
            break
        if time.monotonic() > deadline:
            missing = ", ".join(sorted(Path(p).name for p in wanted - parsed))
            raise CheckFailed(f"the dag-processor did not parse {missing} in {timeout:.0f} s")
        time.sleep(3)
    found = []
    for d in sorted(dags, key=lambda d: d["dag_id"]):
        if str(Path(d["fileloc"]).resolve()) in wanted:
            details = api.get(f"/api/v2/dags/{d['dag_id']}/details")
            found.append(Dag(d["dag_id"], d["fileloc"], bool(details.get("asset_expression"))))
    progress("DAGs: " + ", ".join(f"{d.dag_id}{' (on an Asset)' if d.asset_scheduled else ''}" for d in found))
    return found


def run_pipeline(api: AirflowApi, dags: list[Dag], *, conf: dict[str, Any], timeout: float, log_dir: Path,
                 alive: Callable[[], None], progress: Callable[[str], None],
                 on_poll: Callable[[dict[str, list[dict[str, Any]]]], None] | None = None) -> PipelineRun:
    """Trigger the roots and wait until every DAG has at least one new run and all new runs succeeded.

    Runs that existed before the call belong to an earlier pass and are ignored."""
    before = {d.dag_id: {r["dag_run_id"] for r in api.dag_runs(d.dag_id)} for d in dags}
    for d in dags:
        api.unpause(d.dag_id)
    started = time.monotonic()
    result = PipelineRun()
    for d in dags:
        if not d.asset_scheduled:
            result.runs.setdefault(d.dag_id, []).append(api.trigger(d.dag_id, conf))
    progress("triggered " + ", ".join(result.runs))
    announced = False
    last_line, settled = "", 0
    while True:
        alive()
        result.approvals += approve_open_requests(api, progress)
        runs = {d.dag_id: [r for r in api.dag_runs(d.dag_id) if r["dag_run_id"] not in before[d.dag_id]]
                for d in dags}
        if on_poll is not None:
            on_poll(runs)
        _fail_on_failed_run(api, runs, log_dir)
        _fail_on_failed_task(api, runs, log_dir)   # at once: a failed task is final (a retry is up_for_retry)
        line = _summary(runs)
        if line != last_line:
            progress(f"[{time.monotonic() - started:5.0f} s] {line}")
            last_line = line
        idle = all(r["state"] in FINISHED for rs in runs.values() for r in rs)
        never = [k for k, rs in runs.items() if not rs]
        settled = settled + 1 if idle else 0
        if settled >= 3 and never:   # the pipeline stopped short: only an event from outside Airflow can go on
            if announced:
                raise CheckFailed(f"nothing triggered {', '.join(never)}: no DAG produces what it is scheduled on")
            announced, settled = True, 0
            for asset in external_assets(api, dags):
                api.announce(asset["id"])
                progress(f"announced Asset {asset['name']} (no task produces it: a person's upload does)")
            continue
        if settled >= 3:   # a few quiet polls: no Asset event is still about to create a run
            result.runs = {k: [r["dag_run_id"] for r in v] for k, v in runs.items()}
            result.seconds = time.monotonic() - started
            return result
        if time.monotonic() - started > timeout:
            waiting = [k for k, v in runs.items() if not v or any(r["state"] != "success" for r in v)]
            raise CheckFailed(f"the pipeline did not finish in {timeout:.0f} s; still waiting for "
                              f"{', '.join(waiting)} ({line})")
        time.sleep(1.5)


def external_assets(api: AirflowApi, dags: list[Dag]) -> list[dict[str, Any]]:
    """Assets one of our DAGs is scheduled on that no task produces and no watcher follows: events from outside
    Airflow (score sheets uploaded by the department), which the check posts itself."""
    ours = {d.dag_id for d in dags}
    return [a for a in api.assets()
            if {s["dag_id"] for s in a["scheduled_dags"]} & ours and not a["producing_tasks"] and not a["watchers"]]


def _summary(runs: dict[str, list[dict[str, Any]]]) -> str:
    parts = []
    for dag_id, rs in runs.items():
        states = ",".join(r["state"] for r in rs) or "not yet"
        parts.append(f"{dag_id.removeprefix('mugalim_')}: {states}")
    return "; ".join(parts)


def first_error(logs: Path) -> str:
    """The exception of the first failed attempt under `logs`, as ': Type: message' (digit runs masked: the
    message goes to the CI log, which the personal-data search does not cover)."""
    for path in sorted(logs.rglob("attempt=*.log")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            for err in entry.get("error_detail") or []:
                text = f"{err.get('exc_type')}: {err.get('exc_value')}"[:300]
                where = path.relative_to(logs)
                return f"\nfirst error ({where}): " + re.sub(r"\d{6,}", lambda m: mask(m.group()), text)
    return ""


def _fail_on_failed_task(api: AirflowApi, runs: dict[str, list[dict[str, Any]]], log_dir: Path) -> None:
    """A run can succeed with a failed task in it (a leaf with trigger_rule all_done): that is a failure too. A task
    that failed and then succeeded on a retry (the killed worker's) is not."""
    for dag_id, rs in runs.items():
        for r in (r for r in rs if r["state"] != "queued"):
            bad = [t for t in api.task_instances(dag_id, r["dag_run_id"]) if t["state"] in ("failed", "upstream_failed")]
            if bad:
                logs = log_dir / f"dag_id={dag_id}" / f"run_id={r['dag_run_id']}"
                names = ", ".join(f"{t['task_id']}[{t['map_index']}]={t['state']} (try {t['try_number']})"
                                  for t in bad[:10])
                raise CheckFailed(f"DAG run {dag_id} / {r['dag_run_id']} succeeded but {len(bad)} of its tasks "
                                  f"failed: {names}{first_error(logs)}\ntask logs: {logs}")


def _fail_on_failed_run(api: AirflowApi, runs: dict[str, list[dict[str, Any]]], log_dir: Path) -> None:
    for dag_id, rs in runs.items():
        for r in rs:
            if r["state"] == "failed":
                tis = api.task_instances(dag_id, r["dag_run_id"])
                bad = [f"{t['task_id']}[{t['map_index']}]={t['state']} (try {t['try_number']})"
                       for t in tis if t["state"] not in ("success", "skipped")]
                logs = log_dir / f"dag_id={dag_id}" / f"run_id={r['dag_run_id']}"
                raise CheckFailed(f"DAG run {dag_id} / {r['dag_run_id']} failed: {', '.join(bad) or 'no task failed'}"
                                  f"{first_error(logs)}\ntask logs: {logs}")


def approve_open_requests(api: AirflowApi, progress: Callable[[str], None]) -> list[str]:
    """Answer every open human-in-the-loop request with its approving option, as the department's officer would
    in the UI (the check is the officer here)."""
    answered = []
    for req in api.open_approvals():
        ti = req["task_instance"]
        options = req["options"]
        choice = next((o for o in options if o.casefold() in APPROVE_WORDS), None) or \
            (req.get("defaults") or [None])[0]
        if choice is None:
            raise CheckFailed(f"{ti['dag_id']}.{ti['task_id']} asks '{req['subject']}' with options {options}: "
                              "none of them approves")
        api.answer_approval(ti, [choice])
        answered.append(f"{ti['dag_id']}.{ti['task_id']}: {choice}")
        progress(f"approved {ti['dag_id']}.{ti['task_id']} ('{req['subject']}' → {choice})")
    return answered
