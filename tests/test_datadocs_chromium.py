"""The Data Docs staff open render in a real browser (Debian's chromium, headless) and show the suites' results."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from validators.quality import checkpoint, suites

pytestmark = pytest.mark.slow
GOOD = dict(document_sha256="a" * 64, iin="850314401236", birth_date="1985-03-14", filled_date="2026-02-01",
            qualification_category="expert", pedagogical_experience_months=120, postal_code="050010",
            phones=["+77011234567"])
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="mugalim-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=5000", *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/setup.sh installs it)")
def test_data_docs_render_in_headless_chromium_with_the_suites_results(tmp_path: Path):
    ctx = checkpoint.context(tmp_path / "data-docs")
    bad = {**GOOD, "document_sha256": "b" * 64, "postal_code": "05001"}
    df = suites.application_frame([GOOD, bad], 2026)
    checkpoint.run_checkpoint(ctx, df, suites.application_suite(2026), id_column="document_sha256",
                              name="applications_2026")
    index = checkpoint.build_docs(ctx)
    assert index is not None
    dom = _chromium("--dump-dom", index.as_uri()).stdout
    assert "mugalim_application_fields" in dom and "applications_2026" in dom
    assert "Failed" in dom or "failed" in dom.lower()
    shot = tmp_path / "index.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,1600", index.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000          # a page with content, not a blank one
    page = next((tmp_path / "data-docs" / "validations").rglob("*.html"))
    vdom = _chromium("--dump-dom", page.as_uri()).stdout
    assert "expect_column_values_to_match_regex" in vdom or "postal_code" in vdom
