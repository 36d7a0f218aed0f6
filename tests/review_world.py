"""Helpers of the review-station tests (tests/test_review_*.py): a data folder with one scanned batch of real
generated application forms, taken by the real ingest step, read by the real extraction step (`run_extract`), checked
by the real dossier step (`run_validate`)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mugalim.config import Settings
from mugalim.identifiers import check_digit

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
SEASON = 2026
ORG_BIN = "940140000385"
BATCH = f"{SEASON}_grants_Алмалы_{ORG_BIN}"
ORGS = [("940140000385", "№ 12 балабақша", "preschool"), ("050440000012", "№ 45 мектеп-гимназия", "secondary")]


@dataclass
class World:
    settings: Settings
    forms: dict[str, dict[str, Any]]          # dossier key → the form generator's truth


def valid_iin_like(iin: str) -> str:
    """The IIN with its serial changed until the check digit works: a valid IIN of the same birth date."""
    for serial in range(1000, 9999):
        first = iin[:7] + str(serial)
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
    raise AssertionError("no valid IIN")


def make_world(root: Path, db_url: str | None = None, *, seeds: tuple[int, ...] = (11, 12)) -> World:
    from mugalim.ingest.run import run_ingest
    from mugalim.samples.forms import make_form
    data = root / "data"
    settings = Settings.load(data, db_url or f"sqlite:///{root / 'mugalim.sqlite'}")
    settings.ensure_layout()
    batch = settings.scans_inbox / BATCH
    forms = {}
    for n, seed in enumerate(seeds, 1):
        body, truth = make_form(seed, language="kk" if n % 2 else "ru", fmt="png", valid_iin=n != 1)
        folder = batch / f"dossier_{n:02d}"
        folder.mkdir(parents=True)
        (folder / "otinim.png").write_bytes(body)
        forms[folder.name] = truth
    _manifest(batch, sorted(forms))
    (batch / "READY").write_bytes(b"")
    run_ingest(settings)
    extract(settings)
    validate(settings)
    return World(settings, forms)


def extract(settings: Settings) -> None:
    from extractors.run import run_extract
    run_extract(settings, workers=1)


def validate(settings: Settings) -> None:
    from validators.run import run_validate
    run_validate(settings, season=SEASON, read_video_title=False)


#: The address the test clients use: the station answers only to its own host names (a loopback address here).
BASE_URL = "http://127.0.0.1"


def form_token(page: str) -> str:
    """The hidden token of the first form of a page."""
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


def login(client: Any, username: str, password: str) -> Any:
    """Log in as a browser does: the login page first (its form's token and the matching cookie), then the form."""
    token = form_token(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "token": token})


def _manifest(batch: Path, keys: list[str]) -> None:
    """One organization per dossier (rule G3 sees no second nominee), submitted inside the G4 window."""
    lines = ["path,competition,season,organization_bin,organization_name,organization_type,district,submitted_on"]
    for key, (bin_, name, kind) in zip(keys, ORGS):
        lines.append(f"{key}/otinim.png,grants,{SEASON},{bin_},{name},{kind},Алмалы,{SEASON}-04-15")
    (batch / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
