"""Run mugalim's DAGs through Airflow on the embedded default: SQLite metadata under AIRFLOW_HOME, one process,
`dag.test()` for each DAG in pipeline order (what the scheduler would trigger through the Assets, in sequence).

Used by `make demo` and by the DAG tests. Production runs the same DAG files under the scheduler with
CeleryExecutor (see docker-compose.yml and scripts/prod_check.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PIPELINE = ["mugalim_ingest", "mugalim_extract", "mugalim_validate", "mugalim_score", "mugalim_pay"]


def airflow_env(airflow_home: Path, data_dir: Path, db_url: str | None = None) -> dict[str, str]:
    """The environment an embedded Airflow needs: its home, our DAGs and plugins, no examples, few workers."""
    env = {
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "MUGALIM_DATA": str(data_dir),
    }
    if db_url:
        env["MUGALIM_DB_URL"] = db_url
    return env


#: what the project's airflow.cfg says, so that `airflow …` run by hand with only AIRFLOW_HOME set finds the same DAGs
CONFIG = {
    "core": {"dags_folder": str(REPO / "dags"), "plugins_folder": str(REPO / "plugins"), "load_examples": "False",
             "default_timezone": "Asia/Almaty", "parallelism": "4"},
    "logging": {"logging_level": "WARNING"},
}


def write_config(airflow_home: Path) -> Path:
    """`$AIRFLOW_HOME/airflow.cfg` with the project's settings (other keys kept, Airflow's defaults for the rest)."""
    import configparser

    path = airflow_home / "airflow.cfg"
    cfg = configparser.ConfigParser(interpolation=None)
    if path.exists():
        cfg.read(path, encoding="utf-8")
    for section, values in CONFIG.items():
        if not cfg.has_section(section):
            cfg.add_section(section)
        for key, value in values.items():
            cfg.set(section, key, value)
    with path.open("w", encoding="utf-8") as f:
        cfg.write(f)
    return path


def unpause(dag_ids: list[str]) -> None:
    """The demo's DAGs left unpaused, so that the UI shows them running on their schedules (call after run_dags)."""
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    with create_session() as session:
        for model in session.query(DagModel).filter(DagModel.dag_id.in_(dag_ids)):
            model.is_paused = False


def prepare(airflow_home: Path) -> None:
    """Write the project's airflow.cfg and create Airflow's SQLite metadata database once (`airflow db migrate` is
    quick when already done)."""
    airflow_home.mkdir(parents=True, exist_ok=True)
    write_config(airflow_home)
    airflow = Path(sys.executable).with_name("airflow")
    subprocess.run([str(airflow), "db", "migrate"], check=True, env=os.environ.copy(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run_dags(dag_ids: list[str] | None = None, conf: dict | None = None) -> dict[str, str]:
    """dag.test() each DAG (in pipeline order); returns dag_id → final state. Call after the env is set."""
    from mugalim.console import quiet_libraries

    quiet_libraries()           # dag.test's in-process API warns that starlette's test client is deprecated
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    wanted = [d for d in (dag_ids or PIPELINE) if d in bag.dags]
    states: dict[str, str] = {}
    for dag_id in wanted:
        print(f"\n=== Airflow: running DAG {dag_id} ===", flush=True)
        run = bag.dags[dag_id].test(run_conf=conf, **_embedded_options(dag_id, conf))
        states[dag_id] = str(getattr(run, "state", run))
        print(f"=== {dag_id}: {states[dag_id]} ===", flush=True)
    return states


def _embedded_options(dag_id: str, conf: dict | None) -> dict:
    """dag.test() has no person to answer the payment approval: when the run names an approver (`approved_by`),
    the approval step is marked done and the export records that person as the approver."""
    if dag_id == "mugalim_pay" and (conf or {}).get("approved_by"):
        print(f"(embedded run: payment approval given by {conf['approved_by']!r} on the command line)", flush=True)
        return {"mark_success_pattern": "approve_payments"}
    return {}


def main() -> int:
    """`python scripts/airflow_local.py --data DIR --airflow-home DIR [DAG_ID ...]`: run DAGs through dag.test()."""
    import argparse
    import json

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--data", required=True)
    ap.add_argument("--airflow-home", required=True)
    ap.add_argument("--db-url")
    ap.add_argument("--conf", default="{}", help="JSON run conf")
    ap.add_argument("dag_ids", nargs="*")
    args = ap.parse_args()
    os.environ.update(airflow_env(Path(args.airflow_home).resolve(), Path(args.data).resolve(), args.db_url))
    prepare(Path(args.airflow_home).resolve())
    states = run_dags(args.dag_ids or None, conf=json.loads(args.conf))
    print(json.dumps({"states": states}))
    return 0 if states and all(s.endswith("success") for s in states.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
