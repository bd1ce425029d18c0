"""Integration tokens: credentials for a system (the ERP, the WMS), not a person.

A token is made by the admin (``dinghuo-server integration-token create NAME --scopes …`` or
the back office's ``/v1/admin/integration-tokens``), shown once, and stored as its SHA-256
only. It may write only its scopes (``catalog``, ``customers``, ``prices``, ``stock``); it
can be revoked; each use is recorded (``last_used_at``).

Rate limit: a token bucket per token, kept in the token's database row and updated under its
row lock by each request. In the database, not in process memory, because every server
instance behind the load balancer must draw from the same bucket; the cost is one short
locked update per request, and requests are bulk (thousands of rows each).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain.text import INTEGRATION_TOKEN_NAME
from sync_engine.protocol import INTEGRATION_SCOPES
from sync_engine.server.storage.models import IntegrationToken, utcnow

__all__ = [
    "RATE_BURST", "RATE_PER_SECOND", "IntegrationAuthError", "authenticate",
    "create_token", "list_tokens", "parse_scopes", "revoke_token",
]

TOKEN_PREFIX = "dhi_"
RATE_PER_SECOND = 20.0
"""Requests per second a token may make on average (each may carry thousands of rows)."""
RATE_BURST = 100.0
"""Requests a token may make at once after a quiet spell (the bucket's size)."""


@dataclass
class IntegrationAuthError(Exception):
    """Why a request with an integration token is refused: ``status`` 401 (no such token,
    revoked), 403 (scope not granted), 429 (rate limit; ``retry_after`` seconds)."""

    status: int
    code: str
    message: str
    message_zh: str
    retry_after: float = 0.0


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_scopes(text: str) -> list[str]:
    """``"catalog,stock"`` → the scopes; raises ``ValueError`` naming an unknown one."""
    scopes = [s.strip() for s in text.split(",") if s.strip()]
    for s in scopes:
        if s not in INTEGRATION_SCOPES:
            raise ValueError(f"unknown scope {s!r}; use {', '.join(INTEGRATION_SCOPES)}")
    if not scopes:
        raise ValueError(f"give at least one scope: {', '.join(INTEGRATION_SCOPES)}")
    return sorted(set(scopes))


class TokenNameTaken(ValueError):
    """A token in use has that name."""


def create_token(session: Session, name: str, scopes: list[str]) -> tuple[IntegrationToken, str]:
    """A new token for the system ``name``; returns its row and the token (shown once).
    Raises ``ValueError`` for an empty name, one the text rule refuses
    (:data:`~sync_engine.domain.text.INTEGRATION_TOKEN_NAME`: too long, a control character,
    which PostgreSQL cannot even compare), and :class:`TokenNameTaken` for one a token in use
    has (a revoked token's name is free again)."""
    name = name.strip()
    if not name:
        raise ValueError("a token needs a name")
    issue = INTEGRATION_TOKEN_NAME.check("name", name)
    if issue is not None:
        raise ValueError(issue.message("en"))
    if session.scalars(select(IntegrationToken).where(
            IntegrationToken.name == name, IntegrationToken.revoked_at.is_(None))).first():
        raise TokenNameTaken(f"a token named {name!r} exists; revoke it or pick another name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = IntegrationToken(name=name, token_hash=_hash(secret), scopes=",".join(scopes),
                           bucket_level=RATE_BURST)
    session.add(row)
    session.commit()
    return row, secret


def list_tokens(session: Session) -> list[IntegrationToken]:
    return list(session.scalars(select(IntegrationToken).order_by(IntegrationToken.name)))


def revoke_token(session: Session, name: str) -> bool:
    """Revoke the token ``name``; False if there is none (or it was revoked already). A name
    the text rule refuses names none, and is not looked up (PostgreSQL refuses a NUL)."""
    if INTEGRATION_TOKEN_NAME.check("name", name) is not None:
        return False
    row = session.scalars(select(IntegrationToken).where(
        IntegrationToken.name == name, IntegrationToken.revoked_at.is_(None))).first()
    if row is None:
        return False
    row.revoked_at = utcnow()
    session.commit()
    return True


def authenticate(session: Session, token: str, scope: str, *, rate: float = RATE_PER_SECOND,
                 burst: float = RATE_BURST) -> IntegrationToken:
    """The token's row, if it is valid, may write ``scope`` and has a request left in its
    bucket; records the use and commits. Raises :class:`IntegrationAuthError` otherwise."""
    row = session.scalars(
        select(IntegrationToken).where(IntegrationToken.token_hash == _hash(token))
        .with_for_update()
    ).first()
    if row is None or row.revoked_at is not None:
        session.rollback()
        raise IntegrationAuthError(401, "invalid_token",
                                   "This integration token is unknown or revoked.",
                                   "集成令牌无效或已被撤销。")
    if scope not in row.scopes.split(","):
        session.rollback()
        raise IntegrationAuthError(403, "scope_not_granted",
                                   f"This integration token may not write {scope}.",
                                   f"此集成令牌无权写入 {scope}。")
    now = utcnow()
    last = row.bucket_at
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=dt.UTC)
    elapsed = max(0.0, (now - last).total_seconds()) if last is not None else burst / rate
    level = min(burst, row.bucket_level + elapsed * rate)
    if level < 1.0:
        session.rollback()
        raise IntegrationAuthError(429, "rate_limited",
                                   "Too many requests with this integration token; slow down.",
                                   "此集成令牌的请求过于频繁，请稍后再试。",
                                   retry_after=(1.0 - level) / rate)
    row.bucket_level = level - 1.0
    row.bucket_at = now
    row.last_used_at = now
    session.commit()
    return row
