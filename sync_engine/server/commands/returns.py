"""Returns (退货): ``return.request``, ``return.decide``, ``return.receive``.

- **request** (rep for an assigned customer, store owner for their own, admin): lines and units
  up to what the order shipped and other returns have not claimed. The order row is locked
  while the claims are counted, so of two returns racing for the same shipped units exactly
  one is applied; the other is a ``return_exceeds_returnable`` conflict that carries what is
  still returnable.
- **decide** (admin only): approve, or refuse with a reason (refused units are returnable
  again). Only a ``requested`` return; anything else is a ``return_decided`` conflict.
- **receive** (the clerk of the return's warehouse, admin): partial receipts allowed; good units
  go back on hand, damaged ones to ``damaged_stock`` (never sellable); the customer is credited
  the received units at the prices they bought them at (:mod:`.credit`).

Each writes the ``return`` entity (scoped like orders) and an event for the ERP
(``return.requested``, ``return.approved``, ``return.refused``, ``return.received``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from sync_engine.domain import Role
from sync_engine.domain import returns as rules
from sync_engine.protocol import DecideReturnArgs, ReceiveReturnArgs, RequestReturnArgs
from sync_engine.server.commands.context import Applied, Context
from sync_engine.server.commands.credit import record_credit_note
from sync_engine.server.commands.orders import load_order, lock_stock, touch_stock
from sync_engine.server.commands.outcomes import Conflict, Rejected, field_issue
from sync_engine.server.feed.entities import order_data, record_return, return_data
from sync_engine.server.feed.scoping import can_access_customer
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import Customer, DamagedStock, Return, Stock, utcnow

__all__ = ["decide_return", "receive_return", "request_return"]

def _require(ctx: Context, action: str, field: str) -> None:
    """``forbidden`` unless the user's role may do ``action`` (``domain.returns.WHO_MAY``)."""
    if rules.check_role(action, ctx.role) is not None:
        raise Rejected("forbidden", errors=[field_issue(field, "forbidden", role=ctx.role.value)])


def _load_return(ctx: Context, return_id: str) -> Return:
    """The return, locked, if the acting user may see it; otherwise ``return_unknown``."""
    row = ctx.session.scalar(select(Return).where(Return.id == return_id).with_for_update()
                             .execution_options(populate_existing=True))
    if row is None or not _can_see(ctx, row):
        raise Rejected("return_unknown", errors=[field_issue("return_id", "return_unknown")])
    return row


def _can_see(ctx: Context, r: Return) -> bool:
    if ctx.role is Role.WAREHOUSE_CLERK:
        return r.warehouse_id == ctx.user.warehouse_id
    customer = ctx.session.get(Customer, r.customer_id)
    return customer is not None and can_access_customer(ctx.user, customer)


def _lines(r: Return) -> list[rules.ReturnLine]:
    return [rules.ReturnLine(int(ln["product_id"]), int(ln["quantity"]),
                             Decimal(ln["unit_price"]), Decimal(ln["tax_rate"]),
                             int(ln.get("received_qty", 0)), int(ln.get("damaged_qty", 0)))
            for ln in r.lines]


def _line_values(lines: list[rules.ReturnLine]) -> list[dict[str, Any]]:
    return [{"product_id": ln.product_id, "quantity": ln.quantity,
             "unit_price": str(ln.unit_price), "tax_rate": str(ln.tax_rate),
             "received_qty": ln.received_qty, "damaged_qty": ln.damaged_qty} for ln in lines]


def _history(ctx: Context, r: Return, status: str, reason: str = "") -> None:
    r.history = [*r.history, {"status": status, "at": utcnow().isoformat(),
                              "user_id": ctx.user.id, "reason": reason}]


def _applied(ctx: Context, r: Return) -> Applied:
    r.updated_at = utcnow()
    ctx.session.flush()
    record_return(ctx.uow, r)
    data = return_data(r)
    return Applied("return", r.id, r.version, data)


