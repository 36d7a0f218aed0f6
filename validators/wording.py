"""The findings' reasons in Kazakh and Russian for the readable report, the deficiency notice and the station.

The checks make their reasons messages of the catalog (`mugalim.messages`): their English is what the JSON report
keeps, and `localize` says them in the report's language from their ids (the database keeps the ids beside the
English: migration dossier_0003). What is left here matches the English only of a report written before the
catalog, for the eligibility rules; a phrasing not known is shown as it is.
"""
from __future__ import annotations

import re

from mugalim.messages import said, translated

DOC_TYPES = {
    "kk": {"application": "өтінім", "id_copy": "жеке куәлік", "personnel_sheet": "кадрлар жеке парағы",
           "diploma": "диплом", "training_certificate": "біліктілікті арттыру сертификаты",
           "publication": "жарияланым", "review": "пікір", "video": "бейнеролик", "essay": "эссе",
           "presentation": "презентация", "lesson_plan": "сабақ жоспары", "class_hour_plan": "сынып сағатының жоспары",
           "achievement": "жетістік", "unknown": "түрі анықталмады"},
    "ru": {"application": "заявка", "id_copy": "удостоверение личности", "personnel_sheet": "личный листок",
           "diploma": "диплом", "training_certificate": "сертификат о повышении квалификации",
           "publication": "публикация", "review": "рецензия", "video": "видеоролик", "essay": "эссе",
           "presentation": "презентация", "lesson_plan": "план урока", "class_hour_plan": "план классного часа",
           "achievement": "достижение", "unknown": "тип не определён"},
}
OPTIONAL_ITEMS = {
    "kk": {"2.1": "мемлекеттік білім беру / әлеуметтік жобалар", "2.2": "авторлық бағдарлама (қала)",
           "2.3": "авторлық бағдарлама (республика)", "2.4": "авторлық бағдарлама (халықаралық)",
           "2.5": "оқулық, оқу-әдістемелік кешен (қала)", "2.6": "оқулық, оқу-әдістемелік кешен (республика)",
           "2.7": "оқулық, оқу-әдістемелік кешен (халықаралық)", "2.8": "тәлімгерлік (ұйым)",
           "2.9": "тәлімгерлік (қала)", "2.10": "тәлімгерлік (республика)", "2.11": "тәлімгерлік (халықаралық)",
           "3.1": "білім мониторингі", "3.2": "ОЖСБ, ҰБТ нәтижелері", "3.3": "оқушылардың дипломдары (қала)",
           "3.4": "оқушылардың дипломдары (республика)", "3.5": "оқушылардың дипломдары (халықаралық)",
           "3.6": "мұғалімнің сертификаттары (қала)", "3.7": "мұғалімнің сертификаттары (республика)",
           "3.8": "мұғалімнің сертификаттары (халықаралық)", "4.1": "алғыс хаттар, грамоталар",
           "4.2": "қоғамға ықпалы", "4.3": "мәдениетаралық тәрбие, алмасу"},
    "ru": {"2.1": "государственные образовательные / социальные проекты", "2.2": "авторская программа (город)",
           "2.3": "авторская программа (республика)", "2.4": "авторская программа (международный)",
           "2.5": "учебник, УМК (город)", "2.6": "учебник, УМК (республика)", "2.7": "учебник, УМК (международный)",
           "2.8": "наставничество (организация)", "2.9": "наставничество (город)",
           "2.10": "наставничество (республика)", "2.11": "наставничество (международный)",
           "3.1": "мониторинг знаний", "3.2": "результаты ВОУД, ЕНТ", "3.3": "дипломы учеников (город)",
           "3.4": "дипломы учеников (республика)", "3.5": "дипломы учеников (международный)",
           "3.6": "сертификаты учителя (город)", "3.7": "сертификаты учителя (республика)",
           "3.8": "сертификаты учителя (международный)", "4.1": "благодарности, грамоты",
           "4.2": "влияние на общество", "4.3": "межкультурное воспитание, обмены"},
}

