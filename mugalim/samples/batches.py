"""Sample scanned batches for the demo and the tests (spec/data-layout.md, "Scanned batches").

`make_sample_batches(data_dir, season=…)` drops into `data_dir/inbox/scans/` a few realistic batches:
- `<season>_teacher_of_year_<district>_<bin>/`: one sub-folder per dossier (Kazakh and Russian), with a
  `manifest.csv` (the organization's type and the submission date, which a folder name cannot carry), READY; its
  first dossier sent the way people send from home (issue 18): the essay typed in Word (`esse.docx`, Times New
  Roman 14 pt on the Normal style) and a letter of thanks photographed with a phone (`marapat_1.heic`, stored
  sideways with its EXIF orientation);
- `<season>_grants_mixed/`: one sub-folder per dossier, its metadata in a `manifest.csv` whose paths name the
  sub-folder (grants, several organizations: the folder name carries none), READY;
- `<season>_teacher_of_year_<district>_<bin>/` with the deliberately flawed dossiers (a 640×360 video, an essay in
  Arial 12, an identity card whose IIN differs from the application's, a dossier with section-1 items only) and two
  files the intake must quarantine (`notes.docx`, a ZIP cut short that only looks like a Word document, and a
  zero-byte PDF).
Everything is deterministic from the seed; every IIN and BIN passes its check digit.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from mugalim.identifiers import check_digit
from mugalim.samples import office as so
from mugalim.samples import portfolio as pf

KK_NAMES = [("Сейтқалиева", "Әйгерім", "Бауыржанқызы", "F"), ("Жұмабеков", "Нұрлан", "Серікұлы", "M"),
            ("Омарова", "Гүлнұр", "Төлегенқызы", "F"), ("Әбдіков", "Ерлан", "Қайратұлы", "M"),
            ("Тоқтарова", "Жанар", "Мұратқызы", "F"), ("Бекенов", "Асқар", "Жомартұлы", "M")]
RU_NAMES = [("Иванова", "Елена", "Сергеевна", "F"), ("Ким", "Дмитрий", "Алексеевич", "M"),
            ("Петренко", "Ольга", "Викторовна", "F"), ("Ахметов", "Руслан", "Маратович", "M"),
            ("Сидорова", "Наталья", "Ивановна", "F"), ("Цой", "Виктор", "Павлович", "M")]
DISTRICTS = ["Алмалы", "Бостандық", "Медеу", "Әуезов", "Наурызбай", "Жетісу"]
ORG_KINDS = {
    "secondary": ("№ {n} жалпы білім беретін мектеп", "Общеобразовательная школа № {n}"),
    "preschool": ("№ {n} балабақша", "Детский сад № {n}"),
    "tvet": ("№ {n} Алматы колледжі", "Алматинский колледж № {n}"),
    "additional": ("№ {n} балалар шығармашылық үйі", "Дом детского творчества № {n}"),
}
CATEGORIES = {"kk": ["педагог-сарапшы", "педагог-модератор", "педагог-зерттеуші"],
              "ru": ["педагог-эксперт", "педагог-модератор", "педагог-исследователь"]}


@dataclass(frozen=True)
class Org:
    bin: str
    name_kk: str
    name_ru: str
    type: str
    district: str

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


@dataclass
class SampleBatches:
    """What was written: the batch folders, and each applicant with the case their dossier shows."""

    batches: list[Path] = field(default_factory=list)
    applicants: dict[str, pf.Applicant] = field(default_factory=dict)   # by IIN
    cases: dict[str, str] = field(default_factory=dict)                 # IIN → "good" | the flaw


def make_iin(birth: date, female: bool, serial: int) -> str:
    """A valid IIN for a birth date (digit 7 by century and sex), the first serial from `serial` that is issued."""
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (1 if female else 0)
    while True:
        head = f"{birth:%y%m%d}{century}{serial % 10000:04d}"
        cd = check_digit(head)
        if cd is not None:
            return head + str(cd)
        serial += 1


def make_bin(registered: date, serial: int) -> str:
    """A valid BIN of a resident legal entity's head office."""
    while True:
        head = f"{registered:%y%m}40{serial % 100000:05d}"
        cd = check_digit(head)
        if cd is not None:
            return head + str(cd)
        serial += 1


