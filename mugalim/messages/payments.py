"""The payment step's messages: why an award is not paid (exceptions.csv's `reason`, "kk / ru"), the checks of the
payees' bank details, and the identifiers' checks (IIN, IBAN) they quote."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- identifiers (mugalim/identifiers.py) -----------------------------------------------------------------------
    "id.iin_length": {"kk": "ЖСН 12 цифрдан тұрады", "ru": "ИИН состоит из 12 цифр", "en": "an IIN has 12 digits"},
    "id.iin_century": {"kk": "ЖСН-нің 7-цифры (ғасыр мен жыныс) 1–6 болуы керек",
                       "ru": "7-я цифра ИИН (век и пол) должна быть от 1 до 6",
                       "en": "digit 7 (century and sex) must be 1–6"},
    "id.iin_birth": {"kk": "ЖСН-дегі туған күн күнтізбеде жоқ", "ru": "дата рождения в ИИН не существует",
                     "en": "the birth date in the IIN does not exist"},
    "id.check_digit": {"kk": "бақылау цифры сәйкес емес", "ru": "контрольная цифра не совпадает",
                       "en": "check digit does not match"},
    "id.iban_format": {
        "kk": "қазақстандық IBAN: KZ, 2 бақылау цифры, банктің 3 цифрлы коды және 13 әріп не цифр (барлығы 20 таңба)",
        "ru": "казахстанский IBAN: KZ, 2 контрольные цифры, 3-значный код банка и 13 букв или цифр (всего 20 "
              "символов)",
        "en": "a Kazakh IBAN is KZ, 2 check digits, a 3-digit bank code and 13 letters or digits (20 characters)"},
    "id.iban_check": {"kk": "IBAN бақылау цифрлары сәйкес емес (mod 97)",
                      "ru": "контрольные цифры IBAN не совпадают (mod 97)",
                      "en": "IBAN check digits do not match (mod 97)"},

    # --- the payees' files (mugalim/payments/payees.py) -------------------------------------------------------------
    "pay.row": {"kk": "{file}, {row}-жол", "ru": "{file}, строка {row}", "en": "{file} row {row}"},
    "pay.at": {"kk": "{where}: {problem}", "ru": "{where}: {problem}", "en": "{where}: {problem}"},
    "pay.iin_fails": {"kk": "{where}: ЖСН тексеруден өтпеді ({problem})",
                      "ru": "{where}: ИИН не прошёл проверку ({problem})",
                      "en": "{where}: the IIN fails its check ({problem})"},
    "pay.rows_disagree": {"kk": "банк деректемелерінің екі жолы бір-біріне сәйкес емес ({a} және {b}): қаржы бөлімі "
                                "біреуін қалдырады",
                          "ru": "две строки банковских реквизитов расходятся ({a} и {b}): финансовый отдел оставляет "
                                "одну из них",
                          "en": "two rows of bank details disagree ({a} and {b}); finance keeps one of them"},
    "pay.no_name": {"kk": "аты-жөні жоқ", "ru": "нет ФИО", "en": "no full name"},
    "pay.name_controls": {"kk": "аты-жөнінде көзге көрінбейтін басқару таңбасы бар ({code}, {at}-таңба): файлда "
                                "аты-жөнін қайта теріңіз",
                          "ru": "в ФИО есть невидимый управляющий символ ({code}, {at}-й символ): наберите ФИО в файле "
                                "заново",
                          "en": "the full name holds a control character ({code}) at character {at}"},
    "pay.bic_length": {"kk": "БСК 8 немесе 11 таңбадан тұрады, мұнда {n} таңба",
                       "ru": "БИК состоит из 8 или 11 символов, здесь {n}",
                       "en": "a BIC has 8 or 11 characters, this one has {n}"},
    "pay.bic_format": {"kk": "БСК пішімі қате: 4 әріп не цифр, елдің 2 әріпті коды, 2 (+3) әріп не цифр болуы керек",
                       "ru": "неверный формат БИК: 4 буквы или цифры, 2-буквенный код страны, 2 (+3) буквы или цифры",
                       "en": "the BIC is not 4 letters or digits, a 2-letter country code and 2 (+3) letters or "
                             "digits"},

    # --- why an award is not paid (plan.py, awards.py, amounts.py) --------------------------------------------------
    "pay.bad_iin": {"kk": "results.json-дағы қатысушының ЖСН-і тексеруден өтпеді ({problem})",
                    "ru": "ИИН участника в results.json не прошёл проверку ({problem})",
                    "en": "the participant's IIN in results.json fails its check ({problem})"},
    "pay.bank_unusable": {"kk": "банк деректемелерін пайдалануға болмайды: {problem}",
                          "ru": "банковские реквизиты нельзя использовать: {problem}",
                          "en": "bank details not usable: {problem}"},
    "pay.no_bank": {"kk": "банк деректемелері жоқ: алушы inbox/finance қалтасындағы бірде-бір payees файлында жоқ",
                    "ru": "нет банковских реквизитов: получателя нет ни в одном файле payees в папке inbox/finance",
                    "en": "no bank details: the payee is in no payees file of inbox/finance"},
    "pay.over_budget": {"kk": "гранттар бюджетінен асып кетеді (G5 ережесі): 'grants.budget_kzt' {budget:.2f} "
                              "теңгенің {left:.2f} теңгесі ғана қалды",
                        "ru": "превышен бюджет грантов (правило G5): из 'grants.budget_kzt' {budget:.2f} тг осталось "
                              "{left:.2f} тг",
                        "en": "over the grants budget (rule G5): {left:.2f} of 'grants.budget_kzt' {budget:.2f} KZT "
                              "left"},
    "pay.no_amount": {"kk": "төлем сомасы жоқ: маусым баптауларындағы '{key}' кілті нөлге тең немесе берілмеген",
                      "ru": "нет суммы к выплате: ключ '{key}' в настройках сезона равен нулю или не задан",
                      "en": "no amount to pay: key '{key}' is zero or missing in the season settings"},
    "pay.mrp_positive": {"kk": "'{key}' кілті АЕК-тің оң саны болуы керек",
                         "ru": "ключ '{key}' должен быть положительным числом МРП",
                         "en": "key '{key}' must be a positive number of monthly calculation indices"},
    "pay.mrp_unset": {"kk": "'{key}' кілті соманы АЕК-пен береді, бірақ 'mrp_kzt' (АЕК мөлшері) берілмеген",
                      "ru": "ключ '{key}' задаёт сумму в МРП, но 'mrp_kzt' (размер МРП) не задан",
                      "en": "key '{key}' sets the amount in indices but 'mrp_kzt' (the index value) is not set"},
    "pay.amount_disagrees": {
        "kk": "'{kzt_key}' кілті ({kzt}) '{mrp_key}' × 'mrp_kzt' көбейтіндісіне ({computed}) сәйкес емес",
        "ru": "ключ '{kzt_key}' ({kzt}) не совпадает с '{mrp_key}' × 'mrp_kzt' ({computed})",
        "en": "key '{kzt_key}' ({kzt}) disagrees with '{mrp_key}' × 'mrp_kzt' ({computed})"},
    "pay.no_knp": {"kk": "төлем мақсатының коды (ТМК) жоқ: маусым баптауларында 'knp' кілті берілмеген (код ойдан "
                         "шығарылмайды)",
                   "ru": "нет кода назначения платежа (КНП): ключ 'knp' не задан в настройках сезона (код не "
                         "придумывается)",
                   "en": "no payment purpose code: key 'knp' is not set in the season settings (no code is invented)"},
    "pay.bad_knp": {"kk": "'knp' кілті 3 цифрлы ТМК болуы керек, {value} емес",
                    "ru": "ключ 'knp' должен быть трёхзначным КНП, а не {value}",
                    "en": "key 'knp' must be a 3-digit payment purpose code, not {value}"},
    "pay.city_undecided": {"kk": "қалалық кезең әлі шешілмеген ({folder} қалтасында {file} жоқ)",
                           "ru": "городской этап ещё не решён (в папке {folder} нет {file})",
                           "en": "the city stage is not decided yet ({file} of {folder} does not exist)"},
    "pay.grants_undecided": {"kk": "гранттық кезең әлі шешілмеген ({folder} қалтасында {file} жоқ)",
                             "ru": "этап грантов ещё не решён (в папке {folder} нет {file})",
                             "en": "the grants stage is not decided yet ({file} of {folder} does not exist)"},
    "pay.provisional": {"kk": "нәтиже алдын ала (A9 ережесі): {why}", "ru": "итог предварительный (правило A9): {why}",
                        "en": "provisional (rule A9): {why}"},
    "pay.pending": {"kk": "шешім күтілуде ({rule} ережесі): {why}", "ru": "ожидается решение (правило {rule}): {why}",
                    "en": "pending a decision (rule {rule}): {why}"},
    "pay.waits_units": {"kk": "әлі шешім қабылдамаған комиссияларды күтеді",
                        "ru": "ждёт комиссии, ещё не принявшие решения", "en": "it waits for undecided units"},
    "pay.a_tie": {"kk": "тең балл", "ru": "равенство баллов", "en": "a tie"},
    "pay.place_once_decided": {"kk": "{why}; {place} орын шешім қабылданғаннан кейін төленеді",
                               "ru": "{why}; {place} место оплачивается после решения",
                               "en": "{why}; place {place} is paid once it is decided"},
    "pay.places_and": {"kk": "{a} және {b}", "ru": "{a} и {b}", "en": "{a} and {b}"},
    "pay.no_holder": {"kk": "қалалық кезеңнің нәтижесінде {place} орын ешкімге берілмеген",
                      "ru": "в результатах городского этапа {place} место никому не присуждено",
                      "en": "no one holds place {place} in the city stage's results"},
    "pay.grant_once_decided": {"kk": "{why}; шешім қабылданғанша грант төленбейді",
                               "ru": "{why}; до решения грант не выплачивается",
                               "en": "{why}; no grant is paid for it until it is decided"},
    # --- warnings of a plan and a run (plan.py, approval.py): what `pay` prints and the approver reads -------------
    "pay.w_withdrawn": {"kk": "{payment} төлемі бұрын жіберілген, бірақ нәтижелер енді оның марапатын бермейді: "
                              "марапат алынып тасталса, оны сторнолаңыз",
                        "ru": "платёж {payment} уже выгружен, но результаты больше не дают его награды: если награда "
                              "отменена, сторнируйте его",
                        "en": "payment {payment} was exported but the results no longer give its award; reverse it if "
                              "the award was withdrawn"},
    "pay.w_no_payer": {"kk": "төлеушінің шоты көрсетілмеген ('payer.iban', 'payer.bic' кілттері): pain.001.xml "
                             "файлында NOTPROVIDED тұр, оны қаржы бөлімі импорт кезінде толтырады",
                       "ru": "счёт плательщика не задан (ключи 'payer.iban', 'payer.bic'): в pain.001.xml стоит "
                             "NOTPROVIDED, финансовый отдел дополнит его при импорте",
                       "en": "the payer's account is not set (keys 'payer.iban', 'payer.bic'): pain.001.xml carries "
                             "NOTPROVIDED and finance completes it at import"},
    "pay.w_payer_iban": {"kk": "'payer.iban' кілті: {problem}", "ru": "ключ 'payer.iban': {problem}",
                         "en": "key 'payer.iban': {problem}"},
    "pay.w_name_differs": {"kk": "{what} {iin}: {file} файлындағы аты-жөні өтінімдегіден өзгеше; шот иесінің атына "
                                 "төленеді",
                           "ru": "{what} {iin}: ФИО в {file} отличается от ФИО в заявке; платится на имя владельца "
                                 "счёта",
                           "en": "{what} {iin}: the name in {file} differs from the application's; paid to the "
                                 "account holder's name"},
    "pay.w_unchecked": {"kk": "бекітушілер тізімі жоқ (settings/{file}): бұл бекіту бекітушілер тізімімен де, "
                              "жинақты дайындаған адаммен де салыстырылмады",
                        "ru": "список утверждающих не задан (settings/{file}): это утверждение не сверено ни со "
                              "списком утверждающих, ни с тем, кто подготовил выгрузку",
                        "en": "no approvers are listed (settings/{file}): this approval was not checked against a "
                              "list of approvers nor against who prepared the batch"},
}
