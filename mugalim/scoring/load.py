"""Loading `inbox/scores/` into the database, idempotently.

The database mirrors the folder: a file already loaded with the same SHA-256 is skipped; a file whose content
changed has its rows replaced; a file that left the folder has its rows removed. The same content under a second
name is reported whole and not loaded twice (it would turn every score into a duplicate). `participants` files are
upserted into the shared `participants` table on (season, competition, participant_iin).

Votes are stored with each voter's phone hash keyed by the installation's `phone` key (`mugalim.keys`), and each votes
file's entry records the fingerprint of the key it was loaded under (`key_fingerprint`: an HMAC of a fixed label,
never the key). A phone is one phone only under one key: when the key is lost or replaced, the votes already stored
and the votes loaded now would be two phones for one (issue 16). So a load under a key whose fingerprint differs from
that of a votes file still in the folder is refused whole (`PhoneKeyChanged`, naming the files and their seasons),
and counting refuses a season whose votes carry more than one fingerprint (`mugalim.scoring.votes`).
"""
from __future__ import annotations

import gc
import hashlib
import hmac
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import add
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, text

from mugalim.db import query
from mugalim.errors import ConfigError
from mugalim.scoring.sheets import BadRow, Sheet, stream_sheet
from mugalim.hashing import sha256_file as sha256_of

log = logging.getLogger(__name__)

TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "scores": ("scoring_scores", ("season", "competition", "stage", "unit", "round", "participant_iin", "member_id",
                                  "score_milli")),
    "attendance": ("scoring_attendance", ("season", "competition", "stage", "unit", "round", "member_id", "role",
                                          "present", "held_on", "place")),
    "votes": ("scoring_votes", ("season", "participant_iin", "phone_sha256", "received_us")),
    "presentations": ("scoring_presentations", ("season", "participant_iin", "end_us")),
    "decisions": ("scoring_decisions", ("season", "competition", "stage", "unit", "decision", "participant_iin",
                                        "place")),
    "history": ("scoring_history", ("season", "competition", "award", "participant_iin")),
    "commissions": ("scoring_commissions", ("season", "competition", "stage", "unit", "member_id", "full_name",
                                            "position")),
}
PARTICIPANT_COLS = ("season", "competition", "participant_iin", "full_name", "organization_bin", "organization_name",
                    "organization_type", "district", "citizen", "staff_months_at_org", "continuous_pedagogical_months",
                    "work_experience_months", "submitted_on")


FINGERPRINT_LABEL = b"mugalim phone key fingerprint v1"


class PhoneKeyChanged(ConfigError):
    """Votes stored under one phone key, and a load (or a count) under another."""


