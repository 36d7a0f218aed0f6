"""`mugalim extract FILE` starts small: a scan's run imports no PDF library, a born-digital PDF's no image library
(issue 13: the per-file bar counts the interpreter's start and every import)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mugalim.samples.forms import make_form

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import sys; from extractors.document import extract_file; extract_file(sys.argv[1]); "
         "print(sorted(m for m in ('pypdfium2', 'pdfplumber', 'cv2') if m in sys.modules))")


def _modules_after_extracting(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    return done.stdout.strip().splitlines()[-1]


def test_a_scan_is_read_without_importing_a_pdf_library(tmp_path: Path) -> None:
    png = tmp_path / "form.png"
    png.write_bytes(make_form(7, fmt="png", language="kk")[0])
    assert _modules_after_extracting(png) == "['cv2']"


def test_a_born_digital_pdf_is_read_without_importing_opencv(tmp_path: Path) -> None:
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(make_form(8, fmt="pdf_text", language="ru")[0])
    assert _modules_after_extracting(pdf) == "['pdfplumber', 'pypdfium2']"
