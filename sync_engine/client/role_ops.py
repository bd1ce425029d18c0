"""The engine's operations for the warehouse, the store owner and the back office.

A mixin of :class:`~.engine.Engine` (kept apart so neither file grows past a readable size):
the clerk's shipping queue, the owner's suggestions and receipts, the back office's decisions
and its view of sync health. Same rules as the rest of the engine: local, offline-capable,
typed errors; only :meth:`RoleOperations.sync_health` uses the network, and falls back to what
it saw last.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from . import catalog, errors, ordering, queries
from .session import Auth
from .store import Store
from .suggestions import PastOrder, suggest
from .transport import AccessExpired, ServerApi
from .values import (
    DeviceView,
    Identity,
    OrderView,
    ShipQueueItem,
    Suggestion,
    SyncHealth,
    SyncStatus,
)

__all__ = ["RoleOperations"]

log = logging.getLogger(__name__)

# Orders that count as the customer's history: what they really ordered.
_HISTORY_STATUSES = ("submitted", "confirmed", "partially_shipped", "shipped", "closed")


class RoleOperations:
    """Warehouse, store-owner and back-office operations (mixed into the engine)."""

    store: Store
    _sync_lock: threading.Lock

    def _who(self) -> Identity:
        raise NotImplementedError

    def _session(self) -> tuple[ServerApi, Auth]:
        raise NotImplementedError

    def status(self) -> SyncStatus:
        raise NotImplementedError

    # ------------------------------------------------------------------ warehouse

    def ship_queue(self, warehouse_id: int | None = None) -> list[ShipQueueItem]:
        """Confirmed and partially shipped orders to ship, with what remains of each line.

        ``warehouse_id`` defaults to the clerk's own warehouse (None for others: every
        warehouse in their scope). Ordered by requested delivery date, then age.
        """
        if warehouse_id is None:
            warehouse_id = self._who().warehouse_id
        with self.store.read() as db:
            return queries.ship_queue(db, warehouse_id)

    # ------------------------------------------------------------------ store owner

    def price_breaks(self, customer_id: int, product_id: int) -> list[tuple[int, Decimal]]:
        """The customer's quantity breaks for the product: (from units, unit price), lowest
        first; empty when the product's base price applies."""
        with self.store.read() as db:
            row = catalog.price_row(db, customer_id, product_id)
        if row is None:
            return []
        return sorted((b.min_qty, b.unit_price) for b in row.breaks)

    def suggestions(self, customer_id: int | None = None,
                    today: dt.date | None = None) -> list[Suggestion]:
        """What the customer (default: the signed-in owner's) usually orders and when it is
        due again, from their order history on this device. Never applied by itself."""
        if customer_id is None:
            customer_id = self._who().customer_id
        if customer_id is None:
            return []
        with self.store.read() as db:
            history = list(_past_orders(db, customer_id))
        return suggest(history, today or dt.date.today())

    def receive(self, order_id: str, discrepancy: str = "") -> OrderView:
        """Confirm receipt of a shipped order (it closes), noting any discrepancy."""
        who = self._who()
        with self.store.write() as db:
            ordering.receive_order(db, who, order_id, discrepancy)
            return queries.order_view(db, order_id)

    # ------------------------------------------------------------------ back office

    def review_queue(self) -> list[OrderView]:
        """Submitted orders waiting for a decision (held: credit exceeded, stock short), the
        oldest first, with their lines."""
        with self.store.read() as db:
            ids = [r[0] for r in db.execute(
                "SELECT id FROM orders WHERE status = 'submitted' AND number IS NOT NULL"
                " ORDER BY created_at, id")]
            return [queries.order_view(db, i) for i in ids]

    def confirm_order(self, order_id: str) -> OrderView:
        """Back office: confirm a held order."""
        who = self._who()
        with self.store.write() as db:
            ordering.confirm_order(db, who, order_id)
            return queries.order_view(db, order_id)

    def reject_order(self, order_id: str, reason: str) -> OrderView:
        """Back office: reject a held order; ``reason`` is required (the rep sees it)."""
        who = self._who()
        with self.store.write() as db:
            ordering.reject_order(db, who, order_id, reason)
            return queries.order_view(db, order_id)

    def sync_health(self, *, fetch_devices: bool = True) -> SyncHealth:
        """This device's sync status, and every device's last sync (admin; fetched from the
        server when it can be reached, else the last list fetched, marked as such)."""
        status = self.status()
        with self.store.read() as db:
            cached = self.store.get_meta(db, "devices_cache")
        devices, as_of = _decode_devices(cached)
        if not fetch_devices:
            return SyncHealth(status, devices, as_of, False)
        try:
            fresh = self._fetch_devices()
        except errors.SyncError as exc:
            log.info("device list not fetched: %s", exc)
            return SyncHealth(status, devices, as_of, False, str(exc))
        as_of = dt.datetime.now(dt.UTC).isoformat()
        with self.store.write() as db:
            self.store.set_meta(db, "devices_cache", json.dumps({"as_of": as_of,
                                                                 "devices": fresh}))
        return SyncHealth(status, tuple(_device(d) for d in fresh), as_of, True)

    def _fetch_devices(self) -> list[Any]:
        api, auth = self._session()
        return _authorised(auth, api.devices)


def _authorised(auth: Auth, call: Callable[[str], list[Any]]) -> list[Any]:
    token = auth.token()
    try:
        return call(token)
    except AccessExpired:
        return call(auth.refreshed_token(token))


def _past_orders(db: sqlite3.Connection, customer_id: int) -> Iterator[PastOrder]:
    marks = ",".join("?" * len(_HISTORY_STATUSES))
    orders = db.execute(
        f"SELECT id, created_at FROM orders WHERE customer_id = ? AND status IN ({marks})",
        (customer_id, *_HISTORY_STATUSES)).fetchall()
    for o in orders:
        quantities = {r[0]: int(r[1]) for r in db.execute(
            "SELECT product_id, quantity FROM order_lines WHERE order_id = ?", (o["id"],))}
        placed = dt.datetime.fromisoformat(str(o["created_at"])).date()
        yield PastOrder(placed, quantities)


def _device(d: Any) -> DeviceView:
    seq = d.get("last_cursor_seq")
    return DeviceView(
        id=str(d.get("id") or ""), name=str(d.get("name") or ""),
        username=str(d.get("username") or ""), last_seen_at=d.get("last_seen_at"),
        last_pull_at=d.get("last_pull_at"), last_push_at=d.get("last_push_at"),
        last_cursor_seq=None if seq is None else int(seq))


def _decode_devices(text: str | None) -> tuple[tuple[DeviceView, ...], str | None]:
    if not text:
        return (), None
    data = json.loads(text)
    return tuple(_device(d) for d in data.get("devices", [])), data.get("as_of")