def key_fingerprint(key: bytes) -> str:
    """What identifies the phone key in the database: HMAC-SHA256(key, a fixed label), 16 hex digits. It tells two
    keys apart and says nothing of the key (nor of any phone)."""
    return hmac.new(key, FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class LoadReport:
    loaded: tuple[str, ...]      # files (re)loaded in this run
    unchanged: tuple[str, ...]   # files already loaded with the same content
    removed: tuple[str, ...]     # files no longer in the folder, whose rows were removed


def load_inbox(engine: Engine, folder: Path, *, phone_key: bytes = b"") -> LoadReport:
    """Bring the database in line with the files of `folder` (see the module's docstring). Voters' phone hashes are
    stored keyed with `phone_key` (equal phones stay equal, but the stored hash cannot be reversed by trying every
    10-digit number)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
    fingerprint = key_fingerprint(phone_key)
    with engine.begin() as conn:
        known = dict(conn.execute(text("SELECT name, sha256 FROM scoring_files")).all())
        _refuse_other_key(conn, fingerprint, {p.name for p in files})
    loaded, unchanged, seen_sha = [], [], {}
    with _no_cycle_collection():
        for path in files:
            sha = sha256_of(path)
            if sha in seen_sha:
                _replace(engine, path.name, sha, Sheet(path.name, None, bad=[
                    BadRow(path.name, None, f"same content as {seen_sha[sha]}: not loaded twice")]), iter(()))
                loaded.append(path.name)
                continue
            seen_sha[sha] = path.name
            if known.get(path.name) == sha:
                unchanged.append(path.name)
                continue
            _replace(engine, path.name, sha, *stream_sheet(path), phone_key=phone_key, fingerprint=fingerprint,
                     coming=_lines(path))
            loaded.append(path.name)
    removed = sorted(set(known) - {p.name for p in files})
    for name in removed:
        with engine.begin() as conn:
            _delete_file(conn, name)
    if loaded or removed:
        analyze(engine, ("scoring_scores", "scoring_attendance", "scoring_votes", "participants"))
    return LoadReport(tuple(loaded), tuple(unchanged), tuple(removed))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector held off while a load makes millions of tuples and strings that hold no cycles: it
    would otherwise walk them again and again as they pile up (a fifth of the time of typing a city's score sheet)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _refuse_other_key(conn: Connection, fingerprint: str, present: set[str]) -> None:
    """PhoneKeyChanged, before anything is written, when a votes file still in the folder was loaded under a key
    other than the current one (a file that left the folder is removed with its votes: it counts no more)."""
    stale = [(name, fp) for name, fp in conn.execute(text(
        "SELECT name, key_fp FROM scoring_files WHERE kind = 'votes' ORDER BY name")) if name in present
        and fp != fingerprint]
    if not stale:
        return
    seasons = sorted({s for (s,) in conn.execute(text(
        "SELECT DISTINCT season FROM scoring_votes WHERE file IN :names").bindparams(
        sa.bindparam("names", expanding=True)), {"names": [n for n, _ in stale]})})
    raise PhoneKeyChanged(
        ", ".join(f"{n} (key {fp or 'unknown'})" for n, fp in stale)
        + f": votes of season {', '.join(map(str, seasons)) or '-'} were stored under another phone key than the "
        f"current one (key {fingerprint}); votes are neither loaded nor counted, since one phone would count as two. "
        "Restore the `phone` key of the keys file (settings/keys.yaml or MUGALIM_KEYS_FILE) from its backup; if it "
        "is lost for good, take these votes files out of inbox/scores/, run the scoring once (their votes are "
        "removed) and put them back: they are then loaded again, all under the current key.")


def _keyed_phones(kind: str | None, rows: list[tuple[Any, ...]], key: bytes) -> list[tuple[Any, ...]]:
    """Rows of a votes sheet with each `phone_sha256` replaced by HMAC-SHA256(key, that hash)."""
    if kind != "votes" or not key:
        return rows
    i = 1 + TABLES["votes"][1].index("phone_sha256")         # a row is (row number, *columns)
    return [(*r[:i], hmac.new(key, bytes.fromhex(r[i]), hashlib.sha256).hexdigest(), *r[i + 1:]) for r in rows]


def analyze(engine_or_conn: Engine | Connection, tables: tuple[str, ...]) -> None:
    """Fresh planner statistics after a bulk load: without them PostgreSQL plans 200,000 rows as if they were
    a handful (nested loops that take minutes). SQLite plans well enough from its indexes."""
    if engine_or_conn.dialect.name != "postgresql":
        return
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.begin() as conn:
            analyze(conn, tables)
        return
    for t in tables:
        engine_or_conn.execute(text(f"ANALYZE {t}"))


def tune(conn: Connection) -> None:
    """SQLite: a page cache of 64 MB for this connection (the default is 2 MB), so that loading and sorting millions
    of rows does not go to disk page by page; temporary B-trees (the sorts of the stage queries) in files, not in
    memory. Measured at city scale ×10 (2.3 M score rows, issue 15): a 512 MB cache with temporary B-trees in memory
    held the run at 1.2 GB and was no faster (school stage decided in 20 s against 15 s, peak 900 MB against 310 MB);
    at ×1 the two are alike."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size = -65536")
        conn.exec_driver_sql("PRAGMA temp_store = FILE")


