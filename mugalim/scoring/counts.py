"""The counts of a stage's outcome, from its results.json body: the one source the console line, the table and the
protocol read, so that they agree. Every outcome is named: advancing, places, grants, pending (people, each once),
units waiting (A9), rejected, invalid sessions, bad rows."""
from __future__ import annotations

from typing import Any

from mugalim.messages import word

ORDER = ("advancing", "places", "grants", "pending", "waiting_units", "rejected", "invalid_sessions", "bad_rows")
WORDS = {"advancing": "advancing", "places": "place(s) awarded", "grants": "grant(s)", "pending": "pending",
         "waiting_units": "unit(s) waiting (A9)", "rejected": "rejected", "invalid_sessions": "invalid session(s)",
         "bad_rows": "bad row(s)"}


def outcome_counts(data: dict[str, Any]) -> dict[str, int]:
    """Named counts of one stage's results."""
    pending = {i for p in data.get("pending") or [] for i in p.get("participants") or []}
    return {
        "advancing": len(data.get("advancing") or []),
        "places": sum(1 for v in (data.get("prizes") or {}).values() if v),
        "grants": len(data.get("grants") or []),
        "pending": len(pending),
        "waiting_units": sum(1 for p in data.get("pending") or [] if p.get("waiting_for")),
        "rejected": len(data.get("rejected") or []),
        "invalid_sessions": len(data.get("invalid_sessions") or []),
        "bad_rows": len(data.get("bad_rows") or []),
    }


def counts_line(data: dict[str, Any], lang: str = "en", *, counts: dict[str, int] | None = None) -> str:
    """`27 advancing, 2 pending, 1 rejected, …`: the outcomes that apply to the stage (places at the city, grants at
    the grants stage, advancing before the city), then every other count; in `lang` (`kk`, `ru`: the message
    catalog's `count.*`; English for the log). `counts`: `outcome_counts(data)`, counted before."""
    c = counts if counts is not None else outcome_counts(data)
    stage = data.get("stage")
    main = {"city": "places", "grants": "grants"}.get(str(stage), "advancing")
    keys = [main] + [k for k in ORDER if k not in ("advancing", "places", "grants")]
    if lang == "en":
        return ", ".join(f"{c[k]} {WORDS[k]}" for k in keys)
    return ", ".join(word(f"count.{k}", lang, n=c[k]) for k in keys)


def summary_data(data: dict[str, Any]) -> dict[str, Any]:
    """What `table.summary_lines` reads of a results.json body: the people it lists, their names, the counts. Kept
    with the stage's run record (`rerun`), so that a re-run prints its table without decoding a results.json of many
    megabytes (18 MB for a school stage ten times a city season's size). The places as pairs: the record is stored
    with its keys sorted, the places keep their order."""
    pending = [{"reason": p["reason"], "participants": list(p["participants"])} for p in data["pending"]]
    rejected = [{"participant_iin": r["participant_iin"], "rule": r["rule"], "reason": r["reason"]}
                for r in data["rejected"]]
    shown = ({i for i in data["prizes"].values() if i} | set(data["advancing"]) | set(data["grants"])
             | {i for p in pending for i in p["participants"]} | {r["participant_iin"] for r in rejected})
    names = data.get("names", {})
    return {"season": data["season"], "competition": data["competition"], "stage": data["stage"],
            "prizes": [[p, i] for p, i in data["prizes"].items()], "advancing": list(data["advancing"]),
            "grants": list(data["grants"]), "pending": pending, "rejected": rejected,
            "names": {i: names[i] for i in sorted(shown) if i in names}, "counts": outcome_counts(data)}
