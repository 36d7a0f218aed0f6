"""The short table `mugalim score` prints: who advances (or wins), who is pending and why. IINs are masked."""
from __future__ import annotations

import json
from pathlib import Path

from mugalim.identifiers import mask
from mugalim.scoring.counts import counts_line

PLACE_LABEL = {"grand_prix": "Grand Prix", "first": "I", "second": "II", "third": "III"}


def summary_lines(results_path: Path, *, limit: int = 40) -> list[str]:
    data = json.loads(Path(results_path).read_text(encoding="utf-8"))
    names = data.get("names", {})
    who = lambda iin: f"{mask(iin)}  {names.get(iin) or ''}".rstrip()  # noqa: E731
    lines = [f"== {data['competition']} / {data['stage']} (season {data['season']})"]
    rows: list[tuple[str, str]] = []
    if data["stage"] == "city":
        rows += [(PLACE_LABEL[p], who(i) if i else "— (pending)") for p, i in data["prizes"].items()]
    rows += [("advances", who(i)) for i in data["advancing"]] + [("grant", who(i)) for i in data["grants"]]
    rows += [("pending", f"{who(i)}  — {p['reason']}") for p in data["pending"] for i in p["participants"]]
    rows += [("rejected", f"{who(r['participant_iin'])}  — {r['rule']}: {r['reason']}") for r in data["rejected"]]
    shown = rows[:limit]
    lines += [f"  {k:<10} {v}" for k, v in shown]
    if len(rows) > limit:
        lines.append(f"  … {len(rows) - limit} more lines in {results_path}")
    lines.append(f"  {counts_line(data)}")
    return lines
