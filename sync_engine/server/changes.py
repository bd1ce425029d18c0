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
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .models import ChangeLog, EventOutbox, SyncCounter, utcnow

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
    """Compact JSON with Decimals as strings (never floats) and ISO dates."""
    return json.dumps(value, default=_json_default, ensure_ascii=False, separators=(",", ":"))


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

    @property
    def pending(self) -> int:
        return len(self._changes)

    def _add(self, change: Change) -> None:
        key = (change.entity, change.entity_id)
        # Re-insert so the dict order is the order of the *last* write of each entity.
        self._changes.pop(key, None)
        self._changes[key] = change

    def commit(self) -> int | None:
        """Append the changes (in commit order) and the events, commit; return the last seq."""
        if self._events:
            self.session.add_all(
                EventOutbox(type=t, payload=json.loads(dumps(p))) for t, p in self._events
            )
        if self._changes:
            self.last_seq = append_changes(
                self.session,
                list(self._changes.values()),
                changed_by=self.user_id,
                device_id=self.device_id,
            )
        self.session.commit()
        self._changes.clear()
        self._events.clear()
        return self.last_seq

    def rollback(self) -> None:
        self.session.rollback()
        self._changes.clear()
        self._events.clear()


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
