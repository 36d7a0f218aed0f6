"""Tesseract's own library (libtesseract, its C API), kept loaded in a worker process for the second readings.

A page is read by the `tesseract` program (`tesseract.py`). The second readings
(`rereading.py`) are small — a sheet of cut-out numbers, one line of a name — and for them starting the program
costs more than the reading: loading the English model alone takes ~0.1 s of CPU per start (its table of
ambiguous Latin letters is built anew each time). Here each language is loaded once per process and reused.
Where the library cannot be loaded, `words` falls back to the program; the readings are the same.
"""
from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading

from PIL import Image

from extractors import tesseract
from extractors.tesseract import Word

_lib: ctypes.CDLL | None = None
_engines: dict[tuple[str, str], int | None] = {}
_lock = threading.Lock()
_unavailable = False


def words(image: Image.Image, *, lang: str, psm: int, whitelist: str = "") -> list[Word]:
    """Every word on a small image, as `tesseract.words` gives them, read by an engine kept loaded."""
    with _lock:
        handle = _engine(lang, whitelist)
        if handle is None:
            config = f"-c tessedit_char_whitelist={whitelist}" if whitelist else ""
            return tesseract.words(image, lang=lang, psm=psm, config=config)
        return _read(handle, image.convert("L"), psm)


def _library() -> ctypes.CDLL | None:
    global _lib, _unavailable
    if _lib is None and not _unavailable:
        name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            _unavailable = True
            return None
        lib.TessBaseAPICreate.restype = ctypes.c_void_p
        lib.TessBaseAPIInit3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPISetVariable.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPISetPageSegMode.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPISetImage.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                                            ctypes.c_int, ctypes.c_int]
        lib.TessBaseAPISetSourceResolution.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPIRecognize.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.TessBaseAPIGetTsvText.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPIGetTsvText.restype = ctypes.c_void_p       # freed with TessDeleteText
        lib.TessDeleteText.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPIClear.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPIDelete.argtypes = [ctypes.c_void_p]
        _lib = lib
        atexit.register(_close)
    return _lib


def _engine(lang: str, whitelist: str) -> int | None:
    """An initialized engine for `lang` (one per language and whitelist, made on first use)."""
    key = (lang, whitelist)
    if key in _engines:
        return _engines[key]
    lib = _library()
    if lib is None:
        return None
    handle = lib.TessBaseAPICreate()
    prefix = os.environ.get("TESSDATA_PREFIX")
    if lib.TessBaseAPIInit3(handle, prefix.encode() if prefix else None, lang.encode()) != 0:
        lib.TessBaseAPIDelete(handle)
        _engines[key] = None          # not tried again: the program reads this language instead
        return None
    settings = (("tessedit_do_invert", "0"), ("tessedit_char_whitelist", whitelist),
                ("debug_file", os.devnull))           # its diagnostics (of a blank line, say) are not ours to print
    for name, value in settings:
        if value:
            lib.TessBaseAPISetVariable(handle, name.encode(), value.encode())
    _engines[key] = handle
    return handle


def _close() -> None:
    """Engines are ended before the process exits (else the library reports its cached models as leaked)."""
    with _lock:
        for handle in _engines.values():
            if handle and _lib is not None:
                _lib.TessBaseAPIDelete(handle)
        _engines.clear()


def _read(handle: int, grey: Image.Image, psm: int) -> list[Word]:
    lib = _lib
    assert lib is not None
    data = grey.tobytes()
    lib.TessBaseAPISetPageSegMode(handle, psm)
    lib.TessBaseAPISetImage(handle, data, grey.width, grey.height, 1, grey.width)
    lib.TessBaseAPISetSourceResolution(handle, 300)
    if lib.TessBaseAPIRecognize(handle, None) != 0:
        lib.TessBaseAPIClear(handle)
        return []
    raw = lib.TessBaseAPIGetTsvText(handle, 0)
    try:
        tsv = ctypes.string_at(raw).decode("utf-8", "replace") if raw else ""
    finally:
        if raw:
            lib.TessDeleteText(raw)
        lib.TessBaseAPIClear(handle)
    return parse_tsv(tsv)


def parse_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV text (which the library gives without its header line)."""
    return tesseract.to_words(tesseract.parse_tsv(tsv))
