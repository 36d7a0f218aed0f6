"""What the pages say, in Kazakh and in Russian: each text is a pair (kk, ru) and a page shows the one language its
reader chose (the kk/ru switch, kept per user); `labels(lang)` gives every label of a page in that language."""
from __future__ import annotations

from typing import Any

from mugalim.trace.words import LANGS, Pair, say

DEFAULT_LANG = "kk"
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский"}

FIELDS: dict[str, Pair] = {
    "workplace": ("Жұмыс орны", "Место работы"),
    "full_name": ("Тегі, аты, әкесінің аты", "ФИО"),
    "birth_date": ("Туған күні", "Дата рождения"),
    "position": ("Лауазымы", "Должность"),
    "pedagogical_experience_months": ("Педагогикалық өтілі, ай", "Педагогический стаж, мес."),
    "position_experience_months": ("Лауазымдағы өтілі, ай", "Стаж в должности, мес."),
    "education": ("Білімі", "Образование"),
    "qualification_category": ("Біліктілік санаты", "Квалификационная категория"),
    "home_address": ("Мекенжайы", "Домашний адрес"),
    "postal_code": ("Пошта индексі", "Почтовый индекс"),
    "id_document_number": ("Жеке куәлік нөмірі", "№ удостоверения личности"),
    "iin": ("ЖСН", "ИИН"),
    "phones": ("Телефон", "Телефон"),
    "awards": ("Марапаттар", "Награды"),
    "filled_date": ("Толтырылған күні", "Дата заполнения"),
    "attachment_pages": ("Қосымша парақтар", "Листов приложения"),
}

STATUS: dict[str, Pair] = {
    "present": ("бар", "есть"),
    "missing": ("жоқ", "нет"),
    "failed": ("талапқа сай емес", "не соответствует"),
}

LABELS: dict[str, Any] = {
    "app": ("Тексеру орны", "Станция проверки"),
    "queue": ("Күмәнді деректер", "Сомнительные поля"),
    "dossiers": ("Құжаттар жинақтары", "Досье"),
    "payments": ("Төлемдер", "Платежи"),
    "logout": ("Шығу", "Выйти"),
    "login": ("Кіру", "Вход"),
    "username": ("Пайдаланушы", "Пользователь"),
    "password": ("Құпиясөз", "Пароль"),
    "login_failed": ("Пайдаланушы аты немесе құпиясөз қате", "Неверное имя пользователя или пароль"),
    "login_expired": ("Кіру формасының мерзімі өтті: қайта кіріңіз", "Форма входа устарела: войдите ещё раз"),
    "login_throttled": ("Сәтсіз әрекеттер тым көп: {s} секундтан кейін қайталаңыз",
                        "Слишком много неудачных попыток: повторите через {s} с"),
    "forbidden": ("Бұл бет сіздің рөліңізге қолжетімді емес", "Эта страница недоступна для вашей роли"),
    "not_found": ("Табылмады", "Не найдено"),
    "extracted": ("Оқылған мән", "Прочитано"),
    "correct_value": ("Дұрыс мән", "Верное значение"),
    "problem": ("Мәселе", "Проблема"),
    "save": ("Сақтау", "Сохранить"),
    "confirm": ("Оқылғаны дұрыс", "Прочитано верно"),
    "skip": ("Өткізу", "Пропустить"),
    "queue_empty": ("Кезек бос: барлық күмәнді деректер тексерілді", "Очередь пуста: все поля проверены"),
    "checklist": ("Қосымша 2: тізбе", "Приложение 2: перечень"),
    "eligibility": ("Қатысу шарттары", "Условия участия"),
    "application": ("Өтінім деректері", "Данные заявления"),
    "documents": ("Құжаттар", "Документы"),
    "complete": ("толық", "полное"),
    "incomplete": ("толық емес", "неполное"),
    "not_checked": ("тексерілмеген", "не проверено"),
    "waiting": ("адамның шешімін күтеді", "ждёт решения"),
    "recomputing": ("есеп қайта есептелуде…", "отчёт пересчитывается…"),
    "trace": ("Дәлелдер тізбегі", "Цепочка доказательств"),
    "trace_complete": ("толық", "полная"),
    "trace_broken": ("үзілген", "разорвана"),
    "show_rows": ("Жолдарды көрсету", "Показать строки"),
    "corrected_by": ("Түзеткен", "Исправил"),
    "confidence": ("Сенімділік", "Уверенность"),
    "page": ("бет", "стр."),
    "box": ("аумақ", "область"),
    "saved": ("Сақталды", "Сохранено"),
    "refused": ("Қабылданбады", "Не принято"),
    "rule": ("Ереже", "Правило"),
    "item": ("Тармақ", "Пункт"),
    "state": ("Күйі", "Состояние"),
    "reason": ("Себебі", "Причина"),
    "file_page": ("Файл, бет", "Файл, стр."),
    "value": ("Мән", "Значение"),
    "batch": ("Пакет", "Пакет"),
    "season": ("Маусым", "Сезон"),
    "competition": ("Байқау", "Конкурс"),
    "district": ("Аудан", "Район"),
    "payment": ("Төлем", "Платёж"),
    "award": ("Марапат", "Награда"),
    "full_name": ("Аты-жөні", "ФИО"),
    "amount": ("Сомасы", "Сумма"),
    "almaty_time": ("Алматы уақыты", "время Алматы"),
    "language": ("Тіл", "Язык"),
    "scan_crop": ("Сканнің үзіндісі", "Фрагмент скана"),
    "keys_title": ("Пернелер", "Клавиши"),
    # Keyboard shortcuts: none of them is a browser's (Alt+D, Alt+letter and Ctrl+letter are the browsers' own);
    # letters are read by their key, not the layout's character, so they work in a Kazakh or Russian layout too.
    "keys": [("Enter", ("сақтау", "сохранить")),
             ("Ctrl+Enter", ("оқылғаны дұрыс", "прочитано верно")),
             ("Alt+↓ / Alt+↑", ("келесі / алдыңғы күмәнді дерек", "следующее / предыдущее поле")),
             ("Alt+Shift+D", ("осы досьеге өту", "открыть это досье"))],
    "keys_nav": [("Alt+Shift+1", ("күмәнді деректер", "сомнительные поля")),
                 ("Alt+Shift+2", ("досье тізімі", "список досье")),
                 ("Alt+Shift+3", ("төлемдер", "платежи"))],
    "keys_page": [("← / →", ("алдыңғы / келесі бет", "предыдущая / следующая страница"))],
    "ok": {True: ("сай", "да"), False: ("сай емес", "нет"), None: ("адам шешеді", "решает человек")},
}

