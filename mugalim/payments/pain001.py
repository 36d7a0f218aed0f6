"""pain.001.xml: the run's payments as an ISO 20022 customer credit transfer initiation (pain.001.001.09), in KZT,
one transaction per payment, EndToEndId = payment_id, validated against the official schema (shipped by `sepaxml`)
before it is written — finance never receives a file its bank would refuse on form.

Kazakh specifics: the beneficiary's IIN is the creditor's private identification (scheme NIDN); the payment purpose
code (КНП) is the proprietary purpose and, with the beneficiary code (КБе), a regulatory reporting detail.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from importlib import resources
from typing import Any

from lxml import etree

from mugalim.errors import ConfigError
from mugalim.identifiers import bin_problem, iban_problem, normalize_iban
from mugalim.season import Payer

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
CCY = "KZT"
NOT_PROVIDED = "NOTPROVIDED"
ALMATY = timezone(timedelta(hours=5))


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    xsd = resources.files("sepaxml") / "schemas" / "pain.001.001.09.xsd"
    with resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def schema_errors(xml: bytes) -> list[str]:
    """The schema's complaints about `xml` (empty when valid)."""
    s = schema()
    if s.validate(etree.fromstring(xml)):
        return []
    return [f"line {e.line}: {e.message}" for e in s.error_log]


def payer_problem(payer: Payer) -> str | None:
    """Why the season's payer cannot be written into the file (a configuration error naming the key), or None."""
    if payer.iban and (p := iban_problem(normalize_iban(payer.iban))):
        return f"key 'payer.iban': {p}"
    if payer.bin and (p := bin_problem(payer.bin)):
        return f"key 'payer.bin': {p}"
    if payer.bic and len(payer.bic.strip()) not in (8, 11):
        return "key 'payer.bic': a BIC has 8 or 11 characters"
    return None


def build(*, msg_id: str, created_at: datetime, execution_date: datetime, payer: Payer,
          rows: Sequence[dict[str, Any]]) -> bytes:
    """The pain.001.001.09 document for `rows` (ledger rows of one run); ValueError if it fails the schema."""
    if problem := payer_problem(payer):
        raise ConfigError(problem)
    total = sum((r["amount_kzt"] for r in rows), Decimal("0.00"))
    doc = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    init = _sub(doc, "CstmrCdtTrfInitn")
    hdr = _sub(init, "GrpHdr")
    _sub(hdr, "MsgId", msg_id)
    _sub(hdr, "CreDtTm", created_at.isoformat(timespec="seconds"))
    _sub(hdr, "NbOfTxs", str(len(rows)))
    _sub(hdr, "CtrlSum", f"{total:.2f}")
    _party(_sub(hdr, "InitgPty"), payer.name, org_id=payer.bin)
    _payment_info(_sub(init, "PmtInf"), msg_id, execution_date, payer, rows, total)
    xml = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if errors := schema_errors(xml):
        raise ValueError("pain.001.xml fails the pain.001.001.09 schema: " + "; ".join(errors[:5]))
    return xml


def _payment_info(pmt: Any, msg_id: str, execution_date: datetime, payer: Payer,
                  rows: Sequence[dict[str, Any]], total: Decimal) -> None:
    _sub(pmt, "PmtInfId", msg_id)
    _sub(pmt, "PmtMtd", "TRF")
    _sub(pmt, "NbOfTxs", str(len(rows)))
    _sub(pmt, "CtrlSum", f"{total:.2f}")
    _sub(_sub(pmt, "ReqdExctnDt"), "Dt", execution_date.astimezone(ALMATY).date().isoformat())
    _party(_sub(pmt, "Dbtr"), payer.name, org_id=payer.bin)
    _account(_sub(pmt, "DbtrAcct"), normalize_iban(payer.iban) if payer.iban else None)
    _agent(_sub(pmt, "DbtrAgt"), payer.bic.strip().upper() if payer.bic else None)
    for r in rows:
        _transaction(_sub(pmt, "CdtTrfTxInf"), r)


def _transaction(tx: Any, r: dict[str, Any]) -> None:
    pmt_id = _sub(tx, "PmtId")
    _sub(pmt_id, "InstrId", f"{r['payment_id']}-{r['attempt']}")
    _sub(pmt_id, "EndToEndId", r["payment_id"])
    _sub(_sub(tx, "Amt"), "InstdAmt", f"{r['amount_kzt']:.2f}", Ccy=CCY)
    _agent(_sub(tx, "CdtrAgt"), r["bic"])
    _party(_sub(tx, "Cdtr"), r["full_name"], person_id=r["participant_iin"])
    _account(_sub(tx, "CdtrAcct"), r["iban"], currency=False)
    _sub(_sub(tx, "Purp"), "Prtry", r["knp"])
    reporting = _sub(tx, "RgltryRptg")
    for kind, code in (("KNP", r["knp"]), ("KBE", r["kbe"])):
        details = _sub(reporting, "Dtls")
        _sub(details, "Tp", kind)
        _sub(details, "Ctry", "KZ")
        _sub(details, "Cd", code)
    _sub(_sub(tx, "RmtInf"), "Ustrd", r["purpose"][:140])


def _party(el: Any, name: str, *, org_id: str | None = None, person_id: str | None = None) -> None:
    _sub(el, "Nm", name[:140])
    if org_id:
        _sub(_sub(_sub(_sub(el, "Id"), "OrgId"), "Othr"), "Id", org_id)
    if person_id:
        other = _sub(_sub(_sub(el, "Id"), "PrvtId"), "Othr")
        _sub(other, "Id", person_id)
        _sub(_sub(other, "SchmeNm"), "Cd", "NIDN")
    _sub(el, "CtryOfRes", "KZ")


def _account(el: Any, iban: str | None, *, currency: bool = True) -> None:
    ident = _sub(el, "Id")
    if iban:
        _sub(ident, "IBAN", iban)
    else:
        _sub(_sub(ident, "Othr"), "Id", NOT_PROVIDED)
    if currency:
        _sub(el, "Ccy", CCY)


def _agent(el: Any, bic: str | None) -> None:
    fin = _sub(el, "FinInstnId")
    if bic:
        _sub(fin, "BICFI", bic)
    else:
        _sub(_sub(fin, "Othr"), "Id", NOT_PROVIDED)


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        el.text = text
    return el
