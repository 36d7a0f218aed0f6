"""`make demo`'s data: the scanned sample batches, the demo season's score sheets, and finance's bank details —
made to fit together, so that the teachers whose dossiers are scanned are also scored by their commissions and,
when they win, paid (and their payment can be traced back to the scan).

The demo season (`demo_season.make_demo_season`) decides fully end to end with four deliberate oddities, each
explained in its protocol; this module hands it the scanned applicants, whom it scores along without changing the
story: each Teacher of the Year applicant at their school's stage (and, sent on, last of their district), each grant
nominee by the grant commission (first, the budget paying for their grant too)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from mugalim.payments.sample_payees import BANKS, make_sample_payees, sample_iban
from mugalim.samples.batches import SampleBatches, make_sample_batches
from mugalim.samples.demo_season import DemoStory
from mugalim.samples.season import make_demo_season


@dataclass
class DemoData(SampleBatches):
    """What `make_demo_data` wrote: the scanned batches (as `make_sample_batches` tells them) and the season's story
    (who plays which part; `DemoStory`)."""

    story: DemoStory | None = None


def make_demo_data(data_dir: Path, *, season: int, seed: int = 0) -> DemoData:
    """Write everything `make demo` runs on into `data_dir/inbox/` and `data_dir/settings/`."""
    scanned = make_sample_batches(data_dir, season=season, seed=seed)
    sample = make_demo_season(data_dir, season=season, seed=seed, scanned=list(scanned.applicants.values()))
    make_sample_payees(data_dir, season=season)
    _write(data_dir / "inbox" / "finance" / f"payees-scanned-{season}.csv",
           ("participant_iin", "full_name", "iban", "bic"), _payees(scanned.applicants.values()))
    return DemoData(batches=scanned.batches, applicants=scanned.applicants, cases=scanned.cases, story=sample.story)


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
