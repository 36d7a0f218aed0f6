"""`make demo`'s data: the scanned sample batches, the sample season's score sheets, and finance's bank details —
made to fit together, so that the teachers whose dossiers are scanned are also scored by their commissions and,
when they win, paid (and their payment can be traced back to the scan).

The sample season (`season.make_sample_season`) has one case of every rule; this module adds the scanned applicants
to it: each Teacher of the Year applicant is scored at their school's stage, each grant nominee by the grant
commission of the season (its members `gra-g01`…`gra-g09`, two rounds)."""
from __future__ import annotations

import csv
from pathlib import Path

from mugalim.payments.sample_payees import BANKS, make_sample_payees, sample_iban
from mugalim.samples.batches import SampleBatches, make_sample_batches
from mugalim.samples.portfolio import Applicant
from mugalim.samples.season import make_sample_season
from mugalim.scoring.sheets import COLUMNS

GRANT_MEMBERS = [f"gra-g{j:02d}" for j in range(1, 10)]
SCHOOL_MEMBERS = [("s01", "chair"), ("s02", "deputy"), ("s03", "secretary"), ("s04", "member"), ("s05", "member")]


def make_demo_data(data_dir: Path, *, season: int, seed: int = 0) -> SampleBatches:
    """Write everything `make demo` runs on into `data_dir/inbox/` and `data_dir/settings/`."""
    scanned = make_sample_batches(data_dir, season=season, seed=seed)
    make_sample_season(data_dir, season=season)
    scores, attendance = _scanned_rows(season, list(scanned.applicants.values()))
    _write(data_dir / "inbox" / "scores" / f"scores-scanned-{season}.csv", COLUMNS["scores"], scores)
    _write(data_dir / "inbox" / "scores" / f"attendance-scanned-{season}.csv", COLUMNS["attendance"], attendance)
    make_sample_payees(data_dir, season=season)
    _write(data_dir / "inbox" / "finance" / f"payees-scanned-{season}.csv",
           ("participant_iin", "full_name", "iban", "bic"), _payees(scanned.applicants.values()))
    return scanned


def _scanned_rows(season: int, people: list[Applicant]) -> tuple[list[list[object]], list[list[object]]]:
    scores: list[list[object]] = []
    attendance: list[list[object]] = []
    schools = sorted({a.organization_bin for a in people if a.competition == "teacher_of_year"})
    for unit in schools:
        for rnd in range(1, 5):
            attendance += [[season, "teacher_of_year", "school", unit, rnd, m, role, "true"]
                           for m, role in SCHOOL_MEMBERS]
    for n, a in enumerate(sorted(people, key=lambda a: a.iin)):
        if a.competition == "teacher_of_year":
            rounds, members, unit, stage = 4, [m for m, _ in SCHOOL_MEMBERS], a.organization_bin, "school"
        else:
            rounds, members, unit, stage = 2, GRANT_MEMBERS, "grants", "grants"
        for rnd in range(1, rounds + 1):
            scores += [[season, a.competition, stage, unit, rnd, a.iin, m, f"{9.1 - 0.2 * n - 0.1 * (j % 3):.1f}"]
                       for j, m in enumerate(members)]
    return scores, attendance


def _payees(people) -> list[list[object]]:  # type: ignore[no-untyped-def]
    rows = []
    for n, a in enumerate(sorted(people, key=lambda a: a.iin)):
        bank, bic = BANKS[n % len(BANKS)]
        rows.append([a.iin, f"{a.surname} {a.name} {a.patronymic}", sample_iban(bank, "KZT" + a.iin[:10]), bic])
    return rows


def _write(path: Path, header: tuple[str, ...], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
