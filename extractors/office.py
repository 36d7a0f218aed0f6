"""Word (DOCX) and OpenDocument (ODT) documents (issue 18): read from the document itself, paged by a rendering.

- **Text and structure** come from the document: python-docx for DOCX (paragraphs with their style, headings,
  tables, in the order of the body), odfpy for ODT (`blocks`). For ODT the two ways were measured on a document
  holding a tab, a run of spaces (`text:s`), a soft line break, a span, a heading, a table and a list
  (tests/test_extract_office_issue18.py): odfpy and LibreOffice's `--convert-to docx` read by python-docx give the
  same text, character for character (the tab, the three spaces and the line break kept by both), and the same
  kinds of block; odfpy takes 2 ms where the conversion takes 3 s (a LibreOffice process), so odfpy reads ODT
  text. The conversion is used where it is worth its time: the essay's format (below).
- **Pages** come from a rendering: LibreOffice headless `--convert-to pdf` (`rendering`), in a private profile
  (`-env:UserInstallation`, one per process) with a timeout, kept for the process by the document's SHA-256
  (`_cache_dir`): a DOCX is rendered once by `mugalim extract` and once by `mugalim validate`. A page of a DOCX is
  the page of that rendering: evidence (file, page) names it, and extraction reads the rendering's pages through the
  existing born-digital path (pdfplumber's text layer) — a form typed into Word gives the same fields as the same
  form printed to PDF — while a page that holds a pasted picture (a scanned certificate) is OCRed
  (`has_large_image`).
- **The essay's format** (item 1.8, `essay_format`): page size, fonts, sizes and line spacing as effective values —
  a run's own properties, else its character style and the styles it is based on, else its paragraph's style and
  its based-on chain, else the document defaults (theme fonts resolved) — counted over the characters; the page
  count from the rendering. An ODT is converted to DOCX by LibreOffice for this (its styles come through as
  properties), then read the same way.

LibreOffice never runs a document's macros here (its default macro security refuses unsigned macros) and has no
network to fetch linked content.
"""
from __future__ import annotations

import atexit
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mugalim.errors import TransientError, UnreadableDocument

SOFFICE = os.environ.get("MUGALIM_SOFFICE", "soffice")
RENDER_TIMEOUT_S = 180
A4_MM = (210.0, 297.0)
A4_TOLERANCE = 0.03
FONT_SHARE = 0.9                       # this share of the characters must be in the required font and size
SIZE_PT = (13.5, 14.5)
SINGLE_MAX = 1.05                      # "single" line spacing: Word's auto spacing of 240 twips (1.0 lines)
TIMES_NAMES = ("timesnewroman", "times", "liberationserif", "nimbusroman", "tinos", "texgyretermes")
LARGE_IMAGE_SHARE = 0.15               # a picture covering this share of a rendered page: the page is OCRed
WORD_DEFAULT_FONT, WORD_DEFAULT_SIZE = "Times New Roman", 10.0   # what Word uses when a document says nothing

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_LOCK = threading.Lock()
_PROFILE: dict[int, Path] = {}


def w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# --- what a file is ------------------------------------------------------------------------------------------------

def office_kind(path: Path) -> str | None:
    """`docx` or `odt` when the file is one (from its ZIP container's members, not its name), else None."""
    from mugalim.ingest.filetypes import zip_kind

    try:
        with path.open("rb") as f:
            if f.read(4) != b"PK\x03\x04":
                return None
            kind = zip_kind(f)
    except OSError:
        return None
    return kind if kind in ("docx", "odt") else None


# --- rendering with LibreOffice ------------------------------------------------------------------------------------

_CACHE: dict[int, Path] = {}


