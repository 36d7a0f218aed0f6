"""Document types (portfolio.md) from content, in Kazakh or Russian, with a confidence; and the document's language.

`type_document` scores every type by the cues its page text holds: the title words and fixed phrases each kind of
document carries in both languages (a title cue found in the heading lines counts twice, and a title word is
recognized through an OCR slip or two), the phrases other documents share counted weakly (an identity card, a
diploma and a personnel sheet all say "Қазақстан Республикасы" or "дата выдачи"), and the page's shape when it is
known (a card photographed alone, a landscape certificate). Each cue counts once, so a long text does not outvote a
title. The confidence is how far the best type is ahead of the next one; below THRESHOLD the document is `unknown`
and goes to a person, with the best guess kept. A file name is a hint only: it adds to a type the content already
points to, never makes one alone. Phrases are compared on folded text (`textnorm.fold`), so OCR's Russian
look-alikes of Kazakh letters still match. An achievement (sections 2–4) also carries its level.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractors.textnorm import fold, similarity

THRESHOLD = 0.30
HEAD_LINES = 8
# weights: a title cue (T) is what a document calls itself; S a phrase only that kind of document writes; M a phrase
# it usually writes; W one that others write too.
T, S, M, W = 6.0, 4.0, 2.0, 0.7
CUES: dict[str, list[tuple[str, float]]] = {
    "application": [("өтінім", T), ("заявка", T), ("ұйымдастыру комитетінің төрағасына", S),
                    ("председателю организационного комитета", S), ("конкурсқа қатысуға жіберуіңізді", S),
                    ("прошу допустить меня к участию", S), ("тегі аты әкесінің аты", M),
                    ("фамилия имя отчество", M), ("біліктілік санаты", S), ("квалификационная категория", S),
                    ("педагогикалық өтілі", S), ("педагогический стаж", S), ("лауазымдағы жұмыс өтілі", S),
                    ("стаж работы в должности", S), ("байланыс телефоны", M), ("контактный телефон", M),
                    ("марапаттау көтермелеу", S), ("награды поощрения", S), ("жеке басын куәландыратын", M),
                    ("документа удостоверяющего личность", M), ("өтінімнің толтырылған күні", S),
                    ("дата заполнения", M), ("жұмыс орны", M), ("место работы", M), ("конкурсқа қатысушының", M),
                    ("участника конкурса", M), ("индексі көрсетілген", S), ("домашний адрес с индексом", S)],
    "id_copy": [("жеке куәлік", T), ("удостоверение личности", T), ("паспорт", T), ("passport", T),
                ("identity card", T), ("surname", S), ("жсн иин", S), ("иин", W), ("жсн", W),
                ("әкесінің аты отчество", S), ("тегі фамилия", S), ("аты имя", M), ("туған күні дата рождения", S),
                ("берген орган орган выдачи", S), ("орган выдачи", M), ("қолданылу мерзімі", S),
                ("срок действия", M), ("мвд рк", M), ("ір іім", M), ("қр іім", M), ("idkaz", S), ("pdkaz", S),
                ("туған жері", W), ("место рождения", W), ("ұлты", W), ("национальность", W),
                ("қазақстан республикасы", W), ("республика казахстан", W), ("ықтиярхат", T),
                ("вид на жительство", T)],
    "personnel_sheet": [("кадрларды есепке алудың жеке парағы", T), ("кадрларды есепке алу", T),
                        ("жеке парақ", T), ("жеке парағы", T), ("личный листок по учету кадров", T),
                        ("личный листок", T), ("листок по учету кадров", T), ("листок по учету", T),
                        ("есепке алу", S), ("еңбек жолы", S),
                        ("еңбек қызметі", S), ("трудовая деятельность", S), ("кадр қызметі", S),
                        ("кадровой службы", S), ("отдел кадров", M), ("шет тілдерін", M),
                        ("иностранными языками", M), ("отбасы жағдайы", M), ("семейное положение", M),
                        ("ғылыми дәрежесі", M), ("ученая степень", M), ("кіру күні", M), ("шығу күні", M),
                        ("дата поступления", M), ("дата ухода", M), ("жынысы", M), ("пол", W),
                        ("мемлекеттік наградалары", M), ("государственные награды", M), ("ұлты", W),
                        ("национальность", W), ("туған жері", W), ("место рождения", W)],
    "diploma": [("диплом", S),            # a pupil's prize diploma is called so too: the title alone does not decide ("жоғары білім туралы", S), ("о высшем образовании", S),
                ("кәсіптік білім туралы", S), ("профессиональном образовании", S),
                ("жоғары оқу орнынан кейінгі білім", S), ("о послевузовском образовании", S), ("бітірді", S),
                ("окончил", S), ("біліктілігі берілді", S), ("дәрежесі берілді", S), ("присуждена", S),
                ("присвоена квалификация", S), ("аттестаттау комиссиясының", S), ("аттестационной комиссии", S),
                ("мамандығы бойынша", M), ("по специальности", M), ("бакалавр", M), ("магистр", M), ("ректор", M),
                ("тіркеу нөмірі", M), ("регистрационный номер", W), ("осы диплом", S), ("настоящий диплом", S),
                ("университет", W), ("колледж", W), ("берілген күні", W), ("дата выдачи", W)],
    "training_certificate": [("сертификат", M), ("куәлік", W), ("удостоверение", M), ("свидетельство", M),
                             ("біліктілікті арттыру", S), ("повышения квалификации", S),
                             ("повышении квалификации", S), ("курсынан өтті", S), ("курсын тәмамдады", S),
                             ("прошел курсы", S), ("прошла курсы", S), ("прошел ла курсы", S),
                             ("оқудан өтті", S), ("прошел ла обучение", S), ("освоил ла", S),
                             ("академиялық сағат", S), ("академических часов", S), ("академические часы", S),
                             ("сағат", W), ("часов", W), ("оқу мерзімі", M), ("сроки обучения", M), ("өрлеу", M),
                             ("орлеу", M), ("педагогикалық шеберлік орталығы", M), ("педагогического мастерства", M),
                             ("в объеме", M), ("көлемі", W), ("talap", M)],
    "publication": [("мақала", M), ("статья", M), ("журнал", M), ("issn", S), ("isbn", S), ("удк", S),
                    ("әож", S), ("андатпа", S), ("аннотация", M), ("түйін сөздер", S), ("ключевые слова", S),
                    ("пайдаланылған әдебиеттер", S), ("список литературы", S), ("әдебиеттер тізімі", S),
                    ("шеберлік сыныбының материалдары", T), ("материалы мастер класса", T), ("шеберлік сынып", M),
                    ("мастер класс", M), ("жинақ", M), ("сборник", M), ("баспа", M), ("издательство", M),
                    ("мазмұны", W), ("содержание", W), ("әдістемелік құрал", W), ("методическое пособие", W),
                    ("басылым", M), ("публикация", M), ("материалдарының жинағы", S), ("жинағы", M), ("конференция материалдарының", M),
                    ("материалов научно практической", M), ("хабаршысы", M), ("вестник", W)],
    "review": [("пікір", T), ("сын пікір", T), ("рецензия", T), ("рецензент", S), ("отзыв", T),
               ("пікір беруші", S), ("пікір жазған", S), ("рецензируемое", S), ("ұсынуға болады", S),
               ("рекомендуется к", S), ("может быть рекомендовано", S), ("к печати", M), ("к публикации", M),
               ("басып шығаруға", M), ("жариялауға", M), ("қолын растаймын", M), ("подпись заверяю", M),
               ("п ғ к", M), ("к п н", M), ("п ғ д", M), ("д п н", M), ("актуальной теме", M),
               ("өзекті тақырыпқа", M)],
    "essay": [("эссе", T), ("заманауи педагог қандай болуы керек", T), ("каким должен быть современный педагог", T),
              ("шабыттандыратын", M), ("вдохновляют", M), ("мұғалім мәртебесін", M), ("статуса учителя", M),
              ("отбасының ықпалы", M), ("влияние семьи", M), ("мейірімді және қайырымды", M),
              ("доброго и щедрого", M), ("заманауи педагог", M), ("современный педагог", M)],
    "presentation": [("таныстырылым", T), ("презентация", T), ("слайд", M),
                     ("менің инновациялық педагогтік тәжірибем", S), ("мой инновационный педагогический опыт", S),
                     ("инновационный педагогический опыт", S), ("педагогтік тәжірибем", S),
                     ("инновациялық педагогтік", S),
                     ("педагогикалық тәжірибем", S), ("педагогического опыта", M), ("өзектілігі", M),
                     ("актуальность", M), ("мақсаты мен міндеттері", M), ("цели и задачи", M), ("қорытынды", W),
                     ("выводы", W), ("нәтижелер", W), ("результаты", W)],
    "lesson_plan": [("қысқа мерзімді жоспар", T), ("сабақ жоспары", T), ("краткосрочный план", T),
                    ("план урока", T), ("сабақтың мақсаты", S), ("цель урока", S), ("цели урока", S),
                    ("оқу мақсаттары", S), ("цели обучения", S), ("сабақтың барысы", S), ("ход урока", S),
                    ("бағалау критерийлері", S), ("критерии оценивания", S), ("сабақтың тақырыбы", S),
                    ("тема урока", S), ("сабақтың кезеңі", S), ("этап урока", S), ("педагогтің әрекеті", S),
                    ("действия педагога", S), ("оқушының әрекеті", M), ("действия ученика", M),
                    ("рефлексия", W), ("ресурстар", W), ("ресурсы", W), ("дескриптор", M)],
    "class_hour_plan": [("тәрбие сағаты", T), ("сынып сағаты", T), ("сынып сағатының", T), ("классный час", T),
                        ("классного часа", T), ("мен елімнің патриотымын", S), ("я патриот своей страны", S),
                        ("сынып жетекшісі", S), ("классный руководитель", S), ("көрнекілігі", M),
                        ("наглядность", M), ("патриот", M), ("отанын сүюге", M), ("любви к родине", M),
                        ("ұйымдастыру кезеңі", W), ("организационный момент", W)],
    "achievement": [("алғыс хат", T), ("благодарственное письмо", T), ("благодарность", T), ("грамота", T),
                    ("құрмет грамотасы", T), ("почетная грамота", T), ("мадақтама", T), ("дәрежелі диплом", S),
                    ("диплом", M), ("диплом i", M), ("сынып оқушысы", S), ("оқушысы", M), ("ученик", M),
                    ("ученица", M), ("степени", W), ("участие в", M),
                    ("подтверждает что", M), ("научно практической конференции", M), ("конференцияға", M),
                    ("тәжірибе алмасу", M), ("обмен опытом", M), ("басшы", W), ("олимпиада", M), ("олимпиады", M), ("жеңімпаз", M),
                    ("победитель", M), ("призер", M), ("жүлдегер", M), ("орын", W), ("место", W),
                    ("марапатталады", S), ("награждается", S), ("алғыс білдіреміз", S),
                    ("выражаем благодарность", S), ("қатысқаны үшін", S), ("за участие", M),
                    ("принял а участие", S), ("конференция", M), ("конференции", M), ("байқау", M),
                    ("конкурс", W), ("жетекшісі", M), ("руководитель", W), ("қайырымдылық", M),
                    ("благотворительной", M)],
}
_FOLDED = {t: [(fold(p), w) for p, w in cues] for t, cues in CUES.items()}
# single title words recognized through OCR slips in the heading (at least 5 letters)
_TITLE_WORDS = {t: [(p, w) for p, w in cues if w == T and " " not in p and len(p) >= 5]
                for t, cues in _FOLDED.items()}
NAME_HINTS = {"application": ["отінім", "отиним", "otinim", "заявк", "zayavk"],
              "id_copy": ["удостов", "udostov", "куалик", "kualik", "паспорт", "passport", "id card", "idcard"],
              "personnel_sheet": ["листок", "listok", "парак", "kadr", "кадр"],
              "diploma": ["диплом", "diplom"], "training_certificate": ["сертиф", "sertif", "certif", "курс", "kurs"],
              "publication": ["макала", "makala", "стать", "stat", "публик", "public"],
              "review": ["пикир", "pikir", "рецензи", "recenz", "retsenz", "отзыв", "otzyv"],
              "essay": ["эссе", "esse", "essay"], "presentation": ["презент", "prezent", "slide"],
              "lesson_plan": ["урок", "сабак", "lesson", "plan_urok", "ksp", "ксп"],
              "class_hour_plan": ["класс", "сынып", "tarbie", "тарбие"],
              "achievement": ["алгыс", "algys", "грамот", "gramot", "мадак", "благодар"]}
PROSE_TYPES = ("essay", "publication", "review")
LEVELS = {"international": ["халықаралық", "международн"], "republic": ["республикалық", "республиканск"],
          "city": ["қалалық", "городск", "алматы қаласы"]}
KAZAKH_ONLY = set("әғқңөұүһі")
KK_WORDS = {"және", "мен", "үшін", "бойынша", "туралы", "жылы", "жылғы", "қаласы", "ж", "берген", "бар", "жоқ",
            "пен", "бен", "деп", "осы", "бұл", "оның", "сабақ", "мектеп"}
RU_WORDS = {"и", "в", "на", "по", "для", "от", "с", "о", "об", "года", "г", "лет", "не", "что", "как", "это",
            "при", "из", "к", "за", "или", "город", "города", "школа"}


@dataclass(frozen=True)
class Typing:
    """The type told from content: `doc_type` (`unknown` below the threshold), `confidence` (0–1), the best guess
    whatever the confidence, and every type's score (for the review station and the benchmark)."""

    doc_type: str
    confidence: float
    guess: str
    scores: dict[str, float] = field(default_factory=dict)
    cues: tuple[str, ...] = ()


