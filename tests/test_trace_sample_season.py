"""`mugalim trace` on the sample season: every payment walks back through its run and manifest, the decision and
protocol, the stage totals and score rows (file and row), to the participant's record; a tampered file or a missing
protocol breaks the chain at the named link."""
from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mugalim.config import Settings
from mugalim.payments.run import run_pay
from mugalim.samples.season import make_sample_season
from mugalim.scoring.run import run_season
from mugalim.trace import run_trace, trace_participant, trace_payment
from mugalim.trace.render import render_text

pytestmark = [pytest.mark.slow]
CLI = [sys.executable, "-m", "mugalim.cli"]
SEASON = 2026
# While the scoring step's protocol writer is not in the tree, stages are scored without their PDF reports and the
# one link the trace may then report broken is the missing protocol.
REPORTS = all(importlib.util.find_spec(f"mugalim.scoring.{m}") for m in ("protocol", "charts"))


def _gaps(t) -> list[str]:  # type: ignore[no-untyped-def]
    return [p for p in t.problems if REPORTS or not ("protocol.pdf" in p and "does not exist" in p)]


def _iban(bank: str, account: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bank + account + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{bank}{account}"


def _paid_season(data: Path, db_url: str) -> tuple[Settings, list[str]]:
    """The sample season scored and paid: payees for every participant, a payment purpose code."""
    sample = make_sample_season(data, season=SEASON)
    path = data / "settings" / f"season-{SEASON}.yaml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**cfg, "knp": "119"}, allow_unicode=True), encoding="utf-8")
    (data / "inbox" / "finance").mkdir(parents=True, exist_ok=True)
    with (data / "inbox" / "finance" / "payees.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["participant_iin", "full_name", "iban", "bic"])
        for p in sample.people.values():
            w.writerow([p.iin, p.name, _iban("601", "KZT" + p.iin[:10]), "HSBKKZKX"])
    settings = Settings.load(data, db_url)
    run_season(settings, season=SEASON, reports=REPORTS)
    report = run_pay(settings, season=SEASON, approved_by="Finance Officer")
    assert report.run_id and report.payments > 0
    with (Path(report.folder) / "register.csv").open(encoding="utf-8-sig", newline="") as f:
        ids = [r["payment_id"] for r in csv.DictReader(f)]
    return settings, ids


@pytest.fixture(scope="module")
def paid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, list[str]]:
    root = tmp_path_factory.mktemp("trace")
    return _paid_season(root / "data", f"sqlite:///{root / 'mugalim.sqlite'}")


def test_every_payment_of_the_sample_season_traces_back_to_its_score_rows_and_participant_row(paid) -> None:
    settings, ids = paid
    for pid in ids:
        t = trace_payment(settings, pid)
        assert not _gaps(t), (pid, t.problems)
        steps = t.steps()
        for step in ("payment", "run", "decision", "stage", "scores", "participant"):
            assert step in steps, (pid, step)
        run = next(link for link in t.links if link.step == "run")
        assert run.sources[0].file.endswith("manifest.json") and len(run.sources[0].sha256) == 64
        decision = next(link for link in t.links if link.step == "decision")
        assert {Path(s.file).name for s in decision.sources} >= ({"results.json", "protocol.pdf"} if REPORTS
                                                                 else {"results.json"})
        scores = [link for link in t.links if link.step == "scores"]
        assert all(s.file.startswith("scores") and s.row and s.row >= 2 for link in scores for s in link.sources)
        who = next(link for link in t.links if link.step == "participant")
        assert who.sources[0].file.startswith("participants") and who.sources[0].row >= 2
        assert len(who.sources[0].sha256 or "") == 64


def test_P3_G5_a_grant_and_a_city_prize_are_traced_to_their_own_stage(paid) -> None:
    settings, ids = paid
    awards = {trace_payment(settings, pid).links[0].facts["award"] for pid in ids}
    assert {"second", "third", "grant"} <= awards
    for pid in ids:
        t = trace_payment(settings, pid)
        stages = {link.facts["stage"] for link in t.links if link.step == "stage"}
        assert stages == ({"grants"} if t.competition == "grants" else {"school", "district", "city"})


def test_the_score_rows_of_the_trace_are_the_rows_of_the_file_they_name(paid) -> None:
    settings, ids = paid
    t = trace_payment(settings, ids[0])
    rows = [r for link in t.links if link.step == "scores" for r in link.facts["rows"]]
    assert rows
    for r in rows[:12]:
        path = settings.scores_inbox / r["file"]
        if path.suffix != ".csv":
            continue
        with path.open(encoding="utf-8", newline="") as f:
            line = list(csv.reader(f))[r["row"] - 1]        # row numbers count the header as row 1
        assert line[5] == t.participant_iin and line[6] == r["member_id"] and float(line[7]) == float(r["score"])


def test_trace_by_participant_finds_their_payment(paid) -> None:
    settings, ids = paid
    t = trace_payment(settings, ids[0])
    again = trace_participant(settings, t.participant_iin or "")
    assert [x.subject for x in again if x.links[0].facts.get("payment_id") == ids[0]]


def test_a_register_changed_after_export_breaks_the_run_link(tmp_path: Path) -> None:
    settings, ids = _paid_season(tmp_path / "data", f"sqlite:///{tmp_path / 'm.sqlite'}")
    register = next((settings.outbox(SEASON) / "payments").glob("*/register.csv"))
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    t = trace_payment(settings, ids[0])
    assert not t.complete
    assert any("register.csv changed since the manifest was written" in p for p in t.problems)
    (settings.outbox(SEASON) / "grants" / "grants" / "protocol.pdf").unlink(missing_ok=True)
    grant = next(p for p in ids if trace_payment(settings, p).competition == "grants")
    assert any("protocol.pdf" in p and "does not exist" in p for p in trace_payment(settings, grant).problems)


def test_trace_command_prints_the_chain_with_personal_data_masked(paid) -> None:
    settings, ids = paid
    iin = trace_payment(settings, ids[0]).participant_iin
    done = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                           "--payment-id", ids[0]], capture_output=True, text=True, timeout=120)
    assert done.returncode == (0 if REPORTS else 7), done.stderr
    out = done.stdout
    for label in ("Төлем жолы", "Шешім және хаттама", "Бағалау жолдары", "Қатысушы"):
        assert label in out
    assert iin not in out and "manifest.json" in out and "results.json" in out
    as_json = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                              "--participant", iin, "--json"], capture_output=True, text=True, timeout=120)
    assert as_json.returncode in (0, 7) and json.loads(as_json.stdout)[0]["participant_iin"] == iin


