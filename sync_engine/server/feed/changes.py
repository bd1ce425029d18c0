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

How the rows are written (one pipeline on PostgreSQL) is :mod:`sync_engine.server.storage.commit`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.feed.notify import announcement_params
from sync_engine.server.storage.commit import Change, PendingWrites, commit_unit
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.models import SyncCounter

GLOBAL = "global"
CUSTOMER = "customer"
USER = "user"


class Where(TypedDict):
    """Who may see a change: its scope, and the customer, warehouse or user it belongs to."""

    scope: str
    customer_id: NotRequired[int | None]
    warehouse_id: NotRequired[int | None]
    user_id: NotRequired[int | None]


class UnitOfWork:
    """One business transaction: its session, the changes it makes, the events it emits."""

    def __init__(
        self, session: Session, *, user_id: int | None = None, device_id: str | None = None
    ):
        self.session = session
        self.user_id = user_id
        self.device_id = device_id
        self._changes: dict[tuple[str, str], Change] = {}
        self._writes = PendingWrites(user_id, device_id)
        self.last_seq: int | None = None

    def upsert(self, entity: str, entity_id: object, version: int, data: Mapping[str, Any],
               **where: Unpack[Where]) -> None:
        """Record the new state of an entity (a later record of the same entity replaces it)."""
        self._record(entity, entity_id, "upsert", version, dumps(data), where)

    def delete(self, entity: str, entity_id: object, version: int,
               **where: Unpack[Where]) -> None:
        """Record a tombstone: clients remove the entity."""
        self._record(entity, entity_id, "delete", version, None, where)

    def _record(self, entity: str, entity_id: object, op: str, version: int,
                data_json: str | None, where: Where) -> None:
        self._add(Change(entity, str(entity_id), op, version, where["scope"], data_json,
                         where.get("customer_id"), where.get("warehouse_id"),
                         where.get("user_id")))

    def scope_event(self, user_id: int, customer_id: int, action: str) -> None:
        """Tell a user's devices that a customer entered (``grant``) or left (``revoke``) scope."""
        self._record("scope", f"{user_id}:{customer_id}", action, 1,
                     dumps({"customer_id": customer_id}),
                     {"scope": USER, "customer_id": customer_id, "user_id": user_id})

    def emit(self, event_type: str, payload: dict[str, Any]) -> None:
        """Queue a business event for the outbox (relayed to the broker after commit)."""
        self._writes.events.append((event_type, payload))

    def execute_later(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> None:
        """Queue a PostgreSQL statement (psycopg placeholders) for the commit pipeline, where it
        runs before the change-log step. PostgreSQL only: the writes made with plain SQL (a run
        of ``order.submit``) use it so that they, the log and the commit travel in one round
        trip."""
        self._writes.later.append((sql, params))

    def store_result(self, record_id: int, status: str, result_json: str) -> None:
        """Store a mutation's answer (JSON text) with its idempotency record in this commit."""
        self._writes.results.append((record_id, status, result_json))

    def store_new_result(self, key: str, kind: str, status: str, result_json: str) -> None:
        """Insert a mutation's idempotency record with its answer in this commit (for a key
        claimed another way than by inserting it first: see ``commands.submit``). A concurrent
        insert of the same key makes the commit fail; nothing is half-written."""
        self._writes.new_results.append((key, kind[:40], status, result_json))

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
        seq = commit_unit(self.session, self._writes, self._changes.values(), steps,
                          announcement_params)
        if seq is not None:
            self.last_seq = seq
        self._clear()
        return self.last_seq

    def _clear(self) -> None:
        self._changes.clear()
        self._writes.clear()

    def rollback(self) -> None:
        self.session.rollback()
        self._clear()


def current_seq(session: Session) -> int:
    """The highest sequence number handed out so far (visible to this transaction)."""
    return session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one()
