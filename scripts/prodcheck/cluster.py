"""Airflow's distributed topology as processes on this machine: api-server, scheduler, dag-processor, triggerer and
Celery workers, all sharing one PostgreSQL metadata database and one Redis broker (what docker-compose.yml runs as
containers)."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

from prodcheck.api import AirflowApi
from prodcheck.processes import Component, Supervisor, run
from prodcheck.settings import USER, CheckSettings

AIRFLOW = str(Path(sys.executable).parent / "airflow")


class Cluster:
    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings
        self.supervisor = Supervisor(settings.env(), settings.process_logs)
        self.api = AirflowApi(settings.api_url, USER, settings.password)
        self._worker_numbers = itertools.count(1)

    def start(self, progress) -> None:  # type: ignore[no-untyped-def]
        """Migrate the metadata database, then start every component and wait for the API server's login."""
        s = self.settings
        s.write_password_file()
        progress("airflow db migrate")
        run([AIRFLOW, "db", "migrate"], self.supervisor.env, s.process_logs / "db-migrate.log")
        progress(f"starting api-server on {s.api_url}, scheduler, dag-processor, triggerer, a Celery worker")
        self.supervisor.start("api-server", [AIRFLOW, "api-server", "--host", "127.0.0.1",
                                             "--port", str(s.api_port)])
        self.supervisor.start("scheduler", [AIRFLOW, "scheduler"])
        self.supervisor.start("dag-processor", [AIRFLOW, "dag-processor"])
        self.supervisor.start("triggerer", [AIRFLOW, "triggerer"])
        self.start_worker()
        self.api.wait_healthy(timeout=180, alive=self.supervisor.check_alive)

    def start_worker(self) -> Component:
        n = next(self._worker_numbers)
        return self.supervisor.start(f"worker-{n}", [
            AIRFLOW, "celery", "worker", "--concurrency", str(self.settings.worker_concurrency),
            "--celery-hostname", f"prodcheck-worker-{n}@%h", "--without-mingle", "--without-gossip"])

    def workers(self) -> list[Component]:
        return [c for c in self.supervisor.components if c.name.startswith("worker-") and c.alive]

    def stop(self) -> None:
        self.supervisor.stop_all()