def test_trace_of_an_unknown_payment_is_a_clear_error(paid) -> None:
    settings, _ = paid
    done = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                           "--payment-id", "MG-1999-00001"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 6 and "no payment 'MG-1999-00001' in the ledger" in done.stderr


def test_render_masks_iin_and_iban_unless_asked(paid) -> None:
    settings, ids = paid
    t = trace_payment(settings, ids[0])
    iban = t.links[0].facts["iban"]
    assert t.participant_iin not in render_text(t) and iban not in render_text(t)
    assert iban in render_text(t, unmasked=True)


def test_the_trace_is_the_same_on_postgresql_and_sqlite(db_url: str, tmp_path: Path, paid) -> None:
    settings, ids = _paid_season(tmp_path / "data", db_url)
    sqlite_settings, sqlite_ids = paid
    assert ids == sqlite_ids
    for pid in ids[:3]:
        here, there = trace_payment(settings, pid), trace_payment(sqlite_settings, pid)
        assert here.steps() == there.steps() and not _gaps(here)
        rows = [r for x in here.links if x.step == "scores" for r in x.facts["rows"]]
        assert rows == [r for x in there.links if x.step == "scores" for r in x.facts["rows"]]


def test_run_trace_walks_every_payment_of_the_season(paid) -> None:
    settings, ids = paid
    report = run_trace(settings, season=SEASON)
    assert report["payments"] == len(ids) > 0
    assert all(p for b in report["broken"] for p in b["problems"])
    assert all("protocol.pdf" in p for b in report["broken"] for p in b["problems"]) and \
        (report["complete"] == len(ids) if REPORTS else True)
    done = subprocess.run([*CLI, "trace", "--data", str(settings.data_dir), "--db-url", settings.db_url,
                           "--all-payments", "--season", str(SEASON)], capture_output=True, text=True, timeout=120)
    assert done.returncode == (0 if REPORTS else 7), done.stderr
    assert f"{report['complete']} из {len(ids)} платежей прослежены" in done.stdout


def test_the_review_station_lists_the_payments_and_shows_each_trail(paid) -> None:
    from fastapi.testclient import TestClient

    from mugalim.review import auth
    from mugalim.review.app import create_app
    settings, ids = paid
    app = create_app(settings)
    auth.add_user(app.state.engine, "auditor", "a long password")
    sys.path.insert(0, str(Path(__file__).parent))
    from review_world import BASE_URL, login
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        assert client.get(f"/trace/payments/{ids[0]}", headers={"accept": "text/html"}).status_code == 303
        login(client, "auditor", "a long password")
        listing = client.get("/payments").text
        assert all(f"/trace/payments/{pid}" in listing for pid in ids)
        page = client.get(f"/trace/payments/{ids[0]}").text
        for label in ("Төлем жолы", "Шешім және хаттама", "Бағалау жолдары", "manifest.json", "results.json"):
            assert label in page
        assert client.get("/trace/payments/MG-1999-00001").status_code == 404
