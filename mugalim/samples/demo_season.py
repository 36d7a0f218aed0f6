"""`make demo`'s season: a season that decides fully, end to end, and tells a true story (issue 21, item 5).

Four districts send their five each (S3), the city gives the four places (P1), the grant commission gives its grants
(A7), and `pay` pays places II and III and each grant once. Four deliberate oddities, each visible and explained in
its stage's results and protocol:

1. **A school without quorum (C2, A8)**: in the second district one school's commission sat in round 2 with 4 of its
   7 members: the school stage cannot be decided there, so the district would wait for it (A9). The Department lets
   the district go on without it: a `decisions` row `proceed_without` (stage `school`, unit the school's BIN). The
   district still sends its five from its other three schools.
2. **A tie at a cut-off resolved by a decision (A2)**: in the third district the 5th and 6th totals are equal; an
   `advance` decision row sends one of the two on.
3. **A recent title holder among the finalists (E4)**: the finalist with the best city total received the title
   (Grand Prix) two seasons ago (`history`): they take place I, and the Grand Prix goes to the next in the ranking.
4. **A decision that resolves nothing**: a `place` / `third` row for the 5th of the city ranking, where there is no
   tie for III: refused, with the reason; III goes to whom the ranking gives it.

Besides: an ineligible teacher in three schools (E1, E2, E3) and three grant nominees (G2, G3, G4), each rejected
with its rule and not scored; SMS votes with a few outside the window and repeats (A3, reported, not added); the
commissions by name and position (`commissions`), each sitting's date and place (`attendance`: `held_on`, `place`);
the schools by name in the participants file. There are no accidental ties and no other bad rows.

The scanned applicants of `make demo` (`scanned`: anything with `iin`, `competition`, `organization_bin`,
`district`) are scored by their own school's commission and, for the grants, by the grant commission, without
changing the story above: a scanned Teacher of the Year applicant sent on by their school is scored below every
other participant of their district (never a finalist), and each scanned grant nominee is scored above the others,
the budget paying for one more grant each. Everything is drawn from `seed`; the scanned part from its own generator,
so the rest is the same with or without scans.
"""
from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mugalim.identifiers import check_digit
from mugalim.samples import names as vocab
from mugalim.samples.season import (Person, SampleSeason, _Builder, _hundredths, _sample_votes, _top, _write_xlsx,
                                    make_bin, write_settings)
from mugalim.scoring.sheets import COLUMNS

TOY, GRANTS = "teacher_of_year", "grants"
ROUNDS = {"school": 4, "district": 4, "city": 5, "grants": 2}
HEADERS: dict[str, tuple[str, ...]] = {
    **COLUMNS,
    "attendance": ("season", "competition", "stage", "unit", "round", "member_id", "role", "present", "held_on",
                   "place"),
    "commissions": ("season", "competition", "stage", "unit", "member_id", "full_name", "position"),
}
SCHOOLS_PER_DISTRICT = (3, 4, 3, 3)      # the second district has a fourth school: the one without quorum
NO_QUORUM = (1, 3)                       # (district, school within it): round 2 sits with 4 of 7 members
TIE_DISTRICT = 2                         # the 5th and 6th totals of this district are equal
REJECTED = {(0, 1): "E1", (1, 0): "E2", (3, 2): "E3"}   # (district, school) → the rule its ineligible teacher fails
GRANT_AMOUNT, GRANT_BUDGET = 1_000_000, 4_500_000      # A7: 4 grants (4.5M ÷ 1M, rounded down)
PRIZES_KZT = {"second": 500_000, "third": 300_000}

SETTINGS = """\
score_scale: {{min: 0, max: 10}}
round_aggregation: mean
title_repeat: may_compete
prizes_kzt: {{second: {second}, third: {third}}}
grants: {{amount_kzt: {amount}, budget_kzt: {budget}}}
votes: {{window_hours: 3, one_per_phone: true, points: none}}
language: kk
knp: "119"        # a sample payment purpose code: finance confirms the real one for a real season
payer:            # a sample account of the Department (a valid Kazakh IBAN, the Treasury's BIC)
  name: "Алматы қаласының Білім басқармасы"
  iban: KZ77070105KZT0000001
  bic: KKMFKZ2A
"""

