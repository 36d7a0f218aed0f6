"""Labelled dossier documents for measuring document typing and splitting (issue 14): every document type of
spec/portfolio.md, in Kazakh and Russian, in several wordings and layouts each (titles, tables, bilingual ID cards,
landscape certificates, seals and signatures), as a born-digital PDF, a scan or a phone photo.

Scans and photos go through the scan model of `mugalim.samples.forms` (`degrade_scan`, built on augraphy:
printer, paper, scanner or phone). A labelled document is `make_document(seed, doc_type, …)` → `Labelled` (pages as
images or a born-digital PDF, its truth); a dossier scanned as one PDF is `make_one_pdf_dossier(seed, …)` with the
page range of every document inside. File names say nothing (`IMG_3216.jpg`, `Scan_20260205_0005.pdf`): the type
must come from the content. Deterministic: randomness only from the seed; use separate seeds for tuning and for
reporting.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PIL import Image, ImageDraw

from mugalim.samples import forms as F
from mugalim.samples import names as V

TYPES = ("application", "id_copy", "personnel_sheet", "diploma", "training_certificate", "publication", "review",
         "essay", "presentation", "lesson_plan", "class_hour_plan", "achievement", "unknown")
CLEAN_FONTS = ("dejavu_serif", "dejavu_sans", "pt_serif", "pt_sans", "freeserif")
RENDERINGS = ("digital", "scan", "scan", "photo")          # the share of each way a document arrives
A4 = (595.28, 841.89)


@dataclass
class Block:
    """One piece of a page: kind title | line | para | table | seal | sign | card | rule; text or rows."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    align: str = "left"
    size: float = 0.0              # 0: the page's size (titles are larger)


@dataclass
class PageSpec:
    blocks: list[Block]
    landscape: bool = False


@dataclass
class Labelled:
    doc_type: str
    language: str
    rendering: str                 # digital | scan | photo
    severity: str
    pages: list[PageSpec]
    images: list[Image.Image] = field(default_factory=list)
    pdf: bytes | None = None
    name: str = ""

    def truth(self) -> dict[str, Any]:
        return {"doc_type": self.doc_type, "language": self.language, "rendering": self.rendering,
                "severity": self.severity, "pages": len(self.pages) if self.pdf is None else self.page_count}

    @property
    def page_count(self) -> int:
        return len(self.images) or len(self.pages)


# ---------------------------------------------------------------- people and words

def _person(rng: random.Random, lang: str) -> dict[str, Any]:
    female = rng.random() < 0.75
    kazakh = lang == "kk" or rng.random() < 0.5
    name = F._full_name(rng, female, kazakh)
    born = date(1966, 1, 1) + timedelta(days=rng.randrange(365 * 32))
    school = rng.choice(V.SCHOOLS_KK if lang == "kk" else V.SCHOOLS_RU).format(
        n=rng.randint(1, 190), d=rng.choice(V.DISTRICTS_KK if lang == "kk" else V.DISTRICTS_RU))
    return {"name": name, "female": female, "born": born, "school": school,
            "iin": F._iin(rng, born, female), "position": rng.choice(V.POSITIONS_KK if lang == "kk" else
                                                                      V.POSITIONS_RU),
            "university": rng.choice(V.UNIVERSITIES_KK if lang == "kk" else V.UNIVERSITIES_RU),
            "year": rng.randint(2022, 2026)}


def _d(rng: random.Random, lang: str, year: int | None = None) -> str:
    d = date(year or rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28))
    return f"{d:%d.%m.%Y}" + rng.choice(["", " ж." if lang == "kk" else " г."])


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _case(rng: random.Random, title: str) -> str:
    return title.upper() if rng.random() < 0.6 else title


SUBJECTS = {"kk": ["математика", "қазақ тілі", "физика", "информатика", "биология", "тарих", "ағылшын тілі"],
            "ru": ["математика", "русский язык", "физика", "информатика", "биология", "история", "английский язык"]}
TOPICS = {"kk": ["Сабақта сыни тұрғыдан ойлауды дамыту", "Функционалдық сауаттылықты арттыру жолдары",
                 "Жобалық оқыту әдісі бастауыш сыныпта", "Цифрлық ресурстарды сабақта қолдану",
                 "Оқушылардың зерттеушілік дағдыларын қалыптастыру"],
          "ru": ["Развитие критического мышления на уроке", "Пути повышения функциональной грамотности",
                 "Метод проектов в начальной школе", "Использование цифровых ресурсов на уроке",
                 "Формирование исследовательских навыков учащихся"]}


# ---------------------------------------------------------------- the documents' content, per type