def make_org(rng: random.Random, kind: str, district: str) -> Org:
    n = rng.randint(3, 190)
    kk, ru = ORG_KINDS[kind]
    reg = date(rng.randint(1996, 2012), rng.randint(1, 12), 1)
    return Org(make_bin(reg, rng.randint(100, 99999)), kk.format(n=n), ru.format(n=n), kind, district)


def make_applicant(rng: random.Random, *, season: int, lang: str, competition: str, org: Org,
                   index: int) -> pf.Applicant:
    """An applicant; `index` picks the name from the language's list (distinct names for distinct indices < 6)."""
    surname, name, patronymic, sex = (KK_NAMES if lang == "kk" else RU_NAMES)[index % 6]
    birth = date(rng.randint(1972, 1994), rng.randint(1, 12), rng.randint(1, 28))
    submitted = date(season, 2, rng.randint(3, 20)) if competition == "teacher_of_year" else \
        date(season, 4, rng.randint(10, 28))
    hired = date(season - rng.randint(4, 14), 9, 1)
    ped = (submitted.year - hired.year) * 12 + rng.randint(0, 48)
    phone = f"+7701{rng.randint(1000000, 9999999)}"
    return pf.Applicant(
        iin=make_iin(birth, sex == "F", rng.randint(1000, 9999)), surname=surname, name=name, patronymic=patronymic,
        birth_date=birth, language=lang, competition=competition, organization_name=org.name(lang),
        organization_bin=org.bin, organization_type=org.type, district=org.district,
        position="мұғалім" if lang == "kk" else "учитель", hired_on=hired, pedagogical_months=ped,
        category=rng.choice(CATEGORIES[lang]), id_document_number=f"0{rng.randint(10000000, 99999999)}",
        postal_code=f"050{rng.randint(0, 999):03d}",
        address=("Абай даңғылы" if lang == "kk" else "проспект Абая") + f" {rng.randint(1, 200)}, {rng.randint(1, 90)}",
        phones=(phone,), filled_date=submitted - timedelta(days=rng.randint(1, 5)), submitted_on=submitted)


# --- writing one dossier ------------------------------------------------------------------------------------------

SCAN_FORMATS = [".jpg", ".tiff", ".png", ".pdf", ".png", ".pdf"]


def write_dossier(folder: Path, a: pf.Applicant, rng: random.Random, *, prefix: str = "",
                  flaws: frozenset[str] = frozenset(), form: tuple[bytes | None, str] = (None, ".pdf"),
                  from_home: bool = False) -> list[Path]:
    """Write one dossier's files into `folder` (names start with `prefix`); `flaws` selects the bad variants.

    `form`: the application's bytes and suffix from the form generator (None: a plain rendering of ours).
    `from_home`: the essay typed in Word (DOCX) and the first achievement a phone's HEIC photo (issue 18).
    """
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    app_path = folder / f"{prefix}otinim{form[1]}"
    if form[0] is not None:
        app_path.write_bytes(form[0])
        out.append(app_path)
    else:
        out.append(write_application(app_path, a, rng))
    id_person = replace(a, iin=make_iin(a.birth_date, a.iin[6] in "246", int(a.iin[7:11]) + 1)) \
        if "iin_mismatch" in flaws else a
    docs = pf.section1(id_person)[:1] + pf.section1(a)[1:-1]
    for i, doc in enumerate(docs, 1):
        out.append(pf.write_scan(folder / f"{prefix}scan_{i:02d}{SCAN_FORMATS[i % 6]}", doc, rng=rng))
    essay_font = ("Arial", 12) if "essay_arial" in flaws else ("TimesNewRoman", 14)
    if from_home:
        out.append(so.write_docx_essay(folder / f"{prefix}esse.docx", pf.essay(a).pages[0],
                                       font="Arial" if "essay_arial" in flaws else "Times New Roman",
                                       size=essay_font[1]))
    else:
        out.append(pf.write_pdf(folder / f"{prefix}esse.pdf", pf.essay(a), font=essay_font[0], size=essay_font[1]))
    if "section1_only" not in flaws:
        if a.competition == "teacher_of_year":
            for j, doc in enumerate(pf.toy_extras(a), 1):
                out.append(pf.write_pdf(folder / f"{prefix}plan_{j}.pdf", doc))
        for k, item in enumerate(rng.sample(sorted(pf.ACHIEVEMENTS), 3), 1):
            if from_home and k == 1:                   # photographed with a phone held upright: HEIC, sideways
                page = pf.render_page(pf.achievement(a, item).pages[0], dpi=200, rng=rng)
                out.append(so.write_heic(folder / f"{prefix}marapat_{k}.heic", page, orientation=6))
                continue
            out.append(pf.write_scan(folder / f"{prefix}marapat_{k}.jpg", pf.achievement(a, item), rng=rng))
    size = (640, 360) if "video_640x360" in flaws else (1280, 720)
    out.append(pf.write_video(folder / f"{prefix}video.mp4", pf.video_title(a), size=size,
                              seconds=58 + rng.randint(0, 8)))
    return out


