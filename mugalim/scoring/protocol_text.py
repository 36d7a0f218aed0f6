"""The words of the protocol, in Kazakh (the default) and Russian (`language: ru`)."""
from __future__ import annotations

from typing import Any

KK: dict[str, Any] = {
    "lang": "kk",
    "title": "ХАТТАМА",
    "competitions": {"teacher_of_year": "«Алматының жыл мұғалімі» құрметті атағын беру конкурсы",
                     "grants": "Педагогтерге грант беру конкурсы"},
    "stages": {"school": "I кезең — мектепішілік", "district": "II кезең — аудандық", "city": "III кезең — қалалық",
               "grants": "Гранттық комиссия"},
    "decree": "Алматы қаласы әкімдігінің 2020 жылғы 19 мамырдағы № 2/161 қаулысы негізінде (13-тармақ, C4).",
    "window": "Кезеңнің мерзімі",
    "unit": {"school": "Мектеп (БСН)", "district": "Аудан", "city": "Қалалық комиссия", "grants": "Гранттық комиссия"},
    "commission": "Комиссия отырыстары және кворум (C1, C2, C3)",
    "round": "Тур", "members": "Мүшелері", "present": "Қатысқаны", "quorum": "Кворум", "presiding": "Төрағалық етті",
    "no_session": "қатысу тізімі жоқ: отырыс жарамсыз (C2)",
    "valid": "бар", "invalid": "жоқ",
    "chair": "төраға", "deputy_acts": "төрағаның орынбасары (C3)", "nobody": "ешкім",
    "scores": "Турлар бойынша бағалар және қорытынды балл",
    "participant": "Қатысушы", "r": "Т", "total": "Барлығы", "rank": "Орны",
    "scores_note": "Тур бағасы — отырысқа қатысқан мүшелер бағаларының орташа арифметикалық мәні (A1); "
                   "кесте үшін ғана 0,001-ге дейін дөңгелектенген.",
    "votes_note": " SMS-дауыстардан алынған ұпайлар қорытынды балға қосылды (A3).",
    "decision": "Комиссияның шешімі",
    "undecided": "Шешім қабылданбады",
    "advance": "Келесі кезеңге өтеді",
    "granted": "Грант беріледі",
    "pending": "Комиссия шешімін күтуде",
    "pending_word": "шешім күтілуде",
    "tie_resolved": "Тең балл бойынша шешім",
    "row": "жол",
    "places": {"grand_prix": "Гран-при", "first": "I орын", "second": "II орын", "third": "III орын",
               "grant": "Грант"},
    "votes": "SMS-дауыстар", "outside": "Уақыттан тыс", "repeats": "Қайталанған",
    "rejected": "Конкурсқа жіберілмегендер",
    "bad_rows": "Қабылданбаған жолдар",
    "more_in_results": "жол results.json файлында",
    "warnings": "Ескертулер",
    "defaults": "Қаулыда айтылмаған жағдайларда қолданылған ережелер (A1–A8)",
    "default_text": {
        "A1": "Тур бағасы — қатысқан мүшелер бағаларының орташа арифметикалық мәні; кезеңнің балы — турлар "
              "бағаларының қосындысы; есеп дәл, тек көрсету үшін дөңгелектенеді",
        "A2": "Шекті орындағы тең балл үнсіз шешілмейді: тең балл жинағандардың бәрі комиссия шешімін күтеді",
        "A3": "Тек 3 сағат ішінде түскен дауыстар, бір телефоннан бір қатысушыға бір дауыс есептеледі",
        "A4": "Іріктеу турларында шекті балл жоқ (маусым баптауында белгіленбесе)",
        "A5": "Еңбек өтілі өтініш толтырылған күнге (болмаса құжаттар түскен күнге) есептеледі",
        "A6": "Бір ұйымның екі үміткерінің ертерек тапсырғаны қалдырылады; бір күні тапсырса — Басқарма шешеді",
        "A7": "Гранттар ең жоғары балл жинағандарға беріледі: бюджет ÷ грант сомасы (төмен қарай дөңгелектеу)",
        "A8": "Мектеп және гранттық комиссияларға да ⅔ кворум қолданылады; 15-тен аз мүше — тек ескерту",
    },
    "chair_sign": "Комиссия төрағасы", "secretary_sign": "Комиссия хатшысы", "signature_hint": "(қолы, аты-жөні)",
    "page": "бет",
    "annex": "Қосымша: конкурсқа жіберілмегендер, қабылданбаған жолдар, ескертулер",
    "roles": {"chair": "төраға", "deputy": "орынбасар", "secretary": "хатшы"},
    "composition": "Комиссия құрамы", "absent": "Қатыспағандар", "none_absent": "барлығы қатысты",
    "received": "Түскені", "counted": "Есептелгені", "points": "Ұпай",
}

