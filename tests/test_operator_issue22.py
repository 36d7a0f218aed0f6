"""Issue 22 items 5 and 6, the parts no other test held: the payment approval asks in Kazakh and Russian, the demo
leaves its DAGs unpaused, the README says how to open Airflow's UI on the demo's data, and docs/production.md says
how staff reach the station and how users are added."""
from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CYRILLIC = re.compile(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def test_the_payment_approval_asks_in_kazakh_and_russian() -> None:
    text = (REPO / "dags" / "mugalim_pay.py").read_text(encoding="utf-8")
    subject = re.search(r'subject="([^"]+)"', text).group(1)
    kk, ru = subject.split(" / ")
    assert CYRILLIC.search(kk) and CYRILLIC.search(ru) and "ө" in kk and kk != ru
    assert "approval_text()" in text                   # the body: the plan's summary, said through the catalog


def test_the_demo_unpauses_its_dags_after_running_them(monkeypatch, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import airflow_local
    import demo

    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(demo, "generate_samples", lambda data, season: None)
    monkeypatch.setattr(demo, "print_outbox", lambda data: None)
    monkeypatch.setattr(airflow_local, "prepare", lambda home: None)
    monkeypatch.setattr(airflow_local, "airflow_env", lambda home, data: {})     # this process's environment kept
    monkeypatch.setattr(airflow_local, "run_dags", lambda conf: calls.append(("run", conf)) or
                        {d: "success" for d in airflow_local.PIPELINE})
    monkeypatch.setattr(airflow_local, "unpause", lambda ids: calls.append(("unpause", list(ids))))
    monkeypatch.setattr(sys, "argv", ["demo", "--data", str(tmp_path / "d"), "--airflow-home", str(tmp_path / "a")])
    assert demo.main() == 0
    assert [c[0] for c in calls] == ["run", "unpause"] and calls[1][1] == airflow_local.PIPELINE


def test_the_readme_says_how_to_open_airflows_ui_and_who_to_log_in_as() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make airflow-ui" in readme and "admin" in readme and "localhost:8080" in readme


def test_production_says_how_staff_reach_the_station_and_how_users_are_added() -> None:
    doc = (REPO / "docs" / "production.md").read_text(encoding="utf-8")
    assert "https://<MUGALIM_REVIEW_HOST>" in doc and "review-proxy" in doc
    assert "docker compose exec review mugalim review add-user" in doc
