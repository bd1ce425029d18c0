"""ORM rows → domain objects, so the shared rules in ``sync_engine.domain`` can judge them."""

from __future__ import annotations

from decimal import Decimal

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
