"""Reading the replica as domain values, so the shared rules can run on it offline."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sync_engine import domain as d

__all__ = [
    "customer",
    "open_orders_total",
    "price_row",
    "prices",
    "product",
    "product_from_row",
    "products",
    "promotions",
    "stock_levels",
]

_OPEN = tuple(s.value for s in d.OrderStatus if d.is_open(s))


def _could_exist(entity_id: int) -> bool:
    # An id beyond what any database holds is simply unknown (SQLite cannot even bind it).
    return 1 <= entity_id <= d.MAX_ID


def _known(ids: Iterable[int]) -> list[int]:
    """The ids among ``ids`` that could exist, sorted and without repeats."""
    return sorted({i for i in ids if _could_exist(i)})


def product_from_row(row: sqlite3.Row) -> d.Product:
    """A row of the replica's ``products`` table as the domain's product."""
    return d.Product(
        id=row["id"], sku=row["sku"], name_zh=row["name_zh"], name_en=row["name_en"],
        unit=row["unit"], case_unit=row["case_unit"], case_qty=row["case_qty"],
        pack_size=row["pack_size"], min_qty=row["min_qty"], tax_rate=Decimal(row["tax_rate"]),
        base_price=Decimal(row["base_price"]), active=bool(row["active"]),
        sellable=bool(row["sellable"]), barcode=row["barcode"], category=row["category"],
        category_en=row["category_en"],
    )


def product(db: sqlite3.Connection, product_id: int) -> d.Product | None:
    """The product as the rules see it, or None if the replica does not have it."""
    if not _could_exist(product_id):
        return None
    row = db.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    return None if row is None else product_from_row(row)


def products(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, d.Product]:
    """The known products among ``ids``, by id."""
    wanted = _known(ids)
    out: dict[int, d.Product] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in db.execute(f"SELECT * FROM products WHERE id IN ({marks})", part):
            out[row["id"]] = product_from_row(row)
    return out


def customer(db: sqlite3.Connection, customer_id: int) -> d.Customer | None:
    """The customer as the rules see it, or None if not in this device's scope."""
    if not _could_exist(customer_id):
        return None
    row = db.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        return None
    return d.Customer(
        id=row["id"], code=row["code"], name=row["name"], warehouse_id=row["warehouse_id"],
        credit_limit=None if row["credit_limit"] is None else Decimal(row["credit_limit"]),
        payment_terms=row["payment_terms"], rep_id=row["rep_id"], active=bool(row["active"]),
        prices_include_tax=bool(row["prices_include_tax"]),
    )


def promotions(db: sqlite3.Connection, customer_id: int,
               product_ids: Iterable[int] | None = None) -> list[d.Promotion]:
    """The promotions of the last sync for this customer (theirs and everyone's), whether
    running now or not (``domain.quote_order`` picks by time); with ``product_ids``, only those
    on these products and on spending. A malformed one is skipped: it cannot be applied
    offline, and the server's re-check says what it gives."""
    sql = "SELECT data FROM promotions WHERE (customer_id IS NULL OR customer_id = ?)"
    params: list[Any] = [customer_id]
    if product_ids is not None:
        wanted = _known(product_ids)
        sql += (" AND (json_extract(data, '$.product_id') IS NULL"
                f" OR json_extract(data, '$.product_id') IN ({','.join('?' * len(wanted))}))")
        params += wanted
    out: list[d.Promotion] = []
    for row in db.execute(sql + " ORDER BY key", params):
        promotion = _parsed_promotion(row["data"])
        if promotion is not None:
            out.append(promotion)
    return out


@functools.lru_cache(maxsize=10_000)
def _parsed_promotion(data: str) -> d.Promotion | None:
    # Keyed by the stored text: pricing an order reads the same promotions at every change.
    try:
        return _promotion(json.loads(data))
    except (KeyError, TypeError, ValueError):
        return None


def _promotion(x: dict[str, Any]) -> d.Promotion:
    def money(value: Any) -> Decimal | None:
        return None if value is None else d.parse_decimal(str(value))

    customer = x.get("customer_id")
    return d.Promotion(
        code=str(x["code"]), kind=d.PromotionKind(x["kind"]),
        starts_at=dt.datetime.fromisoformat(str(x["starts_at"]).replace("Z", "+00:00")),
        ends_at=dt.datetime.fromisoformat(str(x["ends_at"]).replace("Z", "+00:00")),
        name=str(x.get("name") or ""),
        customer_ids=None if customer is None else frozenset({int(customer)}),
        product_id=x.get("product_id"), unit_price=money(x.get("unit_price")),
        price_includes_tax=bool(x.get("price_includes_tax", True)),
        buy_qty=int(x.get("buy_qty") or 0), get_qty=int(x.get("get_qty") or 0),
        gift_product_id=x.get("gift_product_id"), threshold=money(x.get("threshold")),
        amount_off=money(x.get("amount_off")),
    )


def _price(customer_id: int, product_id: int, breaks: str) -> d.CustomerPrice:
    return d.CustomerPrice(
        customer_id=customer_id, product_id=product_id,
        breaks=tuple(d.PriceBreak(int(b["min_qty"]), Decimal(str(b["unit_price"])))
                     for b in json.loads(breaks)),
    )


def price_row(db: sqlite3.Connection, customer_id: int, product_id: int) -> d.CustomerPrice | None:
    """The customer's price row (quantity breaks) for the product, if it has one."""
    if not (_could_exist(customer_id) and _could_exist(product_id)):
        return None
    row = db.execute("SELECT breaks FROM prices WHERE customer_id = ? AND product_id = ?",
                     (customer_id, product_id)).fetchone()
    return None if row is None else _price(customer_id, product_id, row["breaks"])


def prices(
    db: sqlite3.Connection, customer_id: int, ids: Iterable[int]
) -> dict[int, d.CustomerPrice]:
    """The customer's price rows for ``ids``, by product id."""
    wanted = _known(ids) if _could_exist(customer_id) else []
    out: dict[int, d.CustomerPrice] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in db.execute(
            "SELECT product_id, breaks FROM prices WHERE customer_id = ?"
            f" AND product_id IN ({marks})",
            [customer_id, *part],
        ):
            out[row["product_id"]] = _price(customer_id, row["product_id"], row["breaks"])
    return out


def _as_of(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def stock_levels(db: sqlite3.Connection, warehouse_id: int | None,
                 ids: Iterable[int]) -> dict[int, d.StockLevel]:
    """Stock of ``ids`` in the warehouse as of the last sync, by product id."""
    if warehouse_id is None:
        return {}
    wanted = _known(ids)
    out: dict[int, d.StockLevel] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        marks = ",".join("?" * len(part))
        for row in db.execute(
            f"SELECT * FROM stock WHERE warehouse_id = ? AND product_id IN ({marks})",
            [warehouse_id, *part],
        ):
            out[row["product_id"]] = d.StockLevel(
                product_id=row["product_id"], warehouse_id=row["warehouse_id"],
                on_hand=row["on_hand"], reserved=row["reserved"], as_of=_as_of(row["as_of"]))
    return out


def open_orders_total(db: sqlite3.Connection, customer_id: int,
                      exclude: str | None = None) -> Decimal:
    """Credit used: the gross of the customer's open orders as this device sees them."""
    marks = ",".join("?" * len(_OPEN))
    rows = db.execute(
        f"SELECT gross FROM orders WHERE customer_id = ? AND status IN ({marks}) AND id != ?",
        [customer_id, *_OPEN, exclude or ""],
    )
    return d.sum_money(Decimal(r[0]) for r in rows)
