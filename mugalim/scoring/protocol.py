"""The protocols ("хаттама", rule C4) of a stage: one per commission, in Kazakh by default, in Russian with
`language: ru`, in one file `<competition>/<stage>/protocol.pdf`.

Each commission's protocol (each school, each district, the city, the grant commission) starts on a new page and
is complete on its own: its number (`protocol_number`, stable between runs), the commission by name, the date and
place of each sitting (the optional `held_on` and `place` of the attendance rows; a line to fill in by hand where
none is given), the members by name (the optional `commissions` file; member codes only where it names no one) and
who was absent, the quorum of each round, each round's scores and the totals, the decision, and its grounds: ties
and how they were resolved, each decision row applied or refused with the reason, the units waited for or gone on
without (A9), why someone ranked higher holds a lower place (E4), who left after the selection rounds (A4), who was
rejected and under which rule; then the defaults (A1–A9) in words and the signature lines. The footer of every page
carries the protocol's number and its page count. A stage of several commissions opens with a summary: the list of
protocols, the stage's rejections, the decision rows that name no unit, and the bad rows counted by kind — their
full list is `bad_rows.csv` beside the PDF (`results.write_bad_rows`). A stage of one commission (the city, the
grants) carries those in its protocol.

The texts and tables are `protocol_flow`'s cheap flowables (issue 15): a `TextBlock` draws its text as written,
so a name, unit, member, reason or setting is never read as reportlab markup (issue 16, item 5).
The font is DejaVu Sans, which has every Kazakh letter, embedded once per file. IINs are masked; names are written
in full.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, Flowable, Frame, Image, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import BaseDocTemplate
from sqlalchemy import Connection, text

from mugalim.db import query
from mugalim.errors import ConfigError, MugalimError
from mugalim.identifiers import mask
from mugalim.text import drop_controls
from mugalim.scoring.model import Decision
from mugalim.scoring.protocol_flow import BREAK, Gap, Grid, TextBlock, Together
from mugalim.scoring.protocol_text import TEXT, bad_row_kind, localize
from mugalim.scoring.results import display, replace_atomic, write_bad_rows
from mugalim.scoring.sheets import BadRow, kind_of
from mugalim.scoring.stage import StageOutcome
from mugalim.season import SeasonSettings

Commission = dict[str, dict[int, list[tuple[str, str, bool]]]]
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
BAD_ROWS_FILE = "bad_rows.csv"
STAGE_CODE = {"school": ("I", 3), "district": ("II", 2), "city": ("III", 1), "grants": ("ГК", 1)}
ROLE_ORDER = {"chair": 0, "deputy": 1, "secretary": 2, "member": 3}
TABLE_START = 35 * mm      # a table's heading goes to the next page unless its first rows fit below it


@dataclass
class ProtocolContext:
    """What the protocols say beyond the stage's outcome, read from the database (`protocol_context`)."""
    organizations: dict[str, str] = field(default_factory=dict)        # BIN → the organization's name
    school_of: dict[str, str] = field(default_factory=dict)            # IIN → the BIN of their organization
    members: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)  # unit → member → (name, pos.)
    sittings: dict[str, dict[int, list[tuple[str | None, str | None]]]] = field(default_factory=dict)  # (date, place)
    decisions: dict[tuple[str, int], Decision] = field(default_factory=dict)     # this stage's rows by (file, row)
    proceed_rows: dict[tuple[str, str], Decision] = field(default_factory=dict)  # (stage, unit) → proceed_without
    title_seasons: dict[str, list[int]] = field(default_factory=dict)            # E4: IIN → seasons of the title


def protocol_number(season: int, stage: str, index: int) -> str:
    """The protocol of the `index`-th commission (1-based, units in sorted order) of a stage: `2026-I-007` (a
    school), `2026-II-03` (a district), `2026-III-1` (the city), `2026-ГК-1` (the grant commission). The same inputs
    give the same numbers."""
    code, width = STAGE_CODE[stage]
    return f"{season}-{code}-{index:0{width}d}"


def protocol_context(conn: Connection, out: StageOutcome) -> ProtocolContext:
    """The organizations' names, the members' names, the sittings' dates and places, the stage's decision rows and
    the earlier titles (E4), for the protocols of `out`."""
    k = {"season": out.season, "competition": out.competition, "stage": out.stage}
    ctx = ProtocolContext()
    for r in conn.execute(text("SELECT participant_iin, organization_bin, organization_name FROM participants "
                               "WHERE season = :season AND competition = :competition ORDER BY participant_iin"), k):
        if r.organization_bin:
            ctx.school_of[r.participant_iin] = r.organization_bin
            if r.organization_name:
                ctx.organizations.setdefault(r.organization_bin, r.organization_name)
    for r in conn.execute(query("scoring_protocol_members"), k):
        ctx.members.setdefault(r.unit, {}).setdefault(r.member_id, (r.full_name, r.position))
    for r in conn.execute(query("scoring_protocol_sittings"), k):
        held = r.held_on if r.held_on is None or isinstance(r.held_on, str) else r.held_on.isoformat()
        ctx.sittings.setdefault(r.unit, {}).setdefault(int(r.round), []).append((held, r.place))
    for r in conn.execute(text("SELECT file, row_no, stage, unit, decision, participant_iin, place "
                               "FROM scoring_decisions WHERE season = :season AND competition = :competition "
                               "ORDER BY file, row_no"), k):
        d = Decision(r.file, int(r.row_no), r.unit, r.decision, r.participant_iin, r.place)
        if r.stage == out.stage:
            ctx.decisions[(d.file, d.row)] = d
        if r.decision == "proceed_without":
            ctx.proceed_rows.setdefault((r.stage, r.unit), d)
    if out.stage == "city":
        from mugalim.scoring.aggregate import title_seasons
        ctx.title_seasons = title_seasons(conn)
    return ctx


