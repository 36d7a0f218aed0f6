"""The DAG files: every one imports without errors (DagBag) and quickly, and the DAGs run end to end through
Airflow's dag.test() on the embedded default (SQLite metadata, one process)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUNNER = REPO / "scripts" / "airflow_local.py"
pytestmark = pytest.mark.airflow


def _env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    sys.path.insert(0, str(REPO / "scripts"))
    import airflow_local

    return {**os.environ, **airflow_local.airflow_env(tmp_path / "airflow", data_dir)}


def test_every_dag_file_imports_without_errors(tmp_path, data_dir):
    code = (
        "import os, json\n"
        "from airflow.dag_processing.dagbag import DagBag\n"
        "bag = DagBag(dag_folder=os.environ['AIRFLOW__CORE__DAGS_FOLDER'])\n"
        "print(json.dumps({'errors': {k: v[-300:] for k, v in bag.import_errors.items()}, 'dags': sorted(bag.dags)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path, data_dir), capture_output=True,
                         text=True, check=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["errors"] == {}
    assert "mugalim_ingest" in result["dags"]
    assert all(d.startswith("mugalim_") for d in result["dags"])


def test_dag_files_have_no_heavy_top_level_imports():
    """DAG files and their plugins import the domain packages inside tasks only, so parsing stays light."""
    for path in [*(REPO / "dags").glob("*.py"), *(REPO / "plugins").glob("*.py")]:
        top = [line for line in path.read_text(encoding="utf-8").splitlines()
               if line.startswith(("import ", "from "))]
        heavy = [line for line in top if any(m in line for m in ("mugalim", "extractors", "validators",
                                                                 "great_expectations", "pytesseract", "pandas"))]
        assert [h for h in heavy if not h.startswith(("from mugalim_", "import mugalim_"))] == [], path.name


@pytest.mark.slow
def test_ingest_dag_runs_end_to_end_with_dag_test(tmp_path, data_dir):
    from mugalim.samples.batches import make_sample_batches

    make_sample_batches(data_dir, season=2026, seed=1, count=2)
    out = subprocess.run([sys.executable, str(RUNNER), "--data", str(data_dir), "--airflow-home",
                          str(tmp_path / "airflow"), "mugalim_ingest"],
                         env=_env(tmp_path, data_dir), capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1])["states"] == {"mugalim_ingest": "success"}
    archived = [p for p in (data_dir / "archive").rglob("*") if p.is_file()]
    assert archived, "the DAG run archived nothing"


def test_the_projects_airflow_cfg_names_its_dags_and_plugins_without_examples_in_almaty_time(tmp_path):
    """Issue 22 item 5: `airflow …` by hand with only AIRFLOW_HOME set finds the same DAGs (no example DAGs)."""
    import configparser

    sys.path.insert(0, str(REPO / "scripts"))
    import airflow_local

    (tmp_path / "airflow.cfg").write_text("[core]\nload_examples = True\nexecutor = LocalExecutor\n")
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(airflow_local.write_config(tmp_path))
    assert cfg["core"]["dags_folder"] == str(REPO / "dags") and cfg["core"]["plugins_folder"] == str(REPO / "plugins")
    assert cfg["core"]["load_examples"] == "False" and cfg["core"]["default_timezone"] == "Asia/Almaty"
    assert cfg["core"]["executor"] == "LocalExecutor"                      # the operator's other settings kept


def test_every_dag_is_described_for_staff_in_kazakh_and_russian():
    for path in (REPO / "dags").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert 'dag_display_name="' in text and " / " in text.split('dag_display_name="')[1].split('"')[0], path.name
        assert 'description="' in text, path.name
