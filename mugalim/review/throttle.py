"""Back-off after failed logins (issue 16 item 8), per user name *from one address*, and per client address.

A user name may fail `FREE_PER_USER` times within `WINDOW_S` from one address, an address `FREE_PER_ADDRESS` times
across every name it tries (colleagues behind one proxy share it); after that each further failure doubles the wait
before the next try, from `FIRST_WAIT_S` up to `MAX_WAIT_S`. The user name's count is kept per (user name, address),
never for the name alone: otherwise anyone could lock a real user out of the station by failing on purpose with
that user's name (a denial of service); so failures from one address never hold back the same user from another.
A login refused for back-off checks no password, and a user name that does not exist is throttled exactly like one
that does (no enumeration). A successful login clears that user name's failures from that address, never the
address's own count (an attacker with an account of their own cannot reset the count of their guesses).

The counts live in the server's memory: a restart clears them (and logs everyone out); the key set is bounded.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

FREE_PER_USER, FREE_PER_ADDRESS = 5, 20
WINDOW_S = 15 * 60.0
FIRST_WAIT_S, MAX_WAIT_S = 2.0, 15 * 60.0
MAX_KEYS = 10_000


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, ...], list[float]] = {}

    def wait(self, username: str, address: str) -> float:
        """Seconds before this user name may try from this address again (0: now)."""
        with self._lock:
            now = self._clock()
            return max(self._wait(key, free, now) for key, free in _keys(username, address))

    def failed(self, username: str, address: str) -> tuple[int, float]:
        """Count a failed login; the user name's failures from this address within the window and the wait it now
        has."""
        with self._lock:
            now = self._clock()
            for key, _free in _keys(username, address):
                self._failures.setdefault(key, []).append(now)
            self._bound(now)
            count = len(self._recent(_pair(username, address), now))
            return count, max(self._wait(key, free, now) for key, free in _keys(username, address))

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop(_pair(username, address), None)

    def _recent(self, key: tuple[str, ...], now: float) -> list[float]:
        times = [t for t in self._failures.get(key, []) if now - t < WINDOW_S]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def _wait(self, key: tuple[str, ...], free: int, now: float) -> float:
        times = self._recent(key, now)
        if len(times) < free:
            return 0.0
        backoff = min(FIRST_WAIT_S * 2 ** min(len(times) - free, 20), MAX_WAIT_S)
        return max(0.0, times[-1] + backoff - now)

    def _bound(self, now: float) -> None:
        """Forget failures older than the window, then the oldest keys, when too many names or addresses are kept."""
        if len(self._failures) <= MAX_KEYS:
            return
        for key in list(self._failures):
            self._recent(key, now)
        for key in sorted(self._failures, key=lambda k: self._failures[k][-1])[:len(self._failures) - MAX_KEYS]:
            del self._failures[key]


def _pair(username: str, address: str) -> tuple[str, str, str]:
    return ("user", username.casefold(), address)


def _keys(username: str, address: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    return (_pair(username, address), FREE_PER_USER), (("addr", address), FREE_PER_ADDRESS)
