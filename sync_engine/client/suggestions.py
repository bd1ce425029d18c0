"""Reorder suggestions from a customer's order history: a pure function, no database.

For each product: the usual quantity is the median of the quantities ordered (the lower median,
so it is a quantity the customer really ordered, and therefore valid), the usual interval the
median number of days between two consecutive orders of it, and it is *due* once that interval
has passed since it was last ordered. The app shows these as suggestions; it never adds them to
an order by itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .values import Suggestion

__all__ = ["PastOrder", "suggest"]


@dataclass(frozen=True, slots=True)
class PastOrder:
    """One past order: the day it was placed and the units of each product (id → units)."""

    placed: dt.date
    quantities: Mapping[int, int]


def suggest(history: Iterable[PastOrder], today: dt.date, *,
            min_orders: int = 2) -> list[Suggestion]:
    """Suggestions for every product ordered at least ``min_orders`` times (on different
    days): due ones first (most overdue first), then by the date they come due."""
    per_product: dict[int, dict[dt.date, int]] = {}
    for order in history:
        for product_id, units in order.quantities.items():
            if units > 0:
                days = per_product.setdefault(product_id, {})
                days[order.placed] = days.get(order.placed, 0) + units  # one day, one order
    out: list[Suggestion] = []
    for product_id, by_day in per_product.items():
        if len(by_day) < min_orders:
            continue
        dates = sorted(by_day)
        gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
        interval = int(statistics.median_low(gaps)) if gaps else None
        last = dates[-1]
        next_due = last + dt.timedelta(days=interval) if interval is not None else None
        out.append(Suggestion(
            product_id=product_id,
            usual_quantity=int(statistics.median_low(by_day.values())),
            times_ordered=len(dates),
            last_ordered=last,
            interval_days=interval,
            next_due=next_due,
            due=next_due is not None and next_due <= today,
        ))
    out.sort(key=lambda s: (not s.due, s.next_due or dt.date.max, s.product_id))
    return out