# (pattern, Kazakh, Russian); the Kazakh and Russian texts use the pattern's named groups. Only the eligibility
# reasons of a report written before the catalog are here (a verdict now keeps its id: `reason_code`); why a dossier
# waits and the checklist's reasons are messages of the catalog, kept with their ids in the database (issue 22).
PATTERNS: list[tuple[str, str, str]] = [
    # eligibility (rules E1–E5, G2–G4)
    (r"the identity document is a citizen's of the Republic of Kazakhstan",
     "жеке куәлік Қазақстан Республикасының азаматына берілген", "удостоверение выдано гражданину Республики Казахстан"),
    (r"the identity document is not a citizen's.*", "құжат ҚР азаматының құжаты емес",
     "документ не является документом гражданина РК"),
    (r"citizenship cannot be read from the identity document", "азаматтығы құжаттан оқылмады: қызметкер шешеді",
     "гражданство не прочитано: решает сотрудник"),
    (r"(?P<m>\d+) months on the staff of a secondary organization", "жалпы орта білім беру ұйымының штатында {m} ай",
     "{m} мес. в штате организации среднего образования"),
    (r"(?P<m>\d+) months on the organization's staff, fewer than 36", "ұйым штатында {m} ай, 36 айдан аз",
     "{m} мес. в штате организации, меньше 36"),
    (r"the nominating organization is (?P<t>\w+), not secondary education",
     "ұсынған ұйым жалпы орта білім беру ұйымы емес ({t})", "выдвинувшая организация не среднего образования ({t})"),
    (r"the nominating organization's type is not known|the organization's type is not known",
     "ұйымның түрі белгісіз: қызметкер шешеді", "тип организации неизвестен: решает сотрудник"),
    (r"the date of joining the organization's staff cannot be read",
     "штатқа қабылданған күні оқылмады: қызметкер шешеді", "дата приёма в штат не прочитана: решает сотрудник"),
    (r"(?P<m>\d+) months of uninterrupted pedagogical experience", "{m} ай үздіксіз педагогикалық өтіл",
     "{m} мес. непрерывного педагогического стажа"),
    (r"(?P<m>\d+) months of uninterrupted pedagogical experience, fewer than 60",
     "{m} ай үздіксіз педагогикалық өтіл, 60 айдан аз", "{m} мес. непрерывного стажа, меньше 60"),
    (r"the uninterrupted pedagogical experience cannot be read", "үздіксіз өтіл оқылмады: қызметкер шешеді",
     "непрерывный стаж не прочитан: решает сотрудник"),
    (r"no title in the last four seasons", "соңғы төрт маусымда атақ алмаған",
     "звание в последние четыре сезона не присваивалось"),
    (r"received the title in (?P<y>\d+): may compete.*", "атақты {y} жылы алған: I–III орындарға қатыса алады, "
     "Гран-приге емес", "получил(а) звание в {y}: может бороться за I–III места, не за Гран-при"),
    (r"received the title in (?P<y>\d+); the season excludes repeat holders",
     "атақты {y} жылы алған: маусым ережесі бойынша қатыспайды", "получил(а) звание в {y}: не допускается"),
    (r"the application, presentation, lesson plan and class-hour plan are present",
     "өтінім, презентация, сабақ жоспары және сынып сағатының жоспары бар",
     "заявка, презентация, план урока и план классного часа есть"),
    (r"missing: (?P<list>.+)", "жоқ: {list}", "нет: {list}"),
    (r"(?P<t>\w+) organization, (?P<m>\d+) months of work experience", "ұйым түрі {t}, еңбек өтілі {m} ай",
     "тип организации {t}, стаж {m} мес."),
    (r"(?P<m>\d+) months of work experience, fewer than 60", "еңбек өтілі {m} ай, 60 айдан аз",
     "стаж {m} мес., меньше 60"),
    (r"the only nominee of the organization", "ұйымның жалғыз үміткері", "единственный кандидат организации"),
    (r"the organization's earlier nominee \(rule A6\)", "ұйымның ертерек ұсынылған үміткері (A6)",
     "более ранний кандидат организации (A6)"),
    (r"the organization already nominated a teacher on (?P<d>\S+).*",
     "ұйым {d} күні басқа мұғалімді ұсынған (бір ұйымнан бір үміткер)",
     "организация уже выдвинула учителя {d} (один кандидат от организации)"),
    (r"nominees of one organization submitted on (?P<d>\S+): pending the Department's decision \(rule A6\)",
     "бір ұйымның үміткерлері {d} күні тапсырған: Басқарманың шешімін күтеді (A6)",
     "кандидаты одной организации поданы {d}: ждут решения Управления (A6)"),
    (r"the nominating organization is not known", "ұсынған ұйым белгісіз: қызметкер шешеді",
     "выдвинувшая организация неизвестна: решает сотрудник"),
    (r"received on (?P<d>\S+), inside (?P<w>\S+)", "{d} күні қабылданған, {w} аралығында",
     "получено {d}, в срок {w}"),
    (r"received on (?P<d>\S+), outside (?P<w>\S+)", "{d} күні қабылданған, {w} аралығынан тыс",
     "получено {d}, вне срока {w}"),
]


def localize(reason: str | None, lang: str) -> str | None:
    """`reason` in Kazakh (`kk`) or Russian (`ru`): a message of the catalog as the catalog says it; an English
    text part by part (parts are separated by "; "), by the patterns below."""
    if translated(reason):
        return said(reason, lang)
    if not reason or lang not in ("kk", "ru"):
        return reason
    return "; ".join(_one(part, lang) for part in reason.split("; "))


def _one(part: str, lang: str) -> str:
    said = _match(part, lang)
    if said is not None:
        return said
    if ": " in part:                                  # "<file>: <reason>" when an item has several files
        prefix, rest = part.split(": ", 1)
        said = _match(rest, lang)
        if said is not None:
            return f"{prefix}: {said}"
    return part


def _match(part: str, lang: str) -> str | None:
    for pattern, kk, ru in PATTERNS:
        m = re.fullmatch(pattern, part)
        if m:
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "list" in groups:
                groups["list"] = ", ".join(DOC_TYPES[lang].get(t.strip(), t.strip()) for t in groups["list"].split(","))
            return (kk if lang == "kk" else ru).format(**groups)
    return None
