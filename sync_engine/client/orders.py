"""The ``orders`` and ``order_lines`` tables: the user's view of each order, and the server's
state beside it. Every write to them is a function here; the operations (:mod:`.ordering`,
:mod:`.conflicts`) and the feed (:mod:`.replica`) call them.

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
from .store import compact_json, existing_row, now_iso

__all__ = [
    "clear_synced",
    "delete",
    "has_pending",
    "highest_number",
    "insert_draft",
    "order_lines",
    "order_promotions",
    "order_row",
    "purge_customer",
    "remove_synced",
    "replace_lines",
    "set_delivery_date",
    "set_notes",
    "set_status",
    "settle",
    "store_server_state",
    "touch",
    "write_from_server",
]


# ---------------------------------------------------------------------- reading


def order_row(db: sqlite3.Connection, order_id: str) -> sqlite3.Row:
    """The order's row, or :class:`.errors.NotFound`."""
    return existing_row(db, "orders", order_id, "order")


def highest_number(db: sqlite3.Connection) -> int | None:
    """The highest server order number this replica holds (27 for ``DH00000027``), or None:
    sent with a sync, so that a server that went back in time numbers no order at or below
    it (PROTOCOL.md)."""
    row = db.execute("SELECT max(CAST(substr(number, 3) AS INTEGER)) FROM orders"
                     " WHERE number LIKE 'DH%'").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def order_lines(db: sqlite3.Connection, order_id: str) -> list[d.OrderLine]:
    """The order's lines as the user sees them, in line order (gift lines last)."""
    return [
        d.OrderLine(product_id=r["product_id"], quantity=r["quantity"],
                    unit_price=Decimal(r["unit_price"]), tax_rate=Decimal(r["tax_rate"]),
                    shipped_qty=r["shipped_qty"], tax_included=bool(r["tax_included"]),
                    discount=Decimal(r["discount"]), promotion=r["promotion"],
                    gift=bool(r["gift"]))
        for r in db.execute("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no",
                            (order_id,))
    ]


def order_promotions(db: sqlite3.Connection, order_id: str) -> list[d.AppliedPromotion]:
    """What each promotion gave the order, as last priced (locally or by the server)."""
    row = db.execute("SELECT promotions FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        return []
    return [d.AppliedPromotion.from_dict(p) for p in json.loads(row["promotions"] or "[]")]


def has_pending(db: sqlite3.Connection, order_id: str) -> bool:
    """True if the order has unsent/held mutations or an open conflict."""
    entity = order_entity(order_id)
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ? AND state IN ('pending', 'held'))"
        " OR EXISTS (SELECT 1 FROM conflicts WHERE entity = ? AND resolved_at IS NULL)",
        (entity, entity),
    ).fetchone()
    return bool(row[0])


# ---------------------------------------------------------------------- the user's changes


def insert_draft(db: sqlite3.Connection, order_id: str, *, local_number: str, customer_id: int,
                 warehouse_id: int | None, notes: str, delivery_date: str | None) -> None:
    """A new empty draft (no server number, totals zero)."""
    now = now_iso()
    db.execute(
        "INSERT INTO orders (id, number, local_number, customer_id, warehouse_id, status, notes,"
        " delivery_date, created_at, updated_at, net, tax, gross) VALUES"
        " (?, NULL, ?, ?, ?, 'draft', ?, ?, ?, ?, '0.00', '0.00', '0.00')",
        (order_id, local_number, customer_id, warehouse_id, notes, delivery_date, now, now),
    )


def set_status(db: sqlite3.Connection, order_id: str, status: d.OrderStatus, *,
               clear_holds: bool = False) -> None:
    """Move the order to ``status`` (the rules were checked by the caller); ``clear_holds``
    also forgets why the server held it (a back-office confirmation)."""
    sql = "UPDATE orders SET status = ?, updated_at = ?"
    if clear_holds:
        sql += ", hold_reasons = '[]'"
    db.execute(sql + " WHERE id = ?", (status.value, now_iso(), order_id))


def set_notes(db: sqlite3.Connection, order_id: str, notes: str) -> None:
    """Set the order's notes (:func:`touch` records when)."""
    db.execute("UPDATE orders SET notes = ? WHERE id = ?", (notes, order_id))


