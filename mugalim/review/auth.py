"""Users of the review station and their sessions.

Passwords are stored as scrypt hashes with a per-user random salt; a session is a cookie signed with a key that
lives only in the server's memory (a restart logs everyone out, and no key sits on disk to be copied).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Engine, func, insert, select, update

from mugalim.errors import ConfigError
from mugalim.review.tables import users

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SESSION_COOKIE = "mugalim_review"
SESSION_HOURS = 10
USERNAME = re.compile(r"[A-Za-z0-9._-]{2,64}")
MIN_PASSWORD = 8


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$<salt hex>$<hash hex>`: the parameters travel with the hash so they can be raised later."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, want = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(got.hex(), want)


def add_user(engine: Engine, username: str, password: str) -> bool:
    """Create a user, or set a new password for an existing one. True when the user is new."""
    if not USERNAME.fullmatch(username):
        raise ConfigError(f"user name {username!r}: 2–64 letters, digits, '.', '_' or '-'")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"the password of {username!r} is too short: at least {MIN_PASSWORD} characters")
    hashed = hash_password(password)
    with engine.begin() as conn:
        done = conn.execute(update(users).where(users.c.username == username)
                            .values(password_hash=hashed, active=True))
        if done.rowcount:
            return False
        conn.execute(insert(users).values(username=username, password_hash=hashed, active=True,
                                          created_at=datetime.now(UTC)))
    return True


def check_login(engine: Engine, username: str, password: str) -> bool:
    """True when the user exists, is active and the password matches. A missing user costs the same time."""
    with engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.username == username,
                                                                  users.c.active.is_(True))).scalar()
    if stored is None:
        verify_password(password, hash_password("not a user"))
        return False
    return verify_password(password, stored)


def user_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


class Sessions:
    """Signed, expiring session cookies holding only the user name."""

    def __init__(self, secret: str | None = None, max_age_s: int = SESSION_HOURS * 3600) -> None:
        self._signer = URLSafeTimedSerializer(secret or secrets.token_urlsafe(32), salt="mugalim-review")
        self.max_age_s = max_age_s

    def issue(self, username: str) -> str:
        return self._signer.dumps({"u": username})

    def user(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            data = self._signer.loads(cookie, max_age=self.max_age_s)
        except (BadSignature, SignatureExpired):
            return None
        return data.get("u") if isinstance(data, dict) else None
