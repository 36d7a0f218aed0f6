"""File types are decided by content, not by name; damaged, encrypted and absurdly large files are refused with a
reason a person understands, and images are judged from their headers without decoding them."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

import ingest_fixtures as fx
from mugalim.errors import RejectedInput
from mugalim.ingest.filetypes import sniff


@pytest.mark.parametrize("build, name, kind, pages", [
    (lambda p: fx.pdf(p, pages=4), "заявка.pdf", "pdf", 4),
    (lambda p: fx.tiff(p, pages=5), "сканы.tiff", "tiff", 5),
    (fx.jpeg, "photo.JPG", "jpeg", 1),
    (fx.png, "фото 1.png", "png", 1),
    (fx.mp4, "video.mp4", "mp4", None),
])
def test_accepted_types_and_their_page_counts(tmp_path, build, name, kind, pages):
    ftype = sniff(build(tmp_path / name))
    assert (ftype.kind, ftype.pages, ftype.note) == (kind, pages, None)


def test_a_jpeg_named_pdf_is_taken_as_a_jpeg_with_a_note(tmp_path):
    ftype = sniff(fx.jpeg(tmp_path / "диплом.pdf"))
    assert ftype.kind == "jpeg"
    assert ftype.note == "named '.pdf' but the content is JPEG: taken as JPEG"


def test_a_pdf_without_extension_is_a_pdf(tmp_path):
    assert sniff(fx.pdf(tmp_path / "scan")).kind == "pdf"


@pytest.mark.parametrize("build, name, reason", [
    (fx.empty, "пусто.pdf", "empty file (0 bytes)"),
    (fx.truncated_pdf, "half.pdf", "truncated PDF"),
    (fx.encrypted_pdf, "locked.pdf", "password-protected PDF"),
    (fx.docx, "заявление.docx", "damaged Word document (.docx)"),
    (fx.docx, "заявление.pdf", "damaged Word document (.docx)"),
    (fx.text, "notes.txt", "the content is plain text"),
    (fx.exe, "setup.exe", "the content is a Windows program (.exe)"),
    (fx.exe, "scan.pdf", "the content is a Windows program (.exe)"),
])
def test_refused_files_say_why(tmp_path, build, name, reason):
    with pytest.raises(RejectedInput) as e:
        sniff(build(tmp_path / name))
    assert reason in str(e.value)


def test_a_pdf_with_an_empty_user_password_opens_and_is_taken(tmp_path):
    assert sniff(fx.encrypted_pdf(tmp_path / "owner-only.pdf", password="")).kind == "pdf"


def test_a_gigapixel_png_is_refused_from_its_header_without_decoding(tmp_path):
    path = fx.huge_png(tmp_path / "огромный.png")
    tracemalloc.start()
    with pytest.raises(RejectedInput) as e:
        sniff(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "100000×100000 pixels" in str(e.value) and "refused without decoding" in str(e.value)
    assert peak < 5_000_000            # decoding would need 30 GB


def test_a_huge_tiff_page_is_refused_too(tmp_path):
    from PIL import Image

    path = tmp_path / "big.tif"
    Image.new("1", (20_000, 12_000)).save(path, compression="group4")    # 240 megapixels, a few kilobytes
    with pytest.raises(RejectedInput, match="above the limit"):
        sniff(path)


def _cut(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


@pytest.mark.parametrize("build, name, reason", [
    (fx.jpeg, "cut.jpg", "truncated JPEG"),
    (lambda p: fx.tiff(p, pages=3), "cut.tif", "TIFF"),
    (fx.mp4, "cut.mp4", "MP4"),
    (fx.png, "cut.png", "damaged PNG"),
])
def test_truncated_images_and_videos_are_refused(tmp_path, build, name, reason):
    path = _cut(build(tmp_path / name), 0.6)
    with pytest.raises(RejectedInput, match=reason):
        sniff(path)


def test_a_heic_header_without_a_picture_is_refused_as_damaged(tmp_path):
    """Issue 18 accepts HEIC photos; a file that only starts like one is damaged (its `meta` box is missing)."""
    path = tmp_path / "IMG_0001.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    with pytest.raises(RejectedInput, match="incomplete HEIC/HEIF photo"):
        sniff(path)


def test_damaged_files_of_every_kind_are_taken_or_refused_never_crash_the_run(tmp_path):
    """300 seeded corruptions (cut at a random byte, or random bytes changed): sniff either accepts the file or
    raises RejectedInput — never another exception that would stop the whole batch."""
    import random

    sources = [fx.pdf(tmp_path / "a.pdf", pages=3), fx.jpeg(tmp_path / "a.jpg"), fx.png(tmp_path / "a.png"),
               fx.tiff(tmp_path / "a.tif"), fx.mp4(tmp_path / "a.mp4")]
    rnd = random.Random(7)
    refused = 0
    for i in range(300):
        src = rnd.choice(sources)
        data = bytearray(src.read_bytes())
        if i % 2:
            data = data[: rnd.randrange(1, len(data))]
        else:
            for _ in range(rnd.randint(1, 8)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        path = tmp_path / f"damaged{src.suffix}"
        path.write_bytes(bytes(data))
        try:
            sniff(path)
        except RejectedInput:
            refused += 1
    assert refused >= 100
