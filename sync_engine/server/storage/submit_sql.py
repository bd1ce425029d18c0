"""The SQL of a run of ``order.submit``: one interface, for PostgreSQL and for SQLite.

:mod:`sync_engine.server.commands.submit` decides the orders of a run; this module reads what
the run needs and writes what it decided. Both databases answer the same questions:

- :meth:`SubmitSql.load` claims the run's idempotency keys (and says which were answered
  before), locks the run's customers, says which order ids exist, reads the products, contract
  prices and open-order totals, and locks the stock rows. Locks are taken in one order on every
  path — keys, customers by id, stock rows by product, the change-log counter last (at commit) —
  so two writers never wait for each other crosswise;
- :meth:`SubmitSql.order_numbers` hands out order numbers;
- :meth:`SubmitSql.write_stock` and :meth:`SubmitSql.write_orders` write the run's reservations
  and its new orders with their lines and status history, in one statement each;
- :meth:`SubmitSql.stored` reads stored answers.

**PostgreSQL** (:class:`PostgresSubmitSql`) reads in one psycopg pipeline — one network round
trip for the whole run — claims keys with transaction-scoped advisory locks (the answers are
inserted once, at commit: a key stored meanwhile by a writer without those locks fails the
commit on the unique key), locks rows with ``FOR UPDATE``, numbers orders from a sequence, and
queues its writes on the unit of work (``execute_later``) so that they travel with the change
log and ``COMMIT`` in one pipeline.

**SQLite** (:class:`SqliteSubmitSql`) has one writer: every write transaction takes the write
lock at ``BEGIN`` (``BEGIN IMMEDIATE``, see :mod:`.engine`) and keeps it until it ends, so
reading is claiming and locking, and the highest order number plus one is free. Its writes run
at once, through SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

import orjson
from sqlalchemy import BigInteger, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import (
    OPEN_ORDER_SQL,
    Customer,
    CustomerPrice,
    MutationRecord,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    ServerMeta,
    Stock,
)
from sync_engine.server.storage.numbers import NUMBER_FLOOR
from sync_engine.server.storage.sql import driver_connection, is_postgres


class Later(Protocol):
    """Where PostgreSQL statements wait for the commit pipeline (the unit of work)."""

    def execute_later(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> None: ...


@dataclass(frozen=True)
class RunWants:
    """What a run's orders refer to."""

    customer_ids: list[int]  # sorted
    order_ids: list[str]
    pairs: list[tuple[int, int]]  # (customer, product), sorted

    @staticmethod
    def of(orders: Iterable[tuple[str, int, Iterable[int]]]) -> RunWants:
        """From ``(order id, customer id, product ids)`` of each order."""
        customers: set[int] = set()
        order_ids: list[str] = []
        pairs: set[tuple[int, int]] = set()
        for order_id, customer_id, product_ids in orders:
            order_ids.append(order_id)
            customers.add(customer_id)
            pairs.update((customer_id, pid) for pid in product_ids)
        return RunWants(sorted(customers), order_ids, sorted(pairs))


@dataclass
class StockRow:
    """A locked stock row; the run reserves on it in memory and writes the touched ones."""

    on_hand: int
    reserved: int
    version: int
    touched: bool = False


@dataclass
class RunData:
    """What :meth:`SubmitSql.load` read, under the run's locks."""

    stored: dict[str, dict[str, Any]]  # idempotency key → stored answer, for keys seen before
    customers: dict[int, d.Customer]
    existing: set[str]  # order ids the database has
    products: dict[int, d.Product]
    prices: dict[int, dict[int, d.CustomerPrice]]  # customer → product → contract price
    open_totals: dict[int, Decimal]  # customer → gross total of their open orders
    stock: dict[tuple[int, int], StockRow] = field(default_factory=dict)  # (warehouse, product)

    def add_prices(self, rows: Iterable[Sequence[Any]], wants: RunWants) -> None:
        """``customer_id, product_id, breaks`` rows: those of the run's pairs."""
        pairs = set(wants.pairs)
        for r in rows:
            if (r[0], r[1]) in pairs:
                self.prices.setdefault(r[0], {})[r[1]] = domain_map.customer_price_row(r)

    def add_stock(self, rows: Iterable[Sequence[Any]], wants: RunWants) -> None:
        """``warehouse_id, product_id, on_hand, reserved, version`` rows: those the run's
        orders draw on (each from its customer's warehouse)."""
        wanted = {(c.warehouse_id, p) for c_id, p in wants.pairs
                  if (c := self.customers.get(c_id)) is not None}
        for r in rows:
            if (r[0], r[1]) in wanted:
                self.stock[(r[0], r[1])] = StockRow(r[2], r[3], r[4])


