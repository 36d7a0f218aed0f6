"""`make demo`: the whole pipeline through Airflow on the embedded default (SQLite, one machine, no server),
over deterministically generated sample data, ending with a summary of what was taken, quarantined and produced."""
from __future__ import annotations

import argparse
import getpass
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
    from mugalim.samples.demo import make_demo_data

    # Scanned dossiers (a few bad files among them), the season's score sheets, votes and decisions, bank details.
    make_demo_data(data_dir, season=season)


def print_outbox(data_dir: Path) -> None:
    print("\n=== What the pipeline produced ===")
    for name in ("archive", "quarantine"):
        root = data_dir / name
        files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
        print(f"{root}: {len(files)} files")
    outbox = data_dir / "outbox"
    shown = sorted(p for p in outbox.rglob("*") if p.is_file() and "data-docs" not in p.parts) \
        if outbox.exists() else []
    print(f"{outbox}:")
    for p in shown:
        print(f"  {p.relative_to(outbox)}")
    for index in sorted(outbox.glob("*/data-docs/index.html")):
        print(f"  {index.relative_to(outbox)}   (Great Expectations Data Docs: open in a browser)")
    reasons = sorted((data_dir / "quarantine").rglob("*.reason.txt")) if (data_dir / "quarantine").exists() else []
    if reasons:
        print("\nQuarantined, and why:")
        for r in reasons:
            lines = r.read_text(encoding="utf-8").splitlines()
            why = next((ln.removeprefix("себебі:").strip() for ln in lines if ln.startswith("себебі:")), lines[-1:])
            print(f"  {str(r.relative_to(data_dir / 'quarantine')).removesuffix('.reason.txt')}: {why}")


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
    approver = f"{getpass.getuser()} (make demo)"
    states = airflow_local.run_dags(conf={"season": args.season, "approved_by": approver})
    airflow_local.unpause(airflow_local.PIPELINE)
    print_outbox(data_dir)
    print("\n=== DAG runs ===")
    for dag_id, state in states.items():
        print(f"  {dag_id}: {state}")
    print("\nAirflow's UI on this data: `make airflow-ui`, then http://localhost:8080 — user admin, password in "
          f"{home / 'simple_auth_manager_passwords.json.generated'}")
    return 0 if all(s.endswith("success") for s in states.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
