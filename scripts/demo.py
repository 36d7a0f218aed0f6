"""`make demo`: the whole pipeline through Airflow on the embedded default (SQLite, one machine, no server),
over deterministically generated sample data, ending with a summary of what was taken, quarantined and produced."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import airflow_local  # noqa: E402

SEASON = 2026


def generate_samples(data_dir: Path, season: int) -> None:
    """Fill an empty inbox with the bundled generators' sample batches, score sheets and payee details."""
    inbox = data_dir / "inbox"
    if inbox.exists() and any(inbox.rglob("*")):
        print(f"demo: the inbox at {inbox} already holds files; using them")
        return
    print(f"demo: generating sample data (season {season}) into {data_dir}")
    for module, func in (("mugalim.samples.batches", "make_sample_batches"),
                         ("mugalim.samples.season", "make_demo_season")):
        try:
            make = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
        make(data_dir, season=season, seed=0)


def print_outbox(data_dir: Path) -> None:
    roots = [data_dir / "archive", data_dir / "quarantine", data_dir / "outbox"]
    print("\n=== What the pipeline produced ===")
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
        print(f"{root}: {len(files)} files")
        for p in files[:40] if root.name == "outbox" else []:
            print(f"  {p.relative_to(data_dir)}")
    reasons = sorted((data_dir / "quarantine").rglob("*.reason.txt")) if (data_dir / "quarantine").exists() else []
    if reasons:
        print("\nQuarantined, and why:")
        for r in reasons:
            print(f"  {r.relative_to(data_dir / 'quarantine')}: {r.read_text(encoding='utf-8').strip()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=os.environ.get("MUGALIM_DATA", "demo-data"))
    ap.add_argument("--airflow-home", default=os.environ.get("AIRFLOW_HOME", ".airflow"))
    ap.add_argument("--season", type=int, default=SEASON)
    args = ap.parse_args()
    data_dir, home = Path(args.data).resolve(), Path(args.airflow_home).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(airflow_local.airflow_env(home, data_dir))
    generate_samples(data_dir, args.season)
    airflow_local.prepare(home)
    states = airflow_local.run_dags(conf={"season": args.season})
    print_outbox(data_dir)
    print("\n=== DAG runs ===")
    for dag_id, state in states.items():
        print(f"  {dag_id}: {state}")
    return 0 if all(s.endswith("success") for s in states.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
