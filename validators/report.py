"""The dossier report (`<participant_iin>.json`, keys of spec/portfolio.md) and the readable report beside it
(`<participant_iin>.html`, Kazakh by default, Russian by the season's `language`) with the deficiency notice the back
office can send to the applicant. The JSON keeps the checks' reasons in English; the readable report and the notice
say them in the report's language (validators/wording.py)."""
from __future__ import annotations

import html
from typing import Any

from validators.dossier import DossierResult, review_tasks
from validators.wording import DOC_TYPES, OPTIONAL_ITEMS, localize

ITEM_TITLES = {
    "kk": {"1.1": "Жеке басын куәландыратын құжаттың көшірмесі", "1.2": "Кадрларды есепке алудың жеке парағы",
           "1.3": "Білімі туралы диплом(дар) көшірмесі", "1.4": "Біліктілікті арттыру сертификаттары",
           "1.5": "Жарияланымдар, мақалалар, шеберлік сыныптарының материалдары",
           "1.6": "Әдістемелік материалдарға пікірлер", "1.7": "«Менің жүрегімнің мектебі» бейнеролигі",
           "1.8": "«Заманауи педагог қандай болуы керек» эссесі"},
    "ru": {"1.1": "Копия документа, удостоверяющего личность", "1.2": "Личный листок по учету кадров",
           "1.3": "Копии дипломов об образовании", "1.4": "Сертификаты о повышении квалификации",
           "1.5": "Публикации, статьи, материалы мастер-классов", "1.6": "Рецензии на методические материалы",
           "1.7": "Видеоролик «Менің жүрегімнің мектебі»", "1.8": "Эссе «Каким должен быть современный педагог»"},
}
WORDS = {
    "kk": {"title": "Құжаттар топтамасын тексеру нәтижесі", "status": {"present": "бар", "missing": "жоқ",
           "failed": "талапқа сай емес"}, "item": "Тармақ", "state": "Күйі", "why": "Себебі", "files": "Файл, бет",
           "s1": "1-бөлім: міндетті құжаттар", "opt": "2–4-бөлімдер: жетістіктер", "elig": "Қатысу шарттары",
           "docs": "Құжаттар", "ok": {True: "сай", False: "сай емес", None: "адам шешеді"}, "rule": "Ереже",
           "complete": "Құжаттар толық әрі талапқа сай.", "incomplete": "Құжаттар толық емес немесе талапқа сай емес.",
           "waiting": "Топтама адамның шешімін күтеді", "notice": "Кемшіліктер туралы хабарлама",
           "dear": "Құрметті {name}!", "intro": "Сіздің «{comp}» конкурсына тапсырған құжаттарыңызда мынадай "
           "кемшіліктер анықталды:", "ask": "Кемшіліктерді белгіленген мерзімде жоюыңызды сұраймыз.",
           "sign": "Алматы қаласы Білім басқармасы", "level": "Деңгейі", "none": "жоқ", "corr": "Түзетулер",
           "extracted": "Оқылған мән", "corrected": "Түзетілген мән", "by": "Кім, қашан",
           "comp": {"teacher_of_year": "Алматының жыл мұғалімі", "grants": "Грант"},
           "unread": "Өтінім оқылмады — ЖСН-ді қызметкер енгізуі керек.", "review": "Тексеру кезегінде",
           "tasks": {"enter_iin": "ЖСН енгізу", "compare_identity": "жеке куәлікті өтініммен салыстыру",
                     "type_document": "құжат түрін белгілеу"},
           "levels": {"city": "қалалық", "republic": "республикалық", "international": "халықаралық",
                      "organization": "ұйым"}},
    "ru": {"title": "Результат проверки пакета документов", "status": {"present": "есть", "missing": "нет",
           "failed": "не соответствует"}, "item": "Пункт", "state": "Состояние", "why": "Причина",
           "files": "Файл, страница", "s1": "Раздел 1: обязательные документы", "opt": "Разделы 2–4: достижения",
           "elig": "Условия участия", "docs": "Документы", "ok": {True: "да", False: "нет", None: "решает человек"},
           "rule": "Правило", "complete": "Документы полные и соответствуют требованиям.",
           "incomplete": "Документы неполные или не соответствуют требованиям.",
           "waiting": "Пакет ждёт решения человека", "notice": "Уведомление о недостатках",
           "dear": "Уважаемый(ая) {name}!", "intro": "В документах, поданных Вами на конкурс «{comp}», выявлены "
           "следующие недостатки:", "ask": "Просим устранить недостатки в установленный срок.",
           "sign": "Управление образования города Алматы", "level": "Уровень", "none": "нет",
           "corr": "Исправления", "extracted": "Прочитано", "corrected": "Исправлено", "by": "Кто, когда",
           "comp": {"teacher_of_year": "Алматының жыл мұғалімі", "grants": "Грант"},
           "unread": "Заявка не прочитана — ИИН должен ввести сотрудник.", "review": "В очереди на проверку",
           "tasks": {"enter_iin": "ввести ИИН", "compare_identity": "сверить удостоверение с заявкой",
                     "type_document": "указать тип документа"},
           "levels": {"city": "городской", "republic": "республиканский", "international": "международный",
                      "organization": "организация"}},
}


