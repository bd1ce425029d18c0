"""``order.submit`` on PostgreSQL without the ORM: the same rules and answers, three round trips.

The general path (:mod:`.mutations` + :func:`.orders.submit_order`) needs some thirty statements
per order, each with the ORM's bookkeeping. Here the same work is three pipelines on the
session's own connection and transaction:

1. claim the idempotency key (``ON CONFLICT DO NOTHING``, first, as always); ``SAVEPOINT``; lock
   the customer; does the order exist; products, prices and open-orders total; lock the
   stock rows **in product-id order**; reserve them with one ``UPDATE`` guarded so that it
   reserves every line or none (the rows are locked by then, so the guard sees their latest
   committed state: no oversell);
2. the rules run in Python (the shared domain rules, as on every path); a conflict or rejection
   rolls back to the savepoint — the speculative reservation with it — and stores the answer;
   otherwise the next order number;
3. order, lines, status history, the stored answer, the outbox events, then the counter and the
   change log in one statement, then ``COMMIT`` (see :meth:`.changes.UnitOfWork.commit`).

Lock order is unchanged: idempotency key, customer, stock rows sorted by product, counter last.
Rare answers that need an order's full state (``order_exists``) load it through the ORM.
SQLite uses the general path.
"""

from __future__ import annotations

import json
from decimal import Decimal

from pydantic import ValidationError
from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import Mutation, MutationResult, SubmitOrderArgs
from sync_engine.server.commands.apply import (
    FAST_PATHS,
    Context,
    Settings,
    _outcome_result,
    _result,
    replay,
)
from sync_engine.server.commands.orders import (
    can_see_order,
    check_and_price,
    hold_reasons,
    record_submitted,
    shortfalls,
)
from sync_engine.server.commands.outcomes import Conflict, Outcome, Rejected, field_issue
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import (
    order_data,
)
from sync_engine.server.feed.scoping import can_access_customer
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import OPEN_ORDER_SQL, Customer, Order, User, utcnow
from sync_engine.server.storage.sql import driver_connection

ENABLED = True
"""Switch for tests that compare this path with the general one."""

_CLAIM = """
INSERT INTO mutations (user_id, idempotency_key, device_id, kind, status, result, created_at)
VALUES (%s, %s, %s, %s, 'pending', '{}', %s)
ON CONFLICT (user_id, idempotency_key) DO NOTHING
RETURNING id
"""
_ORDER_EXISTS = "SELECT 1 FROM orders WHERE id = %s"
_CUSTOMER = f"SELECT {domain_map.CUSTOMER_COLUMNS} FROM customers WHERE id = %s FOR UPDATE"
_PRODUCTS = f"SELECT {domain_map.PRODUCT_COLUMNS} FROM products WHERE id = ANY(%b::int8[])"
_PRICES = """
SELECT customer_id, product_id, breaks FROM customer_prices
WHERE customer_id = %s AND product_id = ANY(%b::int8[])
"""
_OPEN_TOTAL = f"""
SELECT coalesce(sum(total_gross), 0) FROM orders
WHERE customer_id = %s AND {OPEN_ORDER_SQL}
"""
_WAREHOUSE = "(SELECT warehouse_id FROM customers WHERE id = %(customer)s)"
_LOCK_STOCK = f"""
SELECT product_id, on_hand, reserved FROM stock
WHERE warehouse_id = {_WAREHOUSE} AND product_id = ANY(%(pids)b::int8[])
ORDER BY product_id
FOR UPDATE
"""
# Runs after _LOCK_STOCK in the same transaction: every row it may touch is locked, so the
# guard reads the rows' latest state and nobody can change them before commit.
_RESERVE = f"""
UPDATE stock AS s
SET reserved = s.reserved + w.qty, version = s.version + 1, updated_at = %(now)s
FROM unnest(%(pids)b::int8[], %(qtys)b::int8[]) AS w(pid, qty)
WHERE s.warehouse_id = {_WAREHOUSE} AND s.product_id = w.pid
  AND NOT EXISTS (
    SELECT 1
    FROM unnest(%(pids)b::int8[], %(qtys)b::int8[]) AS x(pid, qty)
    LEFT JOIN stock t ON t.warehouse_id = {_WAREHOUSE} AND t.product_id = x.pid
    WHERE t.product_id IS NULL OR greatest(t.on_hand - t.reserved, 0) < x.qty
  )
RETURNING s.product_id, s.on_hand, s.reserved, s.version
"""
_INSERT_ORDER = """
INSERT INTO orders (id, seq_no, number, customer_id, warehouse_id, status, hold_reasons,
                    stock_reserved, notes, delivery_date, local_number, created_by, device_id,
                    created_at, updated_at, total_net, total_tax, total_gross, receipt_note,
                    version)
VALUES (%s, %s, %s, %s, %s, %s, %s::json, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', 1)
"""
_INSERT_LINES = """
INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,
                         shipped_qty)
SELECT %s, v.line_no, v.product_id, v.quantity, v.unit_price, v.tax_rate, 0
FROM unnest(%b::int8[], %b::int8[], %b::int8[], %b::numeric[], %b::numeric[])
     AS v(line_no, product_id, quantity, unit_price, tax_rate)
"""
_INSERT_EVENTS = """
INSERT INTO order_events (order_id, at, user_id, device_id, status, reason)
SELECT %s, %s, v.user_id, v.device_id, v.status, v.reason
FROM unnest(%b::int8[], %b::text[], %b::text[], %b::text[]) WITH ORDINALITY
     AS v(user_id, device_id, status, reason, ord)
ORDER BY v.ord
"""


