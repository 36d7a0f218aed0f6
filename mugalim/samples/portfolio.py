"""Portfolio documents of Appendix 2 (spec/portfolio.md), in Kazakh or Russian, as a back office receives them.

Each document is a short text (a title and lines) rendered either born digital (reportlab, fonts registered under
the names a word processor would write: "TimesNewRoman" is FreeSerif, "Arial" is FreeSans) or as a
scan (PIL at 200 dpi, a little rotation and noise, saved as PDF, PNG, JPEG or TIFF). Videos are short MP4 files made
by ffmpeg with a title frame carrying the participant's name. Bad variants of the issue are here too, named after
the case they test. Everything is deterministic: no clock, randomness only from the given seed.
"""
from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass, field
import time
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_FILES = {
    # GNU FreeSerif / FreeSans: Times- and Arial-like faces that, unlike Liberation, carry the Kazakh letters.
    "TimesNewRoman": "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "TimesNewRoman-Bold": "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
    "Arial": "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
# The PostScript names a word processor writes into the PDF (what pdfplumber reports after the subset prefix).
PS_NAMES = {"TimesNewRoman": b"TimesNewRomanPSMT", "TimesNewRoman-Bold": b"TimesNewRomanPS-BoldMT",
            "Arial": b"ArialMT"}
A4_MM = (210, 297)
MARGIN_PT = 56.7  # 2 cm


@dataclass(frozen=True)
class Applicant:
    """One applicant, as the generators need them. `language` is the language the dossier is written in."""

    iin: str
    surname: str
    name: str
    patronymic: str
    birth_date: date
    language: str                      # kk | ru
    competition: str                   # teacher_of_year | grants
    organization_name: str
    organization_bin: str
    organization_type: str             # preschool | secondary | additional | tvet
    district: str
    position: str
    hired_on: date                     # on the nominating organization's staff since (rule E2)
    pedagogical_months: int            # uninterrupted pedagogical experience (rule E3)
    category: str
    id_document_number: str
    postal_code: str
    address: str
    phones: tuple[str, ...]
    filled_date: date
    submitted_on: date
    citizen: bool = True

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.name} {self.patronymic}"


@dataclass(frozen=True)
class Doc:
    """A document's content: pages of lines; the first line of the first page is its title."""

    doc_type: str
    pages: list[list[str]]
    item: str | None = None            # section 2–4 item id of an achievement
    level: str | None = None           # city | republic | international
    extra: dict[str, str] = field(default_factory=dict)


# --- fonts ---------------------------------------------------------------------------------------------------------

def register_fonts() -> None:
    """Register the fonts with reportlab under their word-processor names (what pdfplumber then reports)."""
    for name, path in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, path)
            if name in PS_NAMES:
                font.face.name = PS_NAMES[name]
            pdfmetrics.registerFont(font)


def _wrap(text: str, width: float, measure) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if measure(trial) <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    return out


# --- born-digital PDF ---------------------------------------------------------------------------------------------

def write_pdf(path: Path, doc: Doc, *, font: str = "DejaVuSans", size: float = 12, leading: float | None = None) -> Path:
    """Render `doc` as a born-digital A4 PDF; the title in the bold face when one is registered."""
    register_fonts()
    leading = leading or size * 1.15
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width = A4[0] - 2 * MARGIN_PT
    for page in doc.pages:
        y = A4[1] - MARGIN_PT - size
        for i, text in enumerate(page):
            f = f"{font}-Bold" if i == 0 and f"{font}-Bold" in FONT_FILES else font
            c.setFont(f, size)
            for line in _wrap(text, width, lambda s, f=f: pdfmetrics.stringWidth(s, f, size)):
                c.drawString(MARGIN_PT, y, line)
                y -= leading
        c.showPage()
    c.save()
    return path


# --- scans -------------------------------------------------------------------------------------------------------

def render_page(lines: list[str], *, dpi: int = 200, font: str = "DejaVuSans", size: float = 12,
                rng: random.Random | None = None) -> Image.Image:
    """One A4 page as a grey scan: text at `size` pt, then a slight rotation, blur and speckle noise."""
    rng = rng or random.Random(0)
    w, h = (round(mm / 25.4 * dpi) for mm in A4_MM)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    px = round(size / 72 * dpi)
    margin = round(20 / 25.4 * dpi)
    y = margin
    for i, text in enumerate(lines):
        face = ImageFont.truetype(FONT_FILES[f"{font}-Bold" if i == 0 and f"{font}-Bold" in FONT_FILES else font], px)
        for line in _wrap(text, w - 2 * margin, face.getlength):
            draw.text((margin, y), line, font=face, fill=rng.randint(0, 40))
            y += round(px * 1.4)
        if i == 0:
            y += px
    img = img.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    return _speckle(img, rng)


