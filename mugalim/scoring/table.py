"""The short table `mugalim score` prints: who advances (or wins), who is pending and why. IINs are masked. In
`lang` (the season's language, from the command; English by default, as the log says it): the labels from the
message catalog, the reasons (results.json keeps them in English) by the protocol's words."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mugalim.identifiers import mask
from mugalim.messages import CATALOG, word
from mugalim.scoring.counts import counts_line
from mugalim.scoring.protocol_text import localize

PLACE_LABEL = {"grand_prix": "Grand Prix", "first": "I", "second": "II", "third": "III"}


def summary_lines(results_path: Path, *, limit: int = 40, lang: str = "en",
                  summary: dict[str, Any] | None = None) -> list[str]:
    """The table for a stage's results.json (or for its `counts.summary_data`, given as `summary`: the file is not
    read)."""
    data = summary if summary is not None else json.loads(Path(results_path).read_text(encoding="utf-8"))
    names = data.get("names", {})
    who = lambda iin: f"{mask(iin)}  {names.get(iin) or ''}".rstrip()  # noqa: E731
    say = lambda key: word(key, lang)  # noqa: E731
    lines = [word("cli.score.head", lang, competition=_named("competition", data["competition"], lang),
                  stage=_named("stage", data["stage"], lang), season=data["season"])]
    rows: list[tuple[str, str]] = []
    if data["stage"] == "city":
        rows += [(_named("place", p, lang), who(i) if i else say("cli.score.nobody_yet"))
                 for p, i in (data["prizes"].items() if isinstance(data["prizes"], dict) else data["prizes"])]
    rows += [(say("cli.score.advances"), who(i)) for i in data["advancing"]]
    rows += [(say("cli.score.grant"), who(i)) for i in data["grants"]]
    rows += [(say("cli.score.pending"), f"{who(i)}  — {localize(p['reason'], lang)}")
             for p in data["pending"] for i in p["participants"]]
    rows += [(say("cli.score.rejected"), f"{who(r['participant_iin'])}  — {r['rule']}: {localize(r['reason'], lang)}")
             for r in data["rejected"]]
    shown = rows[:limit]
    width = max([10] + [len(k) for k, _ in shown])
    lines += [f"  {k:<{width}} {v}" for k, v in shown]
    if len(rows) > limit:
        lines.append("  " + word("cli.score.more", lang, n=len(rows) - limit, path=results_path))
    lines.append(f"  {counts_line(data, lang, counts=data.get('counts') if summary is not None else None)}")
    return lines


def _named(kind: str, code: str, lang: str) -> str:
    """A competition, stage or place as people say it (the catalog's `competition.*`, `stage.*`, `place.*`)."""
    return word(f"{kind}.{code}", lang) if f"{kind}.{code}" in CATALOG else code
