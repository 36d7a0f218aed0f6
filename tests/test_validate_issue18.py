"""Issue 18 in the dossier checks: the essay (item 1.8) typed in Word or Writer is judged from its styles and runs and
its pages as printed; a video (item 1.7) in MOV, AVI or MKV fails with its container named; a phone's video turned
by its metadata is judged and described by its displayed size."""
from __future__ import annotations

import pytest

import office_fixtures as of
from validators.essay import check_essay
from validators.video import check_video
from validators.wording import localize

pytestmark = pytest.mark.slow            # LibreOffice renders each essay, ffmpeg makes each video


def test_issue_18_a_word_essay_in_times_14_single_passes_item_1_8(tmp_path):
    c = check_essay(of.docx(tmp_path / "эссе.docx"))
    assert c.ok, c.problems
    assert c.facts["pages"] == 1 and c.facts["fonts"] == {"Times New Roman": 1.0}
    assert all(c.facts["questions"][q] for q in "1234")          # read from the rendering's text


def test_issue_18_a_word_essay_in_arial_12_fails_with_the_reasons(tmp_path):
    c = check_essay(of.docx(tmp_path / "эссе.docx", font="Arial", size=12, spacing=1.5))
    assert list(c.problems) == ["the font is Arial (100%), not Times New Roman", "the text is 12 pt, not 14 pt",
                                "the line spacing is 1.5 lines, not single"]
    assert localize(c.problems[0], "kk") == "қаріп Times New Roman емес: Arial (100%)"


def test_issue_18_an_odt_essay_over_two_pages_as_printed_fails(tmp_path):
    c = check_essay(of.odt(tmp_path / "эссе.odt", of.ESSAY_KK + of.ESSAY_KK[1:] * 12))
    assert "the essay has 2 pages; one page is required" in c.problems
    assert c.facts["pages"] == 2


@pytest.mark.parametrize("fmt, name", [("mov", "QuickTime MOV"), ("avi", "AVI"), ("matroska", "Matroska (MKV)")])
def test_issue_18_item_1_7_names_the_container_the_decree_does_not_ask_for(tmp_path, fmt, name):
    c = check_video(of.video(tmp_path / f"v.{fmt}", fmt, size="1280x720"), full_name=None, read_title=False,
                    duration_s=(0, 5))
    assert list(c.problems) == [f"the container is {name}, not MPEG-4 or a DVD image"]
    assert localize(c.problems[0], "kk") == f"файл пішімі MPEG-4 емес ({name})"


def test_issue_18_a_phone_video_turned_by_its_metadata_is_judged_on_its_displayed_size(tmp_path):
    upright = check_video(of.video(tmp_path / "portrait.mp4", "mp4", size="1280x720", rotate=90), full_name=None,
                          read_title=False, duration_s=(0, 5))
    assert upright.ok, upright.problems
    assert (upright.facts["width"], upright.facts["height"]) == (720, 1280)
    small = check_video(of.video(tmp_path / "small.mov", "mov", size="640x360", rotate=270), full_name=None,
                        read_title=False, duration_s=(0, 5))
    assert "the picture is 360×640, smaller than 720×480" in small.problems
