#!/usr/bin/env python3
"""`make prod-check`: mugalim's DAGs on Airflow's distributed topology — CeleryExecutor, PostgreSQL metadata, a Redis
broker, api-server / scheduler / dag-processor / triggerer / Celery workers as processes — over the sample season,
through the scheduler. A Celery worker is killed with SIGKILL during the extract DAG's mapped tasks and the run
must end as an undisturbed one; afterwards every log is searched for the sample's personal data.

Usage: .venv/bin/python scripts/prod_check.py [--keep] [--timeout SECONDS] [--dags DIR] [--kill-during DAG_ID]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prodcheck.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
