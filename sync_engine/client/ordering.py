"""What users do to orders: the rep's drafts, edits, submits, cancels and reorders, the clerk's
shipments, the back office's confirmations and rejections, the store's receipt. Each checks the
shared rules, then writes the change (through :mod:`.orders` and :mod:`.shipments`, which own
those tables) and its outbox row in the caller's one transaction. Nothing here commits; the
engine does.

Editing works the same on drafts and on submitted orders: a draft changes locally only; a
submitted order (still editable) gets the same change locally at once and an ``order.update``
queued for the server. A quoted price is never changed silently: lines keep the unit price they
were priced at; only the line being edited is priced anew, and :func:`accept_current_prices`
re-prices on request. Promotions are applied offline on every change of lines and at submit
(:mod:`.quotes`); what they gave travels with the order and the server checks it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from sync_engine import domain as d
from sync_engine.domain import Issue, OrderStatus, Role, TextRule
from sync_engine.domain import text as text_rules
from sync_engine.protocol import (
    CancelOrderArgs,
    ConfirmOrderArgs,
    ConfirmShipmentArgs,
    LineArgs,
    PromotionArgs,
    ReceiveOrderArgs,
    RejectOrderArgs,
    ShipmentLineArgs,
    SubmitOrderArgs,
    UpdateOrderArgs,
)

from . import catalog, credit, orders, outbox, quotes, shipments
from .errors import NotAllowed, ValidationFailed
from .orders import order_lines, order_promotions, order_row, replace_lines
from .store import get_meta, set_meta
from .values import Identity, ReorderDifference

__all__ = [
    "accept_current_prices",
    "cancel_order",
    "check_lines",
    "confirm_order",
    "confirm_shipment",
    "create_draft",
    "edit_order",
    "line_args",
    "promotion_args",
    "receive_order",
    "reject_order",
    "reorder",
    "require_text",
    "requote",
    "submit_order",
]

UNSET: Any = object()
"""Marks an argument that was not given (where None means "clear it")."""
_UNSET = UNSET


def require_text(*fields: tuple[str, str | None, TextRule]) -> None:
    """Refuse text the shared rule refuses (control characters, broken characters, too long)
    with :class:`ValidationFailed`, before anything is saved or queued. ``None`` is not set."""
    issues = [issue for field, value, rule in fields
              if value is not None and (issue := rule.check(field, value)) is not None]
    if issues:
        raise ValidationFailed(issues)


def _role(identity: Identity) -> Role:
    return Role(identity.role)


def _base_version(db: sqlite3.Connection, row: sqlite3.Row) -> int:
    """The base version of the order's next mutation (see :func:`.outbox.next_base_version`)."""
    return outbox.next_base_version(db, outbox.order_entity(row["id"]), int(row["server_version"]))


def _require_ordering_role(identity: Identity) -> None:
    if not d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, _role(identity)):
        raise NotAllowed([Issue("status", "role_not_allowed", {
            "role": identity.role, "from": "draft", "to": "submitted"})])


def _next_local_number(db: sqlite3.Connection) -> str:
    last = get_meta(db, "local_seq")
    n = int(last) + 1 if last is not None else 1
    set_meta(db, "local_seq", str(n))
    client = get_meta(db, "client_id")
    prefix = (client[-4:] if client is not None else "LOCL").upper()
    return f"L{prefix}-{n:05d}"


def create_draft(db: sqlite3.Connection, identity: Identity, customer_id: int, *,
                 notes: str = "", delivery_date: dt.date | None = None) -> str:
    """A new empty draft for the customer; returns its id (a UUID made here)."""
    _require_ordering_role(identity)
    require_text(("notes", notes, text_rules.NOTES))
    customer = catalog.customer(db, customer_id)
    if customer is None:
        raise ValidationFailed([Issue("customer", "customer_unknown")])
    if not customer.active:
        raise ValidationFailed([Issue("customer", "customer_inactive",
                                      {"customer_code": customer.code})])
    _check_date(delivery_date)
    order_id = str(uuid.uuid4())
    orders.insert_draft(
        db, order_id, local_number=_next_local_number(db), customer_id=customer_id,
        warehouse_id=customer.warehouse_id, notes=notes,
        delivery_date=None if delivery_date is None else delivery_date.isoformat())
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


