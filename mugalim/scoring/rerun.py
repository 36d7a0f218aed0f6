"""Re-running a stage over unchanged inputs: nothing is decided, drawn or written again (issue 15).

A run's *inputs digest* is the SHA-256 of everything a stage's outputs depend on: the files loaded from
`inbox/scores/` (names and SHA-256, as `load_inbox` keeps them), the season's participants as the database holds them
(the dossier step writes some), the dossier checks' rejections, the season's settings as parsed; with it, the code
that decides and draws (`STAGE_CODE`, the libraries' versions) makes a stage's key, and the audit's code
(`AUDIT_CODE`) the audit's. The database keeps, for each stage, what its last run was made from and wrote
(`scoring_runs`, written with the stage's outputs): the key, whether the reports were made, the SHA-256 of every
output (results.json, protocol.pdf, bad_rows.csv, the charts), the stage's counts, and — for the school and district
stages — the little the next stage needs of the outcome (who is in which unit, who goes on, which units are
undecided, waiting or tied, which `proceed_without` rows were kept: its *feed*).

A stage whose record has the same key and whose outputs are all there, byte for byte, is not run again. A later stage
run on its own takes the previous stage's feed from its record instead of deciding the previous stage again (the
feed is the previous stage's outcome as `prepare.toy_input` reads it; the key ties it to the same inputs). The score
sheets' audit keeps such a record too: it covers the whole season, so it runs once per change of the inputs, not
once per stage. Nothing of this is in the outbox: staff see only the outputs.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from mugalim import REPO_ROOT
from mugalim.db import query
from mugalim.hashing import sha256_file
from mugalim.scoring.model import Decision, Feeder, Pending
from mugalim.scoring.stage import StageOutcome
from mugalim.season import SeasonSettings

log = logging.getLogger(__name__)

FORMAT = 1
PARTICIPANT_COLUMNS = ("season", "competition", "participant_iin", "full_name", "organization_bin",
                       "organization_name", "organization_type", "district", "citizen", "staff_months_at_org",
                       "continuous_pedagogical_months", "work_experience_months", "submitted_on", "source",
                       "source_ref", "dossier_id")


# --- the digest ---------------------------------------------------------------------------------------------------

# The code a stage's outputs depend on (the scoring package, the helpers it draws with, the SQL), and the code of
# the score sheets' audit (its suite, its page, the query that reads the rows), each with the libraries' versions.
STAGE_CODE = ("mugalim/scoring", "mugalim/season.py", "mugalim/text.py", "mugalim/pdfmarkup.py",
              "mugalim/identifiers.py", "mugalim/cells.py", "mugalim/db.py", "sql/queries/scoring_*.sql",
              "sql/queries/dossier_rejections.sql")
STAGE_LIBRARIES = ("reportlab", "rl_accel", "matplotlib", "pillow", "SQLAlchemy")
AUDIT_CODE = ("validators/quality", "mugalim/scoring/quality.py", "mugalim/identifiers.py",
              "sql/migrations/versions/scoring_0006.py", "sql/queries/scoring_audit_stage.sql")
AUDIT_LIBRARIES = ("great_expectations", "pandas", "numpy", "SQLAlchemy")


@lru_cache(maxsize=4)
def code_digest(names: tuple[str, ...] = STAGE_CODE, libraries: tuple[str, ...] = STAGE_LIBRARIES) -> str:
    """The code of `names` (files, or folders of .py and .sql files) and the versions of `libraries`."""
    h = hashlib.sha256()
    for name in names:
        root = REPO_ROOT / name
        if "*" in name:
            files = sorted(REPO_ROOT.glob(name))
        else:
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in (".py", ".sql"))
        for path in files:
            if path.name == "quality.py" and path.parent.name == "scoring" and names == STAGE_CODE:
                continue                          # the audit's, not the stage's
            h.update(f"{path.relative_to(REPO_ROOT).as_posix()}\0".encode())
            h.update(path.read_bytes())
    for lib in libraries:
        try:
            version = importlib.metadata.version(lib)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}={version}\0".encode())
    return h.hexdigest()


def inputs_digest(conn: Connection, ss: SeasonSettings) -> str:
    """The SHA-256 of a season's inputs as loaded (see the module's docstring), without the code."""
    h = hashlib.sha256(f"mugalim-score-{FORMAT}\0".encode())
    h.update(ss.model_dump_json().encode())
    rows = [conn.execute(text("SELECT name, sha256, kind, rows, bad FROM scoring_files ORDER BY name")),
            conn.execute(text(f"SELECT {', '.join(PARTICIPANT_COLUMNS)} FROM participants WHERE season = :s "
                              "ORDER BY competition, participant_iin, source, source_ref"), {"s": ss.season}),
            conn.execute(query("dossier_rejections"), {"season": ss.season})]
    for result in rows:
        h.update(b"\1")
        for r in result:
            h.update(repr(tuple(r)).encode())
            h.update(b"\0")
    return h.hexdigest()


def stage_key(inputs: str) -> str:
    """What a stage's outputs depend on: the inputs and the stage's code."""
    return hashlib.sha256(f"{inputs}\0{code_digest()}".encode()).hexdigest()


def audit_key(inputs: str) -> str:
    """What the score sheets' audit depends on: the inputs and the audit's code."""
    return hashlib.sha256(f"{inputs}\0{code_digest(AUDIT_CODE, AUDIT_LIBRARIES)}".encode()).hexdigest()


# --- a stage's record ---------------------------------------------------------------------------------------------

AUDIT = ("score_sheets", "audit")


def output_hashes(folder: Path, paths: list[Path]) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(set(paths))}


def read_run(conn: Connection, season: int, competition: str, stage: str) -> dict[str, Any] | None:
    r = conn.execute(text("SELECT inputs, reports, outputs, result, feed FROM scoring_runs WHERE season = :season "
                          "AND competition = :competition AND stage = :stage"),
                     {"season": season, "competition": competition, "stage": stage}).first()
    if r is None:
        return None
    try:
        return {"inputs": r.inputs, "reports": bool(r.reports), "outputs": json.loads(r.outputs),
                "result": json.loads(r.result), "feed": json.loads(r.feed) if r.feed else None}
    except ValueError:
        return None


def forget(conn: Connection, season: int, competition: str, stage: str) -> None:
    """Before a stage's outputs are rewritten: its record no longer vouches for them."""
    conn.execute(text("DELETE FROM scoring_runs WHERE season = :season AND competition = :competition "
                      "AND stage = :stage"), {"season": season, "competition": competition, "stage": stage})


