"""Warehouse and catalogue mutations: shipment.confirm, favourite.set, customer.assign."""

from __future__ import annotations

from sqlalchemy import select

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import AssignCustomerArgs, ConfirmShipmentArgs, SetFavouriteArgs
from sync_engine.server.commands.context import Applied, Context
from sync_engine.server.commands.orders import (
    applied_order,
    load_order,
    lock_stock,
    require_role,
    set_status,
    touch_stock,
)
from sync_engine.server.commands.outcomes import Conflict, Rejected, field_issue
from sync_engine.server.feed.entities import (
    order_data,
    record_customer,
    record_favourite,
    record_shipment,
    shipment_data,
)
from sync_engine.server.feed.scoping import reassign_customer
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import Customer, Favourite, Product, Shipment, User, utcnow


def confirm_shipment(ctx: Context, a: ConfirmShipmentArgs) -> Applied:
    """Ship some or all of what is left; the rest stays reserved as a backorder."""
    require_role(ctx.role, OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED)
    existing = ctx.session.get(Shipment, a.shipment_id)
    if existing is not None:
        load_order(ctx, existing.order_id, lock=False)  # out of scope: order_unknown
        raise Conflict("shipment_exists", server=shipment_data(existing))
    order = load_order(ctx, a.order_id)
    status = OrderStatus(order.status)
    if status is OrderStatus.CANCELLED:
        raise Conflict("order_cancelled", server=order_data(order))
    if status not in (OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED):
        raise Conflict("not_confirmed", server=order_data(order), status=status.value)
    if ctx.base_version is not None and ctx.base_version != order.version:
        raise Conflict(
            "version_mismatch",
            server=order_data(order),
            details={"base_version": ctx.base_version, "version": order.version},
        )
    shipped: dict[int, int] = {}
    for ln in a.lines:
        shipped[ln.product_id] = shipped.get(ln.product_id, 0) + ln.quantity
    lines = domain_map.order_lines(order)
    issues = d.validate_shipment(lines, shipped)
    if issues:
        raise Rejected("invalid", errors=issues)
    stock = lock_stock(ctx.session, order.warehouse_id, shipped)
    for pid in sorted(shipped):
        qty = shipped[pid]
        s = stock.get(pid)
        if qty == 0:
            continue
        if s is None or s.on_hand < qty:
            raise Conflict(
                "insufficient_stock",
                server=order_data(order),
                details={
                    "stock_short": [
                        {"product_id": pid, "requested": qty, "available": s.on_hand if s else 0}
                    ]
                },
            )
        s.on_hand -= qty
        if order.stock_reserved:
            s.reserved = max(0, s.reserved - qty)
        touch_stock(ctx, s)
    new_lines = d.apply_shipment(lines, shipped)
    for row, shipped_line in zip(order.lines, new_lines, strict=True):
        row.shipped_qty = shipped_line.shipped_qty
    shipment = Shipment(
        id=a.shipment_id,
        order_id=order.id,
        warehouse_id=order.warehouse_id,
        customer_id=order.customer_id,
        lines=[{"product_id": pid, "quantity": q} for pid, q in sorted(shipped.items()) if q],
        carrier=a.carrier,
        tracking_number=a.tracking_number,
        shipped_at=utcnow(),
        user_id=ctx.user.id,
        device_id=ctx.device_id,
        version=1,
    )
    ctx.session.add(shipment)
    new_status = d.status_after_shipment(new_lines)
    set_status(ctx, order, new_status, a.tracking_number)
    order.version += 1
    record_shipment(ctx.uow, shipment)
    ctx.uow.emit(
        "shipment.confirmed",
        {
            "shipment_id": shipment.id,
            "order_id": order.id,
            "number": order.number,
            "lines": shipment.lines,
            "carrier": a.carrier,
            "tracking_number": a.tracking_number,
            "backordered": _backordered(new_lines),
        },
    )
    applied = applied_order(ctx, order, {"shipment": shipment_data(shipment)})
    return applied


def set_favourite(ctx: Context, a: SetFavouriteArgs) -> Applied:
    if ctx.session.get(Product, a.product_id) is None:
        raise Rejected("product_unknown", errors=[field_issue("product_id", "product_unknown")])
    row = ctx.session.get(Favourite, (ctx.user.id, a.product_id))
    if a.favourite and row is None:
        ctx.session.add(Favourite(user_id=ctx.user.id, product_id=a.product_id))
    elif not a.favourite and row is not None:
        ctx.session.delete(row)
    record_favourite(ctx.uow, ctx.user.id, a.product_id, a.favourite)
    key = f"{ctx.user.id}:{a.product_id}"
    return Applied(
        "favourite",
        key,
        1,
        {"user_id": ctx.user.id, "product_id": a.product_id, "favourite": a.favourite},
    )


def assign_customer(ctx: Context, a: AssignCustomerArgs) -> Applied:
    """Back office moves a customer to another rep (or to nobody)."""
    if ctx.role is not Role.ADMIN:
        raise Rejected(
            "forbidden", errors=[field_issue("customer_id", "forbidden", role=ctx.role.value)]
        )
    customer = ctx.session.scalar(
        select(Customer).where(Customer.id == a.customer_id).with_for_update()
    )
    if customer is None:
        raise Rejected("customer_unknown", errors=[field_issue("customer_id", "customer_unknown")])
    if a.rep_id is not None:
        rep = ctx.session.get(User, a.rep_id)
        if rep is None or rep.role != Role.SALES_REP.value:
            raise Rejected("invalid", errors=[field_issue("rep_id", "rep_unknown")])
    if customer.rep_id != a.rep_id:
        reassign_customer(ctx.uow, customer, a.rep_id)
        customer.version += 1
        customer.updated_at = utcnow()
        record_customer(ctx.uow, customer)
    return Applied(
        "customer",
        str(customer.id),
        customer.version,
        {"id": customer.id, "rep_id": customer.rep_id},
    )


__all__ = ["assign_customer", "confirm_shipment", "set_favourite"]


def _backordered(lines: list[d.OrderLine]) -> dict[int, int]:
    """Units still to ship per product (a product given free may be on two lines)."""
    out: dict[int, int] = {}
    for ln in lines:
        if ln.remaining:
            out[ln.product_id] = out.get(ln.product_id, 0) + ln.remaining
    return out
