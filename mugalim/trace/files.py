"""Files the trail reads (results.json, manifest.json, the archive) and their SHA-256."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mugalim.config import Settings

STAGES = {"teacher_of_year": ("school", "district", "city"), "grants": ("grants",)}
AWARD_STAGE = {"second": "city", "third": "city", "first": "city", "grand_prix": "city", "grant": "grants"}


def rel(settings: Settings, path: Path) -> str:
    """A path as people see it: relative to the data folder."""
    try:
        return str(path.relative_to(settings.data_dir))
    except ValueError:
        return str(path)


def stage_folder(settings: Settings, season: int, competition: str, stage: str) -> Path:
    return settings.outbox(season) / competition / stage


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`, or None when there is no such file (a broken file is reported by the caller)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


def run_folder(settings: Settings, season: int, run_id: str) -> Path:
    return settings.outbox(season) / "payments" / run_id
