"""Scoring as users run it (issue 15): each stage of a generated season as `mugalim score --data D --season 2026
--competition C --stage S`, a process of its own — interpreter start, migrations, loading the inbox, the rules,
the protocols, the charts, the Great Expectations audit, every output written — on SQLite and on PostgreSQL, for
the city-scale season (300 schools in 8 districts, about 6,000 teachers, 233,000 score rows) and the same season
ten times larger. For each stage: wall time, CPU time, peak memory (the largest RSS of the command and its worker
processes, from `wait4`), and the command's own split by phase (`--timings`: start, load, decide, audit, protocols,
charts, write; "other" is the rest: the interpreter, imports, exit). Then every stage again over the same inputs:
the re-run's time, whether every output is byte-identical, and whether any was rewritten at all. The previous code
(`--baseline`, default the last commit before issue 15) runs the same season on SQLite for comparison.

    .venv/bin/python -m bench.score_speed [--quick] [--factor 10] [--no-postgres] [--baseline REV | --no-baseline]

Targets: the four stages < 10 s in total (×1, this machine); ×10 in at most 12 times that; peak < 1 GB at ×10;
a re-run of a stage < 2 s with byte-identical outputs. `--quick`: the small sample season on SQLite only, no
baseline (a test runs it in well under a minute); it checks the run and the re-run, not the time targets.
The machine may be shared: the CPU times (and the load average printed) tell a slow machine from slow code.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mugalim import REPO_ROOT

PG_ADMIN = os.environ.get("MUGALIM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
STAGES = (("teacher_of_year", "school"), ("teacher_of_year", "district"), ("teacher_of_year", "city"),
          ("grants", "grants"))
PHASES = ("start", "load", "decide", "audit", "protocols", "charts", "write")
BASELINE = "7b4f9ae"            # the last commit before issue 15: protocols, charts and audit in every stage, in turn
TARGET_TOTAL_S = 10.0
TARGET_RATIO = 12.0
TARGET_PEAK_MB = 1024
TARGET_RERUN_S = 2.0
SEASON = 2026


@dataclass
class Run:
    """One `mugalim score` of one stage."""
    stage: str
    wall: float
    cpu: float
    peak_mb: float
    code: int
    phases: dict[str, float] | None = None
    usage: dict[str, Any] = field(default_factory=dict)     # the command's own account: CPU and peak by process
    notes: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def other(self) -> float | None:
        return None if self.phases is None else max(self.wall - sum(self.phases.values()), 0.0)


@dataclass
class Result:
    label: str
    fresh: list[Run]
    rerun: list[Run]
    identical: bool
    untouched: bool
    files: int
    decided_as_generated: bool

    def total(self, runs: list[Run], what: str = "wall") -> float:
        return sum(getattr(r, what) for r in runs)

    def peak(self) -> float:
        return max(r.peak_mb for r in self.fresh + self.rerun)

    @property
    def ok(self) -> bool:
        return all(r.code == 0 for r in self.fresh + self.rerun) and self.identical and self.decided_as_generated


# --- running the command ------------------------------------------------------------------------------------------

def mugalim_command() -> list[str]:
    script = Path(sys.executable).parent / "mugalim"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from mugalim.cli import main; sys.exit(main())"]


def score(data: Path, url: str, competition: str, stage: str, *, env: dict[str, str] | None = None,
          timings: bool = True) -> Run:
    """`mugalim score` of one stage, as a user runs it; its wall and CPU time and peak RSS (with its workers')."""
    args = [*mugalim_command(), "score", "--data", str(data), "--db-url", url, "--season", str(SEASON),
            "--competition", competition, "--stage", stage]
    tfile = data.parent / f".timings-{uuid.uuid4().hex[:8]}.json"
    if timings:
        args += ["--timings", str(tfile)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    run = Run(stage, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code,
              error=text[-3000:] if code else "")
    if timings and tfile.exists():
        t = json.loads(tfile.read_text(encoding="utf-8"))
        run.phases = {k: float(t["phases"].get(k, 0.0)) for k in PHASES}
        run.usage = {k: t[k] for k in ("cpu_s", "workers_cpu_s", "peak_mb", "workers_peak_mb", "raised_mb") if k in t}
        run.notes = t.get("notes", {})
        tfile.unlink()
    if code:
        print(f"  mugalim score {competition}/{stage} exited {code}:\n{run.error}", file=sys.stderr)
    return run


def outputs(data: Path) -> dict[str, tuple[str, int]]:
    """Every file of the season's outbox: relative path → (SHA-256, time of change)."""
    from mugalim.hashing import sha256_file

    root = data / "outbox" / str(SEASON)
    return {p.relative_to(root).as_posix(): (sha256_file(p), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


CHECK = """
import json, sys
from pathlib import Path
root, expected = Path(sys.argv[1]), json.loads(sys.argv[2])
for stage, want in expected.items():
    path = root / "teacher_of_year" / stage / "results.json"
    got = sorted(json.loads(path.read_text("utf-8"))["advancing"]) if path.exists() else None
    if got != sorted(want):
        print(f"  {stage} stage differs from the generator's", file=sys.stderr)
        sys.exit(1)
"""


def decided_as_generated(data: Path, expected: dict[str, Any]) -> bool:
    """The season is decided as the generator built it (a fast answer that is wrong is no answer); read in a
    process of its own, like the generator (a large results.json would swell the benchmark's process)."""
    done = subprocess.run([sys.executable, "-c", CHECK, str(data / "outbox" / str(SEASON)), json.dumps(expected)])
    return done.returncode == 0


def season_run(label: str, source: Path, work: Path, url: str, expected: dict[str, Any], *,
               env: dict[str, str] | None = None, timings: bool = True) -> Result:
    """Every stage in order on a fresh copy of `source` (inbox and settings), then every stage again."""
    data = work / label.replace(" ", "-").replace("×", "x")
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(source, data, copy_function=os.link)      # the inbox as generated, no outbox, no database
    fresh = [score(data, url, c, s, env=env, timings=timings) for c, s in STAGES]
    before = outputs(data)
    ok = decided_as_generated(data, expected) if all(r.code == 0 for r in fresh) else False
    rerun = [score(data, url, c, s, env=env, timings=timings) for c, s in STAGES]
    after = outputs(data)
    same = {k: v[0] for k, v in before.items()} == {k: v[0] for k, v in after.items()}
    return Result(label, fresh, rerun, same, before == after, len(after), ok)


# --- the seasons ----------------------------------------------------------------------------------------------

GENERATE = """
import json, sys
from pathlib import Path
from mugalim.samples.season import make_city_season, make_sample_season
dest, factor = Path(sys.argv[1]), int(sys.argv[2])
s = make_sample_season(dest) if factor == 0 else make_city_season(dest, factor=factor)
print(json.dumps({"people": len(s.people), "score_rows": s.score_rows, "attendance_rows": len(s.rows["attendance"]),
                  "expected": {k: s.expected[k] for k in ("school", "district") if k in s.expected}}))
"""


def generate(dest: Path, factor: int) -> dict[str, Any]:
    """A season's inbox and settings in `dest` (0: the small sample season), made in a process of its own: the
    benchmark's process stays small, and a process started from it begins with its peak memory (Linux keeps a
    process's peak RSS across fork and exec), which would count in every measured command's."""
    done = subprocess.run([sys.executable, "-c", GENERATE, str(dest), str(factor)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- databases ----------------------------------------------------------------------------------------------------

@contextmanager
def pg_database() -> Iterator[str]:
    """A throwaway PostgreSQL database, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"mugalim_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def postgres_reachable() -> str | None:
    """None when the server answers; else why not."""
    try:
        from sqlalchemy import create_engine, text

        e = create_engine(PG_ADMIN, connect_args={"connect_timeout": 3})
        with e.connect() as c:
            c.execute(text("SELECT 1"))
        e.dispose()
        return None
    except Exception as ex:  # noqa: BLE001 - any failure means: skip PostgreSQL, say why
        return f"{type(ex).__name__}: {str(ex).splitlines()[0][:120]}"


@contextmanager
def sqlite_url(work: Path, label: str) -> Iterator[str]:
    path = work / f"{label.replace(' ', '-').replace('×', 'x')}.sqlite"
    for p in work.glob(path.name + "*"):
        p.unlink()
    yield f"sqlite:///{path}"


# --- the previous code --------------------------------------------------------------------------------------------

def baseline_source(rev: str, into: Path) -> Path | None:
    """The tree of `rev` (git archive: the work tree and the repository are not touched), or None."""
    into.mkdir(parents=True, exist_ok=True)
    try:
        archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", rev], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"baseline {rev}: not available ({e}): skipped")
        return None
    return into


# --- printing -----------------------------------------------------------------------------------------------------

def print_result(r: Result, *, phases: bool = True) -> None:
    print(f"\n{r.label}: each stage as `mugalim score`, fresh inbox")
    head = f"  {'stage':<9} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}"
    if phases:
        head += "".join(f" {p:>9}" for p in (*PHASES, "other"))
    print(head)
    for run in r.fresh:
        line = f"  {run.stage:<9} {run.wall:7.2f} {run.cpu:7.2f} {run.peak_mb:8.0f}"
        if phases and run.phases is not None:
            line += "".join(f" {run.phases[p]:9.2f}" for p in PHASES) + f" {run.other:9.2f}"
        print(line)
    total = f"  {'total':<9} {r.total(r.fresh):7.2f} {r.total(r.fresh, 'cpu'):7.2f} {max(x.peak_mb for x in r.fresh):8.0f}"
    if phases and all(x.phases is not None for x in r.fresh):
        total += "".join(f" {sum(x.phases[p] for x in r.fresh):9.2f}" for p in PHASES)  # type: ignore[index]
        total += f" {sum(x.other or 0 for x in r.fresh):9.2f}"
    print(total)
    if phases and all(x.usage for x in r.fresh):
        print("  by process (the command's own account): CPU s and peak MB of the command's process, then of its "
              "workers (the audit's process, the charts'); the phases that raised the process's peak")
        for x in r.fresh:
            u = x.usage
            raised = ", ".join(f"{k} +{v:.0f}" for k, v in u.get("raised_mb", {}).items() if v >= 1)
            print(f"  {x.stage:<9} CPU {u['cpu_s']:6.2f} + {u['workers_cpu_s']:6.2f}   peak {u['peak_mb']:6.0f} MB, "
                  f"workers {u['workers_peak_mb']:6.0f} MB   raised by: {raised or '—'}")
    stages = ", ".join(f"{x.stage} {x.wall:.2f}" for x in r.rerun)
    print(f"  re-run over unchanged inputs: {stages}; total {r.total(r.rerun):.2f} s "
          f"(CPU {r.total(r.rerun, 'cpu'):.2f} s, peak {max(x.peak_mb for x in r.rerun):.0f} MB)")
    print(f"  outputs ({r.files} files) byte-identical after the re-run: {'yes' if r.identical else 'NO'}; "
          f"none rewritten: {'yes' if r.untouched else 'no'}; decided as generated: "
          f"{'yes' if r.decided_as_generated else 'NO'}")


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# --- main ---------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the small sample season on SQLite only (seconds)")
    ap.add_argument("--factor", type=int, default=10, help="size of the large season (default 10)")
    ap.add_argument("--no-postgres", action="store_true", help="SQLite only")
    ap.add_argument("--baseline", default=BASELINE, help=f"the previous code to compare with (default {BASELINE})")
    ap.add_argument("--no-baseline", action="store_true", help="do not run the previous code")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # a killed run still removes its files and databases
    root = Path(tempfile.mkdtemp(prefix="mugalim-bench-score-"))
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    try:
        seasons: dict[str, tuple[Path, dict[str, Any]]] = {}
        plan = [("sample", 0)] if args.quick else [("×1", 1), (f"×{args.factor}", args.factor)]
        for label, factor in plan:
            t = time.perf_counter()
            src = root / "generated" / label.replace("×", "x")
            made = generate(src, factor)
            seasons[label] = (src, made)
            print(f"generated {'the sample season' if factor == 0 else f'city season {label}'}: "
                  f"{made['people']} people, {made['score_rows']} score rows, "
                  f"{made['attendance_rows']} attendance rows in {time.perf_counter() - t:.1f} s")
        backends = [("SQLite", sqlite_url)]
        if not args.quick and not args.no_postgres:
            why = postgres_reachable()
            if why is None:
                backends.append(("PostgreSQL", lambda work, label: pg_database()))
            else:
                print(f"PostgreSQL at {PG_ADMIN}: not reachable ({why}): skipped")
        results: dict[tuple[str, str], Result] = {}
        base = None
        for backend, make_url in backends:
            for label, (src, sample) in seasons.items():
                with make_url(root, f"{backend}-{label}") as url:
                    r = season_run(f"{backend}, {label}", src, root / "runs", url, sample["expected"])
                print_result(r)
                results[(backend, label)] = r
                if backend == "SQLite" and label == "×1" and not args.no_baseline:
                    base = baseline(args.baseline, root, src, sample)   # right after: the same load on the machine
        return summary(results, base, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def baseline(rev: str, root: Path, src: Path, sample: dict[str, Any]) -> Result | None:
    """The previous code over the same ×1 season on SQLite, run as the current code is."""
    code = baseline_source(rev, root / "baseline")
    if code is None:
        return None
    env = {**os.environ, "PYTHONPATH": str(code)}
    with sqlite_url(root, "baseline") as url:
        base = season_run(f"previous code ({rev}), SQLite, ×1", src, root / "runs", url, sample["expected"],
                          env=env, timings=False)
    print_result(base, phases=False)
    return base


def summary(results: dict[tuple[str, str], Result], base: Result | None, args: argparse.Namespace) -> int:
    ok = all(r.ok for r in results.values()) and (base is None or base.ok)
    if args.quick:
        print(f"\nquick run: {'every stage ran, and the re-run wrote the same bytes' if ok else 'FAILED'}")
        return 0 if ok else 1
    big = f"×{args.factor}"
    scale = TARGET_RATIO * args.factor / 10
    print("\ntargets (four stages, wall clock)")
    for backend in dict.fromkeys(b for b, _ in results):
        one, many = results[(backend, "×1")], results[(backend, big)]
        t1, tx = one.total(one.fresh), many.total(many.fresh)
        ratio = tx / t1
        rerun = max(x.wall for x in one.rerun + many.rerun)
        checks = [t1 < TARGET_TOTAL_S, ratio <= scale, many.peak() < TARGET_PEAK_MB, rerun < TARGET_RERUN_S,
                  one.identical and many.identical]
        print(f"  {backend}: ×1 {t1:.2f} s (< {TARGET_TOTAL_S:.0f} s: {verdict(checks[0])}); {big} {tx:.2f} s, "
              f"{ratio:.1f}× (≤ {scale:.0f}×: {verdict(checks[1])}); peak at {big} {many.peak():.0f} MB "
              f"(< {TARGET_PEAK_MB} MB: {verdict(checks[2])}); slowest re-run of a stage {rerun:.2f} s "
              f"(< {TARGET_RERUN_S:.0f} s: {verdict(checks[3])}); re-run byte-identical: {verdict(checks[4])}")
        print(f"    CPU: ×1 {one.total(one.fresh, 'cpu'):.2f} s, {big} {many.total(many.fresh, 'cpu'):.2f} s")
        if backend == "SQLite" and base is not None:
            b1, bre, bcpu = base.total(base.fresh), base.total(base.rerun), base.total(base.fresh, "cpu")
            c1 = one.total(one.fresh, "cpu")
            print(f"  previous code ({args.baseline}) on SQLite ×1, run just after: {b1:.2f} s (CPU {bcpu:.2f} s), "
                  f"re-run {bre:.2f} s; now {b1 / t1:.1f}× faster by the clock ({bcpu / c1:.1f}× less CPU), "
                  f"re-run {bre / one.total(one.rerun):.0f}× faster")
        ok &= all(checks)
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
