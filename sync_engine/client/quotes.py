"""Pricing an order offline with its promotions: ``domain.quote_order`` on the replica, the
same function the server runs again at submit.

The order's lines as the user sees them are the priced lines of a quote: the bought lines (at
the contract price they were quoted at, or at a special price), then the gift lines. Requoting
takes the bought lines, keeps each quoted contract price (a quoted price is never changed
silently; the server says ``price_changed`` when it no longer holds), and applies the promotions
of the last sync at the device's time, with the stock of the last sync for gifts. A line priced
by a special price is requoted at the current local contract price: the special price is what
the customer pays, and the server checks it (``promotion_changed``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

from sync_engine import domain as d

from . import catalog

__all__ = ["bought", "quote", "special_codes"]


def bought(lines: Iterable[d.OrderLine]) -> list[d.OrderLine]:
    """The lines the user ordered (not the gift lines)."""
    return [ln for ln in lines if not ln.gift]


def special_codes(applied: Iterable[d.AppliedPromotion]) -> frozenset[str]:
    """The codes of the special prices among what promotions gave an order."""
    return frozenset(a.code for a in applied if a.kind is d.PromotionKind.SPECIAL_PRICE)


def quote(
    db: sqlite3.Connection,
    customer_id: int,
    warehouse_id: int | None,
    lines: Sequence[d.OrderLine],
    specials: frozenset[str] = frozenset(),
    at: dt.datetime | None = None,
) -> d.Quote:
    """The order's ``lines`` (their gift lines are dropped and made anew) priced with the
    promotions of the last sync at ``at`` (now). ``specials``: codes of the special prices the
    lines were priced with (:func:`special_codes`)."""
    mine = bought(lines)
    customer = catalog.customer(db, customer_id)
    ids = {ln.product_id for ln in mine}
    promotions = catalog.promotions(db, customer_id, ids)
    ids |= {gift for p in promotions if (gift := p.gift_product) is not None}
    products = catalog.products(db, ids)
    if customer is None or any(ln.product_id not in products for ln in mine):
        # Not priceable here (the customer or a product left this device): as it stands.
        return d.Quote(tuple(mine), (), d.order_totals(mine),
                       customer is not None and customer.prices_include_tax)
    prices = catalog.prices(db, customer_id, ids)
    kept = {ln.product_id: ln.unit_price for ln in mine if ln.promotion not in specials}
    stock = catalog.stock_levels(db, warehouse_id, ids)
    return d.quote_order(
        customer, [(ln.product_id, ln.quantity) for ln in mine], products, prices, promotions,
        at or dt.datetime.now(dt.UTC), {pid: level.available for pid, level in stock.items()},
        kept,
    )
