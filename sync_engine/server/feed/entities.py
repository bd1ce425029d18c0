"""How each synced entity looks on the wire, and in which scope its changes travel.

``record_*`` functions put an entity's current state into the unit of work's change set. The
shapes are documented in ``sync_engine/PROTOCOL.md``; quantities are integers in base units,
money is a decimal string, times are ISO 8601 in UTC.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, NamedTuple

from sync_engine import domain as d
from sync_engine.server.feed.changes import CUSTOMER, GLOBAL, USER, UnitOfWork
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import (
    Customer,
    CustomerPrice,
    Order,
    Product,
    Promotion,
    Return,
    Shipment,
    Stock,
    Warehouse,
)


def _as_is(row: object, names: str) -> dict[str, Any]:
    """The attributes of ``row`` named in ``names`` (space-separated), under the same names: the
    fields that go on the wire as they are stored."""
    return {name: getattr(row, name) for name in names.split()}


def product_data(p: Product) -> dict[str, Any]:
    return {
        **_as_is(p, "id sku barcode name_zh name_en category category_en unit case_unit case_qty"
                    " pack_size min_qty"),
        "tax_rate": str(p.tax_rate),
        "base_price": str(p.base_price),
        **_as_is(p, "active sellable pinyin initials version updated_at"),
    }


def stock_data(s: Stock) -> dict[str, Any]:
    return stock_values(s.product_id, s.warehouse_id, s.on_hand, s.reserved, s.updated_at,
                        s.version)


def stock_values(
    product_id: int,
    warehouse_id: int,
    on_hand: int,
    reserved: int,
    as_of: dt.datetime,
    version: int,
) -> dict[str, Any]:
    """The ``stock`` shape from plain values (a run of ``order.submit`` writes without ORM
    objects)."""
    return {
        "product_id": product_id,
        "warehouse_id": warehouse_id,
        "on_hand": on_hand,
        "reserved": reserved,
        "available": max(0, on_hand - reserved),
        "as_of": as_of,
        "version": version,
    }


def stock_key(product_id: int, warehouse_id: int) -> str:
    return f"{product_id}:{warehouse_id}"


def warehouse_data(w: Warehouse) -> dict[str, Any]:
    return {"id": w.id, "code": w.code, "name": w.name, "version": w.version}


def customer_data(c: Customer) -> dict[str, Any]:
    return {
        **_as_is(c, "id code name name_en address phone rep_id warehouse_id"),
        "credit_limit": None if c.credit_limit is None else str(c.credit_limit),
        **_as_is(c, "payment_terms active prices_include_tax version updated_at"),
    }


def price_data(cp: CustomerPrice) -> dict[str, Any]:
    return {
        "customer_id": cp.customer_id,
        "product_id": cp.product_id,
        "breaks": [{"min_qty": int(q), "unit_price": str(price)} for q, price in cp.breaks],
        "version": cp.version,
    }


def price_key(customer_id: int, product_id: int) -> str:
    return f"{customer_id}:{product_id}"


def order_data(o: Order) -> dict[str, Any]:
    return order_values(
        o,
        [line_values(ln.line_no, domain_map.order_line(ln)) for ln in o.lines],
        [history_values(e.status, e.at, e.user_id, e.reason) for e in o.events],
    )


def line_values(line_no: int, ln: d.OrderLine) -> dict[str, Any]:
    """One order line on the wire, with its rounded amounts (the domain's money rules)."""
    net, tax, gross = ln.amounts()
    return {
        "line_no": line_no,
        "product_id": ln.product_id,
        "quantity": ln.quantity,
        "unit_price": str(ln.unit_price),
        "tax_rate": str(ln.tax_rate),
        "shipped_qty": ln.shipped_qty,
        "tax_included": ln.tax_included,
        "discount": str(ln.discount),
        "promotion": ln.promotion,
        "gift": ln.gift,
        "net": str(net),
        "tax": str(tax),
        "gross": str(gross),
    }


def history_values(
    status: str, at: dt.datetime, user_id: int | None, reason: str
) -> dict[str, Any]:
    return {"status": status, "at": at, "user_id": user_id, "reason": reason}


class OrderRow(NamedTuple):
    """An order's own fields as plain values (a run of ``order.submit`` builds its orders without
    ORM objects)."""

    id: str
    number: str
    local_number: str
    customer_id: int
    warehouse_id: int
    status: str
    hold_reasons: list[Any]
    stock_reserved: bool
    notes: str
    delivery_date: Any
    created_by: int
    created_at: Any
    updated_at: Any
    total_net: Decimal
    total_tax: Decimal
    total_gross: Decimal
    receipt_note: str
    promotions: list[Any]
    version: int


def order_values(
    o: Order | OrderRow, lines: list[dict[str, Any]], history: list[dict[str, Any]]
) -> dict[str, Any]:
    """The ``order`` shape (PROTOCOL.md) from its head (an ``Order`` row, or plain values),
    its lines and its history."""
    return {
        "id": o.id,
        "number": o.number,
        "local_number": o.local_number,
        "customer_id": o.customer_id,
        "warehouse_id": o.warehouse_id,
        "status": o.status,
        "hold_reasons": list(o.hold_reasons or []),
        "stock_reserved": o.stock_reserved,
        "notes": o.notes,
        "delivery_date": o.delivery_date,
        "created_by": o.created_by,
        "created_at": o.created_at,
        "updated_at": o.updated_at,
        "totals": {"net": str(o.total_net), "tax": str(o.total_tax), "gross": str(o.total_gross)},
        "lines": lines,
        "history": history,
        "receipt_note": o.receipt_note,
        "promotions": list(o.promotions or []),
        "version": o.version,
    }


def promotion_data(p: Promotion, customer_id: int | None) -> dict[str, Any]:
    """A promotion as one device sees it: for everyone, or for one of its customers (a device
    never learns which other customers a promotion is for)."""

    def money(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "code": p.code,
        "name": p.name,
        "kind": p.kind,
        "starts_at": p.starts_at,
        "ends_at": p.ends_at,
        "customer_id": customer_id,
        "product_id": p.product_id,
        "unit_price": money(p.unit_price),
        "price_includes_tax": p.price_includes_tax,
        "buy_qty": p.buy_qty,
        "get_qty": p.get_qty,
        "gift_product_id": p.gift_product_id,
        "threshold": money(p.threshold),
        "amount_off": money(p.amount_off),
        "version": p.version,
    }


def promotion_keys(code: str, customer_ids: list[Any] | None) -> dict[str, int | None]:
    """The feed keys of a promotion → the customer each is for (None: everyone)."""
    if customer_ids is None:
        return {code: None}
    return {f"{code}:{int(c)}": int(c) for c in customer_ids}


def record_promotion(uow: UnitOfWork, p: Promotion, old_ids: list[Any] | None = None,
                     *, was_new: bool = False) -> None:
    """A promotion's state in the feed: one entity for everyone (global), or one per customer
    (in that customer's scope, like prices); keys it had before and no longer has are deleted."""
    keys = promotion_keys(p.code, p.customer_ids)
    if not was_new:
        for key, customer_id in promotion_keys(p.code, old_ids).items():
            if key not in keys:
                if customer_id is None:
                    uow.delete("promotion", key, p.version, scope=GLOBAL)
                else:
                    uow.delete("promotion", key, p.version, scope=CUSTOMER,
                               customer_id=customer_id)
    for key, customer_id in keys.items():
        data = promotion_data(p, customer_id)
        if customer_id is None:
            uow.upsert("promotion", key, p.version, data, scope=GLOBAL)
        else:
            uow.upsert("promotion", key, p.version, data, scope=CUSTOMER,
                       customer_id=customer_id)


def shipment_data(s: Shipment) -> dict[str, Any]:
    return {
        "id": s.id,
        "order_id": s.order_id,
        "warehouse_id": s.warehouse_id,
        "customer_id": s.customer_id,
        "lines": s.lines,
        "carrier": s.carrier,
        "tracking_number": s.tracking_number,
        "shipped_at": s.shipped_at,
        "user_id": s.user_id,
        "version": s.version,
    }


def record_product(uow: UnitOfWork, p: Product) -> None:
    uow.upsert("product", p.id, p.version, product_data(p), scope=GLOBAL)


def record_stock(uow: UnitOfWork, s: Stock) -> None:
    uow.upsert(
        "stock", stock_key(s.product_id, s.warehouse_id), s.version, stock_data(s), scope=GLOBAL
    )


def record_warehouse(uow: UnitOfWork, w: Warehouse) -> None:
    uow.upsert("warehouse", w.id, w.version, warehouse_data(w), scope=GLOBAL)


def _record_for_customer(uow: UnitOfWork, entity: str, key: object, version: int,
                         data: dict[str, Any], customer_id: int,
                         warehouse_id: int | None = None) -> None:
    """An entity of one customer travels to that customer's scope; with a ``warehouse_id``, to
    that warehouse's clerks too."""
    uow.upsert(entity, key, version, data, scope=CUSTOMER, customer_id=customer_id,
               warehouse_id=warehouse_id)


def record_customer(uow: UnitOfWork, c: Customer) -> None:
    _record_for_customer(uow, "customer", c.id, c.version, customer_data(c), c.id,
                         c.warehouse_id)


def record_price(uow: UnitOfWork, cp: CustomerPrice) -> None:
    # No warehouse: clerks do not see customer prices.
    _record_for_customer(uow, "price", price_key(cp.customer_id, cp.product_id), cp.version,
                         price_data(cp), cp.customer_id)


def record_order(uow: UnitOfWork, o: Order, data: dict[str, Any] | None = None) -> None:
    _record_for_customer(uow, "order", o.id, o.version, order_data(o) if data is None else data,
                         o.customer_id, o.warehouse_id)


def record_shipment(uow: UnitOfWork, s: Shipment) -> None:
    _record_for_customer(uow, "shipment", s.id, s.version, shipment_data(s), s.customer_id,
                         s.warehouse_id)


def record_favourite(uow: UnitOfWork, user_id: int, product_id: int, present: bool) -> None:
    key = f"{user_id}:{product_id}"
    if present:
        uow.upsert(
            "favourite",
            key,
            1,
            {"user_id": user_id, "product_id": product_id},
            scope=USER,
            user_id=user_id,
        )
    else:
        uow.delete("favourite", key, 1, scope=USER, user_id=user_id)


def return_data(r: Return) -> dict[str, Any]:
    return {
        **_as_is(r, "id number order_id customer_id warehouse_id status reason note lines"
                    " history"),
        "credit_amount": str(r.credit_amount),
        **_as_is(r, "requested_by requested_at updated_at version"),
    }


def record_return(uow: UnitOfWork, r: Return) -> None:
    """A return travels like its order: to the customer's scope and its warehouse's clerks."""
    _record_for_customer(uow, "return", r.id, r.version, return_data(r), r.customer_id,
                         r.warehouse_id)


def record_credit(uow: UnitOfWork, customer_id: int, version: int, data: dict[str, Any]) -> None:
    """A customer's account (terms, open items): like prices, not for clerks (no warehouse)."""
    _record_for_customer(uow, "credit", customer_id, version, data, customer_id)
