"""Serving the review station with uvicorn on the local machine, with a log that holds no personal data: URLs carry
only opaque ids, and the access log's format is uvicorn's own (client, method, path, status)."""
from __future__ import annotations

import ipaddress
import logging

import uvicorn

from mugalim.config import Settings
from mugalim.db import migrate
from mugalim.errors import ConfigError
from mugalim.review.app import create_app
from mugalim.review.auth import user_count

log = logging.getLogger(__name__)
LOOPBACK_ONLY = "the review station serves personal data: it listens on a loopback address only (127.0.0.1)"


def check_host(host: str) -> None:
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise ConfigError(f"--host {host}: {LOOPBACK_ONLY}")


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the station until interrupted. Refuses to start without a user (nobody could log in)."""
    check_host(host)
    engine = migrate(settings.db_url)
    if user_count(engine) == 0:
        raise ConfigError("the review station has no user yet: add one with `mugalim review add-user NAME`")
    app = create_app(settings)
    print(f"mugalim review: http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    # A reverse proxy's X-Forwarded-* headers are read by the app itself, from the configured proxy only (station.py).
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)
