"""One file → the JSON object of application-form.md (`extract_file`), with the evidence kept apart: each page's
text and how it was read, and for each field the page and box it came from."""
from __future__ import annotations

import datetime
import os
import statistics
from collections.abc import Callable, Iterable, Iterator
from collections import deque
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from mugalim.errors import UnreadableDocument
from mugalim.identifiers import iin_birth_date, iin_problem
from extractors import doctype, fields as F, lexicon, office
from extractors.layout import ATTACHMENT, FILLED, FOOTER, Item, Line, find_items, group_lines, join_lines
from extractors.pages import PageJob, PageText, count_pages, read_page
from extractors.tesseract import Word
from extractors.textnorm import fold, prefix_similarity

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
UNREADABLE = 0.45          # a value whose words average less confidence than this is not guessed
TEXT_KEYS = ("workplace", "full_name", "position", "education", "home_address", "awards")
GUESSED = 0.5             # the confidence of a value that had to be guessed at (a letter taken for a digit)
SURE = 0.8                 # … nor one beside handwriting, unless its words were read this surely
#: a word of a text value read less surely than this is where a misreading hides (the value's mean confidence
#: drowns one weak word among twenty sure ones); a name has no dictionary to check it, so its bar is higher
TEXT_WORD, NAME_WORD = 0.75, 0.85
LONE_WORD = 0.4
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
MAGIC = {b"%PDF": "pdf", b"\x89PNG": "image", b"\xff\xd8\xff": "image", b"II*\x00": "image", b"MM\x00*": "image"}


@dataclass
class Extraction:
    """`result` is what `mugalim extract` prints; `evidence` says where each value came from."""

    result: dict[str, Any]
    evidence: dict[str, Any]
    pages: list[PageText] = field(default_factory=list)


def kind_of(path: Path) -> str:
    """pdf, image, office (DOCX, ODT: read from their rendering, `office.py`) or video, from the file's content (not
    its name); UnreadableDocument otherwise."""
    try:
        head = path.read_bytes()[:16] if path.stat().st_size < 64 else path.open("rb").read(16)
    except OSError as e:
        raise UnreadableDocument(f"{path.name}: cannot open the file ({e.strerror})") from e
    if not head:
        raise UnreadableDocument(f"{path.name}: the file is empty")
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "image" if head[8:12] in HEIF_BRANDS else "video"          # a phone's HEIC photo, or a video
    if head.startswith(b"PK\x03\x04") and office.office_kind(path):
        return "office"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI " or head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video"                                                    # AVI, MKV
    raise UnreadableDocument(f"{path.name}: not a document (neither PDF, TIFF, PNG, JPEG, HEIC, DOCX, ODT nor a "
                             f"video)")


def page_jobs(path: Path, kind: str, *, reread_numbers: bool = True) -> list[PageJob]:
    if kind == "office":              # the pages of the rendering (LibreOffice), read as a born-digital PDF
        path = office.rendering(path)
    try:
        n = count_pages(path, kind)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise UnreadableDocument(f"{path.name}: cannot read the image ({type(e).__name__})") from e
    return [PageJob(str(path), kind, i, reread_numbers) for i in range(n)]


def read_pages(jobs: list[PageJob], executor: Executor | None = None) -> Iterator[PageText]:
    """The pages, in order; in parallel when an executor is given."""
    if executor is None or len(jobs) == 1:
        yield from map(_read, jobs)
    else:
        yield from executor.map(_read, jobs)


def _read(job: PageJob) -> PageText:
    try:
        return read_page(job)
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise UnreadableDocument(f"{Path(job.path).name}: page {job.index + 1} cannot be read "
                                 f"({type(e).__name__})") from e
    except Image.DecompressionBombError as e:
        raise UnreadableDocument(f"{Path(job.path).name}: page {job.index + 1} is an absurdly large image") from e


def _extract_one(job: PageJob, name: str) -> Extraction | PageText:
    """A one-page document: a born-digital page is assembled right here in the worker (it is cheap, and the
    main process would otherwise be the bottleneck); a scanned page goes back to be assembled by the caller,
    which holds the word lists."""
    page = _read(job)
    return assemble(name, [page]) if page.method == "text_layer" else page


