"""The second readings (numbers by the English model, a name by the Kazakh one), Tesseract's library kept loaded
for them, and the born-digital text layer read off pdfminer's layout. OCR here is real Tesseract."""
import io
import random

import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import pdf, rereading, tesseract, tesseract_lib
from extractors.document import extract_file
from extractors.rereading import merge_digits
from extractors.tesseract import Word
from mugalim.samples.forms import FONTS, make_form

pytestmark = pytest.mark.slow
KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@pytest.mark.parametrize("first, second, merged", [
    ("87754759910", "87754739910", "87754739910"),      # 3 read as 5: the English model's digits are taken
    ("№059557852,", "039557852,", "№039557852,"),       # only digits change; the language model's letters stay
    ("1985-10-02", "1985-10-02", "1985-10-02"),
    ("2015", "201", "2015"),                            # a digit fewer: nothing is taken, never a guess
    ("5", "3", "3"),                                    # a lone digit: the kaz/rus models' known confusion…
    ("6", "3", "3"),
    ("6", "5", "6"),                                    # …and nothing else (a lone digit is a small cut)
    ("8", "3", "8"),
])
def test_second_reading_takes_digits_only_where_it_can_be_trusted(first, second, merged):
    assert merge_digits(first, second) == merged


def _line(text: str, font: str = "dejavu_sans", px: int = 46) -> Image.Image:
    f = ImageFont.truetype(FONTS[font][0], px)
    img = Image.new("L", (60 + int(f.getlength(text)), px * 2), 255)
    ImageDraw.Draw(img).text((30, px // 3), text, font=f, fill=0)
    return img


def test_the_library_reads_as_the_program_does():
    img = _line("87754739910")
    in_process = tesseract_lib.words(img, lang="eng", psm=7, whitelist=rereading.DIGITS_ONLY)
    program = tesseract.words(img, lang="eng", psm=7, config=f"-c tessedit_char_whitelist={rereading.DIGITS_ONLY}")
    assert [w.text for w in in_process] == [w.text for w in program] == ["87754739910"]
    assert [(w.x0, w.y0) for w in in_process] == [(w.x0, w.y0) for w in program]


def test_without_the_library_the_program_reads_instead(monkeypatch):
    monkeypatch.setattr(tesseract_lib, "_engines", {})
    monkeypatch.setattr(tesseract_lib, "_lib", None)
    monkeypatch.setattr(tesseract_lib, "_unavailable", True)
    assert [w.text for w in tesseract_lib.words(_line("Асқар"), lang="kaz+rus", psm=7)] == ["Асқар"]


def test_a_kazakh_name_on_a_russian_form_keeps_its_kazakh_letters(tmp_path):
    # on a Russian form Tesseract keeps to the Russian model and reads қ ү ұ as к у у; the name's second reading
    # (read alone, Kazakh model first) keeps them
    found = 0
    for seed in range(300, 340):
        data, truth = make_form(seed, language="ru", layout="lines", font="pt_sans", fmt="png")
        name = truth["fields"]["full_name"]
        if not KAZAKH & set(name):
            continue
        f = tmp_path / f"{seed}.png"
        f.write_bytes(data)
        assert extract_file(f).result["fields"]["full_name"] == name
        found += 1
        if found == 2:
            break
    assert found == 2


def test_a_name_whose_second_reading_disagrees_is_left_as_first_read():
    grey = _line("Петров Иван")
    first = tesseract.words(grey, psm=7)
    assert [w.text for w in first] == ["Петров", "Иван"]
    # words that claim another text than the image shows: the second reading does not agree, nothing changes
    claimed = [Word(t, w.x0, w.y0, w.x1, w.y1, w.conf, w.line) for w, t in zip(first, ["Ахметова", "Әлия"])]
    assert rereading.names(claimed, claimed, grey) == claimed
    # the same words as read: agreed, kept
    assert [w.text for w in rereading.names(first, first, grey)] == ["Петров", "Иван"]


@pytest.mark.parametrize("layout", ["table", "lines"])
def test_born_digital_words_and_rules_are_pdfplumbers_own(tmp_path, layout):
    data, _ = make_form(77, language="kk", layout=layout, font="pt_serif", fmt="pdf_text")
    f = tmp_path / "form.pdf"
    f.write_bytes(data)
    words, width, height, hrules, vrules = pdf.text_layer(str(f), 0)
    with pdfplumber.open(f) as doc:
        page = doc.pages[0]
        theirs = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        their_h = sorted({round(e["top"], 1) for e in page.edges
                          if e["orientation"] == "h" and e["x1"] - e["x0"] > 0.3 * float(page.width)})
        their_v = sorted({round(e["x0"], 1) for e in page.edges
                          if e["orientation"] == "v" and e["bottom"] - e["top"] > 0.04 * float(page.height)})
    assert [(w.text, w.x0, w.y0, w.x1, w.y1) for w in words] == [
        (w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in theirs]
    assert (hrules, vrules) == (their_h, their_v)
    assert (hrules != []) == (layout == "table")
