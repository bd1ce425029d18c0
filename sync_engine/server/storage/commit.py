"""Committing a unit of work: its change-log rows, stored answers, events and queued statements.

The feed's :class:`~sync_engine.server.feed.changes.UnitOfWork` decides what a commit holds;
this module writes it. On PostgreSQL everything after the ORM's own writes travels in one
pipeline (one network round trip): queued statements, answers, events, then the counter and
the log in one statement, the announcement, and COMMIT. Elsewhere (SQLite, and PostgreSQL
units too big for one pipeline) through the ORM.

Sequence numbers follow commit order either way: the ``sync_counter`` row lock is taken last
and held until COMMIT (see :mod:`sync_engine.server.feed.changes`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from sync_engine.server.storage.announce import ANNOUNCE_SQL, committed_here
from sync_engine.server.storage.dialect import upsert
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.models import (
    ChangeLog,
    EventOutbox,
    MutationRecord,
    SyncCounter,
    utcnow,
)
from sync_engine.server.storage.sql import driver_connection, is_postgres

INSERT_CHUNK = 5000
"""Change-log rows per INSERT, and the most changes or events one pipelined commit takes."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change-log row to write: an entity's new state (``data``, JSON text) or tombstone."""

    entity: str
    entity_id: str
    op: str
    version: int
    scope: str
    data: str | None
    customer_id: int | None = None
    warehouse_id: int | None = None
    user_id: int | None = None


class PendingWrites:
    """What a unit of work writes at commit beside its ORM objects and its change-log rows, and
    on whose behalf (``changed_by``, ``device_id``)."""

    def __init__(self, changed_by: int | None, device_id: str | None) -> None:
        self.changed_by = changed_by
        self.device_id = device_id
        self.later: list[tuple[str, Sequence[Any] | Mapping[str, Any]]] = []
        self.results: list[tuple[int, str, str]] = []  # (mutation id, status, answer JSON)
        self.new_results: list[tuple[str, str, str, str]] = []  # (key, kind, status, answer)
        self.events: list[tuple[str, dict[str, Any]]] = []  # (type, payload)

    def clear(self) -> None:
        self.later.clear()
        self.results.clear()
        self.new_results.clear()
        self.events.clear()


Announcement = Callable[[Sequence[Change]], Mapping[str, Any]]
"""A commit's changes → the parameters of its announcement (:data:`.announce.ANNOUNCE_SQL`)."""


def commit_unit(session: Session, writes: PendingWrites, changes: Collection[Change],
                steps: Iterator[None] | None, announcement: Announcement) -> int | None:
    """Write ``writes`` and ``changes`` (in order) and commit; the last sequence number used.

    ``changes`` is read after ``steps`` ran (a step may add to it). ``steps``: more work for the
    unit, run one by one inside the commit's pipeline on PostgreSQL; what each step queued in
    ``writes`` is sent at once, so the database writes it while the next step is computed.
    """
    if is_postgres(session) and (
        steps is not None or (len(changes) <= INSERT_CHUNK and len(writes.events) <= INSERT_CHUNK)
    ):
        return _commit_pipelined(session, writes, changes, steps, announcement)
    for _ in steps or ():
        pass
    if writes.later:  # a PostgreSQL unit too big for one pipeline: its statements first
        if not is_postgres(session):  # pragma: no cover - only PostgreSQL paths queue them
            raise RuntimeError("execute_later is for PostgreSQL")
        session.flush()
        cur = driver_connection(session).cursor()
        for sql, params in writes.later:
            cur.execute(sql, params)
    for record_id, status, result_json in writes.results:
        session.execute(
            update(MutationRecord)
            .where(MutationRecord.id == record_id)
            .values(status=status, result=json.loads(result_json))
        )
    if writes.new_results:
        assert writes.changed_by is not None and writes.device_id is not None
        session.add_all(
            MutationRecord(user_id=writes.changed_by, idempotency_key=key,
                           device_id=writes.device_id, kind=kind, status=status,
                           result=json.loads(result_json))
            for key, kind, status, result_json in writes.new_results
        )
    if writes.events:
        session.add_all(
            EventOutbox(type=t, payload=json.loads(dumps(p))) for t, p in writes.events
        )
    last_seq = None
    if changes:
        rows = list(changes)
        last_seq = append_changes(session, rows, changed_by=writes.changed_by,
                                  device_id=writes.device_id)
        if is_postgres(session):  # SQLite: the server's counter watcher notices
            driver_connection(session).execute(ANNOUNCE_SQL, announcement(rows))
    session.commit()
    if changes and not is_postgres(session):
        committed_here()
    return last_seq


def _commit_pipelined(session: Session, writes: PendingWrites, changes: Collection[Change],
                      steps: Iterator[None] | None, announcement: Announcement) -> int | None:
    """PostgreSQL: the queued statements, the stored results, the events, then the counter
    and the log (one statement), then COMMIT — sent together in one round trip.

    The counter row lock is taken by the last statement before COMMIT and the client does
    not run between them, so the lock is held only for that statement and the commit itself
    (no network round trip, no Python): sequence numbers still follow commit order.
    """
    session.flush()  # ORM writes of the handlers first, outside the pipeline
    conn = driver_connection(session)
    now = utcnow()
    log_cur = None
    with conn.pipeline():
        cur = conn.cursor()
        _send(cur, writes, now)
        for _ in steps or ():
            _send(cur, writes, now)
        rows = list(changes)
        if rows:
            log_cur = conn.cursor()
            log_cur.execute(
                _LOG_SQL,
                {
                    "n": len(rows),
                    "entity": [c.entity for c in rows],
                    "entity_id": [c.entity_id for c in rows],
                    "op": [c.op for c in rows],
                    "version": [c.version for c in rows],
                    "scope": [c.scope for c in rows],
                    "customer_id": [c.customer_id for c in rows],
                    "warehouse_id": [c.warehouse_id for c in rows],
                    "user_id": [c.user_id for c in rows],
                    "data": [c.data for c in rows],
                    "now": now,
                    "changed_by": writes.changed_by,
                    "device_id": writes.device_id,
                },
            )
            cur.execute(ANNOUNCE_SQL, announcement(rows))
        # COMMIT joins the pipeline and syncs it. Not session.commit() here: that would hand
        # the connection back to the pool while still in pipeline mode.
        conn.commit()
    session.commit()  # the database has committed: this only ends the session's part
    if log_cur is None:
        return None
    last: int = max(row[0] for row in log_cur.fetchall())
    return last