def _speckle(img: Image.Image, rng: random.Random) -> Image.Image:
    px = img.load()
    for _ in range(img.width * img.height // 4000):
        px[rng.randrange(img.width), rng.randrange(img.height)] = rng.randint(0, 120)  # type: ignore[index]
    return img


def write_scan(path: Path, doc: Doc, *, dpi: int = 200, rng: random.Random | None = None,
               font: str = "DejaVuSans", size: float = 12) -> Path:
    """Render `doc` as a scan: the format follows the suffix (.pdf holds every page; an image only the first)."""
    pages = [render_page(p, dpi=dpi, rng=rng, font=font, size=size) for p in doc.pages]
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        stamp = time.gmtime(1767225600)                    # a fixed date: the same seed gives the same bytes
        pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:],
                      creationDate=stamp, modDate=stamp)
    elif suffix in (".jpg", ".jpeg"):
        pages[0].save(path, "JPEG", quality=80, dpi=(dpi, dpi))
    elif suffix in (".tif", ".tiff"):
        pages[0].save(path, "TIFF", compression="tiff_deflate", dpi=(dpi, dpi),
                      save_all=True, append_images=pages[1:])
    else:
        pages[0].save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    return path


# --- the documents' content ---------------------------------------------------------------------------------------

def _d(d: date, lang: str) -> str:
    return d.strftime("%d.%m.%Y") + (" ж." if lang == "kk" else " г.")


def id_copy(a: Applicant) -> Doc:
    """Item 1.1: the identity card (жеке куәлік / удостоверение личности), both languages as on the real card."""
    citizenship = "ҚАЗАҚСТАН / КАЗАХСТАН" if a.citizen else "ҚЫРҒЫЗСТАН / КЫРГЫЗСТАН"
    title = "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ЖЕКЕ КУӘЛІК / УДОСТОВЕРЕНИЕ ЛИЧНОСТИ" if a.citizen else \
        "ШЕТЕЛДІКТІҢ ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДА ТҰРУҒА ЫҚТИЯРХАТЫ / ВИД НА ЖИТЕЛЬСТВО ИНОСТРАНЦА"
    return Doc("id_copy", [[
        title,
        f"Тегі / Фамилия: {a.surname}",
        f"Аты / Имя: {a.name}",
        f"Әкесінің аты / Отчество: {a.patronymic}",
        f"Туған күні / Дата рождения: {a.birth_date:%d.%m.%Y}",
        f"ЖСН / ИИН: {a.iin}",
        f"Азаматтығы / Гражданство: {citizenship}",
        f"Құжат № / Документ №: {a.id_document_number}",
        "Берген орган / Орган выдачи: ҚР ІІМ / МВД РК",
    ]])


def personnel_sheet(a: Applicant) -> Doc:
    """Item 1.2: the personnel record sheet certified by the employer; it carries the hire date (rule E2)."""
    if a.language == "kk":
        lines = ["КАДРЛАРДЫ ЕСЕПКЕ АЛУДЫҢ ЖЕКЕ ПАРАҒЫ",
                 f"Тегі: {a.surname}", f"Аты: {a.name}", f"Әкесінің аты: {a.patronymic}",
                 f"Туған күні: {_d(a.birth_date, 'kk')}", "Еңбек жолы:",
                 f"{a.organization_name}, {a.position}",
                 f"Қызметке қабылданған күні: {_d(a.hired_on, 'kk')}",
                 f"Үздіксіз педагогикалық өтілі: {a.pedagogical_months // 12} жыл {a.pedagogical_months % 12} ай",
                 "Кадр қызметінің қолы және мөрі: ________ М.О."]
    else:
        lines = ["ЛИЧНЫЙ ЛИСТОК ПО УЧЕТУ КАДРОВ",
                 f"Фамилия: {a.surname}", f"Имя: {a.name}", f"Отчество: {a.patronymic}",
                 f"Дата рождения: {_d(a.birth_date, 'ru')}", "Трудовая деятельность:",
                 f"{a.organization_name}, {a.position}",
                 f"Дата приема на работу: {_d(a.hired_on, 'ru')}",
                 f"Непрерывный педагогический стаж: {a.pedagogical_months // 12} лет {a.pedagogical_months % 12} мес.",
                 "Подпись и печать отдела кадров: ________ М.П."]
    return Doc("personnel_sheet", [lines])