def _specials(db: sqlite3.Connection, order_id: str) -> frozenset[str]:
    return quotes.special_codes(order_promotions(db, order_id))


def check_lines(db: sqlite3.Connection, row: sqlite3.Row, lines: Sequence[d.OrderLine],
                *, whole_order: bool) -> list[Issue]:
    """The rules on the order with these lines (quoted prices as they stand; gift lines and
    special prices are the promotions', checked by the server)."""
    lines = quotes.bought(lines)
    specials = _specials(db, row["id"])
    ids = [ln.product_id for ln in lines]
    customer_id = int(row["customer_id"])
    customer = catalog.customer(db, customer_id)
    inputs = [d.LineInput(ln.product_id, ln.quantity,
                          None if ln.promotion in specials else ln.unit_price) for ln in lines]
    if not whole_order:
        issues: list[Issue] = []
        products = catalog.products(db, ids)
        prices = catalog.prices(db, customer_id, ids)
        included = customer is not None and customer.prices_include_tax
        for i, line in enumerate(inputs):
            issues.extend(d.validate_line(i, line, products.get(line.product_id),
                                          prices.get(line.product_id), tax_included=included))
        return issues
    delivery = row["delivery_date"]
    account = credit.view(db, customer_id)  # as of the last sync, judged today
    # The credit check weighs the total the order shows: priced with its promotions.
    quoted = quotes.quote(db, customer_id, row["warehouse_id"], lines, specials)
    return d.validate_order(
        customer=customer,
        lines=inputs,
        products=catalog.products(db, ids),
        prices=catalog.prices(db, customer_id, ids),
        stock=catalog.stock_levels(db, row["warehouse_id"], ids),
        open_orders_total=catalog.open_orders_total(db, customer_id, exclude=row["id"]),
        delivery_date=None if delivery is None else dt.date.fromisoformat(delivery),
        overdue=account.overdue_amount,
        overdue_policy=account.overdue_policy,
        order_total=quoted.totals.gross,
    )


def _priced(db: sqlite3.Connection, customer_id: int, product_id: int,
            quantity: int, index: int) -> d.OrderLine:
    """A line for the product at the customer's current local price, checked first."""
    product = catalog.product(db, product_id)
    price = catalog.price_row(db, customer_id, product_id)
    customer = catalog.customer(db, customer_id)
    included = customer is not None and customer.prices_include_tax
    issues = d.validate_line(index, d.LineInput(product_id, quantity), product, price,
                             tax_included=included)
    if d.has_errors(issues):
        raise ValidationFailed(issues)
    assert product is not None
    return d.price_line(product, price, quantity, tax_included=included)


def requote(db: sqlite3.Connection, row: sqlite3.Row,
            lines: Sequence[d.OrderLine]) -> d.Quote:
    """The order (``row``) with ``lines`` priced with the promotions of the last sync."""
    return quotes.quote(db, int(row["customer_id"]), row["warehouse_id"], lines,
                        _specials(db, row["id"]))


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
    require_text(("notes", notes, text_rules.NOTES))
    lines = quotes.bought(order_lines(db, order_id))
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
    quote = requote(db, row, lines) if lines_changed else None
    if quote is not None:
        replace_lines(db, order_id, quote.lines, quote.applied)
    if notes is not None:
        orders.set_notes(db, order_id, notes)
    if delivery_date is not _UNSET:
        orders.set_delivery_date(
            db, order_id, None if delivery_date is None else delivery_date.isoformat())
    orders.touch(db, order_id)
    if not submitted:
        return None
    # Only what changed travels: the fields set are those sent.
    changed = {"order_id"}
    if lines_changed:
        changed.add("lines")
    if notes is not None:
        changed.add("notes")
    if delivery_date is not _UNSET:
        changed.add("clear_delivery_date" if delivery_date is None else "delivery_date")
    if quote is not None:
        changed.add("promotions")
    args = UpdateOrderArgs.model_construct(
        changed, order_id=order_id, lines=line_args(lines, quote.applied if quote else ()),
        promotions=promotion_args(quote.applied if quote else ()), notes=notes,
        delivery_date=None if delivery_date is _UNSET else delivery_date,
        clear_delivery_date=delivery_date is None)
    return outbox.enqueue(db, "order.update", args, _base_version(db, row))


