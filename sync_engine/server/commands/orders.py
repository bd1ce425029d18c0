"""Order mutations after the submit — update, cancel, confirm, reject, receive — and the helpers
every order mutation shares (``order.submit``, which goes a run at a time, is :mod:`.submit`).

Every handler re-runs the shared domain rules on the server's own data. What a human must decide
(price changed, someone else's edit, shipped before the cancel, stock gone) is a ``Conflict``
carrying the server's state; input that can never apply is ``Rejected`` with field errors.

Each applied mutation bumps the order's ``version`` by exactly one, so a client with several
queued mutations on one order can state each one's base version (see ``PROTOCOL.md``).

Stock: reservation is a conditional update under row locks taken in product-id order (no
deadlocks, no oversell). An order whose stock cannot be reserved in full reserves nothing and
waits in the back office's review queue with the hold reason ``stock_short``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import (
    CancelOrderArgs,
    ConfirmOrderArgs,
    LineArgs,
    PromotionArgs,
    ReceiveOrderArgs,
    RejectOrderArgs,
    UpdateOrderArgs,
)
from sync_engine.server.commands.context import Applied, Context, Settings
from sync_engine.server.commands.outcomes import Conflict, Rejected, field_issue
from sync_engine.server.feed.changes import GLOBAL, UnitOfWork
from sync_engine.server.feed.credit import overdue_amounts
from sync_engine.server.feed.entities import (
    order_data,
    record_order,
    stock_key,
    stock_values,
)
from sync_engine.server.feed.scoping import can_access_customer
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import (
    Customer,
    CustomerPrice,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    Promotion,
    Stock,
    User,
    utcnow,
)
from sync_engine.server.storage.submit_sql import open_order_totals

OPEN_STATUSES = tuple(s.value for s in OrderStatus if d.is_open(s))


# ---------------------------------------------------------------- loading and locking


def load_order(ctx: Context, order_id: str, *, lock: bool = True) -> Order:
    """The order, locked, if the acting user may see it; otherwise ``order_unknown``.

    Unknown and out-of-scope orders get the same answer, so nothing leaks about other users'
    orders.
    """
    stmt = select(Order).where(Order.id == order_id).execution_options(populate_existing=True)
    order = ctx.session.scalar(stmt.with_for_update() if lock else stmt)
    if order is None or not can_see_order(ctx.session, ctx.user, order):
        raise Rejected("order_unknown", errors=[field_issue("order_id", "order_unknown")])
    return order


def can_see_order(session: Session, user: User, order: Order) -> bool:
    if Role(user.role) is Role.WAREHOUSE_CLERK:
        return order.warehouse_id == user.warehouse_id
    customer = session.get(Customer, order.customer_id)
    return customer is not None and can_access_customer(user, customer)


def lock_customer(ctx: Context, customer_id: int) -> Customer:
    """The customer, locked: credit checks for one customer happen one at a time."""
    customer = ctx.session.scalar(
        select(Customer)
        .where(Customer.id == customer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if customer is None or not can_access_customer(ctx.user, customer):
        raise Rejected("customer_unknown", errors=[field_issue("customer_id", "customer_unknown")])
    return customer


def lock_stock(session: Session, warehouse_id: int, product_ids: Iterable[int]) -> dict[int, Stock]:
    """Stock rows of ``warehouse_id`` for these products, locked in product-id order."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    rows = session.scalars(
        select(Stock)
        .where(Stock.warehouse_id == warehouse_id, Stock.product_id.in_(ids))
        .order_by(Stock.product_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    return {s.product_id: s for s in rows}


def touch_stock(ctx: Context, s: Stock) -> None:
    s.version += 1
    s.updated_at = utcnow()
    record_stock_change(ctx.uow, s.warehouse_id, s.product_id, s.on_hand, s.reserved, s.version,
                        s.updated_at)


def record_stock_change(
    uow: UnitOfWork,
    warehouse_id: int,
    product_id: int,
    on_hand: int,
    reserved: int,
    version: int,
    at: dt.datetime,
) -> None:
    """A stock row's new state in the change log, and its ``stock.changed`` event."""
    uow.upsert("stock", stock_key(product_id, warehouse_id), version,
               stock_values(product_id, warehouse_id, on_hand, reserved, at, version),
               scope=GLOBAL)
    uow.emit("stock.changed", {"product_id": product_id, "warehouse_id": warehouse_id,
                               "on_hand": on_hand, "reserved": reserved})


def emit_confirmed(uow: UnitOfWork, order_id: str, number: str) -> None:
    uow.emit("order.confirmed", {"order_id": order_id, "number": number})


def shortfalls(
    wanted: Mapping[int, int], levels: Mapping[int, tuple[int, int]]
) -> list[dict[str, int]]:
    """The lines of ``wanted`` (product → units) that the stock ``levels`` (product → on hand,
    reserved) cannot cover, with what is available; a product without stock has none."""
    short = []
    for pid in sorted(wanted):
        on_hand, held = levels.get(pid, (0, 0))
        available = max(0, on_hand - held)
        if available < wanted[pid]:
            short.append({"product_id": pid, "requested": wanted[pid], "available": available})
    return short


def reserve(ctx: Context, warehouse_id: int, wanted: dict[int, int]) -> list[dict[str, int]]:
    """Reserve ``wanted`` (product id → units) in full, or nothing: returns the shortfalls."""
    stock = lock_stock(ctx.session, warehouse_id, wanted)
    short = shortfalls(wanted, {pid: (s.on_hand, s.reserved) for pid, s in stock.items()})
    if short:
        return short
    for pid in sorted(wanted):
        s = stock[pid]
        s.reserved += wanted[pid]
        touch_stock(ctx, s)
    return []


def release(ctx: Context, order: Order) -> None:
    """Give back what the order still holds (its unshipped units), if it holds anything."""
    if not order.stock_reserved:
        return
    remaining = _remaining(order)
    stock = lock_stock(ctx.session, order.warehouse_id, remaining)
    for pid in sorted(remaining):
        s = stock.get(pid)
        if s is not None and remaining[pid]:
            s.reserved = max(0, s.reserved - remaining[pid])
            touch_stock(ctx, s)
    order.stock_reserved = False


def available_after_release(
    ctx: Context, order: Order, product_ids: Iterable[int]
) -> dict[int, int]:
    """Units free per product in the order's warehouse once the order gives back what it holds
    (as :func:`release` will): what an edit of the order may use. Locks the stock rows of
    ``product_ids`` and of what the order holds, in product-id order, so the release and the
    new reservation that follow take no lock out of order."""
    held = _remaining(order) if order.stock_reserved else {}
    stock = lock_stock(ctx.session, order.warehouse_id, {*product_ids, *held})
    return {pid: max(0, s.on_hand - max(0, s.reserved - held.get(pid, 0)))
            for pid, s in stock.items()}


def _remaining(order: Order) -> dict[int, int]:
    out: dict[int, int] = {}
    for ln in order.lines:
        out[ln.product_id] = out.get(ln.product_id, 0) + ln.quantity - ln.shipped_qty
    return out


def _open_total(session: Session, customer_id: int, changing: Order | None) -> Decimal:
    """What counts against the customer's credit, but for the order being changed."""
    total = open_order_totals(session, [customer_id]).get(customer_id, Decimal(0))
    if changing is not None and changing.status in OPEN_STATUSES:
        total -= changing.total_gross
    return total


# ---------------------------------------------------------------- pricing and rules


def price_and_check(
    ctx: Context,
    customer: Customer,
    lines: Sequence[LineArgs],
    quoted: Sequence[PromotionArgs],
    delivery_date: dt.date | None,
    changing: Order,
) -> tuple[d.Quote, list[d.Issue]]:
    """Run the order rules; return the order priced now, with its promotions, and the
    warnings. ``changing``: the order these lines replace (its own total no longer counts
    against the credit, and what it holds of stock is free again for its new lines).

    Errors reject the mutation. A quoted price that differs from today's is a ``price_changed``
    conflict carrying both prices, and promotions that give something else than the client
    quoted a ``promotion_changed`` conflict carrying both: never changed silently. Gifts are
    judged on the stock, as at submit: a gift the stock cannot cover is not given, so the
    quote differs (``promotion_changed``). Bought lines short of stock are the reservation's
    business (the order is held ``stock_short``).
    """
    session = ctx.session
    now = utcnow()
    promotions = running_promotions(session, now, (ln.product_id for ln in lines))
    ids = {ln.product_id for ln in lines}
    ids |= gift_products(promotions, ids)
    products = (
        {
            p.id: domain_map.product(p)
            for p in session.scalars(select(Product).where(Product.id.in_(ids)))
        }
        if ids
        else {}
    )
    prices = (
        {
            cp.product_id: domain_map.customer_price(cp)
            for cp in session.scalars(
                select(CustomerPrice).where(
                    CustomerPrice.customer_id == customer.id, CustomerPrice.product_id.in_(ids)
                )
            )
        }
        if ids
        else {}
    )
    return check_and_price(
        domain_map.customer(customer),
        lines,
        quoted,
        products,
        prices,
        promotions,
        _open_total(session, customer.id, changing),
        delivery_date,
        now,
        available_after_release(ctx, changing, ids),
        overdue=(overdue_amounts(session, [customer.id], now.date())[customer.id]
                 if ctx.settings.overdue_policy != "off" else Decimal(0)),
        overdue_policy=ctx.settings.overdue_policy,
    )


_PROMOTION_COLUMNS = [getattr(Promotion, name) for name in domain_map.PROMOTION_FIELDS]


def running_promotions(
    session: Session, now: dt.datetime, product_ids: Iterable[int]
) -> list[d.Promotion]:
    """The promotions that run at ``now`` and can apply to orders of ``product_ids``: those on
    these products, and those on spending (no product)."""
    ids = sorted(set(product_ids))
    rows = session.execute(
        select(*_PROMOTION_COLUMNS)
        .where(Promotion.starts_at <= now, Promotion.ends_at > now,
               or_(Promotion.product_id.is_(None), Promotion.product_id.in_(ids)))
        .order_by(Promotion.code)
    )
    return [domain_map.promotion_row(r) for r in rows]


def gift_products(promotions: Iterable[d.Promotion], bought: Iterable[int]) -> set[int]:
    """The products promotions may give an order of the ``bought`` products, which a submit
    must read (and lock the stock of): the gifts of buy-N-get-M on those, and of spending."""
    ids = set(bought)
    return {gift for p in promotions if (gift := p.gift_product) is not None
            and (p.kind is d.PromotionKind.SPEND_GIFT or p.product_id in ids)}


def check_and_price(
    customer: d.Customer,
    lines: Sequence[LineArgs],
    quoted: Sequence[PromotionArgs],
    products: Mapping[int, d.Product],
    prices: Mapping[int, d.CustomerPrice],
    promotions: Sequence[d.Promotion],
    open_total: Decimal,
    delivery_date: dt.date | None,
    now: dt.datetime,
    available: Mapping[int, int] | None,
    *,
    overdue: Decimal = Decimal(0),
    overdue_policy: str = "off",
) -> tuple[d.Quote, list[d.Issue]]:
    """The rules on data already read (under the customer lock): the order priced by
    ``domain.quote_order`` and the warnings, or ``Rejected`` / ``Conflict`` (``price_changed``,
    ``promotion_changed``). ``available``: units in stock per product, to check gifts by.
    ``overdue``: what the customer owes past due (:mod:`.credit`), judged by the server's
    ``overdue_policy``. The credit check weighs the order's total with its promotions (when
    the lines can be priced at all: if not, they are refused anyway)."""
    priceable = all(ln.product_id in products and 0 < ln.quantity <= d.MAX_QUANTITY
                    for ln in lines)
    quote = d.quote_order(customer, [(ln.product_id, ln.quantity) for ln in lines], products,
                          prices, promotions, now, available) if priceable and lines else None
    issues = d.validate_order(
        customer=customer,
        lines=[d.LineInput(ln.product_id, ln.quantity, ln.unit_price) for ln in lines],
        products=products,
        prices=prices,
        stock=None,  # the reservation below is the authority on stock
        open_orders_total=open_total,
        delivery_date=delivery_date,
        today=now.date(),
        overdue=overdue,
        overdue_policy=overdue_policy,
        order_total=None if quote is None else quote.totals.gross,
    )
    errors = [i for i in issues if i.is_error and i.code != "price_changed"]
    if errors:
        raise Rejected("invalid", errors=errors)
    changed = [i for i in issues if i.code == "price_changed"]
    if changed:
        raise Conflict(
            "price_changed",
            errors=changed,
            details={
                "lines": [
                    {
                        "field": i.field,
                        "product_id": lines[_index(i.field)].product_id,
                        "quoted": str(i.params["quoted"]),
                        "current": str(i.params["current"]),
                    }
                    for i in changed
                ]
            },
        )
    assert quote is not None  # priceable: the lines passed the rules
    theirs = [d.AppliedPromotion.from_dict(q.model_dump(mode="json")) for q in quoted]
    if tuple(theirs) != quote.applied:
        raise Conflict(
            "promotion_changed",
            details={
                "promotions": {
                    "quoted": [a.to_dict() for a in theirs],
                    "current": [a.to_dict() for a in quote.applied],
                },
                "totals": {"net": str(quote.totals.net), "tax": str(quote.totals.tax),
                           "gross": str(quote.totals.gross)},
            },
        )
    return quote, [i for i in issues if not i.is_error]


def _index(field: str) -> int:
    return int(field.split("[", 1)[1].split("]", 1)[0])


def _set_lines(order: Order, quote: d.Quote) -> None:
    order.lines[:] = [
        OrderLine(
            line_no=i + 1,
            product_id=ln.product_id,
            quantity=ln.quantity,
            unit_price=ln.unit_price,
            tax_rate=ln.tax_rate,
            shipped_qty=0,
            tax_included=ln.tax_included,
            discount=ln.discount,
            promotion=ln.promotion,
            gift=ln.gift,
        )
        for i, ln in enumerate(quote.lines)
    ]
    order.promotions = [a.to_dict() for a in quote.applied]
    totals = quote.totals
    order.total_net, order.total_tax, order.total_gross = totals.net, totals.tax, totals.gross


def wanted_units(priced: Iterable[d.OrderLine]) -> dict[int, int]:
    """Units per product of an order's lines."""
    out: dict[int, int] = {}
    for ln in priced:
        out[ln.product_id] = out.get(ln.product_id, 0) + ln.quantity
    return out


def set_status(
    ctx: Context, order: Order, status: OrderStatus, reason: str = "", *, by_system: bool = False
) -> None:
    order.status = status.value
    order.events.append(
        OrderEvent(
            status=status.value,
            reason=reason,
            at=utcnow(),
            user_id=None if by_system else ctx.user.id,
            device_id="" if by_system else ctx.device_id,
        )
    )


def _reserve_and_hold(
    ctx: Context, order: Order, priced: list[d.OrderLine], warnings: list[d.Issue]
) -> dict[str, Any]:
    """Reserve stock, decide the hold reasons, auto-confirm when the rule allows."""
    short = reserve(ctx, order.warehouse_id, wanted_units(priced))
    order.stock_reserved = not short
    hold, details = hold_reasons(short, warnings)
    order.hold_reasons = hold
    if confirms_at_once(hold, ctx.settings):
        set_status(ctx, order, OrderStatus.CONFIRMED, AUTO_CONFIRMED, by_system=True)
        emit_confirmed(ctx.uow, order.id, order.number)
    return details


def hold_reasons(
    short: list[dict[str, int]], warnings: list[d.Issue]
) -> tuple[list[str], dict[str, Any]]:
    """Why an order waits for review (``stock_short``, ``credit_exceeded``, ``overdue``), with
    the details."""
    details: dict[str, Any] = {}
    hold: list[str] = []
    if short:
        hold.append("stock_short")
        details["stock_short"] = short
    credit = [w for w in warnings if w.code == "credit_limit_exceeded"]
    if credit:
        hold.append("credit_exceeded")
        details["credit"] = credit[0].to_dict()["params"]
    overdue = [w for w in warnings if w.code == "receivables_overdue"]
    if overdue:
        hold.append("overdue")
        details["overdue"] = overdue[0].to_dict()["params"]
    details["hold_reasons"] = hold
    return hold, details


AUTO_CONFIRMED = "auto_confirmed"
"""The reason in the history of an order the server confirmed by itself."""


def confirms_at_once(hold: list[str], settings: Settings) -> bool:
    """An order nothing holds for review is confirmed at once when the auto-confirm rule is on."""
    return not hold and settings.auto_confirm


def applied_order(ctx: Context, order: Order, details: dict[str, Any] | None = None) -> Applied:
    order.updated_at = utcnow()
    ctx.session.flush()
    data = order_data(order)
    record_order(ctx.uow, order, data)
    return Applied("order", order.id, order.version, data, details or {})


def require_role(role: Role, frm: OrderStatus, to: OrderStatus, field: str = "order_id") -> None:
    """``forbidden`` unless ``role`` may move an order from ``frm`` to ``to``."""
    if not d.allowed(frm, to, role):
        raise Rejected("forbidden", errors=[field_issue(field, "forbidden", role=role.value)])


# ---------------------------------------------------------------- handlers


def update_order(ctx: Context, a: UpdateOrderArgs) -> Applied:
    order = load_order(ctx, a.order_id)
    require_role(ctx.role, OrderStatus.DRAFT, OrderStatus.SUBMITTED)
    if ctx.base_version is None:
        raise Rejected(
            "base_version_required", errors=[field_issue("base_version", "base_version_required")]
        )
    if order.version != ctx.base_version:
        raise Conflict(
            "version_mismatch",
            server=order_data(order),
            details={"base_version": ctx.base_version, "version": order.version},
        )
    status = OrderStatus(order.status)
    if not d.is_editable(status):
        raise Conflict("not_editable", server=order_data(order), status=status.value)
    today = utcnow().date()
    if a.delivery_date is not None and a.delivery_date < today:
        raise Rejected(
            "invalid",
            errors=[
                field_issue(
                    "delivery_date",
                    "delivery_date_in_past",
                    delivery_date=a.delivery_date,
                    today=today,
                )
            ],
        )
    details: dict[str, Any] = {}
    if a.lines is not None:
        customer = lock_customer(ctx, order.customer_id)
        quote, warnings = price_and_check(ctx, customer, a.lines, a.promotions, None, order)
        release(ctx, order)
        _set_lines(order, quote)
        ctx.session.flush()
        details = _reserve_and_hold(ctx, order, list(quote.lines), warnings)
    if a.notes is not None:
        order.notes = a.notes
    if a.clear_delivery_date:
        order.delivery_date = None
    elif a.delivery_date is not None:
        order.delivery_date = a.delivery_date
    order.version += 1
    order.events.append(
        OrderEvent(
            status=order.status,
            reason="edited",
            at=utcnow(),
            user_id=ctx.user.id,
            device_id=ctx.device_id,
        )
    )
    ctx.uow.emit("order.updated", {"order_id": order.id, "number": order.number})
    return applied_order(ctx, order, details)


def cancel_order(ctx: Context, a: CancelOrderArgs) -> Applied:
    # State-based, not version-based: a cancel stays valid after a confirmation, and fails
    # (visibly) only once something was shipped.
    order = load_order(ctx, a.order_id)
    status = OrderStatus(order.status)
    if status is OrderStatus.CANCELLED:
        return Applied("order", order.id, order.version, order_data(order), {"already": True})
    shipped_any = any(ln.shipped_qty for ln in order.lines)
    issue = d.check_transition(status, OrderStatus.CANCELLED, ctx.role, shipped_any=shipped_any)
    if issue is not None:
        if issue.code == "role_not_allowed":
            raise Rejected("forbidden", errors=[issue])
        if shipped_any or status in (OrderStatus.SHIPPED, OrderStatus.CLOSED):
            raise Conflict("already_shipped", server=order_data(order))
        raise Conflict("status_changed", server=order_data(order), status=status.value)
    release(ctx, order)
    order.hold_reasons = []
    set_status(ctx, order, OrderStatus.CANCELLED, a.reason)
    order.version += 1
    ctx.uow.emit("order.cancelled", {"order_id": order.id, "number": order.number})
    return applied_order(ctx, order)


def _under_review(ctx: Context, order_id: str, to: OrderStatus) -> Order:
    """An order waiting for review (``submitted``), to be moved ``to`` by someone whose role
    may; ``status_changed`` if it has moved on meanwhile."""
    require_role(ctx.role, OrderStatus.SUBMITTED, to)
    order = load_order(ctx, order_id)
    status = OrderStatus(order.status)
    if status is not OrderStatus.SUBMITTED:
        raise Conflict("status_changed", server=order_data(order), status=status.value)
    return order


def confirm_order(ctx: Context, a: ConfirmOrderArgs) -> Applied:
    order = _under_review(ctx, a.order_id, OrderStatus.CONFIRMED)
    if not order.stock_reserved:
        short = reserve(ctx, order.warehouse_id, _remaining(order))
        if short:
            raise Conflict(
                "insufficient_stock", server=order_data(order), details={"stock_short": short}
            )
        order.stock_reserved = True
    order.hold_reasons = []
    set_status(ctx, order, OrderStatus.CONFIRMED)
    order.version += 1
    emit_confirmed(ctx.uow, order.id, order.number)
    return applied_order(ctx, order)


def reject_order(ctx: Context, a: RejectOrderArgs) -> Applied:
    order = _under_review(ctx, a.order_id, OrderStatus.REJECTED)
    release(ctx, order)
    set_status(ctx, order, OrderStatus.REJECTED, a.reason)
    order.version += 1
    ctx.uow.emit(
        "order.rejected", {"order_id": order.id, "number": order.number, "reason": a.reason}
    )
    return applied_order(ctx, order)


def receive_order(ctx: Context, a: ReceiveOrderArgs) -> Applied:
    order = load_order(ctx, a.order_id)
    status = OrderStatus(order.status)
    issue = d.check_transition(status, OrderStatus.CLOSED, ctx.role)
    if issue is not None:
        if issue.code == "role_not_allowed":
            raise Rejected("forbidden", errors=[issue])
        raise Conflict("status_changed", server=order_data(order), status=status.value)
    if status is OrderStatus.PARTIALLY_SHIPPED:
        release(ctx, order)  # closing cancels the backorder
    order.receipt_note = a.discrepancy
    set_status(ctx, order, OrderStatus.CLOSED, a.discrepancy)
    order.version += 1
    ctx.uow.emit(
        "order.closed", {"order_id": order.id, "number": order.number, "discrepancy": a.discrepancy}
    )
    return applied_order(ctx, order)