def member_names(conn: Connection, out: StageOutcome, unit: str) -> dict[str, str]:
    """A unit's members' names from the `commissions` files (member → name), e.g. for the charts."""
    k = {"season": out.season, "competition": out.competition, "stage": out.stage}
    names: dict[str, str] = {}
    for r in conn.execute(query("scoring_protocol_members"), k):
        if r.unit == unit:
            names.setdefault(r.member_id, r.full_name)
    return names


def _register_fonts() -> None:
    if "ProtoSans" in pdfmetrics.getRegisteredFontNames():
        return
    for d in FONT_DIRS:
        if (d / "DejaVuSans.ttf").exists():
            pdfmetrics.registerFont(TTFont("ProtoSans", str(d / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("ProtoSans-Bold", str(d / "DejaVuSans-Bold.ttf")))
            # the bold face of the family is what `protocol_flow.bold` (and `<b>` in a Paragraph) picks; the
            # protocol has no italic text (an italic face is one more font file read at every run)
            pdfmetrics.registerFontFamily("ProtoSans", normal="ProtoSans", bold="ProtoSans-Bold",
                                          italic="ProtoSans", boldItalic="ProtoSans-Bold")
            return
    raise ConfigError("protocol: the DejaVu Sans font (fonts-dejavu-core) is not installed")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="ProtoSans", fontSize=9, leading=11.5)
    return {"body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "item": ParagraphStyle("item", parent=base, leftIndent=8, spaceAfter=2),
            "title": ParagraphStyle("title", parent=base, fontName="ProtoSans-Bold", fontSize=14, leading=18,
                                    alignment=1),
            "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=1),
            "h2": ParagraphStyle("h2", parent=base, fontName="ProtoSans-Bold", fontSize=11, leading=14,
                                 spaceBefore=8, spaceAfter=3),
            "h3": ParagraphStyle("h3", parent=base, fontName="ProtoSans-Bold", fontSize=9.5, leading=12,
                                 spaceBefore=5, spaceAfter=2, keepWithNext=1),
            # a heading above a table: kept with the table's first rows by a conditional page break instead (kept
            # with the whole table, a long one would leave the rest of the page empty)
            "h3t": ParagraphStyle("h3t", parent=base, fontName="ProtoSans-Bold", fontSize=9.5, leading=12,
                                  spaceBefore=5, spaceAfter=2)}


@dataclass
class _Doc:
    """One run of `write_protocol`: the words, styles, inputs, and what every section needs."""
    t: dict[str, Any]
    st: dict[str, ParagraphStyle]
    ss: SeasonSettings
    out: StageOutcome
    names: dict[str, str]
    defaults: list[dict[str, str]]
    ctx: ProtocolContext
    commission: Commission
    units: list[str]
    numbers: dict[str, str]
    refused: dict[str, list[tuple[BadRow, Decision | None]]]     # unit ("" for none) → refused decision rows
    bad_kinds: Counter[str]
    shared: dict[str, list[Any]] = field(default_factory=dict)   # blocks every protocol of the file repeats
    shown: dict[tuple[int, int], str] = field(default_factory=dict)   # a score → as the tables show it
    warnings: dict[str | None, list[str]] = field(default_factory=dict)   # unit (None: the stage) → warnings


def _shared(doc: _Doc, key: str, make: Any) -> list[Any]:
    if key not in doc.shared:
        doc.shared[key] = make()
    return doc.shared[key]


@dataclass
class _Index:
    """The stage's lists by unit, made once per file (each section looked through the whole stage's lists: at city
    scale ×10, 3,000 units × 6,000 advancing)."""
    chosen: dict[str, list[str]]              # advancing (or granted), in their order
    tie_units: set[str]                       # units with a tie pending at the cut (A2)
    pending: dict[str, list[Any]]             # pending of the unit, or naming none but someone in it
    used: dict[str, list[Decision]]
    released: dict[str, list[Decision]]
    gone: dict[str, list[str]]                # A4: out after the selection rounds
    rejected: dict[str | None, list[Any]]


def _index(doc: _Doc) -> _Index:
    if "index" not in doc.shared:
        out = doc.out
        unit_of = out.entrants.get
        chosen: dict[str, list[str]] = defaultdict(list)
        for i in (out.advancing if out.stage != "grants" else out.grants):
            if unit_of(i) is not None:
                chosen[unit_of(i)].append(i)  # type: ignore[index]
        pending: dict[str, list[Any]] = defaultdict(list)
        for p in out.pending:
            if p.unit is not None:
                pending[p.unit].append(p)
            else:
                for u in dict.fromkeys(unit_of(i) for i in p.participants):
                    if u is not None:
                        pending[u].append(p)
        used: dict[str, list[Decision]] = defaultdict(list)
        for d in out.used:
            used[d.unit].append(d)
        released: dict[str, list[Decision]] = defaultdict(list)
        for d in getattr(out, "released", []):
            released[d.unit].append(d)
        gone: dict[str, list[str]] = defaultdict(list)
        for i in out.eliminated:
            if unit_of(i) is not None:
                gone[unit_of(i)].append(i)  # type: ignore[index]
        rejected: dict[str | None, list[Any]] = defaultdict(list)
        for r in out.rejected:
            rejected[_rejected_unit(doc, r.participant_iin)].append(r)
        doc.shared["index"] = _Index(chosen, {p.unit for p in out.pending if p.rule == "A2" and p.unit}, pending,
                                     used, released, gone, rejected)
    return doc.shared["index"]  # type: ignore[return-value]


def write_protocol(path: Path, ss: SeasonSettings, out: StageOutcome, names: dict[str, str],
                   defaults: list[dict[str, str]], charts: list[Any], commission: Commission | None = None, *,
                   conn: Connection | None = None, context: ProtocolContext | None = None) -> Path:
    """Write `protocol.pdf` and `bad_rows.csv` beside it, each atomically; returns the protocol's path.
    `commission`: unit → round → [(member, role, present)]; `context` (or `conn`, to read it): see
    `ProtocolContext`."""
    _register_fonts()
    ctx = context or (protocol_context(conn, out) if conn is not None else ProtocolContext())
    t = TEXT[ss.language]
    units = sorted(set(out.entrants.values()) | set(getattr(out, "waiting", {})))
    refused, kinds, csv_rows = _bad_rows(t, out, ctx, set(units))
    doc = _Doc(t, _styles(), ss, out, names, defaults, ctx, commission or {}, units,
               {u: protocol_number(out.season, out.stage, n) for n, u in enumerate(units, start=1)}, refused, kinds)
    known = set(units)
    for w in out.warnings:
        doc.warnings.setdefault(_warning_unit(w, known), []).append(w)
    write_bad_rows(path.parent / BAD_ROWS_FILE, csv_rows)
    chart_by_unit = defaultdict(list)
    for c in charts:
        chart_by_unit[c.stem.split("_", 1)[1]].append(c)
    state: dict[str, Any] = {"label": "", "start": 1}
    head: list[Any] = []
    if len(units) != 1:
        head += [_Mark(state, t["summary_title"].capitalize())] + _summary(doc)

    def sections() -> Iterator[list[Any]]:
        for n, unit in enumerate(units):
            yield ([PageBreak()] if head or n else []) + \
                [_Mark(state, f"{t['title'].capitalize()} {t['number']} {doc.numbers[unit]}")] + \
                _unit_section(doc, unit, chart_by_unit.get(_slug(unit), []), whole_stage=len(units) == 1)
    return replace_atomic(path, lambda p: _build(p, _Story(head, sections()), doc, state))


class _Story(list):  # type: ignore[type-arg]
    """The flowables of the file, each commission's made as the build comes near it (issue 15): at city scale ×10
    a stage has thousands of commissions, whose tables need not all be in memory at once. The build takes
    flowables from the front and asks the length before each; whole sections are added while fewer than `AHEAD`
    remain, so a flowable kept with the next one always has it in the list."""

    AHEAD = 200

    def __init__(self, head: list[Any], sections: Iterator[list[Any]]) -> None:
        super().__init__(head)
        self._more: Iterator[list[Any]] | None = sections

    def __len__(self) -> int:
        while self._more is not None and list.__len__(self) < self.AHEAD:
            section = next(self._more, None)
            if section is None:
                self._more = None
            else:
                self.extend(section)
        return list.__len__(self)


class _Mark(Flowable):
    """Zero-size: the pages from here on belong to the protocol `label` (the footer names it and counts its pages)."""

    def __init__(self, state: dict[str, Any], label: str) -> None:
        super().__init__()
        self.state, self.label = state, label
        self.width = self.height = 0

    def wrap(self, *_: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["label"], self.state["start"] = self.label, self.canv.getPageNumber()


def _build(path: Path, story: list[Any], doc: _Doc, state: dict[str, Any]) -> None:
    t, out = doc.t, doc.out

    def footer(canvas: Any, d: Any) -> None:        # at the end of each page: the protocol it belongs to is known
        page = canvas.getPageNumber()
        canvas.setFont("ProtoSans", 7)
        canvas.drawString(15 * mm, 10 * mm, f"{state['label']} — {t['stages'][out.stage]} — {out.season}")
        canvas.drawRightString(195 * mm, 10 * mm, f"{t['page']} {page - state['start'] + 1}   "
                                                  f"({t['file_page']} {page})")
    title = f"{t['doc_title']}: {t['competitions'][out.competition]} — {t['stages'][out.stage]} — " \
            f"{out.season} {t['season_word']}"
    template = BaseDocTemplate(str(path), pagesize=A4, title=title, author="mugalim", invariant=1)
    template.keepTogetherClass = Together    # a heading kept with what follows it (`keepWithNext`)
    frame = Frame(15 * mm, 16 * mm, A4[0] - 30 * mm, A4[1] - 30 * mm, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=footer)])
    template.build(story)


