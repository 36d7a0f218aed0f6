"""PNG and TIFF pages decoded a band at a time at the review station (issue 16 item 9's last gap): a whole page
beside the checklist and the page a crop is cut from were decoded at full size first (a 139-megapixel RGB scan:
583 MB for the preview, 1.2 GB for a crop); JPEG alone had a reduced decode."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from mugalim.review import reduced as banded
from mugalim.review.crops import Box, CropRequest, ocr_geometry_page, render_crop


def _picture(w: int = 1201, h: int = 1603) -> np.ndarray:
    rng = np.random.default_rng(5)
    a = rng.integers(0, 256, (h, w, 4)).astype(np.uint8)
    a[:, :, :3] = (np.cumsum(a[:, :, :3].astype(np.int64), axis=1) // 40 % 256).astype(np.uint8)   # every filter
    return a


def _images() -> dict[str, Image.Image]:
    a = _picture()
    return {"L": Image.fromarray(a[:, :, 0]), "RGB": Image.fromarray(a[:, :, :3]), "RGBA": Image.fromarray(a),
            "LA": Image.fromarray(a[:, :, :2].copy(), "LA"), "1": Image.fromarray(a[:, :, 0]).convert("1"),
            "P": Image.fromarray(a[:, :, :3]).convert("P", palette=Image.ADAPTIVE)}


def _whole_reduced(path: Path, factor: int, mode: str) -> Image.Image:
    with Image.open(path) as im:
        ref = im.convert({"1": "L", "P": "RGB"}.get(im.mode, im.mode))
    return ref.convert(mode).reduce(factor)


def _same(got: Image.Image | None, ref: Image.Image, tol: int = 1) -> None:
    assert got is not None and got.size == ref.size
    diff = np.abs(np.asarray(got.convert(ref.mode), dtype=int) - np.asarray(ref, dtype=int)).max()
    assert diff <= tol, diff


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "LA", "1", "P"])
def test_a_png_read_by_bands_is_the_whole_decode_reduced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         mode: str) -> None:
    """Every colour type a scan comes in, in bands of a few rows (each band's first row refers to the row above,
    which the band before decoded): the same pixels as the whole decode reduced by the same factor."""
    monkeypatch.setattr(banded, "BAND_BYTES", 1 << 16)
    path = tmp_path / "page.png"
    _images()[mode].save(path)
    for factor in (2, 3, 5):
        got = banded.reduced(path, "png", 1, factor)
        _same(got, _whole_reduced(path, factor, got.mode if got else "L"))


@pytest.mark.parametrize("mode,compression", [("L", "tiff_lzw"), ("L", "raw"), ("RGB", "tiff_adobe_deflate"),
                                              ("RGB", "packbits"), ("1", "group4"), ("1", "tiff_lzw"),
                                              ("P", "tiff_lzw"), ("RGB", "jpeg")])
def test_a_tiff_read_by_strips_is_the_whole_decode_reduced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           mode: str, compression: str) -> None:
    monkeypatch.setattr(banded, "BAND_BYTES", 1 << 21)
    path = tmp_path / "page.tif"
    img = _images()[mode]
    img.save(path, compression=compression, **({"quality": 90} if compression == "jpeg" else {}))
    with Image.open(path) as im:
        assert compression == "raw" or im.tag_v2.get(278, 0) < im.height        # several strips, or rows read
    for factor in (2, 3):
        got = banded.reduced(path, "tiff", 1, factor)
        _same(got, _whole_reduced(path, factor, "L" if mode in ("L", "1") else "RGB"),
              tol=3 if compression == "jpeg" else 1)


def test_what_bands_do_not_read_is_decoded_whole(tmp_path: Path) -> None:
    """Interlaced and 16-bit PNG, a TIFF with alpha or an orientation to apply, a page past the last: None (the
    caller decodes the page whole, within the app's limit, as before)."""
    a = _picture(300, 400)
    Image.fromarray(a[:, :, :3]).save(tmp_path / "i.png")
    data = bytearray((tmp_path / "i.png").read_bytes())                      # Pillow writes no Adam7: say it is
    data[28] = 1
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    (tmp_path / "i.png").write_bytes(bytes(data))
    Image.fromarray((a[:, :, 0].astype(np.uint16) * 257)).save(tmp_path / "16.png")
    Image.fromarray(a).save(tmp_path / "a.tif", compression="tiff_lzw")
    turned = Image.fromarray(a[:, :, :3])
    exif = turned.getexif()
    exif[0x0112] = 6
    turned.save(tmp_path / "o.tif", exif=exif)
    for name, kind in (("i.png", "png"), ("16.png", "png"), ("a.tif", "tiff"), ("o.tif", "tiff")):
        assert banded.reduced(tmp_path / name, kind, 1, 2) is None, name
    Image.fromarray(a[:, :, :3]).save(tmp_path / "ok.tif", compression="tiff_lzw")
    assert banded.reduced(tmp_path / "ok.tif", "tiff", 1, 2) is not None
    assert banded.reduced(tmp_path / "ok.tif", "tiff", 2, 2) is None
    assert banded.reduced(tmp_path / "ok.tif", "tiff", 1, 1) is None                # nothing to gain


def test_a_crop_from_a_600_dpi_png_sits_where_the_whole_decode_put_it(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The page a crop is cut from is at 300 dpi: a 600-dpi scan is decoded reduced by 2 and is the page the
    whole decode scaled down (same size, same content within rounding), so the field's box lands on its text."""
    img = Image.new("RGB", (2480 * 4 // 2, 3508 * 4 // 2), "white")          # A4 at 600 dpi
    ImageDraw.Draw(img).rectangle((1200, 1600, 2400, 1800), fill="black")
    path = tmp_path / "scan.png"
    img.save(path, dpi=(600, 600))
    small = ocr_geometry_page(path, "png", 1, 0, 0.0)
    monkeypatch.setattr("mugalim.review.crops.reduced", lambda *a, **k: None)
    ocr_geometry_page.cache_clear()
    whole = ocr_geometry_page(path, "png", 1, 0, 0.0)
    ocr_geometry_page.cache_clear()
    assert abs(small.width - whole.width) <= 1 and abs(small.height - whole.height) <= 1
    a, b = np.asarray(small, dtype=int), np.asarray(whole, dtype=int)
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    assert (np.abs(a[:h, :w] - b[:h, :w]) > 40).mean() < 0.001
    assert a[810:890, 610:1190].mean() < 10 and a[300:500, 300:500].mean() > 245   # the block at 300 dpi
    png = render_crop(CropRequest(path, "png", 1, Box(600, 800, 1200, 900)))
    assert Image.open(io.BytesIO(png)).width > 100


_CHILD = textwrap.dedent("""
    import io, json, re, sys
    from pathlib import Path
    from PIL import Image
    from mugalim.review.crops import Box, CropRequest, render_crop, render_page
    import extractors.images, extractors.pdf
    path, kind, what = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    def hwm():
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024
    before = hwm()
    if what == "page":
        out = render_page(path, kind, 1)
    else:
        out = render_crop(CropRequest(path, kind, 1, Box(900, 1200, 1800, 1300)))
    size = Image.open(io.BytesIO(out)).size
    print(json.dumps({"size": size, "peak": hwm() - before}))
""")


@pytest.mark.parametrize("kind", ["png", "tiff"])
def test_a_60_megapixel_scan_is_shown_without_decoding_it_whole(tmp_path: Path, kind: str) -> None:
    """A4 at 800 dpi, RGB (6616 × 9352 = 62 MP: 247 MB in Pillow decoded whole, and the crop's page about twice
    that). The preview and a crop each add under 100 MB to the station's child's peak (decoded whole, it grew by
    about 250 MB for the preview and 500 MB for a crop)."""
    w, h = 6616, 9352
    page = np.full((h, w, 3), 245, dtype=np.uint8)
    page[800:h - 800:60, 800:w - 800] = 20                                    # lines of "text"
    path = tmp_path / f"scan.{'png' if kind == 'png' else 'tif'}"
    img = Image.fromarray(page)
    del page
    img.save(path, dpi=(800, 800), **({"compress_level": 1} if kind == "png" else {"compression": "tiff_lzw"}))
    del img
    for what in ("page", "crop"):
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), kind, what], capture_output=True, text=True,
                              timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        out = json.loads(done.stdout)
        assert out["peak"] < 100 << 20, f"{what}: the station's peak grew by {out['peak'] / 2**20:,.0f} MiB"
        if what == "page":
            assert max(out["size"]) <= 1404 and out["size"][0] * out["size"][1] > 500_000


def test_the_second_page_of_a_tiff_is_read_by_its_own_strips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(banded, "BAND_BYTES", 1 << 21)
    imgs = _images()
    path = tmp_path / "two.tif"
    imgs["RGB"].save(path, compression="tiff_lzw", save_all=True, append_images=[imgs["L"]])
    with Image.open(path) as im:
        im.seek(1)
        ref = im.convert("L").reduce(2)
    _same(banded.reduced(path, "tiff", 2, 2), ref)
    assert banded.reduced(path, "tiff", 1, 2).mode == "RGB"
