"""Accuracy of `mugalim extract FILE` on the held-out validation set (`../shared/validation/forms/`, made outside
the project), against plain Tesseract run in the same bench, with the targets of issue 13.

    .venv/bin/python -m bench.extract_validation [--dir ../shared/validation/forms] [--jobs 2] [--only form-01,…]

For every case it runs the REAL command, `.venv/bin/mugalim extract --evidence FILE` (N at once; `--evidence` only
adds each page's text to what `mugalim extract FILE` prints, the fields are the same; `--no-evidence` runs the bare
command and then ours' "found in page text" cannot be measured), and scores the fields with the set's own scorer
(`score.py`, imported from the set's folder: its comparison `same()` and normalization `norm_text()`).

Plain Tesseract — the "naive script" the issue and the set's README quote (0.650 here, 0.642 on the hidden twin):
`tesseract PAGE stdout -l kaz+rus` with default settings (psm 3); a PDF with a text layer is read with
`pdftotext -layout`, one without is rasterized with `pdftoppm -r 300`; then the compact label-regex parser below
(`plain_fields`): each numbered item's value is the text between its label and the next label found.

Printed:
  a) field exact-match accuracy overall, per format and per degradation severity (manifest's
     degradation.severity; born-digital PDFs are "none"), for ours and for plain;
  b) for both, the share of truth values found in the page text (after the scorer's normalization; typed values —
     dates, experience, pages, phones, category — are looked for as they may be written, see `found_in_text`),
     with "ours ≥ plain: yes/NO" per class;
  c) "unsure means flagged": share of wrong fields with confidence < review threshold (target ≥ 95%) and of right
     fields with confidence < threshold (target ≤ 10%); the threshold is the season's `review_confidence` default;
  d) the targets: overall ≥ 0.97, every format ≥ 0.95, never below plain (found in page text, and accuracy) on any
     format or severity — met / NOT met;
  e) seconds per page for ours and for plain (each file's own wall time, N files at once).

Nothing of the set is copied anywhere: files are read in place, rasterized pages live in a temporary folder.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "validation" / "forms"
MUGALIM = ROOT / ".venv" / "bin" / "mugalim"
FORMATS = ["png", "jpeg", "tiff", "pdf-scan", "pdf-text"]
SEVERITIES = ["light", "medium", "heavy", "none"]
TARGET_OVERALL, TARGET_FORMAT = 0.97, 0.95
TARGET_WRONG_FLAGGED, TARGET_RIGHT_FLAGGED = 0.95, 0.10


# ------------------------------------------------------------------------------------------------ the set's scorer
def load_scorer(folder: Path) -> ModuleType:
    """The set's score.py as a module (imported by path: it is not a package)."""
    spec = importlib.util.spec_from_file_location("validation_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {folder / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_manifest(folder: Path) -> list[dict[str, Any]]:
    path = folder / "manifest.json"
    if path.exists():
        cases = json.loads(path.read_text(encoding="utf-8"))
    else:  # no manifest: the format from the extension, the severity unknown
        ext = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff", ".pdf": "pdf"}
        cases = [{"case": p.stem, "file": p.name, "format": ext.get(p.suffix.lower(), p.suffix.lstrip(".")),
                  "pages": 1} for p in sorted((folder / "cases").glob("*"))]
    for c in cases:
        c["severity"] = "none" if c.get("format") == "pdf-text" else \
            str((c.get("degradation") or {}).get("severity") or "?")
        c.setdefault("pages", 1)
    return cases


def review_threshold() -> float:
    """The season's review_confidence default (mugalim.season), 0.80 if it cannot be read."""
    try:
        from mugalim.season import SeasonSettings
        return float(SeasonSettings.model_fields["review_confidence"].default)
    except Exception:  # noqa: BLE001 - the bench must run even if that module moves
        return 0.80


# ------------------------------------------------------------------------------------------ the naive label parser
# Item labels of application-form.md (Kazakh | Russian), searched in order; a value is what lies between its
# label and the next label found. VOCAB: the words of each full label, stripped from the start of a value's lines
# (a wrapped label in a table's left column, "(при наличии):" after "Фамилия").
LABELS: list[tuple[str, str, str]] = [
    ("1", r"жұмыс\s+орны|место\s+работы", "Жұмыс орны Место работы"),
    ("2", r"тегі|фамилия", "Тегі, аты, әкесінің аты (болған жағдайда) Фамилия, имя, отчество (при наличии)"),
    ("3", r"туған\s+күні|дата\s+рождения|число,?\s+месяц",
     "Туған күні, айы, жылы Число, месяц, год рождения Дата рождения"),
    ("4", r"лауазымы(?!\w)|должность(?!\w)", "Лауазымы Должность"),
    ("5", r"педагогикалық\s+өтілі|педагогический\s+стаж", "Педагогикалық өтілі Педагогический стаж"),
    ("6", r"лауазымдағы|стаж\s+работы", "Лауазымдағы жұмыс өтілі Стаж работы в занимаемой должности"),
    ("7", r"білімі|образование(?!\w)",
     "Білімі (оқу орнының, факультеттің атауы, қай жылы бітірді) Образование (наименование учебного заведения, "
     "учебное заведение, факультет, год окончания)"),
    ("8", r"біліктілік|квалификационн", "Біліктілік санаты Квалификационная категория"),
    ("9", r"индексі\s+көрсетілген|домашний\s+адрес", "Индексі көрсетілген үйінің мекенжайы Домашний адрес с индексом (с указанием почтового индекса)"),
    ("10", r"жеке\s+басын|данные\s+документа",
     "Жеке басын куәландыратын құжатының деректері Данные документа, удостоверяющего личность"),
    ("11", r"байланыс|контактн",
     "Байланыс телефоны (үй, ұялы) Контактный телефон (домашний, сотовый) Контактные телефоны (дом., сот.)"),
    ("12", r"марапатта|награды", "Марапаттау, көтермелеу Награды, поощрения"),
    ("attach", r"қосымша\s*:|приложение\s*:", "Қосымша Приложение"),
    ("filled", r"толтырылған\s+күні|дата\s+заполнения", "Өтінімнің толтырылған күні Дата заполнения заявки"),
    ("sign", r"жеке\s+қолы|подпись", "Конкурсқа қатысушының жеке қолы Личная подпись участника конкурса"),
]
_LABEL_RE = {k: re.compile(rf"(?<!\w)(?:{rx})\w*", re.I) for k, rx, _ in LABELS}
_VOCAB = {k: {w for w in re.findall(r"\w+", words.casefold())} for k, _, words in LABELS}

KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]
RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
             "декабр"]
