"""What each step prints for staff when it ends (`mugalim ingest | validate | score | pay`), in the season's language.
English is the summary the commands printed before, for engineers' logs."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- ingest ----------------------------------------------------------------------------------------------------
    "cli.ingest.title": {"kk": "Файлдарды қабылдау", "ru": "Приём файлов", "en": "Ingest"},
    "cli.ingest.batches_taken": {"kk": "алынған партиялар", "ru": "принято партий", "en": "batches taken"},
    "cli.ingest.batches_waiting": {"kk": "күтудегі партиялар", "ru": "партий ожидает", "en": "batches waiting"},
    "cli.ingest.archived": {"kk": "мұрағатқа салынған файлдар", "ru": "файлов в архиве", "en": "files archived"},
    "cli.ingest.duplicates": {"kk": "қайталанған файлдар", "ru": "файлов-повторов", "en": "files duplicate"},
    "cli.ingest.quarantined": {"kk": "карантиндегі файлдар", "ru": "файлов в карантине", "en": "files quarantined"},
    "cli.ingest.dossiers_ready": {"kk": "дайын топтамалар", "ru": "пакетов готово", "en": "dossiers ready"},
    "cli.ingest.dossiers_waiting": {"kk": "қызметкерді күтетін топтамалар", "ru": "пакетов ждут сотрудника",
                                    "en": "dossiers waiting"},
    "cli.ingest.s_batches_waiting": {"kk": "Күтудегі партиялар", "ru": "Партии в ожидании", "en": "Batches waiting"},
    "cli.ingest.s_quarantined": {"kk": "Карантинге жіберілгендер (себебі <атауы>.reason.txt файлында)",
                                 "ru": "Отправлено в карантин (причина в файле <имя>.reason.txt)",
                                 "en": "Quarantined"},
    "cli.ingest.s_duplicates": {"kk": "Қайталанған файлдар", "ru": "Повторные файлы", "en": "Duplicates"},
    "cli.ingest.s_notes": {"kk": "Ескертулер", "ru": "Замечания", "en": "Notes"},
    "cli.ingest.s_later": {"kk": "Келесі іске қосуға қалдырылғандар", "ru": "Оставлено до следующего запуска",
                           "en": "Left for a later run"},
    "cli.ingest.s_dossiers_waiting": {"kk": "Қызметкердің шешімін күтетін топтамалар",
                                      "ru": "Пакеты, ждущие решения сотрудника",
                                      "en": "Dossiers waiting for a person"},
    "cli.ingest.row": {"kk": "{where}, {row}-жол", "ru": "{where}, строка {row}", "en": "{where} row {row}"},

    # --- wrong input (issue 22 item 1): the error a command ends with --------------------------------------------------
    "err.no_data_folder": {
        "kk": "{path} деректер қалтасы жоқ: --data (немесе $MUGALIM_DATA) мәнін тексеріңіз не жаңасын "
              "`mugalim init {path}` арқылы жасаңыз",
        "ru": "папки данных {path} нет: проверьте --data (или $MUGALIM_DATA) или создайте новую командой "
              "`mugalim init {path}`",
        "en": "the data folder {path} does not exist: check --data (or $MUGALIM_DATA), or make a new one with "
              "`mugalim init {path}`"},
    "err.season_no_scores": {
        "kk": "{season} маусымы: {where} ішінде қатысушылар, бағалар не қатысу белгілері жоқ (бар маусымдар: "
              "{present})",
        "ru": "сезон {season}: в {where} нет участников, оценок или отметок присутствия (есть сезоны: {present})",
        "en": "season {season}: no participants, scores or attendance in {where} (seasons present: {present})"},
    "err.season_no_dossier": {
        "kk": "{season} маусымы: {where} ішінде бұл маусымның топтамасы жоқ (бар маусымдар: {present})",
        "ru": "сезон {season}: в {where} нет пакетов этого сезона (есть сезоны: {present})",
        "en": "season {season}: no dossier of this season in {where} (seasons present: {present})"},
    "err.none": {"kk": "жоқ", "ru": "нет", "en": "none"},
    "err.no_terminal": {
        "kk": "құпиясөзді теретін терминал жоқ: оны --password-stdin арқылы стандартты кірісте беріңіз",
        "ru": "нет терминала для ввода пароля: передайте его на стандартный ввод с --password-stdin",
        "en": "no terminal to type the password on: give it on standard input with --password-stdin"},
    "err.passwords_differ": {"kk": "екі құпиясөз әртүрлі", "ru": "пароли не совпадают",
                             "en": "the two passwords differ"},
    "err.competition_with_stage": {
        "kk": "--competition мен --stage бірге беріңіз, не екеуін де бермеңіз (барлық кезең)",
        "ru": "укажите --competition и --stage вместе или ни одного (все этапы)",
        "en": "give --competition and --stage together, or neither (every stage)"},

    # --- validate --------------------------------------------------------------------------------------------------
    "cli.validate.counts": {
        "kk": "{season} маусымы: {dossiers} топтама, толығы {complete}, қызметкерді күтетіні {waiting}, деректер "
              "сапасы бойынша тоқтатылғаны {held}",
        "ru": "сезон {season}: пакетов {dossiers}, полных {complete}, ждут сотрудника {waiting}, задержано проверкой "
              "качества данных {held}",
        "en": "season {season}: {dossiers} dossiers, {complete} complete, {waiting} waiting for a person, {held} held "
              "back by data quality"},
    "validate.p.count": {"kk": "validate: {season} маусымының {n} топтамасы тексеріледі",
                         "ru": "validate: проверяется пакетов сезона {season}: {n}",
                         "en": "validate: {n} dossiers of season {season}"},
    "validate.p.dossier": {"kk": "validate: {id}-топтама ({iin}): {state}", "ru": "validate: пакет {id} ({iin}): {state}",
                           "en": "validate: dossier {id} ({iin}): {state}"},
    "validate.state.waiting": {"kk": "қызметкерді күтеді", "ru": "ждёт сотрудника", "en": "waiting"},
    "validate.state.complete": {"kk": "толық", "ru": "полный", "en": "complete"},
    "validate.state.incomplete": {"kk": "толық емес", "ru": "неполный", "en": "incomplete"},
    "cli.validate.corrections": {"kk": "түзетулер: қабылданғаны {taken}, қабылданбағаны {refused}",
                                 "ru": "исправления: принято {taken}, отклонено {refused}",
                                 "en": "corrections taken: {taken}, refused: {refused}"},
    "cli.validate.reports": {"kk": "есептер: {path}", "ru": "отчёты: {path}", "en": "reports: {path}"},
    "cli.validate.data_docs": {"kk": "деректер сапасы (Data Docs): {path}", "ru": "качество данных (Data Docs): {path}",
                               "en": "data docs: {path}"},
    "cli.validate.no_data_docs": {"kk": "жасалмады", "ru": "не созданы", "en": "None"},
    "cli.validate.bad_correction": {"kk": "түзету {file}, {row}-жол: {reason}",
                                    "ru": "исправление {file}, строка {row}: {reason}",
                                    "en": "corrections {file} row {row}: {reason}"},

    # --- score -----------------------------------------------------------------------------------------------------
    "score.p.written": {"kk": "{competition} / {stage}: жазылды — {counts}",
                        "ru": "{competition} / {stage}: записано — {counts}",
                        "en": "{competition}/{stage}: {counts}"},
    "score.p.unchanged": {"kk": "{competition} / {stage}: соңғы іске қосудан бері өзгерген жоқ, қайта жазылмады",
                          "ru": "{competition} / {stage}: не изменилось с прошлого запуска, не перезаписано",
                          "en": "{competition}/{stage}: unchanged since its last run: nothing written"},
    "cli.score.head": {"kk": "== {competition} / {stage} ({season} маусымы)",
                       "ru": "== {competition} / {stage} (сезон {season})",
                       "en": "== {competition} / {stage} (season {season})"},
    "stage.school": {"kk": "мектеп кезеңі", "ru": "школьный этап", "en": "school"},
    "stage.district": {"kk": "аудандық кезең", "ru": "районный этап", "en": "district"},
    "stage.city": {"kk": "қалалық кезең", "ru": "городской этап", "en": "city"},
    "stage.grants": {"kk": "гранттық комиссия", "ru": "грантовая комиссия", "en": "grants"},
    "place.grand_prix": {"kk": "Гран-при", "ru": "Гран-при", "en": "Grand Prix"},
    "place.first": {"kk": "I орын", "ru": "I место", "en": "I"},
    "place.second": {"kk": "II орын", "ru": "II место", "en": "II"},
    "place.third": {"kk": "III орын", "ru": "III место", "en": "III"},
    "cli.score.advances": {"kk": "өтеді", "ru": "проходит", "en": "advances"},
    "cli.score.grant": {"kk": "грант", "ru": "грант", "en": "grant"},
    "cli.score.pending": {"kk": "күтуде", "ru": "ожидает", "en": "pending"},
    "cli.score.rejected": {"kk": "жіберілмеді", "ru": "не допущен", "en": "rejected"},
    "cli.score.nobody_yet": {"kk": "— (шешім күтілуде)", "ru": "— (ожидается решение)", "en": "— (pending)"},
    "cli.score.more": {"kk": "… тағы {n} жол: {path}", "ru": "… ещё {n} строк: {path}",
                       "en": "… {n} more lines in {path}"},
    "cli.score.where": {"kk": "  → {path}", "ru": "  → {path}", "en": "  → {path}"},
    "count.advancing": {"kk": "келесі кезеңге өтеді: {n}", "ru": "проходят дальше: {n}", "en": "{n} advancing"},
    "count.places": {"kk": "берілген орындар: {n}", "ru": "присуждено мест: {n}", "en": "{n} place(s) awarded"},
    "count.grants": {"kk": "гранттар: {n}", "ru": "грантов: {n}", "en": "{n} grant(s)"},
    "count.pending": {"kk": "шешім күтуде: {n}", "ru": "ожидают решения: {n}", "en": "{n} pending"},
    "count.waiting_units": {"kk": "күтетін комиссиялар (A9): {n}", "ru": "ждущих комиссий (A9): {n}",
                            "en": "{n} unit(s) waiting (A9)"},
    "count.rejected": {"kk": "жіберілмегендер: {n}", "ru": "не допущены: {n}", "en": "{n} rejected"},
    "count.invalid_sessions": {"kk": "жарамсыз отырыстар: {n}", "ru": "недействительных заседаний: {n}",
                               "en": "{n} invalid session(s)"},
    "count.bad_rows": {"kk": "қате жолдар: {n}", "ru": "ошибочных строк: {n}", "en": "{n} bad row(s)"},

    # --- pay -------------------------------------------------------------------------------------------------------
    "cli.pay.run": {"kk": "{season} маусымы: {run} төлем жинағы — {payments} төлем, барлығы {total} ₸ → {folder}",
                    "ru": "сезон {season}: выгрузка {run} — платежей {payments}, всего {total} ₸ → {folder}",
                    "en": "season {season}: run {run}: {payments} payment(s), {total} KZT → {folder}"},
    "cli.pay.nothing": {"kk": "{season} маусымы: жаңа төлем жоқ, қалта жазылмады",
                        "ru": "сезон {season}: новых платежей нет, папка не создана",
                        "en": "season {season}: nothing new to pay: no folder written"},
    "cli.pay.counts": {"kk": "  төленбейтіні: {exceptions}   көрсетілген сторно: {reversals}   бұрын төленгені: "
                             "{already}",
                       "ru": "  не оплачивается: {exceptions}   показано сторно: {reversals}   оплачено ранее: "
                             "{already}",
                       "en": "  exceptions: {exceptions}   reversals reported: {reversals}   already paid earlier: "
                             "{already}"},
    "cli.pay.finished": {"kk": "  үзілген {run} жинағы аяқталды", "ru": "  завершена прерванная выгрузка {run}",
                         "en": "  finished the interrupted run {run}"},
    "cli.pay.unpaid": {"kk": "  төленбейді: {what} {iin}: {reason}", "ru": "  не оплачивается: {what} {iin}: {reason}",
                       "en": "  not paid: {what} {iin}: {reason}"},
    "cli.pay.warning": {"kk": "  ескерту: {text}", "ru": "  предупреждение: {text}", "en": "  warning: {text}"},
    "cli.pay.payees_file": {"kk": "payees файлы", "ru": "файл payees", "en": "payees file"},
    "cli.plan.head": {"kk": "{season} маусымы: {payments} жаңа төлем, барлығы {total} (бұрын төленгені: {already}).",
                      "ru": "сезон {season}: новых платежей {payments}, всего {total} (оплачено ранее: {already}).",
                      "en": "Season {season}: {payments} new payment(s), {total} (already paid earlier: {already})."},
    "cli.plan.reversals": {"kk": "манифестте көрсетілетін сторно: {n}.", "ru": "сторно для манифеста: {n}.",
                           "en": "{n} reversal(s) to report in the manifest."},
    "cli.plan.unfinished": {"kk": "Аяқталмаған жинақтар (алдымен солардың файлдары жазылады): {runs}.",
                            "ru": "Незавершённые выгрузки (сначала пишутся их файлы): {runs}.",
                            "en": "Unfinished run(s) whose files are written first: {runs}."},
    "cli.plan.exceptions": {"kk": "Бұл жолы төленбейтіні: {n}:", "ru": "В этот раз не оплачивается: {n}:",
                            "en": "{n} exception(s) (not paid in this run):"},
}
