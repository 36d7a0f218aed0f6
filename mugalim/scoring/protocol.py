"""The protocol ("хаттама", rule C4) a commission signs: in Kazakh by default, in Russian with `language: ru`.

For each unit: the commission and who was present at each session, the quorum, each round's scores and the totals,
the decision, the ties and how they were resolved; then who was rejected and why, the defaults (A1–A8) that applied,
and signature lines for the chair and the secretary. The font is DejaVu Sans, which has every Kazakh letter.
IINs are masked; names are written in full.

Every text that is not the protocol's own markup goes into a `Paragraph` through `markup_text` (`_plain`, `_labelled`):
a name, unit, member, reason or setting is shown as written, never read as reportlab markup (issue 16, item 5).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from mugalim.errors import ConfigError
from mugalim.identifiers import mask
from mugalim.pdfmarkup import markup_text
from mugalim.scoring.protocol_text import TEXT, localize
from mugalim.scoring.results import display, replace_atomic
from mugalim.scoring.stage import StageOutcome
from mugalim.season import SeasonSettings

Commission = dict[str, dict[int, list[tuple[str, str, bool]]]]
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _register_fonts() -> None:
    if "ProtoSans" in pdfmetrics.getRegisteredFontNames():
        return
    for d in FONT_DIRS:
        if (d / "DejaVuSans.ttf").exists():
            pdfmetrics.registerFont(TTFont("ProtoSans", str(d / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("ProtoSans-Bold", str(d / "DejaVuSans-Bold.ttf")))
            return
    raise ConfigError("protocol: the DejaVu Sans font (fonts-dejavu-core) is not installed")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="ProtoSans", fontSize=9, leading=11.5)
    return {"body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "title": ParagraphStyle("title", parent=base, fontName="ProtoSans-Bold", fontSize=14, leading=18,
                                    alignment=1),
            "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=1),
            "h2": ParagraphStyle("h2", parent=base, fontName="ProtoSans-Bold", fontSize=11, leading=14,
                                 spaceBefore=8, spaceAfter=3),
            "h3": ParagraphStyle("h3", parent=base, fontName="ProtoSans-Bold", fontSize=9.5, leading=12,
                                 spaceBefore=5, spaceAfter=2)}


def write_protocol(path: Path, ss: SeasonSettings, out: StageOutcome, names: dict[str, str],
                   defaults: list[dict[str, str]], charts: list[Path], commission: Commission | None = None) -> Path:
    """Write `protocol.pdf` atomically; returns its path. `commission`: unit → round → [(member, role, present)]."""
    _register_fonts()
    t = TEXT[ss.language]
    st = _styles()
    story: list[Any] = _heading(t, st, ss, out) + _defaults(t, st, defaults)
    chart_by_unit = defaultdict(list)
    for c in charts:
        chart_by_unit[c.stem.split("_", 1)[1]].append(c)
    for n, unit in enumerate(sorted(set(out.entrants.values()))):
        if n:
            story.append(PageBreak())
        story += _unit_section(t, st, out, unit, names, chart_by_unit.get(_slug(unit), []),
                               (commission or {}).get(unit, {}))
    story += _closing(t, st, out, names)
    return replace_atomic(path, lambda p: _build(p, story, t, out))


def _plain(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: nothing in `text` is read as markup."""
    return Paragraph(markup_text(text), style)


def _labelled(head: str, rest: str, style: ParagraphStyle) -> Paragraph:
    """`head` in bold, then `rest`: both plain text."""
    return Paragraph(f"<b>{markup_text(head)}</b>{markup_text(rest)}", style)


def _who(names: dict[str, str], iin: str) -> str:
    """A participant as plain text: the full name and the masked IIN."""
    return f"{names.get(iin) or ''} ({mask(iin)})"


def _slug(unit: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in unit)


def _build(path: Path, story: list[Any], t: dict[str, Any], out: StageOutcome) -> None:
    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont("ProtoSans", 7)
        canvas.drawString(15 * mm, 10 * mm, f"{t['title']} — {t['stages'][out.stage]} — {out.season}")
        canvas.drawRightString(195 * mm, 10 * mm, f"{t['page']} {doc.page}")
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=f"{t['title']} {out.stage} {out.season}",
                            author="mugalim", invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _heading(t: dict[str, Any], st: dict[str, ParagraphStyle], ss: SeasonSettings, out: StageOutcome) -> list[Any]:
    window = ss.windows.get(out.stage if out.stage != "grants" else "grants_portfolio")
    lines = [_plain(t["title"], st["title"]),
             _plain(t["competitions"][out.competition], st["sub"]),
             _plain(f"{t['stages'][out.stage]} · {out.season}", st["sub"]),
             Spacer(1, 4),
             _plain(t["decree"], st["small"])]
    if window:
        lines.append(_plain(f"{t['window']}: {window[0]:%d.%m.%Y} – {window[1]:%d.%m.%Y} (S1)", st["small"]))
    return lines + [Spacer(1, 6)]


