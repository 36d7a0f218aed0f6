"""Issue 22 item 1: wrong input is an error with the exit code of its class, naming what and where; nothing is made
or written for it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mugalim.cli import main
from mugalim.errors import ConfigError
from mugalim.samples.season import ScoreInbox


def test_a_data_folder_that_does_not_exist_is_refused_and_not_made(tmp_path: Path, capsys):
    missing = tmp_path / "no" / "such"
    assert main(["ingest", "--data", str(missing)]) == ConfigError.exit_code
    err = capsys.readouterr().err
    assert f"the data folder {missing} does not exist" in err and f"mugalim init {missing}" in err
    assert not missing.exists()
    assert main(["init", str(missing)]) == 0
    assert (missing / "inbox" / "scans").is_dir() and (missing / "mugalim.sqlite").exists()
    assert main(["ingest", "--data", str(missing)]) == 0


def test_an_abbreviated_option_is_not_taken_for_another(tmp_path: Path):
    out = subprocess.run([sys.executable, "-m", "mugalim.cli", "ingest", "--dat", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "unrecognized arguments: --dat" in out.stderr
    assert not (tmp_path / "inbox").exists()


def test_a_season_without_inputs_is_an_error_listing_the_seasons_present(tmp_path: Path, capsys):
    ib = ScoreInbox(tmp_path / "data")
    a = ib.person()
    ib.stage("school", ib.org(a), {a: ["5"] * 4})
    ib.write()
    code = main(["score", "--data", str(tmp_path / "data"), "--season", "2025"])
    assert code == ConfigError.exit_code
    err = capsys.readouterr().err
    assert "season 2025: no participants, scores or attendance" in err and "(seasons present: 2026)" in err
    assert not (tmp_path / "data" / "outbox" / "2025").exists()


def test_add_user_without_a_terminal_says_to_use_password_stdin(tmp_path: Path):
    """Issue 22 item 1: no EOFError traceback when nobody can type the password."""
    assert main(["init", str(tmp_path / "d")]) == 0
    out = subprocess.run([sys.executable, "-m", "mugalim.cli", "review", "add-user", "alice", "--data",
                          str(tmp_path / "d")], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert out.returncode == ConfigError.exit_code and "Traceback" not in out.stderr
    assert "--password-stdin" in out.stderr


def test_validate_for_a_season_no_dossier_has_is_an_error_listing_the_seasons_present(tmp_path: Path, capsys):
    from mugalim.samples.batches import make_sample_batches

    data = tmp_path / "data"
    make_sample_batches(data, season=2026, seed=1, count=1)
    assert main(["ingest", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["validate", "--data", str(data), "--season", "1999"]) == ConfigError.exit_code
    assert "season 1999: no dossier of this season" in capsys.readouterr().err
    assert not (data / "outbox" / "1999").exists()


def test_a_wrong_input_is_said_in_kazakh_and_russian_then_in_english(tmp_path: Path, capsys):
    """Issue 22 item 1: the error names what and where in kk/ru (the catalog), the English kept for engineers."""
    missing = tmp_path / "nowhere"
    assert main(["validate", "--data", str(missing), "--season", "2026"]) == ConfigError.exit_code
    kk, ru, en = capsys.readouterr().err.splitlines()
    assert kk.startswith("mugalim validate: ") and "деректер қалтасы жоқ" in kk and f"mugalim init {missing}" in kk
    assert "папки данных" in ru and str(missing) in ru
    assert en == (f"mugalim validate: the data folder {missing} does not exist: check --data (or $MUGALIM_DATA), "
                  f"or make a new one with `mugalim init {missing}`")
    assert main(["init", str(missing)]) == 0
    capsys.readouterr()
    assert main(["score", "--data", str(missing), "--season", "2026", "--stage", "city"]) == ConfigError.exit_code
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and "бірге" in lines[0] and "вместе" in lines[1] and "together" in lines[2]
