"""Users of the review station, their passwords and their sessions.

Passwords are stored as scrypt hashes with a per-user random salt, at the cost OWASP's Password Storage Cheat Sheet
asks for today (N=2^17, r=8, p=1: 128 MiB and about 0.3 s a hash; at most `HASHING_AT_ONCE` at a time). The
parameters travel with each hash: a hash made at a lower cost still verifies and is remade at the user's next
login. A new password has at least `MIN_PASSWORD` characters (OWASP's Authentication Cheat Sheet, after NIST
SP 800-63B, for passwords without a second factor) and no rule on which characters.

A session is a cookie signed with a key that lives only in the server's memory (a restart logs everyone out, and no
key sits on disk to be copied). It carries the user name, the user's session version and a random session id; the
version is checked against the database on every request (`account`), so logging out, a new password or role and
deactivation end every session of that user at once (issue 16 item 7). The forms' CSRF tokens and the login form's
token are signed with keys and salts of their own: none is ever taken for another (issue 16 item 6).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Engine, func, insert, select, update

from mugalim.errors import ConfigError
from mugalim.review.roles import DEFAULT_ROLE, role_named
from mugalim.review.tables import users

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MAX_SCRYPT_N, MAX_SCRYPT_R, MAX_SCRYPT_P = 2**20, 32, 16     # a stored hash asking for more is refused, not run
HASHING_AT_ONCE = 2                                          # the station's machine has two cores
SESSION_COOKIE = "mugalim_review"
LOGIN_COOKIE = "mugalim_login"                               # the login form's own token (before any session)
SESSION_HOURS = 10
LOGIN_FORM_S = 3600
USERNAME = re.compile(r"[A-Za-z0-9._-]{2,64}")
MIN_PASSWORD, MAX_PASSWORD = 15, 1024
LANGUAGES = ("kk", "ru")
# What a login for a missing or inactive user is checked against: the same work as a real hash at today's cost, so
# the answer's time does not tell whether the user exists (issue 16, user enumeration). It matches no password.
_NO_USER_HASH = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${'00' * 16}${'00' * 32}"
_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


class UserExists(ConfigError):
    """`add-user` named a user that exists: replacing a colleague's password needs --reset."""


@dataclass(frozen=True)
class Account:
    """An active user as the database has it now."""
    username: str
    role: str
    version: int
    language: str | None = None      # kk | ru, chosen with the pages' switch (None: not chosen yet)


