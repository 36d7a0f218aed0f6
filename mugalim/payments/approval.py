"""Who approved an export and when, from what Airflow's human-in-the-loop ApprovalOperator returns (its XCom:
`chosen_options`, `responded_by_user`, `responded_at`). Plain dicts only: domain code imports no Airflow."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mugalim.errors import ConfigError


def approval_from_hitl(payload: dict[str, Any] | None) -> tuple[str, datetime]:
    """(approved_by, approved_at) for `run_pay`; ConfigError when the response is not an approval."""
    if not payload:
        raise ConfigError("no approval: the approval task returned nothing")
    chosen = payload.get("chosen_options") or []
    if chosen != ["Approve"]:
        raise ConfigError(f"the export was not approved (response: {', '.join(map(str, chosen)) or 'none'})")
    user = payload.get("responded_by_user") or {}
    who = (user.get("name") or user.get("id")) if isinstance(user, dict) else str(user)
    at = payload.get("responded_at")
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if not isinstance(at, datetime):
        at = datetime.now(UTC)
    return (str(who) if who else "the approval's default (no person responded)"), (
        at if at.tzinfo else at.replace(tzinfo=UTC))
