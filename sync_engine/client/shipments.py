"""The ``shipments`` table: what left a warehouse for an order. Every write to it is here.

A shipment confirmed on this device (:func:`.ordering.confirm_shipment`) is kept at version 0
until the server answers: it stays in view through purges and resyncs, and goes only if the user
takes the server's side of its conflict. From then on the row is the server's, from the push
answer or the feed, whichever is newer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from .bulk_insert import insert_rows
from .store import compact_json

__all__ = [
    "clear_synced",
    "delete",
    "drop_unsent",
    "drop_unsent_of_order",
    "purge_customer",
    "record_unsent",
    "store_server_states",
]

_HEAD = "INSERT INTO shipments (id, order_id, customer_id, warehouse_id, data, version) VALUES"
# Keep the newer state: a replayed or reordered older change never overwrites a newer one.
_NEWER = (
    "ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id,"
    " customer_id = excluded.customer_id, warehouse_id = excluded.warehouse_id,"
    " data = excluded.data, version = excluded.version"
    " WHERE excluded.version >= shipments.version"
)


def record_unsent(db: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    """A shipment confirmed here (version 0: the server has not answered yet)."""
    db.execute(_HEAD + " (?, ?, ?, ?, ?, 0)",
               (data["id"], data["order_id"], data.get("customer_id"), data.get("warehouse_id"),
                compact_json(data)))


def store_server_states(db: sqlite3.Connection,
                        states: Iterable[tuple[Mapping[str, Any], int]]) -> None:
    """Shipments as the server has them (data, version), from the feed or a push answer."""
    insert_rows(db, _HEAD, [
        (x["id"], x["order_id"], x.get("customer_id"), x.get("warehouse_id"), compact_json(x),
         version)
        for x, version in states
    ], _NEWER)


def delete(db: sqlite3.Connection, shipment_ids: Iterable[str]) -> None:
    """The server deleted these shipments."""
    db.executemany("DELETE FROM shipments WHERE id = ?", [(i,) for i in shipment_ids])


def drop_unsent(db: sqlite3.Connection, shipment_id: str) -> None:
    """Forget a shipment confirmed here that the server refused (the user took its side)."""
    db.execute("DELETE FROM shipments WHERE id = ? AND version = 0", (shipment_id,))


def drop_unsent_of_order(db: sqlite3.Connection, order_id: str) -> None:
    """Forget the unsent shipments of an order the server never had."""
    db.execute("DELETE FROM shipments WHERE order_id = ? AND version = 0", (order_id,))


def purge_customer(db: sqlite3.Connection, customer_id: int) -> None:
    """The customer left this user's scope: its shipments go, except unsent ones."""
    db.execute("DELETE FROM shipments WHERE customer_id = ? AND version > 0", (customer_id,))


def clear_synced(db: sqlite3.Connection) -> None:
    """Before a resync's full state is swapped in: every shipment but this device's unsent."""
    db.execute("DELETE FROM shipments WHERE version > 0")
