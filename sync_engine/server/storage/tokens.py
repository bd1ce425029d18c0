"""Reading tokens with their users: the check every signed-in request makes, one query for
all the tokens a group of pulls checks together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import attributes

from sync_engine.server.storage.driver_statements import DriverStatement
from sync_engine.server.storage.models import AuthToken, User
from sync_engine.server.storage.sql import Executor


class TokenRow(NamedTuple):
    """The columns of an ``auth_tokens`` row that checking a token needs."""

    token_hash: str
    kind: str
    device_id: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


_USER_COLUMNS = tuple(c.key for c in User.__table__.columns)
_NEW_USER = User.__mapper__.class_manager.new_instance

MOST_DIGESTS = 64
"""The most tokens one statement reads; more are read in several."""


@cache
def _tokens_and_users(slots: int) -> DriverStatement:
    """The statement reading up to ``slots`` tokens (those of ``digest0``...) with their
    users. Groups are read with the smallest power of two that holds them, the slots left
    over given the first digest again: a few statements, each prepared once per connection,
    serve every size of group."""
    return DriverStatement(
        select(AuthToken.token_hash, AuthToken.kind, AuthToken.device_id,
               AuthToken.expires_at, AuthToken.revoked_at, *User.__table__.columns)
        .join(User, User.id == AuthToken.user_id)
        .where(AuthToken.token_hash.in_([bindparam(f"digest{i}") for i in range(slots)]))
    )


def tokens_and_users(session: Executor, digests: Sequence[str]
                     ) -> dict[str, tuple[TokenRow, User]]:
    """The tokens stored under ``digests`` with their users (new, detached objects), by
    digest; a digest with no token is left out. Read-only, in one statement for up to
    :data:`MOST_DIGESTS` of them: a group of pulls checks its tokens together.

    No ORM entities, and run on the driver's cursor (:mod:`.driver_statements`): loading
    two entities cost a few times as much, and this runs on every request (each pull of a
    woken fleet). A user is made as the ORM makes the objects it loads (an instance with
    its state, its columns' values put in its dictionary), not through ``User(...)``, whose
    instrumented attribute sets cost 40 µs per request against 5.
    """
    found: dict[str, tuple[TokenRow, User]] = {}
    for first in range(0, len(digests), MOST_DIGESTS):
        chunk = digests[first:first + MOST_DIGESTS]
        slots = 1 << (len(chunk) - 1).bit_length()
        params = {f"digest{i}": chunk[i] if i < len(chunk) else chunk[0] for i in range(slots)}
        for row in _tokens_and_users(slots).rows(session, params):
            user = _NEW_USER()
            attributes.instance_dict(user).update(zip(_USER_COLUMNS, row[5:], strict=True))
            found[row[0]] = TokenRow(*row[:5]), user
    return found
