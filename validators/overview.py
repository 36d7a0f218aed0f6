"""The staff overview: one row per dossier, the Appendix 2 items and the rules as columns, missing and failed cells
coloured, filters on (`overview.xlsx`), and the same table as `overview.html`.

A row holds codes (`present`, `yes`, `not read`: what the colours, the sorting and programs go by); the writers say
the headers and the values in the season's language (`lang`, Kazakh by default) through the message catalog, and
put the other language in each header's comment (XLSX) or tooltip (HTML). The column keys (`HEAD`) are this module's
own: no spec fixes the overview's columns; the dossier JSON beside it keeps its keys."""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mugalim.cells import safe_cell
from mugalim.messages import CATALOG, PEOPLE, said, translated, word
from validators.checklist import SECTION1
from validators.report import ITEM_TITLES
from validators.wording import localize

RULES = ["E1", "E2", "E3", "E4", "E5", "G2", "G3", "G4"]
HEAD = ["participant_iin", "full_name", "competition", "organization", "district", "complete", "application", "waiting",
        *SECTION1, *RULES, "city", "republic", "international", "optional_items", "report"]
FILL = {"not read": "F8CBAD", "missing": "F8CBAD", "failed": "FFE699", "present": "C6EFCE", "no": "F8CBAD", "?": "FFE699",
        "yes": "C6EFCE"}
OK_WORD = {True: "yes", False: "no", None: "?"}
#: the code in a cell → its catalog id (what a person reads instead of the code)
VALUE_IDS = {"present": "value.present", "missing": "value.missing", "failed": "value.failed", "yes": "value.yes",
             "no": "value.no", "?": "value.undecided", "read": "value.read", "not read": "value.not_read",
             "teacher_of_year": "competition.teacher_of_year", "grants": "competition.grants"}
WORDED = {"competition", "complete", "application", *SECTION1, *RULES}     # columns whose codes are said as words


def label(column: str, lang: str = "kk") -> str:
    """A column's header in `lang`: the catalog's words, or the item or rule id itself (1.1, E3)."""
    return word(f"overview.{column}", lang) if f"overview.{column}" in CATALOG else column


def shown_value(column: str, value: Any, lang: str = "kk") -> Any:
    """What a person reads in a cell: a code said as a word, the waiting reasons in `lang`; anything else as is."""
    if column == "waiting":
        return "; ".join(said(w, lang) if translated(w) else localize(w, lang) or "" for w in value or [])
    if column in WORDED and isinstance(value, str) and value in VALUE_IDS:
        return word(VALUE_IDS[value], lang)
    return value


def _hint(column: str, lang: str) -> str:
    """A header's comment: the other language's header, and an Appendix 2 item's title in both."""
    other = next(x for x in PEOPLE if x != lang)
    titles = [t for t in (ITEM_TITLES[lang].get(column), ITEM_TITLES[other].get(column)) if t]
    return " / ".join([label(column, other)] + titles) if titles else label(column, other)

def row_of(report: dict[str, Any], report_file: str) -> list[Any]:
    items = {f["item"]: f for f in report["items"]}
    rules = {v["rule"]: OK_WORD[v["ok"]] for v in report["eligibility"]}
    optional = [f for f in report["items"] if not f["item"].startswith("1.")]
    levels = [sum(1 for f in optional if f.get("level") == lv) for lv in ("city", "republic", "international")]
    org = report.get("organization") or {}
    return [report["participant_iin"] or "", report.get("full_name") or "", report["competition"] or "",
            org.get("name") or "", org.get("district") or "", "yes" if report["complete"] else "no",
            "not read" if report.get("application_read") is False else "read", list(report["waiting"]),
            *[items[i]["status"] if i in items else "" for i in SECTION1],
            *[rules.get(r, "") for r in RULES], *levels, " ".join(f["item"] for f in optional), report_file]


def unread_first(rows: list[list[Any]]) -> list[list[Any]]:
    """Dossiers whose application could not be read come first: a person must enter their IIN before anything."""
    col = HEAD.index("application")
    return sorted(rows, key=lambda r: r[col] != "not read")


def write_xlsx(path: Path, rows: list[list[Any]], lang: str = "kk") -> Path:
    """The overview as a workbook in `lang`: the cells coloured by their codes, the words said in `lang`."""
    wb = Workbook()
    ws = wb.active
    ws.title = word("overview.sheet", lang)
    ws.append([label(h, lang) for h in HEAD])
    for h, c in zip(HEAD, ws[1]):
        c.font = Font(bold=True)
        c.comment = Comment(_hint(h, lang), "mugalim")
    for r in rows:
        ws.append([safe_cell(shown_value(h, v, lang)) for h, v in zip(HEAD, r)])
    for r, row in zip(rows, ws.iter_rows(min_row=2)):
        for h, code, cell in zip(HEAD, r, row):
            if h == "complete":
                cell.fill = PatternFill("solid", fgColor=FILL["yes" if code == "yes" else "no"])
            elif isinstance(code, str) and code in FILL and h != "competition":
                cell.fill = PatternFill("solid", fgColor=FILL[code])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEAD))}{max(1, len(rows) + 1)}"
    ws.freeze_panes = "C2"
    for i, h in enumerate(HEAD, 1):
        ws.column_dimensions[get_column_letter(i)].width = 34 if h in ("full_name", "organization", "waiting") \
            else max(6, min(24, len(label(h, lang)) + 2))
    return _save(path, wb.save)


def write_html(path: Path, rows: list[list[Any]], *, title: str, lang: str = "kk") -> Path:
    """The same table as a page in `lang` (each header's tooltip in the other language)."""
    out = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
           "body{font-family:'PT Sans','DejaVu Sans',sans-serif}table{border-collapse:collapse}"
           "td,th{border:1px solid #999;padding:2px 6px}"
           + "".join(f".c-{k}{{background:#{v}}}" for k, v in FILL.items() if k.isalpha())
           + ".c-q{background:#FFE699}.c-unread{background:#F8CBAD}</style></head><body>",
           f"<h1>{html.escape(title)}</h1><table><tr>"]
    out += [f"<th title='{html.escape(_hint(h, lang))}'>{html.escape(label(h, lang))}</th>" for h in HEAD] + ["</tr>"]
    for r in rows:
        cells = []
        for h, v in zip(HEAD, r):
            cls = "q" if v == "?" else "unread" if v == "not read" else str(v) \
                if isinstance(v, str) and v in FILL and h != "competition" else ""
            shown = shown_value(h, v, lang)
            text = f"<a href='{html.escape(str(v))}'>{html.escape(str(v))}</a>" if h == "report" and v else \
                html.escape(str(shown))
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
