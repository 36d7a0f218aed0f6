"""SHA-256 of files: the identity of every input and output the pipeline keeps (archive, score sheets, payment files)."""
from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, read in chunks (files can be large scans or videos)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()
