"""The sample batches the demo and the tests use: the layout of spec/data-layout.md, valid identifiers,
deterministic from the seed, and the deliberately bad files."""
import csv
import hashlib

from mugalim.identifiers import is_valid_bin, is_valid_iin
from mugalim.samples.batches import make_sample_batches


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".pdf", ".csv", ".png")}


def test_sample_batches_layout_identifiers_and_bad_files(tmp_path):
    r = make_sample_batches(tmp_path, season=2026, seed=1, count=3)
    assert len(r.batches) == 3 and all((b / "READY").exists() for b in r.batches)
    assert all(is_valid_iin(i) for i in r.applicants)
    assert {a.competition for a in r.applicants.values()} == {"teacher_of_year", "grants"}
    assert {a.language for a in r.applicants.values()} == {"kk", "ru"}
    grants = next(b for b in r.batches if "grants" in b.name)
    rows = list(csv.DictReader((grants / "manifest.csv").open(encoding="utf-8")))
    assert rows and all((grants / row["path"]).exists() and is_valid_bin(row["organization_bin"]) for row in rows)
    toy = [b for b in r.batches if "teacher_of_year" in b.name]
    assert all(is_valid_bin(b.name.rsplit("_", 1)[1]) for b in toy)
    bad = toy[-1]
    assert (bad / "notes.docx").exists() and (bad / "empty.pdf").stat().st_size == 0
    assert any("video_640x360" in c for c in r.cases.values())
    assert all(list(d.glob("video.mp4")) for b in r.batches for d in b.iterdir() if d.is_dir())


def test_sample_batches_are_deterministic_from_the_seed(tmp_path):
    a = make_sample_batches(tmp_path / "a", season=2026, seed=3, count=3)
    b = make_sample_batches(tmp_path / "b", season=2026, seed=3, count=3)
    assert list(a.applicants) == list(b.applicants)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