EDUCATION_DEPT = "Алматы қаласы Білім басқармасы"
DEPT_HALL = f"{EDUCATION_DEPT}, мәжіліс залы"
TV_STUDIO = "«Алматы» телеарнасының студиясы"


@dataclass
class DemoStory:
    """Who plays which part in the demo season (IINs, BINs and names of districts), for the tests and the reader."""
    season: int
    districts: list[str]
    schools: list[tuple[str, str, str]]            # (BIN, name, district), in the order they were made
    school_advancing: list[str]                    # sorted
    district_advancing: dict[str, list[str]]       # district → its five, sorted
    no_quorum_school: str                          # BIN: C2 in round `no_quorum_round`, then `proceed_without`
    no_quorum_district: str
    no_quorum_round: int
    tie_district: str
    tied: list[str]                                # the two equal totals at the 5th place, sorted
    tie_advanced: str                              # the one the `advance` decision sends on
    title_holder: str                              # E4: best city total, title received in `title_season`
    title_season: int
    refused: tuple[str, str]                       # (IIN, place) of the decision row that resolves nothing
    city_ranking: list[str]                        # the finalists, best total first
    prizes: dict[str, str]                         # grand_prix / first / second / third → IIN
    grants: list[str]                              # sorted
    rejected: list[tuple[str, str]]                # (IIN, rule), E1–E3 and G2–G4
    prizes_kzt: dict[str, int] = field(default_factory=lambda: dict(PRIZES_KZT))
    grant_kzt: int = GRANT_AMOUNT
    budget_kzt: int = GRANT_BUDGET
    scanned_school_advancing: list[str] = field(default_factory=list)   # scanned applicants sent on by their school
    scanned_grants: list[str] = field(default_factory=list)             # scanned nominees given a grant

    @property
    def paid(self) -> dict[tuple[str, str], int]:
        """(award, IIN) → tenge: what `pay` pays for this season (P3: II and III; G5: each grant)."""
        out = {(p, self.prizes[p]): self.prizes_kzt[p] for p in ("second", "third")}
        out.update({("grant", i): self.grant_kzt for i in self.grants})
        return out


def make_demo_season(data_dir: Path, *, season: int = 2026, seed: int = 0,
                     scanned: Iterable[Any] = ()) -> SampleSeason:
    """Write the demo season's score files into `data_dir/inbox/scores/` and its settings; the returned season's
    `story` names who plays which part (see the module's docstring)."""
    d = _Demo(season, seed, list(scanned))
    d.build()
    d.write(data_dir)
    return d.s


