"""Ingest under load and faults (issue 16, "Load and faults"): one batch of 2,000 files, 5 % of them hostile, taken by
the real `mugalim ingest --data DIR` (a subprocess) that is killed with SIGKILL at three random points and then run
again to completion; then the payment step killed once after its ledger commits and run again.

    .venv/bin/python -m bench.ingest_soak [--files 2000] [--hostile 0.05] [--kills 3] [--seed N]
                                          [--db-url URL] [--keep DIR]

The batch: dossier folders of scans (PDFs of one and three pages, JPEGs, PNGs: a few made once, each copy made
unique by bytes a reader ignores), and hostile files spread among them — at least one of each kind (so a small run
has them all): empty, truncated PDF, wrong extension (a JPEG named .pdf: taken with a note; a program named .pdf:
refused), a PNG whose header claims 100 000 × 100 000 pixels, a ZIP bomb, a ZIP whose member climbs out (`../`),
path-like names (`..\\..\\Windows`, `-rf`, a newline, a right-to-left override), names of 240 bytes, names in
CP1251 (not UTF-8), a symbolic link out of the inbox, and copies of other files' content.

The kills land where the database has registered a random share of the batch (one point in each third of 10–90 %,
up to 5 ms later), so each one falls in the middle of the files. What is printed is verified by
walking archive/ and quarantine/ and reading the database, not taken from ingest's own report:
- lost: an input with no intake row; an archived or duplicate one whose copy is missing or differs from the inbox;
  a quarantined regular file whose bytes are not in quarantine (a link is never followed: its reason alone);
  a reason file missing. Must be 0.
- doubled: a second intake row for an input (the keys forbid it), a file in archive/ or quarantine/ that no row
  names (a copy made twice), two archived files with one content, a temporary file left. Must be 0.
- unexpected: an input whose outcome is not the one its kind should have.
The payments: a small season (two prizes, two grants) paid by `mugalim pay` with MUGALIM_TEST_CRASH_AT=after_ledger
(SIGKILL right after the ledger commits), then `mugalim pay` again and `mugalim pay verify`: the ledger's payment
count against the expected 4, every payment once and exported, one run folder. Exit status 1 when anything is lost,
doubled, unexpected or the ledger is off.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
import yaml

from mugalim.db import engine_for, migrate

SEASON = 2026
BATCH = f"{SEASON}_teacher_of_year_Алмалы ауданы_940140000385"
FILES_PER_DOSSIER = 5
HOSTILE_KINDS = ("empty", "truncated_pdf", "jpeg_named_pdf", "exe_named_pdf", "huge_png", "zip_bomb", "zip_slip",
                 "pathy_name", "long_name", "cp1251_name", "symlink", "duplicate")
EXPECTED = {"good": "archived", "empty": "quarantined", "truncated_pdf": "quarantined",
            "jpeg_named_pdf": "archived", "exe_named_pdf": "quarantined", "huge_png": "quarantined",
            "zip_bomb": "quarantined", "zip_slip": "archived", "pathy_name": "archived", "long_name": "archived",
            "cp1251_name": "quarantined", "symlink": "quarantined", "duplicate": "duplicate"}
PATHY = ("..\\..\\Windows\\System32\\{i}.pdf", "-rf --no-preserve-root {i}.pdf", "$(reboot) {i}.pdf",
         "line\nbreak {i}.pdf", "\u202efdp.{i}.exe.pdf", " ..{i}.pdf", "C:{i}.pdf")


# --- the batch ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    rel: str            # inside the batch, as os.fsdecode gives it (surrogate escapes for bytes not UTF-8)
    kind: str           # good | one of HOSTILE_KINDS


class Templates:
    """The few real files every input is a unique copy of."""

    def __init__(self) -> None:
        from PIL import Image
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        def pdf(pages: int) -> bytes:
            buf = io.BytesIO()
            c = canvas.Canvas(buf, pagesize=A4, invariant=1)
            for n in range(pages):
                c.drawString(72, 760, f"Soak dossier page {n + 1}")
                c.showPage()
            c.save()
            return buf.getvalue()

        rnd = random.Random(1)
        noise = Image.frombytes("RGB", (96, 128), bytes(rnd.randrange(256) for _ in range(96 * 128 * 3)))
        jpg, png = io.BytesIO(), io.BytesIO()
        noise.save(jpg, format="JPEG", quality=80)
        noise.save(png, format="PNG")
        self.pdf1, self.pdf3, self.jpeg, self.png = pdf(1), pdf(3), jpg.getvalue(), png.getvalue()
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.comment = b"soak-000000000000"
            z.writestr("портфолио.pdf", b"\0" * (64 << 20))            # 64 MiB from about 64 KiB
        self.bomb = bomb.getvalue()

    def pdf(self, uid: str, pages: int = 1) -> bytes:
        """A PDF with a comment after %%EOF: every reader ignores it; the SHA-256 differs."""
        return (self.pdf3 if pages == 3 else self.pdf1) + f"% soak {uid}\n".encode()

    def jpeg_bytes(self, uid: str) -> bytes:
        text = f"soak {uid}".encode()
        return self.jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + self.jpeg[2:]

    def png_bytes(self, uid: str) -> bytes:
        body = b"tEXt" + b"soak\0" + uid.encode()
        chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        return self.png[:-12] + chunk + self.png[-12:]                 # before IEND

    def zip_bomb(self, uid: str) -> bytes:
        tag = hashlib.sha256(uid.encode()).hexdigest()[:12].encode()
        return self.bomb[:-12] + tag                                   # the comment's last 12 bytes

    def zip_slip(self, uid: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr(f"../../escape {uid}.pdf", self.pdf(uid + "-escape"))
            z.writestr(f"өтініш {uid}.pdf", self.pdf(uid + "-inside"))
        return out.getvalue()


def build_batch(scans: Path, outside: Path, files: int, hostile_share: float, rnd: random.Random) -> list[Input]:
    """Write the batch (and READY); the inputs with their kinds."""
    t = Templates()
    batch = scans / BATCH
    hostile = min(files // 2, max(round(files * hostile_share), len(HOSTILE_KINDS)))
    kinds = ["good"] * (files - hostile) + [HOSTILE_KINDS[n % len(HOSTILE_KINDS)] for n in range(hostile)]
    rnd.shuffle(kinds)
    made = [_make(kind, f"Мұғалім {n // FILES_PER_DOSSIER + 1:04d}", f"{n:05d}", t, rnd)
            for n, kind in enumerate(kinds)]
    originals = [data for (_, data), kind in zip(made, kinds) if kind == "good"]
    inputs: list[Input] = []
    for n, (kind, (rel, data)) in enumerate(zip(kinds, made)):
        uid = f"{n:05d}"
        if kind == "duplicate":          # the content of a good file; sorted after it, so the good one is archived
            data = originals[rnd.randrange(len(originals))]
        path = _raw(batch, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "symlink":
            target = outside / f"secret {uid}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(t.pdf(uid + "-outside"))
            path.symlink_to(target)
        else:
            path.write_bytes(data)
        inputs.append(Input(rel, kind))
    (batch / "READY").write_bytes(b"")
    return inputs


def _make(kind: str, folder: str, uid: str, t: Templates, rnd: random.Random) -> tuple[str, bytes]:
    """(its path inside the batch, its bytes) for one input of this kind (a duplicate's bytes are chosen later)."""
    if kind == "good":
        pick = rnd.random()
        if pick < 0.45:
            return f"{folder}/өтініш {uid}.pdf", t.pdf(uid)
        if pick < 0.6:
            return f"{folder}/портфолио {uid}.pdf", t.pdf(uid, pages=3)
        if pick < 0.85:
            return f"{folder}/диплом {uid}.jpg", t.jpeg_bytes(uid)
        return f"{folder}/куәлік {uid}.png", t.png_bytes(uid)
    if kind == "empty":
        return f"{folder}/бос {uid}.pdf", b""
    if kind == "truncated_pdf":
        data = t.pdf(uid, pages=3)
        return f"{folder}/кесілген {uid}.pdf", data[: len(data) // 2]
    if kind == "jpeg_named_pdf":
        return f"{folder}/фото {uid}.pdf", t.jpeg_bytes(uid)
    if kind == "exe_named_pdf":
        return f"{folder}/setup {uid}.pdf", b"MZ\x90\x00" + uid.encode() + b"\x00" * 200
    if kind == "huge_png":
        ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
        body = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"tEXt", b"soak\0" + uid.encode()) + \
            _chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + _chunk(b"IEND", b"")
        return f"{folder}/үлкен {uid}.png", body
    if kind == "zip_bomb":
        return f"{folder}/архив {uid}.zip", t.zip_bomb(uid)
    if kind == "zip_slip":
        return f"{folder}/құжаттар {uid}.zip", t.zip_slip(uid)
    if kind == "pathy_name":
        name = PATHY[int(uid) % len(PATHY)].format(i=uid)
        return f"{folder}/{name}", t.pdf(uid)
    if kind == "long_name":
        return f"{folder}/{'Ә' * 115} {uid}.pdf", t.pdf(uid)                      # 241 bytes
    if kind == "cp1251_name":
        raw = f"Заявление {uid}.pdf".encode("cp1251")
        return f"{folder}/{os.fsdecode(raw)}", t.pdf(uid)
    if kind == "symlink":
        return f"{folder}/сілтеме {uid}.pdf", b""
    if kind == "duplicate":                          # sorted after every dossier folder: its original comes first
        return f"Өзге/көшірме {uid}.pdf", b""
    raise ValueError(kind)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _raw(root: Path, rel: str) -> Path:
    return Path(os.fsdecode(os.fsencode(root) + b"/" + os.fsencode(rel)))


# --- ingest, killed ----------------------------------------------------------------------------------------------

def _command() -> list[str]:
    script = Path(sys.executable).with_name("mugalim")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mugalim.cli"]


def _ingest_cmd(data: Path, db_url: str | None) -> list[str]:
    """`mugalim ingest --data DIR`, with `--db-url` only when one was given (else the data folder's SQLite)."""
    return [*_command(), "ingest", "--data", str(data)] + (["--db-url", db_url] if db_url else [])


def registered(db_url: str) -> int:
    try:
        with engine_for(db_url).connect() as c:
            return int(c.execute(sa.text("SELECT count(*) FROM intake")).scalar_one())
    except sa.exc.DBAPIError:               # before the migrations are committed
        return 0


def soak_ingest(data: Path, db_url: str, given_url: str | None, expected_rows: int, kills: int,
                rnd: random.Random) -> dict[str, object]:
    """Kill ingest at `kills` random points of the batch, then run it to completion and once more."""
    span = 0.8 / max(kills, 1)                    # one random point in each of `kills` equal parts of 10–90 %
    targets = [round(expected_rows * rnd.uniform(0.1 + k * span, 0.1 + (k + 1) * span)) for k in range(kills)]
    killed_at: list[int] = []
    cmd = _ingest_cmd(data, given_url)
    started = time.monotonic()
    for target in targets:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and registered(db_url) < target:
            time.sleep(0.002)
        time.sleep(rnd.uniform(0, 0.005))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.communicate()
        killed_at.append(registered(db_url) if proc.returncode == -signal.SIGKILL else -1)
    final = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    elapsed = time.monotonic() - started
    again = subprocess.run([*cmd, "--json"], capture_output=True, text=True)
    files = json.loads(again.stdout)["files"] if again.returncode == 0 else {}
    return {"killed_at": killed_at, "final_rc": final.returncode, "final_err": final.stderr[-2000:],
            "seconds": elapsed, "second_run_new": sum(files.values()) if files else -1}


# --- verification ------------------------------------------------------------------------------------------------

def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def verify(data: Path, db_url: str, inputs: list[Input]) -> dict[str, object]:
    from mugalim.ingest.archive import REASON_SUFFIX, TEMP_SUFFIX, safe_dest
    from mugalim.ingest.run import db_path

    with engine_for(db_url).connect() as c:
        rows = c.execute(sa.text("SELECT batch, rel_path, outcome, sha256, dest_path FROM intake")).all()
        documents = c.execute(sa.text("SELECT sha256, archive_path FROM documents")).all()
    by_key = Counter((r.batch, r.rel_path) for r in rows)
    row_of = {(r.batch, r.rel_path): r for r in rows}
    batch_dir = data / "inbox" / "scans" / BATCH
    problems: dict[str, list[str]] = {"lost": [], "doubled": [], "unexpected": []}
    outcomes: Counter[str] = Counter()
    zips = [db_path(i.rel) for i in inputs if i.kind in ("zip_slip", "zip_bomb")]
    for item in inputs:
        key = (BATCH, db_path(item.rel))
        row = row_of.get(key)
        if row is None:
            problems["lost"].append(f"{key[1]}: no intake row")
            continue
        outcomes[row.outcome] += 1
        if row.outcome != EXPECTED[item.kind]:
            problems["unexpected"].append(f"{key[1]} ({item.kind}): {row.outcome}, expected {EXPECTED[item.kind]}")
        src = _raw(batch_dir, item.rel)
        if item.kind == "symlink":
            reason = safe_dest(data / "quarantine" / BATCH, item.rel)
            if not reason.with_name(reason.name + REASON_SUFFIX).exists():
                problems["lost"].append(f"{key[1]}: no reason file")
            continue
        if row.dest_path is None or not (data / row.dest_path).is_file():
            problems["lost"].append(f"{key[1]}: {row.outcome}, its bytes are not kept ({row.dest_path})")
        elif _sha(data / row.dest_path) != _sha(src):
            problems["lost"].append(f"{key[1]}: {row.outcome}, the copy it names differs from the inbox file")
        if row.outcome == "quarantined" and row.dest_path and \
                not (data / (row.dest_path + REASON_SUFFIX)).exists():
            problems["lost"].append(f"{key[1]}: no reason file beside its copy")
    known = {(BATCH, db_path(i.rel)) for i in inputs}
    members = [k for k in by_key if k not in known]
    for key in members:
        if not any(key[1].startswith(z + "/") for z in zips):
            problems["doubled"].append(f"{key[1]}: an intake row for no input")
    problems["doubled"] += [f"{k[1]}: {n} intake rows" for k, n in by_key.items() if n > 1]
    named = {r.dest_path for r in rows if r.dest_path} | {d.archive_path for d in documents}
    archived_shas: Counter[str] = Counter()
    temporaries = 0
    for top in ("archive", "quarantine"):
        for dirpath, _dirs, names in os.walk(data / top):
            for name in names:
                path = Path(dirpath) / name
                rel = path.relative_to(data).as_posix()
                if name.endswith(TEMP_SUFFIX):
                    temporaries += 1
                    problems["doubled"].append(f"{rel}: a temporary file left")
                elif name.endswith(REASON_SUFFIX):
                    continue
                elif rel not in named:
                    problems["doubled"].append(f"{rel}: a copy no row names")
                elif top == "archive":
                    archived_shas[_sha(path)] += 1
    problems["doubled"] += [f"content {s[:12]}…: archived {n} times" for s, n in archived_shas.items() if n > 1]
    member_rows = [row_of[k] for k in members]
    return {"outcomes": outcomes, "problems": problems, "temporaries": temporaries,
            "members": Counter(r.outcome for r in member_rows), "documents": len(documents)}


# --- payments ----------------------------------------------------------------------------------------------------

IINS = {"850314401236": "Айгүл Серікқызы Нұрланова", "750712343218": "Иван Петрович Соколов",
        "010901500101": "Дана Маратқызы Әлиева", "000229600778": "Ерлан Болатұлы Сейітов"}
BANKS = {"850314401236": ("HSBKKZKX", "601"), "750712343218": ("CASPKZKA", "722"),
         "010901500101": ("KCJBKZKX", "856"), "000229600778": ("HSBKKZKX", "601")}
EXPECTED_PAYMENTS = 4          # second and third prizes, two grants


def _iban(bank: str, account: str) -> str:
    body = bank + account
    digits = "".join(str(int(c, 36)) for c in body + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{body}"


def prepare_season(data: Path, db_url: str) -> None:
    """A decided season: II and III of the city stage, two grants, everyone's bank details in order."""
    (data / "settings").mkdir(parents=True, exist_ok=True)
    (data / "settings" / f"season-{SEASON}.yaml").write_text(yaml.safe_dump(
        {"prizes_kzt": {"second": 500000, "third": 300000}, "grants": {"amount_kzt": 1000000, "budget_kzt": 3000000},
         "knp": "119"}), encoding="utf-8")
    second, third, g1, g2 = IINS
    for competition, stage, body in (
            ("teacher_of_year", "city", {"prizes": {"grand_prix": "900101300016", "first": "880202400018",
                                                    "second": second, "third": third}}),
            ("grants", "grants", {"grants": [g1, g2]})):
        folder = data / "outbox" / str(SEASON) / competition / stage
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "results.json").write_text(json.dumps(
            {"season": SEASON, "competition": competition, "stage": stage, "pending": [], **body},
            ensure_ascii=False), encoding="utf-8")
    payees = data / "inbox" / "finance" / "payees.csv"
    payees.parent.mkdir(parents=True, exist_ok=True)
    with payees.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["participant_iin", "full_name", "iban", "bic"])
        for iin, name in IINS.items():
            bic, bank = BANKS[iin]
            w.writerow([iin, name, _iban(bank, "KZT" + iin[:10]), bic])
    with migrate(db_url).begin() as c:
        for iin, name in IINS.items():
            competition = "grants" if iin in (g1, g2) else "teacher_of_year"
            c.execute(sa.text("INSERT INTO participants (season, competition, participant_iin, full_name, source) "
                              "VALUES (:s, :c, :i, :n, 'participants_file')"),
                      {"s": SEASON, "c": competition, "i": iin, "n": name})


