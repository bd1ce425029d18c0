"""A run of ``order.submit`` in one push, on PostgreSQL: decided one by one, committed together.

A field rep who was offline all day pushes dozens of orders at once. Committing each in its own
database transaction costs a WAL flush, the counter lock and a few round trips per order, and
caps a push at a few hundred orders a second. Here a run of consecutive submits (up to
:data:`MAX_RUN`) is a group commit:

1. one pipeline: claim every idempotency key (advisory locks, then which keys are stored
   already); lock the run's customers (sorted by id); which orders exist; the products, the
   contract prices, the open orders' totals; lock the stock rows (sorted by product) — the lock
   order of every other path;
2. the shared domain rules decide each mutation **in push order**, exactly as the one-by-one path
   would: the credit check counts the run's earlier orders, a reservation sees what the earlier
   orders reserved, a conflict or rejection writes nothing but its stored answer (the
   per-mutation transaction's all-or-nothing, kept in memory instead of with savepoints);
3. one round trip for the order numbers, then every write, the answers with their idempotency
   records, the events, the change log (one counter step) and ``COMMIT`` in one pipeline.

Nothing is answered before the commit, so a crash loses only answers nobody saw; the client
resends and the keys make the resend safe. A mutation this path cannot decide (an order id that
exists already, arguments it cannot read) ends the run there: the run before it commits, and the
general path takes that mutation alone. A database error rolls the whole run back and leaves it
to the one-by-one path. ``tests/server/test_submit_batch.py`` holds both paths to the same
answers and the same data. SQLite always goes one by one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import Mutation, MutationResult, SubmitOrderArgs
from sync_engine.protocol.schemas import MAX_MUTATIONS_PER_PUSH
from sync_engine.server.commands.apply import RUN_PATHS, Settings, _outcome_result, _result
from sync_engine.server.commands.orders import (
    OPEN_STATUSES,
    check_and_price,
    hold_reasons,
    record_submitted,
    shortfalls,
)
from sync_engine.server.commands.outcomes import Outcome, Rejected, field_issue
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.scoping import can_access_customer
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import OPEN_ORDER_SQL, Customer, User, utcnow
from sync_engine.server.storage.sql import driver_connection

log = logging.getLogger(__name__)

ENABLED = True
"""Switch for tests that compare this path with the one-by-one path."""

MAX_RUN = MAX_MUTATIONS_PER_PUSH
"""Orders per group commit, so a full push is one run. A run holds its customers' and stock
rows' locks until its commit: about 0.16 s for 500 orders of 5 lines, which another push for
the same rows may wait once. Runs of 100 held them 0.04 s but made the whole push 40 % slower
(five times the reads, the number round trip and the commit wait; tests/perf/bench_sync)."""

_CHUNK = 20
"""Orders finished per step of the commit pipeline (see :meth:`.UnitOfWork.commit`)."""

# The run's idempotency keys, claimed with transaction-scoped advisory locks (in one order, so
# two runs never wait for each other crosswise); the answers are inserted once, at commit. A
# claim row inserted first and updated at commit cost a second, non-HOT row version with its
# index entries: the costliest statement of a push after the order lines.
_LOCK_KEYS = """
SELECT pg_advisory_xact_lock(k.h)
FROM (SELECT DISTINCT hashtextextended(%s::text || ':' || v.key, 0) AS h
      FROM unnest(%b::text[]) AS v(key) ORDER BY 1 OFFSET 0) AS k
"""
_CUSTOMERS = f"""
SELECT {domain_map.CUSTOMER_COLUMNS} FROM customers WHERE id = ANY(%b::int8[])
ORDER BY id FOR UPDATE
"""
_EXISTING = "SELECT id FROM orders WHERE id = ANY(%b::text[])"
_PRODUCTS = f"SELECT {domain_map.PRODUCT_COLUMNS} FROM products WHERE id = ANY(%b::int8[])"
_PRICES = """
SELECT cp.customer_id, cp.product_id, cp.breaks
FROM customer_prices cp
JOIN unnest(%b::int8[], %b::int8[]) AS w(customer_id, product_id)
  ON cp.customer_id = w.customer_id AND cp.product_id = w.product_id
