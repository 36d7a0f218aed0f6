"""Peak memory of the review station showing a large PNG or TIFF scan (issue 16 item 9): a whole page beside the
checklist (`render_page`) and a field's crop (`render_crop`, cut from the page as OCR saw it, at 300 dpi), each in a
fresh process, read reduced by libvips (`mugalim.review.reduced`, "vips") and, for comparison, decoded whole by
Pillow as before issue 16 ("whole").

    .venv/bin/python -m bench.review_image_memory [--dpi 1200] [--kinds png,tiff] [--keep DIR]

The scan is an A4 page at `--dpi` (1200 dpi: 9921 × 14031 = 139 megapixels, under the app's 200 MP limit), RGB,
mostly white with dark text-like blocks. Prints the peak resident set of each process above the same process
before the call (VmHWM; libvips's libraries, about 30 MB, loaded before it as the app's modules are), and the wall
time. Measured (issue 16, libvips 8.14 from Debian, 2 cores): PNG page 538 → 36 MB (0.9 → 0.8 s), crop 1,195 →
50 MB; TIFF (LZW) page 538 → 36 MB, crop 1,195 → 40 MB. The hand-written band reader libvips replaced took the same
memory within 10 MB and 1.3–1.9 times as long.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, sys, time
from pathlib import Path
from PIL import Image
import numpy, extractors.images, extractors.pdf
from mugalim.review import crops
path, kind, what, banded = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
def whole(path, kind, page, factor, **_):
    # as before libvips: the page decoded whole by Pillow, then reduced
    with Image.open(path) as im:
        im.seek(page - 1)
        return im.reduce(factor) if im.mode not in ("1", "P") else im.convert("RGB").reduce(factor)
if banded:
    from mugalim.review.reduced import _pyvips
    _pyvips()             # libvips loaded once a process (about 30 MB of libraries), as the imports above
else:
    crops.reduced = whole                                   # the preview
    crops._ocr_page_reduced = lambda *a, **k: None          # a crop's page: extraction's `load_page`, whole
crops.image_within_limit(path)
def hwm():
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's peak over the fork)
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
before = hwm()
t = time.perf_counter()
if what == "page":
    out = crops.render_page(path, kind, 1)
else:
    out = crops.render_crop(crops.CropRequest(path, kind, 1, crops.Box(900, 1200, 1800, 1300)))
took = time.perf_counter() - t
peak = hwm()
print(json.dumps({"mb": (peak - before) / 1024, "before": before / 1024, "s": took, "bytes": len(out)}))
"""


def make_scan(path: Path, dpi: int, kind: str) -> tuple[int, int]:
    import numpy as np
    from PIL import Image
    Image.MAX_IMAGE_PIXELS = None
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    rng = np.random.default_rng(7)
    page = np.full((h, w, 3), 245, dtype=np.uint8)
    line = max(1, dpi // 25)
    for y in range(dpi, h - dpi, 3 * line):                      # lines of "text": dark blocks of random length
        x = dpi
        while x < w - dpi:
            n = int(rng.integers(line, 6 * line))
            page[y:y + line, x:min(x + n, w - dpi)] = int(rng.integers(10, 60))
            x += n + line
    img = Image.fromarray(page)
    if kind == "png":
        img.save(path, dpi=(dpi, dpi), compress_level=1)
    else:
        img.save(path, dpi=(dpi, dpi), compression="tiff_lzw")
    return w, h


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, default=1200)
    ap.add_argument("--kinds", default="png,tiff")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="mugalim-imgmem-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for kind in args.kinds.split(","):
        path = folder / f"scan.{'png' if kind == 'png' else 'tif'}"
        if not path.exists():
            w, h = make_scan(path, args.dpi, kind)
        else:
            import warnings
            from PIL import Image
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(path) as im:
                    w, h = im.size
        print(f"{kind}: {w} × {h} = {w * h / 1e6:.0f} MP, {path.stat().st_size / 1e6:.1f} MB on disk", flush=True)
        for what in ("page", "crop"):
            for banded in (False, True):
                done = subprocess.run([sys.executable, "-c", _CHILD, str(path), kind, what, "1" if banded else "0"],
                                      capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                rows.append((kind, what, "vips" if banded else "whole", r["mb"], r["s"]))
                print(f"  {what:5} {'vips' if banded else 'whole':6} peak +{r['mb']:7.0f} MB  {r['s']:6.2f} s",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