def dossier_json(r: DossierResult) -> dict[str, Any]:
    """The contract keys of spec/portfolio.md, and a few more for people and programs."""
    d = r.input
    return {
        "participant_iin": r.participant_iin,
        "competition": d.competition,
        "complete": r.complete and not r.waiting,
        "items": [f.as_dict() for f in r.items],
        "eligibility": [v.as_dict() for v in r.eligibility],
        "documents": [{"file": x.file, "pages": x.pages, "doc_type": x.doc_type} for x in d.documents],
        "season": d.season,
        "full_name": r.full_name,
        "dossier": {"id": d.dossier_id, "batch": d.batch, "key": d.key},
        "organization": {"bin": d.organization_bin, "name": d.organization_name, "type": d.organization_type,
                         "district": d.district},
        "submitted_on": d.submitted_on.isoformat() if d.submitted_on else None,
        "waiting": r.waiting,
        "application_read": r.application_read,
        "review": review_tasks(r),
        "corrections": r.corrections,
    }


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def _files(f: dict[str, Any]) -> str:
    return "<br>".join(_e(x["file"]) + (f", {x['page']}" if x.get("page") else "") for x in f["files"])


def item_title(item: str, lang: str) -> str:
    return ITEM_TITLES[lang].get(item) or OPTIONAL_ITEMS[lang].get(item, "")


def readable_html(report: dict[str, Any], lang: str = "kk") -> str:
    """The report for people: what is there, what is missing, what fails and why; eligibility; the notice."""
    w = WORDS[lang]
    parts = [f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{_e(w['title'])}</title>"
             "<style>body{font-family:'PT Sans','DejaVu Sans',sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}.missing{background:#fde2e2}"
             ".failed{background:#fff0c2}.present{background:#e6f4ea}.note{color:#555;font-size:90%}pre{white-space:pre-wrap;font-family:inherit}</style>"
             "</head><body>", f"<h1>{_e(w['title'])}</h1>",
             f"<p><b>{_e(report.get('full_name'))}</b> · {_e(w['comp'].get(report['competition'] or '', ''))} · "
             f"{_e(report['season'])} · {_e((report.get('organization') or {}).get('name'))}</p>"]
    if report.get("application_read") is False:
        parts.append(f"<p class='missing'><b>{_e(w['unread'])}</b></p>")
    if report["waiting"]:
        parts.append(f"<p class='failed'><b>{_e(w['waiting'])}:</b> "
                     + "; ".join(_e(localize(x, lang)) for x in report["waiting"]) + "</p>")
    if report.get("review"):
        parts.append(f"<p><b>{_e(w['review'])}:</b> " + "; ".join(
            _e(w["tasks"][t["task"]]) + (f" — {_e(t['file'])}" if t.get("file") else "")
            + (f", {_e(t['pages'][0])}–{_e(t['pages'][1])}" if t.get("pages") and t["pages"][1] != t["pages"][0]
               else f", {_e(t['pages'][0])}" if t.get("pages") else "") for t in report["review"]) + "</p>")
    parts.append(f"<p><b>{_e(w['complete'] if report['complete'] else w['incomplete'])}</b></p>")
    parts += _items_table(report, lang, section1=True) + _items_table(report, lang, section1=False)
    parts += _eligibility_table(report, lang) + _corrections_table(report, lang) + _documents_table(report, lang)
    parts += [f"<h2>{_e(w['notice'])}</h2>", "<pre>" + _e(deficiency_notice(report, lang)) + "</pre>",
              "</body></html>"]
    return "\n".join(parts)


