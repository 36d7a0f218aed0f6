"""Ingest's messages: why a file is quarantined (`<name>.reason.txt`), what its content is, notes, duplicates.

Technical details (an exception's text, a byte count the archiver declared) are kept in the English only: staff are
told what is wrong and what to do; engineers read the rest in the English line.
"""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- file types (the `what` of the reasons) ---------------------------------------------------------------------
    "type.pdf": {"kk": "PDF файлы", "ru": "PDF-файл", "en": "PDF"},
    "type.tiff": {"kk": "TIFF файлы", "ru": "TIFF-файл", "en": "TIFF"},
    "type.png": {"kk": "PNG суреті", "ru": "изображение PNG", "en": "PNG"},
    "type.jpeg": {"kk": "JPEG суреті", "ru": "изображение JPEG", "en": "JPEG"},
    "type.heic": {"kk": "HEIC/HEIF фотосы", "ru": "фото HEIC/HEIF", "en": "HEIC/HEIF photo"},
    "type.docx": {"kk": "Word құжаты (.docx)", "ru": "документ Word (.docx)", "en": "Word document (.docx)"},
    "type.odt": {"kk": "OpenDocument мәтіні (.odt)", "ru": "текст OpenDocument (.odt)",
                 "en": "OpenDocument text (.odt)"},
    "type.mp4": {"kk": "MP4 бейнесі", "ru": "видео MP4", "en": "MP4"},
    "type.mov": {"kk": "QuickTime MOV бейнесі", "ru": "видео QuickTime MOV", "en": "QuickTime MOV"},
    "type.avi": {"kk": "AVI бейнесі", "ru": "видео AVI", "en": "AVI video"},
    "type.mkv": {"kk": "Matroska (MKV) бейнесі", "ru": "видео Matroska (MKV)", "en": "Matroska (MKV) video"},
    "type.zip": {"kk": "ZIP мұрағаты", "ru": "ZIP-архив", "en": "ZIP archive"},

    # --- what a refused file's content is --------------------------------------------------------------------------
    "content.avif": {"kk": "AVIF суреті (оны JPEG пішіміне түрлендіріңіз)",
                     "ru": "изображение AVIF (преобразуйте его в JPEG)", "en": "an AVIF image (convert it to JPEG)"},
    "content.webm": {"kk": "WebM бейнесі (оны MP4 пішіміне түрлендіріңіз)", "ru": "видео WebM (преобразуйте его в MP4)",
                     "en": "a WebM video (convert it to MP4)"},
    "content.exe": {"kk": "Windows бағдарламасы (.exe)", "ru": "программа Windows (.exe)",
                    "en": "a Windows program (.exe)"},
    "content.elf": {"kk": "бағдарлама (ELF орындалатын файлы)", "ru": "программа (исполняемый файл ELF)",
                    "en": "a program (ELF executable)"},
    "content.old_office": {
        "kk": "ескі Microsoft Office құжаты (.doc/.xls) немесе құпиясөзбен қорғалған құжат (оны құпиясөзсіз .docx "
              "немесе PDF ретінде сақтаңыз)",
        "ru": "старый документ Microsoft Office (.doc/.xls) или документ с паролем (сохраните его как .docx или PDF "
              "без пароля)",
        "en": "an old Microsoft Office document (.doc/.xls) or a password-protected one (save it as .docx or PDF, "
              "without a password)"},
    "content.rtf": {"kk": "RTF құжаты", "ru": "документ RTF", "en": "an RTF document"},
    "content.gif": {"kk": "GIF суреті", "ru": "изображение GIF", "en": "a GIF image"},
    "content.bmp": {"kk": "BMP суреті", "ru": "изображение BMP", "en": "a BMP image"},
    "content.rar": {"kk": "RAR мұрағаты", "ru": "архив RAR", "en": "a RAR archive"},
    "content.7z": {"kk": "7-Zip мұрағаты", "ru": "архив 7-Zip", "en": "a 7-Zip archive"},
    "content.gzip": {"kk": "gzip мұрағаты", "ru": "архив gzip", "en": "a gzip archive"},
    "content.webp": {"kk": "WebP суреті", "ru": "изображение WebP", "en": "a WebP image"},
    "content.riff": {"kk": "RIFF файлы (WAV немесе басқа түрі)", "ru": "файл RIFF (WAV или другой)",
                     "en": "a RIFF file (WAV or another kind)"},
    "content.text": {"kk": "қарапайым мәтін", "ru": "простой текст", "en": "plain text"},
    "content.unknown": {"kk": "танылмаған пішім", "ru": "нераспознанный формат", "en": "not a recognized format"},
    "content.xlsx": {"kk": "Excel кітабы (.xlsx)", "ru": "книга Excel (.xlsx)", "en": "an Excel workbook (.xlsx)"},
    "content.pptx": {"kk": "PowerPoint презентациясы (.pptx)", "ru": "презентация PowerPoint (.pptx)",
                     "en": "a PowerPoint presentation (.pptx)"},
    "content.docm": {"kk": "макростары бар Word құжаты (.docm): оны .docx ретінде сақтаңыз",
                     "ru": "документ Word с макросами (.docm): сохраните его как .docx",
                     "en": "a Word document with macros (.docm): save it as .docx"},
    "content.dotm": {"kk": "макростары бар Word үлгісі (.dotm): оны .docx ретінде сақтаңыз",
                     "ru": "шаблон Word с макросами (.dotm): сохраните его как .docx",
                     "en": "a Word template with macros (.dotm): save it as .docx"},
    "content.excel": {"kk": "Excel кітабы", "ru": "книга Excel", "en": "an Excel workbook"},
    "content.powerpoint": {"kk": "PowerPoint презентациясы", "ru": "презентация PowerPoint",
                           "en": "a PowerPoint presentation"},
    "content.ods": {"kk": "OpenDocument кестесі (.ods)", "ru": "таблица OpenDocument (.ods)",
                    "en": "an OpenDocument spreadsheet (.ods)"},
    "content.odp": {"kk": "OpenDocument презентациясы (.odp)", "ru": "презентация OpenDocument (.odp)",
                    "en": "an OpenDocument presentation (.odp)"},
    "content.office_types_too_large": {
        "kk": "зақымдалған Office құжаты: оның [Content_Types].xml бөлігі тым үлкен",
        "ru": "повреждённый документ Office: его часть [Content_Types].xml слишком велика",
        "en": "a damaged Office document: its [Content_Types].xml is too large"},
    "content.docx_no_main": {
        "kk": "зақымдалған Word құжаты (.docx): онда негізгі құжат жарияланбаған",
        "ru": "повреждённый документ Word (.docx): в нём не объявлен основной документ",
        "en": "a damaged Word document (.docx): its [Content_Types].xml declares no main document"},
    "content.office_unknown": {"kk": "белгісіз түрдегі Office құжаты", "ru": "документ Office неизвестного вида",
                               "en": "an Office document of an unknown kind"},
    "content.docx_no_types": {
        "kk": "зақымдалған Word құжаты (.docx): оның [Content_Types].xml бөлігі жоқ",
        "ru": "повреждённый документ Word (.docx): в нём нет части [Content_Types].xml",
        "en": "a damaged Word document (.docx): its [Content_Types].xml is missing"},
    "content.damaged_zip": {"kk": "зақымдалған ZIP мұрағаты (немесе Office құжаты)",
                            "ru": "повреждённый ZIP-архив (или документ Office)",
                            "en": "a damaged ZIP archive (or Office document)"},

    # --- why a file is quarantined ---------------------------------------------------------------------------------
    "ingest.empty": {"kk": "файл бос (0 байт)", "ru": "файл пустой (0 байт)", "en": "empty file (0 bytes)"},
    "ingest.not_accepted": {
        "kk": "бұл файл түрі қабылданбайды (қабылданатындары: {accepted}): мазмұны — {content}",
        "ru": "такой тип файла не принимается (принимаются: {accepted}): содержимое — {content}",
        "en": "not an accepted file type ({accepted}): the content is {content}"},
    "ingest.damaged": {"kk": "{what} зақымдалған, ашылмайды", "ru": "{what}: файл повреждён и не открывается",
                       "en": "damaged {what}: {detail}"},
    "ingest.truncated": {"kk": "{what} толық емес (соңы жоқ, көшірме үзілген болуы мүмкін)",
                         "ru": "{what}: файл неполный (обрезан; возможно, копирование прервалось)",
                         "en": "truncated {what}: {detail}"},
    "ingest.incomplete": {"kk": "{what} толық емес (бейненің мазмұн кестесі жоқ)",
                          "ru": "{what}: файл неполный (нет оглавления видео)",
                          "en": "incomplete {what}: {detail}"},
    "ingest.password": {"kk": "{what} құпиясөзбен қорғалған: оны құпиясөзсіз жіберіңіз",
                        "ru": "{what}: файл защищён паролем — пришлите его без пароля",
                        "en": "password-protected {what}: {detail}"},
    "ingest.no_pages": {"kk": "PDF файлында бірде-бір бет жоқ", "ru": "в PDF-файле нет ни одной страницы",
                        "en": "PDF with no pages"},
    "ingest.impossible_size": {"kk": "сурет зақымдалған: өлшемі мүмкін емес ({width}×{height})",
                               "ru": "изображение повреждено: невозможный размер ({width}×{height})",
                               "en": "image header gives impossible dimensions {width}×{height}"},
    "ingest.too_many_pixels": {
        "kk": "сурет тым үлкен: {width}×{height} пиксель ({mp:.0f} мегапиксель), шегі — {limit:.0f} мегапиксель; "
              "ашылмай қабылданбады",
        "ru": "изображение слишком большое: {width}×{height} пикселей ({mp:.0f} мегапикселей), предел — "
              "{limit:.0f} мегапикселей; отклонено, не открывая",
        "en": "image of {width}×{height} pixels ({mp:,.0f} megapixels) is above the limit of {limit:,.0f} "
              "megapixels: refused without decoding it"},
    "ingest.image_bomb": {"kk": "сурет тым үлкен: ашылмай қабылданбады",
                          "ru": "изображение слишком большое: отклонено, не открывая",
                          "en": "image too large, refused without decoding it: {detail}"},
    "ingest.no_heif_reader": {
        "kk": "HEIC/HEIF фотосы, бірақ оны оқитын бағдарлама (pillow-heif) орнатылмаған: әкімшіге хабарлаңыз",
        "ru": "фото HEIC/HEIF, но программа для его чтения (pillow-heif) не установлена: сообщите администратору",
        "en": "a HEIC/HEIF photo, and pillow-heif is not installed to read it"},
    "ingest.no_video_stream": {"kk": "{what}: файлда бейне жоқ", "ru": "{what}: в файле нет видео",
                               "en": "{what} without a video stream"},
    "ingest.symlink": {
        "kk": "символдық сілтеме: сілтемелер ешқашан ашылмайды — мұнда файлдың өзін салыңыз",
        "ru": "символическая ссылка: по ссылкам не переходим — положите сюда сам файл",
        "en": "a symbolic link pointing {where} the inbox: links are never followed; put the file itself here"},
    "ingest.special": {"kk": "кәдімгі файл емес (FIFO, сокет немесе құрылғы): ешқашан ашылмайды",
                       "ru": "не обычный файл (FIFO, сокет или устройство): никогда не открывается",
                       "en": "not a regular file (a FIFO, socket or device): never opened"},
    "ingest.bad_name": {
        "kk": "файл атауы UTF-8 кодтауында емес (басқа кодтауда жазылған, мысалы, ескі мұрағаттаушымен): файлдың "
              "атын өзгертіп, қайта жіберіңіз; оның байттары осында сақталды (әр осындай байт %XX болып жазылған)",
        "ru": "имя файла не в кодировке UTF-8 (записано в другой кодировке, например старым архиватором): "
              "переименуйте файл и пришлите снова; его байты сохранены здесь (каждый такой байт записан как %XX)",
        "en": "the file name is not valid UTF-8 (written in another encoding, e.g. by an old ZIP tool): rename it and "
              "send it again; its bytes are kept here, under the name with each such byte as %XX"},
    "ingest.os_error": {"kk": "файлды өңдеу мүмкін болмады (жүйелік қате; толығы ағылшынша жолда)",
                        "ru": "файл не удалось обработать (системная ошибка; подробности в строке на английском)",
                        "en": "could not be handled: {detail}"},
    "ingest.manifest_too_large": {"kk": "manifest.csv тым үлкен ({size} байт): бұл тізім бола алмайды",
                                  "ru": "manifest.csv слишком велик ({size} байт): это не может быть описью",
                                  "en": "manifest.csv is {size} bytes: too large for a manifest"},
    "ingest.untranslated": {
        "kk": "себебі әзірге тек ағылшынша берілген (төмендегі «reason» жолы): қажет болса, әкімшіден сұраңыз",
        "ru": "причина пока дана только по-английски (строка «reason» ниже): при необходимости спросите "
              "администратора",
        "en": "(the reason is in English only)"},

    "ingest.nothing_taken": {"kk": "бірде-бір файлы алынбады (карантинді қараңыз)",
                             "ru": "ни один файл не принят (см. карантин)",
                             "en": "none of its files could be taken (see the quarantine)"},
    "ingest.missing_meta": {"kk": "белгісіз: {fields}", "ru": "неизвестно: {fields}", "en": "missing {fields}"},
    "meta.season": {"kk": "маусым", "ru": "сезон", "en": "season"},
    "meta.competition": {"kk": "байқау", "ru": "конкурс", "en": "competition"},
    "meta.district": {"kk": "аудан", "ru": "район", "en": "district"},
    "meta.organization_bin": {"kk": "ұйымның БСН-і", "ru": "БИН организации", "en": "organization_bin"},

    # --- batches (inbox/scans/<batch>/) --------------------------------------------------------------------------
    "batch.symlink": {"kk": "символдық сілтеме, партия қалтасы емес: ол ешқашан ашылмайды",
                      "ru": "символическая ссылка, а не папка партии: по ней не переходим",
                      "en": "a symbolic link, not a batch folder: it is never followed"},
    "batch.loose_file": {"kk": "inbox/scans қалтасында тұрған файл: оны партия қалтасының ішіне салыңыз",
                         "ru": "файл прямо в папке inbox/scans: положите его в папку партии",
                         "en": "a file directly in inbox/scans: put it inside a batch folder"},
    "batch.waiting": {
        "kk": "әлі көшіріліп жатқан болуы мүмкін: соңғы өзгеріс {ago} бұрын; партия бос READY файлы салынғанда "
              "немесе {settle} мин өзгеріссіз тұрғанда алынады",
        "ru": "возможно, ещё копируется: последнее изменение {ago} назад; партия будет взята, когда в ней появится "
              "пустой файл READY, или после {settle} мин без изменений",
        "en": "still being copied? last change {ago} ago; taken once it holds an empty READY file or after {settle} "
              "min without change"},
    "batch.under_a_minute": {"kk": "бір минуттан аз уақыт", "ru": "меньше минуты", "en": "less than a minute"},
    "batch.minutes": {"kk": "{n} мин", "ru": "{n} мин", "en": "{n} min"},

    # --- notes and duplicates --------------------------------------------------------------------------------------
    "ingest.named_as": {"kk": "атауы «{suffix}» деп аяқталады, бірақ мазмұны — {what}: {what} ретінде алынды",
                        "ru": "имя оканчивается на «{suffix}», но содержимое — {what}: принят как {what}",
                        "en": "named '{suffix}' but the content is {what}: taken as {what}"},
    "ingest.named_without": {"kk": "атауында кеңейтім жоқ, мазмұны — {what}: {what} ретінде алынды",
                             "ru": "у имени нет расширения, содержимое — {what}: принят как {what}",
                             "en": "named without an extension but the content is {what}: taken as {what}"},
    "ingest.duplicate": {"kk": "мазмұны {batch}/{path} файлымен бірдей (SHA-256): ол мұрағатта бар ({archive})",
                         "ru": "содержимое совпадает с {batch}/{path} (SHA-256): уже в архиве ({archive})",
                         "en": "same content (SHA-256) as {batch}/{path}, already archived as {archive}"},
    "ingest.duplicate_zip": {"kk": "мазмұны {batch}/{path} мұрағатымен бірдей (SHA-256): ол ашылған ({dest})",
                             "ru": "содержимое совпадает с архивом {batch}/{path} (SHA-256): уже распакован ({dest})",
                             "en": "same content (SHA-256) as {batch}/{path}, already unpacked as {dest}"},

    # --- ZIP archives ----------------------------------------------------------------------------------------------
    "zip.refused": {"kk": "ZIP мұрағаты қабылданбады: {why}", "ru": "ZIP-архив не принят: {why}",
                    "en": "ZIP archive refused: {why}"},
    "zip.in_zip": {"kk": "{why} ({zip} мұрағатында)", "ru": "{why} (в архиве {zip})", "en": "{why} (in the ZIP {zip})"},
    "zip.member_unreadable": {
        "kk": "{zip} мұрағатындағы «{name}» файлы ашылмайды: деректері зақымдалған",
        "ru": "файл «{name}» из архива {zip} не распаковывается: данные повреждены",
        "en": "the member '{name}' in the ZIP {zip} cannot be unpacked: {detail}"},
    "zip.member_os_error": {
        "kk": "{zip} мұрағатындағы «{name}» файлын ашу мүмкін болмады (жүйелік қате; толығы ағылшынша жолда)",
        "ru": "файл «{name}» из архива {zip} не удалось распаковать (системная ошибка; подробности на английском)",
        "en": "the member '{name}' of the ZIP {zip} could not be unpacked: {detail}"},
    "zip.control_chars": {"kk": "мұрағаттағы «{name}» файлының атауында басқару таңбалары бар",
                          "ru": "в имени файла архива «{name}» есть управляющие символы",
                          "en": "the member name '{name}' holds control characters"},
    "zip.absolute": {"kk": "мұрағаттағы «{name}» файлының жолы толық (абсолютті): ол өз қалтасынан тыс ашылар еді",
                     "ru": "у файла архива «{name}» абсолютный путь: он распаковался бы вне своей папки",
                     "en": "the member '{name}' has an absolute path: it would be unpacked outside its folder"},
    "zip.traversal": {"kk": "мұрағаттағы «{name}» файлы өз қалтасынан шығады («..»): ешқашан ашылмайды",
                      "ru": "файл архива «{name}» выходит за пределы своей папки («..»): не распаковывается",
                      "en": "the member '{name}' climbs out of its folder ('..'): path traversal, never unpacked"},
    "zip.unnamed": {"kk": "мұрағатта атауы жоқ файл бар", "ru": "в архиве файл без имени",
                    "en": "a member without a name"},
    "zip.same_name": {"kk": "мұрағатта «{name}» атты екі файл бар: біріншісі ғана алынады",
                      "ru": "в архиве два файла с именем «{name}»: берётся только первый",
                      "en": "the ZIP holds two members named '{name}': only the first is taken"},
    "zip.link": {"kk": "мұрағаттағы «{name}» — сілтеме немесе арнайы файл: ондайлар ешқашан ашылмайды",
                 "ru": "«{name}» в архиве — ссылка или специальный файл: такие не распаковываются",
                 "en": "the member '{name}' is {what}: links and special files are never unpacked"},
    "zip.member_password": {"kk": "мұрағаттағы «{name}» файлы құпиясөзбен қорғалған: оны құпиясөзсіз жіберіңіз",
                            "ru": "файл архива «{name}» защищён паролем: пришлите его без пароля",
                            "en": "the member '{name}' is password-protected: send it without a password"},
    "zip.method": {
        "kk": "мұрағаттағы «{name}» файлы {method} әдісімен қысылған, оны мұнда ашу мүмкін емес: файлдарды кәдімгі "
              "ZIP (Deflate) етіп қайта қысыңыз",
        "ru": "файл архива «{name}» сжат методом {method}, его здесь не распаковать: упакуйте файлы заново обычным "
              "ZIP (Deflate)",
        "en": "the member '{name}' is packed with {method}, which cannot be unpacked here: pack the files again as "
              "an ordinary ZIP (Deflate)"},
    "zip.nested_deep": {
        "kk": "мұрағаттағы «{name}» — ZIP ішіндегі ZIP ({depth} деңгей): ішкі ZIP-тердің {limit} деңгейі ғана "
              "ашылады; оның орнына файлдарының өзін жіберіңіз",
        "ru": "«{name}» в архиве — ZIP внутри ZIP ({depth} уровня вложенности): распаковывается не более {limit} "
              "уровня вложенных ZIP; пришлите вместо него сами файлы",
        "en": "the member '{name}' is a ZIP inside a ZIP nested {depth} levels deep: at most {limit} level(s) of "
              "ZIPs inside are unpacked; send its files instead"},
    "zip.inner": {"kk": "ішкі «{name}» мұрағаты: {why}", "ru": "вложенный архив «{name}»: {why}",
                  "en": "the ZIP '{name}' inside it: {why}"},
    "zip.empty": {"kk": "ZIP мұрағатында бірде-бір файл жоқ", "ru": "в ZIP-архиве нет ни одного файла",
                  "en": "the ZIP archive holds no files"},
    "zip.entries": {"kk": "мұрағатта {n} жазба бар, ең көбі {limit} рұқсат етіледі",
                    "ru": "в архиве {n} записей, допускается не более {limit}",
                    "en": "the ZIP holds {n} entries, more than the {limit} allowed"},
    "zip.files": {"kk": "мұрағатта {n} файл бар (ішкі ZIP-тердікі қоса), ең көбі {limit} рұқсат етіледі",
                  "ru": "в архиве {n} файлов (с вложенными ZIP), допускается не более {limit}",
                  "en": "the ZIP holds {n} files (ZIPs inside counted), more than the {limit} allowed"},
    "zip.total": {"kk": "мұрағат ашылғанда {mib:.0f} МиБ болады (ішкі ZIP-тер қоса), шегі — {limit:.0f} МиБ",
                  "ru": "архив распаковывается в {mib:.0f} МиБ (с вложенными ZIP), предел — {limit:.0f} МиБ",
                  "en": "the ZIP unpacks to {mib:,.0f} MiB (ZIPs inside counted), more than the limit of "
                        "{limit:,.0f} MiB"},
    "zip.bomb": {"kk": "ZIP-бомба: {mib:.0f} МиБ болып ашылады, қысылғаннан {ratio:.0f} есе үлкен "
                       "(шегі — {limit:.0f} есе)",
                 "ru": "ZIP-бомба: распаковывается в {mib:.0f} МиБ, в {ratio:.0f} раз больше сжатого "
                       "(предел — {limit:.0f} раз)",
                 "en": "a ZIP bomb: {what} unpacks to {mib:,.0f} MiB from {packed:,.2f} MiB, {ratio:,.0f} times its "
                       "packed size (the limit is {limit:,.0f} times)"},
    "zip.parts": {"kk": "{what}: ішінде {n} бөлік бар, ең көбі {limit} рұқсат етіледі",
                  "ru": "{what}: внутри {n} частей, допускается не более {limit}",
                  "en": "the {what} holds {n} parts, more than the {limit} allowed"},
    "zip.parts_total": {"kk": "{what}: ашылғанда {mib:.0f} МиБ болады, шегі — {limit:.0f} МиБ",
                        "ru": "{what}: распаковывается в {mib:.0f} МиБ, предел — {limit:.0f} МиБ",
                        "en": "the {what} unpacks to {mib:,.0f} MiB, more than the limit of {limit:,.0f} MiB"},
    "zip.container": {"kk": "{what}: {why}", "ru": "{what}: {why}", "en": "the {what}: {why}"},
}
