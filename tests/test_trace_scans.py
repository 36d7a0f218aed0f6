"""`mugalim trace` from a payment back to the archived scan: a grants dossier scanned, ingested, extracted and checked
by the real steps, its participant scored by a grant commission and paid; the trace names every link down to the
application's fields (value, confidence, page and box) and the original file, whose SHA-256 is checked again."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from mugalim.db import migrate
from mugalim.payments.run import run_pay
from mugalim.scoring.run import run_score
from mugalim.trace import trace_participant, trace_payment

sys.path.insert(0, str(Path(__file__).parent))
from review_world import SEASON, World, make_world  # noqa: E402

pytestmark = [pytest.mark.slow]
CLI = [sys.executable, "-m", "mugalim.cli"]
MEMBERS = [f"g{n:02d}" for n in range(1, 8)]


def _iban(bank: str, account: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bank + account + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{bank}{account}"


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _score_and_pay(world: World) -> tuple[str, str]:
    """The grant commission scores the one eligible participant; the grant is paid."""
    s = world.settings
    with migrate(s.db_url).connect() as c:
        iin, name = c.execute(text("SELECT participant_iin, full_name FROM participants WHERE source = 'dossier'")).one()
    (s.settings_dir / f"season-{SEASON}.yaml").write_text(yaml.safe_dump(
        {"grants": {"amount_kzt": 1000000, "budget_kzt": 1000000}, "knp": "119"}), encoding="utf-8")
    roles = ["chair", "deputy", "secretary"] + ["member"] * (len(MEMBERS) - 3)
    _write_csv(s.scores_inbox / "attendance_grants.csv",
               ["season", "competition", "stage", "unit", "round", "member_id", "role", "present"],
               [[SEASON, "grants", "grants", "grants", 1, m, r, "true"] for m, r in zip(MEMBERS, roles)])
    _write_csv(s.scores_inbox / "scores_grants.csv",
               ["season", "competition", "stage", "unit", "round", "participant_iin", "member_id", "score"],
               [[SEASON, "grants", "grants", "grants", 1, iin, m, 8] for m in MEMBERS])
    _write_csv(s.finance_inbox / "payees.csv", ["participant_iin", "full_name", "iban", "bic"],
               [[iin, name, _iban("601", "KZT" + iin[:10]), "HSBKKZKX"]])
    run_score(s, season=SEASON, competition="grants", stage="grants")
    report = run_pay(s, season=SEASON, approved_by="Finance Officer")
    assert report.payments == 1, report
    with (Path(report.folder) / "register.csv").open(encoding="utf-8-sig", newline="") as f:
        return next(csv.DictReader(f))["payment_id"], iin


@pytest.fixture(scope="module")
def paid(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, str, str]:
    world = make_world(tmp_path_factory.mktemp("trace-scans"))
    pid, iin = _score_and_pay(world)
    return world, pid, iin


def test_a_grant_payment_is_traced_back_to_the_archived_scan(paid) -> None:
    world, pid, iin = paid
    t = trace_payment(world.settings, pid)
    gaps = [p for p in t.problems if "protocol.pdf" not in p]          # the protocol writer may not be in yet
    assert not gaps, t.problems
    steps = t.steps()
    assert steps[:2] == ["payment", "run"]
    for step in ("decision", "stage", "scores", "participant", "dossier", "eligibility", "field", "original"):
        assert step in steps, step
    fields = {link.facts["field"]: link for link in t.links if link.step == "field"}
    assert fields["iin"].facts["value"] == iin
    src = fields["iin"].sources[0]
    assert src.file.endswith("dossier_02/otinim.png") and src.page == 1 and src.box and len(src.box) == 4
    assert fields["iin"].facts["confidence"] is not None
    original = [link for link in t.links if link.step == "original"]
    assert len(original) == 1 and original[0].facts["verified"] is True
    archived = world.settings.data_dir / original[0].facts["archive_path"]
    import hashlib
    assert original[0].sources[0].sha256 == hashlib.sha256(archived.read_bytes()).hexdigest()
    assert src.sha256 == original[0].sources[0].sha256
    g = [link for link in t.links if link.step == "eligibility"]
    assert {link.facts["rule"] for link in g} >= {"G2", "G4"}


def test_a_correction_shows_in_the_trace_with_who_made_it(paid) -> None:
    world, pid, _ = paid
    from validators.corrections import add_correction
    before = next(x for x in trace_payment(world.settings, pid).links
                  if x.step == "field" and x.facts["field"] == "position_experience_months")
    new = int(before.facts["extracted"] or 0) + 1
    engine = migrate(world.settings.db_url)
    assert add_correction(engine, document_sha256=before.sources[0].sha256, field_name="position_experience_months",
                          value=str(new), corrected_by="clerk.dana") is None
    link = next(x for x in trace_payment(world.settings, pid).links
                if x.step == "field" and x.facts["field"] == "position_experience_months")
    assert link.facts["value"] == new and link.facts["extracted"] == before.facts["extracted"]
    assert link.facts["corrected_by"] == "clerk.dana" and link.facts["corrected_at"]
    assert before.facts["corrected_by"] is None


def test_an_archived_original_changed_on_disk_breaks_the_last_link(paid, tmp_path: Path) -> None:
    world, pid, _ = paid
    t = trace_payment(world.settings, pid)
    original = next(x for x in t.links if x.step == "original")
    path = world.settings.data_dir / original.facts["archive_path"]
    kept = path.read_bytes()
    try:
        path.write_bytes(kept + b"\0")
        again = trace_payment(world.settings, pid)
        assert any("no longer matches its registered SHA-256" in p for p in again.problems)
    finally:
        path.write_bytes(kept)


def test_trace_command_by_participant_reaches_the_scan_and_masks_personal_data(paid) -> None:
    world, pid, iin = paid
    s = world.settings
    done = subprocess.run([*CLI, "trace", "--data", str(s.data_dir), "--db-url", s.db_url, "--participant", iin],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 7), done.stderr
    out = done.stdout
    assert pid in out and "otinim.png" in out and "Түпнұсқа файл" in out and "бет / стр. 1" in out
    assert iin not in out
    phones = [link.facts["value"] for link in trace_participant(s, iin)[0].links
              if link.step == "field" and link.facts["field"] == "phones"][0]
    assert phones and all(p not in out for p in phones)