def submit_fast(
    session: Session, user: User, device_id: str, m: Mutation, settings: Settings
) -> MutationResult | None:
    if not ENABLED:
        return None
    try:
        a = SubmitOrderArgs.model_validate(m.args)
    except ValidationError:
        return None  # the general path answers with the field errors
    role = Role(user.role)
    if not d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, role):
        return None  # the general path answers "forbidden"

    conn = driver_connection(session)
    now = utcnow()
    wanted: dict[int, int] = {}
    for ln in a.lines:
        wanted[ln.product_id] = wanted.get(ln.product_id, 0) + ln.quantity
    pids = sorted(wanted)
    stock_params = {
        "customer": a.customer_id,
        "pids": pids,
        "qtys": [wanted[p] for p in pids],
        "now": now,
    }
    line_ids = list({ln.product_id for ln in a.lines})

    with conn.pipeline():
        claim = conn.execute(_CLAIM, (user.id, m.key, device_id, m.kind[:40], now))
        # Generic plans for the array lookups below: a custom plan per order costs more to make
        # than it saves (they are all primary-key probes).
        conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        conn.execute("SAVEPOINT submit")
        cust = conn.execute(_CUSTOMER, (a.customer_id,))
        # After the customer lock: a twin submit of this order (another key) that held the
        # lock has committed by now, and this snapshot sees it.
        exists = conn.execute(_ORDER_EXISTS, (a.order_id,))
        prods = conn.execute(_PRODUCTS, (line_ids,))
        prices = conn.execute(_PRICES, (a.customer_id, line_ids))
        open_total = conn.execute(_OPEN_TOTAL, (a.customer_id,))
        locked = conn.execute(_LOCK_STOCK, stock_params)
        reserved = conn.execute(_RESERVE, stock_params)
    claimed = claim.fetchone()
    if claimed is None:
        # Seen before, or a concurrent twin committed first: nothing of ours may stay.
        return replay(session, user.id, m.key)
    record_id = int(claimed[0])
    uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
    try:
        if exists.fetchone() is not None:
            _order_exists(session, user, device_id, m, settings, a.order_id)
        row = cust.fetchone()
        customer = None if row is None else domain_map.customer_row(row)
        if customer is None or not can_access_customer(
            user, Customer(id=customer.id, rep_id=customer.rep_id,
                           warehouse_id=customer.warehouse_id)
        ):
            raise Rejected(
                "customer_unknown", errors=[field_issue("customer_id", "customer_unknown")]
            )
        products = {r[0]: domain_map.product_row(r) for r in prods.fetchall()}
        price_rows = {r[1]: domain_map.customer_price_row(r) for r in prices.fetchall()}
        total_row = open_total.fetchone()
        open_sum = Decimal(str(total_row[0] if total_row else 0))
        priced, warnings = check_and_price(
            customer, a.lines, products, price_rows, open_sum, a.delivery_date
        )
    except Outcome as outcome:
        conn.execute("ROLLBACK TO SAVEPOINT submit")
        result = _outcome_result(m, outcome)
        uow.store_result(record_id, result.status, result.model_dump_json())
        uow.commit()
        return result

    # The reservation: every line or none.
    before = {r[0]: (r[1], r[2]) for r in locked.fetchall()}
    after = reserved.fetchall()
    short = shortfalls(wanted, before)
    if len(after) != (0 if short else len(pids)):  # pragma: no cover - the guard is the rule
        raise RuntimeError(f"stock reservation disagrees with the locked rows: {short} {after}")

    seq_no = int(conn.execute("SELECT nextval('order_number_seq')").fetchone()[0])  # type: ignore[index]
    number = f"DH{seq_no:08d}"
    warehouse_id = customer.warehouse_id
    totals = d.order_totals(priced)
    hold, details = hold_reasons(short, warnings)
    confirm = not hold and settings.auto_confirm
    status = OrderStatus.CONFIRMED if confirm else OrderStatus.SUBMITTED

    data = record_submitted(uow, user, a, customer, number, status, hold, bool(short), totals,
                            priced, sorted(after), now)
    history: list[tuple[str, str, int | None, str]] = [
        (OrderStatus.SUBMITTED.value, "", user.id, device_id)
    ]
    if confirm:
        history.append((OrderStatus.CONFIRMED.value, "auto_confirmed", None, ""))
    uow.execute_later("RELEASE SAVEPOINT submit", ())
    uow.execute_later(
        _INSERT_ORDER,
        (a.order_id, seq_no, number, customer.id, warehouse_id, status.value, json.dumps(hold),
         not short, a.notes, a.delivery_date, a.local_number, user.id, device_id, now, now,
         totals.net, totals.tax, totals.gross),
    )
    uow.execute_later(
        _INSERT_LINES,
        (a.order_id, list(range(1, len(priced) + 1)), [ln.product_id for ln in priced],
         [ln.quantity for ln in priced], [ln.unit_price for ln in priced],
         [ln.tax_rate for ln in priced]),
    )
    uow.execute_later(
        _INSERT_EVENTS,
        (a.order_id, now, [u for _, _, u, _ in history], [dv for _, _, _, dv in history],
         [st for st, _, _, _ in history], [r for _, r, _, _ in history]),
    )
    result = _result(m, "applied", entity="order", id=a.order_id, version=1, data=data,
                     details=details)
    uow.store_result(record_id, "applied", result.model_dump_json())
    uow.commit()
    return result


def _order_exists(
    session: Session, user: User, device_id: str, m: Mutation, settings: Settings, order_id: str
) -> None:
    """The resubmit of an order the server has: its state if the user may see it."""
    ctx = Context(UnitOfWork(session), user, device_id, m.base_version, settings)
    existing = session.get(Order, order_id)
    assert existing is not None
    if can_see_order(ctx, existing):
        raise Conflict("order_exists", server=order_data(existing))
    raise Rejected("invalid", errors=[field_issue("order_id", "order_exists")])


FAST_PATHS["order.submit"] = submit_fast
