"""`run_validate` over what ingest and extraction left in the database (rows written here as those steps write
them): dossiers that cannot be tied to one participant wait for a person and are listed, never dropped or merged;
staff corrections win and are shown; the participants table is filled for the others. SQLite and PostgreSQL."""
from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))
from test_validate_checks import A, RU  # noqa: E402

from mugalim.config import Settings  # noqa: E402
from mugalim.db import migrate  # noqa: E402
from mugalim.samples import portfolio as pf  # noqa: E402
from validators.run import run_validate  # noqa: E402

NOW = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)


class _Db:
    def __init__(self, conn, data: Path) -> None:  # type: ignore[no-untyped-def]
        self.c, self.data, self.n = conn, data, 0
        conn.execute(text("INSERT INTO batches (name, status, first_seen_at) VALUES ('b', 'done', :t)"), {"t": NOW})

    def dossier(self, key: str, competition: str = "teacher_of_year") -> int:
        self.c.execute(text("INSERT INTO dossiers (batch, key, season, competition, organization_bin, "
                            "organization_type, district, submitted_on, status) VALUES ('b', :k, 2026, :c, "
                            "'940140000385', 'secondary', 'Алмалы', '2026-02-09', 'ready')"),
                       {"k": key, "c": competition})
        return self.c.execute(text("SELECT id FROM dossiers WHERE key = :k"), {"k": key}).scalar_one()

    def document(self, dossier: int, doc_type: str, pages: list[str], fields: dict | None = None) -> str:
        self.n += 1
        sha = f"{self.n:064x}"
        rel = f"{doc_type}_{self.n}.{'mp4' if doc_type == 'video' else 'pdf'}"
        self.c.execute(text("INSERT INTO documents (sha256, size, kind, pages, archive_path, batch, rel_path, "
                            "registered_at) VALUES (:s, 1, 'pdf', :p, :a, 'b', :r, :t)"),
                       {"s": sha, "p": len(pages), "a": f"archive/b/{rel}", "r": rel, "t": NOW})
        doc_id = self.c.execute(text("SELECT id FROM documents WHERE sha256 = :s"), {"s": sha}).scalar_one()
        self.c.execute(text("INSERT INTO dossier_documents (dossier_id, document_id, rel_path) VALUES (:d, :i, :r)"),
                       {"d": dossier, "i": doc_id, "r": rel})
        self.c.execute(text("INSERT INTO extract_documents (document_id, status, doc_type, language, pages, "
                            "extracted_at) VALUES (:i, 'ok', :t, 'kk', :p, :at)"),
                       {"i": doc_id, "t": doc_type, "p": len(pages), "at": NOW})
        for n, page in enumerate(pages, 1):
            self.c.execute(text("INSERT INTO extract_pages (document_id, page, method, unit, text) VALUES "
                                "(:i, :n, 'ocr', 'px300', :x)"), {"i": doc_id, "n": n, "x": page})
        for k, v in (fields or {}).items():
            self.c.execute(text("INSERT INTO extract_fields (document_id, field, value, confidence) VALUES "
                                "(:i, :f, :v, 0.95)"), {"i": doc_id, "f": k, "v": json.dumps(v, ensure_ascii=False)})
        return sha

    def portfolio(self, dossier: int, a: pf.Applicant, *, application: bool = True) -> str | None:
        for doc in [*pf.section1(a), *pf.toy_extras(a)]:
            self.document(dossier, doc.doc_type, ["\n".join(p) for p in doc.pages])
        self.document(dossier, "video", [])
        video = self.data / "archive" / "b" / f"video_{self.n}.mp4"
        video.parent.mkdir(parents=True, exist_ok=True)
        pf.write_video(video, pf.video_title(a), seconds=55, fps=1)
        if not application:
            return None
        return self.document(dossier, "application", ["\n".join(pf.application_page(a).pages[0])], {
            "iin": a.iin, "full_name": a.full_name, "birth_date": a.birth_date.isoformat(),
            "filled_date": a.filled_date.isoformat(), "qualification_category": "expert",
            "pedagogical_experience_months": a.pedagogical_months, "postal_code": a.postal_code,
            "phones": list(a.phones)})


def test_unattributable_dossiers_wait_corrections_win_and_E4_reads_history(db_url, data_dir):
    engine = migrate(db_url)
    with engine.begin() as c:
        db = _Db(c, data_dir)
        one = db.dossier("one")
        app_sha = db.portfolio(one, A)
        again = db.dossier("again")                          # the same participant's second dossier
        db.portfolio(again, A)
        orphan = db.dossier("orphan")                        # no application at all
        db.portfolio(orphan, RU, application=False)
        ru = db.dossier("ru")
        db.portfolio(ru, RU)
        c.execute(text("INSERT INTO scoring_history (file, row_no, season, competition, award, participant_iin) "
                       "VALUES ('history.csv', 2, 2023, 'teacher_of_year', 'grand_prix', :i)"), {"i": RU.iin})
    corrections = data_dir / "inbox" / "corrections"
    corrections.mkdir(parents=True)
    (corrections / "staff.csv").write_text(
        "document_sha256,field,value,corrected_by\n"
        f"{app_sha},pedagogical_experience_months,151,Омарова Г.\n{'f' * 64},iin,1,Омарова Г.\n", encoding="utf-8")
    rep = run_validate(Settings.load(data_dir, db_url), season=2026, read_video_title=False)
    out = data_dir / "outbox" / "2026" / "dossiers"
    assert rep.dossiers == 4 and rep.waiting == 3
    assert rep.corrections_taken == 1 and rep.corrections_bad_rows[0]["row"] == 3
    waiting = {json.loads(p.read_text(encoding="utf-8"))["dossier"]["key"]: json.loads(p.read_text(encoding="utf-8"))
               for p in out.glob("b/*.json")}           # no IIN of its own: filed under batch and folder
    assert set(waiting) == {"one", "again", "orphan"}
    assert "2 dossiers this season" in " ".join(waiting["one"]["waiting"])
    assert "no application" in " ".join(waiting["orphan"]["waiting"])
    shown = waiting["one"]["corrections"][0]
    assert (shown["extracted"], shown["value"], shown["corrected_by"]) == (150, 151, "Омарова Г.")
    ok = json.loads((out / f"{RU.iin}.json").read_text(encoding="utf-8"))
    assert ok["complete"] is True and ok["waiting"] == []
    e4 = next(v for v in ok["eligibility"] if v["rule"] == "E4")           # rule E4 against `history`
    assert e4["ok"] is True and "2023" in e4["reason"] and "not for the Grand Prix" in e4["reason"]
    with engine.connect() as c:
        people = c.execute(text("SELECT participant_iin, source, continuous_pedagogical_months, citizen "
                                "FROM participants")).all()
    assert [tuple(p) for p in people] == [(RU.iin, "dossier", RU.pedagogical_months, True)]
