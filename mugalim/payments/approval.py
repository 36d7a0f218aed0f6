"""Who may release a payment export, and the check that the person who approves is not the one who prepared it.

The approvers are listed in `settings/approvers.yaml` of the data folder (account login → name). An approval names
an *account* the system authenticated — the OS account running `mugalim pay` (from the process's user id, not from
$USER, which anyone can set) or the Airflow user who answered the human-in-the-loop step — never free text. Whoever
prepared the batch (ran `mugalim pay --plan`, or triggered the DAG run) cannot approve that same batch.

With no approvers file (the embedded demo, a first installation) an export still runs, recorded as *unchecked* in
the ledger and the manifest, with a warning: docs/production.md says to list the approvers before a season is paid.
Plain dicts for Airflow's answer: domain code imports no Airflow.
"""
from __future__ import annotations

import os
import pwd
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from mugalim.errors import ConfigError, MugalimError
from mugalim.messages import Message

APPROVERS_FILE = "approvers.yaml"
CLI, AIRFLOW = "command line", "airflow"
UNCHECKED = Message("pay.w_unchecked", file=APPROVERS_FILE)     # its English in the manifest, kk/ru on the console


class ApprovalRefused(MugalimError):
    """The person may not approve this export (not an approver, or the one who prepared it)."""

    exit_code = 8


@dataclass(frozen=True)
class Approval:
    """An approval as it is recorded: the name shown, the authenticated account, how it was given, who prepared the
    batch, and whether it was checked against the approvers' list."""
    name: str
    login: str
    via: str
    prepared_by: str | None = None
    checked: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def os_login() -> str:
    """The account the OS authenticated for this process (its effective user id)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:                      # a container user with no passwd entry
        return f"uid {os.geteuid()}"


def load_approvers(settings_dir: Path) -> dict[str, str] | None:
    """login → name of everyone who may approve; None when the file does not exist."""
    path = settings_dir / APPROVERS_FILE
    if not path.exists():
        return None
    try:
        body = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read the approvers' list ({type(e).__name__})") from None
    entries = body.get("approvers") if isinstance(body, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: key 'approvers' must list at least one person (login and name)")
    out = {}
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not str(entry.get("login") or "").strip():
            raise ConfigError(f"{path}: approver {n} has no 'login'")
        login = str(entry["login"]).strip()
        out[login] = str(entry.get("name") or login).strip()
    return out


def cli_approval(given_name: str | None) -> Approval:
    """The approval of the person running the command: their OS account, and the name they give (default: the
    account)."""
    login = os_login()
    return Approval(name=(given_name or "").strip() or login, login=login, via=CLI)


def listed(approval: Approval, approvers: dict[str, str] | None) -> Approval:
    """`approval` checked against the approvers' list (its name becomes the listed one); unchanged when there is no
    list; ApprovalRefused for an account not listed."""
    if approvers is None:
        return approval
    name = approvers.get(approval.login)
    if name is None:
        raise ApprovalRefused(f"{approval.login!r} is not an approver of payment exports "
                              f"(settings/{APPROVERS_FILE}); ask one of them")
    if approval.via == CLI and approval.name not in (approval.login, name):
        raise ApprovalRefused(f"the account running the command ({approval.login!r}, {name}) is the approver, "
                              f"not a name given on the command line ({approval.name!r})")
    return replace(approval, name=name, checked=True)


def checked(approval: Approval, approvers: dict[str, str] | None, prepared_by: str | None) -> Approval:
    """`approval` with who prepared the batch, checked against the approvers' list and against the preparer."""
    approval = listed(replace(approval, prepared_by=prepared_by), approvers)
    if approvers is None:
        return approval
    if prepared_by is None:
        raise ApprovalRefused("nobody prepared this batch: another person runs `mugalim pay --plan` first, then "
                              "an approver exports it")
    if prepared_by == approval.login:
        raise ApprovalRefused(f"{approval.login!r} prepared this batch and cannot also approve it "
                              "(separation of duties): another approver must")
    return approval


def approval_from_hitl(payload: dict[str, Any] | None) -> tuple[Approval, datetime]:
    """The approval Airflow's human-in-the-loop step returned (`chosen_options`, `responded_by_user`,
    `responded_at`), and when it was given; ConfigError when the response is not an approval."""
    if not payload:
        raise ConfigError("no approval: the approval task returned nothing")
    chosen = payload.get("chosen_options") or []
    if chosen != ["Approve"]:
        raise ConfigError(f"the export was not approved (response: {', '.join(map(str, chosen)) or 'none'})")
    user = payload.get("responded_by_user") or {}
    if not isinstance(user, dict):
        user = {"id": str(user)}
    login = str(user.get("id") or user.get("name") or "").strip()
    if not login:
        raise ConfigError("the approval names no person (Airflow gave no responding user)")
    at = payload.get("responded_at")
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if not isinstance(at, datetime):
        at = datetime.now(UTC)
    name = str(user.get("name") or login).strip()
    return Approval(name=name, login=login, via=AIRFLOW), (at if at.tzinfo else at.replace(tzinfo=UTC))


def unanswered_approval(settings_dir: Path, name: str | None) -> dict[str, Any]:
    """The approval step marked done with no answer (the embedded demo's `dag.test()` cannot answer it): taken only
    where no approvers are listed, for the name the run gives, and recorded as unchecked."""
    if load_approvers(settings_dir) is not None:
        raise ApprovalRefused("the approval step was marked done without an answer: an approver of "
                              f"settings/{APPROVERS_FILE} must answer it in Airflow")
    if not (name or "").strip():
        raise ConfigError("no approval: the approval step was marked done without an answer and the run names no "
                          "approver (parameter approved_by)")
    return {"chosen_options": ["Approve"], "responded_by_user": {"id": name, "name": name}}