"""
_OPEN_TOTALS = f"""
SELECT customer_id, coalesce(sum(total_gross), 0) FROM orders
WHERE customer_id = ANY(%b::int8[]) AND {OPEN_ORDER_SQL}
GROUP BY customer_id
"""
# Runs after _CUSTOMERS in the same pipeline, so the customers' warehouses are settled.
_LOCK_STOCK = """
SELECT s.warehouse_id, s.product_id, s.on_hand, s.reserved, s.version
FROM stock s
JOIN (SELECT DISTINCT c.warehouse_id, w.product_id
      FROM unnest(%b::int8[], %b::int8[]) AS w(customer_id, product_id)
      JOIN customers c ON c.id = w.customer_id) k
  ON s.warehouse_id = k.warehouse_id AND s.product_id = k.product_id
ORDER BY s.product_id, s.warehouse_id
FOR UPDATE OF s
"""
_NUMBERS = "SELECT nextval('order_number_seq') FROM generate_series(1, %s)"
_WRITE_STOCK = """
UPDATE stock AS s SET reserved = v.reserved, version = v.version, updated_at = %s
FROM unnest(%b::int8[], %b::int8[], %b::int8[], %b::int8[])
     AS v(warehouse_id, product_id, reserved, version)
WHERE s.warehouse_id = v.warehouse_id AND s.product_id = v.product_id
"""
_INSERT_ORDERS = """
INSERT INTO orders (id, seq_no, number, customer_id, warehouse_id, status, hold_reasons,
                    stock_reserved, notes, delivery_date, local_number, created_by, device_id,
                    created_at, updated_at, total_net, total_tax, total_gross, receipt_note,
                    version)
SELECT v.id, v.seq_no, v.number, v.customer_id, v.warehouse_id, v.status, v.hold::json,
       v.reserved, v.notes, v.delivery, v.local, %(user)s, %(device)s, %(now)s, %(now)s,
       v.net, v.tax, v.gross, '', 1
FROM unnest(%(id)b::text[], %(seq_no)b::int8[], %(number)b::text[], %(customer_id)b::int8[],
            %(warehouse_id)b::int8[], %(status)b::text[], %(hold)b::text[],
            %(reserved)b::bool[], %(notes)b::text[], %(delivery)b::date[], %(local)b::text[],
            %(net)b::numeric[], %(tax)b::numeric[], %(gross)b::numeric[])
     AS v(id, seq_no, number, customer_id, warehouse_id, status, hold, reserved, notes,
          delivery, local, net, tax, gross)
"""
_INSERT_ALL_LINES = """
INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,
                         shipped_qty)
SELECT v.order_id, v.line_no, v.product_id, v.quantity, v.unit_price, v.tax_rate, 0
FROM unnest(%b::text[], %b::int8[], %b::int8[], %b::int8[], %b::numeric[], %b::numeric[])
     AS v(order_id, line_no, product_id, quantity, unit_price, tax_rate)
"""
_INSERT_ALL_EVENTS = """
INSERT INTO order_events (order_id, at, user_id, device_id, status, reason)
SELECT v.order_id, %s, v.user_id, v.device_id, v.status, v.reason
FROM unnest(%b::text[], %b::int8[], %b::text[], %b::text[], %b::text[]) WITH ORDINALITY
     AS v(order_id, user_id, device_id, status, reason, ord)
