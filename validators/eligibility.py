"""Eligibility from a dossier: rules E1–E5 (Teacher of the Year) and G2–G4 (grants) of spec/rules.md.

Each rule is a pure function of plain values that returns a Verdict: ok True or False with the reason, or None when
the data to decide is missing — then a person decides; nothing is guessed. Experience is measured at the date of
rule A5: the day the application was filled in, or else the day the batch was received.

The decision itself (thresholds, organization types, windows, rule A6) is the scoring step's
`mugalim.scoring.eligibility`, so that one rule has one code for participants from scans and from a `participants`
file; this module adds what a dossier needs on top: None when a value could not be read, and the reasons people
read in the dossier report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mugalim.messages import Message
from mugalim.scoring import eligibility as rules
from validators.model import Ref, Verdict

SECONDARY = rules.TOY_ORG_TYPE
GRANT_ORG_TYPES = rules.GRANT_ORG_TYPES
E5_DOCUMENTS = ("application", "presentation", "lesson_plan", "class_hour_plan")


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (a month counts once its day is reached)."""
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def measure_date(filled_date: date | None, received_on: date | None) -> tuple[date | None, str]:
    """Rule A5: the date experience is measured at, and which one it is."""
    if filled_date is not None:
        return filled_date, "the day the application was filled in"
    if received_on is not None:
        return received_on, "the day the batch was received"
    return None, "no date"


def e1_citizen(citizen: bool | None, ref: Ref | None = None) -> Verdict:
    """E1 (cl. 6): the participant is a citizen of the Republic of Kazakhstan (read from the identity document)."""
    refs = (ref,) if ref else ()
    if citizen is None:
        return Verdict("E1", None, Message("elig.E1.unknown"), refs)
    if rules.e1_citizen(citizen) is None:
        return Verdict("E1", True, Message("elig.E1.ok"), refs)
    return Verdict("E1", False, Message("elig.E1.not"), refs)


def e2_secondary_staff(org_type: str | None, staff_months: int | None, ref: Ref | None = None) -> Verdict:
    """E2 (cl. 4, 6.1): a staff teacher of a secondary organization, at least 36 months on its staff."""
    refs = (ref,) if ref else ()
    if org_type is None:
        return Verdict("E2", None, Message("elig.E2.org_unknown"), refs)
    if org_type != SECONDARY:
        return Verdict("E2", False, Message("elig.E2.not_secondary", org_type=org_word(org_type)), refs)
    if staff_months is None:
        return Verdict("E2", None, Message("elig.E2.hired_unknown"), refs)
    if rules.e2_staff_teacher(org_type, staff_months) is not None:
        return Verdict("E2", False, Message("elig.E2.short", months=staff_months, need=rules.E2_STAFF_MONTHS), refs)
    return Verdict("E2", True, Message("elig.E2.ok", months=staff_months), refs)


def e3_continuous_experience(months: int | None, ref: Ref | None = None) -> Verdict:
    """E3 (cl. 6.2): at least 60 months of uninterrupted pedagogical experience when the documents are submitted."""
    refs = (ref,) if ref else ()
    if months is None:
        return Verdict("E3", None, Message("elig.E3.unknown"), refs)
    if rules.e3_continuous_experience(months) is not None:
        return Verdict("E3", False, Message("elig.E3.short", months=months, need=rules.E3_CONTINUOUS_MONTHS), refs)
    return Verdict("E3", True, Message("elig.E3.ok", months=months), refs)


def e4_title_repeat(title_seasons: Iterable[int], season: int, policy: str) -> Verdict:
    """E4 (cl. 5): the title once in five years. `policy` may_compete: they take part (places I–III only);
    exclude: they are excluded at registration (season setting `title_repeat`)."""
    if rules.e4_title_holder(season, title_seasons) is None:
        return Verdict("E4", True, Message("elig.E4.ok"))
    recent = sorted(s for s in title_seasons if s < season)
    if policy == "exclude":
        return Verdict("E4", False, Message("elig.E4.excluded", year=recent[-1]))
    return Verdict("E4", True, Message("elig.E4.may_compete", year=recent[-1]))


def e5_documents(present_types: Iterable[str], refs: tuple[Ref, ...] = ()) -> Verdict:
    """E5 (cl. 12): the application, the presentation, the lesson plan and the class-hour plan, with the portfolio."""
    have = set(present_types)
    missing = [t for t in E5_DOCUMENTS if t not in have]
    if missing:
        return Verdict("E5", False, Message("elig.E5.missing", docs=[Message(f"doctype.{t}") for t in missing]), refs)
    return Verdict("E5", True, Message("elig.E5.ok"), refs)


