"""Issue 21 item 2: protocols that state their grounds (rule C4), one per commission, each starting on a new page
with its own number and signature lines: the date and place of each sitting, the commission by name, schools by
name with their BIN, the scores, and the grounds of every outcome — ties and how they were resolved (A2), decision
rows applied or refused with the reason, units waited for or gone on without (A9), someone ranked higher holding a
lower place (E4) — with bad rows counted by kind and listed in `bad_rows.csv` beside the protocol; every word in
Kazakh (Russian when the season says so), no internal identifiers. Each test reads the PDF's text as a person
would (pdftotext -layout) and finds the lines."""
from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from mugalim.samples.season import ScoreInbox
from mugalim.scoring.protocol import protocol_number
from mugalim.scoring.sheets import read_sheet

OUTBOX = Path("outbox") / "2026" / "teacher_of_year"
DENYLIST = ("city", "school", "district", "round_aggregation", "tie_policy", "participant", "round", "tie", "pending",
            "[", "]", "results.json")
MEMBERS = ["Жұмабеков Асқар", "Сейітова Гүлнар", "Омаров Ерлан", "Қасенова Динара", "Тоқтаров Нұржан",
           "Әлиева Сәуле", "Бекова Айгүл", "Нұрғалиев Бауыржан", "Серікова Жанар", "Ахметов Дәурен",
           "Маратова Лаура", "Исаев Тимур", "Қалиева Әсем", "Мұқанов Ержан", "Ізбасарова Аружан"]


def _text(pdf: Path) -> str:
    """The protocol as pdftotext lays it out, whitespace runs squashed (lines wrap where the page is narrow)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def _no_internal_words(text: str) -> None:
    low = text.lower()
    for word in DENYLIST:
        assert word not in low, word


def _with_sittings(data_dir: Path, when: dict[tuple[str, int], tuple[str, str]]) -> None:
    """Add the optional `held_on` and `place` columns to the attendance file, filled for the (stage, round) given."""
    path = data_dir / "inbox" / "scores" / "attendance_2026.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[0] += ["held_on", "place"]
    for r in rows[1:]:
        r += list(when.get((r[2], int(r[4])), ("", "")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _district(data_dir: Path, *, names: bool) -> tuple[ScoreInbox, list[str]]:
    """Three teachers of three schools in Бостандық, through their schools to a 15-member district commission."""
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Бостандық") for _ in range(3)]
    ib.through_school(people)
    ib.stage("district", "Бостандық", {p: [str(5 + n)] * 4 for n, p in enumerate(people)}, members=15)
    if names:
        positions = ["аудандық білім бөлімінің басшысы", "орынбасары", "әдіскер"] + [""] * 12
        for j, (name, pos) in enumerate(zip(MEMBERS, positions)):
            ib.rows["commissions"].append([2026, "teacher_of_year", "district", "Бостандық", f"d{j + 1:02d}", name,
                                           pos])
    return ib, people


def test_C4_each_protocol_has_its_number_the_sittings_date_and_place_and_the_commission_by_name(
        data_dir: Path, db_url: str):
    """C4: the district protocol: its number, the date and place of rounds 1–2 from `attendance` (`held_on`,
    `place`), a line to fill in by hand for rounds 3–4, the members by name from `commissions` (no member codes),
    the chair's and secretary's names at the signature lines, the quorum per round; no internal words."""
    ib, people = _district(data_dir, names=True)
    ib.write()
    _with_sittings(data_dir, {("district", 1): ("2026-03-12", "№ 25 мектеп-гимназия, акт залы"),
                              ("district", 2): ("12.03.2026", "№ 25 мектеп-гимназия, акт залы")})
    ib.results(db_url, "teacher_of_year", "district", reports=True)
    text = _text(data_dir / OUTBOX / "district" / "protocol.pdf")
    assert "ХАТТАМА № 2026-II-01" in text
    assert "Аудан: Бостандық" in text
    assert "Өткізілген күні: 12.03.2026 (1, 2-турлар); ____________ (3, 4-турлар)" in text
    assert "Орны: № 25 мектеп-гимназия, акт залы (1, 2-турлар); ____________ (3, 4-турлар)" in text
    assert "Жұмабеков Асқар, аудандық білім бөлімінің басшысы (төраға)" in text
    assert all(name in text for name in MEMBERS)
    assert not re.search(r"\bd\d\d\b", text)                      # no member codes when names are given
    assert "Комиссия төрағасы ____________________________ Жұмабеков Асқар" in text
    assert "Комиссия хатшысы ____________________________ Омаров Ерлан" in text
    assert "Комиссия отырыстары және кворум (C1, C2, C3)" in text and "бар (≥ ⅔: 10)" in text
    assert ib.b.s.people[people[0]].name in text and people[0] not in text
    _no_internal_words(text)


def test_C4_a_sitting_without_date_or_place_gets_a_line_to_fill_in_and_schools_are_named_with_their_BIN(
        data_dir: Path, db_url: str):
    """C4: without `held_on`/`place` each protocol has "Өткізілген күні: ____________" and "Орны: ____________";
    a school's protocol names the school and its BIN; the stage summary lists every protocol by number; the members
    are shown by their codes when no `commissions` file names them; each school's protocol starts on a new page."""
    ib, people = _district(data_dir, names=False)
    ib.results(db_url, "teacher_of_year", "school", reports=True)
    pdf = data_dir / OUTBOX / "school" / "protocol.pdf"
    text = _text(pdf)
    assert "Өткізілген күні: ____________ Орны: ____________" in text
    orgs = sorted(ib.org(p) for p in people)
    for n, org in enumerate(orgs, start=1):
        assert f"ХАТТАМА № 2026-I-{n:03d}" in text
        assert f"Мектеп: Мектеп {org[-4:]} (БСН {org})" in text
    pages = _pages(pdf)
    assert pages[0].startswith("КЕЗЕҢНІҢ ҚОРЫТЫНДЫСЫ")
    starts = [p for p in pages if p.startswith("ХАТТАМА № 2026-I-")]
    assert len(starts) == 3                                          # each school's protocol on a page of its own
    assert all("Комиссия төрағасы" in p and "(s01" not in p for p in starts)
    assert "s01 (төраға)" in text                                    # codes only without a commissions file
    _no_internal_words(text)


