"""Users, passwords and tokens.

Passwords are hashed with Argon2id (argon2-cffi). Tokens are opaque random strings
(``secrets.token_urlsafe(32)``); the database keeps only their SHA-256, so a leaked database
backup does not let anyone sign in.

A sign-in (:func:`login`) starts a token *family*: one access token (short-lived, sent with
every request) and one refresh token (long-lived, exchanged for a new pair). Refreshing
*rotates*: the refresh token used is revoked and a new pair of the same family is issued.
Presenting a refresh token that was already rotated means two parties hold it — one of them
stole it — so the whole family is revoked and both must sign in again.

An access token stays valid until it expires even after its family rotated (requests already
in flight with it must not fail); :func:`logout` and theft detection revoke it at once.

Functions that write commit their own transaction (they are complete operations), except
:func:`create_user` with ``commit=False``, which lets a caller add users inside a larger one.

Exceptions (``code`` is stable and safe to send to clients)::

    AuthError                      base; .code, .message, .message_zh
    ├── InvalidCredentials         "invalid_credentials": unknown user or wrong password
    ├── UserInactive               "user_inactive": the account is disabled
    ├── TokenInvalid               "token_invalid": unknown, malformed or wrong kind of token
    ├── TokenExpired               "token_expired": past its expiry; refresh or sign in again
    ├── TokenRevoked               "token_revoked": logged out, or revoked after reuse (theft)
    └── DeviceConflict             "device_conflict": device id registered to another user
    UserValidationError (ValueError)  bad input to create_user; .field, .code, .message
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.domain import text as text_rules
from sync_engine.server.storage.models import AuthToken, Customer, Device, User, Warehouse, utcnow
from sync_engine.server.storage.sql import driver_connection, is_postgres

__all__ = [
    "ACCESS_TTL",
    "MIN_PASSWORD_LENGTH",
    "REFRESH_TTL",
    "AuthError",
    "DeviceConflict",
    "InvalidCredentials",
    "TokenExpired",
    "TokenInvalid",
    "TokenPair",
    "TokenRevoked",
    "UserInactive",
    "UserValidationError",
    "authenticate",
    "create_user",
    "hash_password",
    "issue_tokens",
    "login",
    "logout",
    "normalise_username",
    "refresh_tokens",
    "revoke_family",
    "revoke_user_tokens",
    "verify_password",
]

ACCESS_TTL = dt.timedelta(minutes=15)
"""Lifetime of an access token. Module-level so tests can shorten it (read at each call)."""

REFRESH_TTL = dt.timedelta(days=30)
"""Lifetime of a refresh token: a device that stays offline longer must sign in again."""

MIN_PASSWORD_LENGTH = 4
"""Deliberately low: the demo's accounts use "demo", and shop staff share simple passwords
on LAN-only installations. Argon2 makes guessing slow; deployments facing the internet should
enforce a stronger policy in front of :func:`create_user`."""

USERNAME_RE = re.compile(r"[a-z0-9_.-]{2,64}")
ACCESS = "access"
REFRESH = "refresh"

# Argon2id with the library's recommended parameters (RFC 9106 low-memory profile).
_hasher = PasswordHasher()
# Verified against when the user does not exist, so an unknown username costs as much time as
# a wrong password and response times do not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


# --- errors -------------------------------------------------------------------------------


class AuthError(Exception):
    """Base of the sign-in and token errors; ``code`` is stable, the messages are for people."""

    code: ClassVar[str] = "auth_error"
    default_message: ClassVar[str] = "authentication failed"
    default_message_zh: ClassVar[str] = "身份验证失败"

    def __init__(self, message: str | None = None, message_zh: str | None = None) -> None:
        self.message = message or self.default_message
        self.message_zh = message_zh or self.default_message_zh
        super().__init__(self.message)


class InvalidCredentials(AuthError):
    code = "invalid_credentials"
    default_message = "invalid username or password"
    default_message_zh = "用户名或密码错误"


class UserInactive(AuthError):
    code = "user_inactive"
    default_message = "this account is disabled; ask your administrator"
    default_message_zh = "该账号已停用，请联系管理员"


class TokenInvalid(AuthError):
    code = "token_invalid"
    default_message = "invalid token; please sign in again"
    default_message_zh = "登录凭证无效，请重新登录"


class TokenExpired(AuthError):
    code = "token_expired"
    default_message = "the token has expired"
    default_message_zh = "登录凭证已过期"


class TokenRevoked(AuthError):
    code = "token_revoked"
    default_message = "this session was ended; please sign in again"
    default_message_zh = "登录已失效，请重新登录"


class DeviceConflict(AuthError):
    code = "device_conflict"
    default_message = "this device is registered to another user"
    default_message_zh = "该设备已登记给其他用户"


class UserValidationError(ValueError):
    """Bad input to :func:`create_user`: which ``field``, a stable ``code``, and why."""

    def __init__(self, field: str, code: str, message: str) -> None:
        self.field = field
        self.code = code
        self.message = message
        super().__init__(f"{field}: {message}")


# --- passwords ----------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` (salted; the parameters are part of the string)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; a corrupt hash never matches."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalise_username(username: str) -> str:
    """Usernames are compared trimmed and lower-case ("Rep1 " signs in as "rep1")."""
    return username.strip().lower()


# --- users --------------------------------------------------------------------------------


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    warehouse_id: int | None = None,
    customer_id: int | None = None,
    commit: bool = True,
) -> User:
    """Create a user after checking every field; raises :class:`UserValidationError`.

    ``username`` is normalised (:func:`normalise_username`) and must match ``[a-z0-9_.-]{2,64}``.
    ``password`` needs at least :data:`MIN_PASSWORD_LENGTH` characters. A warehouse clerk
    needs ``warehouse_id`` (an existing warehouse), a store owner ``customer_id`` (an existing
    customer); other roles take neither, so an assignment never silently means nothing.
    Commits unless ``commit`` is false (then the user is only flushed, so it has an id).
    """
    name = normalise_username(username)
    if not USERNAME_RE.fullmatch(name):
        raise UserValidationError(
            "username", "invalid_username",
            "use 2–64 characters: lower-case letters, digits, '_', '.' or '-'",
        )
    try:
        user_role = Role(role)
    except ValueError:
        user_role = Role.SYSTEM
    if user_role is Role.SYSTEM:
        choices = ", ".join(r.value for r in Role if r is not Role.SYSTEM)
        raise UserValidationError("role", "invalid_role", f"unknown role {role!r}; use {choices}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserValidationError(
            "password", "password_too_short",
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters",
        )
    # Sign-in refuses what the text rule refuses: such a password could never be used.
    for field, value, rule in (("password", password, text_rules.PASSWORD),
                               ("display_name", display_name, text_rules.DISPLAY_NAME)):
        issue = rule.check(field, value)
        if issue is not None:
            raise UserValidationError(field, issue.code, issue.message("en"))
    if user_role is Role.WAREHOUSE_CLERK:
        if warehouse_id is None or session.get(Warehouse, warehouse_id) is None:
            raise UserValidationError(
                "warehouse", "warehouse_required", "a warehouse clerk needs an existing warehouse"
            )
    elif warehouse_id is not None:
        raise UserValidationError("warehouse", "not_allowed", "only clerks have a warehouse")
    if user_role is Role.STORE_OWNER:
        if customer_id is None or session.get(Customer, customer_id) is None:
            raise UserValidationError(
                "customer", "customer_required", "a store owner needs an existing customer"
            )
    elif customer_id is not None:
        raise UserValidationError("customer", "not_allowed", "only store owners have a customer")
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise UserValidationError("username", "username_taken", f"user {name!r} already exists")
    user = User(
        username=name,
        display_name=display_name.strip() or name,
        password_hash=hash_password(password),
        role=user_role.value,
        warehouse_id=warehouse_id,
        customer_id=customer_id,
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    if commit:
        session.commit()
    return user


# --- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenPair:
    """What a sign-in or a refresh hands the client. The raw tokens exist only here."""

    access_token: str
    refresh_token: str
    access_expires_at: dt.datetime
    refresh_expires_at: dt.datetime
    family: str
    user_id: int
    device_id: str
    token_type: str = "Bearer"

    @property
    def expires_in(self) -> int:
        """Seconds the access token is valid for, measured from now."""
        return max(0, int((self.access_expires_at - utcnow()).total_seconds()))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything this server stores is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _check_device_id(device_id: str) -> str:
    device_id = device_id.strip()
    if not device_id or len(device_id) > 64:
        raise TokenInvalid(
            "a device id of 1–64 characters is required", "需要 1–64 个字符的设备编号"
        )
    return device_id


def _register_device(session: Session, user: User, device_id: str, device_name: str) -> None:
    now = utcnow()
    device = session.get(Device, device_id)
    if device is None:
        session.add(Device(id=device_id, user_id=user.id, name=device_name[:200],
                           created_at=now, last_seen_at=now))
    elif device.user_id != user.id:
        raise DeviceConflict()
    else:
        device.last_seen_at = now
        if device_name:
            device.name = device_name[:200]


def _new_pair(session: Session, user: User, device_id: str, family: str) -> TokenPair:
    now = utcnow()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    access_exp, refresh_exp = now + ACCESS_TTL, now + REFRESH_TTL
    session.add_all([
        AuthToken(token_hash=_digest(access), kind=ACCESS, user_id=user.id, device_id=device_id,
                  family=family, created_at=now, expires_at=access_exp),
        AuthToken(token_hash=_digest(refresh), kind=REFRESH, user_id=user.id,
                  device_id=device_id, family=family, created_at=now, expires_at=refresh_exp),
    ])
    return TokenPair(access, refresh, access_exp, refresh_exp, family, user.id, device_id)


def issue_tokens(session: Session, user: User, device_id: str, device_name: str = "") -> TokenPair:
    """Start a new token family for ``user`` on ``device_id`` and commit.

    Registers the device (or refreshes its name and last-seen time). Raises
    :class:`DeviceConflict` if the device id belongs to another user, :class:`UserInactive`
    for a disabled account.
    """
    device_id = _check_device_id(device_id)
    if not user.active:
        raise UserInactive()
    try:
        _register_device(session, user, device_id, device_name)
        pair = _new_pair(session, user, device_id, secrets.token_hex(16))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return pair


def login(
    session: Session, username: str, password: str, device_id: str, device_name: str = ""
) -> TokenPair:
    """Check a username and password and issue tokens for ``device_id``.

    Unknown user and wrong password raise the same :class:`InvalidCredentials` after the same
    amount of work. A correct password for a disabled account raises :class:`UserInactive`
    (only someone who knows the password learns the account exists). An outdated hash is
    upgraded to the current Argon2 parameters on the way.
    """
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise InvalidCredentials()
    if not verify_password(user.password_hash, password):
        raise InvalidCredentials()
    if not user.active:
        raise UserInactive()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return issue_tokens(session, user, device_id, device_name)


def _find(session: Session, token: str) -> AuthToken | None:
    # Compare digests, never raw tokens; the lookup is by an index on the digest, and the final
    # compare_digest guards against a (theoretical) timing difference in the string compare.
    digest = _digest(token)
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == digest))
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return row


_USER_COLUMNS = tuple(c.key for c in User.__table__.columns)
_TOKEN_AND_USER_SQL = (
    "SELECT t.token_hash, t.kind, t.device_id, t.expires_at, t.revoked_at, "
    + ", ".join(f"u.{c}" for c in _USER_COLUMNS)
    + " FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = %s"
)


def authenticate(session: Session, access_token: str) -> tuple[User, str]:
    """The user and device an access token belongs to; raises an :class:`AuthError`.

    Read-only: it neither writes nor commits, so it can run at the start of any request. On
    PostgreSQL the user is a new, detached object; elsewhere it is ``session``'s own.
    """
    digest = _digest(access_token)
    # The token and its user in one query: this runs on every request. On PostgreSQL in plain
    # SQL, a few times cheaper than loading two ORM entities.
    if is_postgres(session):
        row = driver_connection(session).execute(_TOKEN_AND_USER_SQL, (digest,)).fetchone()
        if row is None:
            raise TokenInvalid()
        token = _TokenRow(*row[:5])
        user = User(**dict(zip(_USER_COLUMNS, row[5:], strict=True)))
    else:
        found = session.execute(
            select(AuthToken, User)
            .join(User, User.id == AuthToken.user_id)
            .where(AuthToken.token_hash == digest)
        ).first()
        if found is None:
            raise TokenInvalid()
        token = _TokenRow(found[0].token_hash, found[0].kind, found[0].device_id,
                          found[0].expires_at, found[0].revoked_at)
        user = found[1]
    if not hmac.compare_digest(token.token_hash, digest) or token.kind != ACCESS:
        raise TokenInvalid()
    if token.revoked_at is not None:
        raise TokenRevoked()
    if _aware(token.expires_at) <= utcnow():
        raise TokenExpired()
    if not user.active:
        raise UserInactive()
    return user, token.device_id


class _TokenRow(NamedTuple):
    token_hash: str
    kind: str
    device_id: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


def refresh_tokens(session: Session, refresh_token: str, device_id: str) -> TokenPair:
    """Exchange a refresh token for a new pair of the same family (rotation) and commit.

    Raises :class:`TokenRevoked` — after revoking the whole family — when the token was already
    used, or (saying so) when its family was signed out; :class:`TokenExpired`,
    :class:`TokenInvalid` (unknown
    token, or one issued to another device), :class:`UserInactive`.
    """
    row = _find(session, refresh_token)
    if row is None or row.kind != REFRESH or row.device_id != device_id.strip():
        raise TokenInvalid()
    if _aware(row.expires_at) <= utcnow():
        raise TokenExpired()
    family, user_id = row.family, row.user_id
    now = utcnow()
    # The conditional update is the claim: of two concurrent refreshes with one token, exactly
    # one sees rowcount 1; the other is treated as reuse.
    claimed = session.execute(
        update(AuthToken)
        .where(AuthToken.id == row.id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        session.rollback()
        if not _family_live(session, family):
            # Nothing of the family is live: it was signed out (or disabled), not stolen.
            raise TokenRevoked(
                "this session was signed out; sign in again", "该登录已退出，请重新登录"
            )
        revoke_family(session, family)
        raise TokenRevoked(
            "this sign-in was ended because its refresh token was used twice; sign in again",
            "刷新凭证被重复使用，登录已失效，请重新登录",
        )
    user = session.get(User, user_id)
    if user is None or not user.active:
        session.rollback()
        raise UserInactive()
    try:
        _register_device(session, user, row.device_id, "")
        pair = _new_pair(session, user, row.device_id, family)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return pair


def _family_live(session: Session, family: str) -> bool:
    """Whether any token of the sign-in ``family`` is still unrevoked (rotation leaves the new
    pair live; a logout or theft revokes them all)."""
    return session.scalar(
        select(AuthToken.id).where(AuthToken.family == family, AuthToken.revoked_at.is_(None))
        .limit(1)
    ) is not None


def revoke_family(session: Session, family: str) -> int:
    """Revoke every live token of one sign-in and commit; returns how many were revoked."""
    result = session.execute(
        update(AuthToken)
        .where(AuthToken.family == family, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(getattr(result, "rowcount", 0))


def revoke_user_tokens(session: Session, user_id: int) -> int:
    """Revoke every live token of a user (e.g. when disabling the account) and commit."""
    result = session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(getattr(result, "rowcount", 0))


def logout(session: Session, token: str) -> None:
    """End the sign-in that ``token`` (access or refresh) belongs to. Idempotent.

    Raises :class:`TokenInvalid` only for a token this server never issued.
    """
    row = _find(session, token)
    if row is None:
        raise TokenInvalid()
    revoke_family(session, row.family)
