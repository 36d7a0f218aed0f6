"""A season's scoring inputs, generated deterministically: participants, score sheets, attendance, SMS votes,
presentations, tie decisions and award history, as the files of `inbox/scores/` (spec/data-layout.md).

Two sizes: `make_sample_season` — a small season for the tests, with one case of every rule (ineligible
teachers, ties resolved and left pending, an absent member's score, a district session without quorum, a repeat title
holder, votes outside the window and repeats, grant nominees of one organization); `make_city_season` — the
city-scale season of the benchmark (300 schools, 8 districts, about 6,000 teachers, commissions of 7–21 members,
about 200,000 score rows), `factor` times larger when asked. `make demo`'s season, which decides fully end to end
with a few deliberate oddities, is `make_demo_season` (its code is in `demo_season.py`).

Scores are built so that a round's mean is known exactly: every present member scores the participant's round score
plus a deviation, and the deviations cancel out in pairs (one member, the secretary, always deviates by 0). The
generator therefore knows the outcome of every stage without the scoring code (`SampleSeason.expected`), which the
tests compare with results.json.
"""
from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from mugalim.identifiers import check_digit
from mugalim.samples import names as vocab
from mugalim.scoring.sheets import COLUMNS

ALMATY = timezone(timedelta(hours=5))
ROUNDS = {"school": 4, "district": 4, "city": 5, "grants": 2}


@dataclass
class Person:
    iin: str
    name: str
    org_bin: str
    org_name: str
    district: str
    org_type: str = "secondary"
    citizen: bool = True
    staff_months: int = 60
    continuous_months: int = 96
    work_months: int = 120
    submitted_on: date | None = None


@dataclass
class SampleSeason:
    season: int
    folder: Path
    people: dict[str, Person] = field(default_factory=dict)
    rows: dict[str, list[list[Any]]] = field(default_factory=lambda: {k: [] for k in COLUMNS})
    expected: dict[str, Any] = field(default_factory=dict)   # stage → advancing / prizes / grants / pending / …
    story: Any = None          # `make_demo_season`: who plays which part (a `demo_season.DemoStory`)

    @property
    def score_rows(self) -> int:
        return len(self.rows["scores"])


def make_iin(rng: random.Random, serial: int) -> str:
    """A valid IIN of someone born 1965–1999 (the check digit of identifiers.md)."""
    while True:
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(35 * 365))
        head = f"{born:%y%m%d}{rng.choice('34')}{serial % 10000:04d}"
        cd = check_digit(head)
        if cd is not None:
            return head + str(cd)
        serial += 1


def make_bin(serial: int) -> str:
    """A valid BIN: year, month (1–12), entity type 4, a serial, the check digit."""
    while True:
        head = f"{10 + serial % 10:02d}{serial % 12 + 1:02d}4{serial % 1_000_000:06d}"
        cd = check_digit(head)
        if cd is not None:
            return head + str(cd)
        serial += 1_000_000


