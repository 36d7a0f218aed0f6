"""The plain inputs and outputs of the dossier checks: no database, no files opened here.

A `Document` is what extraction left for one file of a dossier (its type, its text per page, its fields); the checks
read the file itself only where the content has to be measured (video streams, the essay's fonts).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mugalim.messages import Message

Status = Literal["present", "missing", "failed"]


@dataclass(frozen=True)
class Document:
    file: str                                   # as people know it: the batch-relative path
    doc_type: str
    pages: int = 1
    text: tuple[str, ...] = ()                  # per page
    fields: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None                    # the archived file, for measurements
    sha256: str | None = None
    language: str | None = None
    first_page: int = 1                         # where this document starts inside its file (a dossier in one PDF)
    type_confidence: float | None = None        # how sure the typing by content is (None: not measured)
    type_guess: str | None = None               # the best type when it was not sure enough (doc_type is `unknown`)

    @property
    def whole_file(self) -> bool:
        return self.first_page == 1 and self.pages == len(self.text) or not self.text

    def page_of(self, needle: str) -> int | None:
        """The first page (1-based) whose text holds `needle`, case-insensitively."""
        low = needle.casefold()
        for i, t in enumerate(self.text, 1):
            if low in t.casefold():
                return i
        return None


@dataclass(frozen=True)
class Ref:
    file: str
    page: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "page": self.page}


@dataclass
class Finding:
    """One item of the checklist: present, missing or failed, with the reason and the files it rests on."""

    item: str
    status: Status
    reason: str | None = None
    files: list[Ref] = field(default_factory=list)
    level: str | None = None                    # city | republic | international (sections 2–4)
    notes: list[str] = field(default_factory=list)   # what was checked and passed, or could not be checked

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"item": self.item, "status": self.status, "reason": self.reason,
                             "files": [r.as_dict() for r in self.files]}
        if self.level is not None or not self.item.startswith("1."):
            d["level"] = self.level
        if self.notes:
            d["notes"] = list(self.notes)
        return d


@dataclass(frozen=True)
class Verdict:
    """An eligibility rule's outcome: ok True / False, or None when the data to decide is missing. `reason` is a
    message of the catalog (`mugalim.messages`): English as text, and said in Kazakh or Russian where people read
    it; `as_dict` adds its id and parameters (`reason_code`, `reason_params`) so that a page reading the stored
    JSON later says it in the season's language."""

    rule: str
    ok: bool | None
    reason: str
    files: tuple[Ref, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        d = {"rule": self.rule, "ok": self.ok, "reason": self.reason, "files": [r.as_dict() for r in self.files]}
        if isinstance(self.reason, Message):
            coded = self.reason.to_dict()
            d.update(reason_code=coded["id"], reason_params=coded["params"])
        return d


@dataclass(frozen=True)
class Check:
    """The outcome of one measurement: `problems` fail the item; `notes` are said but do not fail it."""

    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    page: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems
