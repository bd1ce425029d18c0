"""Local order rows: writing the user's view of an order, and the server's state beside it.

An order row is what the user sees. ``server_data``/``server_version`` hold the last server
state received. While the order has pending or held mutations, or an open conflict, a server
state arriving from the feed is stored beside the view and does not touch it (the user's
pending edits are never clobbered); once nothing is pending, the view becomes the server state.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sync_engine import domain as d

from .outbox import order_entity
from .store import compact_json, now_iso

__all__ = [
    "has_pending",
    "replace_lines",
    "settle",
    "store_server_state",
    "write_from_server",
]


def has_pending(db: sqlite3.Connection, order_id: str) -> bool:
    """True if the order has unsent/held mutations or an open conflict."""
    entity = order_entity(order_id)
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ? AND state IN ('pending', 'held'))"
        " OR EXISTS (SELECT 1 FROM conflicts WHERE entity = ? AND resolved_at IS NULL)",
        (entity, entity),
    ).fetchone()
    return bool(row[0])


def replace_lines(
    db: sqlite3.Connection, order_id: str, lines: Iterable[d.OrderLine]
) -> d.OrderTotals:
    """Replace the order's lines in the view and its totals; returns the totals."""
    lines = list(lines)
    db.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
    db.executemany(
        "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,"
        " shipped_qty) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (order_id, i + 1, ln.product_id, ln.quantity, str(ln.unit_price), str(ln.tax_rate),
             ln.shipped_qty)
            for i, ln in enumerate(lines)
        ],
    )
    totals = d.order_totals(lines)
    db.execute(
        "UPDATE orders SET net = ?, tax = ?, gross = ? WHERE id = ?",
        (str(totals.net), str(totals.tax), str(totals.gross), order_id),
    )
    return totals


def _server_lines(data: Mapping[str, Any]) -> list[d.OrderLine]:
    return [
        d.OrderLine(
            product_id=int(ln["product_id"]),
            quantity=int(ln["quantity"]),
            unit_price=Decimal(ln["unit_price"]),
            tax_rate=Decimal(ln["tax_rate"]),
            shipped_qty=int(ln.get("shipped_qty", 0)),
        )
        for ln in data.get("lines", [])
    ]


def write_from_server(db: sqlite3.Connection, data: Mapping[str, Any], version: int) -> None:
    """Make the view of the order exactly the server's state ``data`` (at ``version``)."""
    order_id = str(data["id"])
    existing = db.execute("SELECT local_number, created_at FROM orders WHERE id = ?",
                          (order_id,)).fetchone()
    text = compact_json(data)
    values = (
        data.get("number"),
        data.get("local_number") or (existing["local_number"] if existing else ""),
        int(data["customer_id"]),
        data.get("warehouse_id"),
        str(data["status"]),
        data.get("notes") or "",
        data.get("delivery_date"),
        str(data.get("created_at") or (existing["created_at"] if existing else now_iso())),
        str(data.get("updated_at") or now_iso()),
        json.dumps(list(data.get("hold_reasons") or [])),
        version,
        text,
    )
    if existing is None:
        db.execute(
            "INSERT INTO orders (number, local_number, customer_id, warehouse_id, status, notes,"
            " delivery_date, created_at, updated_at, hold_reasons, server_version, server_data,"
            " net, tax, gross, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0', '0', ?)",
            (*values, order_id),
        )
    else:
        db.execute(
            "UPDATE orders SET number = ?, local_number = ?, customer_id = ?, warehouse_id = ?,"
            " status = ?, notes = ?, delivery_date = ?, created_at = ?, updated_at = ?,"
            " hold_reasons = ?, server_version = ?, server_data = ? WHERE id = ?",
            (*values, order_id),
        )
    totals = data.get("totals")
    if not isinstance(totals, Mapping):
        replace_lines(db, order_id, _server_lines(data))
        return
    # The server's lines and totals are already computed by the shared rules: store them as
    # they are (rebuilding them here would cost more than the rest of recording a result).
    db.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
    db.executemany(
        "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,"
        " shipped_qty) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(order_id, i + 1, int(ln["product_id"]), int(ln["quantity"]), str(ln["unit_price"]),
          str(ln["tax_rate"]), int(ln.get("shipped_qty", 0)))
         for i, ln in enumerate(data.get("lines", []))],
    )
    db.execute("UPDATE orders SET net = ?, tax = ?, gross = ? WHERE id = ?",
               (str(totals["net"]), str(totals["tax"]), str(totals["gross"]), order_id))


def store_server_state(db: sqlite3.Connection, data: Mapping[str, Any], version: int) -> bool:
    """Record a server state of an order: the view follows it unless local changes wait.

    Older states than the one already known are ignored (the feed and push results may
    arrive in either order). Returns True if the view was rewritten from ``data``.
    """
    order_id = str(data["id"])
    row = db.execute("SELECT server_version FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is not None and version < int(row["server_version"]):
        return False
    if row is not None and has_pending(db, order_id):
        db.execute(
            "UPDATE orders SET server_version = ?, server_data = ?, number = COALESCE(?, number)"
            " WHERE id = ?",
            (version, compact_json(data), data.get("number"),
             order_id),
        )
        return False
    write_from_server(db, data, version)
    return True


def settle(db: sqlite3.Connection, order_id: str) -> None:
    """Once nothing is pending for the order, let its view become the last server state."""
    if has_pending(db, order_id):
        return
    row = db.execute("SELECT server_data, server_version FROM orders WHERE id = ?",
                     (order_id,)).fetchone()
    if row is None or row["server_data"] is None:
        return
    write_from_server(db, json.loads(row["server_data"]), int(row["server_version"]))