def extract_file(path: str | os.PathLike[str], *, executor: Executor | None = None,
                 name: str | None = None) -> Extraction:
    """Read a PDF, TIFF, PNG or JPEG (or type an MP4 as `video`) and extract what it holds.

    Raises UnreadableDocument when the file cannot be read at all (corrupt, encrypted, not a document).
    Multi-page files are read in parallel: pass an executor to share one across files; without one, a thread per
    core reads the pages of a file of several.
    """
    path = Path(path)
    name = name or path.name
    kind = kind_of(path)
    if kind == "video":
        return Extraction(_result(name, "video", "mixed", 0), {"pages": [], "fields": {}})
    jobs = page_jobs(path, kind)
    if executor is None and len(jobs) > 1:
        # threads, not processes: each page's OCR runs in the tesseract program anyway, and a file read alone
        # (`mugalim extract FILE`) would pay more for starting worker processes than a page of two takes
        with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as workers:
            pages = list(read_pages(jobs, workers))
    else:
        pages = list(read_pages(jobs, executor))
    return assemble(name, sorted(pages, key=lambda p: p.index))


def _result(name: str, doc_type: str, language: str, pages: int) -> dict[str, Any]:
    return {"file": name, "doc_type": doc_type, "language": language, "pages": pages, "fields": {},
            "confidence": {}, "problems": []}


def assemble(name: str, pages: list[PageText]) -> Extraction:
    """Pages read → the spec's object and the evidence."""
    evidence: dict[str, Any] = {"pages": [_page_evidence(p) for p in pages], "fields": {}}
    found = _form_items(pages)
    items = [item for _, item in found.values()]
    text = "\n".join(p.text for p in pages)
    if len(items) >= 6:
        lang = _label_language(items)
        result = _result(name, "application", lang, len(pages))
        FormReader(result, evidence, found, pages).read()
        return Extraction(result, evidence, pages)
    first = "\n".join(p.text for p in pages[:2])
    doc_type = doctype.classify(first, name=name) if first.strip() else "unknown"
    result = _result(name, doc_type, doctype.language(text), len(pages))
    if doc_type == "achievement":
        result["level"] = doctype.level(text)
    if not any(p.words for p in pages):
        result["problems"].append({"field": None, "problem": "no text found: blank or unreadable pages"})
    _identity(result, evidence, pages)
    return Extraction(result, evidence, pages)


def _page_evidence(p: PageText) -> dict[str, Any]:
    return {"page": p.index + 1, "method": p.method, "mean_confidence": p.mean_confidence, "unit": p.unit,
            "width": round(p.width, 1), "height": round(p.height, 1), "rotation": p.rotation,
            "skew": round(p.skew, 2), "text": p.text}


def _form_items(pages: list[PageText]) -> dict[int, tuple[PageText, Item]]:
    """The form's items by number, with the page each is on. The form is the page with the most items (that is
    not, by its own words, another document — a personnel sheet has a name and a birth date too); it may run
    onto the next page (items 9–12 there), whose new items are added."""
    per_page = [(p, find_items(p.words, hrules=p.hrules, vrules=p.vrules)) for p in pages]
    per_page = [(p, items) if items and doctype.classify(p.text) not in LOOKS_LIKE_A_FORM else (p, [])
                for p, items in per_page]
    if not per_page:
        return {}
    best = max(range(len(per_page)), key=lambda i: len(per_page[i][1]))
    found = {item.number: (per_page[best][0], item) for item in per_page[best][1]}
    if found and best + 1 < len(per_page) and max(found) < 12:
        page = per_page[best + 1][0]
        items = find_items(page.words, hrules=page.hrules, vrules=page.vrules, min_items=1)
        found.update({i.number: (page, i) for i in items if i.number > max(found)})
    return found


def _label_language(items: list[Item]) -> str:
    kk = sum(1 for i in items if i.language == "kk")
    ru = len(items) - kk
    return "kk" if ru <= 2 and kk > ru else "ru" if kk <= 2 and ru > kk else "mixed"


def _identity(result: dict[str, Any], evidence: dict[str, Any], pages: list[PageText]) -> None:
    """On an identity document (and any other), the IIN written on it: the dossier check compares it with the
    application's."""
    if result["doc_type"] != "id_copy":
        return
    for p in pages:
        for w in p.words:
            digits = "".join(c for c in w.text if c.isdigit())
            for reading in (digits, *("".join(c for c in r if c.isdigit()) for r in (w.alt or "", w.second or ""))):
                if len(reading) == 12 and iin_problem(reading) is None:
                    result["fields"]["iin"] = reading
                    result["confidence"]["iin"] = round(w.conf, 2)
                    evidence["fields"]["iin"] = _where(p, [w])
                    return


