"""The ``returns`` table: returns (退货) as this device knows them. Every write to it is here.

A return asked for on this device (:func:`.returning.request_return`) is kept at version 0
until the server answers; it stays through purges and resyncs, and goes only if the user takes
the server's side of its conflict. A decision or a receipt made here is kept in ``pending``
beside the server's state (``data``) until answered: the server's state is never guessed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from .bulk_insert import insert_rows
from .errors import NotFound
from .store import compact_json, existing_row

__all__ = [
    "add_pending",
    "claimed_units",
    "clear_synced",
    "damaged_units",
    "delete",
    "drop_pending",
    "drop_unsent",
    "for_order",
    "listed",
    "purge_customer",
    "record_unsent",
    "reduce_unsent",
    "return_row",
    "store_server_states",
]

_HEAD = ("INSERT INTO returns (id, order_id, customer_id, warehouse_id, status, data, version)"
         " VALUES")
# Keep the newer state: a replayed or reordered older change never overwrites a newer one.
_NEWER = (
    "ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id,"
    " customer_id = excluded.customer_id, warehouse_id = excluded.warehouse_id,"
    " status = excluded.status, data = excluded.data, version = excluded.version"
    " WHERE excluded.version >= returns.version"
)


# ---------------------------------------------------------------------- reading


def return_row(db: sqlite3.Connection, return_id: str) -> sqlite3.Row:
    """The return's row, or :class:`.errors.NotFound`."""
    return existing_row(db, "returns", return_id, "return")


def for_order(db: sqlite3.Connection, order_id: str) -> list[sqlite3.Row]:
    return list(db.execute("SELECT * FROM returns WHERE order_id = ? ORDER BY rowid",
                           (order_id,)))


def listed(db: sqlite3.Connection, *, status: str | None = None,
           customer_id: int | None = None) -> list[sqlite3.Row]:
    """Returns, newest first (unsent ones first of all)."""
    sql = "SELECT * FROM returns WHERE 1 = 1"
    params: list[Any] = []
    if status is not None:
        sql += " AND status = ?"
        params.append(status)
    if customer_id is not None:
        sql += " AND customer_id = ?"
        params.append(customer_id)
    sql += " ORDER BY version = 0 DESC, json_extract(data, '$.requested_at') DESC, rowid DESC"
    return list(db.execute(sql, params))


def claimed_units(db: sqlite3.Connection, order_id: str) -> list[tuple[str, list[Any]]]:
    """The (status, lines) of the order's returns, for ``domain.returns.claimed_units``."""
    return [(r["status"], json.loads(r["data"])["lines"]) for r in for_order(db, order_id)]


# ---------------------------------------------------------------------- writing


def damaged_units(db: sqlite3.Connection, warehouse_id: int | None = None) -> dict[int, int]:
    """Returned units the server recorded as received damaged (not sellable), per product, over
    the returns this device knows (in ``warehouse_id``, or all): the damaged-goods count a
    clerk's warehouse (or the back office, every warehouse) holds. Unsent receipts do not
    count until the server has them."""
    rows = db.execute(
        "SELECT CAST(json_extract(l.value, '$.product_id') AS INTEGER) AS product_id,"
        " SUM(CAST(json_extract(l.value, '$.damaged_qty') AS INTEGER)) AS units"
        " FROM returns r, json_each(r.data, '$.lines') l"
        " WHERE r.version > 0 AND (? IS NULL OR r.warehouse_id = ?)"
        " GROUP BY 1 HAVING units > 0", (warehouse_id, warehouse_id))
    return {int(r["product_id"]): int(r["units"]) for r in rows}


def record_unsent(db: sqlite3.Connection, data: Mapping[str, Any]) -> None:
    """A return asked for here (version 0: the server has not answered yet)."""
    db.execute(_HEAD + " (?, ?, ?, ?, ?, ?, 0)",
               (data["id"], data["order_id"], data.get("customer_id"), data.get("warehouse_id"),
                data["status"], compact_json(data)))


def reduce_unsent(db: sqlite3.Connection, return_id: str, units: Mapping[int, int]) -> None:
    """A return asked for here, not taken by the server, now asks ``units`` (product id →
    units; products left out are dropped)."""
    row = db.execute("SELECT data FROM returns WHERE id = ? AND version = 0",
                     (return_id,)).fetchone()
    if row is None:
        raise NotFound(f"No unsent return {return_id}.")
    data = json.loads(row["data"])
    data["lines"] = [dict(ln, quantity=units[int(ln["product_id"])]) for ln in data["lines"]
                     if units.get(int(ln["product_id"]))]
    db.execute("UPDATE returns SET data = ? WHERE id = ?", (compact_json(data), return_id))


def store_server_states(db: sqlite3.Connection,
                        states: Iterable[tuple[Mapping[str, Any], int]]) -> None:
    """Returns as the server has them (data, version), from the feed or a push answer."""
    insert_rows(db, _HEAD, [
        (x["id"], x["order_id"], x.get("customer_id"), x.get("warehouse_id"), x["status"],
         compact_json(x), version)
        for x, version in states
    ], _NEWER)


def add_pending(db: sqlite3.Connection, return_id: str, action: Mapping[str, Any]) -> None:
    """Something this device asked of the return (``{"key", "kind", "args"}``), unanswered."""
    row = return_row(db, return_id)
    pending = [*json.loads(row["pending"]), dict(action)]
    db.execute("UPDATE returns SET pending = ? WHERE id = ?", (compact_json(pending), return_id))


def drop_pending(db: sqlite3.Connection, return_id: str, key: str) -> None:
    """The server answered the action queued under ``key``."""
    row = db.execute("SELECT pending FROM returns WHERE id = ?", (return_id,)).fetchone()
    if row is None:
        return
    pending = [p for p in json.loads(row["pending"]) if p.get("key") != key]
    db.execute("UPDATE returns SET pending = ? WHERE id = ?", (compact_json(pending), return_id))


def delete(db: sqlite3.Connection, return_ids: Iterable[str]) -> None:
    """The server deleted these returns."""
    db.executemany("DELETE FROM returns WHERE id = ?", [(i,) for i in return_ids])


def drop_unsent(db: sqlite3.Connection, return_id: str) -> None:
    """Forget a return asked for here that the server refused (the user took its side)."""
    db.execute("DELETE FROM returns WHERE id = ? AND version = 0", (return_id,))


def purge_customer(db: sqlite3.Connection, customer_id: int) -> None:
    """The customer left this user's scope: its returns go, except unsent ones."""
    db.execute("DELETE FROM returns WHERE customer_id = ? AND version > 0", (customer_id,))


def clear_synced(db: sqlite3.Connection) -> None:
    """Before a resync's full state is swapped in: every return but this device's unsent."""
    db.execute("DELETE FROM returns WHERE version > 0")