class _Builder:
    """Rows of one season; each `unit` call scores one commission's sessions with known round scores."""

    def __init__(self, season: int, seed: int) -> None:
        self.s = SampleSeason(season, Path("."))
        self.rng = random.Random(seed)
        self.serial = 0

    def person(self, district: str, org: tuple[str, str], **kw: Any) -> Person:
        self.serial += 1
        female = self.rng.random() < 0.7
        sur = self.rng.choice(vocab.KK_SURNAMES_F if female else vocab.KK_SURNAMES_M)
        first = self.rng.choice(vocab.KK_NAMES_F if female else vocab.KK_NAMES_M)
        iin = make_iin(self.rng, self.serial)
        while iin in self.s.people:          # 60,000 people: two may share a birthday and a serial
            iin = make_iin(self.rng, self.serial)
        p = Person(iin, f"{sur} {first}", org[0], org[1], district, **kw)
        self.s.people[p.iin] = p
        return p

    def participants_rows(self, competition: str, people: list[Person]) -> None:
        for p in people:
            self.s.rows["participants"].append([
                self.s.season, competition, p.iin, p.name, p.org_bin, p.org_name, p.org_type, p.district,
                str(p.citizen).lower(), p.staff_months, p.continuous_months, p.work_months,
                p.submitted_on.isoformat() if p.submitted_on else ""])

    def vectors(self, iins: list[str], rounds: int) -> dict[str, list[int]]:
        """Round scores in hundredths (2.50–7.80), every total different within the unit (no accidental ties)."""
        out: dict[str, list[int]] = {}
        totals: set[int] = set()
        for iin in iins:
            v = [self.rng.randint(25, 78) * 10 + self.rng.choice((0, 0, 5)) for _ in range(rounds)]
            while sum(v) in totals:
                v[-1] += 1 if v[-1] < 780 else -500
            totals.add(sum(v))
            out[iin] = v
        return out

    def unit(self, competition: str, stage: str, unit: str, vectors: dict[str, list[int]], *, size: int,
             absent: dict[int, int] | None = None, harsh: bool = False) -> list[str]:
        """Attendance and scores of one commission for every round; `absent[r]` members miss round r."""
        members = [f"{unit[-4:] if unit[-4:].isdigit() else stage[:3]}-{stage[:1]}{j + 1:02d}" for j in range(size)]
        roles = ["chair", "deputy", "secretary"] + ["member"] * (size - 3)
        n_rounds = len(next(iter(vectors.values()))) if vectors else ROUNDS[stage]
        for r in range(1, n_rounds + 1):
            away = set(members[size - (absent or {}).get(r, 0):])
            for m, role in zip(members, roles):
                self.s.rows["attendance"].append([self.s.season, competition, stage, unit, r, m, role,
                                                  "false" if m in away else "true"])
            present = [m for m in members if m not in away]
            for iin, vec in vectors.items():
                for m, d in self._deviations(present, members[2], harsh).items():
                    self.s.rows["scores"].append([self.s.season, competition, stage, unit, r, iin, m,
                                                  _hundredths(vec[r - 1] + 10 * d)])
        return members

    def _deviations(self, present: list[str], zero: str, harsh: bool) -> dict[str, int]:
        """Deviations (tenths) that cancel out in pairs; the secretary's is 0. With `harsh` the last present member
        scores 2.0 lower than the others' mean and the first one 2.0 higher (an outlier pair for the charts)."""
        others = [m for m in present if m != zero]
        devs = {zero: 0} if zero in present else {}
        if harsh and len(others) >= 2:
            devs[others[-1]], devs[others[0]] = -20, 20
            others = others[1:-1]
        for a, b in zip(others[0::2], others[1::2]):
            x = self.rng.randint(1, 12)
            devs[a], devs[b] = x, -x
        if len(others) % 2:
            devs[others[-1]] = 0
        return devs


def _hundredths(v: int) -> str:
    return f"{v // 100}.{v % 100:02d}".removesuffix("0").removesuffix(".0")


def _top(totals: dict[str, int], k: int, decided: list[str] | None = None) -> tuple[list[str], list[str]]:
    """The reference cut-off (A2): who is through, and who is tied at the cut and not decided."""
    order = sorted(totals, key=lambda i: -totals[i])
    if len(order) <= k:
        return order, []
    edge = totals[order[k - 1]]
    if totals[order[k]] != edge:
        return order[:k], []
    above = [i for i in order if totals[i] > edge]
    tied = [i for i in order if totals[i] == edge]
    chosen = [i for i in (decided or []) if i in tied][:k - len(above)]
    if len(above) + len(chosen) == k:
        return above + chosen, []
    return above + chosen, [i for i in tied if i not in chosen]