def diploma(a: Applicant) -> Doc:
    year = a.birth_date.year + 22
    if a.language == "kk":
        lines = ["ДИПЛОМ", f"{a.full_name}", f"{year} жылы Абай атындағы Қазақ ұлттық педагогикалық университетін бітірді",
                 "Мамандығы: мұғалім", "Біліктілігі: бакалавр"]
    else:
        lines = ["ДИПЛОМ", f"{a.full_name}", f"в {year} году окончил(а) Казахский национальный педагогический "
                 "университет имени Абая", "Специальность: учитель", "Квалификация: бакалавр"]
    return Doc("diploma", [lines])


def training_certificate(a: Applicant, n: int = 1) -> Doc:
    if a.language == "kk":
        lines = ["СЕРТИФИКАТ", f"{a.full_name}", "біліктілікті арттыру курсынан өтті",
                 f"«Жаңартылған білім беру мазмұны» {72 * n} сағат", "«Өрлеу» БАҰО АҚ"]
    else:
        lines = ["СЕРТИФИКАТ", f"{a.full_name}", "прошел(ла) курсы повышения квалификации",
                 f"«Обновленное содержание образования» {72 * n} часа", "АО НЦПК «Өрлеу»"]
    return Doc("training_certificate", [lines])


def publication(a: Applicant) -> Doc:
    if a.language == "kk":
        lines = ["МАҚАЛА", f"Авторы: {a.full_name}", "«Сабақта сыни тұрғыдан ойлауды дамыту» — "
                 "«Қазақстан мектебі» журналы, №4, 8–11 беттер. Шеберлік сыныбының материалдары."]
    else:
        lines = ["СТАТЬЯ", f"Автор: {a.full_name}", "«Развитие критического мышления на уроке» — "
                 "журнал «Школа Казахстана», №4, с. 8–11. Материалы мастер-класса."]
    return Doc("publication", [lines])


def review(a: Applicant) -> Doc:
    if a.language == "kk":
        lines = ["ПІКІР", f"{a.full_name} әзірлеген оқу бағдарламасына", "Бағдарлама мазмұны жағынан "
                 "толық, оқушылардың жас ерекшелігіне сай. Рецензент: п.ғ.к. Омарова Г.Т."]
    else:
        lines = ["РЕЦЕНЗИЯ", f"на методическое пособие {a.full_name}", "Пособие содержательно, соответствует "
                 "возрастным особенностям учащихся. Рецензент: к.п.н. Омарова Г.Т."]
    return Doc("review", [lines])


ESSAY_KK = [
    "ЭССЕ «Заманауи педагог қандай болуы керек»",
    "Мені шабыттандыратын тұлғалар — Ыбырай Алтынсарин мен Ахмет Байтұрсынұлы. Олар қазақ баласына білім "
    "берудің жолын ашты, ұстаздықты ұлт алдындағы парыз деп білді. Олардың еңбегі мен үшін үлгі.",
    "Мұғалім мәртебесін көтеру үшін мен өз тәжірибемді әріптестеріммен бөлісемін, шеберлік сыныптарын "
    "өткіземін, үздіксіз білімімді жетілдіремін. Педагогтың беделі оның біліміне және адалдығына байланысты.",
    "Отбасының ықпалы баланың тұлғасы қалыптасуында шешуші рөл атқарады. Менің ата-анам ұстаз болған, "
    "отбасымдағы тәрбие мені мамандық таңдауға жетеледі. Ата-аналармен бірлесіп жұмыс істеу — табыстың кілті.",
    "Мейірімді және қайырымды адам тәрбиелеу — ұстаздың басты міндеті. Сабақта және сыныптан тыс жұмыста "
    "оқушыларды жанашырлыққа, көмек беруге, қайырымдылық акцияларына қатысуға баулимын.",
    "Заманауи педагог — ізденімпаз, цифрлық сауатты, шәкіртін сүйетін және үнемі дамитын тұлға.",
]
ESSAY_RU = [
    "ЭССЕ «Каким должен быть современный педагог»",
    "Личности, которые меня вдохновляют, — Ыбырай Алтынсарин и Ахмет Байтурсынулы. Они открыли путь к "
    "образованию для казахских детей и считали учительство долгом перед народом. Их труд — мой пример.",
    "Для повышения статуса учителя я делюсь опытом с коллегами, провожу мастер-классы и постоянно повышаю "
    "свою квалификацию. Авторитет педагога складывается из его знаний и честности.",
    "Влияние семьи на становление личности ребенка решающее. Мои родители были учителями, воспитание в "
    "семье привело меня к выбору профессии. Работа вместе с родителями учеников — ключ к успеху.",
    "Воспитать доброго и щедрого человека — главная задача учителя. На уроках и во внеурочной работе я "
    "учу детей сочувствию, взаимопомощи, участию в благотворительных акциях.",
    "Современный педагог — ищущий, цифрово грамотный, любящий своих учеников и постоянно развивающийся человек.",
]


