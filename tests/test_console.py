"""A console for people (issue 22 item 2): one summary per step, a progress bar on a terminal, plain counter lines
when the output is not one (a log, a pipe: no carriage return, no escape code), nothing more with `-q`, each item's
own line with `-v`, and no library's INFO line (Great Expectations, alembic) at the default verbosity."""
from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mugalim import console

CLI = [sys.executable, "-m", "mugalim.cli"]
SEASON = 2026
LIBRARIES = ("great_expectations", "alembic", "Skipping registering", "INFO", "DeprecationWarning")


@pytest.fixture(autouse=True)
def _default_verbosity():
    yield
    console.configure(0)


def test_counters_when_not_a_terminal_a_line_a_tenth_and_the_last() -> None:
    out = io.StringIO()
    with console.progress("validate", 20, unit="досье", stream=out) as bar:
        for n in range(20):
            bar.update(note=f"dossier {n}")
    lines = out.getvalue().splitlines()
    assert lines[0] == "validate: 2/20 досье (10%)" and lines[-1] == "validate: 20/20 досье (100%)"
    assert len(lines) == 10
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_counters_of_work_that_grows_and_of_more_items_than_announced() -> None:
    out = io.StringIO()
    with console.progress("ingest", unit="файл", stream=out, every_s=3600) as bar:
        bar.grow(3)
        bar.update()
        bar.grow(2)
        for _ in range(5):                     # a ZIP's members: more files than the batch announced
            bar.update()
    assert out.getvalue().splitlines()[-1] == "ingest: 6/6 файл (100%)"


def test_counters_every_few_seconds_when_the_total_is_unknown() -> None:
    out = io.StringIO()
    with console.progress("extract", unit="құжат / документ", stream=out, every_s=0.05) as bar:
        bar.update()
        time.sleep(0.06)
        bar.update()
    assert out.getvalue().splitlines() == ["extract: 2 құжат / документ"]


def test_a_bar_on_a_terminal() -> None:
    parent, child = pty.openpty()
    with os.fdopen(child, "w", encoding="utf-8", closefd=True) as tty:
        with console.progress("score", 4, unit="кезең / этап", stream=tty) as bar:
            assert bar.mode == "bar"
            for _ in range(4):
                bar.update()
                time.sleep(0.25)
    shown = _read_all(parent)
    assert "score:" in shown and "4/4 кезең / этап" in shown and "\r" in shown and "%|" in shown


