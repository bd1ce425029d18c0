"""ORM rows → domain objects, so the shared rules in ``sync_engine.domain`` can judge them."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sync_engine import domain as d
from sync_engine.server.storage import models as m

# One field list per entity serves both ways in: ORM objects (the general path) and plain rows
# selected in this column order (a run of submits, see submit_sql.py).
_PRODUCT_FIELDS = (
    "id", "sku", "name_zh", "name_en", "unit", "case_unit", "case_qty", "pack_size", "min_qty",
    "tax_rate", "base_price", "active", "sellable", "barcode", "category",
    "category_en",
)
_CUSTOMER_FIELDS = (
    "id", "code", "name", "rep_id", "warehouse_id", "credit_limit", "payment_terms", "active",
    "prices_include_tax",
)
PRODUCT_COLUMNS = ", ".join(_PRODUCT_FIELDS)
"""The ``products`` columns :func:`product_row` expects, in order."""
CUSTOMER_COLUMNS = ", ".join(_CUSTOMER_FIELDS)
"""The ``customers`` columns :func:`customer_row` expects, in order."""


def product_row(r: Sequence[Any]) -> d.Product:
    """A ``products`` row selected as :data:`PRODUCT_COLUMNS` → domain product."""
    return _product_of(tuple(r))


@functools.lru_cache(maxsize=10_000)
def _product_of(r: tuple[Any, ...]) -> d.Product:
    # Keyed by the whole row, so a changed product is a new key. A push reads the same popular
    # products again and again; building each (with its checks) was 6 % of a push's time.
    return d.Product(**dict(zip(_PRODUCT_FIELDS, r, strict=True)))


def product(p: m.Product) -> d.Product:
    return product_row([getattr(p, name) for name in _PRODUCT_FIELDS])


def customer_row(r: Sequence[Any]) -> d.Customer:
    """A ``customers`` row selected as :data:`CUSTOMER_COLUMNS` → domain customer."""
    return d.Customer(**dict(zip(_CUSTOMER_FIELDS, r, strict=True)))


def customer(c: m.Customer) -> d.Customer:
    return customer_row([getattr(c, name) for name in _CUSTOMER_FIELDS])


def customer_price_row(r: Sequence[Any]) -> d.CustomerPrice:
    """``customer_id, product_id, breaks`` (the JSON already decoded)."""
    return d.CustomerPrice(
        customer_id=r[0],
        product_id=r[1],
        breaks=tuple(d.PriceBreak(int(q), Decimal(str(p))) for q, p in r[2]),
    )


def customer_price(cp: m.CustomerPrice) -> d.CustomerPrice:
    return customer_price_row((cp.customer_id, cp.product_id, cp.breaks))


def stock_level(s: m.Stock) -> d.StockLevel:
    return d.StockLevel(s.product_id, s.warehouse_id, s.on_hand, s.reserved, s.updated_at)


def order_line(ln: m.OrderLine) -> d.OrderLine:
    return d.OrderLine(ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate, ln.shipped_qty,
                       tax_included=ln.tax_included, discount=ln.discount,
                       promotion=ln.promotion, gift=ln.gift)


def order_lines(o: m.Order) -> list[d.OrderLine]:
    return [order_line(ln) for ln in o.lines]


PROMOTION_FIELDS = (
    "code", "kind", "starts_at", "ends_at", "name", "customer_ids", "product_id", "unit_price",
    "price_includes_tax", "buy_qty", "get_qty", "gift_product_id", "threshold", "amount_off",
)
"""The ``promotions`` columns :func:`promotion_row` expects, in order."""


def promotion_row(r: Sequence[Any]) -> d.Promotion:
    """A ``promotions`` row selected as :data:`PROMOTION_FIELDS` → domain promotion."""
    ids = r[5]
    return _promotion_of((*r[:5], None if ids is None else tuple(ids), *r[6:]))


@functools.lru_cache(maxsize=10_000)
def _promotion_of(r: tuple[Any, ...]) -> d.Promotion:
    # Keyed by the whole row, as products are: every submit reads the running promotions.
    f = dict(zip(PROMOTION_FIELDS, r, strict=True))
    ids = f["customer_ids"]
    f["customer_ids"] = None if ids is None else frozenset(int(i) for i in ids)
    for name in ("starts_at", "ends_at"):  # SQLite hands back naive UTC
        if f[name].tzinfo is None:
            f[name] = f[name].replace(tzinfo=dt.UTC)
    for name in ("unit_price", "threshold", "amount_off"):
        if f[name] is not None:
            f[name] = Decimal(str(f[name]))
    return d.Promotion(**f)


def promotion(p: m.Promotion) -> d.Promotion:
    return promotion_row([getattr(p, name) for name in PROMOTION_FIELDS])
