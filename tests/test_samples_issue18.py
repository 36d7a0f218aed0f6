"""Issue 18 in the demo's sample batch: a dossier sent from home — the essay typed in Word and a letter of thanks
photographed with a phone (HEIC, stored sideways) — is taken and read, not quarantined; the damaged `notes.docx`
still is, with its reason."""
from __future__ import annotations

import hashlib

import pytest

from extractors.document import extract_file
from mugalim.config import Settings
from mugalim.ingest import run_ingest
from mugalim.samples.batches import make_sample_batches
from validators.essay import check_essay

pytestmark = pytest.mark.slow


def test_issue_18_the_sample_batch_holds_a_word_essay_and_a_heic_photo_that_are_read(tmp_path):
    r = make_sample_batches(tmp_path, season=2026, seed=1, count=3)
    home = r.batches[0] / "dossier_01"
    assert (home / "esse.docx").exists() and (home / "marapat_1.heic").exists()
    assert not (home / "esse.pdf").exists() and not (home / "marapat_1.jpg").exists()

    settings = Settings.load(tmp_path)
    report = run_ingest(settings)

    quarantined = {q["path"]: q["reason"] for q in report.quarantined}
    assert "dossier_01/esse.docx" not in quarantined and "dossier_01/marapat_1.heic" not in quarantined
    assert "damaged ZIP archive" in quarantined["notes.docx"] and "empty file" in quarantined["empty.pdf"]
    archived = settings.archive / r.batches[0].name / "dossier_01"
    essay = extract_file(archived / "esse.docx")
    assert essay.result["doc_type"] == "essay" and essay.result["pages"] == 1
    photo = extract_file(archived / "marapat_1.heic")
    assert photo.result["doc_type"] == "achievement" and photo.evidence["pages"][0]["rotation"] == 0
    check = check_essay(archived / "esse.docx")
    assert check.ok, check.problems
    assert check.facts["fonts"] == {"Times New Roman": 1.0} and check.facts["pages"] == 1


def test_issue_18_the_word_and_heic_samples_are_the_same_bytes_from_the_same_seed(tmp_path):
    def digest(root):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
                if p.suffix in (".docx", ".heic")}

    make_sample_batches(tmp_path / "a", season=2026, seed=3, count=3)
    make_sample_batches(tmp_path / "b", season=2026, seed=3, count=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b") and len(digest(tmp_path / "a")) == 3