def _items_table(report: dict[str, Any], lang: str, *, section1: bool) -> list[str]:
    w = WORDS[lang]
    rows = [f for f in report["items"] if f["item"].startswith("1.") == section1]
    out = [f"<h2>{_e(w['s1'] if section1 else w['opt'])}</h2>"]
    if not rows:
        return out + [f"<p>{_e(w['none'])}</p>"]
    out.append(f"<table><tr><th>{_e(w['item'])}</th><th>{_e(w['state'] if section1 else w['level'])}</th>"
               f"<th>{_e(w['why'])}</th><th>{_e(w['files'])}</th></tr>")
    for f in rows:
        state = w["status"][f["status"]] if section1 else w["levels"].get(f.get("level") or "", "—")
        notes = "".join(f"<div class='note'>{_e(localize(n, lang))}</div>" for n in f.get("notes", []))
        out.append(f"<tr class='{f['status']}'><td>{_e(f['item'])} {_e(item_title(f['item'], lang))}</td>"
                   f"<td>{_e(state)}</td><td>{_e(localize(f['reason'], lang))}{notes}</td><td>{_files(f)}</td></tr>")
    return out + ["</table>"]


def _eligibility_table(report: dict[str, Any], lang: str) -> list[str]:
    w = WORDS[lang]
    out = [f"<h2>{_e(w['elig'])}</h2><table><tr><th>{_e(w['rule'])}</th><th></th><th>{_e(w['why'])}</th></tr>"]
    for v in report["eligibility"]:
        cls = {True: "present", False: "missing", None: "failed"}[v["ok"]]
        out.append(f"<tr class='{cls}'><td>{_e(v['rule'])}</td><td>{_e(w['ok'][v['ok']])}</td>"
                   f"<td>{_e(localize(v['reason'], lang))}</td></tr>")
    return out + ["</table>"]


def _corrections_table(report: dict[str, Any], lang: str) -> list[str]:
    w = WORDS[lang]
    if not report.get("corrections"):
        return []
    out = [f"<h2>{_e(w['corr'])}</h2><table><tr><th></th><th>{_e(w['extracted'])}</th>"
           f"<th>{_e(w['corrected'])}</th><th>{_e(w['by'])}</th></tr>"]
    for c in report["corrections"]:
        out.append(f"<tr><td>{_e(c['file'])}: {_e(c['field'])}</td><td>{_e(c['extracted'])}</td>"
                   f"<td>{_e(c['value'])}</td><td>{_e(c['corrected_by'])}, {_e(c['corrected_at'])}</td></tr>")
    return out + ["</table>"]


def _documents_table(report: dict[str, Any], lang: str) -> list[str]:
    w = WORDS[lang]
    out = [f"<h2>{_e(w['docs'])}</h2><table>"]
    for x in report["documents"]:
        kind = DOC_TYPES[lang].get(x["doc_type"], x["doc_type"])
        out.append(f"<tr><td>{_e(x['file'])}</td><td>{_e(kind)}</td><td>{_e(x['pages'])}</td></tr>")
    return out + ["</table>"]


def deficiency_notice(report: dict[str, Any], lang: str = "kk") -> str:
    """The letter the back office can send: every missing or failing section-1 item, and failed E5 documents."""
    w = WORDS[lang]
    lines = [w["dear"].format(name=report.get("full_name") or "…"), "",
             w["intro"].format(comp=w["comp"].get(report["competition"] or "", "…"))]
    n = 0
    for f in report["items"]:
        if f["status"] in ("missing", "failed"):
            n += 1
            extra = f" — {localize(f['reason'], lang)}" if f["status"] == "failed" and f["reason"] else ""
            lines.append(f"{n}. {f['item']} {item_title(f['item'], lang)}: {w['status'][f['status']]}{extra}")
    for v in report["eligibility"]:
        if v["rule"] == "E5" and v["ok"] is False:
            n += 1
            lines.append(f"{n}. {v['rule']}: {localize(v['reason'], lang)}")
    if n == 0:
        lines.append("—")
    lines += ["", w["ask"], "", w["sign"]]
    return "\n".join(lines)