def _cache_dir() -> Path:
    """Where renderings are kept: `MUGALIM_RENDERINGS` when set, else a private folder (0700) of this process that
    is removed when it exits — a rendering holds the document's personal data, which is kept at rest only in the
    data folder."""
    if os.environ.get("MUGALIM_RENDERINGS"):
        d = Path(os.environ["MUGALIM_RENDERINGS"])
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        return d
    pid = os.getpid()
    if pid not in _CACHE:
        _CACHE[pid] = Path(tempfile.mkdtemp(prefix="mugalim-renderings-"))
        atexit.register(shutil.rmtree, _CACHE[pid], True)
    return _CACHE[pid]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def rendering(path: Path, fmt: str = "pdf", *, name: str | None = None) -> Path:
    """The document converted by LibreOffice headless to `fmt` (`pdf`, or `docx` for an ODT), cached by the
    document's SHA-256 (the same bytes are rendered once). UnreadableDocument when LibreOffice cannot read it."""
    path = Path(path)
    name = name or path.name
    kind = office_kind(path)
    if kind is None:
        raise UnreadableDocument(f"{name}: not a Word or OpenDocument text document")
    cached = _cache_dir() / f"{_sha256(path)}.{fmt}"
    if cached.exists() and cached.stat().st_size > 0:
        return cached
    with tempfile.TemporaryDirectory(prefix="mugalim-render-") as tmp:
        src = Path(tmp) / f"document.{kind}"           # LibreOffice names its output after its input
        shutil.copyfile(path, src)
        out = _convert(src, fmt, Path(tmp) / "out", name=name)
        part = cached.with_name(f".{cached.name}.{os.getpid()}.part")
        shutil.copyfile(out, part)
        os.replace(part, cached)
    return cached


def _profile() -> Path:
    """This process's own LibreOffice profile: two soffice processes sharing one would wait on each other's lock."""
    pid = os.getpid()
    if pid not in _PROFILE:
        _PROFILE[pid] = Path(tempfile.mkdtemp(prefix="mugalim-lo-profile-"))
        atexit.register(shutil.rmtree, _PROFILE[pid], True)
    return _PROFILE[pid]


