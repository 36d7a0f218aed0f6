"""Running a suite over staged rows with a GX 1.x Checkpoint, naming the rows each failing expectation holds back,
and building the Data Docs into a folder of the outbox."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import great_expectations as gx
import pandas as pd

SITE = "mugalim_outbox"
log = logging.getLogger(__name__)


@dataclass
class Audit:
    """The outcome of one checkpoint: which rows (by id) are held back and why; the rest may be promoted."""

    suite: str
    rows: int
    success: bool
    held: dict[str, list[str]] = field(default_factory=dict)
    failed_expectations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"suite": self.suite, "rows": self.rows, "success": self.success, "held": len(self.held),
                "failed_expectations": self.failed_expectations}


def context(docs_dir: Path) -> Any:
    """An ephemeral GX context whose Data Docs site writes into `docs_dir` (the suites live in this repo's code)."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)   # logs of Airflow tasks, not terminals
    docs_dir.mkdir(parents=True, exist_ok=True)
    ctx.add_data_docs_site(site_name=SITE, site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    return ctx


def run_checkpoint(ctx: Any, df: pd.DataFrame, suite: gx.ExpectationSuite, *, id_column: str, name: str) -> Audit:
    """Validate `df` against `suite` through a Checkpoint that also updates the Data Docs."""
    suite = ctx.suites.add_or_update(suite)
    source = ctx.data_sources.add_or_update_pandas(name=f"{name}_source")
    asset = source.add_dataframe_asset(name=f"{name}_rows")
    batch_def = asset.add_batch_definition_whole_dataframe(f"{name}_batch")
    vd = ctx.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_def, suite=suite))
    checkpoint = ctx.checkpoints.add_or_update(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[vd],
        actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs", site_names=[SITE])],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [id_column]}))
    result = checkpoint.run(batch_parameters={"dataframe": df})
    return _audit(result, suite.name, len(df), id_column)


def _audit(result: Any, suite: str, rows: int, id_column: str) -> Audit:
    audit = Audit(suite=suite, rows=rows, success=bool(result.success))
    for vr in result.run_results.values():
        for r in vr.results:
            if r.success:
                continue
            cfg = r.expectation_config
            what = f"{cfg.type}({_columns(cfg.kwargs)})"
            audit.failed_expectations.append(what)
            for idx in (r.result or {}).get("unexpected_index_list") or []:
                key = str(idx.get(id_column)) if isinstance(idx, dict) else str(idx)
                audit.held.setdefault(key, []).append(what)
    return audit


def _columns(kwargs: dict[str, Any]) -> str:
    cols = [kwargs.get(k) for k in ("column", "column_A", "column_B") if kwargs.get(k)]
    cols += kwargs.get("column_list") or []
    return ", ".join(str(c) for c in cols)


def build_docs(ctx: Any) -> Path | None:
    """Build the Data Docs site; the path of its index.html."""
    ctx.build_data_docs(site_names=[SITE])
    urls = ctx.get_docs_sites_urls(site_name=SITE)
    url = urls[0].get("site_url") if urls else None
    return Path(url.removeprefix("file://")) if url else None
