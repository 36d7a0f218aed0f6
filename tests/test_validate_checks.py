"""Appendix 2 checks on real generated files: the video (ffprobe, title OCR), the essay (pdfplumber fonts), the
identity document, and the bad inputs of the dossiers issue. Rule ids of spec/rules.md are in the test names."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mugalim.samples import portfolio as pf
from mugalim.samples.batches import make_iin
from validators.checklist import Options, achievement_item, optional_items, section1
from validators.dossier import DossierInput, evaluate, identify
from validators.essay import check_essay
from validators.identity import check_identity, citizenship
from validators.model import Document
from validators.ocr import ocr_file
from validators.video import check_video

A = pf.Applicant(
    iin="850314401236", surname="Сейтқалиева", name="Әйгерім", patronymic="Бауыржанқызы",
    birth_date=date(1985, 3, 14), language="kk", competition="teacher_of_year",
    organization_name="№ 54 жалпы білім беретін мектеп", organization_bin="940140000385",
    organization_type="secondary", district="Алмалы", position="мұғалім", hired_on=date(2015, 9, 1),
    pedagogical_months=150, category="педагог-сарапшы", id_document_number="012345678", postal_code="050010",
    address="Абай даңғылы 10", phones=("+77011234567",), filled_date=date(2026, 2, 5), submitted_on=date(2026, 2, 6))
RU = pf.Applicant(**{**A.__dict__, "language": "ru", "surname": "Иванова", "name": "Елена",
                     "patronymic": "Сергеевна", "iin": "750712343218", "birth_date": date(1975, 7, 12)})


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("portfolio")
    good = pf.write_video(d / "good.mp4", pf.video_title(A))
    return {
        "good": good,
        "mkv": pf.write_video(d / "matroska.mp4", pf.video_title(A), container="matroska"),
        "small": pf.write_video(d / "small.mp4", pf.video_title(A), size=(640, 360)),
        "long": pf.write_video(d / "long.mp4", pf.video_title(A), seconds=180, fps=2),
        "audio": pf.write_video(d / "audio.mp4", pf.video_title(A), video=False),
        "corrupt": pf.write_corrupt_video(d / "corrupt.mp4", good),
        "essay": pf.write_pdf(d / "essay.pdf", pf.essay(A), font="TimesNewRoman", size=14),
        "essay_ru": pf.write_pdf(d / "essay_ru.pdf", pf.essay(RU), font="TimesNewRoman", size=14),
        "essay2": pf.write_pdf(d / "essay2.pdf", pf.essay(A, pages=2), font="TimesNewRoman", size=14),
        "arial": pf.write_pdf(d / "arial.pdf", pf.essay(A), font="Arial", size=12),
        "double": pf.write_pdf(d / "double.pdf", pf.essay(A), font="TimesNewRoman", size=14, leading=24),
        "two_q": pf.write_pdf(d / "two_q.pdf", pf.essay(RU, questions=2), font="TimesNewRoman", size=14),
        "scan": pf.write_scan(d / "essay_scan.pdf", pf.essay(A), font="TimesNewRoman", size=14),
    }


# --- 1.7 the video -------------------------------------------------------------------------------------------------

def test_1_7_good_video_passes_with_the_name_on_its_title_frame(files):
    c = check_video(files["good"], full_name=A.full_name)
    assert c.ok, c.problems
    assert c.facts["width"] == 1280 and 59 <= c.facts["duration_s"] <= 61


def test_1_7_title_frame_without_the_participants_name_fails(files):
    c = check_video(files["good"], full_name="Иванова Елена Сергеевна")
    assert any("name" in p for p in c.problems)


@pytest.mark.parametrize("case,expected", [
    ("mkv", "not MPEG-4"), ("small", "640×360"), ("long", "180 s"), ("audio", "no video stream"),
    ("corrupt", "not a readable video"),
])
def test_1_7_bad_videos_fail_with_the_reason(files, case, expected):
    c = check_video(files[case], full_name=A.full_name, read_title=False)
    assert not c.ok
    assert any(expected in p for p in c.problems), c.problems


def test_1_7_duration_range_is_the_seasons_setting(files):
    assert check_video(files["long"], full_name=None, duration_s=(60, 200), read_title=False).ok


# --- 1.8 the essay -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["essay", "essay_ru"])
def test_1_8_born_digital_times_14_single_one_page_with_four_questions_passes(files, case):
    c = check_essay(files[case])
    assert c.ok, c.problems
    assert c.facts["born_digital"] and all(c.facts["questions"][q] for q in "1234")


def test_1_8_two_page_essay_fails(files):
    assert "2 pages" in " ".join(check_essay(files["essay2"]).problems)


def test_1_8_arial_12_fails_naming_font_and_size(files):
    problems = " ".join(check_essay(files["arial"]).problems)
    assert "ArialMT" in problems and "not Times New Roman" in problems and "12 pt" in problems


def test_1_8_double_spacing_fails(files):
    assert "not single" in " ".join(check_essay(files["double"]).problems)


def test_1_8_unanswered_questions_are_named(files):
    problems = check_essay(files["two_q"]).problems
    assert any("question 3" in p for p in problems) and any("question 4" in p for p in problems)
    assert not any("question 1" in p for p in problems)


def test_1_8_scanned_essay_font_cannot_be_checked_is_said_not_failed(files):
    text = ocr_file(files["scan"])
    c = check_essay(files["scan"], text)
    assert c.ok, c.problems
    assert any("cannot be checked" in n for n in c.notes)
    assert c.facts["questions"]["3"] is not None          # the questions are still read, from OCR


# --- 1.1 the identity document -------------------------------------------------------------------------------------

def _id_doc(a: pf.Applicant) -> Document:
    return Document(file="b/id.png", doc_type="id_copy", text=("\n".join(pf.id_copy(a).pages[0]),))


def test_1_1_identity_document_matches_by_iin():
    c = check_identity(_id_doc(A), iin=A.iin, full_name=A.full_name)
    assert c.ok and c.facts["matched_by"] == "iin" and c.page == 1


def test_1_1_identity_iin_differs_from_application_fails_with_masked_numbers():
    other = make_iin(A.birth_date, True, 4013)
    c = check_identity(_id_doc(A), iin=other, full_name=A.full_name)
    assert not c.ok
    msg = " ".join(c.problems)
    assert "differs" in msg and A.iin not in msg and other not in msg and A.iin[-4:] in msg


# Item 1.1 of Appendix 2 (spec/portfolio.md) has no rule of its own in spec/rules.md: E5 asks for the portfolio only.
# A card OCR read badly (an IIN of 13 digits or failing its check digit, the surname garbled) is no evidence the
# dossier is someone else's: a person compares it (the item is not failed; a review task names the card).

def _worn_id_doc(a: pf.Applicant, iin_as_read: str, surname_as_read: str) -> Document:
    lines = [f"ЖСН / ИИН: {iin_as_read}" if line.startswith("ЖСН") else
             f"Тегі / Фамилия: {surname_as_read}" if line.startswith("Тегі") else line
             for line in pf.id_copy(a).pages[0]]
    return Document(file="d/id_copy.pdf", doc_type="id_copy", text=("\n".join(lines),))


_WRONG_CHECK_DIGIT = A.iin[:11] + str((int(A.iin[11]) + 1) % 10)
B = pf.Applicant(**{**A.__dict__, "surname": "Жұмабекова", "name": "Гүлнар", "patronymic": "Ерланқызы",
                    "iin": make_iin(date(1988, 6, 2), True, 2210), "birth_date": date(1988, 6, 2)})


@pytest.mark.parametrize("iin_as_read", [A.iin[:6] + "7" + A.iin[6:],          # a digit too many: 13 digits
                                         _WRONG_CHECK_DIGIT])                  # 12 digits, the check digit wrong
def test_1_1_identity_card_read_badly_goes_to_a_person_not_failed(iin_as_read):
    from validators.dossier import review_tasks
    from validators.identity import UNSURE

    worn = _worn_id_doc(A, iin_as_read, "С3й7к4л13ва")
    c = check_identity(worn, iin=A.iin, full_name=A.full_name)
    assert c.ok and c.notes[0].startswith(UNSURE) and "not a valid IIN" in c.notes[0]
    docs = [worn if d.doc_type == "id_copy" else d for d in _docs(A)]
    r = _evaluate(_dossier(docs))
    item = next(f for f in r.items if f.item == "1.1")
    assert item.status != "failed" and item.reason is None
    assert any(n.startswith(UNSURE) for n in item.notes)
    tasks = [t for t in review_tasks(r) if t["task"] == "compare_identity"]
    assert [(t["file"], t["pages"]) for t in tasks] == [("d/id_copy.pdf", [1, 1])]
    assert tasks[0]["reason"].startswith(UNSURE)


def test_1_1_identity_card_read_well_naming_someone_else_still_fails():
    from validators.dossier import review_tasks

    docs = [Document(file="d/id_copy.pdf", doc_type="id_copy", text=("\n".join(pf.id_copy(B).pages[0]),))
            if d.doc_type == "id_copy" else d for d in _docs(A)]
    r = _evaluate(_dossier(docs))
    item = next(f for f in r.items if f.item == "1.1")
    assert item.status == "failed" and "differs" in (item.reason or "")
    assert not [t for t in review_tasks(r) if t["task"] == "compare_identity"]
    # its name alone, the IIN unread and no other number on it: still someone else's, read well
    c = check_identity(Document(file="x", doc_type="id_copy", text=("\n".join(pf.id_copy(B).pages[0]),)),
                       iin=None, full_name=A.full_name)
    assert not c.ok and "neither" in c.problems[0]


def test_1_1_identity_card_matching_the_application_passes_without_a_task():
    from validators.dossier import review_tasks

    r = _evaluate(_dossier(_docs(A)))
    item = next(f for f in r.items if f.item == "1.1")
    assert item.status == "present" and not item.notes
    assert not [t for t in review_tasks(r) if t["task"] == "compare_identity"]


def test_1_1_the_note_for_a_card_read_badly_is_said_in_kazakh_and_russian():
    from validators.report import WORDS
    from validators.wording import localize

    note = check_identity(_worn_id_doc(A, _WRONG_CHECK_DIGIT, "С3й7к4л13ва"), iin=A.iin,
                          full_name=A.full_name).notes[0]
    assert localize(note, "kk") != note and localize(note, "ru") != note
    assert WORDS["kk"]["tasks"]["compare_identity"] and WORDS["ru"]["tasks"]["compare_identity"]


def test_E1_citizenship_is_read_from_the_identity_document():
    assert citizenship(_id_doc(A))[0] is True
    foreigner = pf.Applicant(**{**A.__dict__, "citizen": False})
    assert citizenship(_id_doc(foreigner))[0] is False
    assert citizenship(Document(file="x", doc_type="id_copy", text=("",)))[0] is None


# --- the checklist and the dossier ---------------------------------------------------------------------------------

def _docs(a: pf.Applicant, *, extras: bool = True, achievements: bool = True) -> list[Document]:
    out = [Document(file=f"d/{doc.doc_type}.pdf", doc_type=doc.doc_type,
                    text=tuple("\n".join(p) for p in doc.pages)) for doc in pf.section1(a)]
    fields = {"iin": a.iin, "full_name": a.full_name, "filled_date": a.filled_date.isoformat(),
              "pedagogical_experience_months": a.pedagogical_months}
    out.append(Document(file="d/app.pdf", doc_type="application", fields=fields))
    out.append(Document(file="d/video.mp4", doc_type="video"))
    if extras:
        out += [Document(file=f"d/{d.doc_type}.pdf", doc_type=d.doc_type) for d in pf.toy_extras(a)]
    if achievements:
        out += [Document(file=f"d/ach{i}.jpg", doc_type="achievement",
                         text=("\n".join(pf.achievement(a, i).pages[0]),)) for i in ("3.3", "3.7", "2.2")]
    return out


def _dossier(docs: list[Document], **kw) -> DossierInput:  # type: ignore[no-untyped-def]
    return DossierInput(dossier_id=kw.pop("dossier_id", 1), batch="b", key="d", season=2026,
                        competition=kw.pop("competition", "teacher_of_year"), organization_bin="940140000385",
                        organization_type=kw.pop("organization_type", "secondary"), documents=docs, **kw)


def _evaluate(d: DossierInput):  # type: ignore[no-untyped-def]
    return evaluate(d, season=2026, video_duration_s=(50, 70), video_min_size=(720, 480), title_repeat="may_compete",
                    grants_window=(date(2026, 4, 10), date(2026, 4, 30)), title_seasons=[], g3=None)


def test_every_section_1_item_has_one_entry_missing_ones_named():
    docs = [d for d in _docs(A) if d.doc_type not in ("diploma", "review")]
    items = {f.item: f for f in section1(docs, Options(full_name=A.full_name, iin=A.iin))}
    assert list(items) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
    assert items["1.3"].status == "missing" and items["1.6"].status == "missing"
    assert items["1.1"].status == "present" and items["1.1"].files[0].file == "d/id_copy.pdf"


@pytest.mark.parametrize("item,text,level", [
    ("3.3", "ДИПЛОМ I дәрежелі — оқушы қалалық пән олимпиадасының жеңімпазы", "city"),
    ("3.4", "ДИПЛОМ II степени — ученик, призер республиканской олимпиады", "republic"),
    ("3.5", "ДИПЛОМ — оқушы халықаралық байқаудың жеңімпазы", "international"),
    ("3.7", "СЕРТИФИКАТ учителя, участника республиканской конференции", "republic"),
    ("2.2", "АВТОРЛЫҚ БАҒДАРЛАМА қалалық деңгейде бекітілген", "city"),
    ("4.1", "БЛАГОДАРСТВЕННОЕ ПИСЬМО от родительского комитета", None),
])
def test_sections_2_to_4_items_and_levels_from_the_text(item, text, level):
    assert achievement_item(text) == (item, level)


def test_E5_teacher_of_year_dossier_with_all_documents_is_complete_and_eligible():
    r = _evaluate(_dossier(_docs(A)))
    assert r.participant_iin == A.iin and not r.waiting
    rules = {v.rule: v.ok for v in r.eligibility}
    assert rules == {"E1": True, "E2": True, "E3": True, "E4": True, "E5": True}
    assert [f.item for f in r.items if not f.item.startswith("1.")] == ["2.2", "3.3", "3.7"]


def test_E5_section_1_only_dossier_fails_E5_and_lists_no_optional_items():
    r = _evaluate(_dossier(_docs(A, extras=False, achievements=False)))
    e5 = next(v for v in r.eligibility if v.rule == "E5")
    assert e5.ok is False and "presentation" in e5.reason and "class_hour_plan" in e5.reason
    assert all(f.item.startswith("1.") for f in r.items)


def test_E5_grants_dossier_needs_the_portfolio_only():
    r = _evaluate(_dossier(_docs(A, extras=False), competition="grants", organization_type="preschool",
                           submitted_on=date(2026, 4, 15)))
    assert {v.rule for v in r.eligibility} == {"G2", "G3", "G4"}


def test_two_applications_in_one_dossier_wait_for_a_person_never_merged():
    docs = _docs(A) + [Document(file="d/app2.pdf", doc_type="application", fields={"iin": RU.iin})]
    d = _dossier(docs)
    iin, _, waiting = identify(d)
    assert iin is None and any("2 applications" in w for w in waiting)


def test_dossier_without_application_waits_for_a_person():
    docs = [d for d in _docs(A) if d.doc_type != "application"]
    r = _evaluate(_dossier(docs))
    assert r.participant_iin is None and any("no application" in w for w in r.waiting)
    assert len([f for f in r.items if f.item.startswith("1.")]) == 8        # still checked as far as it can be


def test_E2_staff_months_read_from_the_personnel_sheet_at_the_A5_date():
    recent = pf.Applicant(**{**A.__dict__, "hired_on": date(2024, 9, 1)})
    r = _evaluate(_dossier(_docs(recent)))
    e2 = next(v for v in r.eligibility if v.rule == "E2")
    assert e2.ok is False and "17 months" in e2.reason          # 2024-09-01 → 2026-02-05 (filled_date, rule A5)
    assert e2.files[0].file == "d/personnel_sheet.pdf"


def test_optional_items_absent_is_never_an_error():
    assert optional_items([]) == []


def test_a_dossier_in_one_multi_page_pdf_is_split_by_page_and_findings_name_the_page(tmp_path):
    from validators.split import split
    from validators.essay import read_layout

    parts = [pf.application_page(A), *pf.section1(A), *pf.toy_extras(A)]
    whole = pf.Doc("application", [p for d in parts for p in d.pages])
    path = pf.write_pdf(tmp_path / "dossier.pdf", whole, font="TimesNewRoman", size=12)
    text = tuple(read_layout(path)["text"])
    doc = Document(file="b/dossier.pdf", doc_type="application", pages=len(text), text=text, path=path,
                   fields={"iin": A.iin, "full_name": A.full_name})
    docs = split(doc)
    types = [(d.doc_type, d.first_page) for d in docs]
    assert ("application", 1) in types and ("id_copy", 2) in types and ("essay", 8) in types
    assert next(d for d in docs if d.doc_type == "application").fields["iin"] == A.iin
    items = {f.item: f for f in section1(docs, Options(full_name=A.full_name, iin=A.iin))}
    assert items["1.1"].status == "present" and items["1.1"].files[0].page == 2
    essay = items["1.8"]
    assert essay.files[0].page == 8 and "12 pt" in (essay.reason or "")      # the essay's own page is measured
    assert "pages" not in (essay.reason or "")                                # one page, not the whole file


def test_an_application_with_its_attachments_page_stays_one_document():
    from validators.split import split

    doc = Document(file="b/app.pdf", doc_type="application", pages=2,
                   text=("\n".join(pf.application_page(A).pages[0]), "Қосымша: диплом, сертификат, 12 парақта"))
    assert split(doc) == [doc]


def test_1_8_an_essay_photo_is_judged_by_its_proportions_not_its_dpi(tmp_path):
    from PIL import Image

    page = pf.write_scan(tmp_path / "essay.png", pf.essay(A))
    assert check_essay(page, ("Мені шабыттандыратын мәртебе отбасы мейірімді",)).ok
    with Image.open(page) as im:
        im.crop((0, 0, im.width, im.width)).save(tmp_path / "square.png", dpi=(72, 72))
    assert "not A4" in " ".join(check_essay(tmp_path / "square.png", ("шабыт мәртебе отбасы мейірім",)).problems)


def test_G2_experience_comes_from_the_personnel_sheet_when_the_application_cannot_be_read():
    docs = [d if d.doc_type != "application" else
            Document(file=d.file, doc_type="application", fields={**d.fields, "pedagogical_experience_months": None})
            for d in _docs(A, extras=False)]
    r = _evaluate(_dossier(docs, competition="grants", organization_type="tvet", submitted_on=date(2026, 4, 15)))
    g2 = next(v for v in r.eligibility if v.rule == "G2")
    assert g2.ok is True and "150 months" in g2.reason and g2.files[0].file == "d/personnel_sheet.pdf"