def _school_with_a_tie(ib: ScoreInbox) -> tuple[list[str], list[str]]:
    """School A: three teachers, the 2nd and 3rd equal (a tie for the last of 2 places, A2); school B: two."""
    a = [ib.person(district="Медеу")]
    a += [ib.person(org=ib.org(a[0]), district="Медеу") for _ in range(2)]
    b = [ib.person(district="Медеу")]
    b += [ib.person(org=ib.org(b[0]), district="Медеу")]
    ib.stage("school", ib.org(a[0]), {a[0]: ["8"] * 4, a[1]: ["6"] * 4, a[2]: ["6"] * 4})
    ib.stage("school", ib.org(b[0]), {b[0]: ["7"] * 4, b[1]: ["5"] * 4})
    return a, b


def test_A2_a_tie_resolved_by_a_decision_row_and_a_refused_decision_row_are_grounds_in_the_protocol(
        data_dir: Path, db_url: str):
    """A2: the tie, who was in it and the decision row that resolved it (file and row) in school A's protocol; a
    decision row for school B, where there is no tie, is refused with its reason in words in school B's protocol;
    bad rows are counted by kind (the refused decision among them), their list in bad_rows.csv."""
    ib = ScoreInbox(data_dir)
    a, b = _school_with_a_tie(ib)
    ib.decision("school", ib.org(a[0]), "advance", a[2])
    ib.decision("school", ib.org(b[0]), "advance", b[1])
    r = ib.results(db_url, "teacher_of_year", "school", reports=True)
    assert sorted(r["advancing"]) == sorted([a[0], a[2], b[0], b[1]])
    name = lambda i: ib.b.s.people[i].name  # noqa: E731
    text = _text(data_dir / OUTBOX / "school" / "protocol.pdf")
    assert (f"Тең балл бойынша шешім (A2): {name(a[1])} (********{a[1][-4:]}), {name(a[2])} (********{a[2][-4:]}) "
            f"— қорытынды балдары тең (24.000); комиссия шешімімен (decisions_2026.csv, 2-жол): {name(a[2])} "
            f"(********{a[2][-4:]}) → келесі кезеңге өтеді") in text
    assert (f"Шешім қолданылмады: {name(b[1])} (********{b[1][-4:]}): келесі кезеңге өту (decisions_2026.csv, "
            f"3-жол) — 2 орын үшін тең балл жоқ — шешетін ештеңе жоқ") in text
    assert "Қабылданбаған жолдар" in text and "— қолданылмаған шешім: 1" in text
    assert "bad_rows.csv" in text
    _no_internal_words(text)