_MONTH = "|".join(KK_MONTHS + RU_MONTHS)
_DATE_RES = [
    (re.compile(r"(?<!\d)(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})(?!\d)"), "dmy"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(rf"(?<!\d)(\d{{1,2}})\W{{0,2}}\s*((?:{_MONTH})\w*)\s+(\d{{4}})(?!\d)", re.I), "dMy"),
    (re.compile(rf"(?<!\d)(\d{{4}})\s+жылғы\s+(\d{{1,2}})\s+((?:{_MONTH})\w*)", re.I), "yd M"),
]
_YEARS = r"(?:жыл|ж\.?|лет|года?|г\.?)(?!\w)"
_EXPERIENCE = re.compile(rf"(?<!\d)(\d{{1,2}})\s*{_YEARS}(?:[\s,]*(\d{{1,2}})\s*(?:ай|мес)\w*)?", re.I)
_MONTHS_ONLY = re.compile(r"(?<!\d)(\d{1,2})\s*(?:ай|мес)\w*", re.I)
_PAGES = re.compile(r"(?<!\d)(\d{1,3})\s*(?:парақ|лист|л\.)", re.I)
_PHONE = re.compile(r"\+?\d[\d\s\-()]{8,}\d")
CATEGORIES = [("master", r"шебер|мастер"), ("researcher", r"зерттеуші|исследовател"), ("expert", r"сарапшы|эксперт"),
              ("moderator", r"модератор"), ("none", r"санатсыз|без\s+категории"), ("highest", r"жоғары|высш"),
              ("first", r"бірінші|перв"), ("second", r"екінші|втор"), ("teacher", r"педагог")]


def _month(word: str) -> int | None:
    w = word.casefold()
    for i, name in enumerate(KK_MONTHS):
        if w.startswith(name):
            return i + 1
    for i, stem in enumerate(RU_MONTHS):
        if re.match(stem, w):
            return i + 1
    return None


def dates_in(text: str) -> list[str]:
    """Every date written in `text`, as ISO strings, in the order written."""
    found: list[tuple[int, str]] = []
    for rx, kind in _DATE_RES:
        for m in rx.finditer(text):
            g = m.groups()
            if kind == "dmy":
                d, mo, y = int(g[0]), int(g[1]), int(g[2])
            elif kind == "ymd":
                y, mo, d = int(g[0]), int(g[1]), int(g[2])
            elif kind == "dMy":
                d, mo, y = int(g[0]), _month(g[1]) or 0, int(g[2])
            else:
                y, d, mo = int(g[0]), int(g[1]), _month(g[2]) or 0
            try:
                found.append((m.start(), dt.date(y, mo, d).isoformat()))
            except ValueError:
                continue
    return [iso for _, iso in sorted(found)]


