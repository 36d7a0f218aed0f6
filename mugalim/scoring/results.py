"""`results.json` of a stage (spec/data-layout.md): every contract key at every stage, written atomically.

Contract keys: season, competition, stage, advancing, prizes, grants, pending, rejected, invalid_sessions, ranking,
votes, bad_rows. Keys beyond them are additions (names, round scores, decisions applied, defaults, warnings). The
file holds no time of writing, so the same inputs give the same bytes.
"""
from __future__ import annotations

import json
import os
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from mugalim.scoring.stage import StageOutcome
from mugalim.season import SeasonSettings

DISPLAY = Decimal("0.001")


def display(x: Fraction) -> float:
    """An exact value rounded for display (3 decimals, half up): only here does rounding happen."""
    d = (Decimal(x.numerator) / Decimal(x.denominator)).quantize(DISPLAY, rounding=ROUND_HALF_UP)
    return float(d)


def results_dict(out: StageOutcome, ss: SeasonSettings, names: dict[str, str],
                 defaults: list[dict[str, str]]) -> dict[str, Any]:
    rounds: dict[str, dict[str, float]] = {}
    for r in sorted(out.rounds, key=lambda r: (r.participant_iin, r.round)):
        rounds.setdefault(r.participant_iin, {})[str(r.round)] = display(r.score)
    return {
        "season": out.season,
        "competition": out.competition,
        "stage": out.stage,
        "advancing": list(out.advancing),
        "prizes": dict(out.prizes) if out.stage == "city" else dict.fromkeys(out.prizes),
        "grants": list(out.grants),
        "pending": [p.as_json() for p in out.pending],
        "rejected": [r.as_json() for r in out.rejected],
        "invalid_sessions": [i.as_json() for i in out.invalid],
        "ranking": [{"unit": r.unit, "participant_iin": r.participant_iin, "total": display(r.total), "rank": r.rank,
                     "total_exact": f"{r.total.numerator}/{r.total.denominator}",
                     "rounds": rounds.get(r.participant_iin, {})} for r in out.ranking],
        "votes": {iin: v.counted for iin, v in out.votes.items()},
        "bad_rows": [b.as_json() for b in out.bad_rows],
        # additions
        "votes_report": {iin: v.as_json() for iin, v in out.votes.items()},
        "vote_points": dict(out.vote_points),
        "prize_payments_kzt": {"second": str(ss.prizes_kzt.second), "third": str(ss.prizes_kzt.third)},
        "grant_amount_kzt": str(ss.grant_kzt()) if out.stage == "grants" else None,
        "slots": out.slots,
        "eliminated_at_selection": sorted(out.eliminated),
        "undecided_units": {u: r for u, r in out.undecided.items()},
        "decisions_applied": [{"file": d.file, "row": d.row, "unit": d.unit, "decision": d.decision,
                               "participant_iin": d.participant_iin, "place": d.place}
                              for d in [*out.used, *out.released]],
        "defaults": defaults,
        "warnings": list(out.warnings),
        "names": {iin: names.get(iin) for iin in sorted(set(out.entrants) | {r.participant_iin for r in out.rejected})},
    }


def write_json_atomic(path: Path, data: dict[str, Any]) -> Path:
    """Write to a temporary file in the same folder, then rename over the target: never a half-written file. A file
    that already holds these bytes is left as it is (a re-run rewrites nothing)."""
    body = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if _holds(path, body):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def replace_atomic(path: Path, write: Any) -> Path:
    """Call `write(tmp_path)` to produce a file, then rename it over `path` (unless `path` already holds the same
    bytes: then it is left as it is, and so is its time of change)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        if _same_file(Path(tmp), path):
            Path(tmp).unlink()
        else:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _holds(path: Path, body: bytes) -> bool:
    try:
        return path.stat().st_size == len(body) and path.read_bytes() == body
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    import filecmp
    try:
        return b.is_file() and a.stat().st_size == b.stat().st_size and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


BAD_ROWS_COLUMNS = ("file", "row", "kind", "reason", "reason_en")


def write_bad_rows(path: Path, rows: list[dict[str, Any]]) -> Path:
    """`bad_rows.csv` beside a stage's protocol: every bad row of the stage (the protocol counts them by kind), for
    staff who open it in Excel: UTF-8 with a byte-order mark, CRLF line ends, each cell through `safe_row` (a reason
    quoting a cell that begins with `=` stays text). `kind` and `reason` are in the protocol's language; `reason_en`
    is the reason as results.json gives it. Written atomically; the same rows give the same bytes."""
    import csv

    from mugalim.cells import CSV_LINE_END, safe_row

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=BAD_ROWS_COLUMNS, lineterminator=CSV_LINE_END, extrasaction="ignore")
            w.writeheader()
            w.writerows(safe_row(r) for r in rows)
    return replace_atomic(path, write)