def test_E4_the_protocol_says_why_the_best_ranked_holds_place_I_and_a_refused_place_decision(
        data_dir: Path, db_url: str):
    """E4: the best-ranked finalist received the title in 2024: the city protocol says they are ranked 1st, held
    the title in 2024, and hold place I; the Grand Prix goes to the next. A decision row giving place III where
    there is no tie is refused, with the reason in words."""
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Медеу") for _ in range(5)]
    ib.through_district(people)
    ib.stage("city", "city", {p: [str(9 - k)] * 5 for k, p in enumerate(people)}, members=15)
    ib.history(2024, "grand_prix", people[0])
    ib.decision("city", "city", "place", people[3], "third")
    r = ib.results(db_url, "teacher_of_year", "city", reports=True)
    assert r["prizes"] == {"grand_prix": people[1], "first": people[0], "second": people[2], "third": people[3]}
    name = lambda i: ib.b.s.people[i].name  # noqa: E731
    text = _text(data_dir / OUTBOX / "city" / "protocol.pdf")
    assert "ХАТТАМА № 2026-III-1" in text and "Комиссия: Алматы қаласының қалалық комиссиясы" in text
    assert f"Гран-при: {name(people[1])}" in text and f"I орын: {name(people[0])}" in text
    assert (f"Атақ берілмейді (E4): {name(people[0])} (********{people[0][-4:]}) қорытынды балл бойынша 1-орында, "
            f"бірақ «Алматының жыл мұғалімі» атағын 2024 жылы алған") in text
    assert f"{name(people[0])} — I орын" in text
    assert (f"Шешім қолданылмады: {name(people[3])} (********{people[3][-4:]}): III орын (decisions_2026.csv, "
            f"2-жол) — III орын үшін тең балл жоқ — шешетін ештеңе жоқ") in text
    _no_internal_words(text)