def _convert(src: Path, fmt: str, outdir: Path, *, name: str) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [SOFFICE, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
           f"-env:UserInstallation={_profile().as_uri()}", "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    with _LOCK:
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        except FileNotFoundError as e:
            raise TransientError(f"LibreOffice ({SOFFICE}) is not installed: DOCX and ODT cannot be rendered "
                                 f"(scripts/setup.sh installs it)") from e
        try:
            _, err = proc.communicate(timeout=RENDER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise UnreadableDocument(f"{name}: LibreOffice did not render it within {RENDER_TIMEOUT_S} s") from None
    out = outdir / f"{src.stem}.{fmt}"
    if not out.exists() or out.stat().st_size == 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise UnreadableDocument(f"{name}: LibreOffice could not render it ({last})")
    return out


def page_texts(path: Path, *, name: str | None = None) -> list[str]:
    """The text of each page of the rendering (pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(rendering(path, name=name)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def has_large_image(pdf_path: str, index: int) -> bool:
    """Whether page `index` of a rendering holds a picture covering LARGE_IMAGE_SHARE of the page or more (a
    scan pasted into Word): such a page is read by OCR, which reads the picture's words and the typed ones."""
    import pdfplumber

    try:
        with pdfplumber.open(pdf_path) as pdf:
            page = pdf.pages[index]
            area = float(page.width * page.height) or 1.0
            covered = sum(max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"]))
                          for i in page.images)
    except Exception:  # noqa: BLE001 - a page whose images cannot be listed is read from its text layer
        return False
    return covered / area >= LARGE_IMAGE_SHARE


# --- text and structure ---------------------------------------------------------------------------------------------

@dataclass
class Block:
    """A paragraph, a heading or a table (its rows' cells joined by ` | `), in the order of the document, with the
    page of the rendering it starts on (None when it could not be placed)."""

    kind: str            # paragraph | heading | table
    style: str | None
    text: str
    page: int | None = None


def blocks(path: Path, *, name: str | None = None, paged: bool = True) -> list[Block]:
    """The document's paragraphs, headings and tables, from the document itself; each placed on a page of the
    rendering when `paged`."""
    path = Path(path)
    kind = office_kind(path)
    if kind == "docx":
        out = _docx_blocks(path, name or path.name)
    elif kind == "odt":
        out = _odt_blocks(path, name or path.name)
    else:
        raise UnreadableDocument(f"{name or path.name}: not a Word or OpenDocument text document")
    if paged:
        place_on_pages(out, page_texts(path, name=name))
    return out


def open_docx(path: Path, name: str) -> Any:
    """python-docx's Document; a Word template (.dotx) is opened as the document it holds."""
    import docx
    from mugalim.ingest.filetypes import WORD_MAIN, WORD_TEMPLATE

    try:
        return docx.Document(str(path))
    except ValueError as e:
        if "template" not in str(e):
            raise UnreadableDocument(f"{name}: not a readable Word document ({e})") from e
    except Exception as e:  # noqa: BLE001 - python-docx raises KeyError, lxml errors, … on damaged files
        raise UnreadableDocument(f"{name}: not a readable Word document ({type(e).__name__})") from e
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(WORD_TEMPLATE.encode(), WORD_MAIN.encode())
            dst.writestr(info, data)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _docx_blocks(path: Path, name: str) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = open_docx(path, name)
    out: list[Block] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            style = item.style.name if item.style is not None else None
            text = _collapse(_paragraph_text(item._p))
            if text:
                kind = "heading" if style and (style.lower().startswith("heading") or style == "Title") else \
                    "paragraph"
                out.append(Block(kind, style, text))
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = _collapse(" ".join(_paragraph_text(p._p) for p in cell.paragraphs))
                    if not cells or cells[-1] != text:          # a merged cell repeats itself
                        cells.append(text)
                rows.append(" | ".join(cells))
            out.append(Block("table", item.style.name if item.style is not None else None, "\n".join(rows)))
    return out


def _paragraph_text(p: Any) -> str:
    """A paragraph's text, the deleted revisions left out, tabs and breaks as spaces."""
    parts: list[str] = []
    for el in p.iter(w("t"), w("tab"), w("br"), w("cr")):
        if any(a.tag == w("del") for a in el.iterancestors()):
            continue
        parts.append(el.text or "" if el.tag == w("t") else " ")
    return "".join(parts)


def _odt_blocks(path: Path, name: str) -> list[Block]:
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    try:
        doc = load(str(path))
    except Exception as e:  # noqa: BLE001 - odfpy raises XML and KeyError errors on damaged files
        raise UnreadableDocument(f"{name}: not a readable OpenDocument text ({type(e).__name__})") from e
    out: list[Block] = []

    def walk(node: Any) -> None:
        for child in node.childNodes:
            q = getattr(child, "qname", None)
            if q in ((TEXTNS, "p"), (TEXTNS, "h")):
                text = _collapse(teletype.extractText(child))
                if text:
                    style = child.getAttrNS(TEXTNS, "style-name")
                    out.append(Block("heading" if q[1] == "h" else "paragraph", style, text))
            elif q == (TABLENS, "table"):
                rows = []
                for row in child.getElementsByType(_odf_class("table-row")):
                    cells = [_collapse(teletype.extractText(c)) for c in row.childNodes
                             if getattr(c, "qname", None) == (TABLENS, "table-cell")]
                    rows.append(" | ".join(cells))
                out.append(Block("table", child.getAttrNS(TABLENS, "style-name"), "\n".join(rows)))
            elif q is not None:
                walk(child)

    walk(doc.text)
    return out


def _odf_class(name: str) -> Any:
    from odf import table

    return {"table-row": table.TableRow}[name]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def place_on_pages(items: list[Block], pages: list[str]) -> None:
    """The page of each block: where its first words are found in the rendering's text, searched from where the
    previous block was found (numbering and fields the rendering adds are skipped over)."""
    stream, starts = "", []
    for text in pages:
        starts.append(len(stream))
        stream += _key(text)
    cursor, page = 0, 1 if pages else None
    for b in items:
        probe = _key(b.text.split("\n", 1)[0])[:40]
        at = stream.find(probe, cursor) if probe else -1
        if at >= 0:
            page = max(i for i, s in enumerate(starts, 1) if s <= at)
            cursor = at + len(probe)
        b.page = page


def text(path: Path, *, name: str | None = None) -> str:
    return "\n".join(b.text for b in blocks(path, name=name, paged=False))


# --- the essay's format (item 1.8) ---------------------------------------------------------------------------------

class _Styles:
    """Effective run and paragraph properties of a DOCX: direct → character style chain → paragraph style chain →
    document defaults; theme fonts resolved from the theme part."""

    def __init__(self, doc: Any) -> None:
        root = doc.styles.element
        self.by_id = {s.get(w("styleId")): s for s in root.iterchildren(w("style"))}
        self.default_para = next((sid for sid, s in self.by_id.items() if s.get(w("type")) == "paragraph"
                                  and s.get(w("default")) in ("1", "true", "on")), None)
        defaults = root.find(w("docDefaults"))
        self.rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.theme = _theme_fonts(doc)

    def chain(self, style_id: str | None) -> list[Any]:
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen and len(out) < 32:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def run_levels(self, p: Any, r: Any) -> list[Any]:
        """The rPr elements that may set a run's property, the strongest first."""
        levels = [r.find(w("rPr"))]
        rpr = levels[0]
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if rstyle is not None:
            levels += [s.find(w("rPr")) for s in self.chain(rstyle.get(w("val")))]
        levels += [s.find(w("rPr")) for s in self.chain(self._pstyle(p))]
        levels.append(self.rpr_default)
        return [lv for lv in levels if lv is not None]

    def para_levels(self, p: Any) -> list[Any]:
        levels = [p.find(w("pPr"))] + [s.find(w("pPr")) for s in self.chain(self._pstyle(p))] + [self.ppr_default]
        return [lv for lv in levels if lv is not None]

    def _pstyle(self, p: Any) -> str | None:
        ppr = p.find(w("pPr"))
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        return ps.get(w("val")) if ps is not None else self.default_para

    def font(self, levels: list[Any], slot: str) -> str:
        """The font of a slot (`ascii` for ASCII letters, `hAnsi` for Cyrillic and other letters): the first level
        whose rFonts sets that slot (its theme attribute winning over its name, as in Word)."""
        for lv in levels:
            fonts = lv.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w(slot + "Theme"))
            if theme:
                return self.theme.get(theme, theme)
            if fonts.get(w(slot)):
                return fonts.get(w(slot))
        return WORD_DEFAULT_FONT

    @staticmethod
    def size(levels: list[Any]) -> float:
        for lv in levels:
            sz = lv.find(w("sz"))
            if sz is not None and sz.get(w("val")):
                return int(sz.get(w("val"))) / 2
        return WORD_DEFAULT_SIZE

    @staticmethod
    def hidden(levels: list[Any]) -> bool:
        for lv in levels:
            v = lv.find(w("vanish"))
            if v is not None:
                return v.get(w("val"), "true") not in ("0", "false", "off")
        return False

    @staticmethod
    def spacing(levels: list[Any]) -> tuple[str, float]:
        """("auto", lines) or ("exact" | "atLeast", points): Word's single spacing is ("auto", 1.0)."""
        for lv in levels:
            sp = lv.find(w("spacing"))
            if sp is not None and sp.get(w("line")):
                rule = sp.get(w("lineRule")) or "auto"
                line = int(sp.get(w("line")))
                return (rule, line / 240) if rule == "auto" else (rule, line / 20)
        return ("auto", 1.0)


def _theme_fonts(doc: Any) -> dict[str, str]:
    """minorHAnsi, majorHAnsi, … → the typeface the document's theme names."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = next(r.target_part for r in doc.part.rels.values() if r.reltype == RT.THEME)
    except StopIteration:
        return {}
    from lxml import etree

    root = etree.fromstring(theme.blob)
    out = {}
    for which in ("major", "minor"):
        latin = root.find(f".//{{{_A}}}{which}Font/{{{_A}}}latin")
        if latin is not None and latin.get("typeface"):
            for slot in ("HAnsi", "Ascii", "Bidi", "EastAsia"):
                out[f"{which}{slot}"] = latin.get("typeface")
    return out


def _spacing_text(rule: str, value: float) -> str:
    if rule == "auto":
        return "single" if value <= SINGLE_MAX else f"{value:g} lines"
    return f"{'exactly' if rule == 'exact' else 'at least'} {value:g} pt"


def _is_single(rule: str, value: float, size: float) -> bool:
    if rule == "auto":
        return value <= SINGLE_MAX
    return value <= size * 1.15 * SINGLE_MAX      # Word's single line of Times is about 1.15 × the font size


def font_family(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def is_times(name: str) -> bool:
    fam = font_family(name)
    return any(fam.startswith(t) for t in TIMES_NAMES)


def essay_format(path: Path, *, name: str | None = None) -> dict[str, Any]:
    """Item 1.8 measured from a DOCX's (or an ODT's) styles and runs and from its rendering:

    `pages` (of the rendering), `page_sizes_mm` (each section's), `fonts`, `sizes_pt`, `line_spacing` (share of the
    visible characters in each effective value), `characters`, `text` (each page of the rendering), and `problems`
    worded for people ("the font is Arial (96%), not Times New Roman")."""
    path = Path(path)
    name = name or path.name
    kind = office_kind(path)
    source = path if kind == "docx" else rendering(path, "docx", name=name) if kind == "odt" else None
    if source is None:
        raise UnreadableDocument(f"{name}: not a Word or OpenDocument text document")
    doc = open_docx(source, name)
    styles = _Styles(doc)
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    spacing: Counter[str] = Counter()
    single = 0
    body = doc.element.body
    for p in body.iter(w("p")):
        para = styles.para_levels(p)
        rule, value = styles.spacing(para)
        for r in p.iter(w("r")):
            if any(a.tag == w("del") for a in r.iterancestors()):
                continue
            levels = styles.run_levels(p, r)
            if styles.hidden(levels):
                continue
            run_text = "".join(t.text or "" for t in r.iter(w("t")))
            letters = [c for c in run_text if not c.isspace()]
            if not letters:
                continue
            size = styles.size(levels)
            ascii_n = sum(1 for c in letters if c.isascii())
            if ascii_n:
                fonts[styles.font(levels, "ascii")] += ascii_n
            if len(letters) - ascii_n:
                fonts[styles.font(levels, "hAnsi")] += len(letters) - ascii_n
            sizes[size] += len(letters)
            spacing[_spacing_text(rule, value)] += len(letters)
            single += len(letters) if _is_single(rule, value, size) else 0
    total = sum(sizes.values())
    page_sizes = []
    for section in doc.sections:
        if section.page_width is not None and section.page_height is not None:
            page_sizes.append((round(section.page_width.mm, 1), round(section.page_height.mm, 1)))
    texts = page_texts(path, name=name)
    result: dict[str, Any] = {
        "pages": len(texts), "page_sizes_mm": page_sizes, "characters": total,
        "fonts": _shares(fonts, total), "sizes_pt": _shares(sizes, total), "line_spacing": _shares(spacing, total),
        "text": texts,
    }
    result["format_problems"] = _format_problems(result, fonts, sizes, single, total)
    result["problems"] = _page_problems(result) + result["format_problems"]
    return result


def _shares(counter: Counter[Any], total: int) -> dict[Any, float]:
    return {k: round(n / total, 3) for k, n in counter.most_common()} if total else {}


def is_a4(w_mm: float, h_mm: float) -> bool:
    short, long_ = sorted((w_mm, h_mm))
    return abs(short / A4_MM[0] - 1) <= A4_TOLERANCE and abs(long_ / A4_MM[1] - 1) <= A4_TOLERANCE


def _page_problems(result: dict[str, Any]) -> list[str]:
    out = []
    if result["pages"] != 1:
        out.append(f"the essay has {result['pages']} pages as printed; one page is required")
    for i, (wmm, hmm) in enumerate(result["page_sizes_mm"], 1):
        if not is_a4(wmm, hmm):
            where = f"section {i}'s page" if len(result["page_sizes_mm"]) > 1 else "the page"
            out.append(f"{where} is {wmm:.0f}×{hmm:.0f} mm, not A4")
    return out


def _format_problems(result: dict[str, Any], fonts: Counter[str], sizes: Counter[float], single: int,
                     total: int) -> list[str]:
    out: list[str] = []
    if not total:
        return out
    times = sum(n for f, n in fonts.items() if is_times(f))
    if times < FONT_SHARE * total:
        if is_times(fonts.most_common(1)[0][0]):
            others = ", ".join(f"{f} ({n * 100 // total}%)" for f, n in fonts.most_common() if not is_times(f))
            out.append(f"{(total - times) * 100 // total}% of the text is not in Times New Roman: {others}")
        else:
            main = ", ".join(f"{f} ({n * 100 // total}%)" for f, n in fonts.most_common(2))
            out.append(f"the font is {main}, not Times New Roman")
    in_range = sum(n for s, n in sizes.items() if SIZE_PT[0] <= s <= SIZE_PT[1])
    if in_range < FONT_SHARE * total:
        out.append(f"the text is {sizes.most_common(1)[0][0]:g} pt, not 14 pt")
    if single < FONT_SHARE * total:
        main = next(iter(result["line_spacing"]))
        out.append(f"the line spacing is {main}, not single")
    return out


def essay_layout(path: Path) -> dict[str, Any]:
    """`essay_format` in the shape of `validators.essay.read_layout`: the rendering's pages, their sizes in points
    and text; `format_problems` (fonts, sizes, spacing, from the styles and runs) and `format_facts`."""
    import pdfplumber

    fmt = essay_format(path)
    with pdfplumber.open(rendering(path)) as pdf:
        sizes = [(float(p.width), float(p.height)) for p in pdf.pages]
    return {"pages": fmt["pages"], "sizes": sizes, "text": fmt["text"], "chars": [], "born_digital": True,
            "format_problems": fmt["format_problems"],
            "format_facts": {k: fmt[k] for k in ("page_sizes_mm", "fonts", "sizes_pt", "line_spacing")}}