def _unit_section(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome, unit: str,
                  names: dict[str, str], charts: list[Path], sessions: dict[int, list[tuple[str, str, bool]]]
                  ) -> list[Any]:
    story: list[Any] = [_plain(f"{t['unit'][out.stage]}: {unit}", st["h2"])]
    story += _sessions_table(t, st, out, unit)
    story += _members(t, st, sessions)
    story += _scores_table(t, st, out, unit, names)
    story += _decision(t, st, out, unit, names)
    story.append(_signatures(t))
    for c in charts:
        width = min(170 * mm, 220 * mm / _ratio(c))          # a tall chart is narrowed to fit one page
        story.append(Image(str(c), width=width, height=width * _ratio(c)))
    return story


def _ratio(path: Path) -> float:
    from PIL import Image as PILImage
    with PILImage.open(path) as im:
        return im.height / im.width


def _sessions_table(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome, unit: str) -> list[Any]:
    """C1, C2, C3: each session's size, who was present, the quorum, who presided."""
    rows: list[list[Any]] = [[t["round"], t["members"], t["present"], t["quorum"], t["presiding"]]]
    invalid = {i.round: i for i in out.grouped("invalid").get(unit, [])}
    for r in out.expected_rounds.get(unit, []):
        s = out.sessions.get((unit, r))
        if s is None:
            rows.append([r, "—", "—", _plain(t["no_session"], st["small"]), "—"])
            continue
        ok = t["valid"] if r not in invalid else f"{t['invalid']}: {invalid[r].rule}"
        presiding = t["chair"] if s.chair_present else t["deputy_acts"] if s.deputy_present else t["nobody"]
        rows.append([r, s.members, f"{s.present} ({s.present / s.members:.0%})" if s.members else "0",
                     _plain(f"{ok} (≥ ⅔: {-(-2 * s.members // 3)})", st["small"]), presiding])
    table = Table(rows, colWidths=[18 * mm, 28 * mm, 30 * mm, 60 * mm, 44 * mm], repeatRows=1)
    table.setStyle(_grid())
    return [_plain(t["commission"], st["h3"]), table, Spacer(1, 4)]


def _members(t: dict[str, Any], st: dict[str, ParagraphStyle],
             sessions: dict[int, list[tuple[str, str, bool]]]) -> list[Any]:
    """The commission as its attendance lists it (roles), and who was absent at each round (C3)."""
    roles: dict[str, str] = {}
    for rows in sessions.values():
        for m, role, _ in rows:
            roles.setdefault(m, role)
    if not roles:
        return []
    listed = ", ".join(f"{m}" + (f" ({t['roles'][r]})" if r != "member" else "") for m, r in sorted(roles.items()))
    absent = [f"{t['round']} {r}: {', '.join(m for m, _, p in rows if not p)}"
              for r, rows in sorted(sessions.items()) if any(not p for _, _, p in rows)]
    return [_labelled(t["composition"], f" ({len(roles)}): {listed}", st["small"]),
            _labelled(t["absent"], f": {'; '.join(absent) if absent else t['none_absent']}", st["small"]),
            Spacer(1, 4)]


def _scores_table(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome, unit: str,
                  names: dict[str, str]) -> list[Any]:
    rounds = out.expected_rounds.get(unit, [])
    scores = {(r.participant_iin, r.round): r.score for r in out.grouped("rounds").get(unit, [])}
    header = ["№", t["participant"], *[f"{t['r']}{r}" for r in rounds], t["total"], t["rank"]]
    rows: list[list[Any]] = [header]
    for n, r in enumerate(out.grouped("ranking").get(unit, []), start=1):
        i = r.participant_iin
        who = Paragraph(f"{markup_text(names.get(i) or '')} <font size=6.5>({markup_text(mask(i))})</font>",
                        st["small"])
        cells = [f"{display(scores[(r.participant_iin, k)]):.3f}" if (r.participant_iin, k) in scores else "—"
                 for k in rounds]
        rows.append([n, who, *cells, f"{display(r.total):.3f}", r.rank])
    width = 180 * mm
    fixed = 10 * mm + len(rounds) * 14 * mm + 19 * mm + 13 * mm
    table = Table(rows, colWidths=[10 * mm, width - fixed, *[14 * mm] * len(rounds), 19 * mm, 13 * mm],
                  repeatRows=1)
    table.setStyle(_grid())
    note = t["votes_note"] if out.stage == "city" and out.vote_points else ""
    return [_plain(t["scores"], st["h3"]), table, _plain(t["scores_note"] + note, st["small"]), Spacer(1, 4)]