def request_return(ctx: Context, a: RequestReturnArgs) -> Applied:
    """Ask back units of a shipped order."""
    _require(ctx, "request", "order_id")
    existing = ctx.session.get(Return, a.return_id)
    if existing is not None:
        if not _can_see(ctx, existing):
            raise Rejected("return_unknown", errors=[field_issue("return_id", "return_unknown")])
        raise Conflict("return_exists", server=return_data(existing))
    order = load_order(ctx, a.order_id)  # locked: claims on its units are counted one at a time
    others = ctx.session.execute(
        select(Return.status, Return.lines).where(Return.order_id == order.id)).all()
    order_lines = domain_map.order_lines(order)
    requested = [(ln.product_id, ln.quantity) for ln in a.lines]
    returnable = rules.returnable_units(order_lines, rules.claimed_units(others))
    issues = rules.validate_return(returnable, requested)
    if issues:
        # Within what shipped, but claimed by another return meanwhile: a person decides.
        if not rules.validate_return(rules.returnable_units(order_lines, {}), requested):
            raise Conflict("return_exceeds_returnable", server=order_data(order), errors=issues,
                           details={"returnable": [{"product_id": p, "quantity": q}
                                                   for p, q in sorted(returnable.items())]})
        raise Rejected("invalid", errors=issues)
    by_product = {ln.product_id: ln for ln in order_lines}
    wanted: dict[int, int] = {}
    for pid, qty in requested:
        wanted[pid] = wanted.get(pid, 0) + qty
    lines = [rules.ReturnLine(pid, qty, by_product[pid].unit_price, by_product[pid].tax_rate)
             for pid, qty in sorted(wanted.items()) if qty]
    count = ctx.session.scalar(select(func.count()).select_from(Return)
                               .where(Return.order_id == order.id)) or 0
    now = utcnow()
    r = Return(id=a.return_id, number=f"{order.number}-R{count + 1}", order_id=order.id,
               customer_id=order.customer_id, warehouse_id=order.warehouse_id,
               status=rules.ReturnStatus.REQUESTED.value, reason=a.reason, note=a.note,
               lines=_line_values(lines), history=[], credit_amount=0,
               requested_by=ctx.user.id, requested_at=now, device_id=ctx.device_id, version=1,
               updated_at=now)
    _history(ctx, r, r.status, a.note)
    ctx.session.add(r)
    ctx.uow.emit("return.requested", {
        "return_id": r.id, "number": r.number, "order_id": order.id,
        "order_number": order.number, "customer_id": r.customer_id, "reason": r.reason,
        "lines": [{"product_id": ln.product_id, "quantity": ln.quantity} for ln in lines]})
    return _applied(ctx, r)


def decide_return(ctx: Context, a: DecideReturnArgs) -> Applied:
    """The back office approves a requested return, or refuses it saying why."""
    _require(ctx, "decide", "return_id")
    r = _load_return(ctx, a.return_id)
    if r.status != rules.ReturnStatus.REQUESTED:
        raise Conflict("return_decided", server=return_data(r), status=r.status)
    missing = rules.check_decision(a.approve, a.reason)
    if missing is not None:
        raise Rejected("invalid", errors=[missing])
    status = rules.ReturnStatus.APPROVED if a.approve else rules.ReturnStatus.REFUSED
    r.status = status.value
    r.version += 1
    _history(ctx, r, r.status, a.reason.strip())
    ctx.uow.emit(f"return.{status.value}", {"return_id": r.id, "number": r.number,
                                            "order_id": r.order_id, "reason": a.reason.strip()})
    return _applied(ctx, r)


def receive_return(ctx: Context, a: ReceiveReturnArgs) -> Applied:
    """The warehouse takes returned goods in: good units on hand, damaged ones apart."""
    _require(ctx, "receive", "return_id")
    r = _load_return(ctx, a.return_id)
    if r.status not in rules.RECEIVABLE:
        raise Conflict("return_not_approved", server=return_data(r), status=r.status)
    # Lock order as for a submit: the customer (its account) before stock rows.
    customer = ctx.session.scalar(select(Customer).where(Customer.id == r.customer_id)
                                  .with_for_update())
    assert customer is not None  # customers are never deleted
    lines = _lines(r)
    received = [(ln.product_id, ln.quantity, ln.damaged) for ln in a.lines]
    issues = rules.validate_receipt(lines, received)
    if issues:
        raise Rejected("invalid", errors=issues)
    good: dict[int, int] = {}
    for pid, g, bad in received:
        good[pid] = good.get(pid, 0) + g
        if bad:
            _add_damaged(ctx, r.warehouse_id, pid, bad)
    stock = lock_stock(ctx.session, r.warehouse_id, [p for p, q in good.items() if q])
    for pid in sorted(good):
        if not good[pid]:
            continue
        s = stock.get(pid)
        if s is None:
            s = Stock(product_id=pid, warehouse_id=r.warehouse_id, on_hand=0, reserved=0,
                      version=0)
            ctx.session.add(s)
        s.on_hand += good[pid]
        touch_stock(ctx, s)
    new_lines = rules.apply_receipt(lines, received)
    # Credited so far: all units received, priced once (partial receipts round as one would).
    credit = rules.return_credit(new_lines, {ln.product_id: ln.received_qty + ln.damaged_qty
                                             for ln in new_lines}) - Decimal(r.credit_amount)
    r.lines = _line_values(new_lines)
    r.status = rules.status_after_receipt(new_lines).value
    r.credit_amount += credit
    r.version += 1
    _history(ctx, r, r.status)
    if credit > 0:
        record_credit_note(ctx.uow, customer, credit, ref=f"{r.number}/{r.version}",
                           kind="credit", source="return", user_id=ctx.user.id,
                           note=f"return {r.number}")
    ctx.uow.emit("return.received", {
        "return_id": r.id, "number": r.number, "order_id": r.order_id,
        "customer_id": r.customer_id, "warehouse_id": r.warehouse_id,
        "lines": [{"product_id": p, "quantity": g, "damaged": b} for p, g, b in received],
        "credit": str(credit), "status": r.status})
    return _applied(ctx, r)


def _add_damaged(ctx: Context, warehouse_id: int, product_id: int, units: int) -> None:
    row = ctx.session.get(DamagedStock, (product_id, warehouse_id), with_for_update=True)
    if row is None:
        row = DamagedStock(product_id=product_id, warehouse_id=warehouse_id, quantity=0)
        ctx.session.add(row)
    row.quantity += units
    row.updated_at = utcnow()

