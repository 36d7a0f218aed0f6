"""docs/production.md has the short security section issue 16's "Done when" asks for: who can approve, where the
keys live, what is masked for whom, and the PostgreSQL side of personal data at rest (item 11)."""
from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "production.md"


def _section(text: str, title: str) -> str:
    m = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^## )", text, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1)


def test_the_security_section_says_who_approves_where_keys_live_and_what_is_masked_for_whom():
    text = DOC.read_text(encoding="utf-8")
    security = _section(text, "Security")
    assert "### Who can approve a payment export" in security and "approvers.yaml" in security
    assert "Separation of duties" in security and "cannot approve it" in security
    assert "### Where the keys live" in security and "MUGALIM_KEYS_FILE" in security and "0600" in security
    assert "`manifest`" in security and "`phone`" in security and "fingerprint" in security
    assert "hostssl" in security and "sslmode=verify-full" in security and "umask 027" in security
    station = _section(text, "Security: the review station")
    for role in ("reviewer", "secretary", "finance", "admin"):
        assert re.search(rf"^\| {role} \|", station, re.M), role
    assert "masked" in station and "IBAN" in station and "IIN" in station
