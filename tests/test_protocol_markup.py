"""Issue 16 item 5: a name, school, unit, commission member, reason or setting is shown in a protocol as written,
never read as reportlab markup (`<img src>` embedded another applicant's scan, `<img onerror>` crashed `mugalim
score`, `<a href>` made a link, `<font size=80>` restyled the page)."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PIL import Image

from mugalim.pdfmarkup import markup_text
from mugalim.samples.season import ScoreInbox
from mugalim.scoring.model import Decision, Invalid, Pending, Ranked, Rejected, RoundScore, Session
from mugalim.scoring.protocol import write_protocol
from mugalim.scoring.sheets import BadRow
from mugalim.scoring.stage import StageOutcome
from mugalim.scoring.votes import VoteCount
from mugalim.season import load_season

HOSTILE = ['<img src="/etc/passwd"/>', '<img src="x" onerror="y"/>', '<a href="http://evil">x</a>',
           "<font size=80>BIG</font>", "Әлиева & Co <b>", "Бел\x07лова Ә."]
BENIGN = "Жұмабекова Ә."
A, B, C, D = "880101400016", "880202400027", "880303400038", "880404400049"


def _shown(value: str) -> str:
    """What the protocol should show for `value`: the text itself, a control character left out."""
    return "".join(c for c in value if c.isprintable())


def _squash(text: str) -> str:
    return "".join(text.split())


def _read(path: Path) -> dict[str, Any]:
    """The protocol's text (as pdfplumber lays it out, and in drawing order), images, links, sizes and metadata."""
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        return {"text": " ".join(" ".join((p.extract_text() or "").split()) for p in pages),
                "drawn": "".join(_squash("".join(c["text"] for c in p.chars)) for p in pages),
                "images": sum(len(p.images) for p in pages),
                "links": sum(len(p.annots) + len(p.hyperlinks) for p in pages),
                "largest": max(c["size"] for p in pages for c in p.chars),
                "meta": dict(pdf.metadata)}


def _outcome(stage: str, value: str) -> tuple[StageOutcome, str]:
    """A decided stage with `value` in every free-text field: unit, reasons, warnings, file names, places."""
    unit, other = f"Мектеп {value}", "Бостандық"
    out = StageOutcome(2026, "teacher_of_year", stage, {A: unit, B: unit, C: unit, D: other})
    out.expected_rounds = {unit: [1, 2], other: [1]}
    out.sessions = {(unit, r): Session(unit, r, 15, 12, 15, 1, 1, 1) for r in (1, 2)}
    out.sessions[(other, 1)] = Session(other, 1, 15, 9, 15, 1, 1, 1)
    out.invalid = [Invalid(other, 1, f"C2 {value}", value)]
    out.rounds = [RoundScore(unit, i, r, 12, 60_000, 4_000, 6_000, Fraction(5)) for i in (A, B, C) for r in (1, 2)]
    out.ranking = [Ranked(unit, i, 2, Fraction(10 - n), n + 1) for n, i in enumerate((A, B, C))]
    out.undecided = {other: [value]}
    out.pending = [Pending(value, (C,), "A2", unit)]
    out.used = [Decision(f"{value}.csv", 3, unit, "place" if stage == "city" else "advance", B,
                         "first" if stage == "city" else None)]
    out.rejected = [Rejected(D, "E1", value)]
    out.bad_rows = [BadRow(f"{value}.csv", 2, f"score '{value}' is not a number")]
    out.warnings = [f"{unit}: {value}"]
    if stage == "city":
        out.prizes = {"grand_prix": A, "first": B, "second": None, "third": None}
        out.votes = {A: VoteCount(9, 8, 7, True), B: VoteCount(3, 3, 3, True)}
        out.vote_points = {A: 1}
    else:
        out.advancing = [A, B]
    return out, unit


def _protocol(tmp_path: Path, stage: str, value: str, name: str) -> Path:
    out, unit = _outcome(stage, value)
    names = {A: name, B: f"{name} Б.", C: name, D: name}
    commission = {unit: {1: [(value, "chair", True), ("m02", "member", False)], 2: [("m03", "secretary", True)]}}
    defaults = [{"id": "A1", "text": "-", "setting": f"round_aggregation: {value}"},
                {"id": "Z9", "text": value, "setting": ""}]
    ss = load_season(tmp_path / "no-settings", 2026)
    return write_protocol(tmp_path / f"{stage}.pdf", ss, out, names, defaults, [], commission)


