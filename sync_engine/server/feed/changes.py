"""Writing the change feed: a unit of work that records entity changes and commits them in order.

Every write to a synced entity goes through :class:`UnitOfWork`. The changes it collects are
appended to ``change_log`` as the very last step before commit, after taking the single
``sync_counter`` row lock. That lock is held until commit, so sequence numbers are handed out in
commit order: a reader that sees ``seq = n`` sees every change below ``n`` too, and a paging pull
never skips a row committed while it pages (see ``PROTOCOL.md``).

Lock order, to stay deadlock-free: business rows (customer, order, stock sorted by product)
first, the counter last.

The log is compacted: one row per entity, holding its latest state. An entity written again moves
to the new sequence number, so a pull from zero returns each entity once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync_engine.server.feed.notify import ANNOUNCE_SQL, announcement_params
from sync_engine.server.storage.models import (
    ChangeLog,
    EventOutbox,
    MutationRecord,
    SyncCounter,
    utcnow,
)
from sync_engine.server.storage.sql import driver_connection, is_postgres

GLOBAL = "global"
CUSTOMER = "customer"
USER = "user"

_INSERT_CHUNK = 5000


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(value: object) -> str:
    """Compact JSON with Decimals as strings (never floats) and ISO dates.

    orjson: every change row and event of every write goes through here, and it is several
    times quicker than the standard library for the same text (dates in ISO 8601, non-ASCII
    as UTF-8, no spaces).
    """
    return orjson.dumps(value, default=_json_default, option=orjson.OPT_NON_STR_KEYS).decode()


@dataclass(frozen=True, slots=True)
class Change:
    entity: str
    entity_id: str
    op: str
    version: int
    scope: str
    data: str | None
    customer_id: int | None = None
    warehouse_id: int | None = None
    user_id: int | None = None


class UnitOfWork:
    """One business transaction: its session, the changes it makes, the events it emits."""

    def __init__(
        self, session: Session, *, user_id: int | None = None, device_id: str | None = None
    ):
        self.session = session
        self.user_id = user_id
        self.device_id = device_id
        self._changes: dict[tuple[str, str], Change] = {}
        self._events: list[tuple[str, dict[str, Any]]] = []
        self._later: list[tuple[str, Sequence[Any] | Mapping[str, Any]]] = []
        self._results: list[tuple[int, str, str]] = []
        self._new_results: list[tuple[str, str, str, str]] = []
        self.last_seq: int | None = None

    def upsert(
        self,
        entity: str,
        entity_id: object,
        version: int,
        data: Mapping[str, Any],
        *,
        scope: str,
        customer_id: int | None = None,
        warehouse_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        """Record the new state of an entity (a later record of the same entity replaces it)."""
        self._add(
            Change(
                entity,
                str(entity_id),
                "upsert",
                version,
                scope,
                dumps(data),
                customer_id,
                warehouse_id,
                user_id,
            )
        )

    def delete(
        self,
        entity: str,
        entity_id: object,
        version: int,
        *,
        scope: str,
        customer_id: int | None = None,
        warehouse_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        """Record a tombstone: clients remove the entity."""
        self._add(
            Change(
                entity,
                str(entity_id),
                "delete",
                version,
                scope,
                None,
                customer_id,
                warehouse_id,
                user_id,
            )
        )

    def scope_event(self, user_id: int, customer_id: int, action: str) -> None:
        """Tell a user's devices that a customer entered (``grant``) or left (``revoke``) scope."""
        self._add(
            Change(
                "scope",
                f"{user_id}:{customer_id}",
                action,
                1,
                USER,
                dumps({"customer_id": customer_id}),
                customer_id,
                None,
                user_id,
            )
        )

    def emit(self, event_type: str, payload: dict[str, Any]) -> None:
        """Queue a business event for the outbox (relayed to the broker after commit)."""
        self._events.append((event_type, payload))

    def execute_later(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> None:
        """Queue a PostgreSQL statement (psycopg placeholders) for the commit pipeline, where it
        runs before the change-log step. PostgreSQL only: the fast paths that write with plain
        SQL use it so that their writes, the log and the commit travel in one round trip."""
        self._later.append((sql, params))

    def store_result(self, record_id: int, status: str, result_json: str) -> None:
        """Store a mutation's answer (JSON text) with its idempotency record in this commit."""
        self._results.append((record_id, status, result_json))

    def store_new_result(self, key: str, kind: str, status: str, result_json: str) -> None:
        """Insert a mutation's idempotency record with its answer in this commit (for a key
        claimed another way than by inserting it first: see ``orders_batch``). A concurrent
        insert of the same key makes the commit fail; nothing is half-written."""
        self._new_results.append((key, kind[:40], status, result_json))

    @property
    def pending(self) -> int:
        return len(self._changes)

    def _add(self, change: Change) -> None:
        key = (change.entity, change.entity_id)
        # Re-insert so the dict order is the order of the *last* write of each entity.
        self._changes.pop(key, None)
        self._changes[key] = change

    def commit(self, steps: Iterator[None] | None = None) -> int | None:
        """Append the changes (in commit order) and the events, commit; return the last seq.

        ``steps``: more work for this unit, run step by step inside the commit's pipeline on
        PostgreSQL. After each step, the statements, answers and events it queued are sent at
        once, so the database writes them while the next step is computed (the group commit
        finishes its orders this way). The log and COMMIT follow the last step.
        """
        if is_postgres(self.session) and (
            steps is not None
            or (len(self._changes) <= _INSERT_CHUNK and len(self._events) <= _INSERT_CHUNK)
        ):
            return self._commit_pipelined(steps)
        for _ in steps or ():
            pass
        if self._later:  # pragma: no cover - only the PostgreSQL fast paths queue statements
            raise RuntimeError("execute_later is for PostgreSQL")
        for record_id, status, result_json in self._results:
            self.session.execute(
                update(MutationRecord)
                .where(MutationRecord.id == record_id)
                .values(status=status, result=json.loads(result_json))
            )
        if self._new_results:
            assert self.user_id is not None and self.device_id is not None
            self.session.add_all(
                MutationRecord(user_id=self.user_id, idempotency_key=key,
                               device_id=self.device_id, kind=kind, status=status,
                               result=json.loads(result_json))
                for key, kind, status, result_json in self._new_results
            )
        if self._events:
            self.session.add_all(
                EventOutbox(type=t, payload=json.loads(dumps(p))) for t, p in self._events
            )
        if self._changes:
            changes = list(self._changes.values())
            self.last_seq = append_changes(
                self.session, changes, changed_by=self.user_id, device_id=self.device_id
            )
            if is_postgres(self.session):  # SQLite: the server's counter watcher notices
                driver_connection(self.session).execute(
                    ANNOUNCE_SQL, announcement_params(changes)
                )
        self.session.commit()
        self._clear()
        return self.last_seq

    def _commit_pipelined(self, steps: Iterator[None] | None) -> int | None:
        """PostgreSQL: the queued statements, the stored results, the events, then the counter
        and the log (one statement), then COMMIT — sent together in one round trip.

        The counter row lock is taken by the last statement before COMMIT and the client does
        not run between them, so the lock is held only for that statement and the commit itself
        (no network round trip, no Python): sequence numbers still follow commit order.
        """
        self.session.flush()  # ORM writes of the handlers first, outside the pipeline
        conn = driver_connection(self.session)
        now = utcnow()
        log_cur = None
        with conn.pipeline():
            cur = conn.cursor()
            self._send(cur, now)
            for _ in steps or ():
                self._send(cur, now)
            changes = list(self._changes.values())
            if changes:
                log_cur = conn.cursor()
                log_cur.execute(
                    _LOG_SQL,
                    {
                        "n": len(changes),
                        "entity": [c.entity for c in changes],
                        "entity_id": [c.entity_id for c in changes],
                        "op": [c.op for c in changes],
                        "version": [c.version for c in changes],
                        "scope": [c.scope for c in changes],
                        "customer_id": [c.customer_id for c in changes],
                        "warehouse_id": [c.warehouse_id for c in changes],
                        "user_id": [c.user_id for c in changes],
                        "data": [c.data for c in changes],
                        "now": now,
                        "changed_by": self.user_id,
                        "device_id": self.device_id,
                    },
                )
                cur.execute(ANNOUNCE_SQL, announcement_params(changes))
            # COMMIT joins the pipeline and syncs it. Not session.commit() here: that would hand
            # the connection back to the pool while still in pipeline mode.
            conn.commit()
        self.session.commit()  # the database has committed: this only ends the session's part
        if log_cur is not None:
            self.last_seq = max(row[0] for row in log_cur.fetchall())
        self._clear()
        return self.last_seq

    def _send(self, cur: Any, now: dt.datetime) -> None:
        """Into the open pipeline: the queued statements, stored results and events so far."""
        for sql, params in self._later:
            cur.execute(sql, params)
        if self._results:
            cur.execute(
                _STORE_RESULTS_SQL,
                ([r[0] for r in self._results], [r[1] for r in self._results],
                 [r[2] for r in self._results]),
            )
        if self._new_results:
            rows = self._new_results
            cur.execute(
                _NEW_RESULTS_SQL,
                (self.user_id, self.device_id, now, [r[0] for r in rows], [r[1] for r in rows],
                 [r[2] for r in rows], [r[3] for r in rows]),
            )
        if self._events:
            cur.execute(
                _OUTBOX_SQL,
                (now, [t for t, _ in self._events], [dumps(p) for _, p in self._events]),
            )
        self._later.clear()
        self._results.clear()
        self._new_results.clear()
        self._events.clear()

    def _clear(self) -> None:
        self._changes.clear()
        self._events.clear()
        self._later.clear()
        self._results.clear()
        self._new_results.clear()

    def rollback(self) -> None:
        self.session.rollback()
        self._clear()


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


def append_changes(
    session: Session,
    changes: list[Change],
    *,
    changed_by: int | None = None,
    device_id: str | None = None,
) -> int:
    """Take the counter lock, number ``changes`` in order and upsert them into the log."""
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
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for start in range(0, n, _INSERT_CHUNK):
        stmt = insert(ChangeLog)
        stmt = stmt.on_conflict_do_update(
            index_elements=[ChangeLog.entity, ChangeLog.entity_id],
            set_={
                col: getattr(stmt.excluded, col)
                for col in (
                    "seq",
                    "op",
                    "version",
                    "scope",
                    "customer_id",
                    "warehouse_id",
                    "user_id",
                    "data",
                    "changed_at",
                    "changed_by",
                    "device_id",
                )
            },
        )
        session.execute(stmt, rows[start : start + _INSERT_CHUNK])
    return last


def current_seq(session: Session) -> int:
    """The highest sequence number handed out so far (visible to this transaction)."""
    return session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one()