ORDER BY v.ord
"""
_STORED = """
SELECT idempotency_key, result FROM mutations
WHERE user_id = %s AND idempotency_key = ANY(%b::text[])
"""


@dataclass
class _Stock:
    on_hand: int
    reserved: int
    version: int
    touched: bool = False


@dataclass
class _Decided:
    """One applied order, waiting for its number."""

    m: Mutation
    a: SubmitOrderArgs
    customer: d.Customer
    priced: list[d.OrderLine]
    totals: d.OrderTotals
    status: OrderStatus
    hold: list[str]
    details: dict[str, Any]
    short: bool
    stock_after: list[tuple[int, int, int, int]]  # product, on hand, reserved, version
    result: MutationResult | None = None


def submit_run(
    session: Session, user: User, device_id: str, ms: Sequence[Mutation], settings: Settings
) -> list[MutationResult]:
    """Answers for a prefix of ``ms`` (all ``order.submit``), committed together; an empty
    list leaves the first mutation to the general path."""
    if not ENABLED or not d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, Role(user.role)):
        return []
    args: list[SubmitOrderArgs] = []
    for m in ms[:MAX_RUN]:
        try:
            args.append(SubmitOrderArgs.model_validate(m.args))
        except ValidationError:
            break  # the general path answers with the field errors
    if len(args) < 2:
        return []  # nothing to group: the single-order fast path is as quick
    import psycopg  # here, not at the top: a server on SQLite (the app's demo) runs without it

    try:
        return _run(session, user, device_id, list(ms[: len(args)]), args, settings)
    except psycopg.Error:
        # A deadlock or a lost connection: nothing of the run stays; one by one instead.
        log.warning("group commit of %d submits failed; applying them one by one",
                    len(args), exc_info=True)
        session.rollback()
        return []


def _run(
    session: Session,
    user: User,
    device_id: str,
    ms: list[Mutation],
    args: list[SubmitOrderArgs],
    settings: Settings,
) -> list[MutationResult]:
    conn = driver_connection(session)
    now = utcnow()
    customer_ids = sorted({a.customer_id for a in args})
    pairs = sorted({(a.customer_id, ln.product_id) for a in args for ln in a.lines})
    pair_customers = [c for c, _ in pairs]
    pair_products = [p for _, p in pairs]
    with conn.pipeline():
        conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")  # key probes: no replans
        keys = [m.key for m in ms]
        conn.execute(_LOCK_KEYS, (str(user.id), keys))
        # After the locks, so a twin run that held them has committed and is seen.
        seen = conn.execute(_STORED, (user.id, keys))
        custs = conn.execute(_CUSTOMERS, (customer_ids,))
        # After the customer locks: twin submits (other keys) that held them have committed.
        existing = conn.execute(_EXISTING, ([a.order_id for a in args],))
        prods = conn.execute(_PRODUCTS, (sorted(set(pair_products)),))
        prices = conn.execute(_PRICES, (pair_customers, pair_products))
        totals = conn.execute(_OPEN_TOTALS, (customer_ids,))
        locked = conn.execute(_LOCK_STOCK, (pair_customers, pair_products))
    stored_before = {str(k): r for k, r in seen.fetchall()}
    customers = {r[0]: domain_map.customer_row(r) for r in custs.fetchall()}
    exists = {str(r[0]) for r in existing.fetchall()}
    products = {r[0]: domain_map.product_row(r) for r in prods.fetchall()}
    price_rows: dict[int, dict[int, d.CustomerPrice]] = {}
    for r in prices.fetchall():
        price_rows.setdefault(r[0], {})[r[1]] = domain_map.customer_price_row(r)
    open_sums = {int(c): Decimal(str(t)) for c, t in totals.fetchall()}
    stock = {(r[0], r[1]): _Stock(r[2], r[3], r[4]) for r in locked.fetchall()}

    uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
    answers: list[MutationResult | _Decided | None] = []  # None: a replay, read after commit
    seen_keys: set[str] = set()
    for m, a in zip(ms, args, strict=True):
        if m.key in seen_keys or m.key in stored_before:
            answers.append(None)
            seen_keys.add(m.key)
            continue
        seen_keys.add(m.key)
        if a.order_id in exists:
            break  # order_exists needs the order's full state: the general path answers
        decided = _decide(user, m, a, customers, products, price_rows,
                          open_sums, stock, settings)
        if isinstance(decided, _Decided):
            exists.add(a.order_id)
            if decided.status.value in OPEN_STATUSES:
                open_sums[a.customer_id] = open_sums.get(a.customer_id, Decimal(0)) + \
                    decided.totals.gross
        answers.append(decided)
    taken = ms[: len(answers)]
    if not any(isinstance(x, _Decided | MutationResult) for x in answers):
        session.rollback()  # replays only: nothing of ours to keep
        if not answers:
            return []
        return _replays(session, user.id, taken, answers, stored_before)

    applied = [x for x in answers if isinstance(x, _Decided)]
    numbers: list[int] = []
    if applied:
        numbers = sorted(int(r[0]) for r in conn.execute(_NUMBERS, (len(applied),)).fetchall())
    for answer in answers:
        if isinstance(answer, MutationResult):
            uow.store_new_result(answer.key, "order.submit", answer.status,
                                 answer.model_dump_json())
    _queue_stock(uow, stock, now)

    def finish_in_chunks() -> Iterator[None]:
        """Each chunk's orders finished and queued; the database writes a chunk while the next
        one is made."""
        numbered = list(zip(applied, numbers, strict=True))
        for start in range(0, len(numbered), _CHUNK):
            chunk = numbered[start:start + _CHUNK]
            for one, seq_no in chunk:
                _finish(uow, user, one, seq_no, now)
                assert one.result is not None
                uow.store_new_result(one.m.key, "order.submit", "applied",
                                     one.result.model_dump_json())
            _queue_orders(uow, chunk, now, user, device_id)
            yield

    uow.commit(finish_in_chunks())
    return _replays(session, user.id, taken, answers, stored_before)


def _decide(
    user: User,
    m: Mutation,
    a: SubmitOrderArgs,
    customers: dict[int, d.Customer],
    products: dict[int, d.Product],
    price_rows: dict[int, dict[int, d.CustomerPrice]],
    open_sums: dict[int, Decimal],
    stock: dict[tuple[int, int], _Stock],
    settings: Settings,
) -> MutationResult | _Decided:
    """One submit, by the rules, on the run's state so far (as if the earlier ones had
    committed)."""
    customer = customers.get(a.customer_id)
    try:
        if customer is None or not can_access_customer(
            user, Customer(id=customer.id, rep_id=customer.rep_id,
                           warehouse_id=customer.warehouse_id)
        ):
            raise Rejected(
                "customer_unknown", errors=[field_issue("customer_id", "customer_unknown")]
            )
        mine = {ln.product_id: products[ln.product_id] for ln in a.lines
                if ln.product_id in products}
        priced, warnings = check_and_price(
            customer, a.lines, mine, price_rows.get(customer.id, {}),
            open_sums.get(customer.id, Decimal(0)), a.delivery_date,
        )
    except Outcome as outcome:
        return _outcome_result(m, outcome)

    wanted: dict[int, int] = {}
    for ln in a.lines:
        wanted[ln.product_id] = wanted.get(ln.product_id, 0) + ln.quantity
    warehouse = customer.warehouse_id
    levels = {pid: (row.on_hand, row.reserved) for pid in wanted
              if (row := stock.get((warehouse, pid))) is not None}
    short = shortfalls(wanted, levels)
    after = []
    if not short:
        for pid in sorted(wanted):
            row = stock[(warehouse, pid)]
            row.reserved += wanted[pid]
            row.version += 1
            row.touched = True
            after.append((pid, row.on_hand, row.reserved, row.version))
    hold, details = hold_reasons(short, warnings)
    confirm = not hold and settings.auto_confirm
    return _Decided(
        m=m, a=a, customer=customer, priced=priced,
        totals=d.order_totals(priced),
        status=OrderStatus.CONFIRMED if confirm else OrderStatus.SUBMITTED,
        hold=hold, details=details, short=bool(short), stock_after=after,
    )


def _finish(uow: UnitOfWork, user: User, x: _Decided, seq_no: int, now: Any) -> None:
    """Number an applied order; its change-log rows, events and answer."""
    data = record_submitted(uow, user, x.a, x.customer, f"DH{seq_no:08d}", x.status, x.hold,
                            x.short, x.totals, x.priced, x.stock_after, now)
    x.result = _result(x.m, "applied", entity="order", id=x.a.order_id, version=1, data=data,
                       details=x.details)


def _queue_stock(uow: UnitOfWork, stock: dict[tuple[int, int], _Stock], now: Any) -> None:
    """The run's reservations: one statement for every stock row it touched."""
    touched = sorted((k, v) for k, v in stock.items() if v.touched)
    if touched:
        uow.execute_later(_WRITE_STOCK, (now, [k[0] for k, _ in touched],
                                         [k[1] for k, _ in touched],
                                         [v.reserved for _, v in touched],
                                         [v.version for _, v in touched]))


