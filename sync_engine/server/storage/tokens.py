"""Reading a token with its user: the check every signed-in request makes, in one query."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from sync_engine.server.storage.models import AuthToken, User
from sync_engine.server.storage.sql import driver_connection, is_postgres


class TokenRow(NamedTuple):
    """The columns of an ``auth_tokens`` row that checking a token needs."""

    token_hash: str
    kind: str
    device_id: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


_USER_COLUMNS = tuple(c.key for c in User.__table__.columns)
_TOKEN_AND_USER_SQL = (
    "SELECT t.token_hash, t.kind, t.device_id, t.expires_at, t.revoked_at, "
    + ", ".join(f"u.{c}" for c in _USER_COLUMNS)
    + " FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = %s"
)


_TOKEN_AND_USER = (
    select(AuthToken.token_hash, AuthToken.kind, AuthToken.device_id, AuthToken.expires_at,
           AuthToken.revoked_at, *User.__table__.columns)
    .join(User, User.id == AuthToken.user_id)
    .where(AuthToken.token_hash == bindparam("digest"))
)


def token_and_user(session: Session, digest: str) -> tuple[TokenRow, User] | None:
    """The token stored under ``digest`` and its user (a new, detached object); None if there
    is none. Read-only.

    No ORM entities: on PostgreSQL plain SQL, a few times cheaper than loading two of them;
    elsewhere one statement built once (SQLAlchemy compiles it once), its values typed.
    """
    if is_postgres(session):
        row = driver_connection(session).execute(_TOKEN_AND_USER_SQL, (digest,)).fetchone()
    else:
        row = session.connection().execute(_TOKEN_AND_USER, {"digest": digest}).first()
    if row is None:
        return None
    return TokenRow(*row[:5]), User(**dict(zip(_USER_COLUMNS, row[5:], strict=True)))