def write_run(conn: Connection, season: int, competition: str, stage: str, key: str, *, reports: bool,
              outputs: dict[str, str], result: dict[str, Any], feed: dict[str, Any] | None) -> None:
    forget(conn, season, competition, stage)
    conn.execute(text("INSERT INTO scoring_runs (season, competition, stage, inputs, reports, outputs, result, feed) "
                      "VALUES (:season, :competition, :stage, :inputs, :reports, :outputs, :result, :feed)"),
                 {"season": season, "competition": competition, "stage": stage, "inputs": key, "reports": reports,
                  "outputs": json.dumps(outputs, sort_keys=True), "result": json.dumps(result, sort_keys=True),
                  "feed": json.dumps(feed, ensure_ascii=False, separators=(",", ":")) if feed else None})


def unchanged(conn: Connection, folder: Path, season: int, competition: str, stage: str, key: str, *,
              reports: bool) -> dict[str, Any] | None:
    """The record of a stage whose outputs need not be written again (same key, every output as it was written)."""
    m = read_run(conn, season, competition, stage)
    if m is None or m["inputs"] != key or (reports and not m["reports"]) or not m["outputs"]:
        return None
    for rel, sha in m["outputs"].items():
        path = folder / rel
        if not path.is_file() or sha256_file(path) != sha:
            log.info("%s: %s is not as the last run wrote it: the stage is written again", folder, rel)
            return None
    return m


def cached_feed(conn: Connection, season: int, stage: str, key: str) -> StageOutcome | None:
    """The feed of a Teacher of the Year stage, if its last run was made from the same inputs and code."""
    m = read_run(conn, season, "teacher_of_year", stage)
    if m is None or m["inputs"] != key or not m["feed"]:
        return None
    return decode_feed(m["feed"])


# --- a stage's feed: what the next stage reads of it (`prepare.toy_input`, `feeding.a9_waiting`) -----------------

def encode_feed(out: StageOutcome) -> dict[str, Any]:
    return {"season": out.season, "competition": out.competition, "stage": out.stage,
            "entrants": dict(sorted(out.entrants.items())), "advancing": list(out.advancing),
            "undecided": {u: list(r) for u, r in out.undecided.items()},
            "waiting": {u: [[f.stage, f.unit] for f in fs] for u, fs in out.waiting.items()},
            "pending": [[p.reason, list(p.participants), p.rule, p.unit, [[f.stage, f.unit] for f in p.waiting_for]]
                        for p in out.pending],
            "released": [[d.file, d.row, d.unit, d.decision, d.participant_iin, d.place] for d in out.released]}


def decode_feed(d: dict[str, Any]) -> StageOutcome:
    return StageOutcome(
        int(d["season"]), str(d["competition"]), str(d["stage"]), {str(k): str(v) for k, v in d["entrants"].items()},
        advancing=[str(i) for i in d["advancing"]],
        undecided={str(u): [str(x) for x in r] for u, r in d["undecided"].items()},
        waiting={str(u): [Feeder(str(s), str(n)) for s, n in fs] for u, fs in d["waiting"].items()},
        pending=[Pending(str(reason), tuple(map(str, who)), str(rule), unit, tuple(Feeder(s, n) for s, n in wf))
                 for reason, who, rule, unit, wf in d["pending"]],
        released=[Decision(str(f), int(r), str(u), str(dec), str(i), p) for f, r, u, dec, i, p in d["released"]])


# --- the season's audit -------------------------------------------------------------------------------------------

def inbox_signature(folder: Path) -> list[list[Any]]:
    """The inbox's files by name, size and time of change: a guess, before loading, that nothing changed."""
    if not folder.is_dir():
        return []
    return [[p.name, st.st_size, st.st_mtime_ns] for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".") for st in [p.stat()]]


def audit_likely_unchanged(conn: Connection, season: int, inbox: Path) -> bool:
    """Before loading: the audit ran on these very inbox files (`audit_unchanged` decides once they are loaded)."""
    m = read_run(conn, season, *AUDIT)
    return m is not None and m["result"].get("inbox") == inbox_signature(inbox)


def audit_unchanged(conn: Connection, season: int, docs_dir: Path, key: str) -> bool:
    """The score sheets' audit ran on these inputs and its Data Docs are as it wrote them."""
    m = read_run(conn, season, *AUDIT)
    return m is not None and m["inputs"] == key and bool(m["outputs"]) and m["outputs"] == _folder_hashes(docs_dir)


def write_audit_run(conn: Connection, season: int, docs_dir: Path, key: str, summary: dict[str, Any],
                    inbox: Path) -> None:
    write_run(conn, season, *AUDIT, key, reports=True, outputs=_folder_hashes(docs_dir),
              result={"summary": summary, "inbox": inbox_signature(inbox)}, feed=None)


def _folder_hashes(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return output_hashes(folder, [p for p in folder.rglob("*") if p.is_file()])
