"""A trace is a list of links; each link names what it is, the facts it carries, the sources it rests on (file and
row, or file and page and box, and SHA-256), and — when the chain is broken there — the problem."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from mugalim.trace.words import STEPS as STEP_NAMES, say

#: Each link's name in Kazakh and Russian (the trace's words: `mugalim.trace.words`), for logs and problems.
STEPS = {step: say(pair) for step, pair in STEP_NAMES.items()}


@dataclass
class Source:
    file: str
    row: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    sha256: str | None = None
    document_id: int | None = None     # the registered document, for links to its page/crop


@dataclass
class Link:
    step: str                          # a key of STEPS
    title: str
    facts: dict[str, Any] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    problem: str | None = None         # the chain is broken here, and why

    @property
    def label(self) -> str:
        return STEPS.get(self.step, self.step)


@dataclass
class Trace:
    subject: str                        # what was traced, fit for a log line (no IIN in clear)
    season: int | None = None
    competition: str | None = None
    participant_iin: str | None = None
    links: list[Link] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [f"{link.label}: {link.problem}" for link in self.links if link.problem]

    @property
    def complete(self) -> bool:
        return not self.problems

    def add(self, link: Link) -> Link:
        self.links.append(link)
        return link

    def steps(self) -> list[str]:
        return list(dict.fromkeys(link.step for link in self.links))

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "season": self.season, "competition": self.competition,
                "participant_iin": self.participant_iin, "complete": self.complete, "problems": self.problems,
                "links": [asdict(link) for link in self.links]}
