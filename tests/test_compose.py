"""docker-compose.yml describes production (issue 7): Airflow 3's components with the CeleryExecutor, PostgreSQL for
Airflow's metadata and mugalim's database, Redis as the broker, the data folder as a volume, healthchecks, secrets
from the environment, and a login on the API server. Structure is checked with PyYAML everywhere; `docker compose
config` also validates the file where a Docker engine answers."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
AIRFLOW_SERVICES = {"airflow-apiserver": "api-server", "airflow-scheduler": "scheduler",
                    "airflow-dag-processor": "dag-processor", "airflow-triggerer": "triggerer",
                    "airflow-worker": "celery worker"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _env(service: dict) -> dict[str, str]:
    return {k: str(v) for k, v in (service.get("environment") or {}).items()}


def _command(service: dict) -> str:
    cmd = service.get("command", "")
    return " ".join(cmd) if isinstance(cmd, list) else str(cmd)


def test_every_airflow_3_component_runs_the_celery_executor(compose):
    services = compose["services"]
    for name, command in AIRFLOW_SERVICES.items():
        assert name in services, f"{name} missing"
        assert _command(services[name]) == command
        env = _env(services[name])
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql")
        assert env["MUGALIM_DB_URL"].startswith("postgresql://") and env["MUGALIM_DATA"] == "/data"


def test_airflow_and_mugalim_have_separate_databases_on_the_postgres_service(compose):
    env = _env(compose["services"]["airflow-scheduler"])
    airflow_db = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].rsplit("/", 1)[-1]
    mugalim_db = env["MUGALIM_DB_URL"].rsplit("/", 1)[-1]
    assert "@postgres:5432/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] and "@postgres:5432/" in env["MUGALIM_DB_URL"]
    assert airflow_db != mugalim_db
    init = compose["configs"]["mugalim-database"]["content"]
    assert f"CREATE DATABASE {mugalim_db}" in init


def test_the_data_folder_is_a_volume_of_every_airflow_service(compose):
    for name in AIRFLOW_SERVICES:
        volumes = [str(v) for v in compose["services"][name]["volumes"]]
        assert any(v.endswith(":/data") for v in volumes), name


def test_every_long_running_service_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        if name == "airflow-init":
            continue
        check = service.get("healthcheck", {}).get("test")
        assert check and check[0] in ("CMD", "CMD-SHELL"), name


def test_services_start_in_order(compose):
    services = compose["services"]
    for name in AIRFLOW_SERVICES:
        deps = services[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy"
        assert deps["redis"]["condition"] == "service_healthy"
        assert deps["airflow-init"]["condition"] == "service_completed_successfully"


def test_the_worker_image_has_tesseract_kazakh_and_russian_poppler_and_ffmpeg(compose):
    assert compose["x-airflow-common"]["build"]["dockerfile"] == "Dockerfile"
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM apache/airflow:\$\{AIRFLOW_VERSION\}", dockerfile, re.M)
    for package in ("tesseract-ocr-kaz", "tesseract-ocr-rus", "poppler-utils", "ffmpeg"):
        assert package in dockerfile
    pinned = re.search(r"^ARG AIRFLOW_VERSION=(\S+)", dockerfile, re.M).group(1)
    assert f"apache-airflow=={pinned}" in (ROOT / "requirements.lock").read_text()


def test_secrets_come_from_the_environment_never_from_the_file(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    for var in ("AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "AIRFLOW_API_SECRET_KEY", "POSTGRES_PASSWORD",
                "REDIS_PASSWORD", "MUGALIM_DB_PASSWORD", "AIRFLOW_ADMIN_PASSWORD"):
        assert re.search(r"\$\{" + var + r":\?", text), f"{var} is not required from the environment"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{(\w+):\?", text))
    assert required <= set(re.findall(r"^(\w+)=", example, re.M))
    assert re.search(r"^\.env$", (ROOT / ".gitignore").read_text(), re.M)


def test_the_api_server_asks_for_a_login(compose):
    env = _env(compose["services"]["airflow-apiserver"])
    assert env["AIRFLOW__CORE__AUTH_MANAGER"].endswith("FabAuthManager")
    init = _env(compose["services"]["airflow-init"])
    assert init["_AIRFLOW_WWW_USER_CREATE"] == "true"
    assert init["_AIRFLOW_WWW_USER_PASSWORD"].startswith("${AIRFLOW_ADMIN_PASSWORD:?")


def _compose_cli() -> list[str] | None:
    """`docker compose` (or `docker-compose`) when a Docker engine answers, else None."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "info"], capture_output=True, timeout=30).returncode == 0:
        if subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30).returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_config_validates_the_file(tmp_path):
    cli = _compose_cli()
    if cli is None:
        pytest.skip("no Docker engine with compose answers here")
    env_file = tmp_path / ".env"
    env_file.write_text((ROOT / ".env.example").read_text().replace("CHANGE-ME", "not-a-secret"))
    result = subprocess.run([*cli, "--project-directory", str(ROOT), "--env-file", str(env_file),
                             "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_parallelism_matches_the_workers_slots_so_no_task_waits_in_the_broker(compose):
    example = dict(re.findall(r"^(\w+)=(.*)$", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    slots = int(example["MUGALIM_WORKERS"]) * int(example["MUGALIM_WORKER_CONCURRENCY"])
    assert int(example["AIRFLOW_PARALLELISM"]) == slots
    env = _env(compose["services"]["airflow-scheduler"])
    assert env["AIRFLOW__CORE__PARALLELISM"] == "${AIRFLOW_PARALLELISM:-%d}" % slots
    assert compose["services"]["airflow-worker"]["deploy"]["replicas"] == "${MUGALIM_WORKERS:-2}"


def test_the_review_station_runs_behind_tls_on_a_loopback_it_shares_with_its_proxy(compose):
    """Issue 22 item 6: the station in production — never on a network itself (it listens on 127.0.0.1 of the proxy's
    network namespace), reached only through the proxy's TLS; the secrets and names come from .env."""
    services = compose["services"]
    review, proxy = services["review"], services["review-proxy"]
    assert review["network_mode"] == "service:review-proxy" and "ports" not in review
    assert review["entrypoint"] == ["mugalim"] and review["command"][:1] == ["review"]
    assert review["command"][review["command"].index("--host") + 1] == "127.0.0.1"
    assert [p.split(":")[-1] for p in proxy["ports"]] == ["443"]
    caddyfile = compose["configs"]["review-caddyfile"]["content"]
    assert "tls /certs/cert.pem /certs/key.pem" in caddyfile and "reverse_proxy 127.0.0.1:8765" in caddyfile
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert "MUGALIM_REVIEW_HOST=" in example and "MUGALIM_REVIEW_CERTS=" in example
