"""Every folder gets a report (issues 14 and 18), measured as staff run the pipeline: a batch of generated dossiers
of every kind the back office receives goes through the real `mugalim ingest`, `mugalim extract` and
`mugalim validate` (each a subprocess, timed), and the reports in `outbox/<season>/dossiers/` are matched to the
folders that were dropped in the inbox by the batch and folder each report names (`dossier.batch`, `dossier.key`),
never by a file name.

The kinds (at least one dossier of each, the kinds alternating between a Teacher of the Year batch and a grants
batch); besides what makes its kind, every dossier holds a complete Appendix 2 portfolio of one person: the
application (the form generator's), the section-1 papers and the plans of rule E5 drawn by the realistic generator
(`mugalim.samples.documents`: born digital, scanned or photographed, through its degradation model), two achievements
whose items the generator knows, the essay (Times New Roman 14 pt) and the video of about a minute:
- folder                  a sub-folder of separate files (PDF, TIFF, PNG, JPEG)
- one_pdf                 the whole dossier scanned into one multi-page PDF, the application first, the documents in
                          any order, and the video beside it under the same stem
- zip                     a ZIP of the dossier from a Windows archiver (CP866 names, one folder inside)
- docx_essay / odt_essay  the essay typed in Word (python-docx) or LibreOffice Writer (odfpy)
- heic_photos             the identity card and the achievements photographed with a phone (HEIC, stored sideways)
- mov_video / avi_video / mkv_video   the video in QuickTime MOV, AVI or Matroska (item 1.7 must fail: MPEG-4)
- scanner_names           every file under a name that says nothing (`Scan_20260205_0003.pdf`, `IMG_4821.jpg`, …)
- unreadable_application  the application a blank page or a scribble (the report says a person must enter the IIN)

Every video carries an audio track (a video with audio must not fail item 1.7 for it). The generator knows what it
put in each dossier: section 1 items present (1.7 failed for a video not in MPEG-4) and the section 2–4 items of its
achievements; a check is "as intended" when the report gives the item that status (an item the generator did not put
in must be missing or absent). Printed per kind: dossiers, folders with a report, folders WITHOUT a report (target
0), checks passing against those the generator meant to pass, checks as intended, application read as intended; then
the wall time of each command. Exit status 1 when a folder has no report or a command fails.

    .venv/bin/python -m bench.dossier_reports [--per-kind 1] [--show]     # the TUNING seed (1814)
    .venv/bin/python -m bench.dossier_reports --report [--per-kind 1]     # the REPORTING seed (51418)
    .venv/bin/python -m bench.dossier_reports --lite ...                  # born-digital papers: a quick run

`--lite` keeps every kind but makes the papers born digital wherever the kind allows (the HEIC photos, the blank
application and the one-PDF dossier stay images), so the test can run the whole chain in a minute. The generated
inbox is cached in $MUGALIM_BENCH_DIR (default /tmp/mugalim-bench)/dossiers/; the data folder is made anew each run.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

TUNING_SEED = 1814
REPORTING_SEED = 51418
GENERATOR = 4
SEASON = 2026
BENCH_DIR = Path(os.environ.get("MUGALIM_BENCH_DIR", "/tmp/mugalim-bench")) / "dossiers"
KINDS = ("folder", "one_pdf", "zip", "docx_essay", "odt_essay", "heic_photos", "mov_video", "avi_video", "mkv_video",
         "scanner_names", "unreadable_application")
VIDEO_CONTAINERS = {"mov_video": ("mov", ".mov"), "avi_video": ("avi", ".avi"), "mkv_video": ("matroska", ".mkv")}
SECTION1 = ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8")
SCAN_FORMATS = (".jpg", ".tiff", ".png", ".pdf", ".png", ".pdf")
FORM_FORMATS = ("pdf", "png", "pdf_text", "jpeg", "tiff", "pdf")


@dataclass
class Planned:
    """One dossier as the generator made it: where it is, and what the report should say."""

    kind: str
    batch: str
    key: str                                   # the folder as the inbox holds it: sub-folder, loose PDF, ZIP
    lang: str
    competition: str
    iin: str
    intended: dict[str, str] = field(default_factory=dict)     # item → present | failed | missing
    application_read: bool = True
    files: int = 0


# --- making the dossiers -----------------------------------------------------------------------------------------

def _scanner_names(rng: random.Random) -> Any:
    """Names a scanner or a phone gives: unique within the dossier, saying nothing of the content."""
    used: set[str] = set()

    def name(suffix: str) -> str:
        while True:
            if suffix in (".jpg", ".heic"):
                n = f"IMG_{rng.randint(1000, 9999)}{suffix}"
            elif suffix in (".mp4", ".mov", ".avi", ".mkv"):
                n = f"VID_2026020{rng.randint(1, 9)}_{rng.randint(100000, 235959)}{suffix}"
            elif suffix == ".pdf":
                n = rng.choice([f"Scan_2026020{rng.randint(1, 9)}_{rng.randint(1, 99):04d}.pdf",
                                f"doc{rng.randint(1, 40):02d}.pdf", f"Документ{rng.randint(1, 30)}.pdf"])
            elif suffix in (".tif", ".tiff"):
                n = f"SCAN{rng.randint(1, 999):04d}{suffix}"
            else:
                n = f"{rng.randint(1, 200):03d}{suffix}"
            if n not in used:
                used.add(n)
                return n
    return name


def _scribble(path: Path, rng: random.Random) -> Path:
    """An application no one can read: a blank sheet, or pen strokes and smudges without a word."""
    from PIL import Image, ImageDraw
    img = Image.new("L", (1654, 2339), 250 if rng.random() < 0.5 else 255)
    if rng.random() < 0.6:
        d = ImageDraw.Draw(img)
        for _ in range(40):
            d.line([(rng.randrange(1654), rng.randrange(2339)) for _ in range(6)], fill=rng.randint(30, 120),
                   width=rng.randint(2, 6))
    img.save(path)
    return path


def _zip_cp866(path: Path, files: dict[str, bytes]) -> Path:
    """A ZIP as a Windows archiver in a Russian or Kazakh locale writes it: names in CP866, no UTF-8 flag (zipfile
    itself writes a non-ASCII name in UTF-8, so an ASCII stand-in of the same length is swapped for the bytes)."""
    swaps: dict[bytes, bytes] = {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(files.items()):
            try:
                raw = name.encode("cp866")
            except UnicodeEncodeError:                 # a Kazakh letter CP866 lacks: that archiver writes UTF-8
                raw = b""
            if raw and not name.isascii():
                stand_in = f"~{i}~".ljust(len(raw), "_").encode()
                swaps[stand_in] = raw
                name = stand_in.decode()
            info = zipfile.ZipInfo(name, date_time=(2026, 2, 5, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    blob = buf.getvalue()
    for stand_in, raw in swaps.items():
        blob = blob.replace(stand_in, raw)
    path.write_bytes(blob)
    return path


def _realistic(doc_type: str, a: Any, rng: random.Random, *, rendering: str) -> Any:
    """A document of `doc_type` for applicant `a` drawn by the realistic generator (`mugalim.samples.documents`: its
    layouts and wordings in both languages, seals, tables; scanned or photographed through the augraphy model)."""
    from mugalim.samples import documents as D
    person = {"name": a.full_name, "female": a.iin[6] in "246", "born": a.birth_date, "school": a.organization_name,
              "iin": a.iin, "position": a.position, "university": rng.choice(
                  D.V.UNIVERSITIES_KK if a.language == "kk" else D.V.UNIVERSITIES_RU), "year": SEASON - 1}
    severity = "clean" if rendering == "digital" else rng.choice(["clean", "light", "medium", "heavy"])
    pages = D.COMPOSERS[doc_type](rng, a.language, person)
    return D.render(doc_type, pages, rng, lang=a.language, rendering=rendering, severity=severity)


def make_dossier(job: dict[str, Any]) -> dict[str, Any]:
    """Write one dossier of `job["kind"]` into `job["batch_dir"]`; return its `Planned` as a dict."""
    from mugalim.samples import batches as B
    from mugalim.samples import documents as D
    from mugalim.samples import office as so
    from mugalim.samples import portfolio as pf

    kind, lite = job["kind"], job["lite"]
    rng = random.Random(f"dossier-reports-{job['seed']}-{kind}-{job['index']}")
    batch_dir = Path(job["batch_dir"])
    lang = "kk" if rng.random() < 0.5 else "ru"
    org = B.make_org(rng, "secondary", job["district"])
    fmt = "pdf_text" if lite else FORM_FORMATS[job["index"] % len(FORM_FORMATS)]
    a, form, form_suffix = B.form_applicant(rng.randint(0, 10**6), lang=lang, competition=job["competition"],
                                            org=org, season=SEASON, rng=rng, fmt=fmt)
    plan = Planned(kind, batch_dir.name, "", lang, job["competition"], a.iin)
    papers: list[tuple[str, pf.Doc]] = [(f"1.{i}", d) for i, d in enumerate(pf.section1(a)[:6], 1)]
    if job["competition"] == "teacher_of_year":
        papers += [("E5", d) for d in pf.toy_extras(a)]
    items = rng.sample(sorted(pf.ACHIEVEMENTS), 2)
    papers += [(item, pf.achievement(a, item)) for item in items]
    plan.intended = {i: "present" for i in SECTION1}
    plan.intended.update({item: "present" for item in items})
    container, video_suffix = VIDEO_CONTAINERS.get(kind, ("mp4", ".mp4"))
    if kind in VIDEO_CONTAINERS:
        plan.intended["1.7"] = "failed"             # the decree asks for MPEG-4
    plan.application_read = kind != "unreadable_application"
    essay = pf.essay(a)
    video_seconds = 58 + rng.randint(0, 8)

    if kind == "one_pdf":
        stem = f"Scan_2026020{rng.randint(1, 9)}_{rng.randint(1, 9999):04d}"
        pdf = batch_dir / f"{stem}.pdf"
        batch_dir.mkdir(parents=True, exist_ok=True)
        docs = [d for _, d in papers] + [essay]
        rng.shuffle(docs)
        if lite:
            app = pf.application_page(a)
            combined = pf.Doc("dossier", app.pages + [p for d in docs for p in d.pages])
            pf.write_pdf(pdf, combined, font="TimesNewRoman", size=14)     # one typed file: the essay's face
        else:
            # the application as a plain scan of the same person (the form generator draws a person of its own)
            pages = [pf.render_page(pf.application_page(a).pages[0], rng=rng)]
            for d in docs:
                if d.doc_type in ("achievement", "essay"):
                    pages += [pf.render_page(p, rng=rng) for p in d.pages]
                else:
                    pages += [im.convert("L") for im in _realistic(d.doc_type, a, rng, rendering="scan").images]
            stamp = time.gmtime(1767225600)
            pages[0].save(pdf, "PDF", resolution=200, save_all=True, append_images=pages[1:], creationDate=stamp,
                          modDate=stamp)
        pf.write_video(batch_dir / f"{stem}{video_suffix}", pf.video_title(a), seconds=video_seconds,
                       container=container)
        plan.key, plan.files = pdf.name, 2
        return asdict(plan)

    if kind == "zip":
        work = Path(tempfile.mkdtemp(prefix="mugalim-zip-"))
        folder = work / "d"
    else:
        plan.key = f"{job['number']:02d} {a.surname} {a.name[:1]}."          # as staff name a folder
        folder = batch_dir / plan.key
    folder.mkdir(parents=True, exist_ok=True)
    names = _scanner_names(rng) if kind == "scanner_names" else None

    def named(default: str) -> Path:
        return folder / (names(Path(default).suffix) if names else default)

    written: list[Path] = []
    if kind == "unreadable_application":
        written.append(_scribble(named(rng.choice(["otinim.png", "zayavka.jpg"])), rng))
    else:
        path = named(f"otinim{form_suffix}")
        if form is not None:
            path.write_bytes(form)
            written.append(path)
        else:
            written.append(pf.write_scan(path, pf.application_page(a), rng=rng))
    for n, (item, doc) in enumerate(papers, 1):
        if doc.doc_type == "achievement":               # the generator knows their items: our own rendering
            if kind == "heic_photos":
                page = pf.render_page(doc.pages[0], dpi=200, rng=rng)
                written.append(so.write_heic(named(f"photo_{n:02d}.heic"), page, orientation=6))
            elif lite:
                written.append(pf.write_pdf(named(f"doc_{n:02d}.pdf"), doc))
            else:
                written.append(pf.write_scan(named(f"scan_{n:02d}{SCAN_FORMATS[n % 6]}"), doc, rng=rng))
        elif lite and kind == "heic_photos" and item == "1.1":
            page = pf.render_page(doc.pages[0], dpi=200, rng=rng)
            written.append(so.write_heic(named(f"photo_{n:02d}.heic"), page, orientation=6))
        elif lite:
            written.append(pf.write_pdf(named(f"doc_{n:02d}.pdf"), doc))
        else:                                           # the realistic generator's layouts, scans and photos
            rendering = "photo" if kind == "heic_photos" and item == "1.1" else rng.choice(D.RENDERINGS)
            labelled = _realistic(doc.doc_type, a, rng, rendering=rendering)
            if kind == "heic_photos" and item == "1.1":
                written.append(so.write_heic(named(f"photo_{n:02d}.heic"), labelled.images[0], orientation=6))
                continue
            suffix = ".pdf" if rendering == "digital" or len(labelled.images) > 1 else \
                ".jpg" if rendering == "photo" else rng.choice([".pdf", ".png", ".tiff", ".jpg"])
            written.append(D.write(labelled, named(f"scan_{n:02d}{suffix}")))
    if kind == "docx_essay":
        written.append(so.write_docx_essay(named("esse.docx"), essay.pages[0]))
    elif kind == "odt_essay":
        written.append(so.write_odt_essay(named("esse.odt"), essay.pages[0]))
    else:
        written.append(pf.write_pdf(named("esse.pdf"), essay, font="TimesNewRoman", size=14))
    written.append(pf.write_video(named(f"video{video_suffix}"), pf.video_title(a), seconds=video_seconds,
                                  container=container))
    plan.files = len(written)
    if kind == "zip":
        inner = f"{a.surname} {a.name}"
        translit = {"otinim": "өтінім" if lang == "kk" else "заявка", "esse": "эссе", "video": "видео"}
        members = {}
        for p in written:
            stem = translit.get(p.stem, p.stem)
            members[f"{inner}/{stem}{p.suffix}"] = p.read_bytes()
        plan.key = f"{a.surname}_{'портфолио'}.zip"
        batch_dir.mkdir(parents=True, exist_ok=True)
        _zip_cp866(batch_dir / plan.key, members)
        shutil.rmtree(work, ignore_errors=True)
    return asdict(plan)


def generate(seed: int, per_kind: int, *, lite: bool, workers: int) -> tuple[Path, list[Planned], float]:
    """The inbox of this seed and size (made once, then cached), and what is in it."""
    root = BENCH_DIR / f"seed-{seed}-k{per_kind}{'-lite' if lite else ''}"
    plan_file = root / "plan.json"
    if plan_file.exists():
        data = json.loads(plan_file.read_text(encoding="utf-8"))
        if data.get("generator") == GENERATOR:
            return root / "scans", [Planned(**p) for p in data["dossiers"]], float(data["seconds"])
    shutil.rmtree(root, ignore_errors=True)
    scans = root / "scans"
    from mugalim.samples.batches import DISTRICTS, make_bin
    rng = random.Random(f"dossier-reports-batches-{seed}")
    toy_bin, grants_bin = (make_bin(d, rng.randint(100, 99999)) for d in (date(2001, 9, 1), date(2004, 3, 1)))
    toy = scans / f"{SEASON}_teacher_of_year_{DISTRICTS[seed % 6]}_{toy_bin}"
    grants = scans / f"{SEASON}_grants_{DISTRICTS[(seed + 1) % 6]}_{grants_bin}"
    jobs: list[dict[str, Any]] = []
    for n_kind, k in enumerate(KINDS):
        for i in range(per_kind):
            batch = toy if (n_kind + i) % 2 == 0 else grants
            jobs.append({"kind": k, "index": i, "number": len(jobs) + 1, "seed": seed, "lite": lite,
                         "batch_dir": str(batch), "competition": "teacher_of_year" if batch is toy else "grants",
                         "district": batch.name.split("_")[-2]})
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        planned = [Planned(**p) for p in pool.map(make_dossier, jobs)]
    for batch in {Path(j["batch_dir"]) for j in jobs}:
        (batch / "READY").touch()
    seconds = time.perf_counter() - t0
    plan_file.write_text(json.dumps({"generator": GENERATOR, "seconds": round(seconds, 1),
                                     "dossiers": [asdict(p) for p in planned]}, ensure_ascii=False, indent=1),
                         encoding="utf-8")
    return scans, planned, seconds


# --- running the pipeline as staff do ----------------------------------------------------------------------------

def _command() -> list[str]:
    script = Path(sys.executable).with_name("mugalim")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mugalim.cli"]


def run_pipeline(scans: Path, data: Path, db_url: str, workers: int) -> tuple[dict[str, float], list[str]]:
    """`mugalim init`, then the inbox dropped in, then `ingest`, `extract`, `validate` in subprocesses; each one's
    wall time, and what failed."""
    base = _command()
    steps = [("init", ["init", str(data), "--db-url", db_url]),
             ("ingest", ["ingest", "--data", str(data), "--db-url", db_url, "--json"]),
             ("extract", ["extract", "--data", str(data), "--db-url", db_url, "--workers", str(workers), "--json"]),
             ("validate", ["validate", "--data", str(data), "--db-url", db_url, "--season", str(SEASON), "--json"])]
    times: dict[str, float] = {}
    failed: list[str] = []
    env = {k: v for k, v in os.environ.items() if k not in ("MUGALIM_DATA", "MUGALIM_DB_URL")}
    for name, args in steps:
        t0 = time.perf_counter()
        done = subprocess.run([*base, *args], capture_output=True, text=True, env=env, timeout=3600)
        times[name] = round(time.perf_counter() - t0, 1)
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            failed.append(f"mugalim {name} exited {done.returncode}: {tail}")
        if name == "init":
            if done.returncode != 0:
                break
            shutil.rmtree(data / "inbox" / "scans", ignore_errors=True)
            shutil.copytree(scans, data / "inbox" / "scans")
    return times, failed


def reports_by_folder(outbox: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Every dossier report in `outbox/<season>/dossiers/` (any depth), by the batch and folder it names."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(outbox.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        d = data.get("dossier") if isinstance(data, dict) else None
        if isinstance(d, dict) and "items" in data:
            out[(str(d.get("batch")), str(d.get("key")))] = {**data, "_file": str(path.relative_to(outbox))}
    return out


# --- the figures -------------------------------------------------------------------------------------------------

def evaluate(planned: list[Planned], reports: dict[tuple[str, str], dict[str, Any]], *,
             show: bool) -> dict[str, Any]:
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    without: list[str] = []
    for p in planned:
        k = per[p.kind]
        k["dossiers"] += 1
        rep = reports.get((p.batch, p.key))
        if rep is None:
            without.append(f"{p.batch}/{p.key} ({p.kind})")
            k["checks"] += len(p.intended)
            k["meant_to_pass"] += sum(s == "present" for s in p.intended.values())
            continue
        k["reported"] += 1
        got = {f["item"]: f["status"] for f in rep["items"]}
        misses = []
        for item in sorted(set(p.intended) | set(got), key=lambda x: [int(n) for n in x.split(".")]):
            meant, said = p.intended.get(item, "missing"), got.get(item, "missing")
            k["checks"] += 1
            k["as_intended"] += meant == said
            k["meant_to_pass"] += meant == "present"
            k["passing"] += meant == "present" and said == "present"
            if meant != said:
                reason = next((f.get("reason") for f in rep["items"] if f["item"] == item), None)
                misses.append(f"{item}: meant {meant}, report {said}" + (f" ({reason})" if reason else ""))
        read = bool(rep.get("application_read"))
        k["read_as_intended"] += read == p.application_read
        if show and (misses or read != p.application_read):
            print(f"\n--- {p.kind} {p.batch}/{p.key} → {rep['_file']}")
            if read != p.application_read:
                print(f"    application read: meant {p.application_read}, report {read}; waiting {rep.get('waiting')}")
            for m in misses:
                print(f"    {m}")
    return {"kinds": {k: dict(per[k]) for k in KINDS if k in per}, "without_report": without}


def print_table(res: dict[str, Any]) -> None:
    head = f"{'kind':24}{'dossiers':>9}{'reported':>9}{'without':>8}  {'passing/meant':>15}{'as intended':>15}" \
           f"{'app read ok':>12}"
    print(head)
    total: dict[str, int] = defaultdict(int)
    for kind, k in res["kinds"].items():
        for key, v in k.items():
            total[key] += v
        _row(kind, k)
    print("-" * len(head))
    _row("all", total)


def _row(name: str, k: dict[str, int]) -> None:
    d, r = k.get("dossiers", 0), k.get("reported", 0)
    passing, meant = k.get("passing", 0), k.get("meant_to_pass", 0)
    ok, checks = k.get("as_intended", 0), k.get("checks", 0)
    read = f"{k.get('read_as_intended', 0)}/{r}"
    print(f"{name:24}{d:>9}{r:>9}{d - r:>8}  {f'{passing}/{meant}':>9} {passing / max(meant, 1):.2f}"
          f"{f'{ok}/{checks}':>9} {ok / max(checks, 1):.2f}{read:>12}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-kind", type=int, default=1, help="dossiers of each kind (default 1)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--report", action="store_true", help="the reporting seed; no --show")
    ap.add_argument("--show", action="store_true", help="print every check not as intended (tuning only)")
    ap.add_argument("--lite", action="store_true", help="born-digital papers where the kind allows: a quick run")
    ap.add_argument("--workers", type=int, default=2, help="processes for generating and for `mugalim extract`")
    ap.add_argument("--keep", metavar="DIR", help="make the data folder here and keep it (default: a temporary one)")
    args = ap.parse_args(argv)
    if args.report and args.show:
        ap.error("--report refuses --show: nobody looks at the reporting seed's failures")
    if args.per_kind < 1:
        ap.error("--per-kind must be at least 1: every kind is in the batch")
    seed = args.seed if args.seed is not None else REPORTING_SEED if args.report else TUNING_SEED
    scans, planned, gen_s = generate(seed, args.per_kind, lite=args.lite, workers=args.workers)
    which = "reporting" if seed == REPORTING_SEED else "tuning" if seed == TUNING_SEED else "other"
    print(f"dossier reports: seed {seed} ({which}), {len(planned)} dossiers ({args.per_kind} of each of "
          f"{len(KINDS)} kinds{', lite' if args.lite else ''}), made in {gen_s:.0f} s", flush=True)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="mugalim-dossier-reports-"))
    data = root / "data"
    shutil.rmtree(data, ignore_errors=True)
    db_url = f"sqlite:///{data / 'mugalim.sqlite'}"
    try:
        times, failed = run_pipeline(scans, data, db_url, args.workers)
        res = evaluate(planned, reports_by_folder(data / "outbox" / str(SEASON) / "dossiers"), show=args.show)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print_table(res)
    print()
    print("wall time: " + ", ".join(f"mugalim {k} {v:.1f} s" for k, v in times.items()) +
          f"; total {sum(times.values()):.1f} s")
    for f in failed:
        print(f"FAILED: {f}")
    n = len(res["without_report"])
    print(f"folders without a report: {n} (target 0)" + "".join(f"\n  {w}" for w in res["without_report"]))
    print(json.dumps({"seed": seed, "lite": args.lite, "per_kind": args.per_kind, "times_s": times,
                      "without_report": n, "kinds": res["kinds"]}, ensure_ascii=False))
    ok = n == 0 and not failed
    print(f"result: {'OK' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