RU: dict[str, Any] = {
    "lang": "ru",
    "title": "ПРОТОКОЛ",
    "competitions": {"teacher_of_year": "Конкурс на присвоение почётного звания «Алматының жыл мұғалімі»",
                     "grants": "Конкурс на присуждение грантов педагогам"},
    "stages": {"school": "I этап — внутришкольный", "district": "II этап — районный", "city": "III этап — городской",
               "grants": "Грантовая комиссия"},
    "decree": "На основании постановления акимата города Алматы от 19 мая 2020 года № 2/161 (пункт 13, C4).",
    "window": "Сроки этапа",
    "unit": {"school": "Школа (БИН)", "district": "Район", "city": "Городская комиссия", "grants": "Грантовая комиссия"},
    "commission": "Заседания комиссии и кворум (C1, C2, C3)",
    "round": "Тур", "members": "Членов", "present": "Присутствовали", "quorum": "Кворум",
    "presiding": "Председательствовал",
    "no_session": "нет листа присутствия: заседание недействительно (C2)",
    "valid": "есть", "invalid": "нет",
    "chair": "председатель", "deputy_acts": "заместитель председателя (C3)", "nobody": "никто",
    "scores": "Оценки по турам и итоговый балл",
    "participant": "Участник", "r": "Т", "total": "Итого", "rank": "Место",
    "scores_note": "Оценка тура — среднее арифметическое оценок присутствовавших членов комиссии (A1); "
                   "округлено до 0,001 только для таблицы.",
    "votes_note": " Баллы за SMS-голоса добавлены к итогу (A3).",
    "decision": "Решение комиссии",
    "undecided": "Решение не принято",
    "advance": "Проходят на следующий этап",
    "granted": "Грант присуждается",
    "pending": "Ожидает решения комиссии",
    "pending_word": "ожидает решения",
    "tie_resolved": "Решение при равенстве баллов",
    "row": "строка",
    "places": {"grand_prix": "Гран-при", "first": "I место", "second": "II место", "third": "III место",
               "grant": "Грант"},
    "votes": "SMS-голоса", "outside": "Вне окна", "repeats": "Повторные",
    "rejected": "Не допущены к конкурсу",
    "bad_rows": "Отклонённые строки",
    "more_in_results": "строк — в файле results.json",
    "warnings": "Предупреждения",
    "defaults": "Правила, применённые там, где постановление не устанавливает порядок (A1–A8)",
    "default_text": {
        "A1": "Оценка тура — среднее арифметическое оценок присутствовавших членов; балл этапа — сумма оценок "
              "туров; расчёт точный, округление только при отображении",
        "A2": "Равенство баллов на границе не разрешается молча: все участники с равным баллом ожидают решения",
        "A3": "Учитываются только голоса в течение 3 часов, один голос с телефона за участника",
        "A4": "В отборочных турах нет проходного балла (если сезон его не задаёт)",
        "A5": "Стаж считается на дату заполнения заявления (иначе — на дату поступления документов)",
        "A6": "Из двух кандидатов одной организации остаётся подавший раньше; в один день — решает Управление",
        "A7": "Гранты — наивысшим баллам, в количестве бюджет ÷ размер гранта (с округлением вниз)",
        "A8": "Кворум ⅔ действует и для школьных и грантовой комиссий; менее 15 членов — только предупреждение",
    },
    "chair_sign": "Председатель комиссии", "secretary_sign": "Секретарь комиссии", "signature_hint": "(подпись, Ф.И.О.)",
    "page": "стр.",
    "annex": "Приложение: не допущенные, отклонённые строки, предупреждения",
    "roles": {"chair": "председатель", "deputy": "заместитель", "secretary": "секретарь"},
    "composition": "Состав комиссии", "absent": "Отсутствовали", "none_absent": "присутствовали все",
    "received": "Получено", "counted": "Учтено", "points": "Баллы",
}

TEXT = {"kk": KK, "ru": RU}