def test_quiet_shows_no_progress_and_verbose_logs_each_item(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    console.configure(-1)
    with console.progress("validate", 2, stream=out) as bar:
        bar.update(2)
    assert bar.mode == "off" and out.getvalue() == ""
    console.configure(1)
    with console.progress("validate", 2, stream=out) as bar:
        bar.update(note="validate: dossier 1: complete")
    assert bar.mode == "lines" and out.getvalue() == ""
    assert "INFO mugalim.progress: validate: dossier 1: complete" in capsys.readouterr().err


def test_the_steps_progress_lines_are_the_counters_ticks() -> None:
    """ingest: a batch taken announces its new files, each file's outcome is one tick (a ZIP's unpacking line and a
    note are not); validate: validate.p.count says how many dossiers, each validate.p.dossier is one (by id, as
    ingest and score: no line is parsed)."""
    from mugalim.commands import ingest, validate
    out = io.StringIO()
    with console.progress("ingest", unit="файл", stream=out, every_s=3600) as bar:
        tick = ingest.ticks(bar)
        from mugalim.messages import Message
        for line in [Message("ingest.p.taken", batch="2026_grants_Алмалы", how=Message("batch.ready"), n=3),
                     Message("ingest.p.manifest", path="manifest.csv", good=3, bad=0),
                     Message("ingest.p.unpacking", path="a.zip", n=2),
                     Message("ingest.p.quarantined", path="a.zip/x.exe", reason="not a document"),
                     Message("ingest.p.note", where="b.pdf", reason="a note"),
                     Message("ingest.p.duplicate", path="c.pdf", reason="same as d.pdf"),
                     Message("ingest.p.dossier_waiting", key="d1", reason="no application")]:
            tick(line)
    assert out.getvalue().splitlines()[-1] == "ingest: 3/3 файл (100%)"
    out = io.StringIO()
    with console.progress("validate", unit="досье", stream=out) as bar:
        tick = validate.ticks(bar, "kk")
        for line in [Message("validate.p.count", n=2, season=2026),
                     Message("validate.p.dossier", id=1, iin="********0017",
                             state=Message("validate.state.complete")),
                     Message("validate.p.dossier", id=2, iin="********0028", state=Message("validate.state.waiting"))]:
            tick(line)
    assert out.getvalue().splitlines() == ["validate: 1/2 досье (50%)", "validate: 2/2 досье (100%)"]


def test_score_tells_each_stage_by_message_id_and_the_bar_ticks_on_those(data_dir: Path, db_url: str) -> None:
    """Scoring tells its progress by the catalog's ids (score.p.written, score.p.unchanged), never by a log line the
    command parses; the command's ticks turn each into one stage done, said in the season's language."""
    from mugalim.commands import score
    from mugalim.config import Settings
    from mugalim.messages import Message
    from mugalim.samples.season import ScoreInbox
    from mugalim.scoring.run import run_score

    ib = ScoreInbox(data_dir)
    first = ib.person()
    people = [first] + [ib.person(org=ib.org(first)) for _ in range(2)]
    ib.stage("school", ib.org(first), {people[0]: ["9"] * 4, people[1]: ["8"] * 4, people[2]: ["7"] * 4})
    ib.write()
    settings = Settings.load(data_dir, db_url)
    told: list[str] = []
    run_score(settings, season=SEASON, competition="teacher_of_year", stage="school", reports=False,
              progress=told.append)
    run_score(settings, season=SEASON, competition="teacher_of_year", stage="school", reports=False,
              progress=told.append)
    assert [getattr(m, "id", None) for m in told] == ["score.p.written", "score.p.unchanged"]
    assert all(isinstance(m, Message) for m in told)
    assert str(told[0]).startswith("teacher_of_year/school: ") and "advancing" in str(told[0])
    assert told[0].said("kk").startswith("Жыл мұғалімі / мектеп кезеңі: жазылды — ")
    assert told[1].said("ru") == ("Учитель года / школьный этап: не изменилось с прошлого запуска, "
                                  "не перезаписано")

    out = io.StringIO()
    with console.progress("score", 2, unit="кезең / этап", stream=out) as bar:
        tick = score.ticks(bar, "kk")
        tick(Message("ingest.p.note", where="x", reason="a note"))          # not a stage: no tick
        for m in told:
            tick(m)
    assert out.getvalue().splitlines() == ["score: 1/2 кезең / этап (50%)", "score: 2/2 кезең / этап (100%)"]
    console.configure(1)
    with console.progress("score", 1, stream=io.StringIO()) as bar, _captured("mugalim.progress") as lines:
        score.ticks(bar, "ru")(told[1])
    assert lines == [told[1].said("ru")]


class _captured:
    """The messages logged to one logger while the block runs."""

    def __init__(self, name: str) -> None:
        import logging
        self.log, self.lines = logging.getLogger(name), []
        outer = self

        class _H(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                outer.lines.append(record.getMessage())
        self.handler = _H(logging.INFO)

    def __enter__(self) -> list[str]:
        self.log.addHandler(self.handler)
        return self.lines

    def __exit__(self, *exc: object) -> None:
        self.log.removeHandler(self.handler)


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from mugalim.samples.season import make_sample_season
    root = tmp_path_factory.mktemp("console")
    make_sample_season(root / "data", season=SEASON)
    return ["--data", str(root / "data"), "--db-url", f"sqlite:///{root / 'mugalim.sqlite'}"]


@pytest.mark.slow
def test_score_not_on_a_terminal_prints_counters_and_no_library_line(season: list[str]) -> None:
    done = subprocess.run([*CLI, "score", *season, "--season", str(SEASON), "--no-reports", "--limit", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"score: {n}/4 кезең / этап ({25 * n}%)" for n in range(1, 5)]
    assert "\r" not in done.stderr + done.stdout and "\x1b" not in done.stderr + done.stdout
    assert "== Педагогтерге грант / гранттық комиссия" in done.stdout          # the season's language (kk)


@pytest.mark.slow
def test_score_with_reports_logs_no_library_line_at_the_default_verbosity(season: list[str]) -> None:
    """Great Expectations (the score sheets' audit) and alembic (the migrations) speak only with -vv."""
    done = subprocess.run([*CLI, "score", *season, "--season", str(SEASON), "--limit", "1"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stderr.splitlines() if any(w in line for w in LIBRARIES)], done.stderr
    quiet = subprocess.run([*CLI, "-q", "score", *season, "--season", str(SEASON), "--no-reports", "--limit", "1"],
                           capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = subprocess.run([*CLI, "-v", "score", *season, "--season", str(SEASON), "--no-reports", "--limit", "1"],
                          capture_output=True, text=True, timeout=300)
    assert loud.returncode == 0 and "INFO mugalim.scoring" in loud.stderr and "score: 1/4" not in loud.stderr


@pytest.mark.slow
def test_score_on_a_terminal_draws_a_bar_then_its_summary(season: list[str]) -> None:
    parent, child = pty.openpty()
    proc = subprocess.Popen([*CLI, "score", *season, "--season", str(SEASON), "--no-reports", "--limit", "1"],
                            stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    shown = _read_all(parent, proc)
    assert proc.wait(timeout=60) == 0, shown
    assert "score:" in shown and "%|" in shown and "/4 кезең / этап" in shown and "\r" in shown
    assert shown.index("/4 кезең") < shown.index("== Жыл мұғалімі / мектеп кезеңі")
    assert not any(w in shown for w in ("great_expectations", "alembic"))


def _read_all(fd: int, proc: subprocess.Popen | None = None, timeout_s: float = 300) -> str:
    """Everything written to the terminal whose master end is `fd`, until the writer is done."""
    chunks, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:                      # the other end is closed: all is read
                break
            if not data:
                break
            chunks.append(data)
        elif proc is None or proc.poll() is not None:
            if proc is None:
                break
    os.close(fd)
    return b"".join(chunks).decode("utf-8", errors="replace")
