"""A mutation that failed in a way no rule foresaw: answered alone, never the whole push.

Promise 12. Whatever one mutation makes the server do — a bug in a handler, a value the
database refuses, a check nobody wrote — it is answered on its own: ``rejected`` with reason
``internal_error`` and the request's id in ``details``. Its writes are rolled back with its
transaction, the error is logged with its traceback and the request id, and the push goes on
with the next mutation (:mod:`.apply`, :mod:`.submit`). The answer is stored under the
mutation's key like any other, so a resend of the key gets it again and changes nothing.

Only an error of the database itself is not the mutation's doing (:func:`transient`): a lost
connection, a failover, a deadlock or a lock that timed out. It goes up, the push is answered
``503 unavailable``, and the device sends it again whole (the keys make that safe).
"""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from sync_engine.protocol import Mutation, MutationResult
from sync_engine.server.commands.context import Sessions
from sync_engine.server.commands.outcomes import Rejected, outcome_answer, replayed_answer
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.storage.models import MutationRecord, User, utcnow

__all__ = ["claim", "failed", "replay", "transient"]

log = logging.getLogger(__name__)

INTERNAL_ERROR = "internal_error"

_SQLITE_TRANSIENT = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_NOMEM,
                               sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
                               sqlite3.SQLITE_PROTOCOL})
_PG_TRANSIENT = ("08", "40", "53", "55P03", "57", "58")
"""SQLSTATEs of the database's state, not the statement's: a lost connection, a deadlock or a
serialization failure, out of resources, a lock not granted in time, a shutdown or a cancel, an
I/O error."""

try:  # a server on SQLite (the desktop app's embedded demo) runs without psycopg
    import psycopg
except ImportError:  # pragma: no cover - psycopg is a dependency; the frozen demo leaves it out
    psycopg = None  # type: ignore[assignment]


def transient(exc: BaseException) -> bool:
    """Whether ``exc`` is the database's state rather than the mutation's doing, so the same
    request sent again later can succeed: a connection lost or refused, a deadlock, a
    serialization failure, a lock not granted, a shutdown, SQLite busy or locked, a disk error.
    A statement the database refuses (a constraint, a type, a missing table) is not."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.Error):
        return (getattr(orig, "sqlite_errorcode", 0) & 0xFF) in _SQLITE_TRANSIENT
    if psycopg is not None and isinstance(orig, psycopg.Error):
        state = orig.sqlstate  # None: raised by psycopg itself (a NUL it cannot send: no)
        return isinstance(orig, psycopg.OperationalError) and (
            state is None or state.startswith(_PG_TRANSIENT))
    return isinstance(exc, OperationalError)


def failed(sessions: Sessions, user: User, device_id: str, m: Mutation,
           request_id: str) -> MutationResult:
    """Log the error being handled (call from an ``except`` block, after the mutation's
    transaction was rolled back) and answer ``m`` with ``internal_error``, stored under its
    key in a transaction of its own. A key stored meanwhile (the mutation had committed after
    all, or a twin did) is answered with what was stored."""
    log.exception("mutation %s (%s) failed: answered %s alone (request %s)",
                  m.key, m.kind, INTERNAL_ERROR, request_id)
    result = outcome_answer(m, Rejected(INTERNAL_ERROR, details={"request_id": request_id},
                                        request_id=request_id))
    try:
        with sessions() as session:
            record_id = claim(session, user.id, device_id, m)
            if record_id is None:
                return replay(session, user.id, m.key)
            uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
            uow.store_result(record_id, result.status, result.model_dump_json())
            uow.commit()
    except Exception as exc:
        if transient(exc):
            raise
        # Not even the answer could be stored: answered all the same (a resend runs it again).
        log.exception("the answer to mutation %s could not be stored (request %s)",
                      m.key, request_id)
    return result


_CLAIM = text("""
INSERT INTO mutations (user_id, idempotency_key, device_id, kind, status, result, created_at)
VALUES (:user_id, :key, :device_id, :kind, 'pending', '{}', :now)
ON CONFLICT (user_id, idempotency_key) DO NOTHING
RETURNING id
""").bindparams(bindparam("now", type_=MutationRecord.__table__.c.created_at.type))


def claim(session: Session, user_id: int, device_id: str, m: Mutation) -> int | None:
    """Insert the idempotency key; None if it exists. A concurrent insert of the same key waits
    here until the other transaction ends, so exactly one of them goes on."""
    return session.execute(_CLAIM, {"user_id": user_id, "key": m.key, "device_id": device_id,
                                     "kind": m.kind[:40], "now": utcnow()}).scalar_one_or_none()


def replay(session: Session, user_id: int, key: str) -> MutationResult:
    """The stored answer to a key seen before (or claimed by a concurrent twin that committed
    first); ends the current transaction."""
    session.rollback()
    stored = session.scalar(
        select(MutationRecord.result).where(
            MutationRecord.user_id == user_id, MutationRecord.idempotency_key == key
        )
    )
    if not stored:  # pragma: no cover - the twin committed or we would have won
        raise RuntimeError(f"idempotency key {key!r} claimed without a stored result")
    return replayed_answer(stored)
