"""`run_pay`: record the approved plan in the ledger, then write the run folder; and `reverse_payment`.

Order of work, under the season's lock (see lock.py):
1. finish any run a dead process left recorded but unexported (its files are written from the ledger);
2. plan again; record the new payments and the run in ONE transaction (payment_id assigned there);
3. write the files into `payments/.<run>.partial/`, then rename the folder to `payments/<run>/`;
4. mark the run's payments exported (a run whose folder exists is only marked: the rename was complete).
A run with nothing new (no payment, no reversal to report) records nothing and writes no folder: the report says
"nothing new" and lists the exceptions (IINs masked). Run ids are
`<UTC timestamp>-<the season's run number>-<short hash of what the run holds>`, so they sort in run order.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import signal
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import ConfigError, MugalimError, OutputError, TransientError
from mugalim.identifiers import mask
from mugalim.keys import secret
from mugalim.messages import DEFAULT, Message, word
from mugalim.payments import ledger, register
from mugalim.payments.approval import (UNCHECKED, Approval, checked, cli_approval, listed,
                                       load_approvers)
from mugalim.payments.exceptions_file import write_exceptions
from mugalim.payments.lock import season_lock
from mugalim.payments.manifest import MANIFEST, build_manifest, sha256_file, verify_folder, write_manifest
from mugalim.payments.pain001 import build as build_pain001
from mugalim.payments.pain001 import payer_problem
from mugalim.payments.plan import PaymentPlan, award_words, build_plan
from mugalim.season import Payer, SeasonSettings, load_season, settings_path

log = logging.getLogger(__name__)
CRASH_ENV = "MUGALIM_TEST_CRASH_AT"  # tests only: SIGKILL at after_ledger | while_writing | after_files


@dataclass
class PayReport:
    season: int
    run_id: str | None = None            # None: nothing new, no folder written
    folder: str | None = None
    payments: int = 0
    total_kzt: str = "0.00"
    exceptions: int = 0
    reversals: int = 0
    already_paid: int = 0
    finished_runs: list[str] = field(default_factory=list)   # dead runs whose files this call completed
    warnings: list[str] = field(default_factory=list)
    unpaid: list[dict[str, str]] = field(default_factory=list)  # the exceptions, IINs masked
    language: str = DEFAULT                                    # what `str()` says it in: the season's language

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return self.said(self.language)

    def said(self, lang: str) -> str:
        """What `mugalim pay` prints, in `lang` (the season's language by default; `en` for engineers)."""
        if self.run_id:
            head = word("cli.pay.run", lang, season=self.season, run=self.run_id, payments=self.payments,
                        total=self.total_kzt, folder=self.folder)
        else:
            head = word("cli.pay.nothing", lang, season=self.season)
        lines = [head, word("cli.pay.counts", lang, exceptions=self.exceptions, reversals=self.reversals,
                            already=self.already_paid)]
        lines += [word("cli.pay.finished", lang, run=r) for r in self.finished_runs]
        lines += [word("cli.pay.unpaid", lang, what=award_words(u["competition"], u["award"], lang),
                       iin=u["participant_iin"] or "-", reason=u.get(f"reason_{lang}") or u["reason"])
                  for u in self.unpaid]
        lines += [word("cli.pay.warning", lang, text=w) for w in self.warnings]
        return "\n".join(lines)


class PlanChanged(MugalimError):
    """What would be paid now is not what was approved: approve again."""
    exit_code = 5


def run_pay(settings: Settings, *, season: int, approved_by: str | Approval, approved_at: datetime | None = None,
            expect_digest: str | None = None) -> PayReport:
    """Pay what the decided stages award and nothing twice; returns the run's folder and counts.

    `approved_by` is the approval (Airflow's answer), or the name given by the person running this process (their
    OS account is what is checked). `expect_digest` (from `PaymentPlan.digest()` at approval) makes the run refuse
    a plan that changed since.
    """
    approval = approved_by if isinstance(approved_by, Approval) else cli_approval(approved_by)
    approvers = load_approvers(settings.settings_dir)
    cfg = load_season(settings.settings_dir, season)
    if problem := payer_problem(cfg.payer):
        raise ConfigError(f"{settings_path(settings.settings_dir, season)}: {problem}")
    if approvers is not None and not (cfg.payer.iban and cfg.payer.bic):     # production: finance loads the file
        raise ConfigError(f"{settings_path(settings.settings_dir, season)}: the payer's account is not set (keys "
                          "'payer.iban' and 'payer.bic'): pain.001.xml is not written without it")
    engine = migrate(settings.db_url)
    with season_lock(settings.db_url, season):
        _clear_orphans(settings, engine, season)
        finished = [_finish(settings, engine, run_id).run_id or run_id
                    for run_id in _unfinished(engine, season)]
        now = datetime.now(UTC).replace(microsecond=0)
        with _write_transaction(engine) as conn:
            plan = build_plan(conn, settings, cfg)
            if not plan.payments and not plan.reversals:     # (a retried task whose run is done lands here)
                return replace(_nothing_new(plan, finished), language=cfg.language)
            if expect_digest and plan.digest() != expect_digest:
                raise PlanChanged(f"season {season}: what would be paid changed since it was approved "
                                  f"(digest {plan.digest()} ≠ {expect_digest}); plan and approve again")
            approval = checked(approval, approvers, ledger.preparer(conn, season, plan.digest()))
            run_id = _record(conn, settings, cfg, plan, now, approval, _as_utc(approved_at or now))
            _write_partial(settings, _run_folder(settings, season, run_id), ledger.get_run(conn, run_id),
                           ledger.run_rows(conn, run_id))     # a file that cannot be written: nothing recorded
        _crash_point("after_ledger")
        report = _finish(settings, engine, run_id)
    report.finished_runs = finished
    report.already_paid = plan.already_paid
    report.language = cfg.language
    return report


def _as_utc(at: datetime) -> datetime:
    """The ledger keeps UTC (SQLite would drop the offset); a naive time is taken as UTC."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _nothing_new(plan: PaymentPlan, finished: list[str]) -> PayReport:
    log.info("season %s: nothing new to pay (%d exception(s))", plan.season, len(plan.exceptions))
    return PayReport(plan.season, exceptions=len(plan.exceptions), already_paid=plan.already_paid,
                     finished_runs=finished, warnings=plan.warnings, unpaid=[e.to_dict() for e in plan.exceptions])


def _record(conn: Connection, settings: Settings, cfg: SeasonSettings, plan: PaymentPlan, now: datetime,
            approval: Approval, approved_at: datetime) -> str:
    """The run and its payments, in the caller's one transaction."""
    keys = sorted(f"{p.award.identity}" for p in plan.payments) + [str(r["event_id"]) for r in plan.reversals]
    number = ledger.count_runs(conn, cfg.season) + 1     # keeps two runs of the same second in order
    run_id = f"{now:%Y%m%dT%H%M%SZ}-{number:03d}-{hashlib.sha256('|'.join(keys).encode()).hexdigest()[:8]}"
    ledger.insert_run(conn, run_id=run_id, season=cfg.season, created_at=now, approved_by=approval.name,
                      approved_at=approved_at, payments=len(plan.payments), total_kzt=plan.total_kzt,
                      context=_context(settings, cfg, plan, approval))
    state = ledger.season_state(conn, cfg.season)
    ids = ledger.record(conn, season=cfg.season, payments=plan.payments, run_id=run_id, now=now, existing=state)
    log.info("season %s: run %s records %d payment(s): %s", cfg.season, run_id, len(ids), ", ".join(ids))
    return run_id


def _context(settings: Settings, cfg: SeasonSettings, plan: PaymentPlan, approval: Approval) -> dict[str, Any]:
    """What the manifest needs besides the ledger rows, fixed at recording so a resumed run writes the same files."""
    sfile = settings_path(settings.settings_dir, cfg.season)
    inputs = [{"path": str(p.relative_to(settings.data_dir)), "sha256": sha256_file(p)} for p in plan.inputs]
    if sfile.exists():
        inputs.insert(0, {"path": str(sfile.relative_to(settings.data_dir)), "sha256": sha256_file(sfile)})
    warnings = plan.warnings + ([] if approval.checked else [UNCHECKED])
    return {"settings": cfg.model_dump(mode="json"), "inputs": inputs, "warnings": warnings,
            "warning_messages": [w.to_dict() if isinstance(w, Message) else None for w in warnings],
            "approval": approval.to_dict(),
            "exceptions": [e.to_row(cfg.season) for e in plan.exceptions], "reversals": plan.reversals}


def _finish(settings: Settings, engine: Engine, run_id: str) -> PayReport:
    """Write the run's folder if it is not complete yet, then mark its payments exported."""
    with engine.connect() as conn:
        run = ledger.get_run(conn, run_id)
        rows = ledger.run_rows(conn, run_id)
    folder = _run_folder(settings, run["season"], run_id)
    if not folder.exists():
        if not _partial(folder).exists():         # a run recorded before its files were written first
            _write_partial(settings, folder, run, rows)
        _publish(folder)
    _crash_point("after_files")
    with _write_transaction(engine) as conn:
        ledger.mark_exported(conn, run_id=run_id, now=datetime.now(UTC),
                             reversal_event_ids=[r["event_id"] for r in run["context"]["reversals"]])
    return PayReport(run["season"], run_id=run_id, folder=str(folder), payments=len(rows),
                     total_kzt=f"{run['total_kzt']:.2f}", exceptions=len(run["context"]["exceptions"]),
                     reversals=len(run["context"]["reversals"]), warnings=_warnings(run["context"]),
                     unpaid=[_masked(e) for e in run["context"]["exceptions"]])


def _warnings(context: dict[str, Any]) -> list[str]:
    """The run's warnings as recorded: each a Message again (said in kk/ru on the console) where it was one; the
    manifest keeps their English."""
    coded = context.get("warning_messages") or []
    return [(Message.from_dict(c) if c else None) or w
            for w, c in zip(context["warnings"], coded + [None] * (len(context["warnings"]) - len(coded)))]


def _masked(row: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in row.items() if k not in ("season", "full_name")}
    out["participant_iin"] = mask(row["participant_iin"]) if row["participant_iin"] else ""
    return out


def _run_folder(settings: Settings, season: int, run_id: str) -> Path:
    return settings.outbox(season) / "payments" / run_id


def _partial(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.partial")


def _write_partial(settings: Settings, folder: Path, run: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Every file of the run into a hidden partial folder, built and checked while the ledger's transaction is
    still open: a file that cannot be written rolls the recording back, so a retry is never blocked by it."""
    partial = _partial(folder)
    if partial.exists():
        shutil.rmtree(partial)            # our own leftover from a run that died while writing
    partial.mkdir(parents=True)
    key = secret(settings, "manifest")
    try:
        _write_files(partial, run, rows, key)
    except Exception as e:
        shutil.rmtree(partial, ignore_errors=True)
        raise OutputError(f"run {run['run_id']}: the payment files could not be written "
                          f"({type(e).__name__}); nothing was recorded") from None
    _fsync_dir(partial)


def _write_files(partial: Path, run: dict[str, Any], rows: list[dict[str, Any]], key: bytes) -> None:
    files = ["register.csv", "register.xlsx"]
    register.write_csv(partial / "register.csv", rows)
    _crash_point("while_writing")
    register.write_xlsx(partial / "register.xlsx", rows, created_at=run["created_at"], notes=_index_notes(rows))
    if rows:                              # pain.001 needs at least one transaction (a reversals-only run has none)
        xml = build_pain001(msg_id=run["run_id"], created_at=run["created_at"], execution_date=run["approved_at"],
                            payer=Payer.model_validate(run["context"]["settings"]["payer"]), rows=rows)
        (partial / "pain.001.xml").write_bytes(xml)
        files.append("pain.001.xml")
    write_exceptions(partial / "exceptions.csv", run["context"]["exceptions"])
    files.append("exceptions.csv")
    write_manifest(partial / MANIFEST, build_manifest(run=run, rows=rows, folder=partial, files=files), key)


def _publish(folder: Path) -> None:
    """One rename: finance never sees half a run."""
    os.rename(_partial(folder), folder)
    _fsync_dir(folder.parent)
    log.info("run %s: files written to %s", folder.name, folder)


def _clear_orphans(settings: Settings, engine: Engine, season: int) -> None:
    """Partial folders of runs the ledger does not hold (a process killed before its recording committed)."""
    payments = settings.outbox(season) / "payments"
    if not payments.is_dir():
        return
    with engine.connect() as conn:
        known = ledger.run_ids(conn, season)
    for p in payments.glob(".*.partial"):
        if p.name[1:-len(".partial")] not in known:
            shutil.rmtree(p, ignore_errors=True)


def _index_notes(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['payment_id']}: {r['amount_mrp'].normalize():f} АЕК/МРП × {r['mrp_kzt']:.2f} = "
            f"{r['amount_kzt']:.2f} KZT" for r in rows if r.get("amount_mrp") is not None]


def _fsync_dir(path: Path) -> None:
    for p in [*path.iterdir(), path] if path.is_dir() else [path]:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unfinished(engine: Engine, season: int) -> list[str]:
    with engine.connect() as conn:
        return ledger.unfinished_runs(conn, season)


class _write_transaction:
    """A transaction that takes the write lock at once on SQLite (BEGIN IMMEDIATE), so reading the plan and
    recording it cannot be split by another writer; a busy database is a TransientError (Airflow retries)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Connection:
        self.ctx = self.engine.begin()
        try:
            conn = self.ctx.__enter__()
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as e:
            raise TransientError(f"the database is busy: {e.orig}") from e
        return conn

    def __exit__(self, *exc: Any) -> Any:
        return self.ctx.__exit__(*exc)


def _crash_point(name: str) -> None:
    """Tests place a SIGKILL here through MUGALIM_TEST_CRASH_AT; nothing else reads it."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def reverse_payment(settings: Settings, *, payment_id: str, reason: str,
                    reversed_by: str | Approval) -> dict[str, Any]:
    """A person reverses one exported payment: it is recorded with who and why, shows in the next manifest, and the
    award becomes payable again (paid in the next run if the results still give it). Where approvers are listed,
    only an approver may reverse."""
    person = reversed_by if isinstance(reversed_by, Approval) else cli_approval(reversed_by)
    if not reason.strip() or not person.name.strip():
        raise ConfigError("a reversal needs a reason (--reason) and a person (--by)")
    person = listed(person, load_approvers(settings.settings_dir))      # a listed approver shows by their listed name
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        row = ledger.find_payment(conn, payment_id)
    if row is None:
        raise ConfigError(f"no payment {payment_id} in the ledger")
    with season_lock(settings.db_url, row["season"]), _write_transaction(engine) as conn:
        ok = ledger.reverse(conn, payment_id=payment_id, reason=reason.strip(), actor=person.name,
                            now=datetime.now(UTC).replace(microsecond=0))
    if not ok:
        raise ConfigError(f"payment {payment_id} is {row['state']}, not exported: only an exported payment is reversed")
    log.info("payment %s (participant %s) reversed by %s", payment_id, mask(row["participant_iin"]), person.login)
    return {"payment_id": payment_id, "season": row["season"], "state": "reversed"}


def verify_run(settings: Settings, *, season: int, run_id: str | None = None) -> dict[str, list[str]]:
    """Each run folder of the season (or the one named) → what is wrong with it (empty: intact and signed here)."""
    payments = settings.outbox(season) / "payments"
    folders = [payments / run_id] if run_id else sorted(
        p for p in payments.iterdir() if p.is_dir() and not p.name.startswith(".")) if payments.is_dir() else []
    if run_id and not folders[0].is_dir():
        raise ConfigError(f"no run {run_id} in {payments}")
    key = secret(settings, "manifest")
    return {f.name: verify_folder(f, key) for f in folders}