def test_A9_a_district_protocol_names_the_school_it_waits_for_then_the_one_it_went_on_without(data_dir: Path):
    """A9: a school without quorum: the district's protocol says it is provisional and waits for that school (by
    name and BIN); after a `proceed_without` decision it says it went on without it (file and row), and the
    school's own protocol records the Department's decision."""
    db = f"sqlite:///{data_dir.parent / 'mugalim.sqlite'}"
    ib = ScoreInbox(data_dir)
    good = [ib.person(district="Медеу") for _ in range(2)]
    ib.through_school(good)
    bad = ib.person(district="Медеу")
    ib.stage("school", ib.org(bad), {bad: ["9"] * 4}, absent=3)                 # 4 of 7: no quorum (C2)
    ib.stage("district", "Медеу", {p: ["6"] * 4 for p in good}, members=15)
    ib.results(db, "teacher_of_year", "district", reports=True)
    text = _text(data_dir / OUTBOX / "district" / "protocol.pdf")
    school = f"Мектеп {ib.org(bad)[-4:]} (БСН {ib.org(bad)})"
    assert f"Шешім уақытша (A9): шешімі әлі қабылданбаған бөлімшелерді күтеді — {school}." in text
    _no_internal_words(text)

    ib.decision("school", ib.org(bad), "proceed_without", "")
    ib.write()
    ib.results(db, "teacher_of_year", "district", reports=True)
    text = _text(data_dir / OUTBOX / "district" / "protocol.pdf")
    assert "Шешім уақытша" not in text
    assert (f"Басқарманың шешімімен жалғасты (A9): шешімі қабылданбаған {school} күтілмеді: ол жіберген "
            f"қатысушылармен ғана жалғасты (decisions_2026.csv, 2-жол)") in text
    _no_internal_words(text)
    ib.results(db, "teacher_of_year", "school", reports=True)
    school_text = _text(data_dir / OUTBOX / "school" / "protocol.pdf")
    assert "Басқарманың шешімі (A9): келесі кезең бұл бөлімшенің шешімін күтпей" in school_text
    assert "Шешім қабылданбады: 1-тур: 7 мүшенің 4 қатысты, үштен екісінен аз (C2)" in school_text