#: what extraction says of an unsure field (extractors/document.py, mugalim/identifiers.py), in the people's words.
#: A key with "{}" keeps the part of the English in its place (a number, the signs of a misreading); a key without
#: it is the whole text, or its beginning (the rest, a technical detail, is kept in brackets).
PROBLEMS: dict[str, Pair] = {
    "check digit does not match": ("бақылау саны сәйкес емес", "контрольная цифра не совпадает"),
    "not found": ("табылмады", "не найдено"),
    "an IIN has 12 digits": ("ЖСН 12 саннан тұрады", "ИИН состоит из 12 цифр"),
    "the birth date in the IIN does not exist": ("ЖСН-дағы туған күн жоқ", "дата рождения в ИИН не существует"),
    "the birth date in the IIN differs from the application's birth date":
        ("ЖСН-дағы туған күн өтінімдегіден өзге", "дата рождения в ИИН не совпадает с заявлением"),
    "the birth date in the IIN does not match item 3":
        ("ЖСН-дағы туған күн 3-тармақтағы күнмен сәйкес емес", "дата рождения в ИИН не совпадает с пунктом 3"),
    "low confidence ({})": ("сенімділік төмен ({})", "низкая уверенность ({})"),
    "not read": ("оқылмады", "не прочитано"),
    "empty": ("бос", "пусто"),
    "no date found": ("күні табылмады", "дата не найдена"),
    "no date of filling found": ("толтырылған күні табылмады", "дата заполнения не найдена"),
    "no length of experience found (years, months)": ("өтілі (жыл, ай) табылмады", "стаж (лет, месяцев) не найден"),
    "a number of years or months is not clearly written: a person must confirm it":
        ("жыл немесе ай саны анық жазылмаған: қызметкер растауы керек",
         "число лет или месяцев написано неразборчиво: подтвердите его"),
    "not a known qualification category": ("белгілі біліктілік санаты емес", "неизвестная квалификационная категория"),
    "no address": ("мекенжай жоқ", "адрес не найден"),
    "no 6-digit postal code": ("6 таңбалы пошта индексі жоқ", "нет 6-значного почтового индекса"),
    "no 12-digit IIN found": ("12 таңбалы ЖСН табылмады", "12-значный ИИН не найден"),
    "no document number found": ("құжат нөмірі табылмады", "номер документа не найден"),
    "no phone number found": ("телефон нөмірі табылмады", "номер телефона не найден"),
    "no number of attached pages found": ("қосымша парақтар саны табылмады", "число приложенных листов не найдено"),
    "{} number(s) that are not Kazakh phone numbers": ("Қазақстан телефон нөміріне ұқсамайтын нөмірлер: {}",
                                                       "номеров, не похожих на казахстанские телефоны: {}"),
    "item {} not found on the form": ("бланкіден {}-тармақ табылмады", "пункт {} не найден на бланке"),
    "line not found on the form": ("бланкіден жол табылмады", "строка не найдена на бланке"),
    "unreadable: handwritten or crossed out, a person must read it":
        ("оқылмайды: қолмен жазылған немесе сызылған, оны қызметкер оқуы керек",
         "не читается: написано от руки или зачёркнуто, прочитайте его"),
    "a word of it was read unsurely: a person must compare it with the scan":
        ("бір сөзі сенімсіз оқылды: сканмен салыстырыңыз", "одно слово прочитано неуверенно: сверьте со сканом"),
    "two readings of a number in it differ: a person must compare it with the scan":
        ("ондағы санның екі оқылуы әртүрлі: сканмен салыстырыңыз",
         "два прочтения числа в нём расходятся: сверьте со сканом"),
    "may be misread ({}): a person must compare it with the scan":
        ("қате оқылған болуы мүмкін ({}): сканмен салыстырыңыз", "возможно, прочитано с ошибкой ({}): сверьте со сканом"),
    "no text found: blank or unreadable pages": ("мәтін табылмады: беттер бос немесе оқылмайды",
                                                  "текст не найден: страницы пустые или нечитаемые"),
}


