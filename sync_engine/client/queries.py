"""Read models for the desktop app: rows of the replica turned into view values."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from typing import Any

from sync_engine import domain as d

from . import outbox
from .catalog import product_from_row
from .errors import NotFound
from .values import (
    ConflictView,
    CustomerView,
    OrderLineView,
    OrderView,
    ProductView,
    ShipmentView,
    ShipQueueItem,
    StockView,
    WarehouseView,
)

__all__ = [
    "browse_products",
    "conflict_view",
    "conflicts",
    "customer_view",
    "customers",
    "list_orders",
    "order_view",
    "product_views",
    "ship_queue",
    "shipments",
    "stock_view",
    "sync_state",
    "warehouses",
]


def product_views(db: sqlite3.Connection, ids: list[int]) -> list[ProductView]:
    """Products by id, in the order of ``ids`` (unknown ids are skipped)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = {r["id"]: r for r in db.execute(f"SELECT * FROM products WHERE id IN ({marks})", ids)}
    return [
        product_from_row(r) for i in ids if (r := rows.get(i)) is not None
    ]


def warehouses(db: sqlite3.Connection) -> list[WarehouseView]:
    """The warehouses in the replica, by code."""
    return [WarehouseView(int(r["id"]), str(r["code"]), str(r["name"]))
            for r in db.execute("SELECT id, code, name FROM warehouses ORDER BY code")]


def stock_view(db: sqlite3.Connection, product_id: int, warehouse_id: int) -> StockView | None:
    """Stock of a product in a warehouse as of the last sync, or None if unknown."""
    r = db.execute("SELECT * FROM stock WHERE product_id = ? AND warehouse_id = ?",
                   (product_id, warehouse_id)).fetchone()
    if r is None:
        return None
    return StockView(r["product_id"], r["warehouse_id"], r["on_hand"], r["reserved"],
                     max(0, r["on_hand"] - r["reserved"]), r["as_of"])


def _customer(r: sqlite3.Row) -> CustomerView:
    return CustomerView(
        id=r["id"], code=r["code"], name=r["name"], name_en=r["name_en"], address=r["address"],
        phone=r["phone"], rep_id=r["rep_id"], warehouse_id=r["warehouse_id"],
        credit_limit=None if r["credit_limit"] is None else Decimal(r["credit_limit"]),
        payment_terms=r["payment_terms"], active=bool(r["active"]),
        prices_include_tax=bool(r["prices_include_tax"]))


def customers(
    db: sqlite3.Connection, text: str = "", include_inactive: bool = False
) -> list[CustomerView]:
    """The customers in this user's scope, by code; ``text`` filters on code and names."""
    sql = "SELECT * FROM customers WHERE (? OR active)"
    params: list[Any] = [1 if include_inactive else 0]
    if text:
        sql += " AND (code LIKE ? OR name LIKE ? OR name_en LIKE ?)"
        params += [f"%{text}%"] * 3
    return [_customer(r) for r in db.execute(sql + " ORDER BY code", params)]


def customer_view(db: sqlite3.Connection, customer_id: int) -> CustomerView:
    """One customer, or :class:`NotFound`."""
    r = db.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if r is None:
        raise NotFound(f"There is no customer {customer_id} on this device.")
    return _customer(r)


def sync_state(db: sqlite3.Connection, order_id: str, status: str) -> str:
    """``local``, ``attention``, ``pending`` or ``synced`` (see :class:`OrderView`)."""
    entity = outbox.order_entity(order_id)
    if db.execute("SELECT 1 FROM conflicts WHERE entity = ? AND resolved_at IS NULL",
                  (entity,)).fetchone():
        return "attention"
    if db.execute("SELECT 1 FROM outbox WHERE entity = ? AND state IN ('pending', 'held')",
                  (entity,)).fetchone():
        return "pending"
    return "local" if status == "draft" else "synced"


_SUFFIX = {"pending": " (pending sync)", "attention": " (needs attention)", "local": "",
           "synced": ""}


