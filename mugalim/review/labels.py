"""What the pages say: Kazakh first, Russian beside it (the back office reads both)."""
from __future__ import annotations

FIELDS = {
    "workplace": "Жұмыс орны / Место работы",
    "full_name": "Тегі, аты, әкесінің аты / ФИО",
    "birth_date": "Туған күні / Дата рождения",
    "position": "Лауазымы / Должность",
    "pedagogical_experience_months": "Педагогикалық өтілі, ай / Пед. стаж, мес.",
    "position_experience_months": "Лауазымдағы өтілі, ай / Стаж в должности, мес.",
    "education": "Білімі / Образование",
    "qualification_category": "Біліктілік санаты / Квалиф. категория",
    "home_address": "Мекенжайы / Домашний адрес",
    "postal_code": "Пошта индексі / Почтовый индекс",
    "id_document_number": "Жеке куәлік нөмірі / № удостоверения",
    "iin": "ЖСН / ИИН",
    "phones": "Телефон",
    "awards": "Марапаттар / Награды",
    "filled_date": "Толтырылған күні / Дата заполнения",
    "attachment_pages": "Қосымша парақтар / Листов приложения",
}

STATUS = {
    "present": "бар / есть",
    "missing": "жоқ / нет",
    "failed": "талапқа сай емес / не соответствует",
}

LABELS = {
    "app": "Тексеру орны / Станция проверки",
    "queue": "Күмәнді деректер / Сомнительные поля",
    "dossiers": "Құжаттар жинақтары / Досье",
    "payments": "Төлемдер / Платежи",
    "logout": "Шығу / Выйти",
    "login": "Кіру / Вход",
    "username": "Пайдаланушы / Пользователь",
    "password": "Құпиясөз / Пароль",
    "login_failed": "Пайдаланушы аты немесе құпиясөз қате / Неверное имя пользователя или пароль",
    "login_expired": "Кіру формасының мерзімі өтті: қайта кіріңіз / Форма входа устарела: войдите ещё раз",
    "login_throttled": "Сәтсіз әрекеттер тым көп: {s} секундтан кейін қайталаңыз / "
                       "Слишком много неудачных попыток: повторите через {s} с",
    "forbidden": "Бұл бет сіздің рөліңізге қолжетімді емес / Эта страница недоступна для вашей роли",
    "extracted": "Оқылған мән / Прочитано",
    "correct_value": "Дұрыс мән / Верное значение",
    "problem": "Мәселе / Проблема",
    "save": "Сақтау / Сохранить",
    "confirm": "Оқылғаны дұрыс / Прочитано верно",
    "skip": "Өткізу / Пропустить",
    "queue_empty": "Кезек бос: барлық күмәнді деректер тексерілді / Очередь пуста: все поля проверены",
    "keys": "Enter — сақтау / сохранить · Ctrl+Enter — оқылғаны дұрыс / прочитано верно · "
            "Alt+↓ / Alt+↑ — келесі / алдыңғы (следующее / предыдущее) · Alt+D — досье",
    "checklist": "Қосымша 2: тізбе / Приложение 2: перечень",
    "eligibility": "Қатысу шарттары / Условия участия",
    "application": "Өтінім деректері / Данные заявления",
    "documents": "Құжаттар / Документы",
    "complete": "толық / полное",
    "incomplete": "толық емес / неполное",
    "not_checked": "тексерілмеген / не проверено",
    "waiting": "адамның шешімін күтеді / ждёт решения",
    "recomputing": "есеп қайта есептелуде… / отчёт пересчитывается…",
    "trace": "Дәлелдер тізбегі / Цепочка доказательств",
    "corrected_by": "Түзеткен / Исправил",
    "confidence": "Сенімділік / Уверенность",
    "page": "бет / стр.",
    "saved": "Сақталды / Сохранено",
    "refused": "Қабылданбады / Не принято",
    "rule": "Ереже / Правило",
    "ok": {True: "сай / да", False: "сай емес / нет", None: "адам шешеді / решает человек"},
}

PROBLEMS = {
    "check digit does not match": "бақылау саны сәйкес емес / контрольная цифра не совпадает",
    "not found": "табылмады / не найдено",
    "an IIN has 12 digits": "ЖСН 12 саннан тұрады / ИИН состоит из 12 цифр",
    "the birth date in the IIN does not exist": "ЖСН-дағы туған күн жоқ / дата рождения в ИИН не существует",
    "the birth date in the IIN differs from the application's birth date":
        "ЖСН-дағы туған күн өтінімдегіден өзге / дата рождения в ИИН не совпадает с заявлением",
    "low confidence": "сенімділік төмен / низкая уверенность",
    "not read": "оқылмады / не прочитано",
}


def problem_label(problem: str | None) -> str:
    """A problem in the people's words where it is a known one, with the technical reason kept beside it."""
    if not problem:
        return ""
    for en, local in PROBLEMS.items():
        if problem.startswith(en):
            return f"{local} ({problem})"
    return problem


def shown(value: object) -> str:
    """A field's value for a page: a list (phones) as comma-separated numbers, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def item_title(item: str) -> str:
    """The checklist item's name in Kazakh / Russian, from the dossier step's report (section 1 items)."""
    try:
        from validators.report import ITEM_TITLES
    except ImportError:
        return ""
    kk, ru = ITEM_TITLES.get("kk", {}).get(item), ITEM_TITLES.get("ru", {}).get(item)
    return f"{kk} / {ru}" if kk and ru else kk or ru or ""