def test_C4_bad_rows_are_counted_by_kind_in_the_protocol_and_listed_in_bad_rows_csv(data_dir: Path):
    """The city stage's 40 scores for someone not in it are one line in the protocol, not 40 (and no English, no
    "results.json"); bad_rows.csv beside it lists each row: file, row, kind and reason in Kazakh, the reason as
    results.json gives it (UTF-8 with a byte-order mark and CRLF, for Excel)."""
    db = f"sqlite:///{data_dir.parent / 'mugalim.sqlite'}"
    ib = ScoreInbox(data_dir)
    people = [ib.person(district="Медеу") for _ in range(6)]
    ib.through_school(people)
    ib.stage("district", "Медеу", {p: [str(9 - k)] * 4 for k, p in enumerate(people)}, members=15)
    people, stranger = people[:5], people[5]                        # the 6th is not in the city stage (S3)
    ib.stage("city", "city", {p: [str(9 - k)] * 5 for k, p in enumerate(people)}, members=15)
    for r in range(1, 5):
        for m in range(1, 11):
            ib.score("city", "city", r, stranger, f"c{m:02d}", "7")
    ib.score("city", "city", 1, people[0], "c01", "=1+1")
    r = ib.results(db, "teacher_of_year", "city", reports=True)
    assert len(r["bad_rows"]) == 41
    folder = data_dir / OUTBOX / "city"
    text = _text(folder / "protocol.pdf")
    assert ("41 жол ескерілмеді; әр жолдың файлы, нөмірі және себебі осы хаттаманың жанындағы bad_rows.csv "
            "файлында.") in text
    assert "— осы кезеңге (бөлімшеге) қатыспайтын немесе конкурсқа жіберілмеген адамның бағасы: 40" in text
    assert "— мәні қате толтырылған жол: 1" in text
    assert "scores_2026.csv" not in text
    _no_internal_words(text)
    raw = (folder / "bad_rows.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 41 and list(rows[0]) == ["file", "row", "kind", "reason", "reason_en"]
    stage_rows = [x for x in rows if x["reason_en"] == "participant not in this stage (round 1)"]
    assert len(stage_rows) == 10
    assert stage_rows[0]["reason"] == "бұл адам осы кезеңге қатыспайды (1-тур)"
    assert {x["kind"] for x in stage_rows} == {"осы кезеңге (бөлімшеге) қатыспайтын немесе конкурсқа жіберілмеген "
                                               "адамның бағасы"}
    assert [x["reason"] for x in rows if x["reason_en"] == "score is not a number"] == ["«score» — сан емес"]


def test_C4_the_protocol_in_russian_states_the_same_grounds(data_dir: Path):
    """C4 with `language: ru`: number, date and place lines, the tie's grounds, in Russian."""
    db = f"sqlite:///{data_dir.parent / 'mugalim.sqlite'}"
    ib = ScoreInbox(data_dir)
    a, b = _school_with_a_tie(ib)
    ib.decision("school", ib.org(a[0]), "advance", a[2])
    ib.write("language: ru\n")
    ib.results(db, "teacher_of_year", "school", reports=True)
    text = _text(data_dir / OUTBOX / "school" / "protocol.pdf")
    assert "ИТОГИ ЭТАПА" in text and "ПРОТОКОЛ № 2026-I-001" in text
    assert "Дата проведения: ____________ Место проведения: ____________" in text
    assert "Решение при равенстве баллов (A2)" in text and "(decisions_2026.csv, строка 2)" in text
    assert "Өткізілген" not in text and "ХАТТАМА" not in text
    _no_internal_words(text)


def test_C4_bold_labels_are_drawn_in_the_bold_face(data_dir: Path):
    """`<b>` in a protocol's paragraphs renders bold (the ProtoSans family is registered)."""
    db = f"sqlite:///{data_dir.parent / 'mugalim.sqlite'}"
    ib, _ = _district(data_dir, names=False)
    ib.results(db, "teacher_of_year", "school", reports=True)
    with pdfplumber.open(data_dir / OUTBOX / "school" / "protocol.pdf") as pdf:
        page = pdf.pages[1]
        words = page.extract_words(extra_attrs=["fontname"])
    label = next(w for w in words if w["text"] == "Өткізілген")
    assert "Bold" in label["fontname"]


def test_charts_take_a_name_with_dollar_signs_as_text(data_dir: Path):
    """A name such as `Ә $\\frac$ x` is not read as matplotlib mathtext (which stopped the run)."""
    db = f"sqlite:///{data_dir.parent / 'mugalim.sqlite'}"
    ib, people = _district(data_dir, names=False)
    for row in ib.rows["participants"]:
        if row[2] == people[0]:
            row[3] = "Ә $\\frac$ x"
    ib.results(db, "teacher_of_year", "district", reports=True)
    assert "Ә $\\frac$ x" in _text(data_dir / OUTBOX / "district" / "protocol.pdf")
    assert (data_dir / OUTBOX / "district" / "charts" / "ranking_Бостандық.png").stat().st_size > 5000


def test_protocol_numbers_are_stable_and_name_the_stage():
    assert [protocol_number(2026, s, 7) for s in ("school", "district", "city", "grants")] == [
        "2026-I-007", "2026-II-07", "2026-III-7", "2026-ГК-7"]


def test_sheets_read_the_sittings_and_the_commissions_file(tmp_path: Path):
    """`held_on` (ISO or dd.mm.yyyy) and `place` are optional attendance columns; a date that is none is a bad row.
    A `commissions` file is read like the other score-sheet files; a member named twice for one commission: the
    later row is bad."""
    att = tmp_path / "attendance_x.csv"
    att.write_text("season,competition,stage,unit,round,member_id,role,present,held_on,place\n"
                   "2026,teacher_of_year,district,Медеу,1,d01,chair,true,12.03.2026,Акт залы\n"
                   "2026,teacher_of_year,district,Медеу,2,d01,chair,true,2026-03-13,\n"
                   "2026,teacher_of_year,district,Медеу,3,d01,chair,true,31.02.2026,\n", encoding="utf-8")
    sheet = read_sheet(att)
    assert [r[-2:] for r in sheet.rows] == [("2026-03-12", "Акт залы"), ("2026-03-13", None)]
    assert [(b.row, b.reason) for b in sheet.bad] == [(4, "held_on is not a date (2026-02-12 or 12.02.2026)")]
    plain = tmp_path / "attendance_y.csv"
    plain.write_text("season,competition,stage,unit,round,member_id,role,present\n"
                     "2026,teacher_of_year,district,Медеу,1,d01,chair,true\n", encoding="utf-8")
    assert read_sheet(plain).rows[0][-2:] == (None, None)
    com = tmp_path / "commissions_2026.csv"
    com.write_text("season,competition,stage,unit,member_id,full_name,position\n"
                   "2026,teacher_of_year,district,Медеу,d01,Жұмабеков Асқар,басшы\n"
                   "2026,teacher_of_year,district,Медеу,d02,Омаров Ерлан,\n"
                   "2026,teacher_of_year,district,Медеу,d01,Басқа Адам,\n"
                   "2026,teacher_of_year,district,Медеу,d03,,\n", encoding="utf-8")
    sheet = read_sheet(com)
    assert sheet.kind == "commissions"
    assert [r[5:] for r in sheet.rows] == [("d01", "Жұмабеков Асқар", "басшы"), ("d02", "Омаров Ерлан", None)]
    assert sorted((b.row, b.reason, b.stage) for b in sheet.bad) == [
        (4, "member already named in row 2 for this commission: this row is not used", "district"),
        (5, "full_name is empty", "district")]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_bad_row_reason_of_the_sheets_has_words(lang: str):
    """The reasons bad_rows.csv gives, in the protocol's language (the English stays in `reason_en`); a column is
    named as the file's header names it, in «»."""
    from mugalim.scoring.protocol_text import localize
    for reason in ("participant not in this stage (round 2)", "member marked absent at that session (round 3)",
                   "score is not a number", "round is not a whole number", "required column missing: score",
                   "no tie to resolve for III", "no unit 'Х' in the district stage"):
        said = localize(reason, lang)
        words = re.sub(r"«[^»]*»", "", said)                # a column of the file is named as the file names it
        assert said != reason and not re.search(r"\b(participant|round|tie|stage|member)\b", words), said


def test_C4_names_places_and_schools_from_the_inputs_are_printed_as_text(tmp_path: Path):
    """Issue 16 item 5 for the new inputs: a member's name, a sitting's place and a school's name that are reportlab
    markup are printed as written; nothing is embedded, linked or enlarged."""
    from fractions import Fraction

    from mugalim.scoring.model import Ranked, RoundScore, Session
    from mugalim.scoring.protocol import ProtocolContext, write_protocol
    from mugalim.scoring.stage import StageOutcome
    from mugalim.season import load_season

    hostile = ['<img src="/etc/passwd"/>', "<font size=80>BIG</font>", '<a href="http://x">y</a>']
    a, unit = "880101400016", "100140020003"
    out = StageOutcome(2026, "teacher_of_year", "school", {a: unit})
    out.expected_rounds = {unit: [1]}
    out.sessions = {(unit, 1): Session(unit, 1, 3, 3, 3, 1, 1, 1)}
    out.rounds = [RoundScore(unit, a, 1, 3, 15_000, 5_000, 5_000, Fraction(5))]
    out.ranking = [Ranked(unit, a, 1, Fraction(5), 1)]
    out.advancing = [a]
    ctx = ProtocolContext(organizations={unit: hostile[2]}, school_of={a: unit},
                          members={unit: {"m1": (hostile[0], hostile[1]), "m3": (hostile[1], None)}},
                          sittings={unit: {1: [("2026-02-12", hostile[1])]}})
    commission = {unit: {1: [("m1", "chair", True), ("m2", "member", True), ("m3", "secretary", True)]}}
    pdf = write_protocol(tmp_path / "protocol.pdf", load_season(tmp_path / "none", 2026), out, {a: hostile[0]},
                         [], [], commission, context=ctx)
    text = _text(pdf)
    for value in hostile:
        assert value in text, value
    assert f"Мектеп: {hostile[2]} (БСН {unit})" in text and f"Орны: {hostile[1]}" in text
    assert "m2" in text and "m1" not in text and "m3" not in text     # a code only where no name is given
    with pdfplumber.open(pdf) as doc:
        assert sum(len(p.images) + len(p.annots) for p in doc.pages) == 0
        assert max(c["size"] for p in doc.pages for c in p.chars) == 14