def order_view(db: sqlite3.Connection, order_id: str) -> OrderView:
    """The order as the user sees it, or :class:`NotFound`."""
    r = db.execute(
        "SELECT o.*, c.name AS customer_name, c.name_en AS customer_name_en FROM orders o"
        " LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ?", (order_id,)).fetchone()
    if r is None:
        raise NotFound(f"There is no order {order_id} on this device.")
    return _order(db, r, with_lines=True)


def _order(db: sqlite3.Connection, r: sqlite3.Row, *, with_lines: bool) -> OrderView:
    lines: list[OrderLineView] = []
    if with_lines:
        for ln in db.execute("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no",
                             (r["id"],)):
            line = d.OrderLine(ln["product_id"], ln["quantity"], Decimal(ln["unit_price"]),
                               Decimal(ln["tax_rate"]), ln["shipped_qty"],
                               tax_included=bool(ln["tax_included"]),
                               discount=Decimal(ln["discount"]), promotion=ln["promotion"],
                               gift=bool(ln["gift"]))
            net, tax, gross = line.amounts()
            lines.append(OrderLineView(ln["line_no"], line.product_id, line.quantity,
                                       line.unit_price, line.tax_rate, line.shipped_qty,
                                       net, tax, gross, line.tax_included, line.discount,
                                       line.promotion, line.gift))
    state = sync_state(db, r["id"], r["status"])
    server = None if r["server_data"] is None else json.loads(r["server_data"])
    history = tuple(server.get("history", [])) if server else ()
    return OrderView(
        id=r["id"], number=r["number"], local_number=r["local_number"],
        customer_id=r["customer_id"], customer_name=r["customer_name"] or "",
        warehouse_id=r["warehouse_id"], status=r["status"], sync_state=state,
        display_status=r["status"] + _SUFFIX[state], notes=r["notes"],
        delivery_date=None if r["delivery_date"] is None
        else dt.date.fromisoformat(r["delivery_date"]),
        created_at=r["created_at"], updated_at=r["updated_at"], net=Decimal(r["net"]),
        tax=Decimal(r["tax"]), gross=Decimal(r["gross"]),
        hold_reasons=tuple(json.loads(r["hold_reasons"] or "[]")),
        server_version=r["server_version"], lines=tuple(lines), history=history,
        server=server if state in ("pending", "attention") else None,
        customer_name_en=r["customer_name_en"] or "",
        receipt_note=str((server or {}).get("receipt_note") or ""),
        promotions=tuple(d.AppliedPromotion.from_dict(p)
                         for p in json.loads(r["promotions"] or "[]")) if with_lines else (),
    )


def list_orders(
    db: sqlite3.Connection,
    *,
    status: str | None = None,
    customer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str = "",
    limit: int = 200,
    offset: int = 0,
) -> list[OrderView]:
    """Order history, newest first (without lines; use :func:`order_view` for those).

    ``text`` matches the order number, the local number, the customer's code or name and the
    notes. Dates are creation dates, inclusive.
    """
    sql = ("SELECT o.*, c.name AS customer_name, c.name_en AS customer_name_en FROM orders o"
           " LEFT JOIN customers c ON c.id = o.customer_id WHERE 1 = 1")
    params: list[Any] = []
    if status:
        sql += " AND o.status = ?"
        params.append(status)
    if customer_id is not None:
        sql += " AND o.customer_id = ?"
        params.append(customer_id)
    if date_from is not None:
        sql += " AND o.created_at >= ?"
        params.append(date_from.isoformat())
    if date_to is not None:
        sql += " AND o.created_at < ?"
        params.append((date_to + dt.timedelta(days=1)).isoformat())
    if text:
        sql += (" AND (o.number LIKE ? OR o.local_number LIKE ? OR c.name LIKE ?"
                " OR c.code LIKE ? OR o.notes LIKE ?)")
        params += [f"%{text}%"] * 5
    sql += " ORDER BY o.created_at DESC, o.id LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [_order(db, r, with_lines=False) for r in db.execute(sql, params).fetchall()]


