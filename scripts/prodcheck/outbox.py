"""What the pipeline must have left in the data folder, for the DAGs that exist: originals archived, every
quarantined file with its reason, `results.json` with the contract's keys, payment files whose manifest matches them
and in which no payment identity appears twice (spec/data-layout.md, spec/payments.md)."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from prodcheck.processes import CheckFailed

RESULTS_KEYS = {"season", "competition", "stage"}
PAYMENT_IDENTITY = ("season", "competition", "award", "participant_iin")
# Files each step must leave once its DAG exists.
EXPECTED = {"mugalim_score": "*/*/results.json", "mugalim_pay": "payments/*/register.csv"}


def check(data_dir: Path, dag_ids: set[str], season: int) -> dict[str, Any]:
    outbox = data_dir / "outbox" / str(season)
    report = _intake(data_dir, dag_ids)
    for dag_id, pattern in EXPECTED.items():
        if dag_id in dag_ids and not list(outbox.glob(pattern)):
            raise CheckFailed(f"{dag_id} ran but {outbox} has no {pattern}")
    report["results"] = _results(outbox, data_dir, season)
    report["payments"] = _payments(outbox, data_dir)
    report["outbox_files"] = sum(1 for p in outbox.rglob("*") if p.is_file()) if outbox.exists() else 0
    return report


def _intake(data_dir: Path, dag_ids: set[str]) -> dict[str, Any]:
    archived = [p for p in (data_dir / "archive").rglob("*") if p.is_file()]
    quarantined = [p for p in (data_dir / "quarantine").rglob("*")
                   if p.is_file() and not p.name.endswith(".reason.txt")]
    if "mugalim_ingest" in dag_ids and not archived:
        raise CheckFailed(f"ingest ran but {data_dir / 'archive'} is empty")
    for p in quarantined:
        if not p.with_name(p.name + ".reason.txt").exists():
            raise CheckFailed(f"quarantined without a reason: {p.relative_to(data_dir)}")
    return {"archived": len(archived), "quarantined": len(quarantined)}


def _results(outbox: Path, data_dir: Path, season: int) -> int:
    files = sorted(outbox.glob("*/*/results.json"))
    for path in files:
        results = json.loads(path.read_text(encoding="utf-8"))
        missing = RESULTS_KEYS - set(results)
        if missing:
            raise CheckFailed(f"{path.relative_to(data_dir)}: keys {sorted(missing)} missing")
        if results["season"] != season:
            raise CheckFailed(f"{path.relative_to(data_dir)}: season {results['season']}, expected {season}")
    return len(files)


def _payments(outbox: Path, data_dir: Path) -> dict[str, int]:
    """Across every payment run: no identity twice; every SHA-256 a manifest gives matches its file."""
    identities: Counter[tuple[str, ...]] = Counter()
    verified = 0
    for register in sorted(outbox.glob("payments/*/register.csv")):
        with register.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                identities[tuple(row.get(k, "") for k in PAYMENT_IDENTITY)] += 1
    twice = [k for k, n in identities.items() if n > 1]
    if twice:
        season, competition, award, _ = twice[0]
        raise CheckFailed(f"{len(twice)} payment identities exported more than once (e.g. {season} {competition} "
                          f"{award} for one participant)")
    for manifest in sorted(outbox.glob("payments/*/manifest.json")):
        verified += _verify_manifest(manifest, data_dir)
    return {"payments": sum(identities.values()), "manifest_digests_verified": verified}


def _verify_manifest(manifest: Path, data_dir: Path) -> int:
    """Every (file name, SHA-256) pair the manifest gives, whatever its exact layout, must match the file."""
    pairs = list(_digest_pairs(json.loads(manifest.read_text(encoding="utf-8")), manifest.parent))
    for path, digest in pairs:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest.lower():
            raise CheckFailed(f"{manifest.relative_to(data_dir)}: SHA-256 of {path.name} does not match the file")
    return len(pairs)


def _digest_pairs(obj: Any, folder: Path, keys: tuple[str, ...] = (), siblings: dict | None = None):  # type: ignore[no-untyped-def]
    """(file, digest) for every 64-hex string whose key, enclosing keys or sibling values name a file of `folder`:
    `{"files": {"register.csv": {"sha256": …}}}`, `[{"name": "register.csv", "sha256": …}]`, …"""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _digest_pairs(v, folder, (*keys, str(k)), obj)
    elif isinstance(obj, list):
        for v in obj:
            yield from _digest_pairs(v, folder, keys, None)
    elif isinstance(obj, str) and re.fullmatch(r"[0-9a-fA-F]{64}", obj):
        names = [*reversed(keys)] + [v for v in (siblings or {}).values() if isinstance(v, str)]
        for name in names:
            if name and (folder / Path(name).name).is_file():
                yield folder / Path(name).name, obj
                break
