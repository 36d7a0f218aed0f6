"""`mugalim extract FILE`: the spec's JSON object on stdout, exit 0 whenever the file could be read, and a
non-zero exit with a one-line reason on stderr when it could not (corrupt, encrypted, not a document)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from mugalim.samples.forms import make_form, pdf_bytes, compose_attachments, make_person, compose_form

KEYS = {"file", "doc_type", "language", "pages", "fields", "confidence", "problems"}


def mugalim(*args: str) -> subprocess.CompletedProcess:
    """The real command, in its own process (exit status, stdout and stderr as a caller sees them)."""
    return subprocess.run([sys.executable, "-m", "mugalim.cli", "extract", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def cli(capsys):
    """The same command in this process (faster): returns (exit status, stdout, stderr)."""
    from mugalim.cli import main

    def call(*args: str) -> subprocess.CompletedProcess:
        code = main(["extract", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)
    return call


@pytest.fixture(scope="module")
def digital(tmp_path_factory) -> tuple[Path, dict]:
    data, truth = make_form(11, language="kk", layout="table", font="pt_serif", fmt="pdf_text")
    path = tmp_path_factory.mktemp("forms") / "application-kk.pdf"
    path.write_bytes(data)
    return path, truth


def test_born_digital_pdf_prints_the_spec_object_with_every_field_exact(digital):
    path, truth = digital
    r = mugalim(str(path))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == KEYS
    assert out["file"] == "application-kk.pdf" and out["doc_type"] == "application" and out["language"] == "kk"
    assert out["fields"] == truth["fields"]
    assert out["problems"] == [] and min(out["confidence"].values()) == 1.0


def test_evidence_gives_each_field_its_page_and_box_in_pdf_points(digital, cli):
    r = cli(str(digital[0]), "--evidence")
    ev = json.loads(r.stdout)["evidence"]
    assert ev["pages"][0]["method"] == "text_layer" and ev["pages"][0]["unit"] == "pt"
    x0, y0, x1, y1 = ev["fields"]["iin"]["bbox"]
    assert ev["fields"]["iin"]["page"] == 1 and 0 < x0 < x1 <= 596 and 0 < y0 < y1 <= 842


@pytest.mark.parametrize("name, content, reason", [
    ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "not a readable PDF"),
    ("notes.pdf", "Бұл құжат емес".encode(), "not a document"),
    ("empty.png", b"", "empty"),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "cannot read the image"),
])
def test_a_file_that_cannot_be_read_exits_non_zero_with_one_line_on_stderr(tmp_path, name, content, reason, cli):
    f = tmp_path / name
    f.write_bytes(content)
    r = cli(str(f))
    assert r.returncode == 4 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0]


def test_a_password_protected_pdf_exits_non_zero_naming_the_password(tmp_path, digital):
    writer = PdfWriter(clone_from=PdfReader(digital[0]))
    writer.encrypt(user_password="secret", owner_password="owner")
    f = tmp_path / "locked.pdf"
    with f.open("wb") as out:
        writer.write(out)
    r = mugalim(str(f))
    assert r.returncode == 4 and "password" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_40_page_pdf_is_read_page_by_page_and_the_form_found_on_its_page(tmp_path, cli):
    import random
    rng = random.Random(5)
    person = make_person(rng, "ru")
    pages = [compose_attachments("ru", "dejavu_serif", rng) for _ in range(39)]
    pages.insert(3, compose_form(person, language="ru", layout="lines", font="dejavu_serif"))
    f = tmp_path / "dossier-40.pdf"
    f.write_bytes(pdf_bytes(pages, "dejavu_serif"))
    r = cli(str(f), "--evidence")
    out = json.loads(r.stdout)
    assert out["pages"] == 40 and out["doc_type"] == "application"
    assert out["fields"] == person.truth
    assert out["evidence"]["fields"]["full_name"]["page"] == 4


def test_the_generator_is_deterministic_and_writes_its_truth(tmp_path):
    a = make_form(3, fmt="png", degrade="degraded", font="pt_sans")
    b = make_form(3, fmt="png", degrade="degraded", font="pt_sans")
    assert a[0] == b[0] and a[1] == b[1]
    with pytest.raises(ValueError):
        make_form(3, language="kk", font="liberation_serif")        # no Kazakh letters in Liberation


def test_a_form_running_over_two_pages_is_read_from_both(tmp_path, cli):
    import random
    from mugalim.samples.forms import Page
    person = make_person(random.Random(8), "kk")
    form = compose_form(person, language="kk", layout="lines", font="pt_serif")
    cut = next(op[2] for op in form.ops if op[0] == "text" and op[3].startswith("Индексі")) - 5
    first, second = Page([op for op in form.ops if op[2] < cut]), Page()
    second.ops = [(op[0], op[1], op[2] - cut + 60, *op[3:]) for op in form.ops if op[2] >= cut]
    f = tmp_path / "two-pages.pdf"
    f.write_bytes(pdf_bytes([first, second], "pt_serif"))
    out = json.loads(cli(str(f), "--evidence").stdout)
    assert out["fields"] == person.truth
    assert out["evidence"]["fields"]["workplace"]["page"] == 1 and out["evidence"]["fields"]["iin"]["page"] == 2