def _application(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    person = F.make_person(rng, lang)
    header = F.HEADER[lang]
    blocks = [Block("line", h, align="right") for h in header]
    blocks.append(Block("title", F.TITLE[lang], align="center"))
    blocks.append(Block("para", F.INTRO[lang]))
    labels = F.LABELS[lang] if hasattr(F, "LABELS") and isinstance(F.LABELS, dict) and lang in F.LABELS else None
    rows = []
    for i, value in enumerate(person.written, 1):
        label = labels[i - 1] if labels and i - 1 < len(labels) else str(i)
        rows.append([f"{i}. {label}" if labels else str(i), value])
    blocks.append(Block("table", rows=rows) if rng.random() < 0.6 else Block("para", " ".join(
        f"{r[0]}: {r[1]}." for r in rows)))
    blocks += [Block("line", x) for x in F._footer(lang, person)]
    return [PageSpec(blocks)]


def _id_copy(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    sur, first, *rest = p["name"].split()
    passport = rng.random() < 0.2
    front = [_pick(rng, "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / РЕСПУБЛИКА КАЗАХСТАН"),
             "ПАСПОРТ / PASSPORT" if passport else _pick(rng, "ЖЕКЕ КУӘЛІК / УДОСТОВЕРЕНИЕ ЛИЧНОСТИ",
                                                         "ЖЕКЕ КУӘЛІК", "УДОСТОВЕРЕНИЕ ЛИЧНОСТИ"),
             f"ТЕГІ / ФАМИЛИЯ / SURNAME {sur.upper()}", f"АТЫ / ИМЯ / NAME {first.upper()}",
             f"ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО {' '.join(rest).upper()}",
             f"ТУҒАН КҮНІ / ДАТА РОЖДЕНИЯ {p['born']:%d.%m.%Y}", f"ЖСН / ИИН {p['iin']}"]
    back = [f"ТУҒАН ЖЕРІ / МЕСТО РОЖДЕНИЯ {_pick(rng, 'АЛМАТЫ', 'АЛМАТЫ ОБЛЫСЫ', 'ТАРАЗ', 'ШЫМКЕНТ')}",
            f"ҰЛТЫ / НАЦИОНАЛЬНОСТЬ {_pick(rng, 'ҚАЗАҚ', 'КАЗАХ', 'ОРЫС', 'РУССКАЯ', 'КОРЕЕЦ')}",
            f"БЕРГЕН ОРГАН / ОРГАН ВЫДАЧИ {_pick(rng, 'ҚР ІІМ / МВД РК', 'ҚР ӘМ / МЮ РК')}",
            f"БЕРІЛГЕН КҮНІ / ДАТА ВЫДАЧИ {_d(rng, 'ru')}",
            f"ҚОЛДАНЫЛУ МЕРЗІМІ / СРОК ДЕЙСТВИЯ {_d(rng, 'ru', rng.randint(2027, 2035))}",
            f"{'P' if passport else 'I'}DKAZ{rng.randint(10**8, 10**9 - 1)}<<<<<<<<<<<<<<"]
    if rng.random() < 0.5:
        return [PageSpec([Block("card", "\n".join(front)), Block("card", "\n".join(back))])]
    return [PageSpec([Block("card", "\n".join(front + back))])]


def _personnel_sheet(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    sur, first, *rest = p["name"].split()
    kk = lang == "kk"
    title = _pick(rng, "КАДРЛАРДЫ ЕСЕПКЕ АЛУДЫҢ ЖЕКЕ ПАРАҒЫ", "Кадрларды есепке алу жөніндегі жеке парақ") if kk \
        else _pick(rng, "ЛИЧНЫЙ ЛИСТОК ПО УЧЕТУ КАДРОВ", "Личный листок по учёту кадров")
    labels = (["Тегі", "Аты", "Әкесінің аты", "Жынысы", "Туған жылы, айы, күні", "Туған жері", "Ұлты",
               "Білімі, қандай оқу орнын бітірді", "Мамандығы", "Ғылыми дәрежесі", "Қандай шет тілдерін біледі",
               "Мемлекеттік наградалары", "Отбасы жағдайы", "Үй мекенжайы", "ЖСН"] if kk else
              ["Фамилия", "Имя", "Отчество", "Пол", "Год, число и месяц рождения", "Место рождения",
               "Национальность", "Образование, какое учебное заведение окончил", "Специальность",
               "Ученая степень", "Какими иностранными языками владеете", "Государственные награды",
               "Семейное положение", "Домашний адрес", "ИИН"])
    values = [sur, first, " ".join(rest), "әйел" if kk and p["female"] else "ер" if kk else
              "женский" if p["female"] else "мужской", f"{p['born']:%d.%m.%Y}", "Алматы қ." if kk else "г. Алматы",
              _pick(rng, "қазақ", "орыс") if kk else _pick(rng, "казашка", "русская", "кореец"), p["university"],
              p["position"], "жоқ" if kk else "нет", _pick(rng, "ағылшын", "орыс, ағылшын") if kk else
              _pick(rng, "английский", "казахский, английский"), "жоқ" if kk else "нет",
              "тұрмыста" if kk else "замужем", rng.choice(V.STREETS_KK if kk else V.STREETS_RU), p["iin"]]
    rows = [[f"{i}. {lab}", val] for i, (lab, val) in enumerate(zip(labels, values), 1)]
    rng.shuffle(rows[9:14])
    work_head = ["Кіру күні", "Шығу күні", "Лауазымы, мекеменің атауы"] if kk else \
        ["Дата поступления", "Дата ухода", "Должность, название учреждения"]
    work = [work_head] + [[_d(rng, lang, y), "" if i == 2 else _d(rng, lang, y + 3), f"{p['position']}, {p['school']}"]
                          for i, y in enumerate(sorted(rng.sample(range(1995, 2022), 3)))]
    work_title = _pick(rng, "Еңбек жолы", "Еңбек қызметі") if kk else "Трудовая деятельность"
    end = ["Кадр қызметінің қызметкері ____________ (қолы)", "М.О."] if kk else \
        ["Работник кадровой службы ____________ (подпись)", "М.П."]
    blocks = [Block("title", title, align="center"), Block("table", rows=rows)]
    second = [Block("line", f"16. {work_title}"), Block("table", rows=work)] + [Block("line", e) for e in end]
    second.append(Block("seal", p["school"]))
    if rng.random() < 0.5:
        return [PageSpec(blocks), PageSpec(second)]
    return [PageSpec(blocks + second)]


def _diploma(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    year = p["born"].year + rng.randint(21, 24)
    level = rng.choice(["high", "college", "master"])
    head = _pick(rng, "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / РЕСПУБЛИКА КАЗАХСТАН") if kk else \
        _pick(rng, "РЕСПУБЛИКА КАЗАХСТАН", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / РЕСПУБЛИКА КАЗАХСТАН")
    kind = {"high": ("жоғары білім туралы", "о высшем образовании"),
            "college": ("техникалық және кәсіптік білім туралы", "о техническом и профессиональном образовании"),
            "master": ("жоғары оқу орнынан кейінгі білім туралы", "о послевузовском образовании")}[level]
    series = f"{_pick(rng, 'ЖБ-Б', 'ЖБ', 'ТКБ', 'ЖООКБ-М', 'KZ')} № {rng.randint(10**6, 10**7 - 1)}"
    lines = [Block("line", head, align="center"),
             Block("title", _case(rng, "Диплом"), align="center", size=22),
             Block("line", (kind[0] if kk else kind[1]), align="center"), Block("line", series, align="center")]
    if kk:
        body = [f"Осы диплом {p['name']} берілді,",
                f"ол {year} жылы {p['university']} {_pick(rng, 'толық курсын бітірді', 'бітірді')}",
                f"{_pick(rng, 'Мемлекеттік аттестаттау комиссиясының', 'МАК')} {_d(rng, lang, year)} шешімімен",
                f"«{rng.choice(SUBJECTS['kk'])}» мамандығы бойынша "
                f"{_pick(rng, 'білім бакалавры дәрежесі берілді', 'біліктілігі берілді: мұғалім', 'педагогика ғылымдарының магистрі академиялық дәрежесі берілді')}",
                f"Төраға ____________  Ректор ____________", f"Тіркеу нөмірі {rng.randint(100, 9999)}",
                f"Берілген күні {_d(rng, lang, year)}"]
    else:
        body = [f"Настоящий диплом выдан {p['name']}",
                f"в том, что он(а) в {year} году {_pick(rng, 'окончил(а)', 'окончил(а) полный курс')} "
                f"{p['university']}",
                f"Решением {_pick(rng, 'Государственной аттестационной комиссии', 'ГАК')} от {_d(rng, lang, year)}",
                f"по специальности «{rng.choice(SUBJECTS['ru'])}» "
                f"{_pick(rng, 'присуждена степень бакалавра образования', 'присвоена квалификация учитель', 'присуждена академическая степень магистра педагогических наук')}",
                "Председатель ____________  Ректор ____________", f"Регистрационный номер {rng.randint(100, 9999)}",
                f"Дата выдачи {_d(rng, lang, year)}"]
    if level == "college":
        body[1] = body[1].replace(p["university"], _pick(rng, "Алматы гуманитарлық-педагогикалық колледжін",
                                                         "Алматинский гуманитарно-педагогический колледж"))
    blocks = lines + [Block("line", b, align="center" if rng.random() < 0.5 else "left") for b in body]
    blocks.append(Block("seal", p["university"]))
    return [PageSpec(blocks, landscape=rng.random() < 0.5)]


def _training_certificate(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    title = _case(rng, _pick(rng, "Сертификат", "Куәлік", "Сертификат") if kk else
                  _pick(rng, "Сертификат", "Удостоверение", "Свидетельство"))
    org = _pick(rng, "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ", "Назарбаев Зияткерлік мектептері ДББҰ "
                "Педагогикалық шеберлік орталығы", "«Talap» КеАҚ", "Алматы қаласы білім басқармасының "
                "Инновациялық білім беру орталығы") if kk else \
        _pick(rng, "АО «Национальный центр повышения квалификации «Өрлеу»", "Центр педагогического мастерства "
              "АОО «Назарбаев Интеллектуальные школы»", "НАО «Talap»", "Институт повышения квалификации "
              "педагогических работников г. Алматы")
    hours = rng.choice([36, 72, 80, 120, 144])
    course = rng.choice(TOPICS[lang])
    if kk:
        body = [p["name"], f"«{course}» {_pick(rng, 'біліктілікті арттыру курсынан өтті', 'тақырыбындағы біліктілікті арттыру курсын тәмамдады', 'білім беру бағдарламасы бойынша оқудан өтті')}",
                f"Көлемі: {hours} {_pick(rng, 'академиялық сағат', 'сағат')}",
                f"Оқу мерзімі: {_d(rng, lang)} – {_d(rng, lang)}", f"Тіркеу № {rng.randint(1000, 99999)}"]
    else:
        body = [p["name"], f"{_pick(rng, 'прошел(ла) курсы повышения квалификации', 'прошел(ла) обучение по программе повышения квалификации', 'освоил(а) образовательную программу курсов повышения квалификации')} «{course}»",
                f"в объеме {hours} {_pick(rng, 'академических часов', 'часов')}",
                f"Сроки обучения: {_d(rng, lang)} – {_d(rng, lang)}", f"Регистрационный № {rng.randint(1000, 99999)}"]
    blocks = [Block("line", org, align="center"), Block("title", title, align="center", size=24)]
    blocks += [Block("line", b, align="center") for b in body]
    blocks += [Block("line", "Директор ____________" if rng.random() < 0.5 else "Директор филиала ____________"),
               Block("seal", org)]
    return [PageSpec(blocks, landscape=rng.random() < 0.6)]


def _publication(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    topic = rng.choice(TOPICS[lang])
    journal = rng.choice(["«Қазақстан мектебі»", "«Бастауыш мектеп»", "«Білім-Образование»", "«Ұстаз»"] if kk else
                         ["«Школа Казахстана»", "«Начальная школа Казахстана»", "«Білім-Образование»",
                          "«Педагогический вестник»"])
    kind = rng.choice(["article", "article", "masterclass", "collection"])
    blocks: list[Block] = []
    if kind == "article":
        blocks.append(Block("line", f"{'ӘОЖ' if kk and rng.random() < 0.5 else 'УДК'} 37.0{rng.randint(10, 99)}"))
        blocks.append(Block("title", _case(rng, topic), align="center"))
        blocks.append(Block("line", f"{p['name']}, {p['position']}, {p['school']}", align="center"))
        blocks.append(Block("para", (f"Андатпа. Мақалада {topic.lower()} мәселесі қарастырылады. "
                                     "Түйін сөздер: оқыту, әдіс, оқушы, дағды.") if kk else
                        (f"Аннотация. В статье рассматривается проблема: {topic.lower()}. "
                         "Ключевые слова: обучение, метод, ученик, навык.")))
        blocks.append(Block("para", ("Қазіргі білім беру жүйесінде оқушының өз бетінше ойлау қабілетін дамыту "
                                     "басты міндеттердің бірі болып табылады. Зерттеу барысында сабақта топтық "
                                     "жұмыс, кері байланыс және бағалау критерийлері қолданылды.") if kk else
                        ("В современной системе образования развитие самостоятельного мышления ученика "
                         "является одной из главных задач. В ходе исследования на уроках применялись "
                         "групповая работа, обратная связь и критерии оценивания.")))
        blocks.append(Block("line", "Пайдаланылған әдебиеттер:" if kk else "Список литературы:"))
        blocks.append(Block("line", f"1. {rng.choice(V.UNIVERSITIES_KK if kk else V.UNIVERSITIES_RU)} "
                                    f"хабаршысы, {rng.randint(2015, 2024)}, №{rng.randint(1, 4)}."))
        blocks.append(Block("line", f"{journal} {'журналы' if kk else 'журнал'}, {p['year']}, "
                                    f"№{rng.randint(1, 12)}, {rng.randint(5, 90)}–{rng.randint(91, 120)} "
                                    f"{'беттер' if kk else 'с.'} ISSN {rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"))
    elif kind == "masterclass":
        blocks.append(Block("title", _case(rng, "Шеберлік сыныбының материалдары" if kk else
                                            "Материалы мастер-класса"), align="center"))
        blocks.append(Block("line", f"{'Тақырыбы' if kk else 'Тема'}: «{topic}»"))
        blocks.append(Block("line", f"{'Өткізген' if kk else 'Провел(а)'}: {p['name']}, {p['position']}"))
        blocks.append(Block("para", ("Шеберлік сыныбының мақсаты: әріптестерді жаңа әдіс-тәсілдермен "
                                     "таныстыру. Қатысушылар топқа бөлініп, тапсырмаларды орындайды.") if kk else
                        ("Цель мастер-класса: познакомить коллег с новыми приемами. Участники делятся на "
                         "группы и выполняют задания.")))
        blocks.append(Block("line", f"{journal}, {p['year']}"))
    else:
        blocks.append(Block("title", _case(rng, _pick(rng, "Ғылыми-практикалық конференция материалдарының жинағы",
                                                   "Мақалалар жинағы") if kk else
                                            _pick(rng, "Сборник материалов научно-практической конференции",
                                                  "Сборник статей")), align="center"))
        blocks.append(Block("line", f"ISBN 978-601-{rng.randint(100, 999)}-{rng.randint(100, 999)}-{rng.randint(0, 9)}",
                            align="center"))
        blocks.append(Block("line", f"{'Баспа' if kk else 'Издательство'}: «{_pick(rng, 'Мектеп', 'Атамұра', 'Арман-ПВ')}», "
                                    f"Алматы, {p['year']}", align="center"))
        blocks.append(Block("line", ("Мазмұны" if kk else "Содержание")))
        blocks += [Block("line", f"{p['name'] if i == 1 else rng.choice(V.RU_SURNAMES_F) + ' ' + rng.choice('АЕМО') + '.'} "
                                 f"{rng.choice(TOPICS[lang])} ........ {rng.randint(3, 200)}") for i in range(4)]
    pages = [PageSpec(blocks)]
    if rng.random() < 0.3 and kind == "article":
        pages.append(PageSpec([Block("para", blocks[4].text), Block("para", blocks[4].text)]))
    return pages


def _review(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    topic = rng.choice(TOPICS[lang])
    title = _case(rng, _pick(rng, "Пікір", "Сын-пікір", "Рецензия") if kk else _pick(rng, "Рецензия", "Отзыв",
                                                                                     "Рецензия"))
    what = _pick(rng, "әдістемелік құралына", "оқу-әдістемелік құралына", "мақаласына", "авторлық бағдарламасына") \
        if kk else _pick(rng, "на методическое пособие", "на учебно-методическое пособие", "на статью",
                         "на авторскую программу")
    reviewer = F._full_name(rng, rng.random() < 0.6, kk or rng.random() < 0.5)
    degree = _pick(rng, "п.ғ.к.", "п.ғ.д., профессор", "PhD") if kk else _pick(rng, "к.п.н.", "д.п.н., профессор", "PhD")
    if kk:
        head = f"{p['name']} ({p['school']}) «{topic}» {what}"
        body = [f"Ұсынылып отырған {what.replace('ына', '').replace('ына', '')} {_pick(rng, 'өзекті тақырыпқа арналған', 'мазмұны жағынан толық')}. "
                f"Автор {_pick(rng, 'сабақта қолдануға болатын тапсырмалар жүйесін ұсынған', 'жаңа әдіс-тәсілдерді сипаттаған')}.",
                f"{_pick(rng, 'Құрылымы', 'Мазмұны')} оқушылардың жас ерекшелігіне сай, {_pick(rng, 'журналда', 'жинақта', 'мектептерде')} "
                f"{_pick(rng, 'жариялауға', 'пайдалануға', 'басып шығаруға')} ұсынуға болады.",
                f"{_pick(rng, 'Пікір беруші', 'Рецензент', 'Пікір жазған')}: {degree} {reviewer}",
                "Қолын растаймын ____________ М.О."]
    else:
        head = f"{what} «{topic}», автор: {p['name']} ({p['school']})"
        body = [f"{_pick(rng, 'Представленная работа', 'Рецензируемое пособие', 'Статья')} посвящена актуальной "
                f"теме. Автор {_pick(rng, 'предлагает систему заданий для урока', 'описывает новые методические приемы')}.",
                f"{_pick(rng, 'Структура', 'Содержание')} соответствует возрастным особенностям учащихся. "
                f"{_pick(rng, 'Рекомендуется к публикации в журнале', 'Рекомендуется к использованию в школах', 'Может быть рекомендовано к печати')}.",
                f"Рецензент: {degree} {reviewer}", "Подпись заверяю ____________ М.П."]
    rng.shuffle(body[:2])
    blocks = [Block("title", title, align="center"), Block("line", head, align="center")]
    blocks += [Block("para", b) for b in body] + [Block("seal", _pick(rng, *V.UNIVERSITIES_KK) if kk else
                                                        _pick(rng, *V.UNIVERSITIES_RU))]
    return [PageSpec(blocks)]


ESSAY_EXTRA = {"kk": ["Мұғалім — қоғамның айнасы. Ол әр күні шәкірттерінің бойына жақсылық дәнін егеді.",
                      "Менің ойымша, заманауи педагог ең алдымен өмір бойы оқитын адам.",
                      "Ұлы Абайдың «Адам бол!» деген қағидасы менің кәсіби ұстанымым."],
               "ru": ["Учитель — зеркало общества. Каждый день он сеет в учениках зерна добра.",
                      "На мой взгляд, современный педагог прежде всего учится всю жизнь.",
                      "Слова Абая «Будь человеком!» стали моим профессиональным принципом."]}


def _essay(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    from mugalim.samples.portfolio import ESSAY_KK, ESSAY_RU
    text = list(ESSAY_KK if lang == "kk" else ESSAY_RU)
    title = _pick(rng, text[0], text[0].replace("ЭССЕ ", "Эссе: "), text[0].split("«")[1].rstrip("»"))
    body = text[1:]
    rng.shuffle(body)
    body = body[:rng.randint(3, 5)] + rng.sample(ESSAY_EXTRA[lang], rng.randint(1, 2))
    blocks = [Block("title", _case(rng, title) if rng.random() < 0.3 else title, align="center")]
    blocks += [Block("para", b) for b in body] + [Block("line", p["name"], align="right")]
    return [PageSpec(blocks)]


def _presentation(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    title = _pick(rng, "Менің инновациялық педагогтік тәжірибем", "Менің педагогикалық тәжірибем",
                  "Тәжірибе таныстырылымы") if kk else \
        _pick(rng, "Мой инновационный педагогический опыт", "Презентация педагогического опыта")
    slides = (["Өзектілігі", "Мақсаты мен міндеттері", "Қолданылған әдістер", "Нәтижелер", "Қорытынды"] if kk else
              ["Актуальность", "Цели и задачи", "Применяемые методы", "Результаты", "Выводы"])
    pages = []
    for k in range(rng.randint(1, 2)):
        blocks = [Block("line", f"{'Слайд' if rng.random() < 0.5 else ''} {k * 3 + 1}".strip())] if k or \
            rng.random() < 0.5 else []
        if k == 0:
            blocks += [Block("title", _case(rng, title), align="center", size=24),
                       Block("line", p["name"], align="center"), Block("line", p["school"], align="center")]
        for s in rng.sample(slides, 2):
            blocks += [Block("title", s, size=18), Block("line", "• " + rng.choice(TOPICS[lang])),
                       Block("line", "• " + _pick(rng, "топтық жұмыс", "кері байланыс", "цифрлық ресурстар") if kk
                             else "• " + _pick(rng, "групповая работа", "обратная связь", "цифровые ресурсы"))]
        pages.append(PageSpec(blocks, landscape=True))
    return pages


def _lesson_plan(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    subject = rng.choice(SUBJECTS[lang])
    title = _pick(rng, "Қысқа мерзімді жоспар", "Сабақ жоспары", "Қысқа мерзімді сабақ жоспары") if kk else \
        _pick(rng, "Краткосрочный план", "План урока", "Краткосрочный план урока")
    rows = ([["Бөлім:", rng.choice(TOPICS[lang])], ["Педагогтің аты-жөні:", p["name"]], ["Күні:", _d(rng, lang)],
             ["Сынып:", f"{rng.randint(1, 11)} «{rng.choice('АӘБВГ')}»"], ["Сабақтың тақырыбы:", subject],
             ["Оқу бағдарламасына сәйкес оқу мақсаттары:", f"{rng.randint(1, 11)}.{rng.randint(1, 4)}.1.{rng.randint(1, 9)}"],
             ["Сабақтың мақсаты:", "оқушылар ... біледі, түсінеді"], ["Бағалау критерийлері:", "..."]] if kk else
            [["Раздел:", rng.choice(TOPICS[lang])], ["ФИО педагога:", p["name"]], ["Дата:", _d(rng, lang)],
             ["Класс:", f"{rng.randint(1, 11)} «{rng.choice('АБВГ')}»"], ["Тема урока:", subject],
             ["Цели обучения в соответствии с учебной программой:", f"{rng.randint(1, 11)}.{rng.randint(1, 4)}.1.{rng.randint(1, 9)}"],
             ["Цели урока:", "учащиеся будут знать, понимать"], ["Критерии оценивания:", "..."]])
    rng.shuffle(rows[2:5])
    course = ([["Сабақтың кезеңі", "Педагогтің әрекеті", "Оқушының әрекеті", "Бағалау", "Ресурстар"],
               ["Басы", "Ұйымдастыру кезеңі", "Сәлемдесу", "Мадақтау", "Слайд"],
               ["Ортасы", "Жаңа тақырып", "Топтық жұмыс", "Дескриптор", "Оқулық"],
               ["Соңы", "Рефлексия", "Кері байланыс", "Смайликтер", "Стикер"]] if kk else
              [["Этап урока", "Действия педагога", "Действия ученика", "Оценивание", "Ресурсы"],
               ["Начало", "Организационный момент", "Приветствие", "Похвала", "Слайд"],
               ["Середина", "Новая тема", "Групповая работа", "Дескриптор", "Учебник"],
               ["Конец", "Рефлексия", "Обратная связь", "Смайлики", "Стикеры"]])
    heading = Block("title", _case(rng, title), align="center")
    flow = [Block("line", "Сабақтың барысы" if kk else "Ход урока", align="center"), Block("table", rows=course)]
    if rng.random() < 0.4:
        return [PageSpec([heading, Block("table", rows=rows)], landscape=rng.random() < 0.3), PageSpec(flow)]
    return [PageSpec([heading, Block("table", rows=rows)] + flow, landscape=rng.random() < 0.3)]


def _class_hour_plan(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    title = _pick(rng, "Тәрбие сағаты", "Сынып сағатының жоспары", "Сынып сағаты") if kk else \
        _pick(rng, "Классный час", "План классного часа", "Разработка классного часа")
    topic = _pick(rng, "«Мен елімнің патриотымын»", "«Мен елімнің патриотымын» («Я патриот своей страны»)") if kk \
        else _pick(rng, "«Я патриот своей страны»", "«Мен елімнің патриотымын»")
    lines = ([f"Тақырыбы: {topic}", f"Сыныбы: {rng.randint(1, 11)}", f"Сынып жетекшісі: {p['name']}",
              "Мақсаты: оқушыларды Отанын сүюге, патриоттыққа тәрбиелеу", "Көрнекілігі: слайд, бейнеролик, Қазақстан картасы",
              "Барысы:", "I. Ұйымдастыру кезеңі", "II. «Туған жер» әңгімесі", "III. Топтық тапсырма",
              "IV. Қорытынды, рефлексия"] if kk else
             [f"Тема: {topic}", f"Класс: {rng.randint(1, 11)}", f"Классный руководитель: {p['name']}",
              "Цель: воспитание любви к Родине, патриотизма", "Наглядность: слайды, видеоролик, карта Казахстана",
              "Ход классного часа:", "I. Организационный момент", "II. Беседа «Родной край»",
              "III. Групповое задание", "IV. Итог, рефлексия"])
    return [PageSpec([Block("title", _case(rng, title), align="center")] + [Block("line", x) for x in lines])]


def _achievement(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    kk = lang == "kk"
    level = rng.choice(["қалалық", "республикалық", "халықаралық"] if kk else ["городской", "республиканской",
                                                                            "международной"])
    kind = rng.choice(["thanks", "gramota", "pupil_diploma", "conference", "community"])
    pupil = F._full_name(rng, rng.random() < 0.5, kk)
    place = rng.choice(["I", "II", "III"])
    if kind == "thanks":
        title = "Алғыс хат" if kk else "Благодарственное письмо"
        body = (f"{p['name']} {_pick(rng, 'оқушыларды тәрбиелеудегі үлесі үшін', 'ата-аналар комитетінің атынан', 'мектепке көрсеткен көмегі үшін')} алғыс білдіреміз"
                if kk else f"Выражаем благодарность {p['name']} {_pick(rng, 'за вклад в воспитание учащихся', 'от имени родительского комитета', 'за помощь школе')}")
    elif kind == "gramota":
        title = _pick(rng, "Құрмет грамотасы", "Мадақтама", "Грамота") if kk else _pick(rng, "Почетная грамота", "Грамота")
        body = (f"{p['name']} {level} {_pick(rng, 'байқауда', 'семинарда', 'конкурста')} белсенді қатысқаны үшін марапатталады"
                if kk else f"награждается {p['name']} за активное участие в {level} {_pick(rng, 'семинаре', 'конкурсе', 'акции')}")
    elif kind == "pupil_diploma":
        title = _pick(rng, f"{place} дәрежелі диплом", "Диплом") if kk else _pick(rng, f"Диплом {place} степени", "Диплом")
        body = (f"{pupil}, {rng.randint(5, 11)}-сынып оқушысы, {rng.choice(SUBJECTS['kk'])} пәнінен {level} олимпиаданың "
                f"{place} орын жүлдегері. Жетекшісі: {p['name']}" if kk else
                f"награждается {pupil}, ученик(ца) {rng.randint(5, 11)} класса, призер {level} олимпиады по предмету "
                f"«{rng.choice(SUBJECTS['ru'])}», {place} место. Руководитель: {p['name']}")
    elif kind == "conference":
        title = "Сертификат"
        body = (f"{p['name']} {level} ғылыми-практикалық конференцияға {_pick(rng, 'баяндамамен', '')} қатысқаны үшін"
                if kk else f"подтверждает, что {p['name']} принял(а) участие в {level} научно-практической "
                f"конференции {_pick(rng, 'с докладом', '')}")
    else:
        title = _pick(rng, "Алғыс хат", "Құрмет грамотасы") if kk else _pick(rng, "Благодарность", "Почетная грамота")
        body = (f"{p['name']} {_pick(rng, 'қайырымдылық акциясын ұйымдастырғаны үшін', 'шетелдік мектептермен тәжірибе алмасуға қатысқаны үшін', 'бұқаралық ақпарат құралдарындағы шығармашылық жұмысы үшін')}"
                if kk else f"{p['name']} {_pick(rng, 'за организацию благотворительной акции', 'за участие в обмене опытом с зарубежными школами', 'за выступления в средствах массовой информации')}")
    issuer = _pick(rng, "Алматы қаласы Білім басқармасы", "ҚР Оқу-ағарту министрлігі", p["school"]) if kk else \
        _pick(rng, "Управление образования города Алматы", "Министерство просвещения РК", p["school"])
    blocks = [Block("line", issuer, align="center"), Block("title", _case(rng, title), align="center", size=26),
              Block("para", body), Block("line", f"{'Басшы' if kk else 'Руководитель'} ____________"),
              Block("line", f"Алматы, {p['year']}", align="center"), Block("seal", issuer)]
    return [PageSpec(blocks, landscape=rng.random() < 0.4)]


def _unknown(rng: random.Random, lang: str, p: dict[str, Any]) -> list[PageSpec]:
    """Papers that are none of the types: a medical certificate, a payment receipt, an explanatory note."""
    kk = lang == "kk"
    kind = rng.choice(["medical", "receipt", "note"])
    if kind == "medical":
        lines = [("Медициналық анықтама" if kk else "Медицинская справка") + " № 075/у",
                 f"{'Берілді' if kk else 'Выдана'}: {p['name']}", ("Медициналық тексеруден өтті, жұмыс істеуге "
                 "қарсы көрсетілімдер жоқ" if kk else "Прошел(ла) медицинский осмотр, противопоказаний к работе нет"),
                 f"{'Емхана' if kk else 'Поликлиника'} № {rng.randint(1, 36)}", "Дәрігер ____________" if kk else
                 "Врач ____________"]
    elif kind == "receipt":
        lines = ["Түбіртек" if kk else "Квитанция", f"Төлеуші / Плательщик: {p['name']}",
                 f"Сомасы / Сумма: {rng.randint(1, 99) * 100} ₸", f"Kaspi Bank, {_d(rng, lang)}",
                 "Коммуналдық қызметтер" if kk else "Коммунальные услуги"]
    else:
        lines = ["Түсінік хат" if kk else "Объяснительная записка",
                 f"{'Мектеп директорына' if kk else 'Директору школы'}", f"{p['name']}",
                 ("Мен 12 қаңтарда жұмысқа денсаулығыма байланысты келе алмадым." if kk else
                  "Я не вышла на работу 12 января по состоянию здоровья."), "Қолы / Подпись ____________"]
    return [PageSpec([Block("title", lines[0], align="center")] + [Block("line", x) for x in lines[1:]])]


COMPOSERS = {"application": _application, "id_copy": _id_copy, "personnel_sheet": _personnel_sheet,
             "diploma": _diploma, "training_certificate": _training_certificate, "publication": _publication,
             "review": _review, "essay": _essay, "presentation": _presentation, "lesson_plan": _lesson_plan,
             "class_hour_plan": _class_hour_plan, "achievement": _achievement, "unknown": _unknown}


# ---------------------------------------------------------------- rendering

def _font_for(rng: random.Random, lang: str) -> str:
    return rng.choice(CLEAN_FONTS)


def rasterize(spec: PageSpec, font: str, dpi: int, rng: random.Random, size: float = 12.0) -> Image.Image:
    """A page (A4, portrait or landscape) drawn at `dpi`; an identity card is drawn as the card it is."""
    s = dpi / 72
    w, h = (A4[1], A4[0]) if spec.landscape else A4
    img = Image.new("L", (round(w * s), round(h * s)), 255)
    draw = ImageDraw.Draw(img)
    ts = F._Typesetter(font, size)
    left, right, y = 60.0, w - 50.0, 60.0

    def text(x: float, base: float, t: str, sz: float, bold: bool) -> None:
        draw.text((x * s, base * s), t, font=F._pil_font(F.FONTS[font][int(bold)], max(6, round(sz * s))),
                  fill=rng.randint(0, 35), anchor="ls")

    for b in spec.blocks:
        sz = b.size or (size * 1.35 if b.kind == "title" else size)
        lh = sz * 1.3
        if b.kind in ("title", "line", "para"):
            bold = b.kind == "title"
            for ln in ts.wrap(b.text, right - left) if b.kind != "title" else \
                    F._Typesetter(font, sz).wrap(b.text, right - left):
                tw = F._Typesetter(font, sz).width(ln, bold)
                x = (left + right - tw) / 2 if b.align == "center" else right - tw if b.align == "right" else left
                y += lh
                text(x, y, ln, sz, bold)
            y += lh * (0.8 if b.kind == "title" else 0.25)
        elif b.kind == "table":
            cols = max(len(r) for r in b.rows)
            widths = [(right - left) * (0.42 if cols == 2 and i == 0 else 0.58 if cols == 2 else 1 / cols)
                      for i in range(cols)]
            csz = size * (0.85 if cols > 3 else 1.0)
            cts = F._Typesetter(font, csz)
            for r in b.rows:
                wrapped = [cts.wrap(c, widths[i] - 6) for i, c in enumerate(r)]
                rh = max(len(x) for x in wrapped) * csz * 1.25 + 6
                x = left
                draw.line([(left * s, y * s), (right * s, y * s)], fill=0, width=max(1, round(0.7 * s)))
                for i, lines in enumerate(wrapped):
                    for j, ln in enumerate(lines):
                        text(x + 3, y + csz * 1.1 + j * csz * 1.25, ln, csz, False)
                    draw.line([(x * s, y * s), (x * s, (y + rh) * s)], fill=0, width=max(1, round(0.7 * s)))
                    x += widths[i]
                draw.line([(right * s, y * s), (right * s, (y + rh) * s)], fill=0, width=max(1, round(0.7 * s)))
                y += rh
            draw.line([(left * s, y * s), (right * s, y * s)], fill=0, width=max(1, round(0.7 * s)))
            y += size
        elif b.kind == "card":
            lines = b.text.split("\n")
            cw = min(right - left, 330.0)
            csz = size * 0.72
            ch = max(cw / 1.585, len(lines) * csz * 1.35 + 20)
            x0 = left + (right - left - cw) * rng.random() * 0.3
            draw.rounded_rectangle([x0 * s, y * s, (x0 + cw) * s, (y + ch) * s], radius=12 * s, outline=60,
                                   width=max(1, round(s)))
            draw.rectangle([(x0 + 10) * s, (y + 30) * s, (x0 + 75) * s, (y + 110) * s], fill=170)   # the photo
            for j, ln in enumerate(lines):
                text(x0 + (85 if 1 < j < 8 else 10), y + 16 + j * csz * 1.35, ln, csz, j < 2)
            y += ch + 25
        elif b.kind == "seal":
            r = 48.0
            cx, cy = right - r - rng.uniform(0, 120), min(h - r - 20, y + r * rng.uniform(-0.6, 0.2))
            ink = rng.randint(70, 130)
            draw.ellipse([(cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s], outline=ink, width=max(1, round(1.5 * s)))
            draw.ellipse([(cx - r * 0.7) * s, (cy - r * 0.7) * s, (cx + r * 0.7) * s, (cy + r * 0.7) * s], outline=ink,
                         width=max(1, round(s)))
            word = (b.text.split() or ["М.О."])[0][:12]
            draw.text((cx * s, cy * s), word, font=F._pil_font(F.FONTS[font][1], round(7 * s)), fill=ink, anchor="mm")
        if y > h - 40:
            break
    return img


def _digital_pdf(pages: list[PageSpec], font: str, rng: random.Random) -> bytes:
    """A born-digital PDF of the pages: text drawn as text (pdfplumber reads it), in reportlab."""
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    pfont = F._pdf_font(font)
    for spec in pages:
        w, h = (A4[1], A4[0]) if spec.landscape else A4
        c.setPageSize((w, h))
        ts = F._Typesetter(font, 12)
        y = 60.0
        for b in spec.blocks:
            sz = b.size or (16 if b.kind == "title" else 12)
            if b.kind == "table":
                lines = [" | ".join(r) for r in b.rows]
            elif b.kind == "card":
                lines = b.text.split("\n")
            elif b.kind == "seal":
                continue
            else:
                lines = F._Typesetter(font, sz).wrap(b.text, w - 110)
            for ln in lines:
                for part in (ts.wrap(ln, w - 110) if b.kind == "table" else [ln]):
                    y += sz * 1.3
                    if y > h - 30:
                        break
                    c.setFont(F._register(pfont, b.kind == "title"), sz)
                    tw = c.stringWidth(part, F._register(pfont, b.kind == "title"), sz)
                    x = (w - tw) / 2 if b.align == "center" else w - 50 - tw if b.align == "right" else 60
                    c.drawString(x, h - y, part)
            y += 6
        c.showPage()
    c.save()
    return buf.getvalue()


def render(doc_type: str, pages: list[PageSpec], rng: random.Random, *, lang: str, rendering: str, severity: str,
           dpi: int = 200) -> Labelled:
    font = _font_for(rng, lang)
    out = Labelled(doc_type, lang, rendering, severity, pages)
    if rendering == "digital":
        out.pdf = _digital_pdf(pages, font, rng)
        return out
    color = rendering == "photo" or rng.random() < 0.3
    for spec in pages:
        img = rasterize(spec, font, dpi, rng)
        page, _ = F.degrade_scan(img, rng, severity, dpi=dpi, color=color, photo=rendering == "photo")
        if rendering == "photo" and spec.blocks and spec.blocks[0].kind == "card" and rng.random() < 0.5:
            page = _crop_card(page)
        out.images.append(page)
    return out


def _crop_card(img: Image.Image) -> Image.Image:
    """A phone photo of just the card: the card's part of the sheet, as people send it."""
    w, h = img.size
    return img.crop((int(w * 0.03), int(h * 0.03), int(w * 0.75), int(h * 0.45)))


def make_document(seed: int, doc_type: str, *, lang: str | None = None, rendering: str | None = None,
                  severity: str | None = None, dpi: int = 200) -> Labelled:
    """One labelled document. Everything not given is drawn from the seed."""
    rng = random.Random(f"doc-{seed}-{doc_type}")
    lang = lang or rng.choice(["kk", "ru"])
    rendering = rendering or rng.choice(RENDERINGS)
    severity = "clean" if rendering == "digital" else severity or rng.choice(["clean", "light", "medium", "heavy"])
    pages = COMPOSERS[doc_type](rng, lang, _person(rng, lang))
    out = render(doc_type, pages, rng, lang=lang, rendering=rendering, severity=severity, dpi=dpi)
    out.name = _meaningless_name(rng, rendering)
    return out


def _meaningless_name(rng: random.Random, rendering: str) -> str:
    if rendering == "photo":
        return f"IMG_{rng.randint(1000, 9999)}.jpg"
    return rng.choice([f"Scan_2026020{rng.randint(1, 9)}_{rng.randint(1, 99):04d}.pdf", f"doc{rng.randint(1, 40):02d}.pdf",
                       f"Документ{rng.randint(1, 30)}.pdf", f"{rng.randint(1, 20):03d}.png"])


def write(doc: Labelled, path: Any) -> Any:
    """The document as a file: a PDF (born digital, or image pages as a scanner writes them), or an image."""
    from pathlib import Path
    path = Path(path)
    if doc.pdf is not None:
        path.write_bytes(doc.pdf)
    elif path.suffix.lower() == ".pdf":
        buf = io.BytesIO()
        imgs = [im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in doc.images]
        imgs[0].save(buf, "PDF", save_all=True, append_images=imgs[1:], resolution=200, quality=80)
        path.write_bytes(buf.getvalue())
    elif path.suffix.lower() in (".jpg", ".jpeg"):
        doc.images[0].convert("RGB").save(path, "JPEG", quality=85)
    else:
        doc.images[0].save(path)
    return path


# ---------------------------------------------------------------- a dossier scanned as one PDF

ONE_PDF_ORDER = ["id_copy", "personnel_sheet", "diploma", "training_certificate", "training_certificate",
                 "publication", "review", "essay", "presentation", "lesson_plan", "class_hour_plan", "achievement",
                 "achievement"]


def make_one_pdf_dossier(seed: int, *, severity: str | None = None, digital_share: float = 0.0,
                         dpi: int = 200) -> tuple[bytes, list[dict[str, Any]]]:
    """A whole dossier scanned into one PDF: the application first, then the documents in any order (one
    person, one language); returns the PDF's bytes and the truth: every document's type and page range
    (1-based, inclusive)."""
    rng = random.Random(f"one-pdf-{seed}")
    lang = rng.choice(["kk", "ru"])
    severity = severity or rng.choice(["clean", "light", "medium"])
    person = _person(rng, lang)
    kinds = ONE_PDF_ORDER[:]
    rng.shuffle(kinds)
    kinds = ["application"] + kinds[:rng.randint(7, len(kinds))]
    font = _font_for(rng, lang)
    color = rng.random() < 0.3
    images: list[Image.Image] = []
    truth = []
    for kind in kinds:
        pages = COMPOSERS[kind](rng, lang, person)
        first = len(images) + 1
        for spec in pages:
            img = rasterize(spec, font, dpi, rng)
            page, _ = F.degrade_scan(img, rng, severity, dpi=dpi, color=color)
            images.append(page.convert("RGB") if color else page)
        truth.append({"doc_type": kind, "pages": [first, len(images)]})
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=80)
    return buf.getvalue(), truth