def set_delivery_date(db: sqlite3.Connection, order_id: str, delivery_date: str | None) -> None:
    """Set (ISO date) or clear the requested delivery date (:func:`touch` records when)."""
    db.execute("UPDATE orders SET delivery_date = ? WHERE id = ?", (delivery_date, order_id))


def touch(db: sqlite3.Connection, order_id: str) -> None:
    """Record that the user changed the order now."""
    db.execute("UPDATE orders SET updated_at = ? WHERE id = ?", (now_iso(), order_id))


def delete(db: sqlite3.Connection, order_id: str) -> None:
    """Remove the order and its lines (one the server never had, given up by the user)."""
    _drop(db, [order_id])


_INSERT_LINES = (
    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,"
    " shipped_qty, tax_included, discount, promotion, gift) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?)"
)


def replace_lines(
    db: sqlite3.Connection, order_id: str, lines: Iterable[d.OrderLine],
    promotions: Iterable[d.AppliedPromotion] | None = None,
) -> d.OrderTotals:
    """Replace the order's lines in the view, what promotions gave it (None: unchanged, as
    when a shipment is recorded), and its totals (the sums of the lines); returns the
    totals."""
    lines = list(lines)
    db.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
    db.executemany(
        _INSERT_LINES,
        [
            (order_id, i + 1, ln.product_id, ln.quantity, str(ln.unit_price), str(ln.tax_rate),
             ln.shipped_qty, int(ln.tax_included), str(ln.discount), ln.promotion, int(ln.gift))
            for i, ln in enumerate(lines)
        ],
    )
    totals = d.order_totals(lines)
    db.execute(
        "UPDATE orders SET net = ?, tax = ?, gross = ? WHERE id = ?",
        (str(totals.net), str(totals.tax), str(totals.gross), order_id),
    )
    if promotions is not None:
        db.execute("UPDATE orders SET promotions = ? WHERE id = ?",
                   (compact_json([p.to_dict() for p in promotions]), order_id))
    return totals


# ---------------------------------------------------------------------- the server's states


def _server_lines(data: Mapping[str, Any]) -> list[d.OrderLine]:
    return [
        d.OrderLine(
            product_id=int(ln["product_id"]),
            quantity=int(ln["quantity"]),
            unit_price=Decimal(ln["unit_price"]),
            tax_rate=Decimal(ln["tax_rate"]),
            shipped_qty=int(ln.get("shipped_qty", 0)),
            tax_included=bool(ln.get("tax_included", False)),
            discount=Decimal(str(ln.get("discount", "0"))),
            promotion=str(ln.get("promotion") or ""),
            gift=bool(ln.get("gift", False)),
        )
        for ln in data.get("lines", [])
    ]


def write_from_server(db: sqlite3.Connection, data: Mapping[str, Any], version: int) -> None:
    """Make the view of the order exactly the server's state ``data`` (at ``version``)."""
    existing = db.execute("SELECT local_number, created_at FROM orders WHERE id = ?",
                          (str(data["id"]),)).fetchone()
    _write_from_server(db, data, version, existing)


def _write_from_server(db: sqlite3.Connection, data: Mapping[str, Any], version: int,
                       existing: sqlite3.Row | None) -> None:
    """:func:`write_from_server` with the order's row as read by the caller (None: the view
    has no such order yet), which holds its ``local_number`` and ``created_at``."""
    order_id = str(data["id"])
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
    totals = data.get("totals")
    promotions = [d.AppliedPromotion.from_dict(p) for p in data.get("promotions") or []]
    if not isinstance(totals, Mapping):
        _write_order_row(db, order_id, existing is None, values)
        replace_lines(db, order_id, _server_lines(data), promotions)
        return
    # The server's lines and totals are already computed by the shared rules: store them as
    # they are (rebuilding them here would cost more than the rest of recording a result),
    # with the rest of the order's row in one statement.
    _write_order_row(db, order_id, existing is None, values, (
        str(totals["net"]), str(totals["tax"]), str(totals["gross"]),
        compact_json([p.to_dict() for p in promotions])))
    db.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
    db.executemany(
        _INSERT_LINES,
        [(order_id, i + 1, int(ln["product_id"]), int(ln["quantity"]), str(ln["unit_price"]),
          str(ln["tax_rate"]), int(ln.get("shipped_qty", 0)), int(bool(ln.get("tax_included"))),
          str(ln.get("discount", "0")), str(ln.get("promotion") or ""),
          int(bool(ln.get("gift"))))
         for i, ln in enumerate(data.get("lines", []))],
    )


