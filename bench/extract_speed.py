"""Speed and memory of the extract step as the user runs it, against raw Tesseract on the same pages, in one run.

    .venv/bin/python -m bench.extract_speed [--dir ../shared/validation/forms] [--only form-01,…] [--rounds 1]

The pages: the validation set's scans (every case but the born-digital PDFs), read in place; without the set,
generated scans (mugalim.samples.forms.make_form: PNG, JPEG, TIFF, image PDF, clean and degraded).

* raw: `tesseract PAGE stdout -l kaz+rus` in N parallel single-thread processes (OMP_THREAD_LIMIT=1), N = cores;
  image PDFs are rasterized beforehand (`pdftoppm -r 300`, not timed), a multi-page TIFF is one process;
* (i) batch: the files are dropped as one batch in a fresh data folder (`inbox/scans/<batch>/<dossier>/<file>` and
  `READY`), `mugalim ingest --data D` takes it (not timed), then `mugalim extract --data D` is timed whole — start,
  migrations, its worker pool, OCR, the database writes. Target ≥ 0.9× raw Tesseract's throughput;
* (ii) per file: `mugalim extract FILE` for each file, N at once, interpreter start included. Target ≥ 0.7×;
* (iii) peak memory, sampled every 50 ms with psutil over each command's process tree: the largest extract worker
  (any process of the tree but the command's own, with its Tesseract children), the command's own process, the
  whole tree; and each `mugalim extract FILE` process tree. Target < 500 MB;
* born digital: the set's born-digital PDFs and generated ones through `mugalim extract --data D`, per page, the
  command's fixed start-up (a run with nothing to do) taken out of both sides. Target ≥ 30× faster than OCR pages.

With --rounds R > 1 the runs alternate R times (raw, batch, per file) and each one's best round is kept: the
machine is shared and its load varies. The data folders (copies of the inputs) are removed at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "validation" / "forms"
MUGALIM = ROOT / ".venv" / "bin" / "mugalim"
OUT = Path(os.environ.get("MUGALIM_BENCH_DIR", "/tmp/mugalim-bench")) / "extract-speed"
MB = 2 ** 20
TARGET_BATCH, TARGET_PER_FILE, TARGET_MB, TARGET_DIGITAL = 0.9, 0.7, 500, 30.0


# ------------------------------------------------------------------------------------------------------- inputs
def validation_files(folder: Path, only: str) -> tuple[list[Path], list[Path]]:
    """(scans, born-digital PDFs) of the validation set, read in place; empty when the set is absent."""
    manifest = folder / "manifest.json"
    if not manifest.exists():
        return [], []
    cases = json.loads(manifest.read_text(encoding="utf-8"))
    if only:
        wanted = set(only.split(","))
        cases = [c for c in cases if c["case"] in wanted]
    scans = [folder / "cases" / c["file"] for c in cases if c.get("format") != "pdf-text"]
    digital = [folder / "cases" / c["file"] for c in cases if c.get("format") == "pdf-text"]
    return scans, digital


def generated_scans(n: int) -> list[Path]:
    from mugalim.samples.forms import make_form
    out = OUT / "generated"
    out.mkdir(parents=True, exist_ok=True)
    fonts = ["dejavu_serif", "pt_sans", "pt_serif", "freeserif", "dejavu_sans", "nimbus_roman"]
    plan = [("png", "clean"), ("jpeg", "degraded"), ("tiff", "degraded"), ("pdf", "degraded")]
    files = []
    for i in range(n):
        fmt, deg = plan[i % len(plan)]
        path = out / f"scan-{i:02d}.{ {'png': 'png', 'jpeg': 'jpg', 'tiff': 'tif', 'pdf': 'pdf'}[fmt]}"
        if not path.exists():
            path.write_bytes(make_form(9000 + i, fmt=fmt, degrade=deg, language=("kk", "ru")[i % 2],
                                       layout=("table", "lines")[(i // 2) % 2], font=fonts[i % len(fonts)])[0])
        files.append(path)
    return files


def generated_digital(n: int) -> list[Path]:
    from mugalim.samples.forms import make_form
    out = OUT / "generated"
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        path = out / f"digital-{i:02d}.pdf"
        if not path.exists():
            path.write_bytes(make_form(9100 + i, fmt="pdf_text", language=("kk", "ru")[i % 2],
                                       layout=("table", "lines")[(i // 2) % 2])[0])
        files.append(path)
    return files


def raw_pages(files: list[Path], tmp: Path) -> tuple[list[Path], int]:
    """What raw Tesseract reads: images as they are, image PDFs rasterized at 300 dpi (untimed). And the pages."""
    from PIL import Image
    inputs, pages = [], 0
    for i, f in enumerate(files):
        if f.suffix.lower() == ".pdf":
            subprocess.run(["pdftoppm", "-r", "300", "-png", str(f), str(tmp / f"r{i:03d}")], check=True,
                           capture_output=True)
            got = sorted(tmp.glob(f"r{i:03d}*.png"))
            inputs += got
            pages += len(got)
        else:
            inputs.append(f)
            with Image.open(f) as im:
                pages += getattr(im, "n_frames", 1)
    return inputs, pages


# ------------------------------------------------------------------------------------------------------ measuring
class TreeMemory:
    """Samples every 50 ms the process trees of the registered root pids: the peak of the largest non-root process
    (a worker, with its tesseract children), of a root process alone, and of a whole tree; and the CPU seconds of
    every process seen (user + system at its last sample: a lower bound, short of each process's last 50 ms)."""

    def __init__(self) -> None:
        self.roots: set[int] = set()
        self.worker = self.root = self.tree = 0
        self._cpu: dict[int, float] = {}
        self._stop, self._lock = threading.Event(), threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def add(self, pid: int) -> None:
        with self._lock:
            self.roots.add(pid)

    def discard(self, pid: int) -> None:
        with self._lock:
            self.roots.discard(pid)

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                roots = list(self.roots)
            for pid in roots:
                try:
                    top = psutil.Process(pid)
                    rss = {top.pid: top.memory_info().rss}
                    c = top.cpu_times()
                    self._cpu[top.pid] = c.user + c.system
                    kids = top.children(recursive=True)
                    names = {}
                    for k in kids:
                        try:
                            rss[k.pid] = k.memory_info().rss
                            names[k.pid] = (k.name(), k.ppid())
                            c = k.cpu_times()
                            self._cpu[k.pid] = c.user + c.system
                        except psutil.Error:
                            continue
                except psutil.Error:
                    continue
                self.root = max(self.root, rss[pid])
                self.tree = max(self.tree, sum(rss.values()))
                for k, (name, _) in names.items():
                    if name == "tesseract":
                        continue
                    own = rss[k] + sum(rss[t] for t, (n, pp) in names.items() if n == "tesseract" and pp == k)
                    self.worker = max(self.worker, own)
            time.sleep(0.05)

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_raw(inputs: list[Path], workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds of raw Tesseract over the pages, `workers` single-thread processes at once."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(p: Path) -> None:
        subprocess.run(["tesseract", str(p), "stdout", "-l", "kaz+rus"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    cpu0, t = _children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, inputs))
    return time.perf_counter() - t, _children_cpu() - cpu0


def make_data(where: Path, files: list[Path], batch: str) -> Path:
    """A fresh data folder with `files` as one READY batch, one dossier folder per file, taken by `mugalim ingest`."""
    shutil.rmtree(where, ignore_errors=True)
    inbox = where / "inbox" / "scans" / batch
    for i, f in enumerate(files):
        (inbox / f"dossier-{i:03d}").mkdir(parents=True)
        shutil.copy2(f, inbox / f"dossier-{i:03d}" / f.name)
    (inbox / "READY").touch()
    p = subprocess.run([str(MUGALIM), "ingest", "--data", str(where), "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"mugalim ingest failed: {p.stderr.strip().splitlines()[-1:]}")
    report = json.loads(p.stdout[p.stdout.find("{"):])
    if report["files"]["archived"] != len(files):
        raise RuntimeError(f"mugalim ingest archived {report['files']['archived']} of {len(files)} files: {report}")
    return where


def run_batch(data: Path) -> dict:
    """`mugalim extract --data D`, timed whole, with its process tree's memory; its JSON report."""
    cpu0 = _children_cpu()
    with TreeMemory() as mem:
        t = time.perf_counter()
        p = subprocess.Popen([str(MUGALIM), "extract", "--data", str(data), "--json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        mem.add(p.pid)
        out, err = p.communicate()
        wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"mugalim extract --data failed ({p.returncode}): {err.strip().splitlines()[-1:]}")
    report = json.loads(out[out.find("{"):])
    return {"wall": wall, "cpu": max(_children_cpu() - cpu0, mem.cpu), "report": report, "worker": mem.worker,
            "root": mem.root, "tree": mem.tree}


def run_per_file(files: list[Path], workers: int) -> dict:
    """`mugalim extract FILE` per file, `workers` at once; wall seconds, failures, peak memory of one command."""
    failed: list[str] = []
    with TreeMemory() as mem:
        def one(f: Path) -> None:
            p = subprocess.Popen([str(MUGALIM), "extract", str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            mem.add(p.pid)
            out, _ = p.communicate()
            mem.discard(p.pid)
            if p.returncode != 0 or b"{" not in out:
                failed.append(f.name)

        cpu0, t = _children_cpu(), time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, files))
        wall = time.perf_counter() - t
    return {"wall": wall, "cpu": max(_children_cpu() - cpu0, mem.cpu), "failed": failed, "worker": mem.worker,
            "root": mem.root, "tree": mem.tree}


def _idle_start(data: Path) -> float:
    """Seconds `mugalim extract --data D` takes when nothing is left to extract: the command's fixed cost."""
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        subprocess.run([str(MUGALIM), "extract", "--data", str(data)], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the validation set (cases/, manifest.json)")
    ap.add_argument("--only", default="", help="comma-separated case names of the set")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)),
                    help="raw Tesseract processes and `mugalim extract FILE` processes at once (default: cores)")
    ap.add_argument("--rounds", type=int, default=1, help="alternating rounds; each one's best is kept")
    ap.add_argument("--generated", type=int, default=12, help="scans to generate when the set is absent")
    ap.add_argument("--digital", type=int, default=16, help="generated born-digital PDFs added to the set's")
    ap.add_argument("--no-per-file", action="store_true", help="skip (ii)")
    ap.add_argument("--keep", action="store_true", help="keep the data folders under " + str(OUT))
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if not MUGALIM.exists():
        print(f"extract_speed: {MUGALIM} is missing (make setup)")
        return 2

    scans, digital = validation_files(args.dir.resolve(), args.only)
    source = f"the validation set's scans ({args.dir.resolve()})"
    if not scans:
        print(f"no validation set at {args.dir.resolve()}: generated scans instead")
        scans, source = generated_scans(args.generated), "generated scans (mugalim.samples.forms)"
    digital = digital + generated_digital(args.digital)
    w = args.workers
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
    try:
        raw_inputs, raw_n = raw_pages(scans, tmp)
        print(f"{len(scans)} files, {raw_n} pages: {source}; {w} processes at once; cores "
              f"{len(os.sched_getaffinity(0))}; best of {args.rounds} round(s); load average "
              f"{os.getloadavg()[0]:.1f}\n")
        raws, batches, singles = [], [], []
        for r in range(args.rounds):
            raws.append(run_raw(raw_inputs, w))
            print(f"  round {r + 1}: raw tesseract {raws[-1][0]:.1f} s", file=sys.stderr, flush=True)
            data = make_data(tmp / f"data-{r}", scans, f"bench-{r}")
            batches.append(run_batch(data))
            print(f"  round {r + 1}: mugalim extract --data {batches[-1]['wall']:.1f} s", file=sys.stderr, flush=True)
            if not args.no_per_file:
                singles.append(run_per_file(scans, w))
                print(f"  round {r + 1}: mugalim extract FILE ×{len(scans)} {singles[-1]['wall']:.1f} s",
                      file=sys.stderr, flush=True)
        idle = _idle_start(tmp / "data-0")
        dig_data = make_data(tmp / "data-digital", digital, "bench-digital")
        dig = run_batch(dig_data)

        raw_s, raw_cpu = min(raws)
        batch = min(batches, key=lambda b: b["wall"])
        rep = batch["report"]
        pages, ocr_pages = rep["pages"], rep["ocr_pages"]
        dig_pages = dig["report"]["pages"]
        raw_rate = raw_n / raw_s
        print(f"{'':44}{'files':>6}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'CPU s/page':>12}")
        print(f"{'raw tesseract kaz+rus (' + str(w) + ' × 1 thread)':44}{len(raw_inputs):>6}{raw_n:>7}{raw_s:>9.1f}"
              f"{raw_rate:>9.3f}{raw_cpu / raw_n:>12.2f}")
        print(f"{'(i) mugalim extract --data D':44}{rep['extracted']:>6}{pages:>7}{batch['wall']:>9.1f}"
              f"{pages / batch['wall']:>9.3f}{batch['cpu'] / pages:>12.2f}")
        if singles:
            one = min(singles, key=lambda s: s["wall"])
            print(f"{'(ii) mugalim extract FILE (' + str(w) + ' at once)':44}{len(scans):>6}{pages:>7}"
                  f"{one['wall']:>9.1f}{pages / one['wall']:>9.3f}{one['cpu'] / pages:>12.2f}")
        print(f"{'born digital: mugalim extract --data D':44}{dig['report']['extracted']:>6}{dig_pages:>7}"
              f"{dig['wall']:>9.1f}{dig_pages / dig['wall']:>9.3f}{dig['cpu'] / dig_pages:>12.2f}")
        if pages != raw_n or ocr_pages != pages or rep["failed"]:
            print(f"  note: extract read {pages} pages ({ocr_pages} by OCR, {rep['failed']} files failed), "
                  f"raw Tesseract {raw_n}")
        print()
        ratio_batch = (pages / batch["wall"]) / raw_rate
        print(f"(i)  batch / raw tesseract throughput:     {ratio_batch:.2f}×  (target ≥ {TARGET_BATCH}×)  "
              f"{_verdict(ratio_batch >= TARGET_BATCH)}")
        if singles:
            one = min(singles, key=lambda s: s["wall"])
            ratio_one = (pages / one["wall"]) / raw_rate
            print(f"(ii) per file / raw tesseract throughput:  {ratio_one:.2f}×  (target ≥ {TARGET_PER_FILE}×)  "
                  f"{_verdict(ratio_one >= TARGET_PER_FILE)}" + (f"   failed: {', '.join(one['failed'])}"
                                                                   if one["failed"] else ""))
        print(f"     by CPU time per page (immune to the neighbours' load): batch / raw "
              f"{(raw_cpu / raw_n) / (batch['cpu'] / pages):.2f}×" + (
                  f", per file / raw {(raw_cpu / raw_n) / (min(singles, key=lambda s: s['wall'])['cpu'] / pages):.2f}×"
                  if singles else ""))
        worker = max(b["worker"] for b in batches)
        print(f"(iii) peak memory of an extract worker (with its Tesseract children): {worker / MB:.0f} MB  "
              f"(target < {TARGET_MB} MB)  {_verdict(worker < TARGET_MB * MB)}")
        print(f"      the command's own process {max(b['root'] for b in batches) / MB:.0f} MB; its whole tree "
              f"{max(b['tree'] for b in batches) / MB:.0f} MB")
        if singles:
            per = max(s["worker"] for s in singles)
            print(f"      `mugalim extract FILE`: a worker {per / MB:.0f} MB  (target < {TARGET_MB} MB)  "
                  f"{_verdict(per < TARGET_MB * MB)}; the command's own process "
                  f"{max(s['root'] for s in singles) / MB:.0f} MB; one command's whole tree "
                  f"{max(s['tree'] for s in singles) / MB:.0f} MB")
        ocr_s = max(batch["wall"] - idle, 1e-6) / pages
        dig_s = max(dig["wall"] - idle, 1e-6) / dig_pages
        print(f"born digital / OCR pages, per page:       {ocr_s / dig_s:.0f}×  (target ≥ {TARGET_DIGITAL:.0f}×)  "
              f"{_verdict(ocr_s / dig_s >= TARGET_DIGITAL)}   ({dig_s:.3f} s vs {ocr_s:.2f} s a page, the command's "
              f"fixed {idle:.1f} s taken out)")
        print(f"`mugalim extract --data D` with nothing to do: {idle:.1f} s (start-up, in the batch figures above)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
