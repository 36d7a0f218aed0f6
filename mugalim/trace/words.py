"""The trace's words in Kazakh and Russian, and how its values are written for a person: dates `dd.mm.yyyy HH:MM`
in Almaty time, tenge with spaces and two decimals, yes/no as words, codes (`grant`, `exported`) as words.

A text is a pair (Kazakh, Russian); `say(pair, lang)` gives one language (`kk`, `ru`) or both (`both`: "kk / ru",
what the command line prints). The trace's facts keep their machine form (`mugalim trace --json`); these words are
only for what a person reads.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

ALMATY = timezone(timedelta(hours=5))          # Asia/Almaty since 1 March 2024 (as mugalim.payments.pain001)
LANGS = ("kk", "ru")
Pair = tuple[str, str]


def say(pair: Pair | str, lang: str = "both") -> str:
    """One language of a pair (`kk`, `ru`), or both as "kk / ru" (once when they are the same)."""
    if isinstance(pair, str):
        return pair
    kk, ru = pair
    if lang == "kk":
        return kk
    if lang == "ru":
        return ru
    return kk if kk == ru else f"{kk} / {ru}"


# --- the links of the chain, and what each fact is called -------------------------------------------------------

STEPS: dict[str, Pair] = {
    "payment": ("Төлем жолы", "Строка платежа"),
    "run": ("Төлем жүргізілімі", "Выгрузка платежей"),
    "decision": ("Шешім және хаттама", "Решение и протокол"),
    "stage": ("Кезең қорытындысы", "Итоги этапа"),
    "scores": ("Бағалау жолдары", "Строки оценок"),
    "participant": ("Қатысушы", "Участник"),
    "dossier": ("Құжаттар жинағы", "Досье"),
    "eligibility": ("Қатысу шарттары", "Условия участия"),
    "field": ("Өтінім деректері", "Данные заявления"),
    "original": ("Түпнұсқа файл", "Оригинал в архиве"),
}

FACTS: dict[str, Pair] = {
    "payment_id": ("Төлем", "Платёж"),
    "season": ("Маусым", "Сезон"),
    "competition": ("Байқау", "Конкурс"),
    "award": ("Марапат", "Награда"),
    "participant_iin": ("ЖСН", "ИИН"),
    "full_name": ("Аты-жөні", "ФИО"),
    "iban": ("ЖСК (IBAN)", "ИИК (IBAN)"),
    "bic": ("БСК", "БИК"),
    "knp": ("ТМК", "КНП"),
    "kbe": ("Бе", "КБе"),
    "purpose": ("Төлемнің мақсаты", "Назначение платежа"),
    "state": ("Күйі", "Состояние"),
    "attempt": ("Әрекет", "Попытка"),
    "amount_kzt": ("Сомасы", "Сумма"),
    "events": ("Оқиғалар", "События"),
    "run_id": ("Төлем жүргізілімі", "Выгрузка платежей"),
    "created_at": ("Жасалды", "Создана"),
    "approved_by": ("Бекіткен", "Утвердил"),
    "approved_at": ("Бекітілді", "Утверждено"),
    "folder": ("Қалта", "Папка"),
    "manifest_payments": ("Манифесттегі төлемдер", "Платежей в манифесте"),
    "manifest_total_kzt": ("Манифест бойынша сома", "Сумма по манифесту"),
    "awarded_in_results": ("Қорытындыда марапатталған", "Награда есть в итогах"),
    "tie_decisions": ("Тең балл кезіндегі шешімдер", "Решения при равенстве баллов"),
    "stage": ("Кезең", "Этап"),
    "unit": ("Топ", "Группа"),
    "total": ("Жалпы балл", "Итоговый балл"),
    "rank": ("Орны", "Место"),
    "rounds": ("Турлар", "Туры"),
    "advancing": ("Келесі кезеңге өтті", "Прошёл на следующий этап"),
    "rejected": ("Қабылданбады", "Отклонено"),
    "organization_bin": ("Ұйымның БСН", "БИН организации"),
    "organization_name": ("Ұйым", "Организация"),
    "organization_type": ("Ұйымның түрі", "Тип организации"),
    "district": ("Аудан", "Район"),
    "source": ("Дереккөзі", "Источник"),
    "dossier_id": ("Досье нөмірі", "Номер досье"),
    "batch": ("Пакет", "Пакет"),
    "key": ("Досье қалтасы", "Папка досье"),
    "status": ("Қабылдау күйі", "Статус приёма"),
    "complete": ("Толық", "Полное"),
    "waiting": ("Адам шешімін күтеді", "Ждёт решения"),
    "checked_at": ("Тексерілді", "Проверено"),
    "rule": ("Ереже", "Правило"),
    "ok": ("Шарт", "Условие"),
    "reason": ("Себебі", "Причина"),
    "value": ("Мәні", "Значение"),
    "extracted": ("Оқылған мән", "Прочитано"),
    "confidence": ("Сенімділік", "Уверенность"),
    "corrected_by": ("Түзеткен", "Исправил"),
    "corrected_at": ("Түзетілді", "Исправлено"),
    "problem": ("Мәселе", "Проблема"),
    "kind": ("Түрі", "Тип"),
    "pages": ("Беттер", "Страниц"),
    "archive_path": ("Мұрағаттағы орны", "Место в архиве"),
    "verified": ("SHA-256 қазір тексерілді", "SHA-256 проверен сейчас"),
    "payments": ("Төлемдер", "Платежей"),
    "round": ("Тур", "Тур"),
    "member_id": ("Комиссия мүшесі", "Член комиссии"),
    "score": ("Балл", "Балл"),
    "file": ("Файл", "Файл"),
    "row": ("Жол", "Строка"),
    "decision": ("Шешім", "Решение"),
    "place": ("Орын", "Место"),
    "event": ("Оқиға", "Событие"),
    "at": ("Уақыты", "Время"),
    "actor": ("Кім", "Кто"),
}
#: Facts a person does not need to read again: shown by the entry's title, its source line, or a table.
HIDDEN = {"rows", "source_ref", "field", "field_id", "stage_id"}

# --- what codes mean ---------------------------------------------------------------------------------------------

VALUES: dict[str, dict[str, Pair]] = {
    "competition": {"teacher_of_year": ("«Алматының жыл мұғалімі»", "«Алматының жыл мұғалімі»"),
                    "grants": ("Педагогтерге арналған грант", "Гранты для педагогов")},
    "award": {"grand_prix": ("Гран-при", "Гран-при"), "first": ("I орын", "I место"),
              "second": ("II орын", "II место"), "third": ("III орын", "III место"), "grant": ("Грант", "Грант")},
    "stage": {"school": ("Мектеп кезеңі", "Школьный этап"), "district": ("Аудандық кезең", "Районный этап"),
              "city": ("Қалалық кезең", "Городской этап"), "grants": ("Грант конкурсы", "Конкурс грантов")},
    "state": {"recording": ("жазылуда", "записывается"), "recorded": ("тіркелді", "записан"),
              "exported": ("банкке жүктелді", "выгружен для банка"), "reversed": ("кері қайтарылды", "сторнирован"),
              "failed": ("сәтсіз", "не удалось")},
    "organization_type": {"preschool": ("мектепке дейінгі ұйым", "дошкольная организация"),
                          "secondary": ("орта білім беру ұйымы", "организация среднего образования"),
                          "additional": ("қосымша білім беру ұйымы", "организация дополнительного образования"),
                          "tvet": ("техникалық және кәсіптік білім беру ұйымы",
                                   "организация технического и профессионального образования")},
    "source": {"participants_file": ("қатысушылар файлы", "файл участников"),
               "dossier": ("құжаттар жинағы", "досье")},
    "status": {"ready": ("қабылданды", "принято"), "waiting": ("адам шешімін күтеді", "ждёт решения")},
    "qualification_category": {
        "teacher": ("педагог", "педагог"), "moderator": ("педагог-модератор", "педагог-модератор"),
        "expert": ("педагог-сарапшы", "педагог-эксперт"), "researcher": ("педагог-зерттеуші", "педагог-исследователь"),
        "master": ("педагог-шебер", "педагог-мастер"), "highest": ("жоғары санат", "высшая категория"),
        "first": ("бірінші санат", "первая категория"), "second": ("екінші санат", "вторая категория"),
        "none": ("санаты жоқ", "без категории")},
}
VALUES["event"] = VALUES["state"]
VALUES["unit"] = {"grants": ("грант комиссиясы", "грантовая комиссия"), "city": ("қала", "город")}
YES: Pair = ("иә", "да")
NO: Pair = ("жоқ", "нет")
OK: dict[bool | None, Pair] = {True: ("сай", "выполнено"), False: ("сай емес", "не выполнено"),
                               None: ("адам шешеді", "решает человек")}
DASH = "—"

# --- the parts of the document -----------------------------------------------------------------------------------

WORDS: dict[str, Pair] = {
    "trace": ("Дәлелдер тізбегі", "Цепочка доказательств"),
    "payment": ("Төлем", "Платёж"),
    "participant": ("Қатысушы", "Участник"),
    "complete": ("толық: әр буын өз дереккөзіне сүйенеді", "полная: каждое звено опирается на свой источник"),
    "broken": ("үзілген", "разорвана"),
    "status": ("Күйі", "Состояние"),
    "problems": ("Үзілген буындар", "Разорванные звенья"),
    "no_payment": ("Төлем жазылмаған", "Платёж не записан"),
    "no_scores": ("Бағалау жолдары жоқ", "Строк оценок нет"),
    "no_participant": ("Қатысушы жазбасы жоқ", "Записи участника нет"),
    "no_application": ("Өтінім жоқ", "Заявления нет"),
    "score_rows": ("бағалау жолы", "строк оценок"),
    "from": ("дереккөзі", "из"),
    "row": ("жол", "строка"),
    "page": ("бет", "стр."),
    "box": ("аумақ", "область"),
    "points": ("балл", "балл"),
    "place": ("орын", "место"),
    "round": ("тур", "тур"),
    "months": ("ай", "мес."),
    "by": ("кім", "кто"),
    "season_traced": ("{season} маусымы: {payments} төлемнің {complete} дереккөздеріне дейін үзіліссіз ізделді",
                      "сезон {season}: {complete} из {payments} платежей прослежены до источников без разрывов"),
}

# --- broken links: the trail's own problems in the people's words (the English stays in --json and the logs) ------

_PATH = r"(?P<path>\S+)"
PROBLEMS: list[tuple[re.Pattern[str], Pair]] = [(re.compile(p), w) for p, w in [
    (r"^this payment was reversed", ("бұл төлем кері қайтарылды: ол қазіргі тізілімдердің ешқайсысында жоқ",
                                     "этот платёж сторнирован: его нет ни в одном действующем реестре")),
    (rf"^{_PATH} cannot be read: (?P<why>.*)$", ("{path} оқылмайды: {why}", "{path} не читается: {why}")),
    (rf"^{_PATH} does not exist: the run's folder was never written",
     ("{path} жоқ: жүргізілім қалтасы жазылмаған", "{path} нет: папка выгрузки не записана")),
    (r"^the manifest of (?P<run>\S+) does not list (?P<pid>\S+)",
     ("{run} манифесінде {pid} жоқ", "в манифесте {run} нет {pid}")),
    (rf"^{_PATH} is listed in the manifest but missing",
     ("{path} манифесте бар, бірақ өзі жоқ", "{path} указан в манифесте, но его нет")),
    (rf"^{_PATH} changed since the manifest was written",
     ("{path} манифест жазылғаннан кейін өзгерген (SHA-256 басқа)",
      "{path} изменён после записи манифеста (SHA-256 другой)")),
    (rf"^{_PATH} does not award (?P<award>\S+) to this participant",
     ("{path} бұл қатысушыға {award} бермейді", "{path} не присуждает этому участнику {award}")),
    (rf"^{_PATH} \(the signed protocol, rule C4\) does not exist",
     ("{path} (қол қойылған хаттама, C4 ережесі) жоқ", "{path} (подписанный протокол, правило C4) нет")),
    (rf"^{_PATH} does not exist: the stage is not decided",
     ("{path} жоқ: кезең әлі шешілмеген", "{path} нет: этап ещё не решён")),
    (r"^no score row of this participant", ("бұл қатысушының бағалау жолы дерекқорда жоқ",
                                           "строк оценок этого участника в базе нет")),
    (r"^the participant is in no `participants` record", ("бұл маусым мен байқауда қатысушы жазбасы жоқ",
                                                          "записи участника в этом сезоне и конкурсе нет")),
    (r"^the dossier has not been checked", ("досье әлі тексерілмеген", "досье ещё не проверено")),
    (r"^no application fields were promoted", ("бұл досьеде өтінім деректері жоқ", "данных заявления в досье нет")),
    (rf"^{_PATH} is not in the archive", ("{path} мұрағатта жоқ", "{path} нет в архиве")),
    (rf"^{_PATH} no longer matches its registered SHA-256",
     ("{path} тіркелген SHA-256-ға енді сәйкес емес", "{path} больше не совпадает с зарегистрированным SHA-256")),
]]


def problem(text: str, lang: str = "both") -> str:
    """A broken link's problem in the people's words; one the trail does not know stays as it is."""
    for pattern, pair in PROBLEMS:
        m = pattern.search(text)
        if m:
            parts = {k: _code_word(k, v, lang) for k, v in m.groupdict().items()}
            return say((pair[0].format(**parts), pair[1].format(**parts)), lang)
    return text


def _code_word(key: str, value: str, lang: str) -> str:
    return say(VALUES[key][value], lang) if key in VALUES and value in VALUES[key] else value


# --- values ------------------------------------------------------------------------------------------------------

def when(value: Any) -> str:
    """A moment as `dd.mm.yyyy HH:MM`, Almaty time (a time without a zone is UTC: how the database keeps it)."""
    moment = _moment(value)
    if moment is None:
        return DASH if value in (None, "") else str(value)
    return moment.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M")


def day(value: Any) -> str:
    """A date as `dd.mm.yyyy`."""
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    return DASH if value in (None, "") else str(value)


def tenge(value: Any) -> str:
    """`1000000` → `1 000 000,00 ₸`."""
    amount = _decimal(value)
    return DASH if amount is None else f"{number(amount, 2)} ₸"


def number(value: Any, places: int | None = None) -> str:
    """Thousands apart by spaces, a decimal comma: `4800000.5` → `4 800 000,5` (`places`: that many decimals)."""
    amount = _decimal(value)
    if amount is None:
        return DASH if value in (None, "") else str(value)
    text = f"{amount:,.{places}f}" if places is not None else f"{amount.normalize():,f}"
    return text.replace(",", " ").replace(".", ",")


def yes_no(value: Any, lang: str = "both") -> str:
    return say(YES if value else NO, lang)


def percent(value: Any) -> str:
    amount = _decimal(value)
    return DASH if amount is None else f"{round(amount * 100)}%"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?")


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and _ISO_MOMENT.fullmatch(value.strip()):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def code(key: str, value: Any, lang: str = "both") -> str:
    """A code as a word (`grant` → "Грант"); a value that is not one of the codes stays as it is."""
    pair = VALUES.get(key, {}).get(value) if isinstance(value, str) else None
    return say(pair, lang) if pair else str(value)