def write_files(s: SampleSeason, folder: Path, *, xlsx: tuple[str, ...] = ()) -> None:
    """The rows as `inbox/scores/<kind>_<season>.csv` (or .xlsx for the kinds named in `xlsx`)."""
    folder.mkdir(parents=True, exist_ok=True)
    s.folder = folder
    for kind, rows in s.rows.items():
        if not rows:
            continue
        path = folder / f"{kind}_{s.season}.{'xlsx' if kind in xlsx else 'csv'}"
        if kind in xlsx:
            _write_xlsx(path, COLUMNS[kind], rows)
        else:
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(COLUMNS[kind])
                w.writerows(rows)


def _write_xlsx(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(header))
    for r in rows:
        ws.append(r)
    wb.save(path)


def write_settings(settings_dir: Path, season: int, text: str) -> Path:
    settings_dir.mkdir(parents=True, exist_ok=True)
    path = settings_dir / f"season-{season}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the city-scale season of the benchmark ----------------------------------------------------------------------

def make_city_season(data_dir: Path, *, season: int = 2026, factor: int = 1, seed: int = 1) -> SampleSeason:
    """300×factor schools in 8×factor districts, about 20 teachers each, every round of every stage scored."""
    b = _Builder(season, seed)
    districts = [f"{vocab.DISTRICTS_KK[i % 8]}-{i // 8 + 1}" if factor > 1 else vocab.DISTRICTS_KK[i]
                 for i in range(8 * factor)]
    schools: dict[str, list[Person]] = {}
    for j in range(300 * factor):
        org = (make_bin(10_000 + j), vocab.SCHOOLS_KK[0].format(n=j + 1))
        district = districts[j % len(districts)]
        schools[org[0]] = [b.person(district, org) for _ in range(b.rng.randint(17, 23))]
    b.participants_rows("teacher_of_year", [p for ps in schools.values() for p in ps])
    school_adv: list[str] = []
    for unit, ps in schools.items():
        vec = b.vectors([p.iin for p in ps], 4)
        b.unit("teacher_of_year", "school", unit, vec, size=b.rng.randint(7, 9), absent={2: 1})
        school_adv += _top({i: sum(v) for i, v in vec.items()}, 2)[0]
    city = _toy_upper_stages(b, school_adv, districts)
    _grants(b, 30 * factor, amount=500_000, budget=500_000 * 10 * factor, size=11)
    b.s.expected.update({"school": sorted(school_adv), "city_entrants": sorted(city)})
    write_files(b.s, data_dir / "inbox" / "scores")
    write_settings(data_dir / "settings", season, "grants: {amount_kzt: 500000, budget_kzt: %d}\n" % (5_000_000 * factor))
    return b.s


def _toy_upper_stages(b: _Builder, school_adv: list[str], districts: list[str]) -> list[str]:
    district_adv: list[str] = []
    for d in districts:
        iins = [i for i in school_adv if b.s.people[i].district == d]
        vec = b.vectors(iins, 4)
        b.unit("teacher_of_year", "district", d, vec, size=b.rng.randint(15, 21))
        district_adv += _top({i: sum(v) for i, v in vec.items()}, 5)[0]
    vec = b.vectors(district_adv, 5)
    b.unit("teacher_of_year", "city", "city", vec, size=21, harsh=True)
    b.s.expected["district"] = sorted(district_adv)
    b.s.expected["city_totals"] = {i: sum(v) for i, v in vec.items()}
    return district_adv


