"""Tokens: signing in, checking a token, rotating and revoking.

Tokens are opaque random strings (``secrets.token_urlsafe(32)``); the database keeps only their
SHA-256, so a leaked database backup does not let anyone sign in.

A sign-in (:func:`login`) starts a token *family*: one access token (short-lived, sent with
every request) and one refresh token (long-lived, exchanged for a new pair). Refreshing
*rotates*: the refresh token used is revoked and a new pair of the same family is issued.
Presenting a refresh token that was already rotated means two parties hold it — one of them
stole it — so the whole family is revoked and both must sign in again.

An access token stays valid until it expires even after its family rotated (requests already
in flight with it must not fail); :func:`logout` and theft detection revoke it at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from sync_engine.server.accounts import throttle
from sync_engine.server.accounts.errors import (
    AuthError,
    DeviceConflict,
    DeviceRevoked,
    InvalidCredentials,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
    UserInactive,
)
from sync_engine.server.accounts.passwords import (
    HashSlots,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)
from sync_engine.server.accounts.users import normalise_username
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import AuthToken, Device, User, utcnow
from sync_engine.server.storage.sql import Executor
from sync_engine.server.storage.tokens import TokenRow, tokens_and_users

ACCESS_TTL = dt.timedelta(minutes=15)
"""Lifetime of an access token. Module-level so tests can shorten it (read at each call)."""

REFRESH_TTL = dt.timedelta(days=30)
"""Lifetime of a refresh token: a device that stays offline longer must sign in again."""

ACCESS = "access"
REFRESH = "refresh"


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
    elif device.revoked_at is not None:
        raise DeviceRevoked(device.revoke_wipe)
    else:
        device.last_seen_at = now
        if device_name:
            device.name = device_name[:200]


def _check_not_cut_off(session: Executor, device_id: str) -> None:
    """Raise :class:`DeviceRevoked` if the back office revoked ``device_id``."""
    row = session.execute(
        select(Device.revoked_at, Device.revoke_wipe).where(Device.id == device_id)
    ).first()
    if row is not None and row.revoked_at is not None:
        raise DeviceRevoked(row.revoke_wipe)


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
    session: Session, username: str, password: str, device_id: str, device_name: str = "",
    *, address: str = "-", slots: HashSlots | None = None,
) -> TokenPair:
    """Check a username and password and issue tokens for ``device_id``.

    First the throttle (:mod:`.throttle`): a locked account or a key that must wait is refused
    before any password is hashed. Then the hash, in one of ``slots`` (at most so many at once
    in this process). Unknown user and wrong password raise the same
    :class:`InvalidCredentials` after the same amount of work, and count the same against the
    name and ``address``. A correct password for a disabled account raises :class:`UserInactive`
    (only someone who knows the password learns the account exists). An outdated hash is
    upgraded to the current Argon2 parameters on the way.
    """
    throttle.check(session, username, address)
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    known = dummy_hash() if user is None else user.password_hash
    end_read(session)  # no connection held while waiting for a slot and hashing
    rehashed = None
    with slots.slot() if slots is not None else nullcontext():
        right = verify_password(known, password)
        if right and user is not None and needs_rehash(known):
            rehashed = hash_password(password)
    if user is None or not right:
        throttle.count_failure(session, username, address)
        raise InvalidCredentials()
    if rehashed is not None:
        user.password_hash = rehashed
    if not user.active:
        raise UserInactive()
    throttle.count_success(session, username)
    return issue_tokens(session, user, device_id, device_name)


def _find(session: Session, token: str) -> AuthToken | None:
    # Compare digests, never raw tokens; the lookup is by an index on the digest, and the final
    # compare_digest guards against a (theoretical) timing difference in the string compare.
    digest = _digest(token)
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == digest))
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return row


def authenticate(session: Executor, access_token: str) -> tuple[User, str]:
    """The user and device an access token belongs to; raises an :class:`AuthError`.

    Read-only: it neither writes nor commits, so it can run at the start of any request (a
    pull runs it in its own snapshot, on a plain connection). The user is a new object, in no
    session (:func:`~sync_engine.server.storage.tokens.tokens_and_users`).
    """
    who = authenticate_each(session, [access_token])[0]
    if isinstance(who, AuthError):
        raise who
    return who


def authenticate_each(session: Executor, access_tokens: Sequence[str]
                      ) -> list[tuple[User, str] | AuthError]:
    """:func:`authenticate` for each of ``access_tokens``, read together: per token, its user
    and device, or the :class:`AuthError` that refuses it (each judged on its own). A group of
    pulls checks its tokens so, in its snapshot."""
    digests = [_digest(token) for token in access_tokens]
    # The tokens and their users in one query: this runs on every request.
    found = tokens_and_users(session, digests)
    out: list[tuple[User, str] | AuthError] = []
    for digest in digests:
        try:
            out.append(_judge(session, digest, found.get(digest)))
        except AuthError as exc:
            out.append(exc)
    return out


def _judge(session: Executor, digest: str, found: tuple[TokenRow, User] | None
           ) -> tuple[User, str]:
    if found is None:
        raise TokenInvalid()
    token, user = found
    if not hmac.compare_digest(token.token_hash, digest) or token.kind != ACCESS:
        raise TokenInvalid()
    if token.revoked_at is not None:
        _check_not_cut_off(session, token.device_id)
        raise TokenRevoked()
    if _aware(token.expires_at) <= utcnow():
        raise TokenExpired()
    if not user.active:
        raise UserInactive()
    return user, token.device_id


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
    _check_not_cut_off(session, row.device_id)
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
    return _revoke(session, AuthToken.family == family)


def revoke_user_tokens(session: Session, user_id: int) -> int:
    """Revoke every live token of a user (e.g. when disabling the account) and commit."""
    return _revoke(session, AuthToken.user_id == user_id)


def _revoke(session: Session, which: ColumnElement[bool]) -> int:
    result = session.execute(
        update(AuthToken)
        .where(which, AuthToken.revoked_at.is_(None))
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
