"""Scans through real Tesseract (kaz+rus): every format, and each bad input of the issue. Slow (OCR)."""
import io
import random

import pytest
from PIL import Image, ImageDraw

from extractors.document import extract_file
from mugalim.samples.forms import compose_form, make_form, make_person, rasterize

pytestmark = pytest.mark.slow


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def right(result, truth) -> set[str]:
    return {k for k, v in truth["fields"].items() if result["fields"].get(k) == v}


def test_clean_png_table_in_kazakh_gives_every_field(tmp_path):
    data, truth = make_form(101, language="kk", layout="table", font="dejavu_serif", fmt="png")
    out = extract_file(write(tmp_path, "form.png", data)).result
    assert out["doc_type"] == "application" and out["language"] == "kk"
    assert out["fields"] == truth["fields"]


def test_degraded_jpeg_numbered_lines_in_russian_at_200_dpi(tmp_path):
    data, truth = make_form(102, language="ru", layout="lines", font="pt_sans", fmt="jpeg", degrade="degraded",
                            dpi=200)
    out = extract_file(write(tmp_path, "form.jpg", data)).result
    assert out["language"] == "ru"
    assert len(right(out, truth)) >= 14


def test_multi_page_tiff_reads_the_form_page_and_counts_both_pages(tmp_path):
    data, truth = make_form(103, language="kk", layout="lines", font="pt_serif", fmt="tiff")
    ex = extract_file(write(tmp_path, "form.tif", data))
    assert ex.result["pages"] == 2 and ex.result["doc_type"] == "application"
    assert ex.evidence["fields"]["iin"]["page"] == 1
    assert len(right(ex.result, truth)) >= 14


def test_mixed_pdf_ocrs_the_scanned_page_and_reads_the_text_layer_of_the_other(tmp_path):
    data, truth = make_form(104, language="ru", layout="table", font="freeserif", fmt="pdf_mixed")
    ex = extract_file(write(tmp_path, "form.pdf", data))
    assert [p["method"] for p in ex.evidence["pages"]] == ["ocr", "text_layer"]
    assert ex.evidence["pages"][0]["unit"] == "px300" and ex.evidence["pages"][1]["unit"] == "pt"
    assert len(right(ex.result, truth)) >= 15


def test_a_page_upside_down_is_turned_and_read(tmp_path):
    data, truth = make_form(105, language="kk", layout="table", font="dejavu_sans", fmt="png", degrade="upside_down")
    ex = extract_file(write(tmp_path, "upside-down.png", data))
    assert ex.evidence["pages"][0]["rotation"] == 180
    assert len(right(ex.result, truth)) >= 15


def test_a_scan_at_150_dpi_is_brought_to_300_and_read(tmp_path):
    data, truth = make_form(106, language="ru", layout="table", font="dejavu_serif", fmt="png", dpi=150)
    out = extract_file(write(tmp_path, "form-150dpi.png", data)).result
    assert len(right(out, truth)) >= 14


def test_a_field_left_empty_is_null_and_named_in_problems(tmp_path):
    data, truth = make_form(107, language="kk", layout="table", font="pt_serif", fmt="png", empty_field="awards")
    out = extract_file(write(tmp_path, "form.png", data)).result
    assert out["fields"]["awards"] is None and out["confidence"]["awards"] == 0.0
    assert any(p["field"] == "awards" for p in out["problems"])


def test_an_iin_failing_its_check_digit_is_reported_as_written_never_corrected(tmp_path):
    data, truth = make_form(108, language="ru", layout="lines", font="dejavu_serif", fmt="png", valid_iin=False)
    out = extract_file(write(tmp_path, "form.png", data)).result
    assert out["fields"]["iin"] == truth["fields"]["iin"]
    assert {"field": "iin", "problem": "check digit does not match"} in out["problems"]


def test_a_handwritten_or_unreadable_value_is_null_with_a_problem_never_guessed(tmp_path):
    rng = random.Random(109)
    person = make_person(rng, "kk", empty="position")
    page = compose_form(person, language="kk", layout="table", font="dejavu_serif")
    img = rasterize(page, "dejavu_serif", 300)
    base = next(op[2] for op in page.ops if op[0] == "text" and op[3] == "Лауазымы") * 300 / 72
    draw = ImageDraw.Draw(img)
    x = 285 * 300 / 72
    for _ in range(40):                     # scribbles where the value goes
        pts = [(x + rng.uniform(0, 700), base + rng.uniform(-40, 5)) for _ in range(6)]
        draw.line(pts, fill=0, width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    out = extract_file(write(tmp_path, "scribbled.png", buf.getvalue())).result
    assert out["fields"]["position"] is None
    assert any(p["field"] == "position" for p in out["problems"])
    assert out["fields"]["full_name"] == person.truth["full_name"]


def test_a_photo_taken_at_an_angle_is_read_without_failing(tmp_path):
    data, truth = make_form(110, language="kk", layout="table", font="dejavu_serif", fmt="jpeg", degrade="photo")
    out = extract_file(write(tmp_path, "photo.jpg", data)).result
    assert set(out["fields"]) == set(truth["fields"])
    assert all(out["fields"][k] is not None or any(p["field"] == k for p in out["problems"]) for k in out["fields"])
    assert len(right(out, truth)) >= 8


def test_a_blank_page_is_read_as_an_unknown_document_with_a_problem(tmp_path):
    buf = io.BytesIO()
    Image.new("L", (2480, 3508), 250).save(buf, "PNG")
    out = extract_file(write(tmp_path, "blank.png", buf.getvalue())).result
    assert out["doc_type"] == "unknown" and out["fields"] == {} and out["problems"]
