"""The Data Docs staff open render in a real browser (Debian's chromium, headless) with the network disabled, show
the suites' results in the rendered page, and make no request to any outside host (issue 22 item 4); no full IIN is
on them (issue 16)."""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from decimal import Decimal
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from validators.quality import checkpoint, suites

pytestmark = pytest.mark.slow
GOOD = dict(document_sha256="a" * 64, iin="850314401236", birth_date="1985-03-14", filled_date="2026-02-01",
            qualification_category="expert", pedagogical_experience_months=120, postal_code="050010",
            phones=["+77011234567"])
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/setup.sh installs it)")


@cache
def _no_network_prefix() -> tuple[str, ...]:
    """`unshare -rn`: the browser in a network namespace of its own with no interface but loopback, when the kernel
    lets an unprivileged user make one; the flags in `_chromium` fail every outside request either way."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False).returncode == 0:
        return (unshare, "-rn")
    return ()


def _chromium(*args: str, netlog: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Headless chromium with the network off: no DNS (every host resolves to nothing), a proxy that refuses, no
    background services; `netlog`: where chromium logs every request it starts."""
    with tempfile.TemporaryDirectory(prefix="mugalim-chromium-") as profile:
        log = [f"--log-net-log={netlog}"] if netlog else []
        return subprocess.run(
            [*_no_network_prefix(), CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
             f"--user-data-dir={profile}", "--virtual-time-budget=5000", *log, *args],
            capture_output=True, text=True, timeout=120, check=False)


def _page_requests(netlog: Path) -> list[str]:
    """The URLs chromium started loading on behalf of a page (its own services' requests, which have no
    initiating origin, are left out)."""
    text = netlog.read_text(encoding="utf-8").rstrip().rstrip(",")
    data = json.loads(text if text.endswith("}") else text + "]}")
    types = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    return [e["params"]["url"] for e in data["events"]
            if types.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in (e.get("params") or {})
            and e["params"].get("initiator") != "not an origin"]


class _Dom(HTMLParser):
    """The rendered DOM's elements that carry the results: sections, result rows, counts, and the text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.sections: list[dict[str, str]] = []
        self.rows: list[dict[str, str]] = []
        self.counts: dict[str, str] = {}
        self.text: list[str] = []
        self._count: str | None = None
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "section":
            self.sections.append(a)
        elif tag == "tr" and "data-expectation" in a:
            self.rows.append(a)
        elif tag == "td" and "data-unexpected" in a and self.rows:
            self.rows[-1]["unexpected"] = a["data-unexpected"]
        elif tag == "dd" and "data-count" in a:
            self._count = a["data-count"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._count:
            self.counts[self._count] = data.strip()
            self._count = None


def _open_offline(index: Path, tmp_path: Path) -> tuple[_Dom, list[str]]:
    netlog = tmp_path / "netlog.json"
    out = _chromium("--dump-dom", index.as_uri(), netlog=netlog)
    assert out.returncode == 0, out.stderr[-2000:]
    return _Dom(out.stdout), _page_requests(netlog)


@needs_chromium
def test_data_docs_render_offline_in_headless_chromium_with_the_suites_results(tmp_path: Path):
    ctx = checkpoint.context(tmp_path / "data-docs")
    bad = {**GOOD, "document_sha256": "b" * 64, "postal_code": "05001"}
    df = suites.application_frame([GOOD, bad], 2026)
    checkpoint.run_checkpoint(ctx, df, suites.application_suite(2026), id_column="document_sha256",
                              name="applications_2026")
    index = checkpoint.build_docs(ctx)
    assert index == tmp_path / "data-docs" / "index.html"
    dom, requests = _open_offline(index, tmp_path)
    assert [u for u in requests if not u.startswith("file:")] == []          # nothing from any outside host
    assert [(s["data-suite"], s["data-run"], s["data-success"]) for s in dom.sections] == \
        [("mugalim_application_fields", "applications_2026", "false")]
    assert len(dom.rows) == 11                                               # every expectation of the suite
    failed = [(r["data-expectation"], r["data-columns"], r["unexpected"]) for r in dom.rows if r["class"] == "failed"]
    assert failed == [("expect_column_values_to_match_regex", "postal_code", "1")]
    assert sum(r["class"] == "passed" for r in dom.rows) == 10
    assert dom.counts == {"rows": "2", "checks": "11", "passed": "10", "failed": "1", "held": "1"}
    text = " ".join(dom.text)
    assert "Деректер сапасы" in text and "Качество данных" in text and "Пошта индексі" in text
    assert "05001" in text and "b" * 64 in text                     # the value found, and the row it holds back
    shot = tmp_path / "index.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,1600", index.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000          # a page with content, not a blank one


@needs_chromium
def test_score_sheet_data_docs_offline_show_masked_iins_only(tmp_path: Path):
    from validators.quality.scores import audit_score_rows

    row = dict(file="scores_district.csv", season=2026, competition="teacher_of_year", stage="district",
               unit="Алмалы", round=1, participant_iin="850314401236", member_id="m3", score="7")
    docs = tmp_path / "data-docs" / "score-sheets"
    rows = [{**row, "row": 2}, {**row, "row": 3},                               # the same row twice
            {**row, "row": 4, "score": "11", "participant_iin": "750712343218"}]  # outside the scale
    audit_score_rows(rows, members={"m3"}, scale=(Decimal(0), Decimal(10)), docs_dir=docs, name="score_sheets_2026")
    dom, requests = _open_offline(docs / "index.html", tmp_path)
    assert [u for u in requests if not u.startswith("file:")] == []
    text = " ".join(dom.text)
    assert "850314401236" not in text and "750712343218" not in text
    failed = {r["data-expectation"]: r["unexpected"] for r in dom.rows if r["class"] == "failed"}
    assert failed == {"expect_column_values_to_be_in_set": "2", "expect_column_values_to_be_between": "1"}  # copies
    assert "scores_district.csv:2" in text and "scores_district.csv:4" in text
