"""PNG and TIFF pages decoded at a reduced size at the review station (issue 16 item 9's last gap), by libvips
(`mugalim.review.reduced`): a whole page beside the checklist and the page a crop is cut from were decoded at full
size first (a 139-megapixel RGB scan: 583 MB for the preview, 1.2 GB for a crop); JPEG alone had a reduced decode."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
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
    """The page decoded whole, reduced by `factor`: the mean of each factor × factor block, a partial block at the
    right or bottom edge filled out by repeating the edge's pixels (as libvips's `shrink` fills it)."""
    with Image.open(path) as im:
        ref = im.convert({"1": "L", "P": "RGB"}.get(im.mode, im.mode))
    return _edge_reduce(ref.convert(mode), factor)


def _edge_reduce(img: Image.Image, factor: int) -> Image.Image:
    a = np.asarray(img)
    pad = ((0, -img.height % factor), (0, -img.width % factor)) + ((0, 0),) * (a.ndim - 2)
    return Image.fromarray(np.pad(a, pad, mode="edge"), img.mode).reduce(factor)


def _same(got: Image.Image | None, ref: Image.Image, tol: int = 1) -> None:
    assert got is not None and got.size == ref.size
    a, b = np.asarray(got.convert(ref.mode), dtype=float), np.asarray(ref, dtype=float)
    if ref.mode in ("LA", "RGBA"):       # a colour as it shows: weighted by its alpha (nearly transparent, any colour)
        a[..., :-1] *= a[..., -1:] / 255
        b[..., :-1] *= b[..., -1:] / 255
        tol += 2                         # Pillow rounds its premultiplied colours to 8 bits; libvips does not
    diff = np.abs(a - b).max()
    assert diff <= tol, diff


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "LA", "1", "P"])
def test_a_png_read_reduced_is_the_whole_decode_reduced(tmp_path: Path, mode: str) -> None:
    """Every colour type a scan comes in: the same pixels as the whole decode reduced by the same factor (the mean of
    each factor × factor block; a partial block at the edge, the mean of what it holds)."""
    path = tmp_path / "page.png"
    _images()[mode].save(path)
    for factor in (2, 3, 5):
        got = banded.reduced(path, "png", 1, factor)
        _same(got, _whole_reduced(path, factor, got.mode))


def _vips_save(img: Image.Image, path: Path, **options: object) -> None:
    """A file Pillow does not write (an interlaced PNG, a tiled TIFF), written by libvips."""
    import pyvips
    mode = img.mode
    v = pyvips.Image.new_from_memory(img.tobytes(), img.width, img.height, len(mode), "uchar")
    if mode in ("L", "LA"):
        v = v.copy(interpretation="b-w")
    v.write_to_file(str(path), **options)


def test_an_interlaced_or_16_bit_png_is_read_reduced(tmp_path: Path) -> None:
    """What the hand-written band reader left to the whole decode: an interlaced (Adam7) PNG, a 16-bit grey PNG."""
    a = _picture(300, 400)
    rgb = Image.fromarray(a[:, :, :3])
    _vips_save(rgb, tmp_path / "i.png", interlace=True)
    with Image.open(tmp_path / "i.png") as im:
        assert im.info.get("interlace")
    _same(banded.reduced(tmp_path / "i.png", "png", 1, 3), _edge_reduce(rgb, 3))
    sixteen = a[:, :, 0].astype(np.uint16) * 257 + 3
    Image.fromarray(sixteen).save(tmp_path / "16.png")
    got = banded.reduced(tmp_path / "16.png", "png", 1, 2)
    _same(got, Image.fromarray((sixteen >> 8).astype(np.uint8)).reduce(2))
    grey = banded.reduced(tmp_path / "16.png", "png", 1, 2, grey=True)       # extraction stretches it: lo..hi
    lo, hi = float(sixteen.min()), float(sixteen.max())
    ref = Image.fromarray(((sixteen - lo) * (255.0 / (hi - lo))).astype(np.uint8)).reduce(2)
    _same(grey, ref, tol=2)


@pytest.mark.parametrize("mode,compression", [("L", "tiff_lzw"), ("L", "raw"), ("RGB", "tiff_adobe_deflate"),
                                              ("RGB", "packbits"), ("1", "group4"), ("1", "tiff_lzw"),
                                              ("P", "tiff_lzw"), ("RGB", "jpeg"), ("RGBA", "tiff_lzw")])
def test_a_tiff_read_reduced_is_the_whole_decode_reduced(tmp_path: Path, mode: str, compression: str) -> None:
    path = tmp_path / "page.tif"
    img = _images()[mode]
    img.save(path, compression=compression, **({"quality": 90} if compression == "jpeg" else {}))
    for factor in (2, 3):
        got = banded.reduced(path, "tiff", 1, factor)
        _same(got, _whole_reduced(path, factor, {"L": "L", "1": "L", "RGBA": "RGBA"}.get(mode, "RGB")),
              tol=3 if compression == "jpeg" else 1)


def test_a_tiled_tiff_is_read_reduced(tmp_path: Path) -> None:
    rgb = _images()["RGB"]
    _vips_save(rgb, tmp_path / "tiled.tif", tile=True, tile_width=256, tile_height=256, compression="deflate")
    with Image.open(tmp_path / "tiled.tif") as im:
        assert 322 in im.tag_v2                                               # TileWidth: tiled
    _same(banded.reduced(tmp_path / "tiled.tif", "tiff", 1, 3), _edge_reduce(rgb, 3))


def test_a_page_is_turned_and_made_grey_as_extraction_loads_it(tmp_path: Path) -> None:
    """`upright`: the EXIF (PNG) or TIFF orientation applied, as `load_page` applies it; `grey`: extraction's grey
    (an alpha laid on white, then luma). The preview is shown as stored: not turned."""
    from extractors.images import load_page
    a = _picture(300, 400)
    for name, img in (("o.tif", Image.fromarray(a[:, :, :3])), ("o.png", Image.fromarray(a))):
        for orientation in (3, 6, 8):
            exif = img.getexif()
            exif[0x0112] = orientation
            path = tmp_path / f"{orientation}{name}"
            img.save(path, exif=exif)
            kind = "png" if name.endswith("png") else "tiff"
            got = banded.reduced(path, kind, 1, 2, grey=True, upright=True)
            assert got.mode == "L"
            _same(got, load_page(str(path), 0)[0].reduce(2), tol=2)
            assert banded.reduced(path, kind, 1, 2).size == img.reduce(2).size


def test_a_page_past_the_last_or_a_damaged_file_says_so(tmp_path: Path) -> None:
    from mugalim.errors import UnreadableDocument
    Image.fromarray(_picture(300, 400)[:, :, :3]).save(tmp_path / "ok.tif", compression="tiff_lzw")
    assert banded.reduced(tmp_path / "ok.tif", "tiff", 1, 2).size == (150, 200)
    with pytest.raises(EOFError):
        banded.reduced(tmp_path / "ok.tif", "tiff", 2, 2)
    Image.fromarray(_picture(300, 400)[:, :, :3]).save(tmp_path / "cut.png")
    data = (tmp_path / "cut.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[:len(data) // 2])
    with pytest.raises(UnreadableDocument, match="cut.png"):
        banded.reduced(tmp_path / "cut.png", "png", 1, 2)


def test_a_crop_from_a_600_dpi_png_sits_where_the_whole_decode_put_it(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The page a crop is cut from is at 300 dpi: a 600-dpi scan is decoded reduced by 2 and is the page the
    whole decode scaled down (same size, same content within rounding), so the field's box lands on its text."""
    img = Image.new("RGB", (2480 * 4 // 2, 3508 * 4 // 2), "white")          # A4 at 600 dpi
    ImageDraw.Draw(img).rectangle((1200, 1600, 2400, 1800), fill="black")
    path = tmp_path / "scan.png"
    img.save(path, dpi=(600, 600))
    small = ocr_geometry_page(path, "png", 1, 0, 0.0)
    monkeypatch.setattr("mugalim.review.crops._ocr_page_reduced", lambda *a, **k: None)    # extraction's loader
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
    from mugalim.review.reduced import _pyvips
    _pyvips()                  # libvips and its libraries loaded (about 30 MB), once a process, as the modules above
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


def test_the_second_page_of_a_tiff_is_read_reduced(tmp_path: Path) -> None:
    imgs = _images()
    path = tmp_path / "two.tif"
    imgs["RGB"].save(path, compression="tiff_lzw", save_all=True, append_images=[imgs["L"]])
    with Image.open(path) as im:
        im.seek(1)
        ref = _edge_reduce(im.convert("L"), 2)
    _same(banded.reduced(path, "tiff", 2, 2), ref)
    assert banded.reduced(path, "tiff", 1, 2).mode == "RGB"
