"""How the review station is reached (`settings/review.yaml` of the data folder, optional) and the checks and headers
every request and answer passes (issue 16, minor items):

- the Host header must name the station: `localhost`, a loopback address, or a name listed under `hosts` — a web
  page cannot reach the station through a name of its own pointed at 127.0.0.1 (DNS rebinding);
- behind a TLS-terminating reverse proxy (`proxy`: its address), that proxy's X-Forwarded-For and X-Forwarded-Proto
  are believed — and only that proxy's; cookies are marked Secure when `tls` is set or the request came over https;
- every number in a path is an id or a page number, 1 to 2^31−1 (an INTEGER column's range): anything else is 404,
  before a database sees it;
- every answer carries a Content-Security-Policy (scripts, styles and images from the station only, no framing,
  forms posted to the station only), X-Frame-Options: DENY, nosniff, no referrer, and — except the static style
  sheet and script — Cache-Control: no-store: pages and scans hold personal data, and a shared office computer's
  browser cache must not keep them after logout.

    # settings/review.yaml
    hosts: [review.example.kz]     # names the station answers to besides localhost and loopback addresses
    proxy: 127.0.0.1               # the reverse proxy that terminates TLS (its X-Forwarded-* headers are trusted)
    tls: true                      # users reach the station over https: cookies are Secure
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi import FastAPI, Request
from fastapi.responses import Response
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from mugalim.errors import ConfigError

STATION_FILE = "review.yaml"
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
MAX_ID = 2**31 - 1
_NUMBER = re.compile(r"-?\d+")
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
NO_STORE = "no-store"
HSTS = "max-age=31536000"

Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class StationConfig:
    hosts: tuple[str, ...] = ()          # besides LOCAL_NAMES
    proxy: str | None = None
    tls: bool = False

    @classmethod
    def load(cls, settings_dir: Path) -> "StationConfig":
        """The station's settings; all defaults (loopback only, plain http) when the file does not exist."""
        path = settings_dir / STATION_FILE
        if not path.exists():
            return cls()
        try:
            body = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            raise ConfigError(f"{path}: cannot be read ({type(e).__name__})") from None
        if not isinstance(body, dict) or set(body) - {"hosts", "proxy", "tls"}:
            raise ConfigError(f"{path}: the keys are hosts, proxy and tls")
        hosts = body.get("hosts") or []
        if not isinstance(hosts, list) or not all(isinstance(h, str) and h.strip() for h in hosts):
            raise ConfigError(f"{path}: 'hosts' is a list of host names")
        proxy = body.get("proxy")
        if proxy is not None:
            try:
                ipaddress.ip_address(str(proxy))
            except ValueError:
                raise ConfigError(f"{path}: 'proxy' is the reverse proxy's IP address, not {proxy!r}") from None
        if not isinstance(body.get("tls", False), bool):
            raise ConfigError(f"{path}: 'tls' is true or false")
        return cls(tuple(h.strip().lower() for h in hosts), str(proxy) if proxy else None, bool(body.get("tls")))

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset((*LOCAL_NAMES, *self.hosts))


def host_name(header: str) -> str:
    """The name of a Host header, without its port (`[::1]:8765` → `::1`)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def secure_cookies(config: StationConfig, request: Request) -> bool:
    return config.tls or request.url.scheme == "https"


def install(app: FastAPI, config: StationConfig) -> None:
    """The checks and headers of this module, on every request (call it after the app's own middleware: the last one
    added runs first). The proxy's headers are read first, then every answer — a refusal too — gets the headers."""
    app.middleware("http")(_numbers_in_range)
    app.middleware("http")(_known_host(config))
    app.middleware("http")(_headers(config))
    if config.proxy:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=[config.proxy])


def _known_host(config: StationConfig) -> Callable[[Request, Handler], Awaitable[Response]]:
    allowed = config.allowed_hosts

    async def known_host(request: Request, call_next: Handler) -> Response:
        if host_name(request.headers.get("host", "")) not in allowed:
            return Response(f"this host name is not one the review station answers to (settings/{STATION_FILE}: "
                            "hosts)", status_code=400, media_type="text/plain")
        return await call_next(request)
    return known_host


async def _numbers_in_range(request: Request, call_next: Handler) -> Response:
    """A path's numbers are ids and page numbers: out of range is 'not found' (never a database error, never page 1
    for page 0)."""
    for part in request.url.path.split("/"):
        if _NUMBER.fullmatch(part) and (len(part) > 10 or not 1 <= int(part) <= MAX_ID):
            return Response("not found", status_code=404, media_type="text/plain")
    return await call_next(request)


def _headers(config: StationConfig) -> Callable[[Request, Handler], Awaitable[Response]]:
    async def headers(request: Request, call_next: Handler) -> Response:
        response = await call_next(request)
        response.headers.update(HEADERS)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = NO_STORE
        if secure_cookies(config, request):
            response.headers["Strict-Transport-Security"] = HSTS
        return response
    return headers
