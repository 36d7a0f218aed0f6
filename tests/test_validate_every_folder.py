"""Every folder gets a report (issue 14): a dossier whose application cannot be read — a blank page, a scribble —
is reported all the same, filed under the IIN when one is known (the identity card's) and else under its batch
and folder, says "application not read — a person must enter the IIN" in the report's language, has its place in
the review queue (`dossier_review_tasks`), and comes first in the overview."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from sqlalchemy import text

from extractors.run import run_extract
from mugalim.config import Settings
from mugalim.db import engine_for
from mugalim.ingest.run import run_ingest
from mugalim.samples import portfolio as pf
from mugalim.samples.batches import make_applicant, make_org
from validators import overview
from validators.run import run_validate

pytestmark = pytest.mark.slow


def _scribble(path: Path, seed: int) -> Path:
    """A page no one can read as an application: pen strokes and smudges, no words."""
    rng = random.Random(seed)
    img = Image.new("L", (1654, 2339), 250)
    d = ImageDraw.Draw(img)
    for _ in range(40):
        pts = [(rng.randrange(1654), rng.randrange(2339)) for _ in range(6)]
        d.line(pts, fill=rng.randint(30, 120), width=rng.randint(2, 6))
    img.save(path)
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("every") / "data"
    rng = random.Random(14)
    org = make_org(rng, "secondary", "Алмалы")
    batch = data / "inbox" / "scans" / f"2026_teacher_of_year_Алмалы_{org.bin}"
    good = make_applicant(rng, season=2026, lang="ru", competition="teacher_of_year", org=org, index=1)
    known = make_applicant(rng, season=2026, lang="kk", competition="teacher_of_year", org=org, index=2)
    (batch / "blank").mkdir(parents=True)
    Image.new("L", (1654, 2339), 255).save(batch / "blank" / "IMG_3216.png")         # the application: blank
    pf.write_pdf(batch / "blank" / "doc01.pdf", pf.essay(good), font="TimesNewRoman", size=14)
    (batch / "idcard").mkdir()
    _scribble(batch / "idcard" / "Scan_0001.png", 1)                                  # the application: a scribble
    pf.write_pdf(batch / "idcard" / "Scan_0002.pdf", pf.id_copy(known))               # its identity card, readable
    (batch / "fine").mkdir()
    pf.write_pdf(batch / "fine" / "Документ10.pdf", pf.application_page(good))
    pf.write_pdf(batch / "fine" / "doc02.pdf", pf.essay(good), font="TimesNewRoman", size=14)
    (batch / "READY").touch()
    settings = Settings.load(data, f"sqlite:///{data.parent / 'db.sqlite'}")
    run_ingest(settings)
    run_extract(settings, workers=1)
    rep = run_validate(settings, season=2026, read_video_title=False)
    return settings, rep, batch.name, known, good


def test_every_folder_gets_a_report_even_when_its_application_cannot_be_read(world):
    settings, rep, batch, known, good = world
    out = settings.outbox(2026) / "dossiers"
    assert rep.dossiers == 3
    blank = json.loads((out / batch / "blank.json").read_text(encoding="utf-8"))     # no IIN anywhere
    assert blank["participant_iin"] is None and blank["application_read"] is False and not blank["complete"]
    assert any(w.startswith("application not read — a person must enter the IIN") for w in blank["waiting"])
    assert [t["task"] for t in blank["review"]][0] == "enter_iin"
    assert blank["review"][0]["file"].endswith("IMG_3216.png")
    html = (out / batch / "blank.html").read_text(encoding="utf-8")
    assert "Өтінім оқылмады — ЖСН-ді қызметкер енгізуі керек" in html and "адамның шешімін күтеді" in html
    by_card = json.loads((out / f"{known.iin}.json").read_text(encoding="utf-8"))   # the ID card names them
    assert by_card["application_read"] is False and by_card["dossier"]["key"] == "idcard"
    assert json.loads((out / f"{good.iin}.json").read_text(encoding="utf-8"))["application_read"] is True


def test_unreadable_applications_are_in_the_review_queue_and_first_in_the_overview(world):
    settings, _, batch, known, good = world
    with engine_for(settings.db_url).connect() as c:
        tasks = c.execute(text("SELECT d.key, t.task, t.file FROM dossier_review_tasks t JOIN dossiers d "
                               "ON d.id = t.dossier_id WHERE t.task = 'enter_iin' ORDER BY d.key")).all()
    assert [(k, t) for k, t, _ in tasks] == [("blank", "enter_iin"), ("idcard", "enter_iin")]
    ws = load_workbook(settings.outbox(2026) / "dossiers" / "overview.xlsx").active
    head = [c.value for c in ws[1]]
    col = head.index(overview.label("application")) + 1                  # "Өтінім": the season's language
    assert [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)] == ["оқылмады", "оқылмады", "оқылды"]
    assert ws.cell(row=2, column=col).fill.fgColor.rgb.endswith("F8CBAD")


def test_the_notice_of_an_unread_application_is_said_in_russian_too():
    from mugalim.messages import Message
    said = Message("wait.app_no_iin", file="b/d/x.pdf").said("ru")
    assert said == "заявка не прочитана — ИИН должен ввести сотрудник (в заявке b/d/x.pdf ИИН не прочитан)"