def type_document(text: str, *, name: str = "", page_size: tuple[float, float] | None = None,
                  threshold: float = THRESHOLD) -> Typing:
    """The type of a document (or page) from its text, its shape when known, and its file name as a hint."""
    lines = [fold(ln) for ln in text.splitlines() if ln.strip()]
    head, body = " ".join(lines[:HEAD_LINES]), " ".join(lines)
    if not body.strip():
        return Typing("unknown", 0.0, "unknown")
    head_words = set(head.split())
    scores: dict[str, float] = {}
    found: list[str] = []
    for doc_type, cues in _FOLDED.items():
        score = 0.0
        for phrase, weight in cues:
            in_head = _has(head, phrase)
            if in_head or _has(body, phrase):
                score += weight * (2 if in_head and weight >= S else 1)
                found.append(f"{doc_type}:{phrase}")
            elif weight == T and (phrase, weight) in _TITLE_WORDS[doc_type] and _fuzzy_in(head_words, phrase):
                score += weight * 1.5
                found.append(f"{doc_type}:~{phrase}")
        if score:
            scores[doc_type] = score
    _shape(scores, page_size, len(body.split()))
    _hint(scores, name)
    if not scores:
        return Typing("unknown", 0.0, "unknown", {}, tuple(found))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, s1 = ranked[0]
    s2 = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = round(min(1.0, s1 / 8.0) * (s1 - s2) / s1, 3)
    return Typing(best if confidence >= threshold else "unknown", confidence, best,
                  {k: round(v, 2) for k, v in ranked}, tuple(found))