def experiences_in(text: str) -> list[int]:
    """Every length of experience written in `text` ("12 жыл 3 ай", "5 лет 11 мес.", "7 г.", "11 мес."), in months."""
    out = [int(m.group(1)) * 12 + int(m.group(2) or 0) for m in _EXPERIENCE.finditer(text)]
    return out + [int(m.group(1)) for m in _MONTHS_ONLY.finditer(text)]


def phones_in(text: str) -> list[str]:
    """Every Kazakh phone number written in `text`, as +7XXXXXXXXXX."""
    out = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        for chunk in ([digits] if len(digits) <= 11 else [digits[:11], digits[11:]]):
            if len(chunk) == 11 and chunk[0] in "78":
                out.append("+7" + chunk[1:])
            elif len(chunk) == 10:
                out.append("+7" + chunk)
    return out


def category_in(text: str) -> str | None:
    t = text.casefold()
    for code, rx in CATEGORIES:
        if re.search(rx, t):
            return code
    return None


def _strip_label_words(line: str, item: str) -> str:
    """Drop the words of the item's own label (and table rules) from the start of a line."""
    tokens = line.replace("|", " ").split()
    i = 0
    while i < len(tokens):
        core = re.sub(r"\W", "", tokens[i].casefold())
        if core not in _VOCAB[item] and not re.fullmatch(r"[:;,.()\-–—_]+", tokens[i]):
            break
        i += 1
    return " ".join(tokens[i:])


def label_segments(text: str) -> dict[str, str]:
    """Each item's raw value text: from the end of its label to the start of the next label found."""
    spots: list[tuple[str, int, int]] = []
    pos = 0
    for key, _, _ in LABELS:
        m = _LABEL_RE[key].search(text, pos)
        if m:
            spots.append((key, m.start(), m.end()))
            pos = m.end()
    segs = {}
    for i, (key, _, end) in enumerate(spots):
        stop = spots[i + 1][1] if i + 1 < len(spots) else len(text)
        lines = text[end:stop].split("\n")
        if len(lines) > 1 and re.fullmatch(r"[\W_]*\d{1,2}[\W_]*", lines[-1].strip() or "0"):
            lines = lines[:-1]                      # the next item's number
        segs[key] = " ".join(_strip_label_words(ln, key) for ln in lines)
    return segs


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(s.split()).strip(" :;|_")
    return s or None


def plain_fields(text: str) -> dict[str, Any]:
    """The naive script: the 16 fields of application-form.md from a page's plain text by label regexes."""
    seg = label_segments(text)
    get = seg.get

    def first(values: list[Any]) -> Any:
        return values[0] if values else None

    ids = get("10") or ""
    postal = re.search(r"(?<!\d)0\d{5}(?!\d)", get("9") or "")
    return {
        "workplace": _clean(get("1")),
        "full_name": _clean(get("2")),
        "birth_date": first(dates_in(get("3") or "")),
        "position": _clean(get("4")),
        "pedagogical_experience_months": first(experiences_in(get("5") or "")),
        "position_experience_months": first(experiences_in(get("6") or "")),
        "education": _clean(get("7")),
        "qualification_category": category_in(get("8") or ""),
        "home_address": _clean(get("9")),
        "postal_code": postal.group() if postal else None,
        "id_document_number": first(re.findall(r"(?<!\d)\d{9}(?!\d)", ids)),
        "iin": first(re.findall(r"(?<!\d)\d{12}(?!\d)", ids)),
        "phones": phones_in(get("11") or "") or None,
        "awards": _clean(get("12")),
        "filled_date": first(dates_in(get("filled") or "")),
        "attachment_pages": first([int(m.group(1)) for m in _PAGES.finditer(get("attach") or "")]),
    }


