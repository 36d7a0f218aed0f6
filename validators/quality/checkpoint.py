"""Running a suite over staged rows with a GX 1.x Checkpoint, naming the rows each failing expectation holds back,
and writing the Data Docs page into a folder of the outbox.

Great Expectations is imported here only when a checkpoint runs (`load_gx`): importing it takes seconds and logs
hundreds of INFO lines, and neither `mugalim validate`'s nor `mugalim score`'s other work needs it. The Data Docs are
mugalim's own self-contained page (`validators.quality.docs`), not GX's site, whose pages load their styles and
scripts from CDNs and show unmasked values.
"""
from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from validators.quality import docs

if TYPE_CHECKING:
    import great_expectations as gx
    import pandas as pd

log = logging.getLogger(__name__)


def load_gx() -> ModuleType:
    """`great_expectations`, imported on first use with its INFO logging silenced (its warnings stay).

    GX logs "Skipping registering function …" at INFO for hundreds of functions while it is imported, and one of its
    modules sets its own logger to INFO. Unless the console asked for every library's lines (`-vv`: the root logger
    at DEBUG) or someone configured the `great_expectations` logger already, that logger is set to WARNING before
    the import, and GX's own per-module levels are cleared after it so they follow it."""
    base = logging.getLogger("great_expectations")
    if base.level == logging.NOTSET and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        base.setLevel(logging.WARNING)
    import great_expectations

    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith("great_expectations.") and isinstance(logger, logging.Logger) \
                and logging.NOTSET < logger.level < logging.WARNING:
            logger.setLevel(logging.NOTSET)
    return great_expectations


@dataclass
class Audit:
    """The outcome of one checkpoint: which rows (by id) are held back and why; the rest may be promoted.
    `results`: each expectation's result as the Data Docs page shows it (values masked)."""

    suite: str
    rows: int
    success: bool
    held: dict[str, list[str]] = field(default_factory=dict)
    failed_expectations: list[str] = field(default_factory=list)
    name: str = ""
    id_column: str = ""
    results: list[docs.Outcome] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"suite": self.suite, "rows": self.rows, "success": self.success, "held": len(self.held),
                "failed_expectations": self.failed_expectations}


@dataclass
class Context:
    """The audits of one Data Docs folder, and the ephemeral GX context they run in (made at the first checkpoint:
    a step with nothing to check never imports GX)."""

    docs_dir: Path
    language: str = "kk"
    audits: list[Audit] = field(default_factory=list)
    _gx: Any = None

    @property
    def gx(self) -> Any:
        if self._gx is None:
            self._gx = _ephemeral_context()
        return self._gx


def context(docs_dir: Path, *, language: str = "kk") -> Context:
    """The audits whose Data Docs page goes to `docs_dir/index.html` (the suites live in this repo's code);
    `language`: the season's, shown first beside the other."""
    return Context(docs_dir=docs_dir, language=language)


def ensure_context() -> None:
    """GX builds a suite against the current context (`ExpectationSuite.add_expectation` asks its store): make an
    ephemeral one current if there is none yet."""
    load_gx()
    from great_expectations.data_context.data_context.context_factory import project_manager
    from great_expectations.exceptions import DataContextRequiredError

    try:
        project_manager.get_current_project()
    except DataContextRequiredError:
        _ephemeral_context()


def _ephemeral_context() -> Any:
    gx = load_gx()
    from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                            ProgressBarsConfig)

    # No temporary docs site (GX's own pages are not used), no progress bars (logs of Airflow tasks, not terminals).
    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                               progress_bars=ProgressBarsConfig(globally=False), analytics_enabled=False)
    return gx.get_context(project_config=config, mode="ephemeral")


def run_checkpoint(ctx: Context, df: pd.DataFrame, suite: gx.ExpectationSuite, *, id_column: str,
                   name: str) -> Audit:
    """Validate `df` against `suite` through a Checkpoint; the audit is kept for the folder's Data Docs page."""
    gx = load_gx()
    g = ctx.gx
    suite = g.suites.add_or_update(suite)
    source = g.data_sources.add_or_update_pandas(name=f"{name}_source")
    asset = source.add_dataframe_asset(name=f"{name}_rows")
    batch_def = asset.add_batch_definition_whole_dataframe(f"{name}_batch")
    vd = g.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_def, suite=suite))
    checkpoint = g.checkpoints.add_or_update(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[vd], actions=[],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [id_column]}))
    result = checkpoint.run(batch_parameters={"dataframe": df})
    audit = _audit(result, suite.name, len(df), id_column)
    audit.name = name
    ctx.audits = [a for a in ctx.audits if a.name != name] + [audit]
    return audit


def run_sql_checkpoint(ctx: Context, db_url: str, sql: str | None, suite: gx.ExpectationSuite, *, id_column: str,
                       name: str, table: str | None = None) -> Audit:
    """Validate the rows `sql` selects (one literal SELECT), or the rows of `table` (a table or view), where they
    are: GX runs each expectation as a query on the database (a season's 2 million score rows are never copied into
    this process). A table is the cheaper asset: GX learns its columns from the database's catalog, while to learn a
    query's it executes the whole query and reads only the names of its columns (on PostgreSQL psycopg first takes
    every row into this process: 2.3 million at ten times a city season, the run's peak memory)."""
    gx = load_gx()
    g = ctx.gx
    suite = g.suites.add_or_update(suite)
    with warnings.catch_warnings():          # "a more specific datasource may be more appropriate": the same SQL
        warnings.simplefilter("ignore")
        source = g.data_sources.add_or_update_sql(name=f"{name}_source", connection_string=db_url)
    asset = (source.add_table_asset(name=f"{name}_rows", table_name=table) if table is not None
             else source.add_query_asset(name=f"{name}_rows", query=sql))
    batch_def = asset.add_batch_definition_whole_table(f"{name}_batch")
    vd = g.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_def, suite=suite))
    checkpoint = g.checkpoints.add_or_update(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[vd], actions=[],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [id_column]}))
    result = checkpoint.run()
    counts = [(r.result or {}).get("element_count") for vr in result.run_results.values() for r in vr.results]
    audit = _audit(result, suite.name, max((c for c in counts if c is not None), default=0), id_column)
    audit.name = name
    ctx.audits = [a for a in ctx.audits if a.name != name] + [audit]
    return audit


def _audit(result: Any, suite: str, rows: int, id_column: str) -> Audit:
    audit = Audit(suite=suite, rows=rows, success=bool(result.success), id_column=id_column)
    for vr in result.run_results.values():
        for r in vr.results:
            audit.results.append(docs.outcome(r, id_column))
            if r.success:
                continue
            cfg = r.expectation_config
            what = docs.what(cfg.type, cfg.kwargs)
            audit.failed_expectations.append(what)
            for idx in (r.result or {}).get("unexpected_index_list") or []:
                key = str(idx.get(id_column)) if isinstance(idx, dict) else str(idx)
                audit.held.setdefault(key, []).append(what)
    return audit


def empty_audit(ctx: Context, suite: str, *, id_column: str, name: str) -> Audit:
    """The audit of a run with no rows: nothing checked, nothing held (shown as such on the page)."""
    audit = Audit(suite=suite, rows=0, success=True, name=name, id_column=id_column)
    ctx.audits = [a for a in ctx.audits if a.name != name] + [audit]
    return audit


def build_docs(ctx: Context) -> Path:
    """Write the folder's Data Docs page (one self-contained HTML file); its path."""
    version = None
    if ctx._gx is not None:
        version = getattr(load_gx(), "__version__", None)
    return docs.write_page(ctx.docs_dir, ctx.audits, language=ctx.language, gx_version=version)