def _replace(engine: Engine, name: str, sha: str, sheet: Sheet, batches: Iterator[list[tuple[Any, ...]]], *,
             phone_key: bytes = b"", fingerprint: str | None = None, coming: int = 0) -> None:
    """One file's rows, in one transaction: the old rows of that name go, the new ones come in, a batch at a time
    (`coming`: about how many)."""
    n = 0
    with engine.begin() as conn:
        tune(conn)
        _delete_file(conn, name)
        if sheet.kind == "participants":
            rows = [r for b in batches for r in b]
            n = len(rows)
            _upsert_participants(conn, name, rows)
        elif sheet.kind in TABLES:
            table, cols = TABLES[sheet.kind]
            with _indexes_after(conn, table, coming):
                for batch in batches:
                    n += len(batch)
                    bulk_insert(conn, table, ("file", "row_no", *cols), _keyed_phones(sheet.kind, batch, phone_key),
                                lead=(name,))
        bulk_insert(conn, "scoring_bad_rows", ("file", "row_no", "season", "competition", "stage", "reason"),
                    [(b.file, b.row, b.season, b.competition, b.stage, b.reason) for b in sheet.bad])
        conn.execute(text("INSERT INTO scoring_files (name, sha256, kind, rows, bad, key_fp) "
                          "VALUES (:n, :s, :k, :r, :b, :f)"),
                     {"n": name, "s": sha, "k": sheet.kind, "r": n, "b": len(sheet.bad),
                      "f": (fingerprint or key_fingerprint(phone_key)) if sheet.kind == "votes" else None})
    log.info("scores inbox: %s loaded (%d rows, %d bad)", name, n, len(sheet.bad))


def _delete_file(conn: Connection, name: str) -> None:
    for table, _ in TABLES.values():
        conn.execute(text(f"DELETE FROM {table} WHERE file = :n"), {"n": name})
    conn.execute(text("DELETE FROM scoring_bad_rows WHERE file = :n"), {"n": name})
    conn.execute(text("DELETE FROM participants WHERE source = 'participants_file' "
                      "AND substr(source_ref, 1, :len) = :prefix"), {"len": len(name) + 1, "prefix": name + ":"})
    conn.execute(text("DELETE FROM scoring_files WHERE name = :n"), {"n": name})


def bulk_insert(conn: Connection, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]],
                lead: tuple[Any, ...] = ()) -> None:
    """Many rows fast, each after the values of `lead` (the same for all): COPY on PostgreSQL, in its binary format
    when every column is a number, a text or a boolean (half the work of the text format, on both sides), else in
    the text format, which takes a date given as ISO text too (attendance's `held_on`); on SQLite, executemany of an
    INSERT of 100 rows at a time (a third less time than one a row, each a run of SQLite's program of its own)."""
    if not rows:
        return
    full = map(add, repeat(lead), rows) if lead else iter(rows)
    names = ", ".join(cols)
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:  # type: ignore[union-attr]
            types = [raw.adapters.types.get(d.type_code)  # type: ignore[union-attr]
                     for d in cur.execute(f"SELECT {names} FROM {table} LIMIT 0").description or ()]
            binary = all(t is not None and t.name in _AS_THEY_ARE for t in types)
            with cur.copy(f"COPY {table} ({names}) FROM STDIN" + (" (FORMAT BINARY)" if binary else "")) as cp:
                if binary:
                    cp.set_types([t.oid for t in types])  # type: ignore[union-attr]
                for r in full:
                    cp.write_row(r)
        return
    per = min(_ROWS_PER_INSERT, conn.connection.driver_connection.getlimit(  # type: ignore[union-attr]
        sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(cols))
    one = f"({', '.join('?' for _ in cols)})"
    whole = len(rows) // per
    if whole:
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * per)}",
                             [tuple(chain.from_iterable(islice(full, per))) for _ in range(whole)])
    if len(rows) % per:
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES {one}", list(full))