def line_args(lines: Sequence[d.OrderLine],
              applied: Sequence[d.AppliedPromotion] = ()) -> list[LineArgs]:
    """The lines as a mutation carries them: product, quantity, and the quoted unit price
    (none for a special price: the promotions carry it). Gift lines are the server's to add."""
    specials = quotes.special_codes(applied)
    return [LineArgs.model_construct(
                product_id=ln.product_id, quantity=ln.quantity,
                unit_price=None if ln.promotion in specials
                else Decimal(d.format_amount(ln.unit_price)))
            for ln in quotes.bought(lines)]


def promotion_args(applied: Sequence[d.AppliedPromotion]) -> list[PromotionArgs]:
    """What each promotion gave, as a mutation carries it (the server checks it)."""
    return [PromotionArgs.model_validate(a.to_dict()) for a in applied]


def accept_current_prices(db: sqlite3.Connection, identity: Identity, order_id: str) -> list[Issue]:
    """Re-price a draft's lines at the customer's current prices; returns the price changes
    (``price_changed`` issues with the old and new price). Submitted orders: use a conflict's
    "keep mine with new prices" instead, where the server says what changed."""
    row = _editable(db, identity, order_id)
    if row["status"] != OrderStatus.DRAFT.value:
        raise NotAllowed([Issue("status", "transition_not_allowed",
                                {"from": row["status"], "to": "draft"})])
    lines = quotes.bought(order_lines(db, order_id))
    changes = [i for i in check_lines(db, row, lines, whole_order=False)
               if i.code == "price_changed"]
    repriced = [_priced(db, row["customer_id"], ln.product_id, ln.quantity, i)
                for i, ln in enumerate(lines)]
    quote = requote(db, row, repriced)
    replace_lines(db, order_id, quote.lines, quote.applied)
    orders.touch(db, order_id)
    return changes


def submit_order(db: sqlite3.Connection, identity: Identity, order_id: str) -> list[Issue]:
    """Submit a draft: the rules run on the whole order; errors refuse it, warnings
    (credit, stock as of the last sync) are returned. Queues ``order.submit``."""
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    issue = d.check_transition(status, OrderStatus.SUBMITTED, _role(identity))
    if issue is not None:
        raise NotAllowed([issue])
    # A draft saved by an older version may hold text the rule now refuses: never queue it.
    require_text(("notes", row["notes"], text_rules.NOTES),
                 ("local_number", row["local_number"], text_rules.LOCAL_NUMBER))
    lines = order_lines(db, order_id)
    issues = check_lines(db, row, lines, whole_order=True)
    if d.has_errors(issues):
        raise ValidationFailed(issues)
    # Priced again now: promotions may have begun or ended since the draft was last edited.
    quote = requote(db, row, lines)
    replace_lines(db, order_id, quote.lines, quote.applied)
    orders.set_status(db, order_id, OrderStatus.SUBMITTED)
    delivery = row["delivery_date"]
    outbox.enqueue(db, "order.submit", SubmitOrderArgs.model_construct(
        order_id=order_id, customer_id=row["customer_id"],
        lines=line_args(quote.lines, quote.applied), promotions=promotion_args(quote.applied),
        notes=row["notes"],
        delivery_date=None if delivery is None else dt.date.fromisoformat(delivery),
        local_number=row["local_number"]))
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
    require_text(("reason", reason, text_rules.REASON))
    orders.set_status(db, order_id, OrderStatus.CANCELLED)
    if status is OrderStatus.DRAFT:
        return None
    return outbox.enqueue(db, "order.cancel",
                          CancelOrderArgs.model_construct(order_id=order_id, reason=reason),
                          _base_version(db, row))


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
    for line in quotes.bought(order_lines(db, order_id)):
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
        new = d.price_line(product, price, line.quantity,
                           tax_included=customer is not None and customer.prices_include_tax)
        if new.unit_price != line.unit_price and not line.promotion:
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
    quote = quotes.quote(db, customer_id, None if customer is None else customer.warehouse_id,
                         lines)
    replace_lines(db, draft_id, quote.lines, quote.applied)
    return draft_id, differences


