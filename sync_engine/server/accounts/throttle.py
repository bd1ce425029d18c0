"""Sign-in throttling: growing waits after failed sign-ins, per account and per client address,
and a lockout an admin lifts.

Every wrong password (or unknown user) counts against two keys in ``signin_throttle``: the
account name as typed (normalised; a name with no user counts the same, so the answers do not
tell which users exist) and the client's address. Past a few free failures each further one
makes the key wait twice as long as the last (:func:`wait_after`); a sign-in during a wait is
answered ``429`` with ``Retry-After`` before any password is hashed, and counts nothing more.
After :data:`LOCK_AFTER` failures in a row the account is locked: even the right password is
refused (``account_locked``) until an admin unlocks it (:func:`unlock`, audited by
:mod:`.management`). A successful sign-in clears its account's count, not its address's (one
good account must not reset the count of an address guessing others); an address's count is
forgotten after :data:`FORGET_AFTER` without failures.

The state is in the database, so two server instances count the same attempts; the counts are
incremented in one statement (an upsert), so concurrent failures are each counted.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.orm import Session

from sync_engine.server.accounts.errors import AccountLocked, SignInThrottled
from sync_engine.server.accounts.users import normalise_username
from sync_engine.server.storage.models import SignInThrottle, utcnow

__all__ = ["FORGET_AFTER", "LOCK_AFTER", "Policy", "check", "count_failure", "count_success",
           "is_locked", "unlock_name", "wait_after"]


@dataclass(frozen=True)
class Policy:
    """How many failures a key of one kind gets free, and when it locks (None: never)."""

    prefix: str
    free: int
    lock_after: int | None


ACCOUNT = Policy("user:", free=3, lock_after=10)
"""A person mistyping: three tries free, then 2 s, 4 s … 64 s; the tenth failure in a row locks."""
ADDRESS = Policy("addr:", free=20, lock_after=None)
"""An office behind one address has many people: twenty free, then 2 s, 4 s … up to the cap."""

LOCK_AFTER = ACCOUNT.lock_after
MAX_WAIT = dt.timedelta(minutes=15)
FORGET_AFTER = dt.timedelta(hours=1)
"""A key with no failure for this long starts again from zero (a locked account stays locked)."""


def wait_after(failures: int, policy: Policy) -> dt.timedelta:
    """How long a key must wait after its ``failures``-th failure in a row."""
    over = failures - policy.free
    if over <= 0:
        return dt.timedelta(0)
    return min(MAX_WAIT, dt.timedelta(seconds=2 ** min(over, 20)))


def _keys(username: str, address: str) -> tuple[str, str]:
    return (f"{ACCOUNT.prefix}{normalise_username(username)}"[:80],
            f"{ADDRESS.prefix}{address}"[:80])


def check(session: Session, username: str, address: str) -> None:
    """Raise :class:`AccountLocked` or :class:`SignInThrottled` if a sign-in as ``username``
    from ``address`` must not be tried now (read-only)."""
    now = utcnow()
    rows = session.scalars(select(SignInThrottle).where(
        SignInThrottle.key.in_(_keys(username, address)))).all()
    if any(row.locked_at is not None for row in rows):
        raise AccountLocked()
    waits = [_aware(row.blocked_until) - now for row in rows if row.blocked_until is not None]
    longest = max(waits, default=dt.timedelta(0))
    if longest > dt.timedelta(0):
        raise SignInThrottled(math.ceil(longest.total_seconds()))


_COUNT = text("""
INSERT INTO signin_throttle (key, failures, last_failure_at)
VALUES (:key, 1, :now)
ON CONFLICT (key) DO UPDATE SET
  failures = CASE WHEN signin_throttle.last_failure_at < :forget_before
                   AND signin_throttle.locked_at IS NULL
                  THEN 1 ELSE signin_throttle.failures + 1 END,
  last_failure_at = :now
RETURNING failures
""").bindparams(bindparam("now", type_=SignInThrottle.__table__.c.last_failure_at.type),
                bindparam("forget_before",
                          type_=SignInThrottle.__table__.c.last_failure_at.type))


def count_failure(session: Session, username: str, address: str) -> None:
    """Count a failed sign-in against the account and the address, set their waits and lock
    the account on its :data:`LOCK_AFTER`-th failure in a row; commits."""
    now = utcnow()
    for key, policy in zip(_keys(username, address), (ACCOUNT, ADDRESS), strict=True):
        failures = int(session.execute(
            _COUNT, {"key": key, "now": now, "forget_before": now - FORGET_AFTER}).scalar_one())
        row = session.get(SignInThrottle, key, populate_existing=True)
        assert row is not None
        wait = wait_after(failures, policy)
        row.blocked_until = now + wait if wait else None  # none: no wait, not one of 0 s
        if policy.lock_after is not None and failures >= policy.lock_after \
                and row.locked_at is None:
            row.locked_at = now
    session.commit()


def count_success(session: Session, username: str) -> None:
    """A right password: the account's count starts again (the caller commits)."""
    session.execute(delete(SignInThrottle).where(
        SignInThrottle.key == _keys(username, "")[0],
        SignInThrottle.locked_at.is_(None)))


def is_locked(session: Session, username: str) -> bool:
    row = session.get(SignInThrottle, _keys(username, "")[0])
    return row is not None and row.locked_at is not None


def unlock_name(session: Session, username: str) -> bool:
    """Lift the lockout and the wait of the account ``username`` (the caller commits and
    audits); whether it was locked."""
    locked = is_locked(session, username)
    session.execute(delete(SignInThrottle).where(
        SignInThrottle.key == _keys(username, "")[0]))
    return locked


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