_ROWS_PER_INSERT = 100
# PostgreSQL types whose rows' Python values (int, str, bool) go in COPY's binary format as they are
_AS_THEY_ARE = {"int2", "int4", "int8", "text", "varchar", "bool"}


@contextmanager
def _indexes_after(conn: Connection, table: str, coming: int) -> Iterator[None]:
    """Many rows into a table that holds few: the table's indexes are dropped, and made again once the rows are in
    (one sort each instead of a B-tree insert a row). Measured on a city season's score rows into an empty table,
    233,000 rows: SQLite 0.44 s of indexing instead of 0.71 s, PostgreSQL 1.0 s instead of 1.4 s; 2.3 million:
    SQLite 5.6 s instead of 7.5 s, PostgreSQL 13 s instead of 24 s. A table that already holds a quarter as many
    rows as are coming keeps its indexes (made again, they would sort the rows there too); so do unique indexes."""
    few = coming // 4
    if coming < _REINDEX_FROM or conn.execute(text(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT :n) t"),
                                              {"n": few}).scalar_one() >= few:
        yield
        return
    indexes = [ix for ix in sa.inspect(conn).get_indexes(table) if _plain(ix)]
    for ix in indexes:
        conn.execute(text(f"DROP INDEX {ix['name']}"))
    yield
    for ix in indexes:
        conn.execute(text(f"CREATE INDEX {ix['name']} ON {table} ({', '.join(ix['column_names'])})"))


def _plain(index: Any) -> bool:
    """An index made again from its name and columns alone: not unique, with no expression, order, condition or
    included column."""
    return (not index["unique"] and None not in index["column_names"] and "column_sorting" not in index
            and not any((index.get("dialect_options") or {}).values()))


_REINDEX_FROM = 20_000      # rows: for fewer, dropping and making the indexes again is not worth it


def _lines(path: Path) -> int:
    """How many lines a file has (a CSV's rows, about; for an XLSX, a number of no meaning: 0)."""
    if path.suffix.lower() != ".csv":
        return 0
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))


def _upsert_participants(conn: Connection, name: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows of a `participants` file into the shared table, through a temporary table that takes them in bulk (the
    upsert row by row took seconds for a city ×10); a record from a dossier keeps its source and dossier."""
    latest = {}                    # a later row for the same person replaces an earlier one of the same file
    for row_no, *values in rows:
        latest[tuple(values[:3])] = (f"{name}:{row_no}", *values)    # (season, competition, participant_iin)
    if not latest:
        return
    _PARTICIPANTS_IN.create(conn)
    bulk_insert(conn, _PARTICIPANTS_IN.name, ("ord", "source_ref", *PARTICIPANT_COLS),
                [(i, *r) for i, r in enumerate(latest.values())])
    conn.execute(query("scoring_participants_upsert"))
    _PARTICIPANTS_IN.drop(conn)


# the rows of a `participants` file on their way in (ord: the order in which their people first appear in it)
_PARTICIPANTS_IN = sa.Table(
    "participants_in", sa.MetaData(), sa.Column("ord", sa.Integer), sa.Column("source_ref", sa.Text),
    sa.Column("season", sa.Integer), sa.Column("competition", sa.String), sa.Column("participant_iin", sa.String),
    sa.Column("full_name", sa.Text), sa.Column("organization_bin", sa.String), sa.Column("organization_name", sa.Text),
    sa.Column("organization_type", sa.String), sa.Column("district", sa.Text), sa.Column("citizen", sa.Boolean),
    sa.Column("staff_months_at_org", sa.Integer), sa.Column("continuous_pedagogical_months", sa.Integer),
    sa.Column("work_experience_months", sa.Integer), sa.Column("submitted_on", sa.Date),
    prefixes=["TEMPORARY"])
