"""Who receives a grant (rules G5, A7, with A2 at the last grant)."""
from __future__ import annotations

from decimal import Decimal


def a7_grant_count(amount_kzt: Decimal, budget_kzt: Decimal) -> int:
    """A7: as many grants as the budget pays for: budget ÷ amount, rounded down (none when no amount is set)."""
    if amount_kzt <= 0 or budget_kzt <= 0:
        return 0
    return int(budget_kzt // amount_kzt)


def g5_within_budget(count: int, amount_kzt: Decimal, budget_kzt: Decimal) -> bool:
    """G5 (cl. 3.5, 23): the grants' total never exceeds the budget."""
    return count * amount_kzt <= budget_kzt
