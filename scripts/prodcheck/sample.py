"""The sample season the check runs: the bundled generators' batches and score sheets, written into a fresh data
folder (the same generators and seed as `make demo`, so both runs of a check see identical inputs)."""
from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

from prodcheck.settings import USER

SEASON = 2026
SEED = 0
# `make demo`'s data (scans, score sheets and bank details made to fit together) when it exists; otherwise the
# generators it is made of, whichever exist yet.
DEMO = ("mugalim.samples.demo", "make_demo_data")
PARTS = (("mugalim.samples.batches", "make_sample_batches"), ("mugalim.samples.season", "make_demo_season"))


def prepare(data_dir: Path, *, season: int = SEASON, seed: int = SEED) -> list[Any]:
    """Empty `data_dir`, lay out its folders and run every generator that exists yet; returns what each
    generator returned (the check reads the applicants' personal data from them)."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    from mugalim.config import Settings

    Settings.load(data_dir, "sqlite://").ensure_layout()
    made = [make(data_dir, season=season, seed=seed) for _, make in _generators()]
    _approvers(data_dir)
    return made


def _approvers(data_dir: Path) -> None:
    """Production lists who may approve payment exports: the check's API user answers the approval step, so it is
    the approver (the runs are triggered by schedule, so nobody who prepared a batch approves it)."""
    from mugalim.payments.approval import APPROVERS_FILE

    (data_dir / "settings" / APPROVERS_FILE).write_text(
        f"approvers:\n  - login: {USER}\n    name: Finance officer (prod-check)\n", encoding="utf-8")


def generators_present() -> list[str]:
    return [name for name, _ in _generators()]


def _generators() -> list[tuple[str, Any]]:
    demo = _find(*DEMO)
    if demo is not None:
        return [(".".join(DEMO), demo)]
    return [(".".join(part), make) for part in PARTS if (make := _find(*part)) is not None]


def _find(module: str, func: str) -> Any:
    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        return None
