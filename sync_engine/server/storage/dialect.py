"""Where PostgreSQL and SQLite differ, behind functions that say what they do.

The layers above (the feed, accounts, the API, operations, the demo) call these and never ask
which database they are on. PostgreSQL serves many server processes at once; SQLite is the
embedded single-writer database (its writers take the lock at ``BEGIN``, see :mod:`.engine`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync_engine.server.storage.engine import READS_ONLY
from sync_engine.server.storage.sql import Executor, is_postgres

_S = TypeVar("_S", bound=Select[Any])


def upsert(session: Session, model: type[Any], index_elements: Sequence[Any],
           update: Iterable[str]) -> Any:
    """``INSERT INTO model … ON CONFLICT (index_elements) DO UPDATE`` setting the ``update``
    columns from the row that was refused (both databases speak it, each in its own dialect)."""
    insert = pg_insert if is_postgres(session) else sqlite_insert
    stmt = insert(model)
    return stmt.on_conflict_do_update(
        index_elements=index_elements,
        set_={col: getattr(stmt.excluded, col) for col in update},
    )


def snapshot_reads(executor: Executor) -> None:
    """Let the transaction ``executor`` is about to begin read from one snapshot throughout.

    PostgreSQL: REPEATABLE READ (its default, READ COMMITTED, takes a snapshot per statement).
    SQLite: a transaction reads one snapshot already (WAL); this one begins deferred, beside the
    writer instead of queueing for its lock, so it must not write (:data:`.engine.READS_ONLY`).
    A connection keeps this for its next transactions too, until :func:`default_transactions`.
    """
    options: dict[str, Any] = ({"isolation_level": "REPEATABLE READ"} if is_postgres(executor)
                               else {READS_ONLY: True})
    if isinstance(executor, Session):
        executor.connection(execution_options=options)
    else:
        executor.execution_options(**options)


def default_transactions(executor: Executor) -> None:
    """Let ``executor``'s next transaction begin as any other, one that may write: undo
    :func:`snapshot_reads` once its snapshot ended. (A session needs nothing: its next
    transaction takes a connection afresh.)"""
    if isinstance(executor, Session):
        return
    if is_postgres(executor):
        executor.execution_options(isolation_level=executor.default_isolation_level)
    else:
        executor.execution_options(**{READS_ONLY: False})


def skip_locked(session: Session, stmt: _S) -> _S:
    """``stmt`` locking the rows it selects, and passing over rows another transaction has
    locked (two workers take different rows). SQLite: unchanged, its one writer holds the
    whole database from ``BEGIN``."""
    if is_postgres(session):
        return stmt.with_for_update(skip_locked=True)
    return stmt


def refresh_statistics(session: Session, tables: Sequence[str]) -> None:
    """Let the query planner see the tables' new sizes now, and commit (PostgreSQL: ANALYZE;
    SQLite plans without them)."""
    if is_postgres(session):
        session.execute(text(f"ANALYZE {', '.join(tables)}"))
        session.commit()