def found_in_text(score: ModuleType, field: str, truth: Any, text: str) -> bool:
    """Is the true value in the page text? Text and digit strings after the scorer's normalization; typed values
    (dates, months, pages, phones, the category) by reading every such value the text holds."""
    if field in score.TEXT:
        addr = field == "home_address"
        want = score.norm_text(truth, addr)
        return bool(want) and want in score.norm_text(text, addr)
    if field in score.DATES:
        return truth in dates_in(text)
    if field == "attachment_pages":
        return truth in [int(m.group(1)) for m in _PAGES.finditer(text)]
    if field in score.INTS:
        return truth in experiences_in(text)
    if field in score.DIGITS:
        digits = r"\s?".join(re.escape(ch) for ch in str(truth))       # the scorer ignores spaces in them
        return re.search(rf"(?<!\d){digits}(?!\d)", text) is not None
    if field == "phones":
        return set(truth) <= set(phones_in(text))
    if field == "qualification_category":
        t = score.norm_text(text)
        return any(re.search(rf"(?<![\w-])(?:педагог-)?(?:{rx})(?![\w-])", t)
                   for code, rx in CATEGORIES if code == truth)
    return False


# ------------------------------------------------------------------------------------------------------- running
def _tesseract(image: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    p = subprocess.run(["tesseract", str(image), "stdout", "-l", "kaz+rus"], capture_output=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode(errors="replace").strip().splitlines()[-1:])
    return p.stdout.decode("utf-8", "replace")


def plain_text(path: Path) -> str:
    """Plain reading: pdftotext -layout for a PDF with a text layer; else tesseract (PDF rasterized at 300 dpi)."""
    if path.suffix.lower() != ".pdf":
        return _tesseract(path)
    layer = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True).stdout.decode("utf-8", "replace")
    if len(re.findall(r"\w", layer)) >= 200:
        return layer
    with tempfile.TemporaryDirectory(prefix="mugalim-plain-") as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), f"{tmp}/p"], check=True, capture_output=True)
        return "\n".join(_tesseract(p) for p in sorted(Path(tmp).glob("p*.png")))


def run_plain(path: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        text = plain_text(path)
        fields, err = plain_fields(text), None
    except Exception as e:  # noqa: BLE001
        text, fields, err = "", None, f"{type(e).__name__}: {e}"
    return {"fields": fields, "text": text, "confidence": {}, "error": err, "seconds": time.perf_counter() - t0}


def run_ours(cmd: list[str], path: Path, timeout: float, evidence: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    full = cmd + (["--evidence"] if evidence else []) + [str(path)]
    try:
        p = subprocess.run(full, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"fields": None, "text": None, "confidence": {}, "error": f"timed out after {timeout:.0f} s",
                "seconds": time.perf_counter() - t0}
    secs = time.perf_counter() - t0
    out, obj, err = p.stdout.decode("utf-8", "replace"), None, None
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace").strip().splitlines()
        err = f"exit {p.returncode}: {tail[-1] if tail else ''}"
    else:
        try:
            obj, _ = json.JSONDecoder().raw_decode(out[out.find("{"):])
        except (json.JSONDecodeError, ValueError) as e:
            err = f"no JSON object: {e}"
    if not isinstance(obj, dict) or not isinstance(obj.get("fields"), dict):
        return {"fields": None, "text": None, "confidence": {}, "error": err or "JSON has no 'fields'", "seconds": secs}
    pages = (obj.get("evidence") or {}).get("pages")
    text = "\n".join(str(pg.get("text") or "") for pg in pages) if isinstance(pages, list) else None
    return {"fields": obj["fields"], "text": text, "confidence": obj.get("confidence") or {}, "error": None,
            "seconds": secs}


def run_all(label: str, fn: Any, cases: list[dict], folder: Path, jobs: int) -> tuple[dict[str, dict], float]:
    results: dict[str, dict] = {}
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        futs = {ex.submit(fn, folder / "cases" / c["file"]): c["case"] for c in cases}
        for f in cf.as_completed(futs):
            r = results[futs[f]] = f.result()
            print(f"  {label:5} {futs[f]}  {r['seconds']:6.1f} s  {'ERROR ' + r['error'] if r['error'] else 'ok'}",
                  file=sys.stderr, flush=True)
    return results, time.perf_counter() - t0


# ------------------------------------------------------------------------------------------------------ reporting
class Tally:
    def __init__(self) -> None:
        self.cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])

    def add(self, keys: list[str], what: str, ok: bool) -> None:
        for k in keys:
            cell = self.cells[(k, what)]
            cell[0] += ok
            cell[1] += 1

    def rate(self, key: str, what: str) -> float | None:
        ok, n = self.cells.get((key, what), (0, 0))
        return ok / n if n else None

    def n(self, key: str, what: str) -> int:
        return self.cells.get((key, what), (0, 0))[1]


