"""Accuracy of `mugalim extract` on the generated test set (mugalim.samples.forms): per-field and overall
exact-match accuracy, for clean and degraded forms. Targets: ≥ 0.99 clean, ≥ 0.97 degraded.

    .venv/bin/python -m bench.extract_accuracy [--n 48] [--dir DIR] [--show]
    .venv/bin/python -m bench.extract_accuracy --dir HELD_OUT    # any folder of forms with a truth.json

A truth.json maps file name → {"fields": {...}} (and optionally "meta": {"degrade": ...}); its fields are compared
key by key with what the extractor prints.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from extractors.document import Extraction, extract_many
from extractors.fields import KEYS
from extractors.pages import pool as page_pool
from mugalim.samples.forms import make_test_set

DEFAULT_DIR = Path(os.environ.get("MUGALIM_BENCH_DIR", "/tmp/mugalim-bench")) / "extract-forms"


def load_set(folder: Path, n: int, seed: int) -> dict[str, dict]:
    truth_file = folder / "truth.json"
    if truth_file.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if len(truth) >= n or any(not k.startswith("form-") for k in truth):
            return truth
    print(f"generating {n} forms into {folder} …", flush=True)
    return make_test_set(folder, n=n, seed=seed)


def subset(truth: dict) -> str:
    return "degraded" if (truth.get("meta") or {}).get("degrade") not in (None, "clean") else "clean"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--n", type=int, default=48)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", action="store_true", help="print every mismatch (synthetic data only)")
    ap.add_argument("--no-reread", action="store_true", help="without the second reading of numbers")
    args = ap.parse_args(argv)
    truths = load_set(args.dir, args.n, args.seed)
    hits: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures = []
    t0 = time.perf_counter()
    with page_pool(args.workers) as pool:
        for path, out in extract_many([args.dir / f for f in truths], pool,
                                          reread_numbers=not args.no_reread):
            truth = truths[path.name]
            got = out.result["fields"] if isinstance(out, Extraction) else {}
            for key in KEYS:
                if key not in truth["fields"]:
                    continue
                ok = got.get(key) == truth["fields"][key]
                for group in (subset(truth), "all"):
                    hits[group][key][0] += ok
                    hits[group][key][1] += 1
                if not ok:
                    failures.append((path.name, key, got.get(key), truth["fields"][key]))
    elapsed = time.perf_counter() - t0
    _report(hits, len(truths), elapsed)
    if args.show:
        for name, key, got, want in failures:
            print(f"  {name:44} {key:30} got {json.dumps(got, ensure_ascii=False)}\n"
                  f"  {'':44} {'':30} want {json.dumps(want, ensure_ascii=False)}")
    return 0


def _report(hits: dict, n: int, elapsed: float) -> None:
    groups = [g for g in ("clean", "degraded", "all") if g in hits]
    print(f"{n} forms in {elapsed:.1f} s\n")
    print(f"{'field':32}" + "".join(f"{g:>12}" for g in groups))
    for key in KEYS:
        row = [hits[g][key] for g in groups]
        if any(r[1] for r in row):
            print(f"{key:32}" + "".join(f"{(r[0] / r[1] if r[1] else float('nan')):>12.3f}" for r in row))
    totals = []
    for g in groups:
        ok = sum(v[0] for v in hits[g].values())
        total = sum(v[1] for v in hits[g].values())
        totals.append(ok / total if total else float("nan"))
    print(f"{'OVERALL (exact match)':32}" + "".join(f"{t:>12.3f}" for t in totals))
    targets = {"clean": 0.99, "degraded": 0.97}
    for g, t in zip(groups, totals):
        if g in targets:
            print(f"target {g}: ≥ {targets[g]:.2f} → {'met' if t >= targets[g] else 'NOT met'} ({t:.3f})")


if __name__ == "__main__":
    sys.exit(main())