_ORDER_ROW = {
    # (new row, with totals and promotions): the statement
    (True, False): "INSERT INTO orders (number, local_number, customer_id, warehouse_id, status,"
    " notes, delivery_date, created_at, updated_at, hold_reasons, server_version, server_data,"
    " net, tax, gross, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0', '0', ?)",
    (True, True): "INSERT INTO orders (number, local_number, customer_id, warehouse_id, status,"
    " notes, delivery_date, created_at, updated_at, hold_reasons, server_version, server_data,"
    " net, tax, gross, promotions, id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    (False, False): "UPDATE orders SET number = ?, local_number = ?, customer_id = ?,"
    " warehouse_id = ?, status = ?, notes = ?, delivery_date = ?, created_at = ?,"
    " updated_at = ?, hold_reasons = ?, server_version = ?, server_data = ? WHERE id = ?",
    (False, True): "UPDATE orders SET number = ?, local_number = ?, customer_id = ?,"
    " warehouse_id = ?, status = ?, notes = ?, delivery_date = ?, created_at = ?,"
    " updated_at = ?, hold_reasons = ?, server_version = ?, server_data = ?, net = ?, tax = ?,"
    " gross = ?, promotions = ? WHERE id = ?",
}


def _write_order_row(db: sqlite3.Connection, order_id: str, new: bool, values: tuple[Any, ...],
                     money: tuple[str, str, str, str] | None = None) -> None:
    """Insert (``new``) or update the order's row with ``values`` and, if given, its totals
    and promotions (``money``); a new row without them has zero totals until its lines are
    written."""
    db.execute(_ORDER_ROW[new, money is not None], (*values, *(money or ()), order_id))


def store_server_state(db: sqlite3.Connection, data: Mapping[str, Any], version: int) -> bool:
    """Record a server state of an order: the view follows it unless local changes wait.

    Older states than the one already known are ignored (the feed and push results may
    arrive in either order). Returns True if the view was rewritten from ``data``.
    """
    order_id = str(data["id"])
    row = db.execute("SELECT server_version, local_number, created_at FROM orders WHERE id = ?",
                     (order_id,)).fetchone()
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
    _write_from_server(db, data, version, row)
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


# ---------------------------------------------------------------------- leaving the replica


def _drop(db: sqlite3.Connection, order_ids: list[str]) -> None:
    db.executemany("DELETE FROM order_lines WHERE order_id = ?", [(i,) for i in order_ids])
    db.executemany("DELETE FROM orders WHERE id = ?", [(i,) for i in order_ids])


def remove_synced(db: sqlite3.Connection, order_ids: Iterable[str]) -> None:
    """The server deleted these orders: remove them, except those with local changes waiting
    (the server answers those mutations, and the user must see the answer)."""
    _drop(db, [i for i in order_ids if not has_pending(db, i)])


def purge_customer(db: sqlite3.Connection, customer_id: int) -> None:
    """The customer left this user's scope: remove its orders, keeping drafts and orders still
    in flight."""
    _drop(db, [
        row[0] for row in db.execute(
            "SELECT id FROM orders WHERE customer_id = ? AND status != 'draft'", (customer_id,))
        if not has_pending(db, row[0])
    ])


def clear_synced(db: sqlite3.Connection) -> None:
    """Before a resync's full state is swapped in: remove every order but drafts and orders
    still in flight."""
    _drop(db, [
        row[0] for row in db.execute("SELECT id FROM orders WHERE status != 'draft'")
        if not has_pending(db, row[0])
    ])


def forget_server_states(db: sqlite3.Connection) -> None:
    """The server went back in time: the states it had sent of the orders still here (drafts,
    orders with changes in flight) may be ones it no longer has. Forget them; the resync's full
    state and the answers to what is sent again bring the server's actual ones."""
    db.execute("UPDATE orders SET server_version = 0, server_data = NULL"
               " WHERE status != 'draft'")
