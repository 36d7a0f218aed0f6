"""manifest.json: what a run is (id, when, who approved it and when, the season settings used, the inputs read),
what it holds (number of payments, total), the reversals since the previous run, and the SHA-256 of each file — so
finance can verify that what it received is what was produced."""
from __future__ import annotations

import hashlib
import hmac
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


def write_manifest(path: Path, manifest: dict[str, Any], key: bytes) -> None:
    """manifest.json, signed: `signature` is HMAC-SHA256 under the installation's `manifest` key (mugalim/keys.py)
    over the manifest's canonical JSON without it, so an edited manifest (or a file swapped with its hash) is found
    by `mugalim pay verify`."""
    signed = {**manifest, "signature": {"alg": "HMAC-SHA256", "key_id": key_id(key), "value": _mac(manifest, key)}}
    path.write_text(json.dumps(signed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def key_id(key: bytes) -> str:
    """Which key signed (its hash's first 8 hex digits): a key that changed is told apart from a forged manifest."""
    return hashlib.sha256(key).hexdigest()[:8]


def _mac(manifest: dict[str, Any], key: bytes) -> str:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def verify_folder(folder: Path, key: bytes) -> list[str]:
    """What is wrong with a run folder as finance received it (empty: the manifest is ours and every file matches)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return [f"{folder.name}/{MANIFEST}: cannot be read ({type(e).__name__})"]
    sig = manifest.get("signature") if isinstance(manifest, dict) else None
    if not isinstance(sig, dict) or not isinstance(sig.get("value"), str):
        return [f"{folder.name}/{MANIFEST}: not signed"]
    if sig.get("key_id") != key_id(key):
        return [f"{folder.name}/{MANIFEST}: signed with another key ({sig.get('key_id')}, this installation's is "
                f"{key_id(key)})"]
    if not hmac.compare_digest(sig["value"], _mac(manifest, key)):
        return [f"{folder.name}/{MANIFEST}: the signature does not match: the manifest was changed"]
    return _file_problems(folder, manifest.get("files") or {})


def _file_problems(folder: Path, files: dict[str, Any]) -> list[str]:
    problems = []
    for name, meta in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{folder.name}/{name}: missing")
        elif sha256_file(path) != meta.get("sha256"):
            problems.append(f"{folder.name}/{name}: its SHA-256 differs from the manifest's: the file was changed")
    extra = sorted(p.name for p in folder.iterdir() if p.name not in files and p.name != MANIFEST)
    problems += [f"{folder.name}/{name}: not in the manifest" for name in extra]
    return problems
