"""The dossier report's contract keys (spec/portfolio.md), the readable report in Kazakh or Russian, and the
deficiency notice the back office sends."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_validate_checks import A, _docs, _dossier, _evaluate  # noqa: E402

from validators.report import deficiency_notice, dossier_json, readable_html  # noqa: E402


def _report(docs):
    return dossier_json(_evaluate(_dossier(docs)))


def test_report_has_the_contract_keys_and_one_entry_per_section_1_item():
    r = _report(_docs(A))
    assert {"participant_iin", "competition", "complete", "items", "eligibility", "documents"} <= set(r)
    assert r["participant_iin"] == A.iin and r["competition"] == "teacher_of_year"
    assert all(set(i) >= {"item", "status", "reason", "files"} for i in r["items"])
    assert all(set(v) >= {"rule", "ok", "reason"} for v in r["eligibility"])
    assert {"file", "pages", "doc_type"} <= set(r["documents"][0])
    assert next(i for i in r["items"] if i["item"] == "3.3")["level"] == "city"


def test_missing_items_make_the_dossier_incomplete_and_go_into_the_notice_kk_and_ru():
    r = _report([d for d in _docs(A) if d.doc_type not in ("review", "presentation")])
    assert r["complete"] is False
    kk = deficiency_notice(r, "kk")
    assert "1.6 Әдістемелік материалдарға пікірлер: жоқ" in kk and "E5" in kk and A.full_name in kk
    ru = deficiency_notice(r, "ru")
    assert "1.6 Рецензии на методические материалы: нет" in ru
    html_kk, html_ru = readable_html(r, "kk"), readable_html(r, "ru")
    assert "<html lang='kk'>" in html_kk and "Кемшіліктер туралы хабарлама" in html_kk
    assert "<html lang='ru'>" in html_ru and "Уведомление о недостатках" in html_ru
    assert "class='missing'" in html_kk


def test_waiting_dossier_says_so_for_people():
    r = _report([d for d in _docs(A) if d.doc_type != "application"])
    assert r["participant_iin"] is None and r["waiting"]
    assert "адамның шешімін күтеді" in readable_html(r, "kk")


def test_reasons_are_said_in_kazakh_and_russian_in_the_readable_report():
    from mugalim.messages import Message, Seq
    from validators.essay import office_problem
    from validators.video import duration_problem
    from validators.wording import localize

    reason = Seq([Message("check.video_small", size="640×360", min="720×480"), duration_problem(180, (50, 70))])
    assert str(reason) == ("the picture is 640×360, smaller than 720×480; it lasts 180 s, the season allows 50–70 s "
                           "(110 s too long)")                      # the English the JSON report keeps
    assert localize(reason, "kk") == ("бейненің өлшемі 640×360, 720×480-ден кіші; ұзақтығы 180 с, маусым 50–70 с "
                                      "рұқсат етеді (110 с ұзақ)")
    assert localize(reason, "ru").startswith("разрешение видео 640×360, меньше 720×480")
    q3 = Message("check.essay_question", q=3, name=Message("essay.q3"))
    assert str(q3) == "question 3 (the family's influence) is not addressed"
    assert localize(q3, "kk") == "3-сұрақ (отбасының ықпалы) ашылмаған"
    in_file = Message("check.in_file", file="b/v.mp4", reason=Seq([Message("check.video_no_stream")]))
    assert localize(in_file, "ru") == "b/v.mp4: в файле нет видеодорожки"
    assert localize(office_problem("the line spacing is 1.5 lines, not single"), "ru") == \
        "межстрочный интервал не одинарный (1.5 lines)"
    assert localize("something new", "kk") == "something new"