@pytest.mark.parametrize("stage", ["district", "city"])
@pytest.mark.parametrize("value", HOSTILE)
def test_every_free_text_of_a_protocol_is_shown_as_written(tmp_path: Path, stage: str, value: str):
    """Issue 16 item 5: the same protocol with a plain marker and with `value` in every name, unit, member, reason,
    warning, file name and setting: `value` is drawn literally just as often as the marker, nothing is embedded or
    linked, and no text is larger than the title."""
    plain = _read(_protocol(tmp_path / "plain", stage, "QQQ", BENIGN))
    hostile = _read(_protocol(tmp_path / "hostile", stage, value, value))
    shown = _shown(value)
    assert shown in hostile["text"]
    assert hostile["drawn"].count(_squash(shown)) == plain["drawn"].count("QQQ") + plain["drawn"].count(
        _squash(BENIGN)) > 10
    assert hostile["images"] == plain["images"] == 0
    assert hostile["links"] == plain["links"] == 0
    assert hostile["largest"] == plain["largest"] == 14
    assert hostile["meta"]["Title"] == plain["meta"]["Title"]           # in words (issue 21): no stage key
    assert plain["meta"]["Title"].startswith("Хаттама: ") and stage not in plain["meta"]["Title"]


def test_a_name_naming_another_file_does_not_embed_it(tmp_path: Path):
    """Issue 16 item 5: a name that is an `<img>` of another applicant's archived scan (a real image on disk) is
    printed as text; the file is not read into the protocol."""
    scan = tmp_path / "scan.png"
    Image.new("RGB", (40, 40), "red").save(scan)
    value = f'<img src="{scan}" width="40" height="40"/>'
    plain = _read(_protocol(tmp_path / "plain", "district", "QQQ", BENIGN))
    hostile = _read(_protocol(tmp_path / "hostile", "district", value, value))
    assert hostile["images"] == plain["images"] == 0
    assert _squash(f'<img src="{scan}"') in hostile["drawn"]


def test_markup_text_escapes_the_markup_and_drops_control_characters():
    """Issue 16 item 5: the one helper every report uses for a value in reportlab markup."""
    assert markup_text('<a href="x">O\'Neil & Co</a>') == "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;"
    assert markup_text("Бел\x07лова\tӘ.\r\nx\x00") == "Беллова Ә.  x"
    assert markup_text(None) == "" and markup_text(12) == "12"


def _hostile_district(data_dir: Path, name: str, member: str) -> tuple[ScoreInbox, list[str]]:
    """A district stage whose first participant is `name` at a school named `name`, scored by a member `member`, and
    a score cell that says `name` (a bad row)."""
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Бостандық") for _ in range(3)]
    ib.through_school(people)
    ib.stage("district", "Бостандық", {p: [str(5 + n)] * 4 for n, p in enumerate(people)}, members=15)
    for row in ib.rows["participants"]:
        if row[2] == people[0]:
            row[3], row[5] = name, name
    _rename_member(ib, "d04", member)
    ib.score("district", "Бостандық", 1, people[1], "d05", name)
    return ib, people


def _rename_member(ib: ScoreInbox, old: str, new: str) -> None:
    for row in ib.rows["attendance"]:
        if row[2] == "district" and row[5] == old:
            row[5] = new
    for row in ib.rows["scores"]:
        if row[2] == "district" and row[6] == old:
            row[6] = new


@pytest.mark.parametrize("value", [v for v in HOSTILE if v.isprintable()])
def test_mugalim_score_writes_the_protocol_of_a_hostile_name(data_dir: Path, tmp_path: Path, value: str):
    """Issue 16 item 5, through `mugalim score`: a participant, school, commission member and score cell that are
    markup do not crash the stage, and its protocol shows them as text with only the stage's own charts embedded.
    (A control character is tested on the protocol alone: the score sheets' reader may refuse its row first.)"""
    db = f"sqlite:///{tmp_path / 'mugalim.sqlite'}"
    ib, people = _hostile_district(data_dir, value, value)
    r = ib.results(db, "teacher_of_year", "district", reports=True)
    assert r["names"][people[0]] == value
    got = _read(data_dir / "outbox" / "2026" / "teacher_of_year" / "district" / "protocol.pdf")
    assert _shown(value) in got["text"]
    assert got["drawn"].count(_squash(_shown(value))) >= 3          # the member, the scores table, the decision
    charts = list((data_dir / "outbox" / "2026" / "teacher_of_year" / "district" / "charts").glob("*.png"))
    assert got["images"] == len(charts) > 0
    assert got["links"] == 0 and got["largest"] == 14