def essay(a: Applicant, *, pages: int = 1, questions: int = 4) -> Doc:
    """Item 1.8: the essay; `questions` < 4 leaves the last questions unanswered, `pages` > 1 makes it too long."""
    text = list(ESSAY_KK if a.language == "kk" else ESSAY_RU)
    body = text[1:1 + questions] + text[5:]
    body.append(a.full_name)
    doc_pages = [[text[0], *body]]
    for _ in range(pages - 1):
        doc_pages.append(body * 3)
    return Doc("essay", doc_pages)


def presentation(a: Applicant) -> Doc:
    title = "ПРЕЗЕНТАЦИЯ «Менің инновациялық педагогтік тәжірибем»" if a.language == "kk" else \
        "ПРЕЗЕНТАЦИЯ «Мой инновационный педагогический опыт»"
    return Doc("presentation", [[title, a.full_name, "1. Өзектілігі / Актуальность", "2. Әдістер / Методы",
                                 "3. Нәтижелер / Результаты"]])


def lesson_plan(a: Applicant) -> Doc:
    title = "ҚЫСҚА МЕРЗІМДІ САБАҚ ЖОСПАРЫ" if a.language == "kk" else "КРАТКОСРОЧНЫЙ ПЛАН УРОКА"
    body = ["Сабақтың тақырыбы: Сандық сауаттылық", "Оқу мақсаттары: ...", "Сабақтың барысы: ..."] \
        if a.language == "kk" else ["Тема урока: Цифровая грамотность", "Цели обучения: ...", "Ход урока: ..."]
    return Doc("lesson_plan", [[title, a.full_name, *body]])


def class_hour_plan(a: Applicant) -> Doc:
    title = "СЫНЫП САҒАТЫНЫҢ ЖОСПАРЫ «Мен елімнің патриотымын»" if a.language == "kk" else \
        "ПЛАН КЛАССНОГО ЧАСА «Мен елімнің патриотымын» («Я патриот своей страны»)"
    return Doc("class_hour_plan", [[title, a.full_name, "Мақсаты / Цель: патриоттық тәрбие"]])


# (item, level) → what the document says, kk / ru
ACHIEVEMENTS: dict[str, tuple[str | None, str, str]] = {
    "2.2": ("city", "МАДАҚТАМА: авторлық бағдарламасы қалалық байқауда бекітілгені үшін марапатталады",
            "ГРАМОТА: награждается за авторскую программу, одобренную на городском конкурсе"),
    "2.9": ("city", "АЛҒЫС ХАТ: қалалық деңгейде мұғалімдерге тәлімгерлік еткені үшін",
            "БЛАГОДАРСТВЕННОЕ ПИСЬМО за наставничество учителей городского уровня"),
    "3.3": ("city", "ГРАМОТА: оқушысы қалалық пән олимпиадасының жеңімпазы, I орын",
            "ГРАМОТА: ученик — победитель городской предметной олимпиады, I место"),
    "3.4": ("republic", "ГРАМОТА: оқушысы республикалық олимпиаданың жүлдегері, II орын",
            "ГРАМОТА: ученик — призер республиканской олимпиады, II место"),
    "3.5": ("international", "МАДАҚТАМА: оқушысы халықаралық байқаудың жеңімпазы",
            "ГРАМОТА: ученик — победитель международного конкурса"),
    "3.7": ("republic", "МАДАҚТАМА: республикалық конференцияға қатысқаны үшін мұғалім марапатталады",
            "ГРАМОТА: учитель награждается за участие в республиканской конференции"),
    "4.1": (None, "АЛҒЫС ХАТ ата-аналар комитетінен", "БЛАГОДАРСТВЕННОЕ ПИСЬМО от родительского комитета"),
}


def achievement(a: Applicant, item: str) -> Doc:
    level, kk, ru = ACHIEVEMENTS[item]
    text = kk if a.language == "kk" else ru
    return Doc("achievement", [[text, a.full_name, f"{a.submitted_on.year - 1}"]], item=item, level=level)