@dataclass(frozen=True)
class Claim:
    """What a signed session cookie says; valid only while `version` is the user's session version."""
    username: str
    version: int
    sid: str


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _hashing:              # each hash holds 128·r·N bytes: a burst of logins must not exhaust the memory
        return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                              maxmem=128 * r * (n + p + 2) + 2**20)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$<salt hex>$<hash hex>`: the parameters travel with the hash so they can be raised later."""
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _parameters(stored: str) -> tuple[int, int, int, bytes, str] | None:
    try:
        scheme, n, r, p, salt, want = stored.split("$")
        params = int(n), int(r), int(p), bytes.fromhex(salt), want
    except ValueError:
        return None
    if scheme != "scrypt" or not (1 < params[0] <= MAX_SCRYPT_N and 0 < params[1] <= MAX_SCRYPT_R
                                  and 0 < params[2] <= MAX_SCRYPT_P):
        return None
    return params


def verify_password(password: str, stored: str) -> bool:
    params = _parameters(stored)
    if params is None:
        return False
    n, r, p, salt, want = params
    return hmac.compare_digest(_scrypt(password, salt, n, r, p).hex(), want)


def needs_rehash(stored: str) -> bool:
    """True when the hash was made at another cost than today's (it is remade at the next login)."""
    params = _parameters(stored)
    return params is None or params[:3] != (SCRYPT_N, SCRYPT_R, SCRYPT_P)


def check_password_rules(username: str, password: str) -> None:
    if not USERNAME.fullmatch(username):
        raise ConfigError(f"user name {username!r}: 2–64 letters, digits, '.', '_' or '-'")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"the password of {username!r} is too short: at least {MIN_PASSWORD} characters "
                          "(a few words make a good one)")
    if len(password) > MAX_PASSWORD:
        raise ConfigError(f"the password of {username!r} is too long: at most {MAX_PASSWORD} characters")


def add_user(engine: Engine, username: str, password: str, *, role: str | None = None, reset: bool = False) -> bool:
    """Create a user (a reviewer unless `role` says otherwise). True when the user is new.

    An existing user is an error (UserExists) unless `reset`: then the user gets the new password (and `role`, when
    given), is active again, and every session of theirs ends. A typo in a name must not silently replace a
    colleague's password or bring back a deactivated account."""
    check_password_rules(username, password)
    if role is not None:
        role_named(role)
    if not reset:
        refuse_existing(engine, username)
    exists = known_user(engine, username)
    hashed = hash_password(password)
    with engine.begin() as conn:
        if exists:
            values = {"password_hash": hashed, "active": True, "session_version": users.c.session_version + 1}
            conn.execute(update(users).where(users.c.username == username)
                         .values(**values, **({"role": role} if role else {})))
            return False
        conn.execute(insert(users).values(username=username, password_hash=hashed, active=True,
                                          created_at=datetime.now(UTC), role=role or DEFAULT_ROLE,
                                          session_version=0))
    return True


def refuse_existing(engine: Engine, username: str) -> None:
    """UserExists when a user of that name exists: re-adding one needs `reset`."""
    if known_user(engine, username):
        raise UserExists(f"review user {username!r} exists already: give --reset to set a new password "
                         "(and --role to change the role); it ends the user's sessions")


def deactivate_user(engine: Engine, username: str) -> None:
    """The user can no longer log in, and their open sessions end now."""
    with engine.begin() as conn:
        done = conn.execute(update(users).where(users.c.username == username)
                            .values(active=False, session_version=users.c.session_version + 1))
    if not done.rowcount:
        raise ConfigError(f"no review user {username!r}")


def end_sessions(engine: Engine, username: str) -> None:
    """Every session of the user ends (logging out ends them all: one version per user, not per browser)."""
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == username)
                     .values(session_version=users.c.session_version + 1))


def account(engine: Engine, username: str) -> Account | None:
    """The active user of that name, as the database has it now."""
    with engine.connect() as conn:
        r = conn.execute(select(users.c.username, users.c.role, users.c.session_version, users.c.language)
                         .where(users.c.username == username, users.c.active.is_(True))).first()
    return Account(r[0], r[1] or DEFAULT_ROLE, int(r[2] or 0), r[3]) if r else None


def set_language(engine: Engine, username: str, language: str) -> None:
    """The language of the user's pages from now on (kept for their next login)."""
    if language not in LANGUAGES:
        raise ConfigError(f"no language {language!r}: one of {', '.join(LANGUAGES)}")
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == username).values(language=language))


def known_user(engine: Engine, username: str) -> bool:
    """Whether a user of that name exists (for the log only: a name that is not a user may be a mistyped password,
    and is not written down)."""
    with engine.connect() as conn:
        return conn.execute(select(users.c.id).where(users.c.username == username)).first() is not None


def check_login(engine: Engine, username: str, password: str) -> Account | None:
    """The user when they exist, are active and the password matches; else None. A missing or inactive user costs
    one hash at today's cost, as a real one does; a hash at a lower cost is padded to that, and remade on success."""
    with engine.connect() as conn:
        r = conn.execute(select(users.c.password_hash, users.c.role, users.c.session_version)
                         .where(users.c.username == username, users.c.active.is_(True))).first()
    if r is None:
        verify_password(password, _NO_USER_HASH)
        return None
    stored = r[0]
    ok = verify_password(password, stored)
    if not needs_rehash(stored):
        return Account(username, r[1] or DEFAULT_ROLE, int(r[2] or 0)) if ok else None
    verify_password(password, _NO_USER_HASH)
    if not ok:
        return None
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == username, users.c.password_hash == stored)
                     .values(password_hash=hash_password(password)))
    return Account(username, r[1] or DEFAULT_ROLE, int(r[2] or 0))


def user_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def _key(root: bytes, purpose: str) -> bytes:
    return hmac.new(root, f"mugalim-review {purpose}".encode(), hashlib.sha256).digest()


class Sessions:
    """Signed, expiring session cookies, CSRF tokens bound to one session, and the login form's tokens: three
    signers with keys and salts of their own, derived from one secret kept in memory."""

    def __init__(self, secret: str | None = None, max_age_s: int = SESSION_HOURS * 3600) -> None:
        root = (secret or secrets.token_urlsafe(32)).encode()
        self._session = URLSafeTimedSerializer(_key(root, "session"), salt="mugalim-review session")
        self._csrf = URLSafeTimedSerializer(_key(root, "csrf"), salt="mugalim-review csrf")
        self._login = URLSafeTimedSerializer(_key(root, "login"), salt="mugalim-review login form")
        self.max_age_s = max_age_s

    def issue(self, username: str, version: int = 0) -> str:
        """A new session's cookie (a new random session id at each login)."""
        return self._session.dumps({"u": username, "v": version, "s": secrets.token_urlsafe(16)})

    def read(self, cookie: str | None) -> Claim | None:
        """What the cookie says, when its signature holds and it has not expired (the version is checked apart)."""
        data = _loads(self._session, cookie, self.max_age_s)
        if not (isinstance(data, dict) and isinstance(data.get("u"), str) and isinstance(data.get("v"), int)
                and isinstance(data.get("s"), str)):
            return None
        return Claim(data["u"], data["v"], data["s"])

    def user(self, cookie: str | None) -> str | None:
        """The user name a cookie claims (not yet checked against the database: see `account`)."""
        claim = self.read(cookie)
        return claim.username if claim else None

    def csrf_token(self, claim: Claim) -> str:
        return self._csrf.dumps({"csrf": claim.sid})

    def csrf_ok(self, claim: Claim, token: str | None) -> bool:
        data = _loads(self._csrf, token, self.max_age_s)
        return isinstance(data, dict) and isinstance(data.get("csrf"), str) \
            and _same(data["csrf"], claim.sid)

    @staticmethod
    def login_nonce() -> str:
        return secrets.token_urlsafe(16)

    def login_token(self, nonce: str) -> str:
        """The login form's token: the nonce of its cookie, signed (a signed double-submit cookie)."""
        return self._login.dumps({"login": nonce})

    def login_ok(self, nonce: str | None, token: str | None) -> bool:
        data = _loads(self._login, token, LOGIN_FORM_S)
        return bool(nonce) and isinstance(data, dict) and isinstance(data.get("login"), str) \
            and _same(data["login"], nonce or "")


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _loads(signer: URLSafeTimedSerializer, value: str | None, max_age_s: int) -> object:
    if not value:
        return None
    try:
        return signer.loads(value, max_age=max_age_s)
    except (BadSignature, SignatureExpired):
        return None