def _plain(value: object, style: ParagraphStyle) -> TextBlock:
    """A paragraph of plain text: nothing in `value` is read as markup."""
    return TextBlock.plain(value, style)


def _labelled(head: str, rest: str, style: ParagraphStyle) -> TextBlock:
    """`head` in bold, then `rest`: both plain text."""
    return TextBlock.labelled(head, rest, style)


def _grid(rows: list[list[Any]], widths: list[float]) -> Grid:
    """A table of the protocol: a header row, then one row per item."""
    return Grid(rows, widths, font="ProtoSans")


def _who(names: dict[str, str], iin: str) -> str:
    """A participant as plain text: the full name and the masked IIN."""
    return f"{names.get(iin) or ''} ({mask(iin)})"


def _slug(unit: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in unit)


def _source(t: dict[str, Any], file: str, row: int | None) -> str:
    return t["source"].format(file=file, row=row if row is not None else "—")


def _say(doc: _Doc, reason: str, unit: str | None = None) -> str:
    """A reason or warning in the protocol's words: translated; in its own unit's protocol without the unit's
    code in front; the city's and the grants' commissions by name, not by their unit codes."""
    said = localize(reason, doc.t["lang"])
    if unit is not None:
        for sep in (": ", ", "):
            if said.startswith(unit + sep):
                said = said[len(unit) + len(sep):]
                break
    for code in ("city", "grants"):
        said = re.sub(rf"(?<![\w-]){code}(?![\w-])", _unit_words(doc, code, code), said)
    return said


