"""The findings' reasons in Kazakh and Russian for the readable report and the deficiency notice.

The checks write their reasons in English (the JSON report keeps them so, for programs and for the team); here each
known phrasing is matched and said again in the report's language. A phrasing not known here is shown as it is.
"""
from __future__ import annotations

import re

from mugalim.messages import said, translated

QUESTION_NAMES = {
    "kk": {"1": "шабыттандыратын тұлғалар", "2": "мұғалім мәртебесін көтеру", "3": "отбасының ықпалы",
           "4": "мейірімді және қайырымды адам тәрбиелеу"},
    "ru": {"1": "вдохновляющие личности", "2": "повышение статуса учителя", "3": "влияние семьи",
           "4": "воспитание доброго и щедрого человека"},
}

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

# (pattern, Kazakh, Russian); the Kazakh and Russian texts use the pattern's named groups. Why a dossier waits is
# no longer here: those reasons are messages of the catalog, kept with their ids in the database (issue 22).
PATTERNS: list[tuple[str, str, str]] = [
    (r"no (?P<what>.+) in the dossier", "құжат жоқ", "документ отсутствует"),
    (r"the picture is (?P<wh>\S+), smaller than (?P<min>\S+)", "бейненің өлшемі {wh}, {min}-ден кіші",
     "разрешение видео {wh}, меньше {min}"),
    (r"it lasts (?P<s>\d+) s, outside (?P<r>\S+) s", "ұзақтығы {s} с, {r} с аралығынан тыс",
     "длительность {s} с, вне диапазона {r} с"),
    (r"it lasts (?P<s>\d+) s, the season allows (?P<r>\S+) s \((?P<by>\d+) s too short\)",
     "ұзақтығы {s} с, маусым {r} с рұқсат етеді ({by} с қысқа)",
     "длительность {s} с, сезон допускает {r} с (на {by} с короче)"),
    (r"it lasts (?P<s>\d+) s, the season allows (?P<r>\S+) s \((?P<by>\d+) s too long\)",
     "ұзақтығы {s} с, маусым {r} с рұқсат етеді ({by} с ұзақ)",
     "длительность {s} с, сезон допускает {r} с (на {by} с длиннее)"),
    (r"the container is (?P<f>.+), not MPEG-4 or a DVD image", "файл пішімі MPEG-4 емес ({f})",
     "формат файла не MPEG-4 ({f})"),
    (r"the file has no video stream", "файлда бейне жоқ", "в файле нет видеодорожки"),
    (r"the file is not a readable video.*", "бейнефайл ашылмайды (бүлінген)", "видеофайл не открывается (повреждён)"),
    (r"no title frame of the first seconds carries the participant's name",
     "алғашқы секундтардағы титрда қатысушының аты-жөні жоқ", "в титрах первых секунд нет имени участника"),
    (r"the essay has (?P<n>\d+) pages; one page is required", "эссе {n} беттен тұрады, бір бет болуы керек",
     "эссе занимает {n} стр., требуется одна"),
    (r"page (?P<i>\d+) is (?P<mm>\S+) mm, not A4", "{i}-бет A4 пішімінде емес ({mm} мм)",
     "страница {i} не формата A4 ({mm} мм)"),
    (r"the font is (?P<f>.+), not Times New Roman", "қаріп Times New Roman емес: {f}", "шрифт не Times New Roman: {f}"),
    (r"the text is (?P<n>\S+) pt, not 14 pt", "қаріп өлшемі {n} pt, 14 pt емес", "кегль {n} pt, а не 14 pt"),
    (r"the line spacing is (?P<r>\S+) × the font size, not single", "жоларалық интервал бірлік емес ({r})",
     "межстрочный интервал не одинарный ({r})"),
    (r"question (?P<q>\d) \(.+\) is not addressed", "{q}-сұрақ ({qname}) ашылмаған",
     "не раскрыт вопрос {q} ({qname})"),
    (r"the IIN on the identity document \((?P<a>\S+)\) differs from the application's \((?P<b>\S+)\)",
     "жеке куәліктегі ЖСН ({a}) өтінімдегі ЖСН-нен ({b}) өзгеше",
     "ИИН в удостоверении личности ({a}) не совпадает с ИИН в заявке ({b})"),
    (r"neither the application's IIN nor its name is on the identity document",
     "жеке куәлікте өтінімдегі ЖСН де, аты-жөні де жоқ", "в удостоверении личности нет ни ИИН, ни ФИО из заявки"),
    (r"the font, size and spacing cannot be checked on a scan, a person checks them",
     "сканерленген құжаттың қарпін, өлшемін және интервалын тексеру мүмкін емес: оны қызметкер тексереді",
     "у скана нельзя проверить шрифт, кегль и интервал: их проверит сотрудник"),
    (r"the identity document could not be read surely — a person must compare it with the application "
     r"\(an IIN-like number on it is not a valid IIN\)",
     "жеке куәлік сенімді оқылмады — оны өтініммен қызметкер салыстырады (ондағы ЖСН-ге ұқсас сан жарамды ЖСН емес)",
     "удостоверение личности не прочитано уверенно — его сверит с заявкой сотрудник (похожее на ИИН число в нём — "
     "не верный ИИН)"),
    (r"the identity document could not be read surely — a person must compare it with the application "
     r"\(no IIN could be read on it\)",
     "жеке куәлік сенімді оқылмады — оны өтініммен қызметкер салыстырады (ондағы ЖСН оқылмады)",
     "удостоверение личности не прочитано уверенно — его сверит с заявкой сотрудник (ИИН в нём не прочитан)"),
    (r"the identity document could not be read surely — a person must compare it with the application "
     r"\(few of its words could be read\)",
     "жеке куәлік сенімді оқылмады — оны өтініммен қызметкер салыстырады (сөздерінің көбі оқылмады)",
     "удостоверение личности не прочитано уверенно — его сверит с заявкой сотрудник (большинство слов не прочитано)"),
    (r"the identity document could not be read surely — a person must compare it with the application "
     r"\(no text could be read on it\)",
     "жеке куәлік сенімді оқылмады — оны өтініммен қызметкер салыстырады (мәтіні оқылмады)",
     "удостоверение личности не прочитано уверенно — его сверит с заявкой сотрудник (текст не прочитан)"),
    (r"the application's IIN and name are unknown: a person compares them",
     "өтінімдегі ЖСН мен аты-жөні белгісіз: жеке куәлікті қызметкер салыстырады",
     "ИИН и ФИО из заявки неизвестны: удостоверение сверит сотрудник"),
    (r"the IIN could not be read on the identity document, the name matches",
     "жеке куәліктегі ЖСН оқылмады, аты-жөні сәйкес келеді", "ИИН в удостоверении не прочитан, ФИО совпадает"),
    (r"the document type was not recognized, its words place it here",
     "құжат түрі анықталмады, мазмұны бойынша осы тармаққа жатқызылды",
     "тип документа не распознан, отнесён к пункту по содержанию"),
    (r"the video file is not at hand: a person checks it", "бейнефайл табылмады: оны қызметкер тексереді",
     "видеофайл не найден: его проверит сотрудник"),
    (r"cannot compare the title frame.*", "титрды салыстыру мүмкін емес: өтінімдегі аты-жөні белгісіз",
     "титр не с чем сравнить: ФИО из заявки неизвестно"),
    (r"cannot read a frame of the first seconds", "алғашқы секундтардың кадры оқылмады",
     "кадр первых секунд не прочитан"),
    (r"no text could be read.*", "мәтін оқылмады: сұрақтарды қызметкер тексереді",
     "текст не прочитан: вопросы проверит сотрудник"),
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
    (r"the file could not be checked.*", "файлды тексеру мүмкін болмады: оны қызметкер тексереді",
     "файл не удалось проверить: его проверит сотрудник"),
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
            if "q" in groups:
                groups["qname"] = QUESTION_NAMES[lang][groups["q"]]
            if "list" in groups:
                groups["list"] = ", ".join(DOC_TYPES[lang].get(t.strip(), t.strip()) for t in groups["list"].split(","))
            return (kk if lang == "kk" else ru).format(**groups)
    return None