def soak_pay(root: Path) -> dict[str, object]:
    data = root / "pay"
    data.mkdir()
    db_url = f"sqlite:///{data / 'mugalim.sqlite'}"
    prepare_season(data, db_url)
    base = [*_command(), "pay", "--data", str(data), "--season", str(SEASON), "--approved-by", "Finance"]
    env = {k: v for k, v in os.environ.items() if k != "MUGALIM_TEST_CRASH_AT"}
    killed = subprocess.run(base, env={**env, "MUGALIM_TEST_CRASH_AT": "after_ledger"}, capture_output=True,
                            text=True, timeout=300)
    rerun = subprocess.run(base, env=env, capture_output=True, text=True, timeout=300)
    verified = subprocess.run([*_command(), "pay", "verify", "--data", str(data), "--season", str(SEASON)],
                              env=env, capture_output=True, text=True, timeout=300)
    with engine_for(db_url).connect() as c:
        ledger = c.execute(sa.text("SELECT payment_id, state FROM payments_ledger")).all()
    folder = data / "outbox" / str(SEASON) / "payments"
    runs = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")] if folder.exists() else []
    return {"killed": killed.returncode == -signal.SIGKILL, "rerun_rc": rerun.returncode,
            "rerun_err": rerun.stderr[-1000:], "verify_rc": verified.returncode, "ledger": len(ledger),
            "distinct": len({p for p, _ in ledger}), "states": Counter(s for _, s in ledger), "runs": len(runs)}


