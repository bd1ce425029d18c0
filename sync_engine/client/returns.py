"""The ``returns`` table: returns (退货) as this device knows them. Every write to it is here.

A return asked for on this device (:func:`.returning.request_return`) is kept at version 0
until the server answers; it stays through purges and resyncs, and goes only if the user takes
the server's side of its conflict. A decision or a receipt made here is kept in ``pending``
beside the server's state (``data``) until answered: the server's state is never guessed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from .documents import ServerDocuments
from .errors import NotFound
from .store import compact_json, existing_row

__all__ = [
    "TABLE",
    "add_pending",
    "claimed_units",
    "damaged_units",
    "drop_pending",
    "for_order",
    "listed",
    "reduce_unsent",
    "return_row",
]

TABLE = ServerDocuments("returns", required=("status",))
"""Writes to the ``returns`` table as to any table of server documents; those that only a return
has (its pending actions, an unsent one reduced) are below."""


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