def confirm_shipment(db: sqlite3.Connection, identity: Identity, order_id: str,
                     quantities: Mapping[int, int], *, carrier: str = "",
                     tracking_number: str = "") -> str:
    """Record what left the warehouse (partial allowed; the rest is backordered); queues
    ``shipment.confirm``. Returns the new shipment's id."""
    row = order_row(db, order_id)
    status = OrderStatus(row["status"])
    require_text(("carrier", carrier, text_rules.CARRIER),
                 ("tracking_number", tracking_number, text_rules.TRACKING_NUMBER))
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
    shipments.TABLE.record_unsent(db, data)
    orders.set_status(db, order_id, target)
    outbox.enqueue(db, "shipment.confirm", ConfirmShipmentArgs.model_construct(
        shipment_id=shipment_id, order_id=order_id,
        lines=[ShipmentLineArgs.model_construct(product_id=pid, quantity=q)
               for pid, q in sorted(quantities.items()) if q],
        carrier=carrier, tracking_number=tracking_number), _base_version(db, row))
    return shipment_id


def replace_all_lines(
    lines: Sequence[d.OrderLine], prices: Mapping[int, Decimal]
) -> list[d.OrderLine]:
    """The lines with the unit prices in ``prices`` (by product) put in; others unchanged."""
    return [dataclasses.replace(ln, unit_price=prices.get(ln.product_id, ln.unit_price))
            for ln in lines]


# ---------------------------------------------------------------------- decisions on an order


def _move(db: sqlite3.Connection, identity: Identity, order_id: str, target: OrderStatus,
          kind: str, args: BaseModel, *, clear_holds: bool = False) -> str:
    row = order_row(db, order_id)
    issue = d.check_transition(OrderStatus(row["status"]), target, _role(identity))
    if issue is not None:
        raise NotAllowed([issue])
    orders.set_status(db, order_id, target, clear_holds=clear_holds)
    return outbox.enqueue(db, kind, args, _base_version(db, row))


def confirm_order(db: sqlite3.Connection, identity: Identity, order_id: str) -> str:
    """Back office: confirm a submitted (held) order; queues ``order.confirm``."""
    return _move(db, identity, order_id, OrderStatus.CONFIRMED, "order.confirm",
                 ConfirmOrderArgs.model_construct(order_id=order_id), clear_holds=True)


def reject_order(db: sqlite3.Connection, identity: Identity, order_id: str, reason: str) -> str:
    """Back office: reject a submitted order, saying why (required: the rep is told)."""
    missing = d.check_reason(OrderStatus.REJECTED, reason)
    if missing is not None:
        raise ValidationFailed([missing])
    why = reason.strip()
    require_text(("reason", why, text_rules.REASON))
    return _move(db, identity, order_id, OrderStatus.REJECTED, "order.reject",
                 RejectOrderArgs.model_construct(order_id=order_id, reason=why))


def receive_order(db: sqlite3.Connection, identity: Identity, order_id: str,
                  discrepancy: str = "") -> str:
    """The store confirms receipt of a shipped order (closing it), with a note of anything
    missing or damaged; queues ``order.receive``."""
    note = discrepancy.strip()
    require_text(("discrepancy", note, text_rules.REASON))
    if not any(ln.shipped_qty for ln in order_lines(db, order_id)):
        raise NotAllowed([Issue("status", "transition_not_allowed",
                                {"from": order_row(db, order_id)["status"], "to": "closed"})])
    return _move(db, identity, order_id, OrderStatus.CLOSED, "order.receive",
                 ReceiveOrderArgs.model_construct(order_id=order_id, discrepancy=note))
