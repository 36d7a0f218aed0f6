"""One dossier, checked: whose it is, the Appendix 2 checklist, and eligibility — from plain inputs.

A dossier whose application is missing, or whose files cannot be tied to one participant, waits for a person: it is
checked as far as it can be and listed as waiting, never dropped and never merged into another's dossier.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mugalim.identifiers import iin_problem
from mugalim.messages import Message
from validators import eligibility as el
from validators.checklist import Options, optional_items, section1
from validators.identity import UNSURE as IDENTITY_UNSURE, citizenship
from validators.model import Document, Finding, Ref, Verdict

TOY = "teacher_of_year"
GRANTS = "grants"
#: the words every report of a dossier whose application gives no usable IIN begins its waiting reason with (the
#: English of the catalog's wait.app_* messages)
APPLICATION_UNREAD = "application not read — a person must enter the IIN"


@dataclass
class DossierInput:
    """A dossier as ingest and extraction left it."""

    dossier_id: int
    batch: str
    key: str
    season: int | None
    competition: str | None
    organization_bin: str | None = None
    organization_name: str | None = None
    organization_type: str | None = None
    district: str | None = None
    submitted_on: date | None = None
    received_on: date | None = None
    status: str = "ready"
    reason: str | None = None
    documents: list[Document] = field(default_factory=list)


@dataclass
class DossierResult:
    input: DossierInput
    participant_iin: str | None
    application: dict[str, Any]
    items: list[Finding]
    eligibility: list[Verdict]
    waiting: list[str]
    corrections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(f.status == "present" for f in self.items if f.item.startswith("1."))

    @property
    def full_name(self) -> str | None:
        return self.application.get("full_name")

    @property
    def application_read(self) -> bool:
        return application_read(self.waiting)


def applications(docs: list[Document]) -> list[Document]:
    return [d for d in docs if d.doc_type == "application"]


def identify(d: DossierInput) -> tuple[str | None, dict[str, Any], list[str]]:
    """The participant's IIN and application fields, and why the dossier waits for a person (empty: it does not).

    When no application gives a valid IIN the dossier waits with APPLICATION_UNREAD; the IIN extraction read on the
    identity document, when there is one, still names the participant (the report is filed under it)."""
    waiting: list[str] = [d.reason or Message("wait.ingest")] if d.status == "waiting" else []
    apps = applications(d.documents)
    if not apps:
        return _iin_from_identity(d), {}, waiting + [Message("wait.app_none")]
    iins = {str(a.fields.get("iin")) for a in apps if a.fields.get("iin")}
    if len(apps) > 1:
        why = "wait.apps_of_different_people" if len(iins) > 1 else "wait.apps_of_one_person"
        waiting.append(Message(why, n=len(apps), files=", ".join(a.file for a in apps)))
        if len(iins) > 1:
            return None, dict(apps[0].fields), waiting
    best = next((a for a in apps if a.fields.get("iin")), apps[0])
    fields = dict(best.fields)
    iin = str(fields.get("iin") or "")
    if not iin:
        return _iin_from_identity(d), fields, waiting + [Message("wait.app_no_iin", file=best.file)]
    if (problem := iin_problem(iin)) is not None:
        return _iin_from_identity(d), fields, waiting + [Message("wait.app_bad_iin", problem=problem, file=best.file)]
    if d.competition not in (TOY, GRANTS):
        waiting.append(Message("wait.competition_unknown"))
    return iin, fields, waiting


def application_read(waiting: list[str]) -> bool:
    return not any(w.startswith(APPLICATION_UNREAD) for w in waiting)


def _iin_from_identity(d: DossierInput) -> str | None:
    """The one valid IIN extraction read on the dossier's identity documents, or None."""
    found = {str(x.fields.get("iin")) for x in d.documents if x.doc_type == "id_copy" and x.fields.get("iin")}
    found = {i for i in found if iin_problem(i) is None}
    return found.pop() if len(found) == 1 else None


def evaluate(d: DossierInput, *, season: int, video_duration_s: tuple[int, int], video_min_size: tuple[int, int],
             title_repeat: str, grants_window: tuple[date, date], title_seasons: list[int],
             g3: Verdict | None, read_video_title: bool = True) -> DossierResult:
    """Check one dossier. `g3` is this dossier's G3 verdict, decided across the season's grants dossiers."""
    iin, fields, waiting = identify(d)
    known = iin if application_read(waiting) else None      # an IIN from the ID card is not compared with itself
    opts = Options(full_name=fields.get("full_name"), iin=known, video_duration_s=video_duration_s,
                   video_min_size=video_min_size, read_video_title=read_video_title)
    items = section1(d.documents, opts) + optional_items(d.documents)
    verdicts = rules(d, fields, season=season, title_repeat=title_repeat, grants_window=grants_window,
                     title_seasons=title_seasons, g3=g3)
    return DossierResult(d, iin, fields, items, verdicts, waiting)