def _send(cur: Any, writes: PendingWrites, now: dt.datetime) -> None:
    """Into the open pipeline: the queued statements, stored results and events so far."""
    for sql, params in writes.later:
        cur.execute(sql, params)
    if writes.results:
        results = writes.results
        cur.execute(
            _STORE_RESULTS_SQL,
            ([r[0] for r in results], [r[1] for r in results], [r[2] for r in results]),
        )
    if writes.new_results:
        rows = writes.new_results
        cur.execute(
            _NEW_RESULTS_SQL,
            (writes.changed_by, writes.device_id, now, [r[0] for r in rows], [r[1] for r in rows],
             [r[2] for r in rows], [r[3] for r in rows]),
        )
    if writes.events:
        cur.execute(
            _OUTBOX_SQL,
            (now, [t for t, _ in writes.events], [dumps(p) for _, p in writes.events]),
        )
    writes.clear()


_STORE_RESULTS_SQL = """
UPDATE mutations AS m SET status = v.status, result = v.result::json
FROM unnest(%b::int8[], %b::text[], %b::text[]) AS v(id, status, result)
WHERE m.id = v.id
"""

_NEW_RESULTS_SQL = """
INSERT INTO mutations (user_id, idempotency_key, device_id, kind, status, result, created_at)
SELECT %s, v.key, %s, v.kind, v.status, v.result::json, %s
FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[]) WITH ORDINALITY
     AS v(key, kind, status, result, ord)
ORDER BY v.ord
"""

_OUTBOX_SQL = """
INSERT INTO event_outbox (type, payload, created_at)
SELECT v.type, v.payload::json, %s
FROM unnest(%b::text[], %b::text[]) WITH ORDINALITY AS v(type, payload, ord)
ORDER BY v.ord
"""

# Counter and log in one statement: the counter row lock is its first act and lasts until the
# COMMIT that follows it in the same pipeline.
_LOG_SQL = """
WITH c AS (
    UPDATE sync_counter SET value = value + %(n)s WHERE id = 1 RETURNING value
)
INSERT INTO change_log AS l (seq, entity, entity_id, op, version, scope, customer_id,
                             warehouse_id, user_id, data, changed_at, changed_by, device_id)
SELECT c.value - %(n)s + v.ord, v.entity, v.entity_id, v.op, v.version, v.scope,
       v.customer_id, v.warehouse_id, v.user_id, v.data, %(now)s, %(changed_by)s, %(device_id)s
FROM unnest(%(entity)b::text[], %(entity_id)b::text[], %(op)b::text[], %(version)b::int8[],
               %(scope)b::text[], %(customer_id)b::int8[], %(warehouse_id)b::int8[],
               %(user_id)b::int8[], %(data)b::text[])
        WITH ORDINALITY AS v(entity, entity_id, op, version, scope, customer_id, warehouse_id,
                             user_id, data, ord)
LEFT JOIN c ON true  -- no counter row: a NULL seq fails the statement, never a silent skip
ORDER BY v.ord
ON CONFLICT (entity, entity_id) DO UPDATE SET
    seq = EXCLUDED.seq, op = EXCLUDED.op, version = EXCLUDED.version, scope = EXCLUDED.scope,
    customer_id = EXCLUDED.customer_id, warehouse_id = EXCLUDED.warehouse_id,
    user_id = EXCLUDED.user_id, data = EXCLUDED.data, changed_at = EXCLUDED.changed_at,
    changed_by = EXCLUDED.changed_by, device_id = EXCLUDED.device_id
RETURNING l.seq
"""

_LOG_UPDATE_COLUMNS = ("seq", "op", "version", "scope", "customer_id", "warehouse_id",
                       "user_id", "data", "changed_at", "changed_by", "device_id")


def append_changes(
    session: Session,
    changes: list[Change],
    *,
    changed_by: int | None = None,
    device_id: str | None = None,
) -> int:
    """Take the counter lock, number ``changes`` in order and upsert them into the log (through
    the ORM); the last sequence number."""
    session.flush()
    n = len(changes)
    last = session.execute(
        update(SyncCounter)
        .where(SyncCounter.id == 1)
        .values(value=SyncCounter.value + n)
        .returning(SyncCounter.value)
    ).scalar_one()
    first = last - n + 1
    now = utcnow()
    rows = [
        {
            "seq": first + i,
            "entity": c.entity,
            "entity_id": c.entity_id,
            "op": c.op,
            "version": c.version,
            "scope": c.scope,
            "customer_id": c.customer_id,
            "warehouse_id": c.warehouse_id,
            "user_id": c.user_id,
            "data": c.data,
            "changed_at": now,
            "changed_by": changed_by,
            "device_id": device_id,
        }
        for i, c in enumerate(changes)
    ]
    for start in range(0, n, INSERT_CHUNK):
        stmt = upsert(session, ChangeLog, [ChangeLog.entity, ChangeLog.entity_id],
                      _LOG_UPDATE_COLUMNS)
        session.execute(stmt, rows[start : start + INSERT_CHUNK])
    return last