#: what may not stand right before a cue phrase (the phrase must start a word): the regex class [а-яa-z0-9]
_WORD_BEFORE = frozenset(map(chr, range(ord("а"), ord("я") + 1))) | frozenset(string.ascii_lowercase + string.digits)


def _starts(text: str, phrase: str) -> Iterator[int]:
    """Where `phrase` starts a word of `text`, left to right, matches not overlapping. A search by `str.find`, not
    by a regular expression per phrase: compiling the ~450 cue phrases' expressions cost 0.2 s of every process."""
    i = text.find(phrase) if phrase else -1
    while i != -1:
        if i == 0 or text[i - 1] not in _WORD_BEFORE:
            yield i
            i = text.find(phrase, i + len(phrase))
        else:
            i = text.find(phrase, i + 1)


def _has(text: str, phrase: str) -> bool:
    return next(_starts(text, phrase), None) is not None


def _fuzzy_in(words: set[str], word: str) -> bool:
    return any(abs(len(w) - len(word)) <= 2 and similarity(w, word) >= 0.8 for w in words if len(w) >= 4)


def _shape(scores: dict[str, float], page_size: tuple[float, float] | None, words: int) -> None:
    """What the page's shape says: a card photographed alone is an identity document; a landscape sheet is a
    certificate, a diploma, an award or slides; a long text is prose (essay, article, review)."""
    if page_size:
        w, h = page_size
        aspect = max(w, h) / max(1.0, min(w, h))
        if w > h and 1.5 <= aspect <= 1.75 and words < 80:
            scores["id_copy"] = scores.get("id_copy", 0.0) + 2.0
        elif w > h:
            for t in ("training_certificate", "diploma", "achievement", "presentation"):
                if t in scores:
                    scores[t] += 1.0
    if words > 180:
        for t in PROSE_TYPES:
            if t in scores:
                scores[t] += 1.0


