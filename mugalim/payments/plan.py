"""What a run would pay, and what it cannot pay and why: the awards, checked against the amounts, the payees' bank
details, the grants budget and the ledger. Planning records nothing; `run_pay` plans again under the season's lock
and records exactly that plan.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.identifiers import iban_problem, iin_problem, mask, normalize_iban
from mugalim.messages import CATALOG, DEFAULT, Message, Said, both, reason_of, said, word
from mugalim.payments import ledger
from mugalim.payments.amounts import NoAmount, award_amount, knp_problem, purpose
from mugalim.payments.awards import PLACE_LABEL, read_awards
from mugalim.payments.model import GRANTS, Award, PaymentException, PlannedPayment
from mugalim.payments.payees import PayeesFound, read_payees, same_name
from mugalim.season import SeasonSettings, load_season


@dataclass
class PaymentPlan:
    season: int
    payments: list[PlannedPayment] = field(default_factory=list)     # new: recorded by the next run
    exceptions: list[PaymentException] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    already_paid: int = 0                                            # exported earlier, never again
    unfinished_runs: list[str] = field(default_factory=list)         # recorded, files not complete: finished first
    reversals: list[dict[str, Any]] = field(default_factory=list)    # not yet shown in a manifest
    inputs: list[Path] = field(default_factory=list)
    language: str = DEFAULT                                          # the season's: what `summary` says it in

    @property
    def total_kzt(self) -> Decimal:
        return sum((p.amount.kzt for p in self.payments), Decimal("0.00"))

    @property
    def nothing_new(self) -> bool:
        return not self.payments and not self.reversals and not self.unfinished_runs

    def digest(self) -> str:
        """A fingerprint of what would be paid, so an approval can be checked against what is then recorded."""
        parts = sorted(f"{p.award.identity}|{p.payee.iban}|{p.payee.bic}|{p.amount.kzt}" for p in self.payments)
        parts += sorted(str(r["event_id"]) for r in self.reversals)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """Small and JSON-friendly, with no IIN in clear (for XCom and the approver)."""
        return {"season": self.season, "payments": len(self.payments), "total_kzt": f"{self.total_kzt:.2f}",
                "digest": self.digest(), "already_paid": self.already_paid,
                "unfinished_runs": self.unfinished_runs, "reversals": len(self.reversals),
                "items": [p.to_dict() for p in self.payments],
                "exceptions": [e.to_dict() for e in self.exceptions], "warnings": self.warnings}

    def summary(self, lang: str | None = None) -> str:
        """A few lines for the person who approves the export, in `lang` (default: the season's language)."""
        lang = lang or self.language
        lines = [word("cli.plan.head", lang, season=self.season, payments=len(self.payments),
                      total=_tenge(self.total_kzt), already=self.already_paid)]
        lines += [f"  {award_words(p.award.competition, p.award.award, lang)} {mask(p.award.participant_iin)}: "
                  f"{_tenge(p.amount.kzt)}" for p in self.payments]
        if self.reversals:
            lines.append(word("cli.plan.reversals", lang, n=len(self.reversals)))
        if self.unfinished_runs:
            lines.append(word("cli.plan.unfinished", lang, runs=", ".join(self.unfinished_runs)))
        lines.append(word("cli.plan.exceptions", lang, n=len(self.exceptions)))
        lines += [f"  {award_words(e.competition, e.award, lang)} "
                  f"{mask(e.participant_iin) if e.participant_iin else '-'}: {said(e.reason, lang)}"
                  for e in self.exceptions]
        lines += [word("cli.pay.warning", lang, text=w).strip() for w in self.warnings]
        return "\n".join(lines)


    def approval_text(self) -> str:
        """What the approver reads in Airflow's approval step, in Kazakh and Russian (IINs masked)."""
        lines = [f"**{self.season} жыл: {len(self.payments)} жаңа төлем, барлығы {_tenge(self.total_kzt)}.**  ",
                 f"**{self.season} год: новых платежей {len(self.payments)}, всего {_tenge(self.total_kzt)}.**", ""]
        lines += [f"- {_label_kk_ru(p.award)} {mask(p.award.participant_iin)}: {_tenge(p.amount.kzt)}"
                  for p in self.payments]
        lines += ["", f"Төленбейтіні / Не оплачивается: {len(self.exceptions)} (exceptions.csv). "
                      f"Бұрын төленген / Оплачено ранее: {self.already_paid}."]
        if self.reversals:
            lines.append(f"Қайтарылғандар / Сторно: {len(self.reversals)}.")
        lines += [f"⚠ {both(w)}" for w in self.warnings]
        return "\n".join(lines)


def _tenge(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",") + " ₸"


def _label_kk_ru(award: Award) -> str:
    if award.competition == GRANTS:
        return "грант"
    return f"«Жыл мұғалімі» / «Учитель года», {PLACE_LABEL[award.award]} орын / место"


def _label(award: Award) -> str:
    return "grant" if award.competition == GRANTS else f"Teacher of the Year, place {PLACE_LABEL[award.award]}"


def _award_said(award: Award) -> Said:
    """The award as people say it (kk, ru) and as the engineers' English has always named it."""
    return Said(kk=award_words(award.competition, award.award, "kk"),
                ru=award_words(award.competition, award.award, "ru"), en=_label(award))


def award_words(competition: str, award: str, lang: str) -> str:
    """An award as people say it: "Жыл мұғалімі, II орын", "Педагогтерге грант"; a row of a payees file."""
    if not competition:
        return word("cli.pay.payees_file", lang)
    what = word(f"competition.{competition}", lang) if f"competition.{competition}" in CATALOG else competition
    place = f"place.{award}"
    return f"{what}, {word(place, lang)}" if place in CATALOG else what


def plan_payments(settings: Settings, *, season: int) -> PaymentPlan:
    """What `run_pay` would pay now and what goes to exceptions. Records nothing."""
    cfg = load_season(settings.settings_dir, season)
    engine = migrate(settings.db_url)
    with engine.connect() as conn:
        return build_plan(conn, settings, cfg)


def prepare_payments(settings: Settings, *, season: int, prepared_by: str, via: str) -> PaymentPlan:
    """Plan, and record who prepared this batch (its digest) so that they cannot also approve it. The ledger is
    not touched."""
    cfg = load_season(settings.settings_dir, season)
    engine = migrate(settings.db_url)
    with engine.begin() as conn:
        plan = build_plan(conn, settings, cfg)
        if not plan.nothing_new:
            ledger.record_preparation(conn, season=season, digest=plan.digest(), prepared_by=prepared_by, via=via,
                                      now=datetime.now(UTC).replace(microsecond=0))
    return plan


def build_plan(conn: Connection, settings: Settings, cfg: SeasonSettings) -> PaymentPlan:
    season = cfg.season
    found = read_awards(settings.outbox(season), season)
    payees = read_payees(settings.finance_inbox)
    state = ledger.season_state(conn, season)
    names = ledger.participant_names(conn, season)
    plan = PaymentPlan(season, exceptions=[_named(e, names) for e in found.exceptions], language=cfg.language,
                       inputs=found.inputs + payees.inputs,
                       unfinished_runs=ledger.unfinished_runs(conn, season),
                       reversals=ledger.unreported_reversals(conn, season))
    check = _Checker(cfg, payees, names, state)
    for award in dict.fromkeys(found.awards):            # one line per identity, in results order
        check.add(award, plan)
    plan.exceptions += payees.bad_rows
    plan.warnings += _withdrawn(state, found.awards) + _payer_warnings(cfg)
    return plan


def _named(e: PaymentException, names: dict[tuple[str, str], str]) -> PaymentException:
    """An exception with the participant's name from the application, for finance to read."""
    return replace(e, full_name=e.full_name or names.get((e.competition, e.participant_iin), ""))


@dataclass
class _Checker:
    cfg: SeasonSettings
    payees: PayeesFound
    names: dict[tuple[str, str], str]
    state: dict[tuple[str, str, str], ledger.LedgerRow]

    def __post_init__(self) -> None:
        self.budget_left = self.cfg.grants.budget_kzt - sum(
            (r.amount_kzt for r in self.state.values() if r.competition == GRANTS and r.state != "reversed"),
            Decimal(0))

    def add(self, award: Award, plan: PaymentPlan) -> None:
        old = self.state.get(award.identity)
        if old is not None and old.state != "reversed":
            plan.already_paid += old.state == "exported"
            return
        try:
            payment = self._payment(award)
        except _NotPaid as e:
            plan.exceptions.append(PaymentException(award.competition, award.award, award.participant_iin,
                                                    self._name(award), e.amount, reason_of(e)))
            return
        plan.payments.append(payment)
        app_name = self.names.get((award.competition, award.participant_iin))
        if app_name and not same_name(app_name, payment.payee.full_name):
            plan.warnings.append(Message("pay.w_name_differs", what=_award_said(award), iin=mask(award.participant_iin),
                                         file=payment.payee.source))

    def _payment(self, award: Award) -> PlannedPayment:
        if problem := iin_problem(award.participant_iin):
            raise _NotPaid(Message("pay.bad_iin", problem=problem))
        try:
            amount = award_amount(self.cfg, award)
        except NoAmount as e:
            raise _NotPaid(reason_of(e)) from None
        if problem := knp_problem(self.cfg):
            raise _NotPaid(problem, amount.kzt)
        payee = self.payees.payees.get(award.participant_iin)
        if award.participant_iin in self.payees.problems:
            raise _NotPaid(Message("pay.bank_unusable", problem=self.payees.problems[award.participant_iin]),
                           amount.kzt)
        if payee is None:
            raise _NotPaid(Message("pay.no_bank"), amount.kzt)
        if award.competition == GRANTS:
            self._spend(amount.kzt)
        return PlannedPayment(award, payee, amount, str(self.cfg.knp).strip(),
                              purpose(self.cfg.season, award, amount))

    def _spend(self, kzt: Decimal) -> None:
        """Rule G5: the grants of a season never exceed its budget, counting what earlier runs paid."""
        if kzt > self.budget_left:
            raise _NotPaid(Message("pay.over_budget", left=self.budget_left, budget=self.cfg.grants.budget_kzt), kzt)
        self.budget_left -= kzt

    def _name(self, award: Award) -> str:
        payee = self.payees.payees.get(award.participant_iin)
        return self.names.get((award.competition, award.participant_iin)) or (payee.full_name if payee else "")


class _NotPaid(Exception):
    def __init__(self, reason: str, amount: Decimal | None = None) -> None:
        super().__init__(reason)
        self.amount = amount


def _withdrawn(state: dict[tuple[str, str, str], ledger.LedgerRow], awards: list[Award]) -> list[str]:
    """Payments exported earlier whose award the results no longer give: a person decides whether to reverse."""
    current = {a.identity for a in awards}
    return [Message("pay.w_withdrawn", payment=r.payment_id) for key, r in state.items()
            if key not in current and r.state == "exported"]


def _payer_warnings(cfg: SeasonSettings) -> list[str]:
    payer = cfg.payer
    out = []
    if not payer.iban or not payer.bic:
        out.append(Message("pay.w_no_payer"))
    if payer.iban and (problem := iban_problem(normalize_iban(payer.iban))):
        out.append(Message("pay.w_payer_iban", problem=problem))
    return out
