"""ORM rows → domain objects, so the shared rules in ``sync_engine.domain`` can judge them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sync_engine import domain as d

from . import models as m


def product(p: m.Product) -> d.Product:
    return d.Product(
        id=p.id,
        sku=p.sku,
        name_zh=p.name_zh,
        name_en=p.name_en,
        unit=p.unit,
        case_unit=p.case_unit,
        case_qty=p.case_qty,
        pack_size=p.pack_size,
        min_qty=p.min_qty,
        tax_rate=p.tax_rate,
        base_price=p.base_price,
        active=p.active,
        sellable=p.sellable,
        barcode=p.barcode,
        category=p.category,
    )


PRODUCT_COLUMNS = (
    "id, sku, name_zh, name_en, unit, case_unit, case_qty, pack_size, min_qty, tax_rate, "
    "base_price, active, sellable, barcode, category"
)
"""The ``products`` columns :func:`product_row` expects, in order."""


def product_row(r: Sequence[Any]) -> d.Product:
    """A ``products`` row selected as :data:`PRODUCT_COLUMNS` → domain product."""
    return d.Product(
        id=r[0],
        sku=r[1],
        name_zh=r[2],
        name_en=r[3],
        unit=r[4],
        case_unit=r[5],
        case_qty=r[6],
        pack_size=r[7],
        min_qty=r[8],
        tax_rate=r[9],
        base_price=r[10],
        active=r[11],
        sellable=r[12],
        barcode=r[13],
        category=r[14],
    )


def customer_row(r: Sequence[Any]) -> d.Customer:
    """``id, code, name, rep_id, warehouse_id, credit_limit, payment_terms, active``."""
    return d.Customer(
        id=r[0],
        code=r[1],
        name=r[2],
        rep_id=r[3],
        warehouse_id=r[4],
        credit_limit=r[5],
        payment_terms=r[6],
        active=r[7],
    )


def customer_price_row(r: Sequence[Any]) -> d.CustomerPrice:
    """``customer_id, product_id, breaks`` (the JSON already decoded)."""
    return d.CustomerPrice(
        customer_id=r[0],
        product_id=r[1],
        breaks=tuple(d.PriceBreak(int(q), Decimal(str(p))) for q, p in r[2]),
    )


def customer(c: m.Customer) -> d.Customer:
    return d.Customer(
        id=c.id,
        code=c.code,
        name=c.name,
        warehouse_id=c.warehouse_id,
        credit_limit=c.credit_limit,
        payment_terms=c.payment_terms,
        rep_id=c.rep_id,
        active=c.active,
    )


def customer_price(cp: m.CustomerPrice) -> d.CustomerPrice:
    return d.CustomerPrice(
        customer_id=cp.customer_id,
        product_id=cp.product_id,
        breaks=tuple(d.PriceBreak(int(q), Decimal(str(p))) for q, p in cp.breaks),
    )


def stock_level(s: m.Stock) -> d.StockLevel:
    return d.StockLevel(s.product_id, s.warehouse_id, s.on_hand, s.reserved, s.updated_at)


def order_lines(o: m.Order) -> list[d.OrderLine]:
    return [
        d.OrderLine(ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate, ln.shipped_qty)
        for ln in o.lines
    ]
