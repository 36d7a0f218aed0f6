"""The review station under load (issue 16, "Load and faults"): the real server (`mugalim review`, a subprocess) on a
sample data folder — scanned application forms taken by the real ingest, extraction and dossier steps — and 20
users who log in and then, each in a thread of its own without pause, open the queue, a queue item, its scan crop,
a dossier and the dossiers' list, for 60 s. Prints the latency per page kind (p50, p95, max), the requests per
second and the errors. Target: p95 < 300 ms over every page request, 0 errors.

    .venv/bin/python -m bench.review_load [--seconds 60] [--users 20] [--dossiers 4] [--data DIR --db-url URL]

Logins are timed apart and not in the target: each is one scrypt hash (128 MiB, about 0.3 s), two at a time, by
design. The exit status is 1 when a request failed (an error status, a timeout, a refused connection); the target's
outcome is printed.
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from mugalim.config import Settings
from mugalim.db import migrate

TARGET_P95_MS = 300.0
SEASON = 2026
ORGS = [("940140000385", "№ 12 балабақша", "preschool"), ("050440000012", "№ 45 мектеп-гимназия", "secondary"),
        ("010140001234", "№ 7 мектеп", "secondary"), ("020240005678", "№ 3 лицей", "secondary")]
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool


@dataclass
class Tally:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, ok: bool, why: str = "") -> None:
        with self.lock:
            self.samples.append(Sample(kind, ms, ok))
            if not ok:
                self.errors.append(f"{kind}: {why}")


def make_sample(root: Path, dossiers: int) -> Settings:
    """A data folder with one scanned batch of `dossiers` application forms, ingested, read and checked."""
    from extractors.run import run_extract
    from mugalim.ingest.run import run_ingest
    from mugalim.samples.forms import make_form
    from validators.run import run_validate
    settings = Settings.load(root / "data", f"sqlite:///{root / 'mugalim.sqlite'}")
    settings.ensure_layout()
    batch = settings.scans_inbox / f"{SEASON}_grants_Алмалы_{ORGS[0][0]}"
    lines = ["path,competition,season,organization_bin,organization_name,organization_type,district,submitted_on"]
    for n in range(1, dossiers + 1):
        body, _truth = make_form(10 + n, language="kk" if n % 2 else "ru", fmt="png", valid_iin=n != 1)
        folder = batch / f"dossier_{n:02d}"
        folder.mkdir(parents=True)
        (folder / "otinim.png").write_bytes(body)
        bin_, name, kind = ORGS[(n - 1) % len(ORGS)]
        lines.append(f"{folder.name}/otinim.png,grants,{SEASON},{bin_},{name},{kind},Алмалы,{SEASON}-04-15")
    (batch / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (batch / "READY").write_bytes(b"")
    run_ingest(settings)
    run_extract(settings, workers=1)
    run_validate(settings, season=SEASON, read_video_title=False)
    return settings


def add_users(settings: Settings, count: int) -> dict[str, str]:
    """`count` reviewers with random passwords (made anew at each run: `--reset`)."""
    from mugalim.review.auth import add_user
    engine = migrate(settings.db_url)
    users = {f"bench.user{n:02d}": secrets.token_urlsafe(18) for n in range(1, count + 1)}
    for name, password in users.items():
        add_user(engine, name, password, role="reviewer", reset=True)
    return users


def targets(settings: Settings) -> tuple[list[int], list[int], list[int]]:
    """The queue's field ids, those with a crop, and the dossier ids."""
    from mugalim.review.queue import unsure_fields
    with migrate(settings.db_url).connect() as c:
        items = unsure_fields(settings, c)
        dossiers = [r[0] for r in c.exec_driver_sql("SELECT id FROM dossiers ORDER BY id")]
    return [i.field_id for i in items], [i.field_id for i in items if i.box], dossiers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "mugalim.cli", "review", "--data", str(settings.data_dir), "--db-url",
           settings.db_url, "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mugalim review exited at start (its log: {log})")
        try:
            if httpx.get(url + "/login", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise TimeoutError(f"mugalim review did not start in 120 s (its log: {log})")


def _timed(tally: Tally, client: httpx.Client, kind: str, path: str, want: int) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        r = client.get(path)
    except httpx.HTTPError as e:
        tally.add(kind, (time.perf_counter() - start) * 1000, False, type(e).__name__)
        return None
    ms = (time.perf_counter() - start) * 1000
    tally.add(kind, ms, r.status_code == want, f"{path} answered {r.status_code}")
    return r


@dataclass
class Run:
    """The run's end: set when the last user has logged in (the barrier's action), before anyone starts working."""
    seconds: float
    until: float = 0.0

    def start(self) -> None:
        self.until = time.monotonic() + self.seconds


def user_loop(url: str, name: str, password: str, work: tuple[list[int], list[int], list[int]], run: Run,
              tally: Tally, go: threading.Barrier) -> None:
    """Log in, wait for everyone, then work through the pages without pause until the run ends."""
    fields, cropped, dossiers = work
    rnd = random.Random(name)
    with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as client:
        start = time.perf_counter()
        try:
            page = client.get("/login").text
            token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
            r = client.post("/login", data={"username": name, "password": password, "token": token})
            ok, why = r.status_code == 303, f"login answered {r.status_code}"
        except (httpx.HTTPError, IndexError) as e:
            ok, why = False, type(e).__name__
        tally.add("login", (time.perf_counter() - start) * 1000, ok, why)
        go.wait()
        if not ok:
            return
        while time.monotonic() < run.until:
            _timed(tally, client, "queue", "/queue", 303)
            if fields:
                _timed(tally, client, "item", f"/queue/{rnd.choice(fields)}", 200)
            if cropped:
                _timed(tally, client, "crop", f"/fields/{rnd.choice(cropped)}/crop.png", 200)
            if dossiers:
                _timed(tally, client, "dossier", f"/dossiers/{rnd.choice(dossiers)}", 200)
            _timed(tally, client, "dossiers", "/dossiers", 200)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0–100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


def report(tally: Tally, seconds: float, users: int, fields: int) -> bool:
    """Print the figures; True when every request succeeded."""
    by_kind: dict[str, list[float]] = defaultdict(list)
    for s in tally.samples:
        by_kind[s.kind].append(s.ms)
    pages = [s.ms for s in tally.samples if s.kind != "login"]
    print(f"review station under load: {users} users, {seconds:.0f} s, {fields} unsure fields in the queue")
    print(f"  {'kind':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in ("login", "queue", "item", "crop", "dossier", "dossiers"):
        v = by_kind.get(kind, [])
        if v:
            print(f"  {kind:<10}{len(v):>9}{percentile(v, 50):>9.0f}{percentile(v, 95):>9.0f}{max(v):>9.0f}")
    p95, errors = percentile(pages, 95), len(tally.errors)
    print(f"  pages: {len(pages)} requests, {len(pages) / seconds:.1f}/s, p50 {percentile(pages, 50):.0f} ms, "
          f"p95 {p95:.0f} ms, p99 {percentile(pages, 99):.0f} ms, max {max(pages, default=float('nan')):.0f} ms")
    print(f"  errors: {errors}" + "".join(f"\n    {e}" for e in tally.errors[:10]))
    met = p95 < TARGET_P95_MS and errors == 0
    print(f"  target (pages p95 < {TARGET_P95_MS:.0f} ms, 0 errors): {'met' if met else 'MISSED'}")
    return errors == 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.review_load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=60.0, help="how long the users work (default 60)")
    p.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    p.add_argument("--dossiers", type=int, default=4, help="application forms in the sample batch (default 4)")
    p.add_argument("--data", metavar="DIR", help="an existing data folder instead of a new sample")
    p.add_argument("--db-url", metavar="URL", help="with --data: its database")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mugalim-review-load-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        settings = Settings.load(args.data, args.db_url) if args.data else make_sample(root, args.dossiers)
        users = add_users(settings, args.users)
        work = targets(settings)
        print(f"sample data and {args.users} users ready in {time.perf_counter() - t0:.0f} s", flush=True)
        port = free_port()
        proc = start_server(settings, port, root / "server.log")
        run, tally = Run(args.seconds), Tally()
        go = threading.Barrier(args.users, action=run.start)      # everyone logs in first (timed apart)
        try:
            threads = [threading.Thread(target=user_loop, args=(f"http://127.0.0.1:{port}", name, password, work,
                                                                 run, tally, go), daemon=True)
                       for name, password in users.items()]
            for t in threads:
                t.start()
            for t in threads:
                t.join(args.seconds + 300)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        return 0 if report(tally, args.seconds, args.users, len(work[0])) else 1


if __name__ == "__main__":
    sys.exit(main())
