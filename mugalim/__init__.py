"""mugalim: the back office of Almaty's "Алматының жыл мұғалімі" and teachers' grants contests.

Domain code lives here and in the top-level `extractors` and `validators` packages; none of it imports Airflow.
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "sql"
