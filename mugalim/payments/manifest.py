"""manifest.json: what a run is (id, when, who approved it and when, the season settings used, the inputs read),
what it holds (number of payments, total), the reversals since the previous run, and the SHA-256 of each file — so
finance can verify that what it received is what was produced."""
from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from mugalim.hashing import sha256_file

MANIFEST = "manifest.json"


def build_manifest(*, run: dict[str, Any], rows: Sequence[dict[str, Any]], folder: Path,
                   files: Sequence[str]) -> dict[str, Any]:
    ctx = run["context"]
    by_award: dict[str, dict[str, Any]] = {}
    for r in rows:
        b = by_award.setdefault(f"{r['competition']}/{r['award']}", {"payments": 0, "amount_kzt": Decimal("0.00")})
        b["payments"] += 1
        b["amount_kzt"] += r["amount_kzt"]
    return {
        "run_id": run["run_id"],
        "season": run["season"],
        "created_at": run["created_at"].isoformat(),
        "approved_by": run["approved_by"],
        "approved_at": run["approved_at"].isoformat(),
        "approval": ctx.get("approval"),              # the account, how, who prepared the batch, checked or not
        "payments": len(rows),
        "total_kzt": f"{sum((r['amount_kzt'] for r in rows), Decimal('0.00')):.2f}",
        "currency": "KZT",
        "by_award": {k: {"payments": v["payments"], "amount_kzt": f"{v['amount_kzt']:.2f}"}
                     for k, v in sorted(by_award.items())},
        "amounts_in_indices": _indices(rows),
        "payment_ids": [r["payment_id"] for r in rows],
        "reversals": [{k: v for k, v in r.items() if k != "event_id"} for r in ctx["reversals"]],
        "exceptions": len(ctx["exceptions"]),
        "warnings": ctx["warnings"],
        "settings": ctx["settings"],
        "inputs": ctx["inputs"],
        "files": {name: {"sha256": sha256_file(folder / name), "bytes": (folder / name).stat().st_size}
                  for name in files},
    }


def _indices(rows: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """For amounts set in monthly calculation indices: indices × index value = tenge, per payment."""
    return [{"payment_id": r["payment_id"], "amount_mrp": f"{r['amount_mrp'].normalize():f}",
             "mrp_kzt": f"{r['mrp_kzt']:.2f}", "amount_kzt": f"{r['amount_kzt']:.2f}"}
            for r in rows if r.get("amount_mrp") is not None]


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