# The reasons the rules give (English in results.json, for programs) as the protocol writes them.
_COMMON = {
    "kk": [
        (r"tie at the cut-off of (\d+) in (.+): (\d+) equal totals for (\d+) place\(s\), pending a commission decision",
         r"\2: \4 орынға \3 қатысушының балы тең — комиссия шешімін күтеді (шекті орын: \1)"),
        (r"tie for the last of (\d+) grants: (\d+) equal totals for (\d+) place\(s\), pending a commission decision",
         r"соңғы грантқа (\1) \2 қатысушының балы тең — комиссия шешімін күтеді"),
        (r"tie for (.+): equal city totals", r"\1 үшін қалалық балдар тең — комиссия шешімін күтеді"),
        (r"same-day nominees of one organization: pending the Department's decision",
         "бір ұйымның бір күні тапсырған үміткерлері — Басқарманың шешімін күтеді (A6)"),
        (r"a grant may be freed by the Department's decision on same-day nominees \(A6\): (\d+) next in the ranking "
         r"wait", r"A6 шешімінен кейін грант босауы мүмкін: рейтингте келесі \1 қатысушы күтеді"),
        (r"(.+) undecided: (.+)", r"\1: шешім қабылданбады — \2"),
        (r"round (\d+): (\d+) of (\d+) members present, fewer than two thirds \((C2)\)",
         r"\1-тур: \3 мүшенің \2 қатысты, үштен екісінен аз (\4)"),
        (r"round (\d+): commission of (\d+) members, fewer than (\d+) \((C1)\)",
         r"\1-тур: комиссияда \2 мүше, \3-тен аз (\4)"),
        (r"round (\d+): no attendance rows: the round has no valid session \((C2)\)",
         r"\1-тур: қатысу тізімі жоқ, отырыс жарамсыз (\2)"),
        (r"participant (\S+) has no valid score in round\(s\) (.+)", r"\1 қатысушының \2-турда жарамды бағасы жоқ"),
        (r"not a citizen of the Republic of Kazakhstan", "Қазақстан Республикасының азаматы емес"),
        (r"(\d+) months on the organization's staff, fewer than 36 \(3 years\)",
         r"ұйымның штатында \1 ай, 36 айдан (3 жыл) аз"),
        (r"(\d+) months of uninterrupted pedagogical experience, fewer than 60 \(5 years\)",
         r"үздіксіз педагогтік өтілі \1 ай, 60 айдан (5 жыл) аз"),
        (r"(\d+) months of work experience, fewer than 60 \(5 years\)", r"еңбек өтілі \1 ай, 60 айдан (5 жыл) аз"),
        (r"received the title in (\d+): not again before (\d+)", r"атақты \1 жылы алған: \2 жылға дейін қайта берілмейді"),
        (r"submitted on (\S+), outside (\S+) – (\S+)", r"\1 тапсырылған, \2 – \3 мерзімінен тыс"),
        (r"another teacher of the same organization submitted earlier \((\S+)\): one nominee per organization",
         r"сол ұйымнан басқа педагог ертерек тапсырған (\1): бір ұйымнан бір үміткер"),
    ],
    "ru": [
        (r"tie at the cut-off of (\d+) in (.+): (\d+) equal totals for (\d+) place\(s\), pending a commission decision",
         r"\2: равные баллы у \3 участников на \4 мест(о) — ожидает решения комиссии (граница: \1)"),
        (r"tie for the last of (\d+) grants: (\d+) equal totals for (\d+) place\(s\), pending a commission decision",
         r"равные баллы у \2 участников на последний грант (\1) — ожидает решения комиссии"),
        (r"tie for (.+): equal city totals", r"равные городские баллы за \1 — ожидает решения комиссии"),
        (r"same-day nominees of one organization: pending the Department's decision",
         "кандидаты одной организации, поданные в один день — ожидают решения Управления (A6)"),
        (r"a grant may be freed by the Department's decision on same-day nominees \(A6\): (\d+) next in the ranking "
         r"wait", r"после решения по A6 может освободиться грант: ожидают следующие \1 в рейтинге"),
        (r"(.+) undecided: (.+)", r"\1: решение не принято — \2"),
        (r"round (\d+): (\d+) of (\d+) members present, fewer than two thirds \((C2)\)",
         r"тур \1: присутствовали \2 из \3 членов, меньше двух третей (\4)"),
        (r"round (\d+): commission of (\d+) members, fewer than (\d+) \((C1)\)",
         r"тур \1: в комиссии \2 членов, меньше \3 (\4)"),
        (r"round (\d+): no attendance rows: the round has no valid session \((C2)\)",
         r"тур \1: нет листа присутствия, заседание недействительно (\2)"),
        (r"participant (\S+) has no valid score in round\(s\) (.+)", r"у участника \1 нет действительных оценок в турах \2"),
        (r"not a citizen of the Republic of Kazakhstan", "не гражданин Республики Казахстан"),
        (r"(\d+) months on the organization's staff, fewer than 36 \(3 years\)",
         r"\1 мес. в штате организации, меньше 36 (3 лет)"),
        (r"(\d+) months of uninterrupted pedagogical experience, fewer than 60 \(5 years\)",
         r"непрерывный педагогический стаж \1 мес., меньше 60 (5 лет)"),
        (r"(\d+) months of work experience, fewer than 60 \(5 years\)", r"стаж работы \1 мес., меньше 60 (5 лет)"),
        (r"received the title in (\d+): not again before (\d+)", r"звание получено в \1 г.: не ранее \2 г."),
        (r"submitted on (\S+), outside (\S+) – (\S+)", r"подано \1, вне срока \2 – \3"),
        (r"another teacher of the same organization submitted earlier \((\S+)\): one nominee per organization",
         r"другой педагог той же организации подал раньше (\1): один кандидат от организации"),
    ],
}


def localize(reason: str, lang: str) -> str:
    """A rule's reason in the protocol's language (parts joined by "; " each translated); unknown text stays."""
    import re

    def one(part: str) -> str:
        for pattern, template in _COMMON.get(lang, []):
            m = re.fullmatch(pattern, part)
            if m:
                return m.expand(template)
        return part

    return "; ".join(_nested(one, p) for p in reason.split("; "))


def _nested(one, part: str) -> str:  # type: ignore[no-untyped-def]
    """`<unit> undecided: <first reason>` → both translated."""
    out = one(part)
    if out == part:
        return part
    if ": " in out and "— " in out:
        pre, _, rest = out.partition("— ")
        return pre + "— " + one(rest)
    return out