# --- the run -----------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.ingest_soak", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--files", type=int, default=2000, help="files in the batch (default 2000)")
    p.add_argument("--hostile", type=float, default=0.05, help="share of hostile files (default 0.05; at least one "
                                                               "of each kind)")
    p.add_argument("--kills", type=int, default=3, help="SIGKILLs of the ingest worker (default 3)")
    p.add_argument("--seed", type=int, default=16, help="random seed (default 16)")
    p.add_argument("--db-url", help="the database (default: the data folder's SQLite file)")
    p.add_argument("--keep", metavar="DIR", help="build in DIR (new or empty) and keep it")
    args = p.parse_args(argv)
    if args.files < 2 * len(HOSTILE_KINDS):
        p.error(f"--files must be at least {2 * len(HOSTILE_KINDS)}")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="mugalim-soak-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        return _run(root, args)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


def _run(root: Path, args: argparse.Namespace) -> int:
    rnd = random.Random(args.seed)
    data = root / "data"
    for sub in ("inbox/scans", "archive", "quarantine", "settings"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    db_url = args.db_url or f"sqlite:///{data / 'mugalim.sqlite'}"
    t0 = time.monotonic()
    inputs = build_batch(data / "inbox" / "scans", root / "outside", args.files, args.hostile, rnd)
    generated = time.monotonic() - t0
    kinds = Counter(i.kind for i in inputs)
    hostile = sum(n for k, n in kinds.items() if k != "good")
    expected_rows = len(inputs) + 2 * kinds["zip_slip"]
    run = soak_ingest(data, db_url, args.db_url, expected_rows, args.kills, rnd)
    result = verify(data, db_url, inputs)
    pay = soak_pay(root)

    o, pr = result["outcomes"], result["problems"]
    lost, doubled, unexpected = len(pr["lost"]), len(pr["doubled"]), len(pr["unexpected"])
    print(f"ingest soak: {len(inputs):,} files in one batch, {hostile} hostile "
          f"({', '.join(f'{k} {kinds[k]}' for k in HOSTILE_KINDS)})")
    print(f"  generated in {generated:.1f} s; ingest killed (SIGKILL) at {args.kills} points: "
          f"{', '.join(str(k) if k >= 0 else 'finished first' for k in run['killed_at'])} of {expected_rows:,} "
          f"rows registered; then run to completion (exit {run['final_rc']}) in {run['seconds']:.1f} s overall "
          f"({len(inputs) / run['seconds']:.0f} files/s)")
    print(f"  {'files in':<22}{len(inputs):>7,}")
    print(f"  {'archived':<22}{o['archived']:>7,}")
    print(f"  {'quarantined':<22}{o['quarantined']:>7,}")
    print(f"  {'duplicate':<22}{o['duplicate']:>7,}")
    m = result["members"]
    print(f"  {'ZIP members':<22}{sum(m.values()):>7,}  ({m['archived']} archived, {m['quarantined']} quarantined)")
    print(f"  {'lost':<22}{lost:>7,}  (must be 0)")
    print(f"  {'doubled':<22}{doubled:>7,}  (must be 0)")
    print(f"  {'unexpected outcome':<22}{unexpected:>7,}")
    print(f"  {'second run, new files':<22}{run['second_run_new']:>7,}")
    for what in ("lost", "doubled", "unexpected"):
        for line in pr[what][:10]:
            print(f"    {what}: {line!r}")
    if run["final_rc"] != 0:
        print(f"    the completing run failed: {run['final_err']}")
    states = ", ".join(f"{n} {s}" for s, n in sorted(pay["states"].items()))
    pay_ok = (pay["killed"] and pay["rerun_rc"] == 0 and pay["verify_rc"] == 0 and pay["ledger"] == EXPECTED_PAYMENTS
              and pay["distinct"] == pay["ledger"] and pay["states"] == Counter(exported=EXPECTED_PAYMENTS)
              and pay["runs"] == 1)
    print(f"payments: SIGKILL after the ledger commit {'yes' if pay['killed'] else 'NO'}, rerun exit "
          f"{pay['rerun_rc']}, verify exit {pay['verify_rc']}; expected {EXPECTED_PAYMENTS}, in the ledger "
          f"{pay['ledger']} ({states}), run folders {pay['runs']}")
    if pay["rerun_rc"] != 0:
        print(f"    {pay['rerun_err']}")
    ok = (lost == 0 and doubled == 0 and unexpected == 0 and run["final_rc"] == 0 and run["second_run_new"] == 0
          and pay_ok)
    print(f"result: {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
