"""The small value objects the payment step passes around."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from mugalim.identifiers import mask
from mugalim.messages import both, said

TOY = "teacher_of_year"
GRANTS = "grants"
KBE_RESIDENT_INDIVIDUAL = "19"   # payments.md: the beneficiary code of a resident individual


@dataclass(frozen=True)
class Award:
    """One award the decided stages give: (competition, award, participant IIN); award is second | third | grant."""
    competition: str
    award: str
    participant_iin: str

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.competition, self.award, self.participant_iin)


@dataclass(frozen=True)
class Amount:
    """What one award pays: tenge with two decimals, and the index figures when the season sets it in МРП."""
    kzt: Decimal
    mrp: Decimal | None = None
    mrp_kzt: Decimal | None = None


@dataclass(frozen=True)
class Payee:
    """One payee's checked bank details, read from inbox/finance/."""
    participant_iin: str
    full_name: str
    iban: str
    bic: str
    source: str          # file and row(s), for people


@dataclass(frozen=True)
class PlannedPayment:
    award: Award
    payee: Payee
    amount: Amount
    knp: str
    purpose: str

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly, without personal data in clear."""
        return {"competition": self.award.competition, "award": self.award.award,
                "participant": mask(self.award.participant_iin), "amount_kzt": f"{self.amount.kzt:.2f}"}


@dataclass(frozen=True)
class PaymentException:
    """An award that cannot be paid in this run, or a bad row of bank details, and why (a row of exceptions.csv)."""
    competition: str
    award: str
    participant_iin: str
    full_name: str
    amount_kzt: Decimal | None
    reason: str

    def to_row(self, season: int) -> dict[str, str]:
        """exceptions.csv's row: `reason` in Kazakh and Russian ("kk / ru", the catalog's words; a reason not in the
        catalog yet in English), and beside the columns `reason_kk`, `reason_ru`, `reason_en` for the consoles."""
        row = {k: ("" if v is None else str(v)) for k, v in asdict(self).items()}
        row["amount_kzt"] = "" if self.amount_kzt is None else f"{self.amount_kzt:.2f}"
        row.update(reason=both(self.reason), reason_kk=said(self.reason, "kk"), reason_ru=said(self.reason, "ru"),
                   reason_en=str(self.reason))
        return {"season": str(season), **row}

    def to_dict(self) -> dict[str, str]:
        """JSON-friendly, without personal data in clear."""
        row = self.to_row(0)
        row.pop("season")
        row["participant_iin"] = mask(self.participant_iin) if self.participant_iin else ""
        row.pop("full_name")
        return row


def money(value: Decimal) -> Decimal:
    """Tenge with two decimals (half up), as every file shows them."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