def application_page(a: Applicant) -> Doc:
    """A plain rendering of Appendix 1 (the extraction issue's `make_form` draws the real one)."""
    kk = a.language == "kk"
    ped = f"{a.pedagogical_months // 12} {'жыл' if kk else 'лет'} {a.pedagogical_months % 12} {'ай' if kk else 'мес.'}"
    pos_m = max(0, (a.filled_date.year - a.hired_on.year) * 12 + a.filled_date.month - a.hired_on.month)
    pos = f"{pos_m // 12} {'жыл' if kk else 'лет'}"
    labels = (["Жұмыс орны", "Тегі, аты, әкесінің аты", "Туған күні, айы, жылы", "Лауазымы", "Педагогикалық өтілі",
               "Лауазымдағы жұмыс өтілі", "Білімі", "Біліктілік санаты", "Индексі көрсетілген үйінің мекенжайы",
               "Жеке басын куәландыратын құжатының деректері", "Байланыс телефоны", "Марапаттау, көтермелеу"]
              if kk else
              ["Место работы", "Фамилия, имя, отчество", "Число, месяц, год рождения", "Должность",
               "Педагогический стаж", "Стаж работы в должности", "Образование", "Квалификационная категория",
               "Домашний адрес с индексом", "Данные документа, удостоверяющего личность", "Контактный телефон",
               "Награды, поощрения"])
    values = [a.organization_name, a.full_name, a.birth_date.strftime("%d.%m.%Y"), a.position, ped, pos,
              "ҚазҰПУ, 2008" if kk else "КазНПУ, 2008", a.category, f"{a.postal_code}, {a.address}",
              f"№ {a.id_document_number}, ЖСН {a.iin}" if kk else f"№ {a.id_document_number}, ИИН {a.iin}",
              ", ".join(a.phones), "Құрмет грамотасы" if kk else "Почетная грамота"]
    title = "«Алматының жыл мұғалімі» конкурсына қатысуға ӨТІНІМ" if kk else \
        "ЗАЯВКА на участие в конкурсе «Алматының жыл мұғалімі»"
    if a.competition == "grants":
        title = "Грант конкурсына қатысуға ӨТІНІМ" if kk else "ЗАЯВКА на участие в конкурсе на грант"
    chair = "Ұйымдастыру комитетінің төрағасына" if kk else "Председателю организационного комитета"
    lines = [title, chair] + [f"{i}. {lab}: {val}" for i, (lab, val) in enumerate(zip(labels, values), 1)]
    lines.append(("Толтырылған күні: " if kk else "Дата заполнения: ") + a.filled_date.strftime("%d.%m.%Y"))
    return Doc("application", [lines])


def section1(a: Applicant) -> list[Doc]:
    """Every section-1 paper document (the video is separate)."""
    return [id_copy(a), personnel_sheet(a), diploma(a), training_certificate(a), publication(a), review(a),
            essay(a)]


def toy_extras(a: Applicant) -> list[Doc]:
    """Rule E5: what a Teacher of the Year dossier holds besides the portfolio (the application is separate)."""
    return [presentation(a), lesson_plan(a), class_hour_plan(a)]


# --- videos ------------------------------------------------------------------------------------------------------

def write_video(path: Path, title: str, *, seconds: float = 60, size: tuple[int, int] = (1280, 720),
                container: str = "mp4", video: bool = True, fps: int = 5, title_seconds: float = 4) -> Path:
    """Item 1.7: a short video whose first `title_seconds` show `title` (the name) in large letters.

    `container` "matroska" makes a file that is not MPEG-4 whatever its name; `video=False` an audio-only file.
    """
    textfile = path.with_suffix(".title.txt")
    textfile.write_text(title, encoding="utf-8")
    w, h = size
    draw = (f"drawtext=fontfile={FONT_FILES['DejaVuSans-Bold']}:textfile={textfile}:fontcolor=white:"
            f"fontsize={max(18, h // 14)}:x=(w-text_w)/2:y=(h-text_h)/2:enable='lt(t,{title_seconds})'")
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    if video:
        cmd += ["-f", "lavfi", "-i", f"color=c=0x1f3a5f:s={w}x{h}:r={fps}:d={seconds}"]
    cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=22050:duration={seconds}"]
    if video:
        cmd += ["-vf", draw, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "35", "-pix_fmt", "yuv420p"]
    cmd += ["-c:a", "aac", "-b:a", "32k", "-shortest", "-f", container, str(path)]
    try:
        subprocess.run(cmd, check=True, timeout=300, capture_output=True)
    finally:
        textfile.unlink(missing_ok=True)
    return path


def write_corrupt_video(path: Path, good: Path) -> Path:
    """A corrupt MP4: the first quarter of a good one, with the rest of its header bytes scrambled."""
    data = bytearray(good.read_bytes()[: max(64, good.stat().st_size // 4)])
    for i in range(40, min(len(data), 4000), 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def video_title(a: Applicant) -> str:
    return f"{a.full_name}\nМенің жүрегімнің мектебі"