def rules(d: DossierInput, fields: dict[str, Any], *, season: int, title_repeat: str,
          grants_window: tuple[date, date], title_seasons: list[int], g3: Verdict | None) -> list[Verdict]:
    """E1–E5 for Teacher of the Year, G2–G4 for grants (nothing when the competition is unknown)."""
    at, _ = el.measure_date(_date(fields.get("filled_date")), d.received_on)
    app_ref = next((Ref(a.file, 1) for a in applications(d.documents)), None)
    experience = as_int(fields.get("pedagogical_experience_months"))
    if d.competition == TOY:
        citizen, cit_ref = _citizen(d.documents)
        staff, staff_ref = _staff_months(d.documents, at)
        continuous, cont_ref = _continuous(d.documents)
        return [el.e1_citizen(citizen, cit_ref),
                el.e2_secondary_staff(d.organization_type, staff, staff_ref),
                el.e3_continuous_experience(continuous if continuous is not None else experience,
                                            cont_ref if continuous is not None else app_ref),
                el.e4_title_repeat(title_seasons, season, title_repeat),
                el.e5_documents({x.doc_type for x in d.documents},
                                tuple(Ref(x.file, 1) for x in d.documents if x.doc_type in el.E5_DOCUMENTS))]
    if d.competition == GRANTS:
        continuous, cont_ref = _continuous(d.documents)     # when the application's item 5 cannot be read
        work, work_ref = (experience, app_ref) if experience is not None else (continuous, cont_ref)
        return [el.g2_organization_and_experience(d.organization_type, work, work_ref),
                g3 or el.Verdict("G3", None, Message("elig.G3.others_unknown")),
                el.g4_portfolio_window(d.submitted_on or d.received_on, grants_window)]
    return []


def _citizen(docs: list[Document]) -> tuple[bool | None, Ref | None]:
    for doc in docs:
        if doc.doc_type == "id_copy":
            value, page = citizenship(doc)
            if value is not None:
                return value, Ref(doc.file, page)
    return None, None


def _staff_months(docs: list[Document], at: date | None) -> tuple[int | None, Ref | None]:
    for doc in docs:
        if doc.doc_type != "personnel_sheet":
            continue
        for page, text in enumerate(doc.text, 1):
            hired = el.date_after(text, el.HIRED_LABELS)
            if hired is not None and at is not None:
                return el.months_between(hired, at), Ref(doc.file, page)
    return None, None


def _continuous(docs: list[Document]) -> tuple[int | None, Ref | None]:
    for doc in docs:
        if doc.doc_type != "personnel_sheet":
            continue
        for page, text in enumerate(doc.text, 1):
            months = el.months_after(text, el.CONTINUOUS_LABELS)
            if months is not None:
                return months, Ref(doc.file, page)
    return None, None


def _date(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None


def as_int(v: Any) -> int | None:
    try:
        return int(v) if v is not None and v != "" else None
    except (TypeError, ValueError):
        return None


def g3_verdicts(inputs: list[tuple[DossierInput, str | None]]) -> dict[int, Verdict]:
    """G3 across the season's grants dossiers (rule A6), keyed by dossier id."""
    nominees = [el.Nominee(str(d.dossier_id), d.organization_bin, d.submitted_on or d.received_on)
                for d, iin in inputs if d.competition == GRANTS]
    return {int(k): v for k, v in el.g3_one_per_organization(nominees).items()}


def facts(r: DossierResult) -> dict[str, Any]:
    """The participant's facts for the `participants` table (rules E1–E3, G2), None where unread."""
    docs = r.input.documents
    at, _ = el.measure_date(_date(r.application.get("filled_date")), r.input.received_on)
    continuous, _ = _continuous(docs)
    experience = as_int(r.application.get("pedagogical_experience_months"))
    return {"citizen": _citizen(docs)[0], "staff_months_at_org": _staff_months(docs, at)[0],
            "continuous_pedagogical_months": continuous if continuous is not None else experience,
            "work_experience_months": experience if experience is not None else continuous}


def review_tasks(r: DossierResult) -> list[dict[str, Any]]:
    """What a person must do at the review station for this dossier: enter the IIN of an application that could not
    be read; compare with the application an identity document that could not be read surely (item 1.1); type a
    document the classifier was not sure of. Each task names the file and pages."""
    docs = r.input.documents
    tasks: list[dict[str, Any]] = []
    if not r.application_read:
        apps = applications(docs)
        target = apps[0] if apps else next((x for x in docs if x.doc_type == "unknown"), None)
        why = next(w for w in r.waiting if w.startswith(APPLICATION_UNREAD))
        tasks.append({"task": "enter_iin", "file": target.file if target else None,
                      "sha256": target.sha256 if target else None,
                      "pages": [target.first_page, target.first_page + max(target.pages, 1) - 1] if target else None,
                      "guess": None, "confidence": None, "reason": why})
    tasks += _compare_identity_tasks(r)
    for x in docs:
        if x.doc_type == "unknown":
            tasks.append({"task": "type_document", "file": x.file, "sha256": x.sha256,
                          "pages": [x.first_page, x.first_page + max(x.pages, 1) - 1], "guess": x.type_guess,
                          "confidence": x.type_confidence,
                          "reason": Message("task.type_unsure")})
    return tasks


def _compare_identity_tasks(r: DossierResult) -> list[dict[str, Any]]:
    """Item 1.1 left to a person (its note says the card could not be read surely): one task per identity document
    the finding rests on."""
    finding = next((f for f in r.items if f.item == "1.1"), None)
    why = next((n for n in finding.notes if n.startswith(IDENTITY_UNSURE)), None) if finding else None
    if finding is None or why is None:
        return []
    cards = [x for x in r.input.documents if x.doc_type == "id_copy"
             and any(ref.file == x.file and x.first_page <= (ref.page or x.first_page) < x.first_page + max(x.pages, 1)
                     for ref in finding.files)]
    return [{"task": "compare_identity", "file": x.file, "sha256": x.sha256,
             "pages": [x.first_page, x.first_page + max(x.pages, 1) - 1], "guess": None, "confidence": None,
             "reason": why} for x in cards]