def _hint(scores: dict[str, float], name: str) -> None:
    """A file name that says what the document is adds to a type the content points to already, never alone."""
    hint = fold(name)
    for doc_type, stems in NAME_HINTS.items():
        if doc_type in scores and any(fold(s) in hint for s in stems):
            scores[doc_type] += 2.0


def classify(text: str, *, title_lines: int = HEAD_LINES, name: str = "") -> str:
    """The document type of a page's (or document's) text; `unknown` when the content does not say it surely."""
    return type_document(text, name=name).doc_type


def _count(text: str, phrase: str) -> int:
    return sum(1 for _ in _starts(text, phrase))


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


GENERIC_TITLES = ("сертификат", "куалик", "удостоверение", "свидетельство", "диплом")


def heading_type(text: str, *, lines: int = 5) -> str | None:
    """The type a page's heading names (a title cue in its first lines: "ДИПЛОМ", "ПІКІР", "ЛИЧНЫЙ ЛИСТОК ПО УЧЕТУ
    КАДРОВ"): a page that starts a document. None when no title is there, or when the heading names several kinds
    (a list of attachments names them all)."""
    # a numbered line is an item of a list or a form ("2. Личный листок по учету кадров – 2 л."), not a title
    head_lines = [fold(ln) for ln in text.splitlines()[:lines * 2] if ln.strip()][:lines]
    head_lines = [ln for ln in head_lines if not re.match(r"\d{1,2}\s", ln)]
    head = " ".join(head_lines)
    words = set(head.split())
    named = []
    for doc_type, cues in _FOLDED.items():
        for phrase, weight in cues:
            if weight == T and (_has(head, phrase) or ((phrase, weight) in _TITLE_WORDS[doc_type]
                                                        and _fuzzy_in(words, phrase))):
                named.append(doc_type)
                break
    if not named and any(ln.strip() in GENERIC_TITLES or _fuzzy_in(set(ln.split()), GENERIC_TITLES[0])
                         for ln in head_lines if len(ln.split()) <= 3):
        return type_document(text).guess       # "СЕРТИФИКАТ" alone on a line: a certificate of some kind begins
    if not named or len(named) >= 3:
        return None
    return named[0] if len(named) == 1 else type_document(text).guess if type_document(text).guess in named \
        else named[0]
