"""Scoring speed: a generated city-scale season (300 schools, 8 districts, about 6,000 teachers, commissions of
7–21 members, about 200,000 score rows) through every stage — school, district, city, grants — on SQLite and on
PostgreSQL, then the same season ten times larger. Targets: under 10 s on SQLite; ten times the season in at most
twelve times the time.

    .venv/bin/python -m bench.score_speed [--factor 10] [--no-postgres] [--reports]

The time counts what `mugalim score` does without the protocol and charts: migrations, loading the files,
the SQL aggregation, every rule, results.json. The reports (protocol.pdf, charts) are timed on their own.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mugalim.config import Settings
from mugalim.samples.season import make_city_season
from mugalim.scoring.run import run_season

PG_ADMIN = os.environ.get("MUGALIM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TARGET_S = 10.0
TARGET_RATIO = 12.0


@contextmanager
def pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text

    from mugalim.db import engine_for

    name = f"mugalim_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        engine_for(url).dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


CPU: dict[tuple[Path, bool], float] = {}


def score_once(data: Path, db_url: str, *, reports: bool = False) -> float:
    """Wall time of one `run_season`; this process's CPU time is kept in CPU (the machine is shared: a loaded
    machine stretches wall time, not CPU time)."""
    start, cpu = time.perf_counter(), time.process_time()
    run_season(Settings.load(data, db_url), season=2026, reports=reports)
    CPU[(data, reports)] = time.process_time() - cpu
    return time.perf_counter() - start


def check(data: Path, expected: dict) -> None:
    """The benchmark's season is decided as the generator built it (a fast answer that is wrong is no answer)."""
    school = json.loads((data / "outbox/2026/teacher_of_year/school/results.json").read_text("utf-8"))
    district = json.loads((data / "outbox/2026/teacher_of_year/district/results.json").read_text("utf-8"))
    assert sorted(school["advancing"]) == expected["school"], "school stage differs from the generator's"
    assert sorted(district["advancing"]) == expected["district"], "district stage differs from the generator's"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factor", type=int, default=10, help="size of the large season (default 10)")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--reports", action="store_true", help="also time protocol.pdf and the charts")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # a killed run still removes its files and databases
    root = Path(tempfile.mkdtemp(prefix="mugalim-bench-"))
    try:
        seasons = {}
        for factor in (1, args.factor):
            t = time.perf_counter()
            sample = make_city_season(root / f"x{factor}", factor=factor)
            seasons[factor] = sample
            print(f"generated ×{factor}: {len(sample.people)} people, {sample.score_rows} score rows, "
                  f"{len(sample.rows['attendance'])} attendance rows in {time.perf_counter() - t:.1f} s")
        backends = [("SQLite", lambda f: nullcontext_url(root, f))]
        if not args.no_postgres:
            backends.append(("PostgreSQL", lambda f: pg_database()))
        ok = True
        for name, make_url in backends:
            times = {}
            for factor, sample in seasons.items():
                data = root / f"x{factor}"
                shutil.rmtree(data / "outbox", ignore_errors=True)
                with make_url(factor) as url:
                    times[factor] = score_once(data, url)
                    check(data, sample.expected)
                    if args.reports and factor == 1:
                        print(f"{name}: reports (protocols + charts) ×1: {score_once(data, url, reports=True):.2f} s"
                              f" (scoring included, files already loaded)")
            ratio = times[args.factor] / times[1]
            cpu1, cpux = CPU[(root / "x1", False)], CPU[(root / f"x{args.factor}", False)]
            print(f"{name}: ×1 {seasons[1].score_rows} rows in {times[1]:.2f} s; ×{args.factor} "
                  f"{seasons[args.factor].score_rows} rows in {times[args.factor]:.2f} s; ratio {ratio:.2f} "
                  f"(CPU of this process: {cpu1:.2f} s and {cpux:.2f} s, ratio {cpux / cpu1:.2f}; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
            if name == "SQLite":
                ok &= times[1] < TARGET_S and ratio <= TARGET_RATIO * args.factor / 10
                print(f"  targets: ×1 < {TARGET_S:.0f} s: {'met' if times[1] < TARGET_S else 'MISSED'}; "
                      f"ratio ≤ {TARGET_RATIO * args.factor / 10:.0f}: "
                      f"{'met' if ratio <= TARGET_RATIO * args.factor / 10 else 'MISSED'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def nullcontext_url(root: Path, factor: int) -> Iterator[str]:
    path = root / f"x{factor}.sqlite"
    for p in root.glob(f"x{factor}.sqlite*"):
        p.unlink()
    yield f"sqlite:///{path}"


if __name__ == "__main__":
    raise SystemExit(main())
