"""Where everything of one check lives (a temporary folder, two databases, free ports) and the environment that
configures Airflow's components: CeleryExecutor, PostgreSQL metadata, Redis broker, a login on the API server."""
from __future__ import annotations

import base64
import json
import os
import secrets
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("MUGALIM_PRODCHECK_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("MUGALIM_PRODCHECK_REDIS", "redis://127.0.0.1:6379")
AIRFLOW_DB = "mugalim_prodcheck_airflow"
MUGALIM_DB = "mugalim_prodcheck"
REDIS_DB = 7          # a Redis database of the check's own, flushed at the start
USER = "prodcheck"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class CheckSettings:
    """One check's folders, ports and secrets. `root` is a fresh temporary folder."""

    root: Path
    api_port: int = field(default_factory=free_port)
    worker_log_port: int = field(default_factory=free_port)
    trigger_log_port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    api_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    fernet_key: str = field(default_factory=lambda: base64.urlsafe_b64encode(os.urandom(32)).decode())
    worker_concurrency: int = 2
    dags_folder: Path = REPO / "dags"

    @property
    def airflow_home(self) -> Path:
        return self.root / "airflow"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def process_logs(self) -> Path:
        """stdout and stderr of every component."""
        return self.root / "processes"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def mugalim_db_url(self) -> str:
        return f"{PG_SERVER}/{MUGALIM_DB}"

    @property
    def broker_url(self) -> str:
        return f"{REDIS}/{REDIS_DB}"

    def write_password_file(self) -> Path:
        """The simple auth manager's password file, written before the API server starts: its password never
        appears in a log (Airflow would print a generated one)."""
        path = self.airflow_home / "passwords.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({USER: self.password}), encoding="utf-8")
        path.chmod(0o600)
        return path

    def env(self) -> dict[str, str]:
        """The environment of every Airflow component and of `airflow` CLI calls."""
        meta = f"{PG_SERVER}/{AIRFLOW_DB}".replace("postgresql://", "postgresql+psycopg://", 1)
        venv_bin = str(Path(sys.executable).parent)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
        env.update({
            "PATH": venv_bin + os.pathsep + env.get("PATH", ""),
            "AIRFLOW_HOME": str(self.airflow_home),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags_folder),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            # As many task instances queued or running as the worker has slots: a task the scheduler queues waits in
            # the broker, and one that waits longer than task_queued_timeout is failed and retried for nothing.
            "AIRFLOW__CORE__PARALLELISM": str(self.worker_concurrency),
            "AIRFLOW__CORE__FERNET_KEY": self.fernet_key,
            "AIRFLOW__CORE__AUTH_MANAGER":
                "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(self.airflow_home / "passwords.json"),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.api_url}/execution/",
            # A short retry delay so the killed worker's tasks come back within the check's time budget.
            "AIRFLOW__CORE__DEFAULT_TASK_RETRY_DELAY": "5",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": meta,
            "AIRFLOW__CELERY__BROKER_URL": self.broker_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + meta,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(self.worker_concurrency),
            "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "3600",
            "AIRFLOW__API__BASE_URL": self.api_url,
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API__SECRET_KEY": self.api_secret,
            "AIRFLOW__API_AUTH__JWT_SECRET": self.jwt_secret,
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(self.worker_log_port),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(self.trigger_log_port),
            # A dead worker's running tasks are noticed in ~30 s, tasks stuck in `queued` in 90 s.
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30",
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "90",
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT_CHECK_INTERVAL": "15",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
            "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
            "MUGALIM_DATA": str(self.data_dir),
            "MUGALIM_DB_URL": self.mugalim_db_url,
            # Production keeps the signing keys outside the data folder (docs/production.md); both runs of the
            # check share them, as two nights of one installation do.
            "MUGALIM_KEYS_FILE": str(self.root / "keys.yaml"),
            "OMP_THREAD_LIMIT": "1",
        })
        return env