@dataclass(frozen=True)
class NewOrder:
    """An order to insert, with its lines and status history."""

    id: str
    seq_no: int
    number: str
    customer_id: int
    warehouse_id: int
    status: str
    hold_reasons: list[str]
    stock_reserved: bool
    notes: str
    delivery_date: dt.date | None
    local_number: str
    totals: d.OrderTotals
    lines: list[d.OrderLine]
    promotions: list[dict[str, Any]]
    history: list[tuple[str, str, int | None, str]]  # status, reason, user id, device id


class SubmitSql(ABC):
    """The database work of a run of submits, on ``session``'s transaction."""

    def __init__(self, session: Session, later: Later):
        self.session = session
        self.later = later

    @abstractmethod
    def load(self, user_id: int, keys: Sequence[str], wants: RunWants) -> RunData:
        """Claim ``keys`` for this transaction and read (and lock) what ``wants`` names."""

    @abstractmethod
    def order_numbers(self, n: int) -> list[int]:
        """``n`` unused order sequence numbers, ascending."""

    @abstractmethod
    def write_stock(self, rows: Mapping[tuple[int, int], StockRow], now: dt.datetime) -> None:
        """Write the reserved units and versions of the ``touched`` rows."""

    @abstractmethod
    def write_orders(
        self, orders: Sequence[NewOrder], user_id: int, device_id: str, now: dt.datetime
    ) -> None:
        """Insert ``orders``, made by ``user_id`` on ``device_id``, with lines and history."""

    @abstractmethod
    def stored(self, user_id: int, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored answers to those of ``keys`` that have one."""


def submit_sql(session: Session, later: Later) -> SubmitSql:
    """The implementation for ``session``'s database."""
    if is_postgres(session):
        return PostgresSubmitSql(session, later)
    return SqliteSubmitSql(session, later)


def open_order_totals(session: Session, customer_ids: Sequence[int]) -> dict[int, Decimal]:
    """Customer → the gross total of their open orders, which counts against their credit: read
    with the statement every run of ``order.submit`` reads it with, on either database
    (caller's transaction)."""
    if is_postgres(session):
        rows: Iterable[Any] = driver_connection(session).execute(
            PostgresSubmitSql.OPEN_TOTALS, (list(customer_ids),)).fetchall()
    else:
        rows = session.execute(SqliteSubmitSql.OPEN_TOTALS, {"ids": list(customer_ids)})
    return _totals(rows)


def _totals(rows: Iterable[Any]) -> dict[int, Decimal]:
    return {int(c): Decimal(str(t)) for c, t in rows}


def _decimal_text(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _json(rows: list[dict[str, Any]]) -> str:
    """Rows as a JSON document for ``json_to_recordset`` (amounts as exact decimal text)."""
    return orjson.dumps(rows, default=_decimal_text).decode()


def _answer(result: Any) -> dict[str, Any]:
    return json.loads(result) if isinstance(result, str | bytes) else dict(result)


# ---------------------------------------------------------------- PostgreSQL


class PostgresSubmitSql(SubmitSql):
    """Pipelines of plain SQL on the session's own psycopg connection and transaction."""

    # In one order, so two runs never wait for each other crosswise.
    LOCK_KEYS = """
    SELECT pg_advisory_xact_lock(k.h)
    FROM (SELECT DISTINCT hashtextextended(%s::text || ':' || v.key, 0) AS h
          FROM unnest(%b::text[]) AS v(key) ORDER BY 1 OFFSET 0) AS k
    """
    # Key probes written so that their plan cannot be anything else, whatever the statistics:
    # a key at a time (a plan made while the table looked empty scanned all of the user's
    # answers), and a customer at a time through the open-orders index (such a plan read every
    # open order of every customer through the status index).
    STORED = """
    SELECT k.key, m.result
    FROM unnest(%b::text[]) AS k(key)
    CROSS JOIN LATERAL (SELECT result FROM mutations
                        WHERE user_id = %s AND idempotency_key = k.key OFFSET 0) AS m
    """
    CUSTOMERS = f"""
    SELECT {domain_map.CUSTOMER_COLUMNS} FROM customers WHERE id = ANY(%b::int8[])
    ORDER BY id FOR UPDATE
    """
    EXISTING = "SELECT id FROM orders WHERE id = ANY(%b::text[])"
    PRODUCTS = f"SELECT {domain_map.PRODUCT_COLUMNS} FROM products WHERE id = ANY(%b::int8[])"
    PRICES = """
    SELECT cp.customer_id, cp.product_id, cp.breaks
    FROM customer_prices cp
    JOIN unnest(%b::int8[], %b::int8[]) AS w(customer_id, product_id)
      ON cp.customer_id = w.customer_id AND cp.product_id = w.product_id
    """
    # What counts against each customer's credit (from the index of open orders alone).
    OPEN_TOTALS = f"""
    SELECT c.id, (SELECT coalesce(sum(total_gross), 0) FROM orders
                  WHERE customer_id = c.id AND {OPEN_ORDER_SQL})
    FROM unnest(%b::int8[]) AS c(id)
    """
    # After CUSTOMERS in the same transaction, so the customers' warehouses are settled. The
    # run's products in the run's customers' warehouses, read in key order: a run of one
    # warehouse (every single order) locks exactly its rows; a run for customers of several
    # locks its products in each of them. Joining the exact (customer, product) pairs cost a
    # single-order push a tenth of its database time.
    LOCK_STOCK = """
    SELECT s.warehouse_id, s.product_id, s.on_hand, s.reserved, s.version
    FROM stock s
    WHERE s.product_id = ANY(%b::int8[])
      AND s.warehouse_id = ANY(ARRAY(SELECT warehouse_id FROM customers WHERE id = ANY(%b::int8[])))
    ORDER BY s.product_id, s.warehouse_id
    FOR UPDATE OF s
    """
    NUMBERS = "SELECT nextval('order_number_seq') FROM generate_series(1, %s)"
    # The writes take their rows as one JSON document each: psycopg builds a Python-side array
    # per column (a dozen per statement), which cost more than the whole run's JSON.
    WRITE_STOCK = """
    UPDATE stock AS s SET reserved = v.reserved, version = v.version, updated_at = %s
    FROM json_to_recordset(%s::json) AS v(warehouse_id int8, product_id int8, reserved int8,
                                          version int8)
    WHERE s.warehouse_id = v.warehouse_id AND s.product_id = v.product_id
    """
    INSERT_ORDERS = """
    INSERT INTO orders (id, seq_no, number, customer_id, warehouse_id, status, hold_reasons,
                        stock_reserved, notes, delivery_date, local_number, created_by,
                        device_id, created_at, updated_at, total_net, total_tax, total_gross,
                        receipt_note, promotions, version)
    SELECT v.id, v.seq_no, v.number, v.customer_id, v.warehouse_id, v.status, v.hold,
           v.reserved, v.notes, v.delivery, v.local, %(user)s, %(device)s, %(now)s, %(now)s,
           v.net, v.tax, v.gross, '', v.promotions, 1
    FROM json_to_recordset(%(orders)s::json)
         AS v(id text, seq_no int8, number text, customer_id int8, warehouse_id int8,
              status text, hold json, reserved bool, notes text, delivery date, local text,
              net numeric, tax numeric, gross numeric, promotions json)
    """
    INSERT_LINES = """
    INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, tax_rate,
                             shipped_qty, tax_included, discount, promotion, gift)
    SELECT v.order_id, v.line_no, v.product_id, v.quantity, v.unit_price, v.tax_rate, 0,
           v.tax_included, v.discount, v.promotion, v.gift
    FROM json_to_recordset(%s::json)
         AS v(order_id text, line_no int8, product_id int8, quantity int8, unit_price numeric,
              tax_rate numeric, tax_included bool, discount numeric, promotion text, gift bool)
    """
    INSERT_HISTORY = """
    INSERT INTO order_events (order_id, at, user_id, device_id, status, reason)
    SELECT v.order_id, %s, v.user_id, v.device_id, v.status, v.reason
    FROM ROWS FROM (json_to_recordset(%s::json)
                    AS (order_id text, user_id int8, device_id text, status text, reason text))
         WITH ORDINALITY AS v(order_id, user_id, device_id, status, reason, ord)
    ORDER BY v.ord
    """

    def load(self, user_id: int, keys: Sequence[str], wants: RunWants) -> RunData:
        conn = driver_connection(self.session)
        product_ids = sorted({p for _, p in wants.pairs})
        with conn.pipeline():
            # Generic plans: a custom plan per run costs more to make than it saves (the
            # lookups are all key probes). And index plans: a generic plan is kept for the
            # connection's life, and one made while a table looked empty (a new database,
            # before autovacuum's first ANALYZE) would read the whole table at every probe.
            conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            conn.execute("SET LOCAL enable_seqscan = off")
            conn.execute(self.LOCK_KEYS, (str(user_id), list(keys)))
            # After the key locks, so a twin run that held them has committed and is seen.
            stored = conn.execute(self.STORED, (list(keys), user_id))
            if wants.customer_ids:
                customers = conn.execute(self.CUSTOMERS, (wants.customer_ids,))
                # After the customer locks: twin submits of an order (other keys) that held
                # them have committed, and this statement's snapshot sees their orders.
                existing = conn.execute(self.EXISTING, (wants.order_ids,))
                products = conn.execute(self.PRODUCTS, (product_ids,))
                prices = conn.execute(self.PRICES, ([c for c, _ in wants.pairs],
                                                    [p for _, p in wants.pairs]))
                totals = conn.execute(self.OPEN_TOTALS, (wants.customer_ids,))
                stock = conn.execute(self.LOCK_STOCK, (product_ids, wants.customer_ids))
        data = RunData(
            stored={str(k): _answer(r) for k, r in stored.fetchall()},
            customers={}, existing=set(), products={}, prices={}, open_totals={},
        )
        if not wants.customer_ids:
            return data
        data.customers = {r[0]: domain_map.customer_row(r) for r in customers.fetchall()}
        data.existing = {str(r[0]) for r in existing.fetchall()}
        data.products = {r[0]: domain_map.product_row(r) for r in products.fetchall()}
        data.add_prices(prices.fetchall(), wants)
        data.open_totals = _totals(totals.fetchall())
        data.add_stock(stock.fetchall(), wants)
        return data

    def order_numbers(self, n: int) -> list[int]:
        rows = driver_connection(self.session).execute(self.NUMBERS, (n,)).fetchall()
        return sorted(int(r[0]) for r in rows)

    def write_stock(self, rows: Mapping[tuple[int, int], StockRow], now: dt.datetime) -> None:
        touched = [{"warehouse_id": w, "product_id": p, "reserved": v.reserved,
                    "version": v.version} for (w, p), v in sorted(rows.items()) if v.touched]
        if touched:
            self.later.execute_later(self.WRITE_STOCK, (now, _json(touched)))

    def write_orders(
        self, orders: Sequence[NewOrder], user_id: int, device_id: str, now: dt.datetime
    ) -> None:
        self.later.execute_later(self.INSERT_ORDERS, {
            "orders": _json([
                {"id": o.id, "seq_no": o.seq_no, "number": o.number,
                 "customer_id": o.customer_id, "warehouse_id": o.warehouse_id,
                 "status": o.status, "hold": o.hold_reasons, "reserved": o.stock_reserved,
                 "notes": o.notes, "delivery": o.delivery_date, "local": o.local_number,
                 "net": o.totals.net, "tax": o.totals.tax, "gross": o.totals.gross,
                 "promotions": o.promotions}
                for o in orders]),
            "user": user_id, "device": device_id, "now": now,
        })
        self.later.execute_later(self.INSERT_LINES, (_json([
            {"order_id": o.id, "line_no": i + 1, "product_id": ln.product_id,
             "quantity": ln.quantity, "unit_price": ln.unit_price, "tax_rate": ln.tax_rate,
             "tax_included": ln.tax_included, "discount": ln.discount,
             "promotion": ln.promotion, "gift": ln.gift}
            for o in orders for i, ln in enumerate(o.lines)]),))
        self.later.execute_later(self.INSERT_HISTORY, (now, _json([
            {"order_id": o.id, "user_id": user, "device_id": device, "status": status,
             "reason": reason}
            for o in orders for status, reason, user, device in o.history])))

    def stored(self, user_id: int, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        rows = driver_connection(self.session).execute(self.STORED, (list(keys), user_id))
        return {str(k): _answer(r) for k, r in rows.fetchall()}


# ---------------------------------------------------------------- SQLite


def _in(column: Any, name: str) -> Any:
    return column.in_(bindparam(name, expanding=True))


_CUSTOMER_COLUMNS = [getattr(Customer, c) for c in domain_map.CUSTOMER_COLUMNS.split(", ")]
_PRODUCT_COLUMNS = [getattr(Product, c) for c in domain_map.PRODUCT_COLUMNS.split(", ")]


class SqliteSubmitSql(SubmitSql):
    """SQLAlchemy statements; the transaction's write lock, taken at ``BEGIN``, is the lock."""

    STORED = select(MutationRecord.idempotency_key, MutationRecord.result).where(
        MutationRecord.user_id == bindparam("user"), _in(MutationRecord.idempotency_key, "keys")
    )
    CUSTOMERS = select(*_CUSTOMER_COLUMNS).where(_in(Customer.id, "ids")).order_by(Customer.id)
    EXISTING = select(Order.id).where(_in(Order.id, "ids"))
    PRODUCTS = select(*_PRODUCT_COLUMNS).where(_in(Product.id, "ids"))
    PRICES = select(CustomerPrice.customer_id, CustomerPrice.product_id, CustomerPrice.breaks) \
        .where(_in(CustomerPrice.customer_id, "customers"), _in(CustomerPrice.product_id, "ids"))
    # What counts against each customer's credit (from the index of open orders alone).
    OPEN_TOTALS = (
        select(Order.customer_id, func.coalesce(func.sum(Order.total_gross), 0))
        .where(_in(Order.customer_id, "ids"), text(OPEN_ORDER_SQL))
        .group_by(Order.customer_id)
    )
    STOCK = select(Stock.warehouse_id, Stock.product_id, Stock.on_hand, Stock.reserved,
                   Stock.version) \
        .where(_in(Stock.warehouse_id, "warehouses"), _in(Stock.product_id, "ids")) \
        .order_by(Stock.product_id, Stock.warehouse_id)
    # The highest number in use, or the floor set after the server went back in time.
    NUMBER = select(func.max(
        func.coalesce(select(func.max(Order.seq_no)).scalar_subquery(), 0),
        func.coalesce(select(ServerMeta.value).where(ServerMeta.key == NUMBER_FLOOR)
                      .scalar_subquery().cast(BigInteger), 0)))

    def load(self, user_id: int, keys: Sequence[str], wants: RunWants) -> RunData:
        run = self.session.execute
        data = RunData(
            stored=self.stored(user_id, keys),
            customers={}, existing=set(), products={}, prices={}, open_totals={},
        )
        if not wants.customer_ids:
            return data
        data.customers = {r[0]: domain_map.customer_row(r)
                          for r in run(self.CUSTOMERS, {"ids": wants.customer_ids})}
        data.existing = {str(r[0]) for r in run(self.EXISTING, {"ids": wants.order_ids})}
        product_ids = sorted({p for _, p in wants.pairs})
        data.products = {r[0]: domain_map.product_row(r)
                         for r in run(self.PRODUCTS, {"ids": product_ids})}
        data.add_prices(run(self.PRICES, {"customers": wants.customer_ids, "ids": product_ids}),
                        wants)
        data.open_totals = _totals(run(self.OPEN_TOTALS, {"ids": wants.customer_ids}))
        warehouses = sorted({c.warehouse_id for c in data.customers.values()})
        data.add_stock(run(self.STOCK, {"warehouses": warehouses, "ids": product_ids}), wants)
        return data

    def order_numbers(self, n: int) -> list[int]:
        last = int(self.session.scalar(self.NUMBER) or 0)
        return list(range(last + 1, last + n + 1))

    def write_stock(self, rows: Mapping[tuple[int, int], StockRow], now: dt.datetime) -> None:
        touched = [{"warehouse_id": w, "product_id": p, "reserved": v.reserved,
                    "version": v.version, "updated_at": now}
                   for (w, p), v in sorted(rows.items()) if v.touched]
        if touched:
            self.session.execute(update(Stock), touched)

    def write_orders(
        self, orders: Sequence[NewOrder], user_id: int, device_id: str, now: dt.datetime
    ) -> None:
        if not orders:
            return
        self.session.execute(insert(Order), [
            {"id": o.id, "seq_no": o.seq_no, "number": o.number, "customer_id": o.customer_id,
             "warehouse_id": o.warehouse_id, "status": o.status,
             "hold_reasons": o.hold_reasons, "stock_reserved": o.stock_reserved,
             "notes": o.notes, "delivery_date": o.delivery_date,
             "local_number": o.local_number, "created_by": user_id, "device_id": device_id,
             "created_at": now, "updated_at": now, "total_net": o.totals.net,
             "total_tax": o.totals.tax, "total_gross": o.totals.gross, "receipt_note": "",
             "promotions": o.promotions, "version": 1}
            for o in orders
        ])
        self.session.execute(insert(OrderLine), [
            {"order_id": o.id, "line_no": i + 1, "product_id": ln.product_id,
             "quantity": ln.quantity, "unit_price": ln.unit_price, "tax_rate": ln.tax_rate,
             "shipped_qty": 0, "tax_included": ln.tax_included, "discount": ln.discount,
             "promotion": ln.promotion, "gift": ln.gift}
            for o in orders for i, ln in enumerate(o.lines)
        ])
        self.session.execute(insert(OrderEvent), [
            {"order_id": o.id, "at": now, "user_id": user, "device_id": device,
             "status": status, "reason": reason}
            for o in orders for status, reason, user, device in o.history
        ])

    def stored(self, user_id: int, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        rows = self.session.execute(self.STORED, {"user": user_id, "keys": list(keys)})
        return {str(k): _answer(r) for k, r in rows}
