"""Document types (portfolio.md) from content, in Kazakh or Russian, and the document's language.

Each type has key phrases; a phrase in the first lines (the title) counts three times. Phrases are compared on
folded text, so OCR's Russian look-alikes of Kazakh letters still match. An achievement (sections 2–4) also carries
its level (city / republic / international).
"""
from __future__ import annotations

import re

from extractors.textnorm import fold

PHRASES: dict[str, list[str]] = {
    "application": ["өтінім", "заявка", "жұмыс орны", "место работы", "тегі, аты, әкесінің аты",
                    "фамилия, имя, отчество", "біліктілік санаты", "квалификационная категория",
                    "ұйымдастыру комитетінің төрағасына", "председателю организационного комитета",
                    "марапаттау, көтермелеу", "награды, поощрения", "туған күні, айы, жылы", "педагогикалық өтілі",
                    "лауазымдағы жұмыс өтілі", "жеке басын куәландыратын", "байланыс телефоны",
                    "число, месяц, год рождения", "педагогический стаж", "стаж работы в должности",
                    "домашний адрес", "контактный телефон", "данные документа", "конкурсқа қатысуға жіберуіңізді",
                    "прошу допустить меня к участию", "өтінімнің толтырылған күні", "дата заполнения"],
    "id_copy": ["жеке куәлік", "удостоверение личности", "identity card", "паспорт", "passport",
                "қазақстан республикасы", "республика казахстан", "туған жері", "место рождения", "ұлты",
                "национальность", "берілген күні", "дата выдачи"],
    "personnel_sheet": ["кадрларды есепке алудың жеке парағы", "кадрларды есепке алу", "жеке парағы",
                        "личный листок по учету кадров", "личный листок", "еңбек жолы", "трудовая деятельность"],
    "diploma": ["диплом", "бітірді", "окончил", "біліктілігі берілді", "присуждена квалификация",
                "жоғары білім туралы", "о высшем образовании", "бакалавр", "магистр"],
    "training_certificate": ["сертификат", "біліктілікті арттыру", "повышения квалификации",
                             "повышении квалификации", "курсынан өтті", "прошел курсы", "прошла курсы",
                             "академические часы", "академиялық сағат", "орлеу", "өрлеу"],
    "publication": ["мақала", "статья", "журнал", "issn", "isbn", "баспа", "жинақ", "сборник", "шеберлік сабақ",
                    "мастер-класс", "әдістемелік құрал", "методическое пособие", "басылым", "публикация"],
    "review": ["пікір", "рецензия", "рецензент", "сын-пікір", "отзыв"],
    "essay": ["эссе", "заманауи педагог қандай болуы керек", "каким должен быть современный педагог"],
    "presentation": ["таныстырылым", "презентация", "менің инновациялық педагогтік тәжірибем",
                     "мой инновационный педагогический опыт", "слайд"],
    "lesson_plan": ["қысқа мерзімді жоспар", "сабақ жоспары", "краткосрочный план", "план урока",
                    "сабақтың мақсаты", "цель урока", "оқу мақсаттары", "сабақтың барысы", "ход урока"],
    "class_hour_plan": ["тәрбие сағаты", "классный час", "мен елімнің патриотымын", "я патриот своей страны",
                        "сынып сағаты"],
    "achievement": ["алғыс хат", "благодарственное письмо", "грамота", "мадақтама", "олимпиада", "жеңімпаз",
                    "победитель", "призер", "жүлдегер", "конференция", "i орын", "ii орын",
                    "iii орын", "i место", "ii место", "iii место", "дипломымен марапатталады", "награждается"],
}
_FOLDED = {t: [fold(p) for p in ps] for t, ps in PHRASES.items()}
LEVELS = {"international": ["халықаралық", "международн"], "republic": ["республикалық", "республиканск"],
          "city": ["қалалық", "городск", "алматы қаласы"]}
KAZAKH_ONLY = set("әғқңөұүһі")
KK_WORDS = {"және", "мен", "үшін", "бойынша", "туралы", "жылы", "жылғы", "қаласы", "ж", "берген", "бар", "жоқ",
            "пен", "бен", "деп", "осы", "бұл", "оның", "сабақ", "мектеп"}
RU_WORDS = {"и", "в", "на", "по", "для", "от", "с", "о", "об", "года", "г", "лет", "не", "что", "как", "это",
            "при", "из", "к", "за", "или", "город", "города", "школа"}


def classify(text: str, *, title_lines: int = 6, name: str = "") -> str:
    """The document type of a page's (or document's) text; `unknown` when nothing points to one."""
    lines = [fold(ln) for ln in text.splitlines() if ln.strip()]
    head, body = " ".join(lines[:title_lines]), " ".join(lines)
    scores = {}
    for doc_type, phrases in _FOLDED.items():
        score = sum(3 * _count(head, p) + _count(body, p) for p in phrases)
        if score:
            scores[doc_type] = score
    hint = fold(name)
    for doc_type, phrases in _FOLDED.items():
        if any(p in hint for p in phrases):
            scores[doc_type] = scores.get(doc_type, 0) + 2
    if not scores:
        return "unknown"
    return max(scores, key=lambda t: (scores[t], t == "application"))


def _count(text: str, phrase: str) -> int:
    return len(re.findall(rf"(?<![а-яa-z0-9]){re.escape(phrase)}", text)) if phrase else 0


def level(text: str) -> str | None:
    """city / republic / international for an achievement, from its words; None when it does not say."""
    t = fold(text)
    for lv in ("international", "republic", "city"):
        if any(fold(k) in t for k in LEVELS[lv]):
            return lv
    return None


def language(text: str) -> str:
    """kk, ru or mixed: Kazakh-only letters and function words against Russian function words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "mixed"
    kk = sum(1 for w in words if KAZAKH_ONLY & set(w) or w in KK_WORDS)
    ru = sum(1 for w in words if w in RU_WORDS or w.endswith(("ого", "ать", "ого", "ский", "ная", "ции", "ние")))
    if kk + ru == 0:
        return "mixed"
    share = kk / (kk + ru)
    return "kk" if share >= 0.75 else "ru" if share <= 0.25 else "mixed"
