"""The review queue and the correction path on both databases (SQLite and PostgreSQL), through the application
itself: the unsure fields of the sample batch, sorted by dossier, each with a crop of its archived scan; a correction
goes through the dossier step's correction function, kept with who and when, and leaves the queue; a refused value
is recorded with its reason."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import text

from mugalim.review import auth
from mugalim.review.app import create_app
from mugalim.review.queue import unsure_fields

sys.path.insert(0, str(Path(__file__).parent))
from review_world import BASE_URL, form_token, login, make_world, valid_iin_like  # noqa: E402

pytestmark = [pytest.mark.slow]


@pytest.fixture
def station(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    world = make_world(tmp_path, db_url)
    app = create_app(world.settings)
    auth.add_user(app.state.engine, "clerk1", "a long password")
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        assert login(client, "clerk1", "a long password").status_code == 303
        yield world, app, client


def _token(client: TestClient, path: str) -> str:
    return form_token(client.get(path).text)


def test_the_queue_holds_unsure_and_failing_fields_sorted_by_dossier(station) -> None:
    world, app, client = station
    with app.state.engine.connect() as c:
        items = unsure_fields(world.settings, c)
    assert items, "the sample batch has unsure fields"
    assert [i.dossier_id for i in items] == sorted(i.dossier_id for i in items)
    iin = next(i for i in items if i.field == "iin")
    assert iin.dossier_id == 1 and "check digit" in (iin.problem or "")
    assert all(i.problem or (i.confidence or 0) < 0.80 for i in items)
    first = client.get("/queue")
    assert first.status_code == 303 and first.headers["location"] == f"/queue/{items[0].field_id}"
    crop = client.get(f"/fields/{iin.field_id}/crop.png")
    assert crop.status_code == 200 and crop.headers["content-type"] == "image/png"
    img = Image.open(io.BytesIO(crop.content))
    assert 100 < img.width < 1200 and 20 < img.height < 400


def test_a_correction_is_validated_kept_with_who_and_when_and_leaves_the_queue(station) -> None:
    world, app, client = station
    with app.state.engine.connect() as c:
        iin = next(i for i in unsure_fields(world.settings, c) if i.field == "iin")
    token = _token(client, f"/queue/{iin.field_id}")
    refused = client.post(f"/queue/{iin.field_id}", data={"value": "850314400124", "do": "save", "token": token})
    assert refused.status_code == 422 and "check digit does not match" in refused.text
    good = valid_iin_like(str(iin.value))
    ok = client.post(f"/queue/{iin.field_id}", data={"value": good, "do": "save", "token": token})
    assert ok.status_code == 303 and f"done={iin.field_id}" in ok.headers["location"]
    with app.state.engine.connect() as c:
        assert iin.field_id not in {i.field_id for i in unsure_fields(world.settings, c)}
        row = c.execute(text("SELECT value, corrected_by, corrected_at FROM dossier_corrections "
                             "WHERE field = 'iin'")).one()
        acts = c.execute(text("SELECT action, outcome, reason FROM review_actions ORDER BY id")).all()
    assert row[0] == f'"{good}"' and row[1] == "clerk1" and row[2] is not None
    assert [(a[0], a[1]) for a in acts] == [("correct", "refused"), ("correct", "applied")]
    app.state.recomputer.request(2026).result(timeout=300)
    page = client.get("/dossiers/1").text
    assert good in page and "clerk1" in page


def test_confirming_keeps_the_extracted_value(station) -> None:
    world, app, client = station
    with app.state.engine.connect() as c:
        item = next(i for i in unsure_fields(world.settings, c) if i.field != "iin")
    token = _token(client, f"/queue/{item.field_id}")
    assert client.post(f"/queue/{item.field_id}", data={"value": "", "do": "confirm", "token": token}) \
        .status_code == 303
    with app.state.engine.connect() as c:
        value = c.execute(text("SELECT value FROM dossier_corrections WHERE field = :f"), {"f": item.field}).scalar()
    import json
    assert json.loads(value) == item.value
