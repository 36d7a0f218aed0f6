"""The staff overview: one row per dossier, the Appendix 2 items and the rules as columns, missing and failed cells
coloured, filters on (`overview.xlsx`), and the same table as `overview.html`."""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mugalim.cells import safe_cell
from validators.checklist import SECTION1

RULES = ["E1", "E2", "E3", "E4", "E5", "G2", "G3", "G4"]
HEAD = ["participant_iin", "full_name", "competition", "organization", "district", "complete", "application", "waiting",
        *SECTION1, *RULES, "city", "republic", "international", "optional_items", "report"]
FILL = {"not read": "F8CBAD", "missing": "F8CBAD", "failed": "FFE699", "present": "C6EFCE", "no": "F8CBAD", "?": "FFE699",
        "yes": "C6EFCE"}
OK_WORD = {True: "yes", False: "no", None: "?"}


def row_of(report: dict[str, Any], report_file: str) -> list[Any]:
    items = {f["item"]: f for f in report["items"]}
    rules = {v["rule"]: OK_WORD[v["ok"]] for v in report["eligibility"]}
    optional = [f for f in report["items"] if not f["item"].startswith("1.")]
    levels = [sum(1 for f in optional if f.get("level") == lv) for lv in ("city", "republic", "international")]
    org = report.get("organization") or {}
    return [report["participant_iin"] or "", report.get("full_name") or "", report["competition"] or "",
            org.get("name") or "", org.get("district") or "", "yes" if report["complete"] else "no",
            "not read" if report.get("application_read") is False else "read", "; ".join(report["waiting"]), *[items[i]["status"] if i in items else "" for i in SECTION1],
            *[rules.get(r, "") for r in RULES], *levels, " ".join(f["item"] for f in optional), report_file]


def unread_first(rows: list[list[Any]]) -> list[list[Any]]:
    """Dossiers whose application could not be read come first: a person must enter their IIN before anything."""
    col = HEAD.index("application")
    return sorted(rows, key=lambda r: r[col] != "not read")


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "dossiers"
    ws.append(HEAD)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([safe_cell(v) for v in r])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value in FILL and HEAD[cell.column - 1] not in ("complete",):
                cell.fill = PatternFill("solid", fgColor=FILL[cell.value])
            elif HEAD[cell.column - 1] == "complete":
                cell.fill = PatternFill("solid", fgColor=FILL["yes" if cell.value == "yes" else "no"])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEAD))}{max(1, len(rows) + 1)}"
    ws.freeze_panes = "C2"
    for i, h in enumerate(HEAD, 1):
        ws.column_dimensions[get_column_letter(i)].width = 34 if h in ("full_name", "organization", "waiting") \
            else max(6, len(h) + 2)
    return _save(path, wb.save)


def write_html(path: Path, rows: list[list[Any]], *, title: str) -> Path:
    out = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
           "body{font-family:'PT Sans','DejaVu Sans',sans-serif}table{border-collapse:collapse}"
           "td,th{border:1px solid #999;padding:2px 6px}"
           + "".join(f".c-{k}{{background:#{v}}}" for k, v in FILL.items() if k.isalpha())
           + ".c-q{background:#FFE699}.c-unread{background:#F8CBAD}</style></head><body>", f"<h1>{html.escape(title)}</h1><table><tr>"]
    out += [f"<th>{html.escape(h)}</th>" for h in HEAD] + ["</tr>"]
    for r in rows:
        cells = []
        for h, v in zip(HEAD, r):
            cls = "q" if v == "?" else "unread" if v == "not read" else str(v) if str(v) in FILL else ""
            text = f"<a href='{html.escape(str(v))}'>{html.escape(str(v))}</a>" if h == "report" and v else \
                html.escape(str(v))
            cells.append(f"<td class='c-{cls}'>{text}</td>" if cls else f"<td>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return _save(path, lambda p: Path(p).write_text("\n".join(out), encoding="utf-8"))


def _save(path: Path, write) -> Path:  # type: ignore[no-untyped-def]
    """Write to a temporary name in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    write(str(tmp))
    os.replace(tmp, path)
    return path