def _queue_orders(
    uow: UnitOfWork, chunk: list[tuple[_Decided, int]], now: Any, user: User, device_id: str
) -> None:
    """A chunk's orders, lines and status history, one set-based statement each."""
    applied = [x for x, _ in chunk]
    numbers = [n for _, n in chunk]
    uow.execute_later(_INSERT_ORDERS, {
        "id": [x.a.order_id for x in applied],
        "seq_no": numbers,
        "number": [f"DH{n:08d}" for n in numbers],
        "customer_id": [x.customer.id for x in applied],
        "warehouse_id": [x.customer.warehouse_id for x in applied],
        "status": [x.status.value for x in applied],
        "hold": [json.dumps(x.hold) for x in applied],
        "reserved": [not x.short for x in applied],
        "notes": [x.a.notes for x in applied],
        "delivery": [x.a.delivery_date for x in applied],
        "local": [x.a.local_number for x in applied],
        "net": [x.totals.net for x in applied],
        "tax": [x.totals.tax for x in applied],
        "gross": [x.totals.gross for x in applied],
        "user": user.id, "device": device_id, "now": now,
    })
    lines = [(x.a.order_id, i + 1, ln) for x in applied for i, ln in enumerate(x.priced)]
    uow.execute_later(_INSERT_ALL_LINES, (
        [o for o, _, _ in lines], [n for _, n, _ in lines],
        [ln.product_id for _, _, ln in lines], [ln.quantity for _, _, ln in lines],
        [ln.unit_price for _, _, ln in lines], [ln.tax_rate for _, _, ln in lines],
    ))
    history: list[tuple[str, int | None, str, str, str]] = []
    for x in applied:
        history.append((x.a.order_id, user.id, device_id, OrderStatus.SUBMITTED.value, ""))
        if x.status is OrderStatus.CONFIRMED:
            history.append((x.a.order_id, None, "", OrderStatus.CONFIRMED.value,
                            "auto_confirmed"))
    uow.execute_later(_INSERT_ALL_EVENTS, (
        now, [h[0] for h in history], [h[1] for h in history], [h[2] for h in history],
        [h[3] for h in history], [h[4] for h in history],
    ))


def _replays(
    session: Session,
    user_id: int,
    taken: list[Mutation],
    answers: list[MutationResult | _Decided | None],
    stored: dict[str, Any],
) -> list[MutationResult]:
    """The answers in push order: the stored ones for keys seen before the run (``stored``),
    and read after our commit for keys answered earlier in this run, as they were stored."""
    wanted = [m.key for m, x in zip(taken, answers, strict=True)
              if x is None and m.key not in stored]
    if wanted:
        conn = driver_connection(session)
        stored = {**stored,
                  **{str(k): r for k, r in conn.execute(_STORED, (user_id, wanted)).fetchall()}}
        session.rollback()
    out = []
    for m, x in zip(taken, answers, strict=True):
        if isinstance(x, _Decided):
            assert x.result is not None
            out.append(x.result)
        elif isinstance(x, MutationResult):
            out.append(x)
        else:
            result = stored.get(m.key)
            if not result:  # pragma: no cover - the key was seen, or answered in this run
                raise RuntimeError(f"idempotency key {m.key!r} without a stored result")
            if isinstance(result, str):
                result = json.loads(result)
            out.append(MutationResult.model_validate({**result, "replayed": True}))
    return out


RUN_PATHS["order.submit"] = submit_run