class _Demo:
    def __init__(self, season: int, seed: int, scanned: list[Any]) -> None:
        self.b = _Builder(season, seed)
        self.b.rng = random.Random(f"mugalim-demo-season-{season}-{seed}")
        self.rng = self.b.rng
        self.scan_rng = random.Random(f"mugalim-demo-scanned-{season}-{seed}")   # the scans' part, apart
        self.key = f"{season}-{seed}"
        self.s = self.b.s
        self.season = season
        self.s.rows.setdefault("commissions", [])
        self.scanned = scanned
        self.taken = {str(x.iin) for x in scanned}
        self.names: set[str] = set()
        self.scan_names: set[str] = set()       # apart too, so that the scans never shift the rest
        self.serial = 0
        self.numbers = iter(self.rng.sample(range(10, 200), 80))  # organizations' numbers: no two alike
        self.tied: list[str] = []                  # what the stages chose, for the story
        self.tie_advanced = ""
        self.scanned_sent: list[str] = []
        self.scanned_grants: list[str] = []
        self.budget = GRANT_BUDGET

    # --- people and commissions ------------------------------------------------------------------------------------

    def full_name(self, rng: random.Random) -> tuple[str, bool]:
        """A Kazakh full name (surname, name, patronymic) not used yet in this season, and whether it is a woman's."""
        used = self.scan_names if rng is self.scan_rng else self.names
        while True:
            female = rng.random() < 0.7
            sur = rng.choice(vocab.KK_SURNAMES_F if female else vocab.KK_SURNAMES_M)
            first = rng.choice(vocab.KK_NAMES_F if female else vocab.KK_NAMES_M)
            father = rng.choice(vocab.KK_FATHERS) + ("қызы" if female else "ұлы")
            name = f"{sur} {first} {father}"
            if name not in used:
                used.add(name)
                return name, female

    def iin(self, female: bool) -> str:
        """A valid IIN of someone born 1966–1996 (digit 7: 4 a woman, 3 a man), unique in the season."""
        while True:
            self.serial += 1
            born = date(1966, 1, 1) + timedelta(days=self.rng.randrange(30 * 365))
            head = f"{born:%y%m%d}{4 if female else 3}{(self.serial * 37 + 101) % 10000:04d}"
            cd = check_digit(head)
            if cd is not None and head + str(cd) not in self.taken:
                self.taken.add(head + str(cd))
                return head + str(cd)

    def person(self, district: str, org: tuple[str, str], **kw: Any) -> Person:
        name, female = self.full_name(self.rng)
        p = Person(self.iin(female), name, org[0], org[1], district, **kw)
        self.s.people[p.iin] = p
        return p

    def commission(self, competition: str, stage: str, unit: str, code: str, positions: list[str],
                   rng: random.Random) -> list[str]:
        """Members `code-01`… (chair, deputy, secretary, members), named with their positions in `commissions`."""
        ids = [f"{code}-{j:02d}" for j in range(1, len(positions) + 1)]
        for m, pos in zip(ids, positions):
            name, _ = self.full_name(rng)
            self.s.rows["commissions"].append([self.season, competition, stage, unit, m, name, pos])
        return ids

    def sit(self, competition: str, stage: str, unit: str, members: list[str], vectors: dict[str, list[int]],
            sittings: list[tuple[date, str]], *, absent: dict[int, int] | None = None, harsh: bool = False) -> None:
        """Every round's attendance (the last `absent[r]` members away in round r) and the present members' scores:
        each participant's round score plus deviations that cancel out, so the round's mean is known exactly."""
        roles = ["chair", "deputy", "secretary"] + ["member"] * (len(members) - 3)
        for r in range(1, ROUNDS[stage] + 1):
            away = set(members[len(members) - (absent or {}).get(r, 0):])
            held_on, place = sittings[r - 1]
            for m, role in zip(members, roles):
                self.s.rows["attendance"].append([self.season, competition, stage, unit, r, m, role,
                                                  "false" if m in away else "true", held_on.isoformat(), place])
            present = [m for m in members if m not in away]
            for iin, vec in vectors.items():
                devs = _deviations(present, members[2], random.Random(f"{self.key}|{stage}|{unit}|{r}|{iin}"), harsh)
                for m in present:
                    self.s.rows["scores"].append([self.season, competition, stage, unit, r, iin, m,
                                                  _hundredths(vec[r - 1] + 10 * devs[m])])

    # --- the season ------------------------------------------------------------------------------------------------

    def build(self) -> None:
        districts = self.districts()
        schools = self.schools(districts)
        self.b.participants_rows(TOY, [p for ps in schools.values() for p in ps["people"]])
        sent = self.school_stage(schools)
        district_adv = self.district_stage(districts, schools, sent)
        city = self.city_stage(districts, district_adv)
        grants, rejected_g = self.grants_stage()
        rejected = [(p.iin, rule) for ps in schools.values() for p, rule in ps["rejected"]] + rejected_g
        nq_bin = next(b for b, ps in schools.items() if ps["no_quorum"])
        self.s.story = DemoStory(
            season=self.season, districts=districts,
            schools=[(b, ps["name"], ps["district"]) for b, ps in schools.items()],
            school_advancing=sorted(i for v in sent.values() for i in v),
            district_advancing={d: sorted(v) for d, v in district_adv.items()},
            no_quorum_school=nq_bin, no_quorum_district=schools[nq_bin]["district"], no_quorum_round=2,
            tie_district=districts[TIE_DISTRICT], tied=sorted(self.tied), tie_advanced=self.tie_advanced,
            title_holder=city["order"][0], title_season=self.season - 2, refused=(city["order"][4], "third"),
            city_ranking=city["order"], prizes=city["prizes"], grants=sorted(grants), rejected=sorted(rejected),
            budget_kzt=self.budget, scanned_school_advancing=sorted(self.scanned_sent),
            scanned_grants=sorted(self.scanned_grants))
        self.s.expected.update({"school": self.s.story.school_advancing,
                                "district": sorted(i for v in district_adv.values() for i in v),
                                "prizes": city["prizes"], "grants": sorted(grants)})

    def districts(self) -> list[str]:
        """Four districts; a scanned school's district, if it is not among them, takes the place of the last ones."""
        districts = list(vocab.DISTRICTS_KK[:4])
        extra = [d for d in dict.fromkeys(str(x.district) for x in self.scanned if x.competition == TOY)
                 if d not in districts]
        for k, d in enumerate(extra[:2]):
            districts[3 - k] = d
        return districts

    def schools(self, districts: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        j = 0
        for di, district in enumerate(districts):
            for si in range(SCHOOLS_PER_DISTRICT[di]):
                n = next(self.numbers)
                name = vocab.SCHOOLS_KK[j % len(vocab.SCHOOLS_KK)].format(n=n, d=district)
                org = (make_bin(30_000 + 7 * j), name)
                people = [self.person(district, org, **self.experience()) for _ in range(3 + self.rng.randint(0, 2))]
                rejected = []
                if (di, si) in REJECTED:
                    rule = REJECTED[(di, si)]
                    bad = self.person(district, org, **{**self.experience(), **{
                        "E1": {"citizen": False}, "E2": {"staff_months": 24},
                        "E3": {"staff_months": 40, "continuous_months": 48, "work_months": 62}}[rule]})
                    rejected.append((bad, rule))
                street = self.rng.choice(vocab.STREETS_KK)
                out[org[0]] = {"name": name, "number": n, "district": district, "index": j, "people": people + [
                    p for p, _ in rejected], "eligible": people, "rejected": rejected,
                    "no_quorum": (di, si) == NO_QUORUM,
                    "place": f"Алматы қ., {street}, {self.rng.randint(1, 180)}, мектептің мәжіліс залы"}
                j += 1
        return out

    def experience(self) -> dict[str, Any]:
        """Months on the school's staff, of uninterrupted pedagogical work and of work, and the application's day."""
        staff = self.rng.randint(40, 240)
        continuous = staff + self.rng.randint(24, 120)
        return {"staff_months": staff, "continuous_months": continuous,
                "work_months": continuous + self.rng.randint(0, 36),
                "submitted_on": date(self.season, 1, 12 + self.rng.randint(0, 16))}

    def school_stage(self, schools: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
        """S2: the two best of each school; the school without quorum sends nobody (its stage is undecided, C2),
        and the Department lets its district go on without it (A9). Returns BIN → who the school sends on."""
        sent: dict[str, list[str]] = {}
        for bin_, sc in schools.items():
            vec = _vectors(self.rng, [p.iin for p in sc["eligible"]], ROUNDS["school"])
            members = self.commission(TOY, "school", bin_, f"m{sc['number']}", _school_positions(self.rng),
                                      self.rng)
            absent = {2: 3} if sc["no_quorum"] else {self.rng.randint(1, 4): self.rng.randint(0, 1)}
            self.sit(TOY, "school", bin_, members, vec, _school_sittings(self.season, sc["index"], sc["place"]),
                     absent=absent)
            if sc["no_quorum"]:
                self.s.rows["decisions"].append([self.season, TOY, "school", bin_, "proceed_without", "", ""])
                sent[bin_] = []
            else:
                sent[bin_] = _top({i: sum(v) for i, v in vec.items()}, 2)[0]
        by_school: dict[str, list[Any]] = {}
        for x in self.scanned:
            if x.competition == TOY:
                by_school.setdefault(str(x.organization_bin), []).append(x)
        for k, (bin_, xs) in enumerate(sorted(by_school.items())):
            vec = _vectors(self.scan_rng, sorted(str(x.iin) for x in xs), ROUNDS["school"])
            members = self.commission(TOY, "school", bin_, f"m{bin_[-4:]}", _school_positions(self.scan_rng),
                                      self.scan_rng)
            place = f"Алматы қ., {self.scan_rng.choice(vocab.STREETS_KK)}, {self.scan_rng.randint(1, 180)}, " \
                    "мектептің мәжіліс залы"
            self.sit(TOY, "school", bin_, members, vec, _school_sittings(self.season, 7 + k, place))
            self.scanned_sent += _top({i: sum(v) for i, v in vec.items()}, 2)[0]
        return sent

    def district_stage(self, districts: list[str], schools: dict[str, dict[str, Any]],
                       sent: dict[str, list[str]]) -> dict[str, list[str]]:
        """S3: the five best of each district; in the tie district the 5th and 6th are equal and a decision sends one
        on (A2). Scanned applicants sent on by their school are scored below everyone else of their district."""
        scanned_district = {str(x.iin): str(x.district) for x in self.scanned}
        out: dict[str, list[str]] = {}
        for di, district in enumerate(districts):
            iins = [i for b, sc in schools.items() if sc["district"] == district for i in sent[b]]
            vec = _vectors(self.rng, iins, ROUNDS["district"])
            decided: list[str] = []
            if di == TIE_DISTRICT:
                order = sorted(iins, key=lambda i: -sum(vec[i]))
                vec[order[5]] = list(vec[order[4]])
                self.tied = [order[4], order[5]]
                self.tie_advanced = max(self.tied)           # not simply the first listed: the commission chose
                decided = [self.tie_advanced]
                self.s.rows["decisions"].append([self.season, TOY, "district", district, "advance",
                                                 self.tie_advanced, ""])
            late = [i for i in self.scanned_sent if scanned_district.get(i) == district]
            vec.update(_vectors(self.scan_rng, late, ROUNDS["district"], low=20, high=24))
            members = self.commission(TOY, "district", district, f"d{di + 1}", _district_positions(
                self.rng, district, self.numbers), self.rng)
            absent = {1 + di: di % 3} if di % 3 else {}
            self.sit(TOY, "district", district, members, vec,
                     _district_sittings(self.season, di, district, next(self.numbers)), absent=absent)
            through, tied = _top({i: sum(v) for i, v in vec.items()}, 5, decided)
            assert not tied and len(through) == 5, (district, through, tied)
            out[district] = through
        return out

    def city_stage(self, districts: list[str], district_adv: dict[str, list[str]]) -> dict[str, Any]:
        """P1 with E4: the best total holds a title of two seasons ago, so takes I; the Grand Prix goes to the second.
        A `place third` row for the 5th resolves nothing (no tie for III) and is refused."""
        finalists = [i for d in districts for i in district_adv[d]]
        vec = _vectors(self.rng, finalists, ROUNDS["city"])
        order = sorted(finalists, key=lambda i: -sum(vec[i]))
        self.s.rows["history"].append([self.season - 2, TOY, "grand_prix", order[0]])
        self.s.rows["decisions"].append([self.season, TOY, "city", "city", "place", order[4], "third"])
        members = self.commission(TOY, "city", "city", "city", _city_positions(self.season, self.numbers), self.rng)
        self.sit(TOY, "city", "city", members, vec, _city_sittings(self.season, next(self.numbers)), absent={5: 2},
                 harsh=True)
        _sample_votes(self.b, finalists)
        return {"order": order, "prizes": {"grand_prix": order[1], "first": order[0], "second": order[2],
                                           "third": order[3]}}

    def grants_stage(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Ten nominees of the four kinds of organization (G2): one with too little experience (G2), one late (G4),
        one the second nominee of an organization (G3, the later one); the seven others are scored. A7: as many grants
        as budget ÷ amount, to the highest totals."""
        season = self.season
        kinds = ["preschool", "secondary", "additional", "tvet"]
        people: list[Person] = []
        days = self.rng.sample(range(10, 29), 10)
        for j in range(10):
            kind = kinds[j % 4]
            org_name = _ORG_KK[kind].format(n=next(self.numbers))
            district = vocab.DISTRICTS_KK[j % 8]
            people.append(self.person(district, (make_bin(60_000 + 11 * j), org_name), org_type=kind,
                                      work_months=self.rng.randint(70, 300), submitted_on=date(season, 4, days[j])))
        g2, g4, g3_first, g3_later = people[1], people[2], people[3], people[4]
        g2.work_months = 40
        g4.submitted_on = date(season, 5, 3)
        g3_later.org_bin, g3_later.org_name, g3_later.org_type, g3_later.district = \
            g3_first.org_bin, g3_first.org_name, g3_first.org_type, g3_first.district
        g3_first.submitted_on, g3_later.submitted_on = date(season, 4, 12), date(season, 4, 21)
        self.b.participants_rows(GRANTS, people)
        rejected = [(g2.iin, "G2"), (g4.iin, "G4"), (g3_later.iin, "G3")]
        out = {i for i, _ in rejected}
        eligible = [p.iin for p in people if p.iin not in out]
        vec = _vectors(self.rng, eligible, ROUNDS["grants"])
        members = self.commission(GRANTS, "grants", "grants", "grant", _grant_positions(self.numbers), self.rng)
        scanned = sorted(str(x.iin) for x in self.scanned if x.competition == GRANTS)
        vec.update(_vectors(self.scan_rng, scanned, ROUNDS["grants"], low=80, high=86))
        self.sit(GRANTS, "grants", "grants", members, vec, [(date(season, 5, 12), DEPT_HALL),
                                                            (date(season, 5, 13), DEPT_HALL)])
        self.budget = GRANT_BUDGET + GRANT_AMOUNT * len(scanned)
        self.scanned_grants = scanned
        winners = _top({i: sum(v) for i, v in vec.items()}, self.budget // GRANT_AMOUNT)[0]
        return winners, rejected

    def write(self, data_dir: Path) -> None:
        folder = data_dir / "inbox" / "scores"
        folder.mkdir(parents=True, exist_ok=True)
        self.s.folder = folder
        for kind, rows in self.s.rows.items():
            if not rows:
                continue
            header = HEADERS[kind]
            if kind == "attendance":         # as a spreadsheet: the committees' secretaries keep it in Excel
                _write_xlsx(folder / f"{kind}_{self.season}.xlsx", header, rows)
                continue
            with (folder / f"{kind}_{self.season}.csv").open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows)
        write_settings(data_dir / "settings", self.season, SETTINGS.format(
            second=PRIZES_KZT["second"], third=PRIZES_KZT["third"], amount=GRANT_AMOUNT, budget=self.budget))


# --- scores ----------------------------------------------------------------------------------------------------

def _vectors(rng: random.Random, iins: list[str], rounds: int, *, low: int = 25,
             high: int = 78) -> dict[str, list[int]]:
    """Round scores in hundredths (low/10 … high/10 points), every total different (no accidental ties)."""
    out: dict[str, list[int]] = {}
    totals: set[int] = set()
    for iin in iins:
        v = [rng.randint(low, high) * 10 + rng.choice((0, 0, 5)) for _ in range(rounds)]
        while sum(v) in totals:
            v[-1] += 1
        totals.add(sum(v))
        out[iin] = v
    return out


def _deviations(present: list[str], zero: str, rng: random.Random, harsh: bool) -> dict[str, int]:
    """Deviations (tenths) that cancel out in pairs, the secretary's 0; with `harsh` the first present member scores
    2.0 above the round score and the last one 2.0 below (an outlier pair for the charts)."""
    others = [m for m in present if m != zero]
    devs = {zero: 0} if zero in present else {}
    if harsh and len(others) >= 2:
        devs[others[-1]], devs[others[0]] = -20, 20
        others = others[1:-1]
    for a, b in zip(others[0::2], others[1::2]):
        x = rng.randint(1, 12)
        devs[a], devs[b] = x, -x
    if len(others) % 2:
        devs[others[-1]] = 0
    return devs


# --- sittings: dates within the season's windows (S1), and places ------------------------------------------------

def _school_sittings(season: int, index: int, place: str) -> list[tuple[date, str]]:
    first = 9 + index % 8
    return [(date(season, 2, first + 2 * r), place) for r in range(4)]


def _district_sittings(season: int, index: int, district: str, host: int) -> list[tuple[date, str]]:
    """Rounds 1–2 at the district's education office; rounds 3–4 (lessons with another school's pupils, S4) at a
    school that has no participant."""
    office = f"Алматы қ., {district} аудандық білім бөлімі, мәжіліс залы"
    lesson = f"Алматы қ., {district} ауданы, № {host} жалпы білім беретін мектеп"
    return [(date(season, 3, 10 + index + 3 * r), office if r < 2 else lesson) for r in range(4)]


def _city_sittings(season: int, host: int) -> list[tuple[date, str]]:
    """Round 5, the televised presentation (S4, S5), on the evening the presentations end (see the votes)."""
    lesson = f"Алматы қ., № {host} мектеп-гимназия"
    return [(date(season, 4, 14), DEPT_HALL), (date(season, 4, 21), DEPT_HALL), (date(season, 4, 28), lesson),
            (date(season, 5, 5), lesson), (date(season, 5, 20), TV_STUDIO)]


# --- positions of the commissions' members ------------------------------------------------------------------------

_SUBJECT_TEACHERS = [p for p in vocab.POSITIONS_KK if p.endswith("мұғалімі")]
_ORG_KK = {"preschool": "«№ {n} бөбекжай-балабақша» МКҚК", "secondary": "«№ {n} жалпы білім беретін мектеп» КММ",
           "additional": "«№ {n} балалар шығармашылық үйі» МКҚК", "tvet": "«№ {n} Алматы колледжі» МКҚК"}


def _school_positions(rng: random.Random) -> list[str]:
    """Rule S2: the school commission, formed by order of the school's head."""
    return ["мектеп директоры", "директордың оқу ісі жөніндегі орынбасары",
            "директордың ғылыми-әдістемелік жұмыс жөніндегі орынбасары"] + rng.sample(_SUBJECT_TEACHERS, 4)


def _district_positions(rng: random.Random, district: str, numbers: Any) -> list[str]:
    """C1: at least 15 members (heads of schools that have no participant)."""
    pool = [f"№ {next(numbers)} жалпы білім беретін мектептің директоры" for _ in range(4)] + \
        [f"{district} аудандық әдістемелік кабинетінің әдіскері" for _ in range(3)] + \
        [f"{s}, педагог-зерттеуші" for s in rng.sample(_SUBJECT_TEACHERS, 4)] + \
        [f"{u}, аға оқытушы" for u in rng.sample(vocab.UNIVERSITIES_KK[:3], 1)]
    return [f"{district} аудандық білім бөлімінің басшысы", f"{district} аудандық білім бөлімі басшысының орынбасары",
            f"{district} аудандық білім бөлімінің әдіскері"] + pool


def _city_positions(season: int, numbers: Any) -> list[str]:
    pool = [f"{u}, профессор" for u in vocab.UNIVERSITIES_KK[:3]] + \
        [f"№ {next(numbers)} гимназияның директоры" for _ in range(3)] + \
        ["қалалық әдістемелік орталықтың әдіскері"] * 3 + \
        [f"«Алматының жыл мұғалімі – {season - k}» конкурсының жеңімпазы" for k in (5, 7, 9)] + \
        ["«Алматы» телеарнасының продюсері", "қалалық мәслихаттың депутаты"]
    return [f"{EDUCATION_DEPT} басшысының орынбасары",
            f"{EDUCATION_DEPT}, жалпы орта білім беру бөлімінің басшысы", f"{EDUCATION_DEPT}ның бас маманы"] + pool


def _grant_positions(numbers: Any) -> list[str]:
    """G1: the grant commission, formed by the Department's order (A8: its size is not set by the decree); heads of
    organizations that have no nominee."""
    return [f"{EDUCATION_DEPT} басшысының орынбасары", f"{EDUCATION_DEPT}, экономика және қаржы бөлімінің басшысы",
            f"{EDUCATION_DEPT}ның бас маманы", f"№ {next(numbers)} бөбекжай-балабақшаның меңгерушісі",
            f"№ {next(numbers)} Алматы колледжінің директоры", "қалалық әдістемелік орталықтың әдіскері",
            f"{vocab.UNIVERSITIES_KK[0]}, доцент", f"№ {next(numbers)} балалар шығармашылық үйінің директоры",
            f"№ {next(numbers)} мектеп-гимназияның директоры"]
