"""Realistic order history for the demo and the screenshots, made through the engine alone.

Orders go in as a rep would make them (drafts, submits, a cancel), a clerk's device ships some
of them, and an ERP price update lands between a quote and its submit, so the conflicts inbox
has a real ``price_changed`` case. Runs on a worker thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sync_engine import domain as d
from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, ProductView

from .server import DEMO_PASSWORD, DemoServer

__all__ = ["seed_demo_orders"]

log = logging.getLogger(__name__)

_TERMS = ("可乐", "牛奶", "大米", "纸巾", "啤酒", "薯片", "酱油", "方便面", "洗衣", "矿泉水")
_NOTES = ("请送到后门仓库", "周末不收货，请工作日上午送达", "", "发票抬头同店名", "")


def _products(engine: Engine) -> list[ProductView]:
    found: list[ProductView] = []
    for term in _TERMS:
        found += [p for p in engine.search_products(term, limit=6) if p.active and p.sellable]
    unique = {p.id: p for p in found}
    return list(unique.values())


def _lines(products: list[ProductView], start: int, count: int) -> dict[int, int]:
    lines = {}
    for k in range(count):
        p = products[(start + k * 3) % len(products)]
        units = d.smallest_valid_quantity(p, p.case_qty * (1 + (start + k) % 3))
        lines[p.id] = units
    return lines


def _promoted(engine: Engine, customer_id: int) -> dict[int, int]:
    """Ten cases of the product of the demo's 买十赠一 (buy-N-get-M), so the draft in order
    entry shows a gift line and reaches the 满2000减100."""
    for p in engine.promotions(customer_id):
        if p.kind is d.PromotionKind.BUY_GET and p.product_id is not None:
            with contextlib.suppress(ce.NotFound):
                product = engine.product(p.product_id)
                return {product.id: d.smallest_valid_quantity(product, p.buy_qty)}
    return {}


def a_draft(engine: Engine) -> str:
    """A draft of the signed-in user's to show: the newest one, or a new one (the screenshots
    may have submitted the demo's own by the time they want one)."""
    drafts = engine.orders(status="draft", limit=1)
    if drafts:
        return drafts[0].id
    customer = next(c for c in engine.customers() if c.active)
    return engine.create_draft(customer.id, _lines(_products(engine), 3, 3)).id


def seed_demo_orders(engine: Engine, demo: DemoServer, clerk_dir: Path) -> int:
    """Make sure the demo shows every kind of screen: an order history (the server's demo
    usually brings one), a draft in progress and a price conflict. Returns orders created."""
    customers: list[CustomerView] = [c for c in engine.customers() if c.active]
    products = _products(engine)
    log.info("demo orders: %d customers, %d products to order from", len(customers),
             len(products))
    if not customers or not products:
        return 0
    made = 0
    if not engine.orders(limit=1):
        made += _history(engine, demo, clerk_dir, customers, products)
    if not engine.orders(status="draft", limit=1):
        # A draft being worked on (shown in order entry).
        customer = customers[1 % len(customers)]
        engine.create_draft(customer.id, {**_lines(products, 9, 4),
                                          **_promoted(engine, customer.id)},
                            notes="下周一前确认")
        made += 1
    if not engine.conflicts():
        _price_conflict(engine, demo, customers[2 % len(customers)],
                        products[7 % len(products)])
        made += 1
    engine.sync_once()
    return made


def _history(engine: Engine, demo: DemoServer, clerk_dir: Path,
             customers: list[CustomerView], products: list[ProductView]) -> int:
    """Submitted, cancelled and shipped orders, when the server's demo brought none."""
    made: list[str] = []
    today = dt.date.today()
    for i, customer in enumerate(customers[:7]):
        draft = engine.create_draft(customer.id, _lines(products, i * 2, 3 + i % 4),
                                    notes=_NOTES[i % len(_NOTES)],
                                    delivery_date=today + dt.timedelta(days=2 + i))
        engine.submit(draft.id)
        made.append(draft.id)
    engine.sync_once()
    if len(made) > 5:
        engine.cancel(made[5], "客户要求改期")
    engine.sync_once()
    _ship(engine, demo, clerk_dir, made[:3])
    return len(made)


def _ship(engine: Engine, demo: DemoServer, clerk_dir: Path, order_ids: list[str]) -> None:
    """Ship two orders in full and one in part, from the clerk's own device."""
    clerk = Engine(clerk_dir, demo.url)
    try:
        clerk.login("clerk1", DEMO_PASSWORD, "demo warehouse PC")
        clerk.sync_once()
        for n, order_id in enumerate(order_ids):
            try:
                order = clerk.order(order_id)
            except ce.NotFound:
                continue  # another warehouse's order
            if order.status != "confirmed":
                continue
            if n == 2:
                quantities = {ln.product_id: ln.quantity // 2 or ln.quantity
                              for ln in order.lines[:2]}
            else:
                quantities = {ln.product_id: ln.quantity for ln in order.lines}
            clerk.confirm_shipment(order_id, quantities, carrier="顺丰速运",
                                   tracking_number=f"SF{1400000000 + n * 7919}")
        clerk.sync_once()
    finally:
        clerk.close()
    engine.sync_once()


def _price_conflict(engine: Engine, demo: DemoServer, customer: CustomerView,
                    product: ProductView) -> None:
    """Quote, then the ERP raises the price, then submit: the server answers price_changed."""
    units = d.smallest_valid_quantity(product, product.case_qty * 2)
    draft = engine.create_draft(customer.id, {product.id: units}, notes="按上周报价")
    quoted = engine.price(customer.id, product.id, units).unit_price
    new_price = (quoted * Decimal("1.08")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    demo.import_prices([{"customer": customer.code, "sku": product.sku, "min_qty": 1,
                         "unit_price": str(new_price)}])
    engine.submit(draft.id)