def g2_organization_and_experience(org_type: str | None, months: int | None, ref: Ref | None = None) -> Verdict:
    """G2 (cl. 19): a preschool, secondary, additional or TVET organization, and at least 60 months of work."""
    refs = (ref,) if ref else ()
    if org_type is None:
        return Verdict("G2", None, Message("elig.G2.org_unknown"), refs)
    if org_type not in GRANT_ORG_TYPES:
        return Verdict("G2", False, Message("elig.G2.not_eligible", org_type=org_word(org_type)), refs)
    if months is None:
        return Verdict("G2", None, Message("elig.G2.exp_unknown"), refs)
    if rules.g2_grant_eligible(org_type, months) is not None:
        return Verdict("G2", False, Message("elig.G2.short", months=months, need=rules.G2_EXPERIENCE_MONTHS), refs)
    return Verdict("G2", True, Message("elig.G2.ok", org_type=org_word(org_type), months=months), refs)


def org_word(org_type: str) -> str:
    """An organization type as people say it (`secondary` → "жалпы орта білім беру ұйымы"); an unknown one as is."""
    return Message(f"orgtype.{org_type}") if org_type in ("preschool", "secondary", "additional", "tvet") else org_type


@dataclass(frozen=True)
class Nominee:
    key: str                     # the dossier's identity (its id, or the IIN)
    organization_bin: str | None
    submitted_on: date | None


def g3_one_per_organization(nominees: list[Nominee]) -> dict[str, Verdict]:
    """G3 (cl. 20) with rule A6, decided by `mugalim.scoring.eligibility.g3_one_nominee_per_org`: the earlier
    submission is kept, the later ones are rejected, two on the same earliest day are pending the Department."""
    outcome = rules.g3_one_nominee_per_org(rules.Nominee(n.key, n.organization_bin, n.submitted_on)
                                           for n in nominees)
    pending = {k for group in outcome.undecided for k in group}
    counts: dict[str, int] = {}
    for n in nominees:
        if n.organization_bin:
            counts[n.organization_bin] = counts.get(n.organization_bin, 0) + 1
    out: dict[str, Verdict] = {}
    for n in nominees:
        if n.organization_bin is None:
            out[n.key] = Verdict("G3", None, Message("elig.G3.org_unknown"))
        elif n.key in outcome.rejected:
            first = min((m.submitted_on for m in nominees if m.organization_bin == n.organization_bin
                         and m.submitted_on), default=None)
            out[n.key] = Verdict("G3", False, Message("elig.G3.later", date=first))
        elif n.key in pending:
            out[n.key] = Verdict("G3", None, Message("elig.G3.same_day", date=n.submitted_on))
        elif counts[n.organization_bin] == 1:
            out[n.key] = Verdict("G3", True, Message("elig.G3.only"))
        else:
            out[n.key] = Verdict("G3", True, Message("elig.G3.earlier"))
    return out


def g4_portfolio_window(received_on: date | None, window: tuple[date, date], ref: Ref | None = None) -> Verdict:
    """G4 (cl. 21): the portfolio reaches the grant commission between 10 and 30 April (the season's window)."""
    refs = (ref,) if ref else ()
    if received_on is None:
        return Verdict("G4", None, Message("elig.G4.unknown"), refs)
    if rules.g4_portfolio_window(received_on, window) is None:
        return Verdict("G4", True, Message("elig.G4.inside", date=received_on, start=window[0], end=window[1]), refs)
    return Verdict("G4", False, Message("elig.G4.outside", date=received_on, start=window[0], end=window[1]), refs)


# --- facts read from the documents ----------------------------------------------------------------------------------

_DATE = r"(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2})"
HIRED_LABELS = ("қабылданған күні", "жұмысқа қабылданған", "дата приема", "дата приёма", "принят на работу",
                "принята на работу")
CONTINUOUS_LABELS = ("үздіксіз педагогикалық өтілі", "непрерывный педагогический стаж")


def _parse_date(m: re.Match[str]) -> date | None:
    try:
        if m.group(1):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None


def date_after(text: str, labels: Iterable[str]) -> date | None:
    """The first date written after one of `labels` on the same line."""
    for line in text.splitlines():
        low = line.casefold()
        for label in labels:
            i = low.find(label)
            if i >= 0 and (m := re.search(_DATE, line[i:])):
                return _parse_date(m)
    return None


_YEARS = re.compile(r"(\d{1,2})\s*(?:жыл|лет|год|года|г\.)(?:\s*(\d{1,2})\s*(?:ай|мес))?", re.IGNORECASE)


def months_after(text: str, labels: Iterable[str]) -> int | None:
    """Experience written after one of `labels` (`12 жыл 3 ай`, `5 лет 11 мес.`) in months."""
    for line in text.splitlines():
        low = line.casefold()
        for label in labels:
            i = low.find(label)
            if i >= 0 and (m := _YEARS.search(line[i + len(label):])):
                return int(m.group(1)) * 12 + int(m.group(2) or 0)
    return None
