"""What each role of the review station may do and see in clear (issue 16 item 12; the table is in
docs/production.md, "Security: the review station").

- reviewer: works through the queue (corrects and confirms fields, beside the scans); sees IINs in clear — they
  correct them — but IBANs masked;
- secretary: reads the dossiers, their checklists and findings, the payments and the evidence trails; IINs and IBANs
  masked — and the application's other identifying fields (phones, home address, postal code, identity document's
  number) —, no scans (a scan shows every personal detail in clear and cannot be masked);
- finance: reads everything a secretary does, with IINs (a payment order names the payee's IIN) and IBANs in clear,
  and the scans (a bank certificate is one); corrects nothing;
- admin: everything.

Masking is done once, on the finished page (`Role.mask`), so no template, trace fact or error message can show an
identifier a role may not see: an IBAN (KZ and 18 letters or digits) and an IIN (12 digits whose first seven are a
birth date and a century digit — a BIN never is one, its fifth digit is 4–6) keep only their last four characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mugalim.errors import ConfigError
from mugalim.identifiers import iin_birth_date, mask
from mugalim.review.labels import shown
from mugalim.trace.evidence import PERSONAL

_IBAN = re.compile(r"\bKZ\d{2}(?: ?[0-9A-Z]{4}){4}\b")
_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


@dataclass(frozen=True)
class Role:
    name: str
    correct: bool        # may correct and confirm fields (the queue)
    scans: bool          # may see the scans: field crops and whole pages
    iin: bool            # sees IINs in clear, and the application's other identifying fields (PERSONAL)
    iban: bool           # sees IBANs in clear

    def mask(self, text: str) -> str:
        """`text` with the identifiers this role may not see masked (IBANs first: an account number may hold a run of
        twelve digits)."""
        if not self.iban:
            text = _IBAN.sub(lambda m: mask(m.group().replace(" ", "")), text)
        if not self.iin:
            text = _TWELVE_DIGITS.sub(lambda m: mask(m.group()) if iin_birth_date(m.group()) else m.group(), text)
        return text

    def field_value(self, field: str, value: object) -> str:
        """An application field's value for a page: an identifying field (phones, address, …) masked for a role that
        does not see IINs in clear (the page's mask catches the IIN itself, not these)."""
        text = shown(value)
        return mask(text) if field in PERSONAL and not self.iin and text != shown(None) else text


ROLES = {
    "reviewer": Role("reviewer", correct=True, scans=True, iin=True, iban=False),
    "secretary": Role("secretary", correct=False, scans=False, iin=False, iban=False),
    "finance": Role("finance", correct=False, scans=True, iin=True, iban=True),
    "admin": Role("admin", correct=True, scans=True, iin=True, iban=True),
}
DEFAULT_ROLE = "reviewer"


def role_named(name: str) -> Role:
    """The role called `name`; ConfigError naming the roles there are."""
    try:
        return ROLES[name]
    except KeyError:
        raise ConfigError(f"no role {name!r}: the review station's roles are {', '.join(ROLES)}") from None
