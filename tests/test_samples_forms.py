"""The form generator (mugalim.samples.forms) as the benchmark relies on it: a seed gives the same file, the truth
has the spec's keys (application-form.md), each format is what it claims to be when opened with PIL or pypdf, and
the augraphy scan model changes the page — more at heavy than at light — without touching the caller's random
state. Pages are made at 100 dpi here (the model scales with the resolution) to keep this file fast."""
from __future__ import annotations

import io
import os
import random
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from mugalim.samples import forms as F

#: the keys of application-form.md (items 1–12, the filled date and the attachments' pages)
SPEC_KEYS = {"workplace", "full_name", "birth_date", "position", "pedagogical_experience_months",
             "position_experience_months", "education", "qualification_category", "home_address", "postal_code",
             "id_document_number", "iin", "phones", "awards", "filled_date", "attachment_pages"}
CATEGORIES = {"teacher", "moderator", "expert", "researcher", "master", "highest", "first", "second", "none"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
#: seeds whose heavy draw leaves out the dirty rollers, the one effect numba takes seconds to compile on first use
#: (the slow test below covers it)
SEED = 7


def _form(fmt: str, severity: str | None = "medium", seed: int = SEED, dpi: int = 100, **kw):
    return F.make_form(seed, fmt=fmt, severity=severity, dpi=dpi, **kw)


def _page(seed: int = SEED, dpi: int = 100) -> tuple[Image.Image, Image.Image, tuple]:
    rng = random.Random(seed)
    person = F.make_person(rng, "ru")
    form = F.compose_form(person, language="ru", layout="table", font="pt_sans")
    attach = F.compose_attachments("ru", "pt_sans", rng)
    return (F.rasterize(form, "pt_sans", dpi), F.rasterize(attach, "pt_sans", dpi),
            F.signature_area(form, "pt_sans"))


def test_a_seed_gives_the_same_file_and_truth_wherever_it_runs(tmp_path: Path, monkeypatch) -> None:
    a = _form("jpeg", "heavy")
    # augraphy's BleedThrough would blend in any picture under ./augraphy_cache/: the generator does not let it
    cache = tmp_path / "augraphy_cache"
    cache.mkdir()
    Image.new("L", (50, 50), 0).save(cache / "black.png")
    monkeypatch.chdir(tmp_path)
    b = _form("jpeg", "heavy")
    assert a[0] == b[0] and a[1] == b[1]
    assert "bleed_through" in a[1]["meta"]["degrade"]            # the effect the folder could have changed
    assert _form("jpeg", "heavy", seed=SEED + 1)[0] != a[0]


def test_the_caller_s_random_state_is_left_as_it_was() -> None:
    random.seed(11)
    np.random.seed(11)
    expected = (random.random(), np.random.random())
    random.seed(11)
    np.random.seed(11)
    _form("png", "light")
    assert (random.random(), np.random.random()) == expected


@pytest.mark.parametrize("fmt", ["pdf_text", "png", "photo"])
def test_the_truth_has_the_spec_s_keys_and_normalized_values(fmt: str) -> None:
    _, truth = _form(fmt, "clean" if fmt == "pdf_text" else "light")
    fields = truth["fields"]
    assert set(fields) == SPEC_KEYS
    assert ISO.fullmatch(fields["birth_date"]) and ISO.fullmatch(fields["filled_date"])
    assert re.fullmatch(r"\d{12}", fields["iin"]) and re.fullmatch(r"\d{6}", fields["postal_code"])
    assert re.fullmatch(r"\d+", fields["id_document_number"])
    assert fields["qualification_category"] in CATEGORIES
    assert all(re.fullmatch(r"\+7\d{10}", p) for p in fields["phones"])
    assert isinstance(fields["pedagogical_experience_months"], int) and isinstance(fields["attachment_pages"], int)
    meta = truth["meta"]
    assert meta["format"] == F.FORMAT_CLASS[fmt] and meta["severity"] in F.SEVERITIES
    assert meta["generator"] == F.GENERATOR and "degrade" in meta


def test_a_scan_keeps_the_applicant_of_its_seed_whatever_the_severity_or_format() -> None:
    fields = {fmt: _form(fmt, sev)[1]["fields"] for fmt, sev in [("png", "light"), ("tiff_g4", "heavy"),
                                                                   ("pdf_text", "clean")]}
    assert fields["png"] == fields["tiff_g4"] == fields["pdf_text"]


def test_png_and_jpeg_open_as_what_they_claim() -> None:
    png = Image.open(io.BytesIO(_form("png", "light", color=True)[0]))
    assert png.format == "PNG" and png.mode == "RGB"
    data, truth = _form("jpeg", "medium", dpi=200, color=False)
    jpeg = Image.open(io.BytesIO(data))
    assert jpeg.format == "JPEG" and jpeg.mode == "L" and round(jpeg.info["dpi"][0]) == 200
    assert 60 <= truth["meta"]["jpeg_quality"] <= 75


def test_a_group4_tiff_is_one_bit_group4_and_the_other_tiff_eight_bit_lzw() -> None:
    g4 = Image.open(io.BytesIO(_form("tiff_g4", "heavy")[0]))
    assert g4.format == "TIFF" and g4.mode == "1" and g4.info["compression"] == "group4"
    lzw = Image.open(io.BytesIO(_form("tiff", "light")[0]))
    assert lzw.format == "TIFF" and lzw.mode == "L" and lzw.info["compression"] == "tiff_lzw"
    # a 1-bit page keeps the text: a good share of black, not a black page
    black = 1 - np.asarray(g4.convert("L"), dtype=np.float32).mean() / 255
    assert 0.01 < black < 0.2


def test_an_image_pdf_has_no_text_layer_and_a_jpeg_inside() -> None:
    data, truth = _form("pdf", "medium")
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert page.extract_text().strip() == ""
        assert b"BT" not in page.get_contents().get_data()           # no text object,
        assert "/Font" not in page["/Resources"]                     # no font: nothing but the image
        images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        assert len(images) == 1 and images[0]["/Filter"] == "/DCTDecode"
        assert Image.open(io.BytesIO(images[0].get_data())).format == "JPEG"
    assert truth["meta"]["format"] == "pdf-scan" and 60 <= truth["meta"]["jpeg_quality"] <= 85


def test_a_mixed_pdf_has_a_scanned_form_and_a_born_digital_second_page() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_form("pdf_mixed", "light")[0]))
    assert len(reader.pages) == 2
    assert reader.pages[0].extract_text().strip() == "" and reader.pages[1].extract_text().strip() != ""