_SHIPPABLE = ("confirmed", "partially_shipped")


def ship_queue(db: sqlite3.Connection, warehouse_id: int | None) -> list[ShipQueueItem]:
    """Orders to ship from the warehouse (all warehouses with None): confirmed or partially
    shipped, with lines and what remains; by requested delivery date (none last), then age."""
    sql = ("SELECT o.*, c.name AS customer_name, c.name_en AS customer_name_en,"
           " c.code AS customer_code FROM orders o LEFT JOIN customers c"
           " ON c.id = o.customer_id WHERE o.status IN (?, ?)")
    params: list[Any] = list(_SHIPPABLE)
    if warehouse_id is not None:
        sql += " AND o.warehouse_id = ?"
        params.append(warehouse_id)
    sql += " ORDER BY o.delivery_date IS NULL, o.delivery_date, o.created_at, o.id"
    out = []
    for r in db.execute(sql, params).fetchall():
        order = _order(db, r, with_lines=True)
        ordered = sum(ln.quantity for ln in order.lines)
        shipped = sum(min(ln.shipped_qty, ln.quantity) for ln in order.lines)
        out.append(ShipQueueItem(
            order=order, customer_code=r["customer_code"] or "", ordered_units=ordered,
            shipped_units=shipped, remaining_units=ordered - shipped,
            open_lines=sum(1 for ln in order.lines if ln.remaining)))
    return out


def browse_products(db: sqlite3.Connection, *, limit: int, offset: int,
                    include_inactive: bool = False) -> list[int]:
    """Product ids in SKU order, a page at a time (the catalog with nothing searched)."""
    return [r[0] for r in db.execute(
        "SELECT id FROM products WHERE (? OR active) ORDER BY sku LIMIT ? OFFSET ?",
        (1 if include_inactive else 0, max(0, limit), max(0, offset)))]


def shipments(db: sqlite3.Connection, order_id: str) -> list[ShipmentView]:
    """The order's shipments (``pending``: recorded here, not yet confirmed by the server)."""
    out = []
    for r in db.execute("SELECT * FROM shipments WHERE order_id = ? ORDER BY rowid", (order_id,)):
        data = json.loads(r["data"])
        out.append(ShipmentView(
            id=r["id"], order_id=r["order_id"],
            lines=tuple((int(x["product_id"]), int(x["quantity"])) for x in data.get("lines", [])),
            carrier=data.get("carrier") or "", tracking_number=data.get("tracking_number") or "",
            shipped_at=data.get("shipped_at"), pending=r["version"] == 0))
    return out


def _conflict(db: sqlite3.Connection, r: sqlite3.Row) -> ConflictView:
    held = db.execute("SELECT COUNT(*) FROM outbox WHERE conflict_id = ? AND state = 'held'",
                      (r["id"],)).fetchone()[0]
    entity = str(r["entity"])
    return ConflictView(
        id=r["id"], entity=entity,
        order_id=entity.split(":", 1)[1] if entity.startswith("order:") else None,
        kind=r["kind"], status=r["status"], reason=r["reason"], message=r["message"],
        message_zh=r["message_zh"], errors=tuple(json.loads(r["errors"])),
        details=json.loads(r["details"]), mine=json.loads(r["mine"]),
        server=None if r["server"] is None else json.loads(r["server"]),
        created_at=r["created_at"], held=int(held))


def conflicts(db: sqlite3.Connection, include_resolved: bool = False) -> list[ConflictView]:
    """The conflicts inbox, oldest first."""
    sql = "SELECT * FROM conflicts"
    if not include_resolved:
        sql += " WHERE resolved_at IS NULL"
    return [_conflict(db, r) for r in db.execute(sql + " ORDER BY id").fetchall()]


def conflict_view(db: sqlite3.Connection, conflict_id: int) -> ConflictView:
    """One conflict, or :class:`NotFound`."""
    r = db.execute("SELECT * FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
    if r is None:
        raise NotFound(f"There is no conflict {conflict_id}.")
    return _conflict(db, r)
