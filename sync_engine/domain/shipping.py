"""Shipments: checking and applying the quantities a warehouse clerk says went out.

A shipment is a mapping product id → units shipped *now*. Partial shipments are normal: what
is not shipped stays on the order as a backorder (``OrderLine.remaining``). Nothing may ship
more than remains on its line, so ``shipped_qty`` never exceeds ``quantity``.

A product may be on two lines of an order: bought, and given free by a promotion (买十赠一 of the
same product). Its shipped units fill its lines in line order (the bought line first), and it
may ship what remains on all of them together.

Codes: ``shipment_empty`` (field "lines": every quantity is 0), ``shipment_unknown_product``
(field "lines"), and on ``lines[i].quantity``: ``shipment_quantity_negative``, ``over_ship``
(params remaining, requested).

What a shipment is worth (delivery notes, statements): :func:`shipped_amounts`, each product's
units at its bought line's price, tax included; units past that line's quantity are the free
ones of a gift line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal

from .model import OrderLine
from .money import ZERO, line_amounts, require_int
from .validation import Issue, RuleViolation, has_errors

__all__ = ["apply_shipment", "shipped_amounts", "validate_shipment"]


def _index_by_product(lines: Sequence[OrderLine]) -> dict[int, list[int]]:
    index: dict[int, list[int]] = {}
    for position, line in enumerate(lines):
        index.setdefault(line.product_id, []).append(position)
    return index


def validate_shipment(lines: Sequence[OrderLine], shipped: Mapping[int, int]) -> list[Issue]:
    """Issues with shipping ``shipped`` (product id → units now) against the order ``lines``.

    Products not in ``shipped`` ship nothing. Raises ``TypeError`` for a non-int quantity.
    """
    index = _index_by_product(lines)
    issues: list[Issue] = []
    for product_id, quantity in shipped.items():
        require_int(quantity, "shipped quantity")
        positions = index.get(product_id)
        if positions is None:
            issues.append(
                Issue(
                    field="lines",
                    code="shipment_unknown_product",
                    params={"product_id": product_id, "requested": quantity},
                )
            )
            continue
        field = f"lines[{positions[0]}].quantity"
        remaining = sum(lines[p].remaining for p in positions)
        if quantity < 0:
            issues.append(
                Issue(
                    field=field,
                    code="shipment_quantity_negative",
                    params={"product_id": product_id, "requested": quantity},
                )
            )
        elif quantity > remaining:
            issues.append(
                Issue(
                    field=field,
                    code="over_ship",
                    params={
                        "product_id": product_id,
                        "remaining": remaining,
                        "requested": quantity,
                    },
                )
            )
    if all(quantity == 0 for quantity in shipped.values()):
        issues.append(Issue(field="lines", code="shipment_empty"))
    return issues


def apply_shipment(lines: Sequence[OrderLine], shipped: Mapping[int, int]) -> list[OrderLine]:
    """New lines with ``shipped_qty`` increased by ``shipped``; the input is not changed.

    Raises ``RuleViolation`` (a ``ValueError``, carrying the issues) if the shipment is invalid:
    nothing is half-applied.
    """
    issues = validate_shipment(lines, shipped)
    if has_errors(issues):
        raise RuleViolation(issues)
    left = dict(shipped)
    out = []
    for line in lines:
        now = min(left.get(line.product_id, 0), line.remaining)
        if now:
            left[line.product_id] -= now
            line = dataclasses.replace(line, shipped_qty=line.shipped_qty + now)
        out.append(line)
    return out


def shipped_amounts(lines: Sequence[OrderLine], shipped: Mapping[int, int]) -> dict[int, Decimal]:
    """What the units of ``shipped`` (product id → units) are owed, per product: gross, tax
    included, at the price of the product's bought line (a gift line's units are free)."""
    bought: dict[int, OrderLine] = {}
    for line in lines:
        if not line.gift:
            bought.setdefault(line.product_id, line)
    out: dict[int, Decimal] = {}
    for product_id, units in shipped.items():
        ln = bought.get(product_id)
        paid_units = min(require_int(units, "units"), ln.quantity) if ln else 0
        out[product_id] = ZERO
        if ln is not None and paid_units > 0:
            out[product_id] = line_amounts(paid_units, ln.unit_price, ln.tax_rate,
                                           tax_included=ln.tax_included)[2]
    return out