# --- the words for a unit, a feeder, the settings ----------------------------------------------------------------

def _unit_words(doc: _Doc, stage: str, unit: str) -> str:
    """A commission as people call it: a school by name with its BIN, a district by name, the city, the grants."""
    t = doc.t
    if stage == "school":
        name = doc.ctx.organizations.get(unit)
        return f"{name} ({t['bin']} {unit})" if name else f"{t['bin']} {unit}"
    if stage == "city":
        return t["city_commission"]
    if stage == "grants":
        return t["grants_commission"]
    return unit


def _feeder_words(doc: _Doc, feeder: Any) -> str:
    stage, unit = getattr(feeder, "stage", ""), getattr(feeder, "unit", str(feeder))
    template = doc.t["feeder"].get(stage, "{name}")
    return template.format(name=_unit_words(doc, stage, unit) if stage == "school" else unit)


def _rounds_words(t: dict[str, Any], rounds: list[int]) -> str:
    if len(rounds) == 1:
        return t["round_one"].format(r=rounds[0])
    return t["round_many"].format(rs=", ".join(map(str, rounds)))


def _sitting_lines(doc: _Doc, unit: str) -> list[tuple[str, str]]:
    """`held_on` and `place` of each sitting (round), rounds with the same value grouped; a line to fill in by hand
    where no value is given."""
    t = doc.t
    sittings = doc.ctx.sittings.get(unit, {})
    rounds = doc.out.expected_rounds.get(unit) or sorted(sittings)
    lines = []
    for head, i, shown in ((t["held_on"], 0, _date_words), (t["place"], 1, str)):
        groups: dict[str, list[int]] = {}
        for r in rounds:
            values = sorted({v[i] for v in sittings.get(r, []) if v[i]})
            groups.setdefault(", ".join(shown(v) for v in values) or t["fill"], []).append(r)
        if len(groups) <= 1:
            lines.append((head, next(iter(groups), t["fill"])))
        else:
            lines.append((head, "; ".join(f"{v} ({_rounds_words(t, rs)})" for v, rs in groups.items())))
    return lines


def _date_words(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso[:10]):%d.%m.%Y}"
    except ValueError:
        return iso


def _setting_words(doc: _Doc, rule: str) -> str:
    """The season's setting behind a default, in words (never the setting's key)."""
    words, ss, out = doc.t["setting_words"], doc.ss, doc.out
    if rule == "A1":
        return words.get(ss.round_aggregation, "")
    if rule == "A2":
        return words.get(ss.tie_policy, "")
    if rule == "A4":
        cut = (ss.selection_cutoff or {}).get(out.stage)
        return words["cut_n"].format(n=cut) if cut else words["cut_none"]
    if rule == "A3":
        one = words["one_per_phone"] if ss.votes.one_per_phone else words["many_per_phone"]
        return words["votes"].format(h=ss.votes.window_hours, one=one,
                                     points=words["points"].get(ss.votes.points, ""))
    if rule == "A8":
        return words["min_members"].format(n=ss.commission_min_members)
    if rule == "A7":
        return words["grants"].format(budget=_money(ss.grants.budget_kzt), amount=_money(_grant_kzt(ss)),
                                      n=out.slots if out.slots is not None else 0)
    return ""


def _grant_kzt(ss: SeasonSettings) -> Decimal:
    try:
        return ss.grant_kzt() if hasattr(ss, "grant_kzt") else ss.grants.amount_kzt
    except MugalimError:
        return ss.grants.amount_kzt


def _money(x: Decimal) -> str:
    return f"{x:,.0f}".replace(",", " ") if x == x.to_integral_value() else f"{x:,.2f}".replace(",", " ")


# --- bad rows and refused decisions ------------------------------------------------------------------------------

