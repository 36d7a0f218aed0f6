"""Participants who come from scanned dossiers (not from a participants file) are rejected by what the dossier
checks found (E1–E3 at the school stage, G2 and G4 at the grants stage), and scored nowhere."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text

from mugalim.db import migrate
from mugalim.samples.season import ScoreInbox


def _from_dossier(db_url: str, ib: ScoreInbox, iin: str, competition: str, findings: dict[str, bool]) -> None:
    """Move `iin` from the participants file to a validated dossier whose eligibility findings are `findings`."""
    ib.rows["participants"] = [r for r in ib.rows["participants"] if r[2] != iin]
    person = ib.b.s.people[iin]
    now = datetime(2026, 4, 15, tzinfo=timezone.utc)
    with migrate(db_url).begin() as c:
        dossier = c.execute(text(
            "INSERT INTO dossiers (batch, key, season, competition, status) VALUES ('b', :k, 2026, :c, 'ready') "
            "RETURNING id"), {"k": iin, "c": competition}).scalar_one()
        c.execute(text(
            "INSERT INTO participants (season, competition, participant_iin, full_name, organization_bin, district, "
            "organization_type, submitted_on, source, dossier_id) VALUES (2026, :c, :i, :n, :o, :d, 'secondary', "
            "'2026-04-15', 'dossier', :dossier)"),
            {"c": competition, "i": iin, "n": person.name, "o": person.org_bin, "d": person.district,
             "dossier": dossier})
        c.execute(text(
            "INSERT INTO dossier_results (dossier_id, season, competition, participant_iin, complete, eligibility, "
            "report_file, checked_at) VALUES (:dossier, 2026, :c, :i, true, '[]', 'r.json', :t)"),
            {"dossier": dossier, "c": competition, "i": iin, "t": now})
        for rule, ok in findings.items():
            c.execute(text(
                "INSERT INTO dossier_eligibility (dossier_id, season, competition, participant_iin, rule, ok, reason) "
                "VALUES (:dossier, 2026, :c, :i, :r, :ok, :why)"),
                {"dossier": dossier, "c": competition, "i": iin, "r": rule, "ok": ok, "why": f"{rule} as found"})


def test_E3_a_scanned_participant_with_too_little_experience_is_rejected_at_school(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    b = ib.person(org=ib.org(a))
    _from_dossier(db_url, ib, b, "teacher_of_year", {"E1": True, "E2": True, "E3": False})
    ib.stage("school", ib.org(a), {a: ["8"] * 4})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["rejected"] == [{"participant_iin": b, "rule": "E3", "reason": "E3 as found"}]
    assert r["advancing"] == [a]


def test_E1_undecided_findings_are_not_rejections(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person()
    _from_dossier(db_url, ib, a, "teacher_of_year", {"E1": None, "E2": True, "E3": True})
    ib.stage("school", ib.org(a), {a: ["8"] * 4})
    r = ib.results(db_url, "teacher_of_year", "school")
    assert r["rejected"] == [] and r["advancing"] == [a]


def test_G4_a_scanned_nominee_received_late_is_rejected_at_the_grants_stage(data_dir: Path, db_url: str):
    ib = ScoreInbox(data_dir)
    a = ib.person("grants")
    b = ib.person("grants")
    _from_dossier(db_url, ib, b, "grants", {"G2": True, "G4": False})
    ib.stage("grants", "grants", {a: ["7", "7"]}, competition="grants")
    r = ib.results(db_url, "grants", "grants")
    assert [(x["participant_iin"], x["rule"]) for x in r["rejected"]] == [(b, "G4")]