def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the validation set (cases/, truth/, score.py)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="files run at once")
    ap.add_argument("--only", default="", help="comma-separated case names")
    ap.add_argument("--cmd", default=str(MUGALIM), help="our program (run as CMD extract [--evidence] FILE)")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--no-evidence", action="store_true", help="run the bare `mugalim extract FILE`")
    ap.add_argument("--no-plain", action="store_true", help="skip plain Tesseract")
    ap.add_argument("--threshold", type=float, default=None, help="review threshold (default: review_confidence)")
    ap.add_argument("--show", action="store_true", help="print ours' wrong fields (expected / got / confidence)")
    ap.add_argument("--json", type=Path, help="write every comparison to this file (keep it outside the project)")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    folder = args.dir.resolve()
    if not (folder / "score.py").exists() or not (folder / "truth").is_dir():
        print(f"extract_validation: no validation set at {folder} (needs score.py, truth/, cases/); skipped")
        return 0
    score = load_scorer(folder)
    cases = load_manifest(folder)
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c["case"] in wanted]
    if not cases:
        print("extract_validation: no cases selected")
        return 2
    truth = {c["case"]: json.loads((folder / "truth" / f"{c['case']}.json").read_text(encoding="utf-8"))
             for c in cases}
    threshold = args.threshold if args.threshold is not None else review_threshold()
    evidence = not args.no_evidence
    cmd = [args.cmd, "extract"]
    pages = sum(int(c["pages"]) for c in cases)
    print(f"validation set {folder}: {len(cases)} cases, {pages} pages, {len(cases) * len(score.FIELDS)} fields; "
          f"{args.jobs} at once; load average {os.getloadavg()[0]:.1f}")
    print(f"ours:  {' '.join(cmd)}{' --evidence' if evidence else ''} FILE")
    print("plain: tesseract PAGE stdout -l kaz+rus (psm 3; PDFs: pdftotext -layout, or pdftoppm -r 300) "
          "+ label regexes")

    ours, ours_wall = run_all("ours", lambda p: run_ours(cmd, p, args.timeout, evidence), cases, folder, args.jobs)
    plain, plain_wall = ({}, 0.0) if args.no_plain else run_all("plain", run_plain, cases, folder, args.jobs)
    runs = {"ours": ours, **({"plain": plain} if plain else {})}
    ours_text = evidence and all(r["text"] is not None for r in ours.values() if r["error"] is None)

    tally = Tally()
    flags = {"wrong": [0, 0], "right": [0, 0]}        # [flagged, n]
    records, failures = [], []
    for c in cases:
        keys = ["overall", f"format:{c.get('format')}", f"severity:{c['severity']}"]
        exp = truth[c["case"]]
        for who, res in runs.items():
            r = res[c["case"]]
            for field in score.FIELDS:
                got = None if r["fields"] is None else r["fields"].get(field)
                ok = bool(score.same(field, exp[field], got))
                tally.add(keys + [f"field:{field}"], f"{who}:acc", ok)
                found = None
                if r["text"] is not None:
                    found = found_in_text(score, field, exp[field], r["text"])
                    tally.add(keys, f"{who}:found", found)
                rec = {"case": c["case"], "who": who, "field": field, "ok": ok, "found_in_text": found}
                if who == "ours":
                    conf = (r["confidence"] or {}).get(field)
                    conf = 0.0 if not isinstance(conf, (int, float)) else float(conf)
                    cell = flags["right" if ok else "wrong"]
                    cell[0] += conf < threshold
                    cell[1] += 1
                    rec["confidence"] = conf
                    if not ok:
                        failures.append((c["case"], field, exp[field], got, conf, r["error"]))
                records.append(rec)

    # a) accuracy and b) found in page text, per class
    fmt_seen = {str(c.get("format")) for c in cases}
    sev_seen = {c["severity"] for c in cases}
    classes = (["overall"] + [f"format:{f}" for f in FORMATS + sorted(fmt_seen - set(FORMATS)) if f in fmt_seen]
               + [f"severity:{s}" for s in SEVERITIES + sorted(sev_seen - set(SEVERITIES)) if s in sev_seen])
    has_plain = "plain" in runs
    print("\n== a) field exact-match accuracy, b) share of truth values found in the page text ==")
    print(f"  {'class':18}{'fields':>7}{'ours acc':>10}{'plain acc':>11}{'ours found':>12}{'plain found':>13}"
          f"   found: ours ≥ plain")
    never_below_found, never_below_acc = True, True
    for k in classes:
        oa, pa = tally.rate(k, "ours:acc"), tally.rate(k, "plain:acc")
        of, pf = tally.rate(k, "ours:found"), tally.rate(k, "plain:found")
        verdict = "-"
        if of is not None and pf is not None:
            verdict = "yes" if of >= pf else "NO"
            never_below_found &= of >= pf or k == "overall"
        if oa is not None and pa is not None:
            never_below_acc &= oa >= pa or k == "overall"
        print(f"  {k:18}{tally.n(k, 'ours:acc'):>7}{_f(oa):>10}{_f(pa):>11}{_f(of):>12}{_f(pf):>13}   {verdict}")
    if not ours_text:
        print("  (ours' page text is not in the output: found-in-text is measured for plain Tesseract only)")
    print(f"\n  {'per field':34}{'ours':>8}{'plain':>8}")
    for f in score.FIELDS:
        print(f"    {f:32}{_f(tally.rate(f'field:{f}', 'ours:acc')):>8}{_f(tally.rate(f'field:{f}', 'plain:acc')):>8}")

    # c) unsure means flagged
    wf = flags["wrong"][0] / flags["wrong"][1] if flags["wrong"][1] else None
    rf = flags["right"][0] / flags["right"][1] if flags["right"][1] else None
    print(f"\n== c) unsure means flagged (confidence < {threshold:.2f}, the season's review_confidence) ==")
    print(f"  wrong fields flagged: {flags['wrong'][0]}/{flags['wrong'][1]} = {_f(wf)}  (target ≥ "
          f"{TARGET_WRONG_FLAGGED:.2f})  {'met' if wf is None or wf >= TARGET_WRONG_FLAGGED else 'NOT met'}")
    print(f"  right fields flagged: {flags['right'][0]}/{flags['right'][1]} = {_f(rf)}  (target ≤ "
          f"{TARGET_RIGHT_FLAGGED:.2f})  {'met' if rf is None or rf <= TARGET_RIGHT_FLAGGED else 'NOT met'}")

    # d) targets
    overall = tally.rate("overall", "ours:acc") or 0.0
    fmts = {k: tally.rate(k, "ours:acc") for k in classes if k.startswith("format:")}
    worst = min(fmts.items(), key=lambda kv: kv[1] or 0.0) if fmts else ("-", None)
    print("\n== d) targets ==")
    print(f"  overall ≥ {TARGET_OVERALL:.2f}: {overall:.3f}  {'met' if overall >= TARGET_OVERALL else 'NOT met'}")
    for k, v in fmts.items():
        print(f"  {k[7:]:9} ≥ {TARGET_FORMAT:.2f}: {_f(v)}  {'met' if (v or 0) >= TARGET_FORMAT else 'NOT met'}")
    print(f"  every format ≥ {TARGET_FORMAT:.2f} (worst {worst[0][7:]} {_f(worst[1])}): "
          f"{'met' if all((v or 0) >= TARGET_FORMAT for v in fmts.values()) else 'NOT met'}")
    if has_plain:
        if ours_text:
            print(f"  never below plain, found in page text, every format and severity: "
                  f"{'met' if never_below_found else 'NOT met'}")
        else:
            print("  never below plain, found in page text: cannot be measured (no page text from ours)")
        print(f"  never below plain, field accuracy, every format and severity: "
              f"{'met' if never_below_acc else 'NOT met'}")

    # e) speed
    secs = {who: sum(r["seconds"] for r in res.values()) for who, res in runs.items()}
    print(f"\n== e) seconds per page ({pages} pages, each file's own wall time, {args.jobs} at once) ==")
    for who, s in secs.items():
        wall = ours_wall if who == "ours" else plain_wall
        print(f"  {who:6} {s / pages:6.2f} s/page   (all files: {wall:.1f} s wall)")
    errors = [(c, r["error"]) for who, res in runs.items() for c, r in sorted(res.items()) if r["error"]]
    if errors:
        print("\n== runs that failed ==")
        for c, e in errors:
            print(f"  {c}: {e}")
    if args.show:
        print(f"\n== ours' wrong fields ({len(failures)}) ==")
        for case, field, exp, got, conf, err in failures:
            print(f"  {case} {field} [{conf:.2f}]: expected {json.dumps(exp, ensure_ascii=False)}  "
                  f"got {json.dumps(got if err is None else f'<{err}>', ensure_ascii=False)}")
    if args.json:
        args.json.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nfield accuracy: ours {overall:.3f}" + (f", plain {_f(tally.rate('overall', 'plain:acc'))}"
                                                     if has_plain else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