def _where(page: PageText, words: Iterable[Word]) -> dict[str, Any]:
    ws = list(words)
    if not ws:
        return {"page": page.index + 1, "bbox": None, "unit": page.unit}
    box = [min(w.x0 for w in ws), min(w.y0 for w in ws), max(w.x1 for w in ws), max(w.y1 for w in ws)]
    return {"page": page.index + 1, "bbox": [round(v, 1) for v in box], "unit": page.unit}


class FormReader:
    """Fills the sixteen keys of an application from its items, each with its confidence, problems and box."""

    def __init__(self, result: dict[str, Any], evidence: dict[str, Any], found: dict[int, tuple[PageText, Item]],
                 pages: list[PageText]) -> None:
        self.result, self.evidence, self.found, self.pages = result, evidence, found, pages
        self.page = next(iter(found.values()))[0]            # the page of the item being read
        self.fields: dict[str, Any] = {k: None for k in F.KEYS}
        self.conf: dict[str, float] = {k: 0.0 for k in F.KEYS}
        self.clashed: dict[str, float] = {}                # key → its confidence before two readings differed
        self.problems: list[dict[str, Any]] = []

    def read(self) -> None:
        for number, keys in F.ITEM_KEYS.items():
            if number not in self.found:
                for k in keys:
                    self.problem(k, f"item {number} not found on the form")
                continue
            self.page, item = self.found[number]
            self.item(number, item)
        self.footer()
        self.cross_checks()
        self.result["fields"], self.result["confidence"] = self.fields, {k: round(v, 2) for k, v in
                                                                          self.conf.items()}
        self.result["problems"] = self.problems

    def problem(self, key: str | None, text: str) -> None:
        self.problems.append({"field": key, "problem": text})

    def set(self, key: str, value: Any, words: list[Word], conf: float, missing: str) -> None:
        self.evidence["fields"][key] = _where(self.page, words)
        if value is None or value == []:
            self.conf[key] = 0.0 if not words else round(conf * 0.3, 2)
            self.problem(key, missing)
            return
        if key in TEXT_KEYS and self.page.method == "ocr" and (signs := lexicon.doubtful(value)):
            value, conf = lexicon.mend(value), min(conf, GUESSED)
            self.problem(key, "may be misread (" + "; ".join(signs) + "): a person must compare it with the scan")
        if key in TEXT_KEYS and self.page.method == "ocr" and _weak_word(words, NAME_WORD if key == "full_name"
                                                                          else TEXT_WORD):
            conf = min(conf, GUESSED)
            self.problem(key, "a word of it was read unsurely: a person must compare it with the scan")
        if key != "iin" and _readings_differ(words):       # (the IIN's check digit chooses between its readings)
            self.clashed[key], conf = conf, min(conf, GUESSED)
            self.problem(key, "two readings of a number in it differ: a person must compare it with the scan")
        self.fields[key], self.conf[key] = value, conf

    def item(self, number: int, item: Item) -> None:
        words, text = item.words, item.text
        keys = F.ITEM_KEYS[number]
        conf = statistics.fmean(w.conf for w in words) if words else 0.0
        if _scrawled(item, self.page) and conf < SURE:
            for k in keys:
                self.set(k, None, words, conf, "unreadable: handwritten or crossed out, a person must read it")
            return
        if not words or not text.strip(" .,:-–—_"):
            for k in keys:
                self.set(k, None, [], 0.0, "empty: nothing written")
            return
        if _unreadable(words):
            for k in keys:
                self.set(k, None, words, conf, f"unreadable (OCR confidence {conf:.2f}): handwritten or damaged, "
                                               "a person must read it")
            return
        getattr(self, f"_item{number}", self._text)(keys, item, words, text, conf)

    def _text(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        self.set(keys[0], self.tidy(text), words, conf, "empty")

    def tidy(self, text: str) -> str:
        """A text value as typed; on a scan in Kazakh, Kazakh letters read as look-alikes are restored."""
        text = F.tidy_text(text)
        if self.page.method == "ocr":
            text = lexicon.restore_russian(text)
            if self.result["language"] != "ru" or KAZAKH_LETTERS & set(text):
                text = lexicon.restore(text)
        return text

    def _item2(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        """A person's name: each part starts with a capital. Many Cyrillic capitals differ from their small letters
        only in size (І і, О о, К к), and OCR gives the small one now and then."""
        parts = self.tidy(text).split()
        # a letter standing alone after the patronymic, without the stop of an initial, is a speck or a rule's end
        # read beside it (`Серікович І`); before the surname it may be one (О, a Korean surname)
        if len(parts) > 3 and len(parts[-1]) == 1 and parts[-1].isalpha():
            parts = parts[:-1]
        name = " ".join(p[:1].upper() + p[1:] if p[:1].islower() else p for p in parts)
        self.set(keys[0], name, words, conf, "empty")

    def _item3(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        self.set(keys[0], F.parse_date(text) or F.parse_date(_alt_text(item)), words, conf, "no date found")

    def _item5(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        months, sure = F.read_experience(text)
        self.set(keys[0], months, words, conf if sure else min(conf, GUESSED),
                 "no length of experience found (years, months)")
        if months is not None and not sure:
            self.problem(keys[0], "a number of years or months is not clearly written: a person must confirm it")

    _item6 = _item5

    def _item8(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        self.set(keys[0], F.parse_category(text), words, conf, "not a known qualification category")

    def _item9(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        address, postal = F.split_address(self.tidy(text))
        # without its postal code found, where the address begins is a guess too ("0500355, г. Алматы")
        self.set("home_address", address, words, conf if postal else min(conf, GUESSED), "no address")
        postal_words = [w for w in words if postal and postal in w.text] or words
        self.set("postal_code", postal, postal_words, conf, "no 6-digit postal code")

    def _item10(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        alt = _alt_text(item)
        readings = [F.find_iin(text), F.find_iin(_first_text(item)), F.find_iin(alt)]
        if not any(readings):             # written apart from item 10 ("ЖСН: …" on a line of its own)
            page_text = " ".join(w.text for w in self.page.words)
            readings = [F.find_iin_labelled(page_text)]
        iin, why = F.choose_iin(readings)
        iin_words = [w for w in words if iin and any(iin in "".join(c for c in r if c.isdigit())
                                                      for r in (w.text, w.alt or "", w.second or ""))]
        if iin is not None:
            self.set("iin", iin, iin_words or words, conf if why is None else conf * 0.5, "")
            if why:
                self.problem("iin", why)
        else:
            self.set("iin", None, words, conf, "no 12-digit IIN found")
        number = F.document_number(text, iin)
        second = F.document_number(F.numero_read_as_n(alt), iin)
        if second and F.plausible_document_number(second) and (
                not F.plausible_document_number(number) or len(second) == len(number or "")):
            number = second          # the English model's digits, as for every number
        self.set("id_document_number", number, [w for w in words if number and number in w.text] or words, conf,
                 "no document number found")
        if number and not F.plausible_document_number(number):
            self.conf["id_document_number"] = min(self.conf["id_document_number"], GUESSED)
            self.problem("id_document_number", f"{len(number)} digits, where an identity card's number has 9 and a "
                                               "passport's 8: a person must compare it with the scan")

    def _item11(self, keys: list[str], item: Item, words: list[Word], text: str, conf: float) -> None:
        phones, bad = F.parse_phones(text)
        if bad:                      # a second reading of the digits may hold valid numbers
            phones2, bad2 = F.parse_phones(_alt_text(item))
            if len(bad2) < len(bad) and len(phones2) >= len(phones):
                phones, bad = phones2, bad2
        self.set("phones", phones, words, conf if not bad else min(conf, GUESSED), "no phone number found")
        if bad:                      # (a number of the list lost: the list is not sure)
            self.problem("phones", f"{len(bad)} number(s) that are not Kazakh phone numbers")

    def footer(self) -> None:
        """The attachment line and the date of filling: below the items (the block at the top right — "Приложение 1
        к Правилам" — starts like the attachment line), on the form's page or the next."""
        form_pages = sorted({p.index: p for p, _ in self.found.values()}.items())
        filled = attach = None
        for _, page in form_pages:
            lines = self._below_items(page)
            if filled is None and (hit := _footer_line(lines, FILLED)):
                filled, self.page = hit, page
            if attach is None:
                attach = _footer_line(lines, ATTACHMENT)
        after = [p for p in self.pages if p.index > form_pages[-1][0]][:1]
        for page in after:
            lines = group_lines(page.words)
            filled = filled or _footer_line(lines, FILLED)
            attach = attach or _footer_line(lines, ATTACHMENT)
        for key, hit, parse, what in (("filled_date", filled, F.parse_date, "no date of filling found"),
                                      ("attachment_pages", attach, F.attachment_pages,
                                       "no number of attached pages found")):
            if hit is None:
                self.problem(key, "line not found on the form")
                continue
            if len(hit) > 1 and parse(hit[0].text) is not None:
                hit = hit[:1]     # the value is whole on its line: the next is no part of it (a signature's strokes)
            ws = [w for ln in hit for w in ln.words]
            colon = next((k for k, w in enumerate(ws) if ":" in w.text), -1)
            conf = statistics.fmean(w.conf for w in ws[colon + 1:] or ws)     # the value's words, not the label's
            self.page = next(p for p in self.pages if any(w in p.words for w in ws[:1])) if ws else self.page
            self.set(key, parse(" ".join(ln.text for ln in hit)), ws, conf, what)

    def _below_items(self, page: PageText) -> list[Line]:
        tops = [item.region[1] for p, item in self.found.values() if p is page and item.region is not None]
        lines = group_lines(page.words)
        return [ln for ln in lines if ln.yc > min(tops)] if tops else lines

    def cross_checks(self) -> None:
        self.impossible_dates()
        iin, born = self.fields["iin"], self.fields["birth_date"]
        if iin and born and iin_problem(iin) is None and str(iin_birth_date(iin)) != born:
            self.problem("iin", "the birth date in the IIN does not match item 3")
        elif iin and born and iin_problem(iin) is None and "birth_date" in self.clashed:
            self.conf["birth_date"] = self.clashed["birth_date"]      # the IIN, checked by its digit, confirms it
            self.problems = [p for p in self.problems if not (p["field"] == "birth_date" and "two readings" in
                                                              p["problem"])]


    def impossible_dates(self) -> None:
        """A date no form can hold is a misread one (a 2 read as 4, a 6 as 8): a form filled after the day it is
        read, a birth date that makes the teacher younger than 18 or older than 90. It is kept, not sure."""
        today = datetime.date.today()
        for key, problem in (("filled_date", _future), ("birth_date", _unlikely_birth)):
            value = self.fields.get(key)
            if value and (why := problem(datetime.date.fromisoformat(value), today)):
                self.conf[key] = min(self.conf[key], GUESSED)
                self.problem(key, f"{why}: misread, a person must compare it with the scan")


def _future(day: datetime.date, today: datetime.date) -> str | None:
    return "a date after today" if day > today else None


def _unlikely_birth(day: datetime.date, today: datetime.date) -> str | None:
    age = (today - day).days / 365.25
    return None if ADULT_YEARS <= age <= OLDEST_YEARS else f"a birth date {age:.0f} years ago"


#: the ages a teacher filling the form can have
ADULT_YEARS, OLDEST_YEARS = 18, 90


def _alt_text(item: Item) -> str:
    """The item's value with the second (English model) reading of each number whose digits differ in count."""
    return join_lines([" ".join(w.second or w.text for w in line) for line in item.value_lines])


def _first_text(item: Item) -> str:
    """The item's value as the language model read it, before the second reading's digits were taken."""
    return join_lines([" ".join(w.alt or w.text for w in line) for line in item.value_lines])


def _weak_word(words: list[Word], bar: float) -> bool:
    """A word of two letters or digits or more read with less confidence than `bar`, or a lone letter or digit read
    with less than `LONE_WORD` (Tesseract scores marks and one-letter words low at random, but not that low: such a
    "word" is a speck or a stroke read as one, `университеті, 2 педагогикасы`)."""
    return any(w.conf < (bar if sum(c.isalnum() for c in w.text) >= 2 else LONE_WORD)
               for w in words if any(c.isalnum() for c in w.text))


def _readings_differ(words: list[Word]) -> bool:
    """A word of the value whose two readings (language model, English digits) give different digits — other than
    one reading losing digits at an edge of the word, which is how a cut too tight reads."""
    for w in words:
        other = w.alt or w.second
        if other is None:
            continue
        a, b = "".join(c for c in w.text if c.isdigit()), "".join(c for c in other if c.isdigit())
        if a and b and a != b and not (a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)):
            return True
    return False


def _scrawled(item: Item, page: PageText) -> bool:
    """More ink where the value goes than the words read there account for: handwriting or a scribble, which OCR
    skips or reads as a short word or two."""
    if item.region is None or not page.marks:
        return False
    x0, y0, x1, y1 = item.region
    ink = sum(max(0.0, min(x1, m[2]) - max(x0, m[0])) * max(0.0, min(y1, m[3]) - max(y0, m[1])) for m in page.marks)
    text = sum((w.x1 - w.x0) * (w.y1 - w.y0) for w in item.words)
    return ink > 0 and ink > text


def _unreadable(words: list[Word]) -> bool:
    """Most of the value (by characters) was read with low confidence: handwriting, a smudge, a stamp over it.
    (Tesseract gives single short words low scores at random, so one weak word does not make a value unreadable.)"""
    total = sum(len(w.text) for w in words)
    weak = sum(len(w.text) for w in words if w.conf < UNREADABLE)
    return total == 0 or weak / total > 0.6 and statistics.fmean(w.conf for w in words) < UNREADABLE


#: documents that carry some of the application's labels (name, birth date, education) but are not it
LOOKS_LIKE_A_FORM = ("personnel_sheet", "id_copy", "diploma")


def _footer_line(lines: list[Line], labels: list[str]) -> list[Line] | None:
    """The line that starts with one of `labels`, with the next line when the value wrapped onto it."""
    for i, line in enumerate(lines):
        text = fold(line.text)
        if any(prefix_similarity(text, fold(lb)[:22]) >= 0.8 for lb in labels):
            nxt = lines[i + 1: i + 2]
            if nxt and not any(prefix_similarity(fold(nxt[0].text), fold(f)[:22]) >= 0.8 for f in FOOTER):
                return [line] + nxt
            return [line]
    return None


def extract_many(paths: Iterable[Path], executor: Executor, *, window: int | None = None,
                 names: Callable[[Path], str] | None = None,
                 reread_numbers: bool = True) -> Iterator[tuple[Path, Extraction | UnreadableDocument]]:
    """Extract many files through one pool of processes, in order, page by page: at most `window` pages are in
    flight (default: two per worker), so memory stays flat however big the batch. Yields (path, Extraction) or
    (path, UnreadableDocument) for a file that cannot be read."""
    window = window or 2 * (getattr(executor, "_max_workers", None) or os.cpu_count() or 1)
    queue: deque[tuple[int, Future[PageText]]] = deque()
    docs: dict[int, dict[str, Any]] = {}
    order: deque[int] = deque()

    def drain(limit: int) -> Iterator[tuple[Path, Extraction | UnreadableDocument]]:
        while len(queue) > limit:
            d, fut = queue.popleft()
            doc = docs[d]
            try:
                got = fut.result()
                if isinstance(got, Extraction):
                    doc["done"] = got
                else:
                    doc["pages"].append(got)
            except UnreadableDocument as e:
                doc["error"] = doc.get("error") or e
            except MemoryError:                  # one page too big for this machine: its document fails alone
                doc["error"] = doc.get("error") or UnreadableDocument(
                    f"{doc['path'].name}: a page could not be read: not enough memory")
            doc["left"] -= 1
            yield from finished()

    def finished() -> Iterator[tuple[Path, Extraction | UnreadableDocument]]:
        while order and docs[order[0]]["left"] == 0:
            doc = docs.pop(order.popleft())
            name = names(doc["path"]) if names else doc["path"].name
            yield doc["path"], doc.get("error") or doc.get("done") or assemble(name, doc["pages"])

    for d, path in enumerate(paths):
        docs[d] = {"path": path, "pages": [], "left": 0}
        order.append(d)
        try:
            kind = kind_of(path)
            if kind == "video":
                docs[d]["done"] = extract_file(path, name=names(path) if names else None)
                jobs: list[PageJob] = []
            else:
                jobs = page_jobs(path, kind, reread_numbers=reread_numbers)
        except UnreadableDocument as e:
            docs[d]["error"], jobs = e, []
        docs[d]["left"] = len(jobs)
        if len(jobs) == 1:            # a one-page born-digital document is assembled in the worker
            queue.append((d, executor.submit(_extract_one, jobs[0], names(path) if names else path.name)))
            yield from drain(window)
        for job in jobs if len(jobs) > 1 else []:
            queue.append((d, executor.submit(_read, job)))
            yield from drain(window)
        yield from finished()
    yield from drain(0)
