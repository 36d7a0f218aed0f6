"""The sample season the check runs: the bundled generators' batches and score sheets, written into a fresh data
folder (the same generators and seed as `make demo`, so both runs of a check see identical inputs)."""
from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

SEASON = 2026
SEED = 0
GENERATORS = (("mugalim.samples.batches", "make_sample_batches"), ("mugalim.samples.season", "make_demo_season"))


def prepare(data_dir: Path, *, season: int = SEASON, seed: int = SEED) -> list[Any]:
    """Empty `data_dir`, lay out its folders and run every generator that exists yet; returns what each
    generator returned (the check reads the applicants' personal data from them)."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    from mugalim.config import Settings

    Settings.load(data_dir, "sqlite://").ensure_layout()
    results = []
    for module, func in GENERATORS:
        try:
            make = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
        results.append(make(data_dir, season=season, seed=seed))
    return results


def generators_present() -> list[str]:
    found = []
    for module, func in GENERATORS:
        try:
            getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
        found.append(f"{module}.{func}")
    return found