def _bad_rows(t: dict[str, Any], out: StageOutcome, ctx: ProtocolContext, units: set[str]
              ) -> tuple[dict[str, list[tuple[BadRow, Decision | None]]], Counter[str], list[dict[str, Any]]]:
    """Refused decision rows by unit ("" when they name none of the stage's units), bad rows counted by kind, and
    the rows of bad_rows.csv."""
    refused: dict[str, list[tuple[BadRow, Decision | None]]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    rows = []
    for b in out.bad_rows:
        is_decision = b.row is not None and kind_of(b.file) == "decisions"
        kind = bad_row_kind(b.row, b.reason, decision=is_decision)
        kinds[kind] += 1
        rows.append({"file": b.file, "row": b.row if b.row is not None else "", "kind": t["bad_kinds"][kind],
                     "reason": localize(b.reason, t["lang"]), "reason_en": b.reason})
        if is_decision:
            d = ctx.decisions.get((b.file, b.row))  # type: ignore[arg-type]
            refused[d.unit if d is not None and d.unit in units else ""].append((b, d))
    return refused, kinds, rows


def _bad_rows_block(doc: _Doc) -> list[Any]:
    t, st = doc.t, doc.st
    n = sum(doc.bad_kinds.values())
    if not n:
        return [_labelled(t["bad_rows"], f": {t['bad_rows_none']}", st["body"])]
    story: list[Any] = [_plain(t["bad_rows"], st["h3"]),
                        _plain(t["bad_rows_intro"].format(n=n, file=BAD_ROWS_FILE), st["body"])]
    story += [_plain(f"— {t['bad_kinds'][k]}: {c}", st["item"]) for k, c in
              sorted(doc.bad_kinds.items(), key=lambda kc: (-kc[1], kc[0]))]
    return story


def _decision_words(doc: _Doc, d: Decision | None) -> str:
    t = doc.t
    if d is None:
        return t["what_other"]
    if d.decision == "proceed_without":
        return t["what_proceed"].format(unit=_unit_words(doc, doc.out.stage, d.unit))
    who = _who(doc.names, d.participant_iin) if d.participant_iin else ""
    if d.decision == "place":
        return t["what_place"].format(who=who, place=t["places"].get(d.place or "", d.place or ""))
    return t["what_advance"].format(who=who)


def _refused_lines(doc: _Doc, unit: str) -> list[tuple[str, str]]:
    t = doc.t
    return [(t["refused"], ": " + t["refused_text"].format(what=_decision_words(doc, d),
                                                           source=_source(t, b.file, b.row),
                                                           reason=_say(doc, b.reason, unit or None)))
            for b, d in doc.refused.get(unit, [])]


# --- the stage summary -------------------------------------------------------------------------------------------

def _summary(doc: _Doc) -> list[Any]:
    t, st, out = doc.t, doc.st, doc.out
    story = [_plain(t["summary_title"], st["title"])] + _stage_heading(doc)
    story.append(_plain(t["summary_intro"].format(n=len(doc.units)) if doc.units else t["summary_none"],
                        st["body"]))
    story.append(Gap(4))
    rows = [[t["summary_cols"][0], t["summary_cols"][1], t["summary_cols"][2], t["summary_cols"][3]]]
    members = out.units()
    for unit in doc.units:
        rows.append([doc.numbers[unit], _plain(_unit_words(doc, out.stage, unit), st["small"]),
                     str(len(members.get(unit, []))), _plain(_short_decision(doc, unit), st["small"])])
    story.append(_grid(rows, [25 * mm, 84 * mm, 27 * mm, 44 * mm]))
    story.append(Gap(6))
    return story + _stage_wide(doc, all_rejected=True) + _defaults(doc)


def _short_decision(doc: _Doc, unit: str) -> str:
    t, out = doc.t["summary_decision"], doc.out
    if unit in getattr(out, "waiting", {}):
        return t["waiting"]
    if unit in out.undecided:
        return t["undecided"]
    parts = []
    if out.stage == "city":
        parts.append(t["places"])
    elif out.stage == "grants":
        parts.append(t["granted"].format(n=len(_index(doc).chosen.get(unit, []))))
    else:
        parts.append(t["advance"].format(n=len(_index(doc).chosen.get(unit, []))))
    if unit in _index(doc).tie_units:
        parts.append(t["pending"])
    return "; ".join(parts)


def _stage_heading(doc: _Doc) -> list[Any]:
    return _shared(doc, "heading", lambda: _make_stage_heading(doc))


def _make_stage_heading(doc: _Doc) -> list[Any]:
    t, st, ss, out = doc.t, doc.st, doc.ss, doc.out
    window = ss.windows.get(out.stage if out.stage != "grants" else "grants_portfolio")
    lines = [_plain(t["competitions"][out.competition], st["sub"]),
             _plain(f"{t['stages'][out.stage]} · {out.season}", st["sub"]), Gap(4),
             _plain(t["decree"], st["small"])]
    if window:
        lines.append(_plain(f"{t['window']}: {window[0]:%d.%m.%Y} – {window[1]:%d.%m.%Y} (S1)", st["small"]))
    return lines + [Gap(6)]


def _stage_wide(doc: _Doc, *, all_rejected: bool) -> list[Any]:
    """What belongs to the whole stage: rejections, decision rows naming no unit, warnings, bad rows by kind."""
    t, st, out = doc.t, doc.st, doc.out
    story: list[Any] = []
    if all_rejected and out.rejected:
        story.append(_plain(t["rejected"], st["h3"]))
        story += [_plain(_rejection(doc, r), st["item"]) for r in out.rejected]
    lines = _refused_lines(doc, "")
    if lines:
        story.append(_plain(t["refused_elsewhere"], st["h3"]))
        story += [_labelled(h, x, st["item"]) for h, x in lines]
    warnings = doc.warnings.get(None, [])
    if warnings:
        story.append(_plain(t["warnings"], st["h3"]))
        story += [_plain(_say(doc, w), st["item"]) for w in warnings]
    return story + _bad_rows_block(doc) + [Gap(4)]


def _rejection(doc: _Doc, r: Any) -> str:
    return f"{_who(doc.names, r.participant_iin)} — {r.rule}: {_say(doc, r.reason)}"


def _warning_unit(w: str, units: set[str]) -> str | None:
    """The unit a warning is about (`<unit>: …` or `<unit>, round N: …`), if any."""
    head = w.split(": ", 1)[0].split(", ", 1)[0]
    return head if head in units else None


# --- one commission's protocol -----------------------------------------------------------------------------------

def _unit_section(doc: _Doc, unit: str, charts: list[Path], *, whole_stage: bool) -> list[Any]:
    t, st, out = doc.t, doc.st, doc.out
    story: list[Any] = [_plain(f"{t['title']} {t['number']} {doc.numbers[unit]}", st["title"])]
    story += _stage_heading(doc)[:-1]
    story.append(Gap(4))
    story.append(_labelled(t["unit_line"][out.stage], f": {_unit_words(doc, out.stage, unit)}", st["body"]))
    story += [_labelled(head, f": {value}", st["body"]) for head, value in _sitting_lines(doc, unit)]
    story.append(Gap(4))
    story += _sessions_table(doc, unit)
    story += _members(doc, unit)
    story += _scores_table(doc, unit)
    story += _decision(doc, unit)
    story += _grounds(doc, unit)
    rejected = _index(doc).rejected.get(unit, []) if not whole_stage else []
    if rejected:
        story.append(_plain(t["rejected"], st["h3"]))
        story += [_plain(_rejection(doc, r), st["item"]) for r in rejected]
    warnings = doc.warnings.get(unit, [])
    if warnings:
        story.append(_plain(t["warnings"], st["h3"]))
        story += [_plain(_say(doc, w, unit), st["item"]) for w in warnings]
    if whole_stage:
        story += _stage_wide(doc, all_rejected=True)
    story.append(Together(_defaults(doc)))
    story.append(_signatures(doc, unit))
    story += [_ChartImage(c) for c in charts]
    return story


class _ChartImage(Flowable):
    """A chart, placed when the build reaches it: the charts are drawn in worker processes while the protocol is
    laid out (`charts.start_charts`), and this waits for its own file only here. A tall chart is narrowed to fit
    one page."""

    def __init__(self, chart: Any) -> None:
        super().__init__()
        self.chart = chart
        self._img: Image | None = None

    def _image(self) -> Image:
        if self._img is None:
            path = self.chart.ready() if hasattr(self.chart, "ready") else self.chart
            ratio = _ratio(path)
            width = min(170 * mm, 220 * mm / ratio)
            self._img = Image(str(path), width=width, height=width * ratio)
        return self._img

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._image().wrap(availWidth, availHeight)
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._image().drawOn(canvas, x, y, _sW)


def _rejected_unit(doc: _Doc, iin: str) -> str | None:
    if doc.out.stage == "school":
        return doc.ctx.school_of.get(iin)
    return doc.units[0] if doc.units else None


def _ratio(path: Path) -> float:
    from PIL import Image as PILImage
    with PILImage.open(path) as im:
        return im.height / im.width


def _sessions_table(doc: _Doc, unit: str) -> list[Any]:
    """C1, C2, C3: each session's size, who was present, the quorum, who presided."""
    t, st, out = doc.t, doc.st, doc.out
    rounds = out.expected_rounds.get(unit, [])
    if not rounds:
        return []
    rows: list[list[Any]] = [[t["round"], t["members"], t["present"], t["quorum"], t["presiding"]]]
    invalid = {i.round: i for i in out.grouped("invalid").get(unit, [])}
    for r in rounds:
        s = out.sessions.get((unit, r))
        if s is None:
            rows.append([r, "—", "—", _plain(t["no_session"], st["small"]), "—"])
            continue
        ok = t["valid"] if r not in invalid else f"{t['invalid']}: {invalid[r].rule}"
        presiding = t["chair"] if s.chair_present else t["deputy_acts"] if s.deputy_present else t["nobody"]
        rows.append([r, s.members, f"{s.present} ({s.present / s.members:.0%})" if s.members else "0",
                     drop_controls(f"{ok} (≥ ⅔: {-(-2 * s.members // 3)})"), presiding])   # a str cell: no markup
    table = _grid(rows, [18 * mm, 28 * mm, 30 * mm, 60 * mm, 44 * mm])
    return [CondPageBreak(TABLE_START), _plain(t["commission"], st["h3t"]), table, Gap(4)]


def _member_label(doc: _Doc, unit: str, member: str) -> str:
    """A member by name (and position) where the `commissions` file names them; the code otherwise."""
    named = doc.ctx.members.get(unit, {}).get(member)
    if not named:
        return member
    name, position = named
    return f"{name}, {position}" if position else name


def _members(doc: _Doc, unit: str) -> list[Any]:
    """The commission as its attendance lists it (roles, names), and who was absent at each round (C3)."""
    t, st = doc.t, doc.st
    sessions = doc.commission.get(unit, {})
    roles: dict[str, str] = {}
    for rows in sessions.values():
        for m, role, _ in rows:
            roles.setdefault(m, role)
    if not roles:
        return []
    order = sorted(roles, key=lambda m: (ROLE_ORDER.get(roles[m], 9), _member_label(doc, unit, m)))
    listed = "; ".join(_member_label(doc, unit, m) + (f" ({t['roles'][roles[m]]})" if roles[m] in t["roles"]
                                                      else "") for m in order)
    names = doc.ctx.members.get(unit, {})
    absent = [f"{_rounds_words(t, [r])}: {', '.join(names[m][0] if m in names else m for m, _, p in rows if not p)}"
              for r, rows in sorted(sessions.items()) if any(not p for _, _, p in rows)]
    return [_labelled(t["composition"], f" ({len(roles)}): {listed}", st["small"]),
            _labelled(t["absent"], f": {'; '.join(absent) if absent else t['none_absent']}", st["small"]),
            Gap(4)]


def _scores_table(doc: _Doc, unit: str) -> list[Any]:
    t, st, out = doc.t, doc.st, doc.out
    rounds = out.expected_rounds.get(unit, [])
    ranked = out.grouped("ranking").get(unit, [])
    if not ranked:
        return []
    scores = {(r.participant_iin, r.round): r.score for r in out.grouped("rounds").get(unit, [])}
    header = ["№", t["participant"], *[f"{t['r']}{r}" for r in rounds], t["total"], t["rank"]]
    rows: list[list[Any]] = [header]
    show_school = out.stage != "school"
    width = 180 * mm
    fixed = 10 * mm + len(rounds) * 14 * mm + 19 * mm + 13 * mm
    for n, r in enumerate(ranked, start=1):
        i = r.participant_iin
        school = doc.ctx.organizations.get(doc.ctx.school_of.get(i, "")) if show_school else None
        who: Any = f"{drop_controls(doc.names.get(i) or '')} ({mask(i)})"
        if school or pdfmetrics.stringWidth(who, "ProtoSans", 8) > width - fixed - 6:   # else it wraps
            small = st["small"]
            who = TextBlock([(drop_controls(f"{doc.names.get(i) or ''} "), small.fontName, small.fontSize),
                             (f"({mask(i)})", small.fontName, 6.5)]
                            + ([BREAK, (drop_controls(school), small.fontName, 6.5)] if school else []), small)
        cells = [_score(doc, scores[(i, k)]) if (i, k) in scores else "—" for k in rounds]
        rows.append([n, who, *cells, _score(doc, r.total), r.rank])
    table = _grid(rows, [10 * mm, width - fixed, *[14 * mm] * len(rounds), 19 * mm, 13 * mm])
    note = t["votes_note"] if out.stage == "city" and out.vote_points else ""
    return [CondPageBreak(TABLE_START), _plain(t["scores"], st["h3t"]), table,
            *_shared(doc, "scores_note", lambda: [_plain(t["scores_note"] + note, st["small"])]),
            Gap(4)]


def _score(doc: _Doc, x: Fraction) -> str:
    """An exact score as the tables show it (`display`, 3 decimals), each value worked out once: a stage's
    tables show the same few hundred values tens of thousands of times."""
    key = (x.numerator, x.denominator)
    shown = doc.shown.get(key)
    if shown is None:
        shown = doc.shown[key] = f"{display(x):.3f}"
    return shown


def _decision(doc: _Doc, unit: str) -> list[Any]:
    t, st, out = doc.t, doc.st, doc.out
    who = lambda i: _who(doc.names, i)  # noqa: E731  (plain text: `_labelled` escapes it)
    lines: list[tuple[str, str]] = []                                   # (bold, the rest): plain text
    waiting = getattr(out, "waiting", {}).get(unit)
    if waiting:
        feeders = ", ".join(_feeder_words(doc, f) for f in waiting)
        lines.append((t["waiting"], ": " + t["waiting_text"].format(feeders=feeders)))
    elif unit in out.undecided:
        lines.append((t["undecided"], ": " + _say(doc, "; ".join(out.undecided[unit]), unit)))
    elif out.stage == "city":
        lines += [(t["places"][p], f": {who(i) if i else t['pending_word']}") for p, i in out.prizes.items()]
    else:
        chosen = _index(doc).chosen.get(unit, [])
        key = "advance" if out.stage != "grants" else "granted"
        lines.append((t[key], ": " + (", ".join(who(i) for i in chosen) or "—")))
    story = [_plain(t["decision"], st["h3"])] + [_labelled(h, x, st["body"]) for h, x in lines] + [Gap(4)]
    if out.stage == "city" and out.votes:
        story += _votes_table(doc)
    return story


def _grounds(doc: _Doc, unit: str) -> list[Any]:
    """The grounds of the decision: ties resolved, decision rows applied or refused, units waited for or gone on
    without (A9), E4, A4. A decision on the totals alone says so."""
    t, st, out = doc.t, doc.st, doc.out
    lines: list[tuple[str, str]] = []
    ranked = {r.participant_iin: r for r in out.grouped("ranking").get(unit, [])}
    index = _index(doc)
    waiting = getattr(out, "waiting", {}).get(unit)
    for p in index.pending.get(unit, []):         # ties and other questions left to a decision (A2, A6, S1)
        if p.rule == "A9" or (p.unit == unit and (unit in out.undecided or waiting)):
            continue
        lines.append((t["pending"] + f" ({p.rule})", f": {', '.join(_who(doc.names, i) for i in p.participants)}"
                                                     f" — {_say(doc, p.reason, unit)}"))
    for d in index.used.get(unit, []):
        if out.stage == "grants" and d.decision == "advance":
            lines.append((t["a6_kept"], ": " + t["a6_text"].format(who=_who(doc.names, d.participant_iin),
                                                                   source=_source(t, d.file, d.row))))
            continue
        lines.append((t["tie_resolved"] + " (A2)", ": " + _tie_words(doc, d, ranked)))
    for d in index.released.get(unit, []):
        lines.append((t["released"], ": " + t["released_text"].format(source=_source(t, d.file, d.row))))
    for f in getattr(out, "proceeded", {}).get(unit, []):
        row = doc.ctx.proceed_rows.get((f.stage, f.unit))
        source = _source(t, row.file, row.row) if row else ""
        lines.append((t["proceeded"], ": " + t["proceeded_text"].format(feeder=_feeder_words(doc, f),
                                                                        source=source)))
    lines += _e4_lines(doc, unit, ranked)
    gone = index.gone.get(unit, [])
    if gone:
        lines.append((t["eliminated"], ": " + t["eliminated_text"].format(
            who=", ".join(_who(doc.names, i) for i in sorted(gone)))))
    lines += _refused_lines(doc, unit)
    story: list[Any] = [_plain(t["grounds"], st["h3"])]
    if not lines and (waiting or unit in out.undecided):
        return []                                 # the decision's own line says why nothing is decided
    if not lines:
        return story + [_plain(t["no_grounds"], st["body"]), Gap(4)]
    return story + [_labelled(h, x, st["item"]) for h, x in lines] + [Gap(4)]


def _tie_words(doc: _Doc, d: Decision, ranked: dict[str, Any]) -> str:
    t = doc.t
    mine = ranked.get(d.participant_iin)
    tied = [i for i, r in ranked.items() if mine is not None and r.total == mine.total] or [d.participant_iin]
    what = t["places"].get(d.place or "", d.place) if d.decision == "place" else t["advance"][:1].lower() + \
        t["advance"][1:]
    return t["tie_text"].format(tied=", ".join(_who(doc.names, i) for i in tied),
                                total=f"{display(mine.total):.3f}" if mine else "—",
                                source=_source(t, d.file, d.row), who=_who(doc.names, d.participant_iin), what=what)


def _e4_lines(doc: _Doc, unit: str, ranked: dict[str, Any]) -> list[tuple[str, str]]:
    """E4: someone ranked above the Grand Prix holder who cannot hold the title, with the season of their title."""
    t, out = doc.t, doc.out
    if out.stage != "city":
        return []
    gp = out.prizes.get("grand_prix")
    if gp not in ranked:
        return []                                 # no Grand Prix given (yet): nobody was passed over for it
    lines = []
    for iin in sorted(out.cannot_hold_title & set(ranked), key=lambda i: ranked[i].rank):
        rank = ranked[iin].rank
        if rank >= ranked[gp].rank:
            continue
        seasons = sorted(y for y in doc.ctx.title_seasons.get(iin, []) if out.season - 4 <= y < out.season)
        held = next((p for p, i in out.prizes.items() if i == iin), None)
        lines.append((t["e4"], ": " + t["e4_text"].format(
            who=_who(doc.names, iin), short=doc.names.get(iin) or mask(iin), rank=rank,
            seasons=", ".join(map(str, seasons)) or "—",
            place=t["places"][held] if held else t["no_place"])))
    return lines


def _votes_table(doc: _Doc) -> list[Any]:
    """S5, A3: each finalist's SMS votes: received, counted, outside the window, repeats (and points, if any)."""
    t, st, out = doc.t, doc.st, doc.out
    rows: list[list[Any]] = [[t["participant"], t["received"], t["counted"], t["outside"], t["repeats"],
                              t["points"]]]
    for i, v in sorted(out.votes.items(), key=lambda kv: -kv[1].counted):
        rows.append([_plain(_who(doc.names, i), st["small"]), v.received, v.counted, v.outside,
                     v.repeats, out.vote_points.get(i, "—")])
    table = _grid(rows, [62 * mm, 23 * mm, 23 * mm, 26 * mm, 26 * mm, 20 * mm])
    return [CondPageBreak(TABLE_START), _plain(t["votes"] + " (S5, A3)", st["h3t"]), table, Gap(4)]


def _defaults(doc: _Doc) -> list[Any]:
    """The defaults (A1–A9) this stage used, with the season's settings in words: part of what each commission
    signs."""
    return _shared(doc, "defaults", lambda: _make_defaults(doc))


def _make_defaults(doc: _Doc) -> list[Any]:
    t, st = doc.t, doc.st
    story: list[Any] = [_plain(t["defaults"], st["h3"])]
    for d in doc.defaults:
        text_ = t["default_text"].get(d["id"], d["text"])
        words = _setting_words(doc, d["id"])
        line = f"{text_}. {t['setting_words']['season']}: {words}" if words else text_
        story.append(_labelled(d["id"], f": {line}", st["small"]))
    return story + [Gap(4)]


def _signatures(doc: _Doc, unit: str) -> Together:
    """C4: the chair and the secretary sign each commission's decision (names printed where the commission file
    gives them)."""
    t = doc.t
    by_role: dict[str, str] = {}
    for rows in doc.commission.get(unit, {}).values():
        for m, role, _ in rows:
            if role in ("chair", "secretary") and m in doc.ctx.members.get(unit, {}):
                by_role.setdefault(role, drop_controls(doc.ctx.members[unit][m][0]))   # a str cell: no markup
    hint = t["signature_hint"]
    sign = Grid([[t["chair_sign"], "_" * 28, by_role.get("chair", hint)],
                 [t["secretary_sign"], "_" * 28, by_role.get("secretary", hint)]],
                [50 * mm, 70 * mm, 60 * mm], font="ProtoSans", size=9, header=False, ruled=False, valign="BOTTOM",
                heights=[12 * mm, 12 * mm])
    return Together([Gap(4), sign, Gap(6)])
