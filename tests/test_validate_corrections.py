"""Staff corrections: a correction wins over the extracted value, is kept with who and when, and the report shows
both; a row naming an unknown document or field is reported with its row, and the rest are taken."""
from datetime import UTC, datetime

from sqlalchemy import text

from mugalim.db import migrate
from validators import corrections as corr
from validators.model import Document

SHA = "ab" * 32


def _register(engine):
    with engine.begin() as c:
        c.execute(text("INSERT INTO documents (sha256, size, kind, pages, archive_path, batch, rel_path, "
                       "registered_at) VALUES (:s, 1, 'pdf', 1, 'archive/b/app.pdf', 'b', 'app.pdf', :t)"),
                  {"s": SHA, "t": datetime.now(UTC)})


def test_corrections_file_bad_rows_are_named_and_the_rest_taken(db_url, tmp_path):
    engine = migrate(db_url)
    _register(engine)
    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "fix.csv").write_text(
        "document_sha256,field,value,corrected_by\n"
        f"{SHA},pedagogical_experience_months,74,Омарова Г.\n"
        f"{'cd' * 32},iin,850314401236,Омарова Г.\n"
        f"{SHA},favourite_colour,blue,Омарова Г.\n"
        f"{SHA},full_name,Сейтқалиева Әйгерім Бауыржанқызы,Омарова Г.\n", encoding="utf-8")
    rep = corr.load_inbox(engine, folder)
    assert rep.taken == 2
    assert [(b["file"], b["row"]) for b in rep.bad_rows] == [("fix.csv", 3), ("fix.csv", 4)]
    assert "unknown document" in rep.bad_rows[0]["reason"] and "850314401236" not in rep.bad_rows[0]["reason"]
    assert "unknown field 'favourite_colour'" in rep.bad_rows[1]["reason"]
    assert corr.load_inbox(engine, folder).taken == 2                 # idempotent: no second copy
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM dossier_corrections")).scalar() == 2


def test_a_correction_wins_over_the_extracted_value_and_both_are_shown(db_url):
    engine = migrate(db_url)
    _register(engine)
    assert corr.add_correction(engine, document_sha256=SHA, field_name="pedagogical_experience_months", value="74",
                               corrected_by="Омарова Г.") is None
    assert "unknown field" in corr.add_correction(engine, document_sha256=SHA, field_name="x", value="1",
                                                  corrected_by="Омарова Г.")
    doc = Document(file="b/app.pdf", doc_type="application", sha256=SHA,
                   fields={"pedagogical_experience_months": 47, "iin": "850314401236"})
    fixed, shown = corr.apply(doc, corr.latest(engine)[SHA])
    assert fixed.fields["pedagogical_experience_months"] == 74 and fixed.fields["iin"] == "850314401236"
    assert shown[0]["extracted"] == 47 and shown[0]["value"] == 74 and shown[0]["corrected_by"] == "Омарова Г."
    assert shown[0]["corrected_at"]


def test_validate_command_takes_a_correction_and_refuses_an_unknown_field(db_url, data_dir, capsys):
    from mugalim.cli import main

    engine = migrate(db_url)
    _register(engine)
    base = ["validate", "--data", str(data_dir), "--db-url", db_url, "--season", "2026"]
    assert main([*base, "--correct", SHA, "colour", "blue", "Омарова Г."]) == 2
    assert "unknown field 'colour'" in capsys.readouterr().err
    assert main([*base, "--correct", SHA, "iin", "850314401236", "Омарова Г."]) == 0
    assert "0 топтама" in capsys.readouterr().out                     # "0 dossiers", in the season's language
    with engine.connect() as c:
        assert c.execute(text("SELECT corrected_by, source FROM dossier_corrections")).one() == ("Омарова Г.", "command")
