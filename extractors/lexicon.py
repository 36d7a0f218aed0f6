"""Restoring Kazakh letters that OCR read as their Russian look-alikes (пәтер → "пэтер", қаласы → "каласы"),
with the word lists of Tesseract's own kaz and rus models (extracted once from the installed traineddata into a
cache folder; without them nothing is changed).

A word is changed only when it is in neither word list as read and exactly one spelling with Kazakh letters in the
look-alike places is a Kazakh word — and only inside Kazakh text (the caller decides). Besides, a handful of the
commonest words and abbreviations of Kazakh forms (ҚР, қ., үй, және, қаласы), which the lists hold misspelt too.
"""
from __future__ import annotations

import array
import functools
import itertools
import logging
import mmap
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from extractors.textnorm import distance

log = logging.getLogger(__name__)
TESSDATA = Path(os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata"))
CACHE = Path(os.environ.get("MUGALIM_CACHE", Path.home() / ".cache" / "mugalim"))
KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
LOOKALIKES = {"а": "ә", "э": "ә", "г": "ғ", "к": "қ", "н": "ң", "о": "ө", "у": "үұ", "х": "һ", "и": "і", "i": "і",
              "А": "Ә", "Э": "Ә", "Г": "Ғ", "К": "Қ", "Н": "Ң", "О": "Ө", "У": "ҮҰ", "Х": "Һ", "И": "І", "I": "І"}
#: look-alike misreadings of the commonest words of Kazakh forms, which the word lists hold as words of their own
ABBREVIATIONS = {"КР": "ҚР", "к.": "қ.", "К.": "Қ.", "уй": "үй", "УЙ": "үй", "ҮЙ": "үй", "Уй": "үй", "жэне": "және", "жане": "және", "каласы": "қаласы",
                 "Каласы": "Қаласы", "кала": "қала", "Казакстан": "Қазақстан", "Республикасынын": "Республикасының"}
#: abbreviations of Kazakh institutions' legal forms and universities, which no word list holds: a word read
#: without their Kazakh letters (МККК, КазУПУ) is given them back
KAZAKH_ABBREVIATIONS = ("МКҚК", "ШЖҚ", "ҚазҰУ", "ҚазҰПУ", "ҚазҰТУ", "ҚазҰМУ", "ҚазҰАУ", "ҚазҰТЗУ", "ҚазМемҚызПУ",
                        "ҚазҰҚА", "ҚазҰӨУ", "ҚазМҚПУ", "ҚазҰМК")
ABBREVIATIONS.update({a.translate(str.maketrans("ҚҰӨқұө", "КУОкуо")): a for a in KAZAKH_ABBREVIATIONS})
#: the Kazakh names of the country's cities, regions and Almaty's districts, and оқу (study): in a Kazakh text they
#: are written so, but read with look-alikes they are words of the Russian list (Кызылорда, Караганды, оку), which
#: the word lists cannot tell from a misreading
KAZAKH_NAMES = ("Қызылорда", "Қарағанды", "Қостанай", "Ақтөбе", "Талдықорған", "Өскемен", "Көкшетау", "Жезқазған",
                "Ақтау", "Бостандық", "Түрксіб", "Жетісу", "Түркістан", "Ақмола", "Оқу", "оқу")
#: universities' abbreviations as written in Russian (the Kazakh ones above): a word of capitals and small
#: letters one letter away from one of them, and not itself one, is most likely one misread (КазНПУ read КазНИУ)
UNIVERSITIES = frozenset(("КазНУ", "КазНПУ", "КазНТУ", "КазНИТУ", "КазНМУ", "КазНАУ", "КазНАИУ", "КазНУИ", "КазНК",
                          "КазГАСА", "КазГосЖенПУ", "КазЖенПИ", "КазУМОиМЯ", "КазЭУ", "КазАТК", "КазГЮУ", "КазГУ",
                          "КазПИ", "КазПТИ", "КарГУ", "КарГТУ", "АлмаУ", "КазУТБ", "КазАДИ")
                         + KAZAKH_ABBREVIATIONS)
#: Almaty's districts as forms write them, in Kazakh (before ауданы) and in Russian (the adjective before район,
#: its ending cut off by `_stem`), and the city itself: a capitalized word one letter away from one of them, and in no
#: word list, is one misread (Бостанлыкский); so is the word after a Kazakh district one letter away from ауданы
DISTRICTS = ("Алатау", "Алмалы", "Әуезов", "Бостандық", "Жетісу", "Медеу", "Наурызбай", "Түрксіб")
PLACES = frozenset(DISTRICTS + ("Алатауск", "Алмалинск", "Ауэзовск", "Бостандыкск", "Жетысуск", "Медеуск",
                                "Наурызбайск", "Турксибск", "Алматы"))
_RUSSIAN_LOOKS = str.maketrans("ӘҒҚҢӨҰҮҺІәғқңөұүһі", "АГКНОУУХИагкноуухи")
ABBREVIATIONS.update({a.translate(_RUSSIAN_LOOKS): a for a in KAZAKH_NAMES})
MAX_CHANGES = 3
#: Russian letters OCR confuses with each other (щ loses its tail, ё its dots)
RUSSIAN_LOOKALIKES = {"ш": "щ", "е": "ё", "и": "й", "Ш": "Щ", "Е": "Ё"}


def _wordlist(lang: str) -> list[str]:
    target = CACHE / f"{lang}.words.txt"
    if not target.exists():
        traineddata = TESSDATA / f"{lang}.traineddata"
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            base = f"{tmp}/{lang}."
            subprocess.run(["combine_tessdata", "-u", str(traineddata), base], check=True, capture_output=True)
            out = Path(tmp) / "words.txt"
            subprocess.run(["dawg2wordlist", f"{base}lstm-unicharset", f"{base}lstm-word-dawg", str(out)],
                           check=True, capture_output=True)
            out.replace(target)
    return target.read_text(encoding="utf-8").split()


class WordList:
    """A sorted word list searched where it lies on disk (a memory-mapped file: a table of offsets, then the words
    in byte order), so that opening it costs nothing: as Python sets, the two lists (430,000 words) took 0.2–0.4 s
    to load at every `mugalim extract FILE`, and a form asks for ~150 words."""

    def __init__(self, path: Path | None = None) -> None:
        self._n = 0
        if path is not None:
            with open(path, "rb") as f:
                self._mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            self._n = int.from_bytes(self._mm[:8], "little")
            table = memoryview(self._mm)[8:8 + 8 * (self._n + 1)]
            if len(table) != 8 * (self._n + 1) or table.cast("Q")[-1] != len(self._mm):
                raise ValueError(f"{path.name}: not a whole word list")
            self._offsets = table.cast("Q")

    @staticmethod
    def pack(words: Iterable[str]) -> bytes:
        """The file `WordList` reads, holding `words`."""
        data = sorted({w.encode("utf-8") for w in words})
        offsets = array.array("Q", [0] * (len(data) + 1))
        start = 8 + 8 * (len(data) + 1)
        for i, w in enumerate(data):
            offsets[i] = start
            start += len(w)
        offsets[len(data)] = start
        return len(data).to_bytes(8, "little") + offsets.tobytes() + b"".join(data)

    def __len__(self) -> int:
        return self._n

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not self._n:
            return False
        key, lo, hi = word.encode("utf-8"), 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            found = self._mm[self._offsets[mid]:self._offsets[mid + 1]]
            if found == key:
                return True
            lo, hi = (mid + 1, hi) if found < key else (lo, mid)
        return False


@functools.lru_cache(maxsize=1)
def lexicons() -> tuple[WordList, WordList]:
    """(Kazakh words with a Kazakh letter, every word of either list) in lower case; empty when unavailable.
    Built once from the word lists (~0.8 s) and kept in the cache folder as `WordList` files."""
    sources = [TESSDATA / f"{lang}.traineddata" for lang in ("kaz", "rus")]
    try:
        stamp = "-".join(f"{p.stat().st_size}.{int(p.stat().st_mtime)}" for p in sources)
    except OSError:
        stamp = "none"
    cached = [CACHE / f"lexicon-{stamp}-{len(DOMAIN_WORDS)}.{part}.words" for part in ("kazakh", "known")]
    try:
        return WordList(cached[0]), WordList(cached[1])
    except (OSError, ValueError):
        pass
    try:
        kaz = [w.lower() for w in _wordlist("kaz")]
        rus = [w.lower() for w in _wordlist("rus")]
    except (OSError, subprocess.CalledProcessError) as e:
        log.warning("no Tesseract word lists (%s): Kazakh letters are not restored", e)
        return WordList(), WordList()
    sets = [w for w in kaz if KAZAKH & set(w)], set(kaz) | set(rus) | DOMAIN_WORDS
    for path, words in zip(cached, sets):
        _keep(path, WordList.pack(words))
    try:
        return WordList(cached[0]), WordList(cached[1])
    except (OSError, ValueError):         # the cache folder cannot be written: searched in memory
        return frozenset(sets[0]), frozenset(sets[1])  # type: ignore[return-value]


def _keep(path: Path, data: bytes) -> None:
    """Write the cache file whole or not at all (another process may be reading it); a cache that cannot be
    written is only slower."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        log.warning("lexicon cache not written (%s)", e.strerror)


_TOKEN = re.compile(r"([^\W\d_]+)")


def restore(text: str) -> str:
    """The text with each look-alike-only word replaced by its Kazakh spelling where that is unambiguous."""
    out = []
    for token in text.split(" "):
        core = token.rstrip(",;:")
        if core in ABBREVIATIONS:
            out.append(ABBREVIATIONS[core] + token[len(core):])
        else:
            out.append(_TOKEN.sub(lambda m: ABBREVIATIONS.get(m[1]) or _word(m[1]), token))
    return " ".join(out)


#: words of the field that Tesseract's Russian list lacks (the names of schools are built from them)
DOMAIN_WORDS = frozenset({"общеобразовательная", "общеобразовательной", "общеобразовательный",
                          "общеобразовательное", "общеобразовательных", "общеобразовательную",
                          "профессионального", "профессиональное", "профессиональный",
                          "дополнительного", "дошкольного", "углубленным", "углублённым"})


def restore_russian(text: str) -> str:
    """The text with words that are no word at all but one letter away from a Russian word (ш for щ, е for ё)
    replaced by it."""
    return " ".join(_TOKEN.sub(lambda m: _word(m[1], RUSSIAN_LOOKALIKES, russian=True), t) for t in text.split(" "))


#: the Kazakh suffixes -лық/-дық/-тық (and -ғы): after a back vowel Kazakh writes қ and ғ, never к and г, so a
#: word that is no word as read and ends so had its Kazakh letter read as the look-alike
_BACK_SUFFIX = re.compile(r"(?<=[лдт][ыа])к(?=(?:тың|тан|қа|ты|пен)?$)|(?<=[ыа])г(?=ы$)")


#: the commonest long words of the values of Kazakh forms (addresses, schools, education, awards, posts), in their
#: usual forms. Tesseract's kaz word list also holds misspellings of them (атыңдағы, данғылы, қазакстанның), so a
#: word it knows may still be one of these with one Kazakh letter read as its look-alike, or the other way round
FORM_WORDS = frozenset("""
қаласы ауданы ауданының даңғылы көшесі шағын пәтер тұйығы
атындағы университеті институты академиясы колледжі факультеті мемлекеттік ұлттық педагогикалық
магистратура бітірген қыздар технологиялар
мектебі мектеп-гимназиясы гимназиясы лицейі білім беретін басқармасы басқармасының мекемесі коммуналдық
қазыналық кәсіпорны жалпы
құрметті қызметкері еңбек сіңірген ұстазы медалі төсбелгісі грамотасы құрмет алғыс жеңімпазы байқауының
қалалық аудандық облыстық республикалық үздік
мұғалімі директоры директордың орынбасары жөніндегі тәрбие
қазақстан қазақстанның республикасы республикасының алматы алматының
""".split())


def _swaps() -> dict[str, str]:
    """Each small letter → the letters OCR reads it as or for it (`LOOKALIKES`, both ways)."""
    out: dict[str, str] = {}
    for plain, kazakh in LOOKALIKES.items():
        for k in kazakh if plain.islower() else "":
            out[plain] = out.get(plain, "") + k
            out[k] = out.get(k, "") + plain
    return out


_SWAPS = _swaps()


def _form_word(word: str) -> str | None:
    """The word of `FORM_WORDS` that `word` (not one) is with one letter swapped for its look-alike, if just one."""
    low = word.lower()
    if len(low) < 5 or low in FORM_WORDS:
        return None
    found = {(i, r) for i, c in enumerate(low) for r in _SWAPS.get(c, "")
             if low[:i] + r + low[i + 1:] in FORM_WORDS}
    if len(found) != 1:
        return None
    (i, r), = found
    return word[:i] + (r.upper() if word[i].isupper() else r) + word[i + 1:]


def _word(word: str, lookalikes: dict[str, str] = LOOKALIKES, *, russian: bool = False) -> str:
    if len(word) < 2 or word.isupper():
        return word
    if russian:
        return _restored(word, lookalikes, russian=True)
    restored = _restored(_form_word(word) or word, lookalikes)
    return _form_word(restored) or restored       # (дангылы: данғылы, a misspelling the list holds, then даңғылы)


def _restored(word: str, lookalikes: dict[str, str], *, russian: bool = False) -> str:
    if not russian and len(word) > 5 and (harmonized := _BACK_SUFFIX.sub(lambda m: "қ" if m[0] == "к" else "ғ",
                                                                          word)) != word:
        return harmonized        # (the kaz word list holds such misreadings as words: it is not asked)
    kazakh, known = lexicons()
    if not kazakh or word.lower() in known:
        return word
    target = known if russian else kazakh
    places = [i for i, c in enumerate(word) if c in lookalikes]
    for n in range(1, min(1 if russian else MAX_CHANGES, len(places)) + 1):
        found = set()
        for chosen in itertools.combinations(places, n):
            for repl in itertools.product(*(lookalikes[word[i]] for i in chosen)):
                cand = list(word)
                for i, r in zip(chosen, repl):
                    cand[i] = r
                cand_s = "".join(cand)
                if cand_s.lower() in target:
                    found.add(cand_s)
        if len(found) == 1:
            return found.pop()
        if found:
            return word          # ambiguous: keep what was read
    return word


_JUNK = re.compile(r"[%#*@&$^~<>{}|\\]")
_MIXED_OK = re.compile(r"\d+(?:-?[^\W\d_]{1,6})?|[^\W\d_]+-\d+[^\W\d_]?|\d+(?:[/.-]\d+)+[^\W\d_]?")
_MID_STOP = re.compile(r"[^\W\d_]{6,}\.\s+(?:[а-яёәғқңөұүһі]|(?:19|20)\d\d\b)")     # (a year follows a comma)
#: a stop, comma, colon, semicolon, ! or ? standing alone, a mark before the value's first word, a stop doubled
#: (not an ellipsis), a comma, colon or semicolon ending the value: a speck or the edge of a rule read as
#: punctuation; no typist puts them there
_STRAY_MARK = re.compile(r"(?<!\S)[.,:;!?]+(?!\S)|^[-–—/|.,:;!?]+\s*(?=[^\W\d_]|«)|(?<=[^\W\d_])\.\.(?!\.)|(?<=\S)[,:;]+$")
_STRAY_MARK_FIX = re.compile(r"(?<!\S)[.,:;!?]+(?!\S)|^[-–—/|.,:;!?]+\s*(?=[^\W\d_]|«)|(?<=[^\W\d_]\.)\.(?!\.)|(?<=\S)[,:;]+$")
_INITIAL_COMMA = re.compile(r"(?<![^\s«(])[А-ЯЁӘҒҚҢӨҰҮҺІ],\s*[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]")
_EDGES = "«»\"“”„()[],.;:!?-–—'"
#: a lone П or Ш (no word of either language) where a roman numeral was typed: the two strokes of II and the
#: three of III merge into one letter on a blurred scan
_ROMAN = {"П": "II", "Ш": "III"}
_LONE_ROMAN = re.compile(r"(?<![^\s«(])([ПШ])(?=[\s,;.)»]|$)")
_MID_STOP_FIX = re.compile(r"([^\W\d_]{6,})\.(\s+[а-яёәғқңөұүһі])")
_INITIAL_COMMA_FIX = re.compile(r"(?<![^\s«(])([А-ЯЁӘҒҚҢӨҰҮҺІ]),\s*(?=[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі])")
#: Kazakh letters → the Russian letter they look like (for a Russian word read with a Kazakh letter in it)
RUSSIAN_OF = str.maketrans("әғқңөүұӘҒҚҢӨҮҰ", "агкноууАГКНОУУ")


#: the words of one letter of Russian (Kazakh has none but the borrowed ones): another small letter standing alone
#: is a speck or a stroke read as one
ONE_LETTER_WORDS = set("авжикосуяё")
#: a stop between two numbers or after a long word, a number following (`даңғылы 51. 138 пәтер`, `даңғылы. 94-үй`):
#: a comma's tail lost; abbreviations (д. 5, кв. 12, ул. 8) are short
_STOP_BEFORE_NUMBER = re.compile(r"(?:\d|[^\W\d_]{6,})\.\s+\d")
#: a year followed by a one-letter abbreviation that is not жыл's or год's (ж., г.): `2022 т.`
_YEAR_UNIT = re.compile(r"\b(?:19|20)\d\d\s+(?![жгЖГ]\.)[^\W\d_]\.(?!\w)")
#: a year's abbreviation and a small word straight after it (`1991 ж. магистратура`): the list's ; or , was lost
_YEAR_THEN_WORD = re.compile(r"\b(?:19|20)\d\d\s*[жг]\.\s+[а-яёәғқңөұүһі]")
#: the number sign № as OCR reads it in serif fonts, before a number ("Гимназия Ле 178")
#: a number of one or two digits standing between a word and a name, with no mark around it (`атындағы 4 Көкшетау`):
#: a speck read as a digit — a typed number has its № before it, its unit or its comma after it
_LONE_NUMBER = re.compile(r"(?<=[^\W\d_]{3}) \d{1,2} (?=[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі])")
#: a Kazakh institution's name ends in its possessive (университеті, институты): a small word straight after it
#: begins the next part (the faculty), which a comma separates
#: two numbers with nothing but a space between them (a house and a flat: `202 180 пәтер`): the comma lost
_NUMBERS_RUN = re.compile(r"(?<![\d.,/:-])\d{1,4} \d{1,4}(?![\d.,/:-])")
#: a full stop after a word of small letters, then a name (`қаласы. Сәтбаев көшесі`): a comma read as a stop
_STOP_BEFORE_NAME = re.compile(r"[а-яёәғқңөұүһі]{6,}\.\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]")
_NAME_END_NO_COMMA = re.compile(r"\b(?:университеті|институты|академиясы|колледжі|училищесі) [а-яёәғқңөұүһі]")
_NUMBER_SIGN = re.compile(r"(?<![^\s«(])(?:Ле|Nе|Ne|Мо|/)(?=\s*\d)")


def mend(text: str) -> str:
    """The typed text behind the misreadings `doubtful` finds that have one reading only: an initial's full stop
    read as a comma ("Ы, Алтынсарин"), a speck read as a full stop inside a phrase ("классный. руководитель"), a
    roman numeral read as a letter ("П орны"), a Russian word with a Kazakh look-alike in it ("знақ"), a bracket
    opened before a word and never closed ("оқыту (факультеті"), a quote never paired ("Алматы”"), a mark standing
    alone or before the first word ("г. . Алматы", "(2016) .", "-Сейтқалиева"), a stop doubled ("қ.. Бостандық"), the
    number sign read as letters ("Гимназия Ле 178")."""
    text = " ".join(_STRAY_MARK_FIX.sub("", text).split())
    text = _NUMBER_SIGN.sub("№", text)
    text = _INITIAL_COMMA_FIX.sub(r"\1. ", text)
    text = _MID_STOP_FIX.sub(r"\1\2", text)
    text = _LONE_ROMAN.sub(lambda m: _ROMAN[m[1]], text)
    if text.count("(") == 1 and ")" not in text:
        text = re.sub(r"\((?=[^\W\d_])", "", text)       # a speck before a word, read as a bracket never closed
    if text.count("“") + text.count("„") + text.count("”") == 1:
        text = re.sub(r"[“„”]", "", text)                  # a speck at a word's edge, read as a quote never paired
    return _TOKEN.sub(lambda m: _russian_word(m[1]), text)


def _russian_word(word: str) -> str:
    """A word that is in neither word list but is a Russian word with its Kazakh letters read back as Russian."""
    if not KAZAKH & set(word) or len(word) < 3:
        return word
    kazakh, known = lexicons()
    russian = word.translate(RUSSIAN_OF)
    if word.lower() in known or russian.lower() not in known or russian.lower() in kazakh:
        return word
    return russian


#: a pattern of misreading and the sign it is
_PATTERN_SIGNS = ((_STOP_BEFORE_NUMBER, "a stop where a comma goes"), (_STOP_BEFORE_NAME, "a stop where a comma goes"),
                  (_YEAR_UNIT, "the year's abbreviation misread"),
                  (_NUMBERS_RUN, "two numbers without a comma between them"),
                  (_NAME_END_NO_COMMA, "a comma lost after an institution's name"),
                  (_YEAR_THEN_WORD, "a comma or semicolon lost after a year"),
                  (_NUMBER_SIGN, "the number sign № misread"), (_LONE_NUMBER, "a digit standing alone among words"))


def doubtful(text: str) -> list[str]:
    """Signs that OCR misread a typed text value: a character no form types (%, |), a word of small letters that is
    in neither language's word list, letters and digits mixed as no address or number writes them, a bracket or
    quote left open, a full stop inside a phrase, an initial followed by a comma. Names and abbreviations (capitals)
    are not judged. Empty when the word lists are unavailable: then nothing can be said."""
    _, known = lexicons()
    if not known:
        return []
    signs = []
    if _JUNK.search(text):
        signs.append("a character no form types")
    if (text.count("(") != text.count(")") or text.count("«") != text.count("»") or text.count("[") != text.count("]")
            or text.count("“") + text.count("„") != text.count("”")):
        signs.append("a bracket or quote left open")
    signs += [sign for pattern, sign in _PATTERN_SIGNS if pattern.search(text)]
    if _MID_STOP.search(text) or _INITIAL_COMMA.search(text) or _STRAY_MARK.search(text):
        signs.append("punctuation no typist puts there")
    if _misread_place(text):
        signs.append("a place name misread")
    kazakh = bool(KAZAKH & set(text))       # a Kazakh text: Russian's one-letter words (у, в, и) are none of its
    for token in text.split():
        core = token.strip(_EDGES)
        if not core:
            continue
        abbreviated = token[token.index(core) + len(core):].startswith(".")      # қ., г.;  Ы.
        if (len(core) == 1 and core.isalpha() and not abbreviated and core not in "IVX"
                and (core.isupper() or core not in ONE_LETTER_WORDS or kazakh)):
            signs.append("a letter standing alone")
        if any(c.isdigit() for c in core) and any(c.isalpha() for c in core) and not _MIXED_OK.fullmatch(core):
            signs.append("letters and digits mixed")
        elif _misread_abbreviation(core):
            signs.append("an abbreviation misread")
        elif core.replace("-", "").isalpha():
            parts = [p for p in core.split("-") if len(p) > 1 and p[:1].islower()]
            if any(p.lower() not in known for p in parts):
                signs.append("a word in no dictionary")
    return sorted(set(signs))


def _misread_abbreviation(core: str) -> bool:
    """A university's abbreviation with one letter changed, added or lost (`КазНИУ` for КазНПУ), and not itself
    one: a word of letters with two capitals or more and a small letter, one edit away from one of
    `UNIVERSITIES`."""
    if not core.isalpha() or sum(c.isupper() for c in core) < 2 or core.isupper() or core in UNIVERSITIES:
        return False
    return any(_one_edit(core, known) for known in UNIVERSITIES if abs(len(known) - len(core)) <= 1)


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by exactly one letter changed, added or removed."""
    return distance(a, b) == 1


_ADJECTIVE_END = re.compile(r"(?:ий|ого|ому|ом|им|ая|ой|ое)$")


def _stem(word: str) -> str:
    return _ADJECTIVE_END.sub("", word) if len(word) > 7 else word


def _misread_place(text: str) -> bool:
    """A district of Almaty, or the word ауданы after one, with one letter changed, added or lost (`PLACES`)."""
    _, known = lexicons()
    words = [t.strip(_EDGES) for t in text.split()]
    for k, word in enumerate(words):
        if len(word) < 5 or not word[:1].isupper() or not word.isalpha():
            continue
        stem = _stem(word)
        if stem in PLACES:
            following = words[k + 1] if k + 1 < len(words) else ""
            if word in DISTRICTS and following != "ауданы" and _one_edit(following, "ауданы"):
                return True
            continue
        if word.lower() not in known and any(_one_edit(stem, place) for place in PLACES
                                             if abs(len(place) - len(stem)) <= 1):
            return True
    return False