def _grants(b: _Builder, n: int, *, amount: int, budget: int, size: int) -> list[Person]:
    season = b.s.season
    kinds = ["preschool", "secondary", "additional", "tvet"]
    people = [b.person(vocab.DISTRICTS_KK[j % 8], (make_bin(900_000 + j), f"Ұйым № {j + 1}"), org_type=kinds[j % 4],
                       submitted_on=date(season, 4, 10 + j % 20)) for j in range(n)]
    b.participants_rows("grants", people)
    vec = b.vectors([p.iin for p in people], ROUNDS["grants"])
    b.unit("grants", "grants", "grants", vec, size=size)
    b.s.expected["grants"] = sorted(_top({i: sum(v) for i, v in vec.items()}, budget // amount)[0])
    b.s.expected["grant_totals"] = {i: sum(v) for i, v in vec.items()}
    return people


# --- the small sample season: one case of every rule --------------------------------------------------------------

SAMPLE_SETTINGS = """\
score_scale: {min: 0, max: 10}
round_aggregation: mean
title_repeat: may_compete
prizes_kzt: {second: 500000, third: 300000}
grants: {amount_kzt: 1000000, budget_kzt: 4500000}
votes: {window_hours: 3, one_per_phone: true, points: none}
language: kk
knp: "119"        # a sample payment purpose code: finance confirms the real one for a real season
"""


def make_sample_season(data_dir: Path, *, season: int = 2026, seed: int = 7,
                       xlsx: tuple[str, ...] = ("attendance",)) -> SampleSeason:
    """The demo season: 4 districts × 3 schools, the city stage, the grants; see the module docstring."""
    b = _Builder(season, seed)
    districts = vocab.DISTRICTS_KK[:4]
    schools = {}
    for j in range(12):
        org = (make_bin(20_000 + j), vocab.SCHOOLS_KK[0].format(n=100 + j))
        schools[org[0]] = [b.person(districts[j // 3], org) for _ in range(4 + j % 2)]
    first = list(schools)
    # E1, E2, E3: one ineligible teacher each, in three schools.
    bad = [schools[first[3]][0], schools[first[4]][0], schools[first[5]][0]]
    bad[0].citizen, bad[1].staff_months, bad[2].continuous_months = False, 24, 48
    b.s.expected["rejected"] = {bad[0].iin: "E1", bad[1].iin: "E2", bad[2].iin: "E3"}
    everyone = [p for ps in schools.values() for p in ps]
    b.participants_rows("teacher_of_year", everyone)
    school_adv, pending = _sample_school(b, schools, set(b.s.expected["rejected"]))
    b.s.expected.update({"school": sorted(school_adv), "school_pending": pending})
    _sample_upper(b, school_adv, districts)
    _sample_grants(b)
    write_files(b.s, data_dir / "inbox" / "scores", xlsx=xlsx)
    write_settings(data_dir / "settings", season, SAMPLE_SETTINGS)
    return b.s


def _sample_school(b: _Builder, schools: dict[str, list[Person]], rejected: set[str]) -> tuple[list[str], list[str]]:
    """School stage: a tie for the 2nd place resolved by a decision (school 0), one left pending (school 1), and
    bad rows: an absent member's score, a duplicate pair, a score out of scale, an unknown participant, a member
    not on the commission, a score for a rejected teacher."""
    adv: list[str] = []
    pending: list[str] = []
    for n, (unit, ps) in enumerate(schools.items()):
        iins = [p.iin for p in ps if p.iin not in rejected]
        vec = b.vectors(iins, 4)
        decided: list[str] = []
        if n in (0, 1):   # the 2nd and 3rd best get the same round scores: a tie at the cut-off (A2)
            order = sorted(iins, key=lambda i: -sum(vec[i]))
            vec[order[2]] = list(vec[order[1]])
            if n == 0:
                decided = [order[2]]
                b.s.rows["decisions"].append([b.s.season, "teacher_of_year", "school", unit, "advance", order[2], ""])
        if n == 1:        # the Department lets the district go on without the pending tie (A9)
            b.s.rows["decisions"].append([b.s.season, "teacher_of_year", "school", unit, "proceed_without", "", ""])
        members = b.unit("teacher_of_year", "school", unit, vec, size=7, absent={3: 2})
        through, tied = _top({i: sum(v) for i, v in vec.items()}, 2, decided)
        adv += through
        pending += tied
        if n == 3:
            _bad_score_rows(b, unit, iins, members, [p.iin for p in ps if p.iin in rejected])
    return adv, sorted(pending)


def _bad_score_rows(b: _Builder, unit: str, iins: list[str], members: list[str], rejected: list[str]) -> None:
    rows, sec = b.s.rows["scores"], members[2]
    sec_rows = [r for r in rows if r[3] == unit and r[6] == sec and r[4] == 1]
    rows.remove(sec_rows[0])                                        # the secretary's score: replaced by bad rows
    rows.append([*sec_rows[0][:7], "11.5"])                         # out of the 0–10 scale
    rows.remove(sec_rows[1])                                        # a duplicate pair: neither is used
    rows.append([*sec_rows[1][:7], sec_rows[1][7]])
    rows.append([*sec_rows[1][:7], sec_rows[1][7]])
    rows.append([b.s.season, "teacher_of_year", "school", unit, 3, iins[0], members[-1], "9.0"])   # absent member
    rows.append([b.s.season, "teacher_of_year", "school", unit, 1, iins[0], "stranger-01", "9.0"])  # not a member
    rows.append([b.s.season, "teacher_of_year", "school", unit, 1, make_iin(b.rng, 9999), members[0], "5.0"])
    rows.append([b.s.season, "teacher_of_year", "school", unit, 1, rejected[0], members[0], "5.0"])  # rejected
    b.s.expected["school_bad_rows"] = 8   # the seven above and one that cannot be read:
    rows.append([b.s.season, "teacher_of_year", "school", unit, "one", iins[0], members[0], "5.0"])  # not a number


def _sample_upper(b: _Builder, school_adv: list[str], districts: list[str]) -> None:
    """District stage (one district's session without quorum, one at exactly two thirds) and the city stage
    (a repeat title holder at the top, a tie for III resolved by a decision, votes)."""
    district_adv: list[str] = []
    for n, d in enumerate(districts):
        iins = [i for i in school_adv if b.s.people[i].district == d]
        vec = b.vectors(iins, 4)
        absent = {2: 6} if n == 3 else {1: 5} if n == 1 else {}      # 9 of 15 (invalid); 10 of 15 (exactly 2/3)
        b.unit("teacher_of_year", "district", d, vec, size=15, absent=absent)
        if n == 3:        # undecided: the Department lets the city go on without it (A9)
            b.s.expected["undecided_district"] = d
            b.s.rows["decisions"].append([b.s.season, "teacher_of_year", "district", d, "proceed_without", "", ""])
            continue
        district_adv += _top({i: sum(v) for i, v in vec.items()}, 5)[0]
    b.s.expected["district"] = sorted(district_adv)
    vec = b.vectors(district_adv, 5)
    order = sorted(district_adv, key=lambda i: -sum(vec[i]))
    vec[order[4]] = list(vec[order[3]])            # 4th and 5th tie: for III once the title holder is placed
    b.s.rows["history"].append([b.s.season - 2, "teacher_of_year", "grand_prix", order[0]])       # E4
    b.s.rows["history"].append([b.s.season - 6, "teacher_of_year", "grand_prix", order[1]])       # long ago: fine
    b.s.rows["decisions"].append([b.s.season, "teacher_of_year", "city", "city", "place", order[4], "third"])
    b.unit("teacher_of_year", "city", "city", vec, size=17, absent={5: 2}, harsh=True)
    b.s.expected["prizes"] = {"grand_prix": order[1], "first": order[0], "second": order[2], "third": order[4]}
    b.s.expected["votes"] = _sample_votes(b, district_adv)


def _sample_votes(b: _Builder, iins: list[str]) -> dict[str, int]:
    """Each finalist's presentation ends at 19:00 + n×10 min Almaty time; votes inside the 3 hours (both ends
    included, some written in UTC), outside it, and repeats from one phone."""
    expected = {}
    for n, iin in enumerate(iins):
        end = datetime(b.s.season, 5, 20, 19, 0, tzinfo=ALMATY) + timedelta(minutes=10 * n)
        b.s.rows["presentations"].append([b.s.season, iin, end.isoformat()])
        phones = [hashlib.sha256(f"+7701{n:03d}{k:04d}".encode()).hexdigest() for k in range(5 + 3 * n)]
        times = [end, end + timedelta(hours=3)] + [end + timedelta(minutes=b.rng.randint(1, 179))
                                                   for _ in phones[2:]]
        for k, (ph, t) in enumerate(zip(phones, times)):
            shown = t.astimezone(timezone.utc) if k % 2 else t
            b.s.rows["votes"].append([b.s.season, iin, ph, shown.isoformat()])
        b.s.rows["votes"].append([b.s.season, iin, phones[0], (end + timedelta(minutes=5)).isoformat()])  # repeat
        b.s.rows["votes"].append([b.s.season, iin, phones[1], (end - timedelta(seconds=1)).isoformat()])  # early
        b.s.rows["votes"].append([b.s.season, iin, phones[2], (end + timedelta(hours=3, seconds=1)).isoformat()])
        expected[iin] = len(phones)
    return expected


def _sample_grants(b: _Builder) -> None:
    """Ten grant nominees: one with too little experience (G2), one late (G4), two of one organization on
    different days (the later one: G3), two of another on the same day (A6: pending). 4 grants (4.5M ÷ 1M)."""
    season = b.s.season
    people = _grants(b, 10, amount=1_000_000, budget=4_500_000, size=9)
    people[1].work_months = 40
    people[2].submitted_on = date(season, 5, 3)
    people[4].org_bin, people[4].submitted_on = people[3].org_bin, date(season, 4, 20)
    people[3].submitted_on = date(season, 4, 12)
    people[6].org_bin, people[6].submitted_on = people[5].org_bin, people[5].submitted_on
    b.s.rows["participants"] = [r for r in b.s.rows["participants"] if r[1] != "grants"]
    b.participants_rows("grants", people)
    out = {people[1].iin: "G2", people[2].iin: "G4", people[4].iin: "G3"}
    held = {people[5].iin, people[6].iin}
    totals = {i: t for i, t in b.s.expected.pop("grant_totals").items() if i not in out}
    zone = _top(totals, 4)[0]                          # the held pair keeps its places: their grants wait (A6)
    waiting = [i for i in zone if i in held]
    after = [i for i in sorted(totals, key=lambda i: -totals[i]) if i not in zone and i not in held]
    b.s.expected.update({"grants_rejected": out, "grants_held": sorted(held),
                         "grants": sorted(i for i in zone if i not in held),
                         "grants_waiting": sorted(after[:max(len(waiting) - 1, 0)])})


# --- hand-made inboxes for tests: a few rows, every value chosen -------------------------------------------------

class ScoreInbox:
    """Rows written by hand (tests, held-out scenarios): people, sessions, scores, votes, decisions, history."""

    def __init__(self, data_dir: Path, *, season: int = 2026, seed: int = 0) -> None:
        self.data_dir, self.season = data_dir, season
        self.b = _Builder(season, seed)
        self.rows = self.b.s.rows
        self._orgs = 0

    def person(self, competition: str = "teacher_of_year", *, org: str | None = None, district: str = "Алмалы",
               **kw: Any) -> str:
        """A participant (eligible unless `kw` says otherwise); returns the IIN. `org` is the school's BIN."""
        if org is None:
            self._orgs += 1
            org = make_bin(50_000 + self._orgs)
        p = self.b.person(district, (org, f"Мектеп {org[-4:]}"), **kw)
        if competition == "grants" and p.submitted_on is None:
            p.submitted_on = date(self.season, 4, 15)
        self.b.participants_rows(competition, [p])
        return p.iin

    def session(self, stage: str, unit: str, rnd: int, *, members: int = 7, absent: int = 0,
                competition: str = "teacher_of_year") -> list[str]:
        """The attendance of one session: `members` rows, the last `absent` of them absent. Returns member ids."""
        ids = [f"{stage[:1]}{j + 1:02d}" for j in range(members)]
        roles = (["chair", "deputy", "secretary"] + ["member"] * members)[:members]
        for j, (m, role) in enumerate(zip(ids, roles)):
            self.rows["attendance"].append([self.season, competition, stage, unit, rnd, m, role,
                                            "false" if j >= members - absent else "true"])
        return ids[:members - absent]

    def score(self, stage: str, unit: str, rnd: int, iin: str, member: str, value: str,
              competition: str = "teacher_of_year") -> None:
        self.rows["scores"].append([self.season, competition, stage, unit, rnd, iin, member, value])

    def stage(self, stage: str, unit: str, scores: dict[str, list[str]], *, members: int = 7, absent: int = 0,
              competition: str = "teacher_of_year") -> list[str]:
        """Every round of a unit: sessions, and each present member scoring participant p `scores[p][r-1]`."""
        present: list[str] = []
        for r in range(1, len(next(iter(scores.values()))) + 1):
            present = self.session(stage, unit, r, members=members, absent=absent, competition=competition)
            for iin, values in scores.items():
                for m in present:
                    self.score(stage, unit, r, iin, m, values[r - 1], competition)
        return present

    def org(self, iin: str) -> str:
        return self.b.s.people[iin].org_bin

    def through_school(self, iins: list[str]) -> None:
        """Score each one at their school (alone there unless several share it): they all go on (S2)."""
        by_org: dict[str, list[str]] = {}
        for i in iins:
            by_org.setdefault(self.org(i), []).append(i)
        for org, group in by_org.items():
            self.stage("school", org, {i: ["5"] * 4 for i in group})

    def through_district(self, iins: list[str]) -> None:
        """School and district stages for people of distinct schools, at most five a district: all reach the city."""
        self.through_school(iins)
        by_district: dict[str, list[str]] = {}
        for i in iins:
            by_district.setdefault(self.b.s.people[i].district, []).append(i)
        for d, group in by_district.items():
            self.stage("district", d, {i: ["5"] * 4 for i in group}, members=15)

    def decision(self, stage: str, unit: str, decision: str, iin: str, place: str = "",
                 competition: str = "teacher_of_year") -> None:
        self.rows["decisions"].append([self.season, competition, stage, unit, decision, iin, place])

    def history(self, season: int, award: str, iin: str, competition: str = "teacher_of_year") -> None:
        self.rows["history"].append([season, competition, award, iin])

    def presentation(self, iin: str, end: str) -> None:
        self.rows["presentations"].append([self.season, iin, end])

    def vote(self, iin: str, phone: str, at: str) -> None:
        self.rows["votes"].append([self.season, iin, hashlib.sha256(phone.encode()).hexdigest(), at])

    def write(self, settings: str = "", *, xlsx: tuple[str, ...] = ()) -> Path:
        write_files(self.b.s, self.data_dir / "inbox" / "scores", xlsx=xlsx)
        write_settings(self.data_dir / "settings", self.season, settings or "{}\n")
        return self.data_dir

    def results(self, db_url: str, competition: str, stage: str, *, reports: bool = False) -> dict[str, Any]:
        """Write the files, score one stage with `run_score`, and return its results.json."""
        import json

        from mugalim.config import Settings
        from mugalim.scoring.run import run_score

        if not (self.data_dir / "settings" / f"season-{self.season}.yaml").exists():
            self.write()
        r = run_score(Settings.load(self.data_dir, db_url), season=self.season, competition=competition,
                      stage=stage, reports=reports)
        return json.loads(Path(r.results).read_text(encoding="utf-8"))


def make_demo_season(data_dir: Path, *, season: int = 2026, seed: int = 0, scanned: Any = ()) -> SampleSeason:
    """`make demo`'s score sheets: a season that decides fully, with four deliberate oddities each explained in its
    protocol (see `mugalim.samples.demo_season`); `scanned`: the scanned applicants to score along."""
    from mugalim.samples.demo_season import make_demo_season as make

    return make(data_dir, season=season, seed=seed, scanned=scanned)