def write_application(path: Path, a: pf.Applicant, rng: random.Random) -> Path:
    """The application (Appendix 1) as a plain scan (used when the extraction issue's form generator is absent)."""
    return pf.write_scan(path, pf.application_page(a), rng=rng)


FORM_FORMATS = ["pdf", "png", "pdf_text", "jpeg", "tiff", "pdf"]


def form_applicant(seed: int, *, lang: str, competition: str, org: Org, season: int, rng: random.Random,
                   fmt: str) -> tuple[pf.Applicant, bytes | None, str]:
    """An applicant drawn by the extraction issue's form generator (`forms.make_form`), with the form's bytes.

    The portfolio then carries the same person. Without that generator: our own applicant, no bytes.
    """
    try:
        from mugalim.samples.forms import make_form
        for attempt in range(100):      # a plausible person: experience begun after the age of 20
            data, truth = make_form(seed + attempt, language=lang, fmt=fmt, dpi=200)
            if _plausible(truth["fields"]):
                break
    except (ImportError, TypeError, ValueError):
        return make_applicant(rng, season=season, lang=lang, competition=competition, org=org, index=seed % 6), \
            None, ".pdf"
    f = truth["fields"]
    parts = f["full_name"].split()
    filled = date.fromisoformat(f["filled_date"])
    filled = filled.replace(year=season) if filled.year != season else filled
    submitted = filled + timedelta(days=rng.randint(1, 5)) if competition == "teacher_of_year" else \
        date(season, 4, rng.randint(10, 28))
    months_on_staff = max(int(f["position_experience_months"] or 0), 40)
    hired = date(filled.year - (months_on_staff + 11) // 12, 9, 1)
    a = pf.Applicant(
        iin=f["iin"], surname=parts[0], name=parts[1] if len(parts) > 1 else "",
        patronymic=" ".join(parts[2:]), birth_date=date.fromisoformat(f["birth_date"]), language=lang,
        competition=competition, organization_name=f["workplace"], organization_bin=org.bin,
        organization_type=org.type, district=org.district, position=f["position"], hired_on=hired,
        pedagogical_months=int(f["pedagogical_experience_months"] or 0), category=f["qualification_category"] or "",
        id_document_number=f["id_document_number"] or "", postal_code=f["postal_code"] or "",
        address=f["home_address"] or "", phones=tuple(f["phones"] or ()), filled_date=filled,
        submitted_on=submitted)
    return a, data, {"pdf": ".pdf", "pdf_text": ".pdf", "pdf_mixed": ".pdf", "png": ".png", "jpeg": ".jpg",
                     "tiff": ".tiff"}[fmt]


def applicant_fields(a: pf.Applicant) -> dict[str, object]:
    """The application's fields (spec/application-form.md keys) for this applicant, normalized."""
    months = (a.filled_date.year - a.hired_on.year) * 12 + a.filled_date.month - a.hired_on.month
    return {
        "workplace": a.organization_name, "full_name": a.full_name, "birth_date": a.birth_date.isoformat(),
        "position": a.position, "pedagogical_experience_months": a.pedagogical_months,
        "position_experience_months": months, "education": "ҚазҰПУ, 2008" if a.language == "kk" else "КазНПУ, 2008",
        "qualification_category": {"педагог-сарапшы": "expert", "педагог-эксперт": "expert",
                                   "педагог-модератор": "moderator", "педагог-зерттеуші": "researcher",
                                   "педагог-исследователь": "researcher"}.get(a.category, "none"),
        "home_address": a.address, "postal_code": a.postal_code, "id_document_number": a.id_document_number,
        "iin": a.iin, "phones": list(a.phones), "awards": "Құрмет грамотасы" if a.language == "kk" else
        "Почетная грамота", "filled_date": a.filled_date.isoformat(), "attachment_pages": 12,
    }


# --- the batches ---------------------------------------------------------------------------------------------------

def make_sample_batches(data_dir: Path, *, season: int, seed: int = 0, count: int = 6) -> SampleBatches:
    """Write the sample batches into `data_dir/inbox/scans/` and say what is in them (see the module's doc)."""
    rng = random.Random(f"mugalim-samples-{season}-{seed}")
    scans = Path(data_dir) / "inbox" / "scans"
    result = SampleBatches()
    school = make_org(rng, "secondary", DISTRICTS[seed % 6])
    good_toy = max(1, count // 3)
    grants_n = max(1, count // 3)
    bad_n = max(0, count - good_toy - grants_n)
    _toy_batch(scans, season, school, rng, result, n=good_toy, flaws=[frozenset()] * good_toy)
    _grants_batch(scans, season, rng, result, n=grants_n)
    if bad_n:
        bad_school = make_org(rng, "secondary", DISTRICTS[(seed + 1) % 6])
        cycle = [frozenset({"video_640x360", "essay_arial"}), frozenset({"iin_mismatch", "section1_only"})]
        batch = _toy_batch(scans, season, bad_school, rng, result, n=bad_n,
                           flaws=[cycle[i % 2] for i in range(bad_n)], first_index=good_toy)
        (batch / "notes.docx").write_bytes(b"PK\x03\x04 not a document the contest takes")
        (batch / "empty.pdf").write_bytes(b"")
    return result


def _toy_batch(scans: Path, season: int, org: Org, rng: random.Random, result: SampleBatches, *, n: int,
               flaws: list[frozenset[str]], first_index: int = 0) -> Path:
    batch = scans / f"{season}_teacher_of_year_{org.district}_{org.bin}"
    rows: list[list[object]] = []
    for i in range(n):
        lang = "kk" if (first_index + i) % 2 == 0 else "ru"
        n = first_index + i
        a, data, suffix = form_applicant(_form_seed(rng), lang=lang, competition="teacher_of_year", org=org,
                                         season=season, rng=rng, fmt=FORM_FORMATS[n % 6])
        sub = f"dossier_{n + 1:02d}"
        for f in write_dossier(batch / sub, a, rng, flaws=flaws[i], form=(data, suffix), from_home=n == 0):
            rows.append([f"{sub}/{f.name}", "teacher_of_year", season, org.bin, org.name(lang), org.type,
                         org.district, a.submitted_on.isoformat()])
        _record(result, a, flaws[i])
    _manifest(batch, rows)
    _ready(batch, result)
    return batch


def _grants_batch(scans: Path, season: int, rng: random.Random, result: SampleBatches, *, n: int) -> Path:
    batch = scans / f"{season}_grants_mixed"
    rows = []
    kinds = ["preschool", "tvet", "additional", "secondary"]
    for i in range(n):
        lang = "ru" if i % 2 == 0 else "kk"
        org = make_org(rng, kinds[i % 4], DISTRICTS[(i + 2) % 6])
        a, data, suffix = form_applicant(_form_seed(rng), lang=lang, competition="grants", org=org,
                                         season=season, rng=rng, fmt=FORM_FORMATS[(i + 3) % 6])
        sub = f"grant_{i + 1:02d}"
        for f in write_dossier(batch / sub, a, rng, form=(data, suffix)):
            rows.append([f"{sub}/{f.name}", "grants", season, org.bin, org.name(lang), org.type, org.district,
                         a.submitted_on.isoformat()])
        _record(result, a, frozenset())
    _manifest(batch, rows)
    _ready(batch, result)
    return batch


def _manifest(batch: Path, rows: list[list[object]]) -> None:
    with (batch / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "competition", "season", "organization_bin", "organization_name", "organization_type",
                    "district", "submitted_on"])
        w.writerows(rows)


def _plausible(f: dict[str, object]) -> bool:
    born, filled = date.fromisoformat(str(f["birth_date"])), date.fromisoformat(str(f["filled_date"]))
    months = int(f["pedagogical_experience_months"] or 0)  # type: ignore[call-overload]
    return months <= ((filled - born).days // 365 - 21) * 12 and f["iin"] and f["full_name"]


def _form_seed(rng: random.Random) -> int:
    return rng.randint(0, 10**6)


def _record(result: SampleBatches, a: pf.Applicant, flaws: frozenset[str]) -> None:
    result.applicants[a.iin] = a
    result.cases[a.iin] = ",".join(sorted(flaws)) or "good"


def _ready(batch: Path, result: SampleBatches) -> None:
    (batch / "READY").touch()
    result.batches.append(batch)
