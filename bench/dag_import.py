"""How long each DAG file takes to import (what the dag-processor pays on every parse), in fresh processes.

Target: well under a second per file. Prints min / median / max over runs."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 5
CODE = """
import sys, time, importlib.util
import airflow.sdk  # the DAG's own cost is measured beyond Airflow's, which every parse has already paid
t = time.perf_counter()
spec = importlib.util.spec_from_file_location("dagfile", sys.argv[1])
spec.loader.exec_module(importlib.util.module_from_spec(spec))
print(time.perf_counter() - t)
"""


def main() -> None:
    env = {**os.environ, "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
           "PYTHONPATH": str(REPO / "plugins"), "AIRFLOW_HOME": os.environ.get("AIRFLOW_HOME", "/tmp/mugalim-bench-af")}
    print(f"{'DAG file':32} {'min s':>8} {'median s':>9} {'max s':>8}")
    for path in sorted((REPO / "dags").glob("*.py")):
        times = [float(subprocess.run([sys.executable, "-c", CODE, str(path)], env=env, capture_output=True,
                                      text=True, check=True).stdout.split()[-1]) for _ in range(RUNS)]
        print(f"{path.name:32} {min(times):8.3f} {statistics.median(times):9.3f} {max(times):8.3f}")


if __name__ == "__main__":
    main()
