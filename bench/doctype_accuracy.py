"""Document typing by content (issue 14), measured on labelled documents made by `mugalim.samples.documents`: every
type of spec/portfolio.md (and papers that are none of them, which must come out `unknown`), in Kazakh and Russian,
born digital, scanned and photographed by a phone (augraphy's scan model), under file names that say nothing.
Each document is read as production reads it (`extractors.document.extract_file`: the text layer or Tesseract
kaz+rus) and typed by `extractors.doctype.type_document` from the first two pages' text and the first page's shape.

Prints the accuracy (a document typed right; `unknown` below the threshold counts as not right, except for the
papers that are none of the types), the confusion matrix, the number of wrong types ABOVE the threshold (the
errors no person would see; target 0), the share sent to a person, and the same per rendering.
Targets: accuracy ≥ 0.97, wrong above the threshold 0.

    .venv/bin/python -m bench.doctype_accuracy [--n 20] [--show]     # the TUNING seed (2026): develop against it
    .venv/bin/python -m bench.doctype_accuracy --report [--n 20]     # the REPORTING seed (90417): the figures to quote
    .venv/bin/python -m bench.doctype_accuracy --split [--report]    # also: one-PDF dossiers split into documents

The reporting seed is never tuned on: `--report` refuses `--show`. Sets and readings are cached in
$MUGALIM_BENCH_DIR (default /tmp/mugalim-bench)/doctype/seed-S-nN, so a second run only types again.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

TUNING_SEED = 2026
REPORTING_SEED = 90417
GENERATOR = 1
BENCH_DIR = Path(os.environ.get("MUGALIM_BENCH_DIR", "/tmp/mugalim-bench")) / "doctype"
TARGET_ACCURACY = 0.97
TARGET_SPLIT = 0.97


def _plan(n: int, seed: int) -> list[dict[str, Any]]:
    from mugalim.samples.documents import TYPES
    plan = []
    renderings = ["digital", "scan", "scan", "photo"]
    severities = ["clean", "light", "medium", "heavy", "medium", "light"]
    for t in TYPES:
        for i in range(n):
            r = renderings[i % 4]
            plan.append({"seed": seed * 1000 + i, "doc_type": t, "lang": "kk" if i % 2 == 0 else "ru",
                         "rendering": r, "severity": "clean" if r == "digital" else severities[i % 6]})
    return plan


def _make_and_read(job: dict[str, Any], folder: str) -> dict[str, Any]:
    """Make one document, write it under its meaningless name, read it as production does."""
    from extractors.document import extract_file
    from mugalim.samples import documents as D
    doc = D.make_document(job["seed"], job["doc_type"], lang=job["lang"], rendering=job["rendering"],
                          severity=job["severity"])
    stem = f"{job['doc_type']}-{job['seed']}"
    name = doc.name
    path = Path(folder) / f"{stem}{Path(name).suffix}"
    D.write(doc, path)
    t0 = time.perf_counter()
    try:
        out = extract_file(path, name=name)
        pages = [p.text for p in out.pages]
        size = (out.pages[0].width, out.pages[0].height) if out.pages else None
        extracted_type = out.result["doc_type"]
    except Exception as e:  # noqa: BLE001 - an unreadable generated file is a finding, said as such
        pages, size, extracted_type = [], None, f"error: {type(e).__name__}"
    return {**job, "file": path.name, "name": name, "pages": pages, "size": size, "extracted_type": extracted_type,
            "read_s": round(time.perf_counter() - t0, 2)}


def load(n: int, seed: int, workers: int) -> list[dict[str, Any]]:
    folder = BENCH_DIR / f"seed-{seed}-n{n}"
    cache = folder / "reads.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("generator") == GENERATOR:
            return data["documents"]
    folder.mkdir(parents=True, exist_ok=True)
    plan = _plan(n, seed)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        docs = list(pool.map(_make_and_read, plan, [str(folder)] * len(plan), chunksize=2))
    print(f"made and read {len(docs)} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.write_text(json.dumps({"generator": GENERATOR, "documents": docs}, ensure_ascii=False), encoding="utf-8")
    return docs


def evaluate(docs: list[dict[str, Any]], *, show: bool) -> dict[str, Any]:
    from extractors.doctype import type_document
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    by_rendering: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right = wrong_sure = to_person = 0
    misses = []
    for d in docs:
        typed = type_document("\n".join(d["pages"][:2]), name=d["name"],
                              page_size=tuple(d["size"]) if d["size"] else None)
        # an application is recognized by its form's items (extraction), before any words are weighed
        got = "application" if d["extracted_type"] == "application" else typed.doc_type
        truth = d["doc_type"]
        confusion[truth][got] += 1
        ok = got == truth
        right += ok
        to_person += got == "unknown" and truth != "unknown"
        if not ok and got != "unknown":
            wrong_sure += 1
        by_rendering[d["rendering"]][0] += ok
        by_rendering[d["rendering"]][1] += 1
        if not ok:
            misses.append((d, typed, got))
    n = len(docs)
    result = {"documents": n, "accuracy": round(right / n, 4), "wrong_above_threshold": wrong_sure,
              "to_a_person": to_person,
              "by_rendering": {k: round(a / b, 3) for k, (a, b) in sorted(by_rendering.items())}}
    _print_matrix(confusion)
    if show:
        for d, typed, got in misses:
            print(f"\n--- {d['file']} ({d['doc_type']} {d['lang']} {d['rendering']} {d['severity']}) → {got} "
                  f"conf {typed.confidence} guess {typed.guess} scores {typed.scores}")
            print("    " + " | ".join(d["pages"][0].splitlines()[:10])[:400])
    return result


def _print_matrix(confusion: dict[str, Counter[str]]) -> None:
    from mugalim.samples.documents import TYPES
    short = {t: t[:7] for t in TYPES}
    print("\nconfusion (rows: truth, columns: typed)")
    print(f"{'':22}" + "".join(f"{short[t]:>8}" for t in TYPES))
    for t in TYPES:
        row = confusion.get(t, Counter())
        print(f"{t:22}" + "".join(f"{row.get(c, 0) or '.':>8}" for c in TYPES))


# ---------------------------------------------------------------- one-PDF dossiers

def _make_and_split(seed: int, folder: str) -> dict[str, Any]:
    from extractors.document import extract_file
    from mugalim.samples.documents import make_one_pdf_dossier
    data, truth = make_one_pdf_dossier(seed)
    path = Path(folder) / f"Scan_{seed}.pdf"
    path.write_bytes(data)
    out = extract_file(path, name=path.name)
    return {"seed": seed, "truth": truth, "pages": [p.text for p in out.pages],
            "sizes": [(p.width, p.height) for p in out.pages], "extracted_type": out.result["doc_type"]}


def load_dossiers(n: int, seed: int, workers: int) -> list[dict[str, Any]]:
    folder = BENCH_DIR / f"one-pdf-seed-{seed}-n{n}"
    cache = folder / "reads.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("generator") == GENERATOR:
            return data["dossiers"]
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        out = list(pool.map(_make_and_split, [seed * 1000 + i for i in range(n)], [str(folder)] * n))
    print(f"made and read {n} one-PDF dossiers in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.write_text(json.dumps({"generator": GENERATOR, "dossiers": out}, ensure_ascii=False), encoding="utf-8")
    return out


def evaluate_split(dossiers: list[dict[str, Any]], *, show: bool) -> dict[str, Any]:
    from validators.split import page_ranges
    exact = total = typed_right = found = 0
    for d in dossiers:
        truth = [(t["doc_type"], tuple(t["pages"])) for t in d["truth"]]
        got = page_ranges(d["pages"], sizes=[tuple(s) for s in d["sizes"]],
                          first_type="application" if d["extracted_type"] == "application" else None)
        got_ranges = {(a, b): t for t, a, b in got}
        for t, rng in truth:
            total += 1
            if rng in got_ranges:
                exact += 1
                typed_right += got_ranges[rng] == t
        found += len(got)
        if show and [(t, (a, b)) for t, a, b in got] != truth:
            print(f"\n--- dossier {d['seed']}\n    truth {truth}\n    split {[(t, (a, b)) for t, a, b in got]}")
    return {"dossiers": len(dossiers), "documents": total, "ranges_exact": round(exact / total, 4),
            "ranges_exact_and_typed_right": round(typed_right / total, 4), "ranges_found": found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20, help="documents of each type (default 20)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--report", action="store_true", help="the reporting seed; no --show")
    ap.add_argument("--show", action="store_true", help="print every miss (tuning only)")
    ap.add_argument("--split", action="store_true", help="also measure the splitting of one-PDF dossiers")
    ap.add_argument("--dossiers", type=int, default=12, help="one-PDF dossiers for --split (default 12)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if args.report and args.show:
        ap.error("--report refuses --show: nobody looks at the reporting seed's failures")
    seed = args.seed if args.seed is not None else REPORTING_SEED if args.report else TUNING_SEED
    docs = load(args.n, seed, args.workers)
    print(f"seed {seed} ({'reporting' if seed == REPORTING_SEED else 'tuning' if seed == TUNING_SEED else 'other'})"
          f", {args.n} documents of each type")
    res = evaluate(docs, show=args.show)
    print(json.dumps(res, ensure_ascii=False))
    ok = res["accuracy"] >= TARGET_ACCURACY and res["wrong_above_threshold"] == 0
    print(f"accuracy {res['accuracy']:.4f} (target {TARGET_ACCURACY}), wrong types above the threshold "
          f"{res['wrong_above_threshold']} (target 0), sent to a person {res['to_a_person']}: "
          f"{'MET' if ok else 'NOT MET'}")
    if args.split:
        dossiers = load_dossiers(args.dossiers, seed, args.workers)
        sres = evaluate_split(dossiers, show=args.show)
        print(json.dumps(sres, ensure_ascii=False))
        print(f"page ranges exact {sres['ranges_exact']:.4f} (target {TARGET_SPLIT}): "
              f"{'MET' if sres['ranges_exact'] >= TARGET_SPLIT else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