def test_a_born_digital_pdf_has_the_values_in_its_text_and_is_never_scanned() -> None:
    data, truth = _form("pdf_text", "clean")
    text = " ".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert truth["fields"]["full_name"] in text and truth["fields"]["iin"] in text
    with pytest.raises(ValueError):
        _form("pdf_text", "light")


def test_a_phone_photo_is_a_colour_jpeg_at_about_150_dpi_across_the_page() -> None:
    data, truth = _form("photo", "medium", dpi=300)
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG" and img.mode == "RGB"
    assert truth["meta"]["dpi"] == 150 and img.info.get("dpi", (72,))[0] == 72   # a phone states 72
    assert 1240 <= img.width <= 1600                                             # A4 at 150 dpi, plus the desk
    effects = truth["meta"]["degrade"]
    assert {"perspective", "curl", "photo_shadow"} <= set(effects)


def test_degradation_changes_the_page_and_heavy_more_than_light() -> None:
    diffs = {}
    for severity in ("light", "heavy"):
        total = 0.0
        for seed in (SEED, SEED + 1):
            front, back, _ = _page(seed)
            out, done = F.degrade_scan(front, random.Random(seed), severity, dpi=100, back=back)
            assert out.size == front.size and done["effects"]
            total += float(np.abs(np.asarray(out, np.float32) - np.asarray(front, np.float32)).mean())
        diffs[severity] = total / 2
    assert diffs["light"] > 2 and diffs["heavy"] > 1.5 * diffs["light"]


def test_a_clean_scan_is_the_page_and_its_signature_in_blue_ink() -> None:
    front, _, sign = _page()
    clean, done = F.degrade_scan(front, random.Random(1), "clean", dpi=100, color=True, signature=sign)
    a = np.asarray(clean, np.int16)
    changed = np.abs(a - np.asarray(front.convert("RGB"), np.int16)).max(axis=2) > 0
    assert set(done["effects"]) == {"signature"}
    ys, xs = np.nonzero(changed)
    assert ys.min() > front.height * 0.5                          # only the footer is touched
    ink = a[np.abs(a - np.asarray(front.convert("RGB"), np.int16)).max(axis=2) > 60]
    assert len(ink) > 50 and (ink[:, 2] > ink[:, 0] + 40).mean() > 0.9      # where the pen wrote, it is blue


def test_the_first_model_is_still_there_and_the_two_do_not_mix() -> None:
    data, truth = F.make_form(SEED, fmt="png", degrade="rotate", dpi=100)
    assert Image.open(io.BytesIO(data)).format == "PNG" and truth["meta"]["degrade"] == "rotate"
    with pytest.raises(ValueError):
        F.make_form(SEED, fmt="png", degrade="rotate", severity="light")
    with pytest.raises(ValueError):
        F.make_form(SEED, fmt="png", severity="extreme")


def test_the_benchmark_plan_covers_every_format_and_severity() -> None:
    plan = F.test_set_plan(48, seed=7)
    assert plan == F.test_set_plan(48, seed=7) and plan != F.test_set_plan(48, seed=8)
    classes = Counter(F.FORMAT_CLASS[p["fmt"]] for p in plan)
    assert set(classes) == {"png", "jpeg", "tiff", "pdf-scan", "pdf-text", "photo"}
    assert min(classes.values()) >= 4
    by = Counter((F.FORMAT_CLASS[p["fmt"]], p["severity"]) for p in plan)
    for fmt in ("png", "jpeg", "tiff", "pdf-scan"):
        assert all(by[fmt, s] >= 1 for s in F.SEVERITIES), fmt
    assert all(p["severity"] == "clean" for p in plan if p["fmt"] == "pdf_text")
    assert all(p["severity"] != "clean" for p in plan if p["fmt"] == "photo")
    assert all(p["dpi"] == 200 for p in plan if p["fmt"] == "jpeg")
    assert Counter(p["language"] for p in plan) == {"kk": 24, "ru": 24}


@pytest.mark.slow
def test_every_format_at_every_severity_is_made_and_opens(tmp_path: Path) -> None:
    """All effects at least once (the dirty rollers too), at the plan's resolutions; `make_test_set` writes files
    named by their format and severity with a truth.json."""
    truths = F.make_test_set(tmp_path, n=16, seed=31, workers=min(2, os.cpu_count() or 1))
    assert len(list(tmp_path.glob("form-*"))) == 16 and (tmp_path / "truth.json").exists()
    for name, truth in truths.items():
        data = (tmp_path / name).read_bytes()
        if name.endswith(".pdf"):
            assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
        else:
            Image.open(io.BytesIO(data)).load()
        assert truth["meta"]["severity"] in name
    for seed in range(10):
        _, truth = F.make_form(100 + seed, fmt="png", severity="heavy", dpi=150)
        if "dirty_rollers" in truth["meta"]["degrade"]:
            break
    else:
        pytest.fail("no heavy draw with dirty rollers in ten seeds")
