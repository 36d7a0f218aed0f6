"""Shared by the mugalim DAG files (Airflow puts the plugins folder on sys.path in every component): the Assets that
link them, default task arguments, and the settings a task reads at its boundary. Light on purpose: nothing here touches a database or imports the domain packages."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pendulum
from airflow.sdk import Asset, Param

if TYPE_CHECKING:
    from mugalim.config import Settings

ALMATY = "Asia/Almaty"
START = pendulum.datetime(2026, 1, 1, tz=ALMATY)

# Each step announces what it produced; the next step is scheduled on it (no sensors polling each other).
DOCUMENTS_REGISTERED = Asset(name="mugalim_documents_registered", uri="mugalim://intake/documents")
DOCUMENTS_EXTRACTED = Asset(name="mugalim_documents_extracted", uri="mugalim://extract/documents")
DOSSIERS_VALIDATED = Asset(name="mugalim_dossiers_validated", uri="mugalim://validate/dossiers")
SCORE_SHEETS = Asset(name="mugalim_score_sheets", uri="mugalim://inbox/scores")
DECISIONS = Asset(name="mugalim_decisions", uri="mugalim://score/decisions")

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "mugalim",
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
}


def settings() -> "Settings":
    """The data folder and database from the worker's environment (MUGALIM_DATA, MUGALIM_DB_URL)."""
    from mugalim.config import Settings
    from mugalim.console import quiet_libraries

    quiet_libraries()                   # a task's log holds mugalim's lines, not hundreds of library INFO lines
    return Settings.load()

# A season-scoped run takes its season from the run's parameters, else from the year the run is for.
SEASON_PARAM: dict[str, Any] = {
    "season": Param(None, type=["null", "integer"], description="season (default: the year of the run)"),
}


def season_of(context: dict[str, Any]) -> int:
    """The season a run works on: the `season` run parameter, else the year of the run (Almaty time) — never now()."""
    season = (context.get("params") or {}).get("season")
    if season:
        return int(season)
    run = context["dag_run"]
    when = run.logical_date or run.run_after
    return pendulum.instance(when).in_timezone(ALMATY).year