LEVELS: dict[str, Pair] = {"city": ("қалалық", "городской"), "republic": ("республикалық", "республиканский"),
                            "international": ("халықаралық", "международный"), "organization": ("ұйым", "организация")}


def level_label(level: str | None, lang: str = "both") -> str:
    """An achievement's level (sections 2–4) as a word: `city` → "қалалық"."""
    return say(LEVELS[level], lang) if level in LEVELS else (level or "")


def language(value: str | None) -> str:
    """A language the pages are in: `kk` or `ru` (anything else is the default, Kazakh)."""
    return value if value in LANGS else DEFAULT_LANG


def labels(lang: str) -> dict[str, Any]:
    """Every label of the pages in `lang` (`kk`, `ru`; `both` for "kk / ru")."""
    out: dict[str, Any] = {}
    for key, value in LABELS.items():
        if key == "ok":
            out[key] = {k: say(v, lang) for k, v in value.items()}
        elif isinstance(value, list):
            out[key] = [(keys, say(what, lang)) for keys, what in value]
        else:
            out[key] = say(value, lang)
    return out


def field_label(key: str, lang: str = "both") -> str:
    return say(FIELDS[key], lang) if key in FIELDS else key


def status_label(status: str, lang: str = "both") -> str:
    return say(STATUS[status], lang) if status in STATUS else status


def problem_label(problem: str | None, lang: str = "both") -> str:
    """A problem in the people's words where it is a known one, with the technical reason kept beside it."""
    if not problem:
        return ""
    if "; " in problem:                  # several problems of one field are joined with "; "
        parts = [_problem(part, lang) for part in problem.split("; ")]
        if all(parts):
            return "; ".join(str(x) for x in parts)
    return _problem(problem, lang) or problem


def _problem(problem: str, lang: str) -> str | None:
    if problem in PROBLEMS:
        return say(PROBLEMS[problem], lang)
    for en, local in PROBLEMS.items():
        if "{}" in en:
            head, tail = en.split("{}", 1)
            if problem.startswith(head) and problem.endswith(tail) and len(problem) > len(head) + len(tail):
                return say(local, lang).replace("{}", problem[len(head):len(problem) - len(tail)])
        elif problem.startswith(en):
            return f"{say(local, lang)} ({problem[len(en):].strip(' ,:;()')})"
    return None


def shown(value: object) -> str:
    """A field's value for a page: a list (phones) as comma-separated numbers, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def item_title(item: str, lang: str = "both") -> str:
    """The checklist item's name in Kazakh and/or Russian, from the dossier step's report (section 1) and wording
    (sections 2–4)."""
    try:
        from validators.report import ITEM_TITLES
        from validators.wording import OPTIONAL_ITEMS
    except ImportError:
        return ""
    kk = ITEM_TITLES.get("kk", {}).get(item) or OPTIONAL_ITEMS["kk"].get(item)
    ru = ITEM_TITLES.get("ru", {}).get(item) or OPTIONAL_ITEMS["ru"].get(item)
    if lang in LANGS:
        return (kk if lang == "kk" else ru) or ""
    return f"{kk} / {ru}" if kk and ru else kk or ru or ""
