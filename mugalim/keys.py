"""The installation's secret keys: one file, read where a key is needed, never logged.

`settings/keys.yaml` in the data folder by default, or the file named by MUGALIM_KEYS_FILE (production keeps it
outside the data folder, readable by the service account only; docs/production.md). A key that the file does not
hold yet is made at random and added on first use (the file is 0600), so a new installation works at once and keeps
its keys.

- `manifest`: signs each payment run's manifest.json (HMAC-SHA256), checked by `mugalim pay verify`;
- `phone`: keys the SMS voters' phone hashes before they are stored (a bare SHA-256 of a 10-digit number is reversed
  by trying every number).
"""
from __future__ import annotations

import fcntl
import os
import secrets
from pathlib import Path

import yaml

from mugalim.config import Settings
from mugalim.errors import ConfigError

KEYS_ENV = "MUGALIM_KEYS_FILE"
KEYS_FILE = "keys.yaml"
NAMES = ("manifest", "phone")


def keys_path(settings: Settings) -> Path:
    return Path(os.environ.get(KEYS_ENV) or settings.settings_dir / KEYS_FILE)


def secret(settings: Settings, name: str) -> bytes:
    """The key `name` (32 bytes), made and stored on first use."""
    if name not in NAMES:
        raise ValueError(f"no key named {name!r}")
    path = keys_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)            # two processes starting at once make one key, not two
        keys = _parse(path, f.read())
        if name not in keys:
            keys[name] = secrets.token_hex(32)
            f.seek(0)
            f.truncate()
            f.write(yaml.safe_dump(keys))
            f.flush()
            os.fsync(f.fileno())
    return bytes.fromhex(keys[name])


def _parse(path: Path, text: str) -> dict[str, str]:
    try:
        keys = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        raise ConfigError(f"{path}: the keys file is not valid YAML") from None
    if not isinstance(keys, dict) or not all(isinstance(v, str) and len(v) == 64 for v in keys.values()):
        raise ConfigError(f"{path}: each key must be 64 hex digits (name: hex)")
    try:
        for v in keys.values():
            bytes.fromhex(v)
    except ValueError:
        raise ConfigError(f"{path}: each key must be 64 hex digits (name: hex)") from None
    return {str(k): v for k, v in keys.items()}
