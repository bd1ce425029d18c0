"""Local order operations: each checks the shared rules, then writes the change and its outbox
row in the caller's one transaction. Nothing here commits; the engine does.

Editing works the same on drafts and on submitted orders: a draft changes locally only; a
submitted order (still editable) gets the same change locally at once and an ``order.update``
queued for the server. A quoted price is never changed silently: lines keep the unit price they
were priced at; only the line being edited is priced anew, and :func:`accept_current_prices`
re-prices on request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sync_engine import domain as d
from sync_engine.domain import Issue, OrderStatus, Role

from . import catalog, outbox
from .errors import NotAllowed, NotFound, ValidationFailed
from .orders import replace_lines
from .store import now_iso
from .values import Identity, ReorderDifference

__all__ = [
    "accept_current_prices",
    "cancel_order",
    "check_lines",
    "confirm_shipment",
    "create_draft",
    "edit_order",
    "order_lines",
    "reorder",
    "set_favourite",
    "submit_order",
]

UNSET: Any = object()
"""Marks an argument that was not given (where None means "clear it")."""
_UNSET = UNSET


def order_row(db: sqlite3.Connection, order_id: str) -> sqlite3.Row:
    """The order's row, or :class:`NotFound`."""
    row: sqlite3.Row | None = db.execute("SELECT * FROM orders WHERE id = ?",
                                         (order_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no order {order_id} on this device.")
    return row


def order_lines(db: sqlite3.Connection, order_id: str) -> list[d.OrderLine]:
    """The order's lines as the user sees them, in line order."""
    return [
        d.OrderLine(product_id=r["product_id"], quantity=r["quantity"],
                    unit_price=Decimal(r["unit_price"]), tax_rate=Decimal(r["tax_rate"]),
                    shipped_qty=r["shipped_qty"])
        for r in db.execute("SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no",
                            (order_id,))
    ]


def _role(identity: Identity) -> Role:
    return Role(identity.role)


def _require_ordering_role(identity: Identity) -> None:
    if not d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, _role(identity)):
        raise NotAllowed([Issue("status", "role_not_allowed", {
            "role": identity.role, "from": "draft", "to": "submitted"})])


def _next_local_number(db: sqlite3.Connection) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'local_seq'").fetchone()
    n = int(row[0]) + 1 if row else 1
    db.execute("INSERT INTO meta (key, value) VALUES ('local_seq', ?) ON CONFLICT (key)"
               " DO UPDATE SET value = excluded.value", (str(n),))
    client = db.execute("SELECT value FROM meta WHERE key = 'client_id'").fetchone()
    prefix = (str(client[0])[-4:] if client else "LOCL").upper()
    return f"L{prefix}-{n:05d}"


def create_draft(db: sqlite3.Connection, identity: Identity, customer_id: int, *,
                 notes: str = "", delivery_date: dt.date | None = None) -> str:
    """A new empty draft for the customer; returns its id (a UUID made here)."""
    _require_ordering_role(identity)
    customer = catalog.customer(db, customer_id)
    if customer is None:
        raise ValidationFailed([Issue("customer", "customer_unknown")])
    if not customer.active:
        raise ValidationFailed([Issue("customer", "customer_inactive",
                                      {"customer_code": customer.code})])
    _check_date(delivery_date)
    order_id = str(uuid.uuid4())
    now = now_iso()
    db.execute(
        "INSERT INTO orders (id, number, local_number, customer_id, warehouse_id, status, notes,"
        " delivery_date, created_at, updated_at, net, tax, gross) VALUES"
        " (?, NULL, ?, ?, ?, 'draft', ?, ?, ?, ?, '0.00', '0.00', '0.00')",
        (order_id, _next_local_number(db), customer_id, customer.warehouse_id, notes,
         None if delivery_date is None else delivery_date.isoformat(), now, now),
    )
    return order_id


def _check_date(delivery_date: dt.date | None) -> None:
    if delivery_date is not None and delivery_date < dt.date.today():
        raise ValidationFailed([Issue("delivery_date", "delivery_date_in_past", {
            "delivery_date": delivery_date, "today": dt.date.today()})])


def _editable(db: sqlite3.Connection, identity: Identity, order_id: str) -> sqlite3.Row:
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    if not d.is_editable(status):
        raise NotAllowed([Issue("status", "transition_not_allowed",
                                {"from": status.value, "to": status.value})])
    _require_ordering_role(identity)
    return row


def check_lines(db: sqlite3.Connection, row: sqlite3.Row, lines: Sequence[d.OrderLine],
                *, whole_order: bool) -> list[Issue]:
    """The rules on the order with these lines (quoted prices as they stand)."""
    ids = [ln.product_id for ln in lines]
    customer_id = int(row["customer_id"])
    customer = catalog.customer(db, customer_id)
    inputs = [d.LineInput(ln.product_id, ln.quantity, ln.unit_price) for ln in lines]
    if not whole_order:
        issues: list[Issue] = []
        products = catalog.products(db, ids)
        prices = catalog.prices(db, customer_id, ids)
        for i, line in enumerate(inputs):
            issues.extend(d.validate_line(i, line, products.get(line.product_id),
                                          prices.get(line.product_id)))
        return issues
    delivery = row["delivery_date"]
    return d.validate_order(
        customer=customer,
        lines=inputs,
        products=catalog.products(db, ids),
        prices=catalog.prices(db, customer_id, ids),
        stock=catalog.stock_levels(db, row["warehouse_id"], ids),
        open_orders_total=catalog.open_orders_total(db, customer_id, exclude=row["id"]),
        delivery_date=None if delivery is None else dt.date.fromisoformat(delivery),
    )


def _priced(db: sqlite3.Connection, customer_id: int, product_id: int,
            quantity: int, index: int) -> d.OrderLine:
    """A line for the product at the customer's current local price, checked first."""
    product = catalog.product(db, product_id)
    price = catalog.price_row(db, customer_id, product_id)
    issues = d.validate_line(index, d.LineInput(product_id, quantity), product, price)
    if d.has_errors(issues):
        raise ValidationFailed(issues)
    assert product is not None
    return d.price_line(product, price, quantity)


def edit_order(
    db: sqlite3.Connection,
    identity: Identity,
    order_id: str,
    *,
    set_lines: Mapping[int, int] | None = None,
    remove: Sequence[int] = (),
    notes: str | None = None,
    delivery_date: dt.date | None = _UNSET,
) -> str | None:
    """Change lines (product → quantity; new products are appended), remove lines, set notes or
    the delivery date (None clears it). Returns the outbox key when an update was queued."""
    row = _editable(db, identity, order_id)
    lines = order_lines(db, order_id)
    lines_changed = bool(set_lines) or bool(remove)
    if set_lines:
        for product_id, quantity in set_lines.items():
            index = next((i for i, ln in enumerate(lines) if ln.product_id == product_id), None)
            if index is None:
                lines.append(_priced(db, row["customer_id"], product_id, quantity, len(lines)))
            else:
                old = lines[index]
                new = _priced(db, row["customer_id"], product_id, quantity, index)
                # An unchanged quantity keeps its quoted price; a changed one is priced now
                # (another quantity break may apply), and the user sees the new price.
                lines[index] = old if old.quantity == quantity else new
    if remove:
        gone = set(remove)
        missing = gone - {ln.product_id for ln in lines}
        if missing:
            raise ValidationFailed([Issue("lines", "product_unknown",
                                          {"product_id": min(missing)})])
        lines = [ln for ln in lines if ln.product_id not in gone]
    if delivery_date is not _UNSET:
        _check_date(delivery_date)
    submitted = row["status"] != OrderStatus.DRAFT.value
    if lines_changed and submitted:
        issues = check_lines(db, row, lines, whole_order=True)
        errors = [i for i in issues if i.is_error and i.code != "price_changed"]
        if errors:
            raise ValidationFailed(issues)
    now = now_iso()
    if lines_changed:
        replace_lines(db, order_id, lines)
    if notes is not None:
        db.execute("UPDATE orders SET notes = ? WHERE id = ?", (notes, order_id))
    if delivery_date is not _UNSET:
        db.execute("UPDATE orders SET delivery_date = ? WHERE id = ?",
                   (None if delivery_date is None else delivery_date.isoformat(), order_id))
    db.execute("UPDATE orders SET updated_at = ? WHERE id = ?", (now, order_id))
    if not submitted:
        return None
    args: dict[str, Any] = {"order_id": order_id}
    if lines_changed:
        args["lines"] = _line_args(lines)
    if notes is not None:
        args["notes"] = notes
    if delivery_date is not _UNSET:
        if delivery_date is None:
            args["clear_delivery_date"] = True
        else:
            args["delivery_date"] = delivery_date.isoformat()
    base = outbox.next_base_version(db, outbox.order_entity(order_id), int(row["server_version"]))
    return outbox.enqueue(db, "order.update", args, base)


def _line_args(lines: Sequence[d.OrderLine]) -> list[dict[str, Any]]:
    return [{"product_id": ln.product_id, "quantity": ln.quantity,
             "unit_price": d.format_amount(ln.unit_price)} for ln in lines]


def accept_current_prices(db: sqlite3.Connection, identity: Identity, order_id: str) -> list[Issue]:
    """Re-price a draft's lines at the customer's current prices; returns the price changes
    (``price_changed`` issues with the old and new price). Submitted orders: use a conflict's
    "keep mine with new prices" instead, where the server says what changed."""
    row = _editable(db, identity, order_id)
    if row["status"] != OrderStatus.DRAFT.value:
        raise NotAllowed([Issue("status", "transition_not_allowed",
                                {"from": row["status"], "to": "draft"})])
    lines = order_lines(db, order_id)
    changes = [i for i in check_lines(db, row, lines, whole_order=False)
               if i.code == "price_changed"]
    repriced = [_priced(db, row["customer_id"], ln.product_id, ln.quantity, i)
                for i, ln in enumerate(lines)]
    replace_lines(db, order_id, repriced)
    db.execute("UPDATE orders SET updated_at = ? WHERE id = ?", (now_iso(), order_id))
    return changes


def submit_order(db: sqlite3.Connection, identity: Identity, order_id: str) -> list[Issue]:
    """Submit a draft: the rules run on the whole order; errors refuse it, warnings
    (credit, stock as of the last sync) are returned. Queues ``order.submit``."""
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    issue = d.check_transition(status, OrderStatus.SUBMITTED, _role(identity))
    if issue is not None:
        raise NotAllowed([issue])
    lines = order_lines(db, order_id)
    issues = check_lines(db, row, lines, whole_order=True)
    if d.has_errors(issues):
        raise ValidationFailed(issues)
    db.execute("UPDATE orders SET status = 'submitted', updated_at = ? WHERE id = ?",
               (now_iso(), order_id))
    outbox.enqueue(db, "order.submit", {
        "order_id": order_id,
        "customer_id": row["customer_id"],
        "lines": _line_args(lines),
        "notes": row["notes"],
        "delivery_date": row["delivery_date"],
        "local_number": row["local_number"],
    })
    return [i for i in issues if not i.is_error]


def cancel_order(db: sqlite3.Connection, identity: Identity, order_id: str,
                 reason: str = "") -> str | None:
    """Cancel an order (a draft locally; otherwise queues ``order.cancel``)."""
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    shipped_any = any(ln.shipped_qty for ln in order_lines(db, order_id))
    issue = d.check_transition(status, OrderStatus.CANCELLED, _role(identity),
                               shipped_any=shipped_any)
    if issue is not None:
        raise NotAllowed([issue])
    db.execute("UPDATE orders SET status = 'cancelled', updated_at = ? WHERE id = ?",
               (now_iso(), order_id))
    if status is OrderStatus.DRAFT:
        return None
    base = outbox.next_base_version(db, outbox.order_entity(order_id), int(row["server_version"]))
    return outbox.enqueue(db, "order.cancel", {"order_id": order_id, "reason": reason}, base)


def reorder(db: sqlite3.Connection, identity: Identity,
            order_id: str) -> tuple[str, list[ReorderDifference]]:
    """A new draft with the past order's products and quantities at today's prices, and what
    differs: price changes, products no longer orderable (left out), stock as of last sync."""
    old = order_row(db, order_id)
    customer_id = int(old["customer_id"])
    draft_id = create_draft(db, identity, customer_id, notes=old["notes"])
    customer = catalog.customer(db, customer_id)
    differences: list[ReorderDifference] = []
    lines: list[d.OrderLine] = []
    for line in order_lines(db, order_id):
        product = catalog.product(db, line.product_id)
        price = catalog.price_row(db, customer_id, line.product_id)
        issues = d.validate_line(len(lines), d.LineInput(line.product_id, line.quantity),
                                 product, price)
        errors = [i for i in issues if i.is_error]
        if product is None or errors:
            first = errors[0] if errors else Issue("product_id", "product_unknown",
                                                   {"product_id": line.product_id})
            differences.append(ReorderDifference(line.product_id, first.code, issue=first,
                                                 old_unit_price=line.unit_price))
            continue
        new = d.price_line(product, price, line.quantity)
        if new.unit_price != line.unit_price:
            differences.append(ReorderDifference(line.product_id, "price_changed",
                                                 old_unit_price=line.unit_price,
                                                 new_unit_price=new.unit_price))
        lines.append(new)
    stock = catalog.stock_levels(db, None if customer is None else customer.warehouse_id,
                                 [ln.product_id for ln in lines])
    for ln in lines:
        level = stock.get(ln.product_id)
        if level is not None and ln.quantity > level.available:
            differences.append(ReorderDifference(ln.product_id, "stock_insufficient",
                                                 available=level.available,
                                                 requested=ln.quantity))
    replace_lines(db, draft_id, lines)
    return draft_id, differences


def set_favourite(db: sqlite3.Connection, identity: Identity, product_id: int,
                  favourite: bool) -> str:
    """Mark or unmark a product as a favourite; queues ``favourite.set``."""
    if catalog.product(db, product_id) is None:
        raise ValidationFailed([Issue("product_id", "product_unknown",
                                      {"product_id": product_id})])
    if favourite:
        db.execute("INSERT OR IGNORE INTO favourites (user_id, product_id) VALUES (?, ?)",
                   (identity.user_id, product_id))
    else:
        db.execute("DELETE FROM favourites WHERE user_id = ? AND product_id = ?",
                   (identity.user_id, product_id))
    return outbox.enqueue(db, "favourite.set", {"product_id": product_id, "favourite": favourite})


def confirm_shipment(db: sqlite3.Connection, identity: Identity, order_id: str,
                     quantities: Mapping[int, int], *, carrier: str = "",
                     tracking_number: str = "") -> str:
    """Record what left the warehouse (partial allowed; the rest is backordered); queues
    ``shipment.confirm``. Returns the new shipment's id."""
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    lines = order_lines(db, order_id)
    issues = d.validate_shipment(lines, quantities)
    if d.has_errors(issues):
        raise ValidationFailed(issues)
    new_lines = d.apply_shipment(lines, quantities)
    target = d.status_after_shipment(new_lines)
    issue = d.check_transition(status, target, _role(identity))
    if issue is not None:
        raise NotAllowed([issue])
    replace_lines(db, order_id, new_lines)
    shipment_id = str(uuid.uuid4())
    shipped = [{"product_id": pid, "quantity": q} for pid, q in sorted(quantities.items()) if q]
    data = {"id": shipment_id, "order_id": order_id, "warehouse_id": row["warehouse_id"],
            "customer_id": row["customer_id"], "lines": shipped, "carrier": carrier,
            "tracking_number": tracking_number, "shipped_at": None, "user_id": identity.user_id}
    db.execute(
        "INSERT INTO shipments (id, order_id, customer_id, warehouse_id, data, version)"
        " VALUES (?, ?, ?, ?, ?, 0)",
        (shipment_id, order_id, row["customer_id"], row["warehouse_id"], json.dumps(data)),
    )
    db.execute("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?",
               (target.value, now_iso(), order_id))
    base = outbox.next_base_version(db, outbox.order_entity(order_id), int(row["server_version"]))
    outbox.enqueue(db, "shipment.confirm", {
        "shipment_id": shipment_id, "order_id": order_id, "lines": shipped,
        "carrier": carrier, "tracking_number": tracking_number}, base)
    return shipment_id


def replace_all_lines(
    lines: Sequence[d.OrderLine], prices: Mapping[int, Decimal]
) -> list[d.OrderLine]:
    """The lines with the unit prices in ``prices`` (by product) put in; others unchanged."""
    return [dataclasses.replace(ln, unit_price=prices.get(ln.product_id, ln.unit_price))
            for ln in lines]
