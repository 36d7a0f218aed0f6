"""The killed worker: while the extract DAG's mapped tasks run, SIGKILL the Celery worker that runs them (its whole
process group, as when its machine dies) and start a fresh one. The scheduler notices the lost tasks by their
missing heartbeat and retries them; the run must end as an undisturbed one does."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from prodcheck.api import AirflowApi
from prodcheck.cluster import Cluster

MIDWAY = 8.0   # seconds a mapped task has run before it counts as half done


def _age(ti: dict[str, Any]) -> float:
    """Seconds since the task instance started (0 when it has no start yet)."""
    if not ti.get("start_date"):
        return 0.0
    started = datetime.fromisoformat(ti["start_date"].replace("Z", "+00:00"))
    return (datetime.now(timezone.utc) - started).total_seconds()


@dataclass
class KillWorker:
    cluster: Cluster
    api: AirflowApi
    dag_id: str
    progress: Callable[[str], None]
    killed_at: float | None = None
    interrupted: list[dict[str, Any]] = field(default_factory=list)   # the task instances running at the kill
    mapped_total: int = 0

    def __call__(self, runs: dict[str, list[dict[str, Any]]]) -> None:
        """Called at every poll of the pipeline; kills once, in the middle of the mapped tasks: when one runs while
        others are done, or when one has been running for `MIDWAY` seconds (a few large batches all running at
        once) — so part of the work is written and part is not."""
        if self.killed_at is not None:
            return
        for run in runs.get(self.dag_id, []):
            if run["state"] != "running":
                continue
            tis = [t for t in self.api.task_instances(self.dag_id, run["dag_run_id"]) if t["map_index"] >= 0]
            running = [t for t in tis if t["state"] == "running"]
            done = [t for t in tis if t["state"] == "success"]
            if running and (done or max(_age(t) for t in running) >= MIDWAY):
                self._kill(running, len(tis))
                return

    def _kill(self, running: list[dict[str, Any]], total: int) -> None:
        victims = self.cluster.workers()
        if not victims:
            return
        worker = victims[0]
        self.cluster.supervisor.kill(worker)
        self.killed_at = time.monotonic()
        self.interrupted = running
        self.mapped_total = total
        names = ", ".join(f"{t['task_id']}[{t['map_index']}] (for {_age(t):.0f} s)" for t in running)
        self.progress(f"KILLED {worker.name} (SIGKILL to its process group) while {names} ran "
                      f"({total} mapped task instances); starting a new worker")
        self.cluster.start_worker()

    def retried(self) -> list[tuple[str, bool]]:
        """After the run: each interrupted task instance, with the try that finished it, and whether that was a
        later try (the kill really cut it off)."""
        out = []
        for t in self.interrupted:
            now = next(x for x in self.api.task_instances(t["dag_id"], t["dag_run_id"])
                       if x["task_id"] == t["task_id"] and x["map_index"] == t["map_index"])
            out.append((f"{t['task_id']}[{t['map_index']}]: try {t['try_number']} killed, "
                        f"{now['state']} at try {now['try_number']}", now["try_number"] > t["try_number"]))
        return out
