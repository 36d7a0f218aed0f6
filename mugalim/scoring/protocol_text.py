"""The words of the protocol, in Kazakh (the default) and Russian (`language: ru`)."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
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
    "defaults": "Қаулыда айтылмаған жағдайларда қолданылған ережелер (A1–A9)",
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
    "number": "№",
    "summary_title": "КЕЗЕҢНІҢ ҚОРЫТЫНДЫСЫ",
    "doc_title": "Хаттама",
    "season_word": "жыл",
    "held_on": "Өткізілген күні", "place": "Орны", "fill": "____________",
    "round_one": "{r}-тур", "round_many": "{rs}-турлар",
    "unit_line": {"school": "Мектеп", "district": "Аудан", "city": "Комиссия", "grants": "Комиссия"},
    "bin": "БСН",
    "city_commission": "Алматы қаласының қалалық комиссиясы",
    "grants_commission": "педагогтерге грант беру жөніндегі комиссия",
    "feeder": {"school": "{name}", "district": "{name} (аудан)"},
    "grounds": "Шешімнің негіздері",
    "no_grounds": "ерекше жағдай жоқ: шешім қорытынды балдар бойынша қабылданды",
    "waiting": "Шешім уақытша (A9)",
    "waiting_text": "шешімі әлі қабылданбаған бөлімшелерді күтеді — {feeders}. Олар бойынша шешім қабылданғанша "
                    "немесе Басқарма оларсыз жалғастыруға рұқсат бергенше ешкім келесі кезеңге жіберілмейді, "
                    "жүлде мен грант берілмейді, төлем жасалмайды",
    "proceeded": "Басқарманың шешімімен жалғасты (A9)",
    "proceeded_text": "шешімі қабылданбаған {feeder} күтілмеді: ол жіберген қатысушылармен ғана жалғасты{source}",
    "released": "Басқарманың шешімі (A9)",
    "released_text": "келесі кезең бұл бөлімшенің шешімін күтпей, ол жіберген қатысушылармен жалғасады{source}",
    "source": " ({file}, {row}-жол)",
    "tie_text": "{tied} — қорытынды балдары тең ({total}); комиссия шешімімен{source}: {who} → {what}",
    "a6_kept": "Бір ұйымның бір күні тапсырған үміткерлері (A6)",
    "a6_text": "Басқарманың шешімімен {who} қалдырылды{source}",
    "refused": "Шешім қолданылмады",
    "refused_text": "{what}{source} — {reason}",
    "what_advance": "{who}: келесі кезеңге өту",
    "what_place": "{who}: {place}",
    "what_proceed": "{unit} бөлімшесінің шешімін күтпей жалғастыру",
    "what_other": "шешім",
    "e4": "Атақ берілмейді (E4)",
    "e4_text": "{who} қорытынды балл бойынша {rank}-орында, бірақ «Алматының жыл мұғалімі» атағын {seasons} жылы "
               "алған: атақ бір адамға бес жылда бір реттен жиі берілмейді (қаулының 5-тармағы). Сондықтан "
               "Гран-при атақ ала алатын, балы ең жоғары қатысушыға берілді; {short} — {place}",
    "no_place": "жүлделі орын берілмеді",
    "eliminated": "Іріктеу турларынан кейін (A4)",
    "eliminated_text": "{who} келесі турларға өтпеді",
    "school_of": "мектебі",
    "bad_rows_intro": "{n} жол ескерілмеді; әр жолдың файлы, нөмірі және себебі осы хаттаманың жанындағы "
                      "{file} файлында. Түрлері бойынша:",
    "bad_rows_none": "жоқ",
    "bad_kinds": {
        "stage": "осы кезеңге (бөлімшеге) қатыспайтын немесе конкурсқа жіберілмеген адамның бағасы",
        "unknown": "тіркелмеген адамның бағасы",
        "round": "бұл кезеңде жоқ турдың бағасы",
        "scale": "бағалау шкаласынан тыс баға",
        "duplicate": "қайталанған жол",
        "member": "комиссия құрамында жоқ адамның бағасы",
        "absent": "отырысқа қатыспаған мүшенің бағасы",
        "decision": "қолданылмаған шешім",
        "file": "толық қабылданбаған файл",
        "value": "мәні қате толтырылған жол",
        "other": "басқа себеп",
    },
    "stage_wide": "Кезең бойынша",
    "refused_elsewhere": "Ешбір бөлімшеге жатпайтын шешімдер",
    "summary_intro": "Бұл файлда кезеңнің {n} комиссиясының хаттамасы бар: әр хаттама жаңа беттен басталады, өз нөмірі "
                     "және қол қою жолдары бар.",
    "summary_none": "Бұл кезеңде қатысушы жоқ.",
    "summary_cols": ["Хаттама №", "Комиссия", "Қатысушылар", "Шешім"],
    "summary_decision": {"advance": "{n} келесі кезеңге өтеді", "granted": "{n} грант", "places": "орындар берілді",
                         "undecided": "шешім қабылданбады", "waiting": "шешім уақытша (A9)",
                         "pending": "шешім күтілуде (A2)"},
    "setting_words": {
        "mean": "раундтың бағасы — мүшелер бағаларының орташа арифметикалығы",
        "trimmed_mean": "раундтың бағасы — ең жоғары және ең төменгі баға алынып тасталғаннан кейінгі мүшелер "
                        "бағаларының орташа арифметикалығы",
        "pending": "шектегі тең балл комиссия шешімін күтеді",
        "cut_none": "іріктеу турларынан кейін шекті орын белгіленбеген",
        "cut_n": "іріктеу турларынан кейін әр бөлімшеден ең жоғары балды {n} қатысушы келесі турларға өтеді",
        "votes": "дауыс беру уақыты — {h} сағат; {one}; {points}",
        "one_per_phone": "бір телефоннан бір қатысушыға бір дауыс", "many_per_phone": "бір телефоннан бірнеше дауыс",
        "points": {"none": "дауыстар комиссияға хабарланады, балға қосылмайды",
                   "one_per_vote": "әр дауыс қорытынды балға бір ұпай қосады",
                   "rank": "дауыс саны бойынша орынға қарай ұпай қосылады"},
        "min_members": "комиссия мүшелерінің ең аз саны — {n}",
        "grants": "бюджет {budget} ₸ ÷ бір грант {amount} ₸ = {n} грант",
        "season": "Осы маусымда",
    },
    "file_page": "файлдың беті",
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
    "defaults": "Правила, применённые там, где постановление не устанавливает порядок (A1–A9)",
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
    "number": "№",
    "summary_title": "ИТОГИ ЭТАПА",
    "doc_title": "Протокол",
    "season_word": "год",
    "held_on": "Дата проведения", "place": "Место проведения", "fill": "____________",
    "round_one": "тур {r}", "round_many": "туры {rs}",
    "unit_line": {"school": "Школа", "district": "Район", "city": "Комиссия", "grants": "Комиссия"},
    "bin": "БИН",
    "city_commission": "Городская комиссия города Алматы",
    "grants_commission": "комиссия по присуждению грантов педагогам",
    "feeder": {"school": "{name}", "district": "{name} (район)"},
    "grounds": "Основания решения",
    "no_grounds": "особых обстоятельств нет: решение принято по итоговым баллам",
    "waiting": "Решение предварительное (A9)",
    "waiting_text": "ожидает подразделения, по которым решение ещё не принято — {feeders}. Пока по ним не принято "
                    "решение или Управление не разрешит продолжить без них, никто не проходит на следующий этап, "
                    "призы и гранты не присуждаются, выплаты не производятся",
    "proceeded": "Продолжено по решению Управления (A9)",
    "proceeded_text": "не ожидали {feeder}, по которому решение не принято: продолжено только с направленными им "
                      "участниками{source}",
    "released": "Решение Управления (A9)",
    "released_text": "следующий этап продолжается, не ожидая решения этого подразделения, с направленными им "
                     "участниками{source}",
    "source": " ({file}, строка {row})",
    "tie_text": "{tied} — равные итоговые баллы ({total}); решением комиссии{source}: {who} → {what}",
    "a6_kept": "Кандидаты одной организации, поданные в один день (A6)",
    "a6_text": "решением Управления оставлен(а) {who}{source}",
    "refused": "Решение не применено",
    "refused_text": "{what}{source} — {reason}",
    "what_advance": "{who}: проход на следующий этап",
    "what_place": "{who}: {place}",
    "what_proceed": "продолжить без решения по подразделению {unit}",
    "what_other": "решение",
    "e4": "Звание не присуждается (E4)",
    "e4_text": "{who} на {rank}-м месте по итоговому баллу, но получил(а) звание «Алматының жыл мұғалімі» в {seasons} "
               "году: звание присуждается одному лицу не чаще одного раза в пять лет (пункт 5 постановления). "
               "Поэтому Гран-при присуждён участнику с наивысшим баллом, который может получить звание; "
               "{short} — {place}",
    "no_place": "призовое место не присуждено",
    "eliminated": "После отборочных туров (A4)",
    "eliminated_text": "{who} не прошли в следующие туры",
    "school_of": "школа",
    "bad_rows_intro": "Не учтено строк: {n}; файл, номер и причина каждой строки — в файле {file} рядом с этим "
                      "протоколом. По видам:",
    "bad_rows_none": "нет",
    "bad_kinds": {
        "stage": "оценка лица, не участвующего в этом этапе (подразделении) или не допущенного к конкурсу",
        "unknown": "оценка незарегистрированного лица",
        "round": "оценка за тур, которого нет на этом этапе",
        "scale": "оценка вне шкалы",
        "duplicate": "повторная строка",
        "member": "оценка лица, не входящего в комиссию",
        "absent": "оценка члена, отсутствовавшего на заседании",
        "decision": "непримененное решение",
        "file": "файл, не принятый целиком",
        "value": "строка с неверно заполненным значением",
        "other": "другая причина",
    },
    "stage_wide": "По этапу в целом",
    "refused_elsewhere": "Решения, не относящиеся ни к одному подразделению",
    "summary_intro": "В этом файле протоколы {n} комиссий этапа: каждый протокол начинается с новой страницы, имеет "
                     "свой номер и строки для подписей.",
    "summary_none": "На этом этапе нет участников.",
    "summary_cols": ["Протокол №", "Комиссия", "Участников", "Решение"],
    "summary_decision": {"advance": "проходят: {n}", "granted": "грантов: {n}", "places": "места присуждены",
                         "undecided": "решение не принято", "waiting": "решение предварительное (A9)",
                         "pending": "ожидает решения (A2)"},
    "setting_words": {
        "mean": "оценка тура — среднее арифметическое оценок членов комиссии",
        "trimmed_mean": "оценка тура — среднее арифметическое оценок членов комиссии без одной наивысшей и одной "
                        "наименьшей",
        "pending": "равенство баллов на границе ожидает решения комиссии",
        "cut_none": "проходной границы после отборочных туров нет",
        "cut_n": "после отборочных туров в следующие туры проходят {n} участников с наивысшим баллом в каждом "
                 "подразделении",
        "votes": "время голосования — {h} ч; {one}; {points}",
        "one_per_phone": "один голос с одного телефона за участника", "many_per_phone": "несколько голосов с телефона",
        "points": {"none": "голоса сообщаются комиссии и не добавляются к баллу",
                   "one_per_vote": "каждый голос добавляет к итогу один балл",
                   "rank": "баллы добавляются по месту в голосовании"},
        "min_members": "наименьший состав комиссии — {n}",
        "grants": "бюджет {budget} ₸ ÷ один грант {amount} ₸ = {n} грантов",
        "season": "В этом сезоне",
    },
    "file_page": "стр. файла",
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


_PLACE = {"kk": {"Grand Prix": "Гран-при", "I": "I орын", "II": "II орын", "III": "III орын"},
          "ru": {"Grand Prix": "Гран-при", "I": "I место", "II": "II место", "III": "III место"}}
_PLACE_RE = r"(Grand Prix|III|II|I)"


def _what(lang: str, what: str) -> str:
    """The cut a decision was meant for, as `ties.resolve` / `prizes` name it, in words."""
    m = re.fullmatch(r"the (\d+) places of .+", what)
    if m:
        return {"kk": f"{m[1]} орын", "ru": f"{m[1]} мест(а)"}[lang]
    m = re.fullmatch(r"the last of (\d+) grants", what)
    if m:
        return {"kk": "соңғы грант", "ru": "последний грант"}[lang]
    return _PLACE[lang].get(what, what)


def _place(lang: str, i: int) -> Callable[[re.Match[str]], str]:
    return lambda m: _PLACE[lang].get(m[i], m[i])


# Refused decisions, warnings, and the reasons of bad rows (the rows of bad_rows.csv), in words.
_MORE: dict[str, list[tuple[str, Any]]] = {
    "kk": [
        (r"no tie to resolve for (.+)", lambda m: f"{_what('kk', m[1])} үшін тең балл жоқ — шешетін ештеңе жоқ"),
        (r"participant (\S+) is not in the tie for (.+)",
         lambda m: f"{m[1]} {_what('kk', m[2])} үшін тең балл жинағандардың қатарында жоқ"),
        (r"(\d+) decisions for (\d+) place\(s\) of (.+): none applied",
         r"\2 орынға \1 шешім берілген — ешқайсысы қолданылмады"),
        (_PLACE_RE + r" waits on an earlier tie",
         lambda m: f"алдыңғы орындағы тең балл әлі шешілмеген: {_PLACE['kk'][m[1]]} әзірге берілмейді"),
        (r"no one to take " + _PLACE_RE, lambda m: f"{_PLACE['kk'][m[1]]} алатын қатысушы жоқ"),
        (r"decisions name several people for " + _PLACE_RE + r": none applied",
         lambda m: f"{_PLACE['kk'][m[1]]} үшін бірнеше адам аталған — ешқайсысы қолданылмады"),
        (r"no unit '(.+)' in the (\w+) stage", r"«\1» бұл кезеңде жоқ"),
        (r"(.+) is undecided \(invalid session or missing scores\): the decision cannot apply yet",
         r"\1 бойынша шешім қабылданбаған (отырыс жарамсыз немесе бағалар толық емес): шешім әзірге қолданылмайды"),
        (r"decision (\w+)(?:/(\w+))? does not apply to the (\w+) stage \(expected (.+)\)",
         "бұл кезеңде мұндай шешім қолданылмайды"),
        (r"participant (\S+) is not among same-day nominees of one organization \(A6\)",
         r"\1 бір ұйымның бір күні тапсырған үміткерлерінің қатарында жоқ (A6)"),
        (r"proceed_without refused: (.+) is decided, there is nothing to go on without \(A9\)",
         r"\1 бойынша шешім қабылданған — онсыз жалғастыруға негіз жоқ (A9)"),
        (r"proceed_without refused: no unit '(.+)' in the (\w+) stage \(A9\)", r"«\1» бұл кезеңде жоқ (A9)"),
        (r"(.+) waits for undecided units \(A9\): the decision cannot apply yet",
         r"\1 шешімі қабылданбаған бөлімшелерді күтеді (A9): шешім әзірге қолданылмайды"),
        (r"(.+) waits for (\d+) undecided unit\(s\) of the (\w+) stage \((.+)\): provisional until they are "
         r"decided or the Department lets it go on without them \(A9\)",
         r"\1 шешімі қабылданбаған бөлімшелерді (\4) күтеді: шешім уақытша (A9)"),
        (r"(.+): a tie at the selection cut-off of (\d+) \(A4\): all tied go on \(A2\)",
         r"\1: іріктеу шегінде (\2) балдар тең (A4) — тең балл жинағандардың бәрі өтеді (A2)"),
        (r"(\d+) votes for people not in the city stage: not counted",
         r"қалалық кезеңге қатыспайтын адамдарға \1 дауыс берілген: есептелмеді"),
        (r"participant (\S+): (\d+) votes but no single presentation end time in the presentations file: none "
         r"counted \(S5\)",
         r"\1 қатысушыға \2 дауыс түскен, бірақ презентациясының аяқталу уақыты белгісіз: ешқайсысы есептелмеді (S5)"),
        (r"no grant: the season sets no grant amount or budget \(G5, A7\)",
         "грант жоқ: маусымда грант сомасы немесе бюджеті белгіленбеген (G5, A7)"),
        (r"(.+): (\w+) commission of (\d+) members \(fewer than (\d+)\): a warning only \(A8\)",
         r"\1: комиссияда \3 мүше, \4-тен аз — тек ескерту (A8)"),
        (r"(.+), round (\d+): neither the chair nor the deputy chair is present \(C3\)",
         r"\1, \2-тур: төраға да, оның орынбасары да қатыспады (C3)"),
        (r"(.+), round (\d+): a member is listed more than once in the attendance",
         r"\1, \2-тур: қатысу тізімінде бір мүше бірнеше рет көрсетілген"),
        (r"(.+) \(round (\d+)\)", lambda m: f"{_score_row('kk', m[1])} ({m[2]}-тур)"),
        (r"member listed twice in the attendance of one session: neither row used",
         "бір отырыстың қатысу тізімінде мүше екі рет көрсетілген: екі жол да ескерілмеді"),
        (r"member already named in row (\d+) for this commission: this row is not used",
         r"бұл мүше осы комиссия үшін \1-жолда аталған: бұл жол ескерілмеді"),
        (r"same content as (.+): not loaded twice", r"мазмұны \1 файлымен бірдей: екінші рет жүктелмеді"),
        (r"not a CSV or XLSX file", "CSV немесе XLSX файлы емес"),
        (r"unknown kind of file: .*", "файлдың түрі белгісіз: атауы кіріс файлдарының бірінің атымен басталуы керек"),
        (r"cannot be read as (\w+): \w+", r"\1 файлы ретінде оқылмады"),
        (r"required column missing: (.+)", r"міндетті баған жоқ: \1"),
        (r"(\w+) is empty", r"«\1» бос"),
        (r"(\w+) is not a whole number", r"«\1» — бүтін сан емес"),
        (r"season is not a year", "«season» — жыл емес"),
        (r"(\w+) must be one of ([^']+?)(?:, not '.*')?", r"«\1» мәні мыналардың бірі болуы керек: \2"),
        (r"(\w+) is not 12 digits", r"«\1» 12 цифрдан тұрмайды"),
        (r"(\w+) holds .+", r"«\1» бағанында рұқсат етілмеген таңба бар"),
        (r"unit of the (\w+) stage must be '(\w+)'", r"бұл кезеңде «unit» мәні «\2» болуы керек"),
        (r"round must be 1 or more", "«round» 1-ден кем болмауы керек"),
        (r"score is not a number", "«score» — сан емес"),
        (r"score (\S+) is outside the season's scale (\S+)–(\S+)", r"\1 бағасы шкаладан тыс (\2–\3)"),
        (r"score has more than 3 decimal places", "«score» үтірден кейін 3 таңбадан көп"),
        (r"(\w+) must be true or false", r"«\1» мәні true немесе false болуы керек"),
        (r"(\w+) is not an ISO 8601 time", r"«\1» — ISO 8601 уақыты емес"),
        (r"(\w+) has no UTC offset \(Almaty is \+05:00\)", r"«\1» уақыт белдеуі көрсетілмеген (Алматы: +05:00)"),
        (r"(\w+) is negative", r"«\1» — теріс сан"),
        (r"(\w+) is not an ISO date", r"«\1» — күн емес"),
        (r"held_on is not a date \((.+)\)", r"«held_on» — күн емес (\1)"),
        (r"phone_sha256 is not a hex SHA-256 \(64 hex digits\)", "«phone_sha256» — SHA-256 мәні емес"),
        (r"place must be empty when decision is advance", "advance шешімінде «place» бос болуы керек"),
        (r"participant_iin and place must be empty when decision is proceed_without \(A9\)",
         "proceed_without шешімінде «participant_iin» мен «place» бос болуы керек (A9)"),
        (r"participant_iin is not a valid IIN: .+", "«participant_iin» — жарамсыз ЖСН"),
    ],
    "ru": [
        (r"no tie to resolve for (.+)", lambda m: f"равенства баллов за {_what('ru', m[1])} нет — решать нечего"),
        (r"participant (\S+) is not in the tie for (.+)",
         lambda m: f"{m[1]} не входит в число участников с равными баллами за {_what('ru', m[2])}"),
        (r"(\d+) decisions for (\d+) place\(s\) of (.+): none applied",
         r"\1 решений на \2 мест(о) — ни одно не применено"),
        (_PLACE_RE + r" waits on an earlier tie",
         lambda m: f"равенство на предыдущем месте не решено: {_PLACE['ru'][m[1]]} пока не присуждается"),
        (r"no one to take " + _PLACE_RE, lambda m: f"некому присудить {_PLACE['ru'][m[1]]}"),
        (r"decisions name several people for " + _PLACE_RE + r": none applied",
         lambda m: f"на {_PLACE['ru'][m[1]]} названо несколько человек — ни одно решение не применено"),
        (r"no unit '(.+)' in the (\w+) stage", r"«\1» нет на этом этапе"),
        (r"(.+) is undecided \(invalid session or missing scores\): the decision cannot apply yet",
         r"по \1 решение не принято (заседание недействительно или оценки неполны): решение пока не применяется"),
        (r"decision (\w+)(?:/(\w+))? does not apply to the (\w+) stage \(expected (.+)\)",
         "такое решение на этом этапе не применяется"),
        (r"participant (\S+) is not among same-day nominees of one organization \(A6\)",
         r"\1 не входит в число кандидатов одной организации, поданных в один день (A6)"),
        (r"proceed_without refused: (.+) is decided, there is nothing to go on without \(A9\)",
         r"по \1 решение принято — продолжать без него нет оснований (A9)"),
        (r"proceed_without refused: no unit '(.+)' in the (\w+) stage \(A9\)", r"«\1» нет на этом этапе (A9)"),
        (r"(.+) waits for undecided units \(A9\): the decision cannot apply yet",
         r"\1 ожидает подразделения без решения (A9): решение пока не применяется"),
        (r"(.+) waits for (\d+) undecided unit\(s\) of the (\w+) stage \((.+)\): provisional until they are "
         r"decided or the Department lets it go on without them \(A9\)",
         r"\1 ожидает подразделения без решения (\4): решение предварительное (A9)"),
        (r"(.+): a tie at the selection cut-off of (\d+) \(A4\): all tied go on \(A2\)",
         r"\1: равные баллы на отборочной границе (\2) (A4) — проходят все (A2)"),
        (r"(\d+) votes for people not in the city stage: not counted",
         r"\1 голосов за лиц, не участвующих в городском этапе: не учтены"),
        (r"participant (\S+): (\d+) votes but no single presentation end time in the presentations file: none "
         r"counted \(S5\)",
         r"за участника \1 поступило \2 голосов, но время окончания презентации неизвестно: не учтены (S5)"),
        (r"no grant: the season sets no grant amount or budget \(G5, A7\)",
         "грантов нет: в сезоне не задан размер гранта или бюджет (G5, A7)"),
        (r"(.+): (\w+) commission of (\d+) members \(fewer than (\d+)\): a warning only \(A8\)",
         r"\1: в комиссии \3 членов, меньше \4 — только предупреждение (A8)"),
        (r"(.+), round (\d+): neither the chair nor the deputy chair is present \(C3\)",
         r"\1, тур \2: нет ни председателя, ни заместителя (C3)"),
        (r"(.+), round (\d+): a member is listed more than once in the attendance",
         r"\1, тур \2: член комиссии указан в листе присутствия несколько раз"),
        (r"(.+) \(round (\d+)\)", lambda m: f"{_score_row('ru', m[1])} (тур {m[2]})"),
        (r"member listed twice in the attendance of one session: neither row used",
         "член комиссии дважды указан в листе присутствия заседания: обе строки не учтены"),
        (r"member already named in row (\d+) for this commission: this row is not used",
         r"этот член комиссии уже указан в строке \1: строка не учтена"),
        (r"same content as (.+): not loaded twice", r"содержимое совпадает с файлом \1: повторно не загружено"),
        (r"not a CSV or XLSX file", "не файл CSV или XLSX"),
        (r"unknown kind of file: .*",
         "вид файла неизвестен: имя должно начинаться с названия одного из входных файлов"),
        (r"cannot be read as (\w+): \w+", r"не читается как \1"),
        (r"required column missing: (.+)", r"нет обязательного столбца: \1"),
        (r"(\w+) is empty", r"«\1» не заполнен"),
        (r"(\w+) is not a whole number", r"«\1» — не целое число"),
        (r"season is not a year", "«season» — не год"),
        (r"(\w+) must be one of ([^']+?)(?:, not '.*')?", r"«\1» должен быть одним из: \2"),
        (r"(\w+) is not 12 digits", r"«\1» не из 12 цифр"),
        (r"(\w+) holds .+", r"в «\1» недопустимый символ"),
        (r"unit of the (\w+) stage must be '(\w+)'", r"на этом этапе «unit» должен быть «\2»"),
        (r"round must be 1 or more", "«round» должен быть не меньше 1"),
        (r"score is not a number", "«score» — не число"),
        (r"score (\S+) is outside the season's scale (\S+)–(\S+)", r"оценка \1 вне шкалы (\2–\3)"),
        (r"score has more than 3 decimal places", "в «score» больше 3 знаков после запятой"),
        (r"(\w+) must be true or false", r"«\1» должен быть true или false"),
        (r"(\w+) is not an ISO 8601 time", r"«\1» — не время ISO 8601"),
        (r"(\w+) has no UTC offset \(Almaty is \+05:00\)", r"в «\1» нет часового пояса (Алматы: +05:00)"),
        (r"(\w+) is negative", r"«\1» — отрицательное число"),
        (r"(\w+) is not an ISO date", r"«\1» — не дата"),
        (r"held_on is not a date \((.+)\)", r"«held_on» — не дата (\1)"),
        (r"phone_sha256 is not a hex SHA-256 \(64 hex digits\)", "«phone_sha256» — не SHA-256"),
        (r"place must be empty when decision is advance", "при решении advance «place» должен быть пустым"),
        (r"participant_iin and place must be empty when decision is proceed_without \(A9\)",
         "при решении proceed_without «participant_iin» и «place» должны быть пустыми (A9)"),
        (r"participant_iin is not a valid IIN: .+", "«participant_iin» — недействительный ИИН"),
    ],
}

# A score row the stage did not use (scoring_checked_scores.sql), in words; the key of its kind in the protocol.
_SCORE_ROWS: dict[str, tuple[str, str, str]] = {
    "unknown participant": ("unknown", "тіркелмеген адамның бағасы", "оценка незарегистрированного лица"),
    "participant not in this stage": ("stage", "бұл адам осы кезеңге қатыспайды", "это лицо не участвует в этапе"),
    "participant rejected (see rejected): scores ignored": (
        "stage", "конкурсқа жіберілмеген адамның бағасы ескерілмейді", "оценка не допущенного к конкурсу не учтена"),
    "participant is not in this unit": ("stage", "бұл адам осы бөлімшеге жатпайды",
                                        "это лицо не относится к этому подразделению"),
    "not a round of this stage": ("round", "бұл кезеңде мұндай тур жоқ", "такого тура на этом этапе нет"),
    "score outside the season's scale": ("scale", "баға шкаладан тыс", "оценка вне шкалы"),
    "two rows for the same member, participant and round: neither is used": (
        "duplicate", "бір мүшенің бір қатысушыға бір турдағы екі бағасы: екеуі де ескерілмеді",
        "две оценки одного члена одному участнику за тур: обе не учтены"),
    "member not on the commission of that session": ("member", "бұл адам сол отырыстың комиссиясында жоқ",
                                                     "этого лица нет в комиссии этого заседания"),
    "member listed twice in the attendance of that session": (
        "duplicate", "мүше сол отырыстың қатысу тізімінде екі рет көрсетілген",
        "член дважды указан в листе присутствия заседания"),
    "member marked absent at that session": ("absent", "мүше сол отырысқа қатыспаған",
                                             "член отсутствовал на заседании"),
}


def _score_row(lang: str, reason: str) -> str:
    known = _SCORE_ROWS.get(reason)
    return (known[1] if lang == "kk" else known[2]) if known else reason


_KINDS = [("duplicate", r"two rows for the same|member listed twice|member already named|same content as"),
          ("stage", r"participant (not in this stage|is not in this unit|rejected)"),
          ("unknown", r"unknown participant"), ("round", r"not a round of this stage"),
          ("scale", r"score (outside|\S+ is outside)"), ("member", r"member not on the commission"),
          ("absent", r"member marked absent")]


def bad_row_kind(row: int | None, reason: str, *, decision: bool = False) -> str:
    """The kind of a bad row, a key of `TEXT[lang]["bad_kinds"]`: the protocol counts bad rows by kind."""
    if row is None:
        return "file"
    if decision:
        return "decision"
    for kind, pattern in _KINDS:
        if re.match(pattern, reason):
            return kind
    if any(re.fullmatch(p, reason) for p, _ in _MORE["kk"][_FIRST_READ_ERROR:]):
        return "value"
    return "other"


_FIRST_READ_ERROR = next(n for n, (p, _) in enumerate(_MORE["kk"]) if p.startswith("not a CSV"))



@functools.lru_cache(maxsize=4096)
def localize(reason: str, lang: str) -> str:
    """A rule's reason in the protocol's language (parts joined by "; " each translated); unknown text stays.
    Remembered: a stage's protocols say the same few reasons hundreds of times."""
    return "; ".join(_nested(lambda x: _one(x, lang), p) for p in reason.split("; "))


def _one(part: str, lang: str) -> str:
    for pattern, template in _patterns(lang):
        m = pattern.fullmatch(part)
        if m:
            return template(m) if callable(template) else m.expand(template)
    return part


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> list[tuple[re.Pattern[str], Any]]:
    return [(re.compile(p), t) for p, t in _COMMON.get(lang, []) + _MORE.get(lang, [])]


def _nested(one, part: str) -> str:  # type: ignore[no-untyped-def]
    """`<unit> undecided: <first reason>` → both translated."""
    out = one(part)
    if out == part:
        return part
    if ": " in out and "— " in out:
        pre, _, rest = out.partition("— ")
        return pre + "— " + one(rest)
    return out
