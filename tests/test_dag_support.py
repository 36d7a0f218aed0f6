"""What the DAG files share: chunking of mapped work under Airflow's limit."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
pytestmark = pytest.mark.airflow


def test_chunks_never_exceed_the_mapped_task_limit():
    from mugalim_dag_support import MAX_MAPPED, chunked

    assert chunked([]) == []
    assert chunked(list(range(45)), size=20) == [list(range(20)), list(range(20, 40)), list(range(40, 45))]
    big = chunked(list(range(50_000)), size=20)
    assert len(big) <= MAX_MAPPED and sum(map(len, big)) == 50_000