def _decision(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome, unit: str,
              names: dict[str, str]) -> list[Any]:
    who = lambda i: _who(names, i)  # noqa: E731  (plain text: `_labelled` escapes it)
    members = set(out.units().get(unit, []))
    lines: list[tuple[str, str]] = []                                   # (bold, the rest): plain text
    if unit in out.undecided:
        lines.append((t["undecided"], ": " + localize("; ".join(out.undecided[unit]), t["lang"])))
    elif out.stage == "city":
        lines += [(t["places"][p], f": {who(i) if i else t['pending_word']}") for p, i in out.prizes.items()]
    else:
        chosen = [i for i in (out.advancing if out.stage != "grants" else out.grants) if i in members]
        key = "advance" if out.stage != "grants" else "granted"
        lines.append((t[key], ": " + (", ".join(who(i) for i in chosen) or "—")))
    for p in out.pending:
        if (p.unit == unit or set(p.participants) & members) and unit not in out.undecided:
            lines.append((t["pending"], f" ({p.rule}): {', '.join(who(i) for i in p.participants)} — "
                                        f"{localize(p.reason, t['lang'])}"))
    for d in out.used:
        if d.unit == unit:
            what = t["places"].get(d.place or "", d.place) if d.decision == "place" else t["advance"]
            lines.append((t["tie_resolved"], f" (A2): {who(d.participant_iin)} → {what} "
                                             f"({d.file}, {t['row']} {d.row})"))
    story = [_plain(t["decision"], st["h3"])] + [_labelled(h, x, st["body"]) for h, x in lines] + [Spacer(1, 4)]
    if out.stage == "city" and out.votes:
        story += _votes_table(t, st, out, names)
    return story


def _votes_table(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome,
                 names: dict[str, str]) -> list[Any]:
    """S5, A3: each finalist's SMS votes: received, counted, outside the window, repeats (and points, if any)."""
    rows: list[list[Any]] = [[t["participant"], t["received"], t["counted"], t["outside"], t["repeats"],
                              t["points"]]]
    for i, v in sorted(out.votes.items(), key=lambda kv: -kv[1].counted):
        rows.append([_plain(_who(names, i), st["small"]), v.received, v.counted, v.outside,
                     v.repeats, out.vote_points.get(i, "—")])
    table = Table(rows, colWidths=[62 * mm, 23 * mm, 23 * mm, 26 * mm, 26 * mm, 20 * mm], repeatRows=1)
    table.setStyle(_grid())
    return [_plain(t["votes"] + " (S5, A3)", st["h3"]), table, Spacer(1, 4)]


def _defaults(t: dict[str, Any], st: dict[str, ParagraphStyle], defaults: list[dict[str, str]]) -> list[Any]:
    """The defaults (A1–A8) this stage used, with the season's settings: part of what each commission signs."""
    story: list[Any] = [_plain(t["defaults"], st["h3"])]
    story += [Paragraph(_default_line(t, d), st["small"]) for d in defaults]
    return story + [Spacer(1, 4)]


def _default_line(t: dict[str, Any], d: dict[str, str]) -> str:
    """`<b>A1</b>: what it says [the season's setting]`, as markup with every value escaped."""
    text = t["default_text"].get(d["id"], d["text"])
    setting = f" <font size=7>[{markup_text(d['setting'])}]</font>" if d.get("setting") else ""
    return f"<b>{markup_text(d['id'])}</b>: {markup_text(text)}{setting}"


def _signatures(t: dict[str, Any]) -> KeepTogether:
    """C4: the chair and the secretary sign each commission's decision."""
    sign = Table([[t["chair_sign"], "_" * 28, t["signature_hint"]],
                  [t["secretary_sign"], "_" * 28, t["signature_hint"]]],
                 colWidths=[50 * mm, 70 * mm, 60 * mm], rowHeights=[12 * mm, 12 * mm])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "ProtoSans", 9), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return KeepTogether([Spacer(1, 4), sign, Spacer(1, 6)])


def _closing(t: dict[str, Any], st: dict[str, ParagraphStyle], out: StageOutcome,
             names: dict[str, str]) -> list[Any]:
    story: list[Any] = [PageBreak(), _plain(t["annex"], st["h2"])] if (out.rejected or out.bad_rows
                                                                       or out.warnings) else []
    if out.rejected:
        story.append(_plain(t["rejected"], st["h3"]))
        story += [_plain(f"{_who(names, r.participant_iin)} — {r.rule}: {localize(r.reason, t['lang'])}", st["body"])
                  for r in out.rejected]
    if out.bad_rows:
        story.append(_plain(f"{t['bad_rows']}: {len(out.bad_rows)}", st["h3"]))
        story += [_plain(f"{b.file}, {t['row']} {b.row if b.row is not None else '—'}: {b.reason}", st["small"])
                  for b in out.bad_rows[:40]]
        if len(out.bad_rows) > 40:
            story.append(_plain(f"… {len(out.bad_rows) - 40} {t['more_in_results']}", st["small"]))
    if out.warnings:
        story.append(_plain(t["warnings"], st["h3"]))
        story += [_plain(w, st["small"]) for w in out.warnings[:40]]
    return story


def _grid() -> TableStyle:
    return TableStyle([("FONT", (0, 0), (-1, -1), "ProtoSans", 8),
                       ("FONT", (0, 0), (-1, 0), "ProtoSans-Bold", 8),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                       ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a99a8")),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
