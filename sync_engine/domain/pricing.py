"""Which unit price a customer pays for a quantity of a product.

The rule
--------
* A customer may have a price row (``CustomerPrice``) per product, made of quantity breaks.
* A break prices the **whole line**, not just the units above its threshold: the unit price is
  that of the break with the **highest** ``min_qty`` that is ``<= quantity``. With breaks
  {1: 10.00, 24: 9.50, 120: 9.00}, 23 units cost 10.00 each, 24 to 119 units 9.50 each,
  120 units or more 9.00 each.
* If the customer has no price row for the product, or no break applies (the quantity is
  below the lowest ``min_qty``), the unit price is the product's ``base_price``.
* A customer's price list is tax-exclusive or tax-inclusive (``Customer.prices_include_tax``):
  its breaks are in that basis. The base price is tax-exclusive; in a tax-inclusive list it is
  ``money.inclusive_price`` (rounded to the fen). Line amounts are rounded as described in
  ``money``.
* Promotions (special prices, gifts, amounts off) come on top: see ``promotions``.

The chosen break is not necessarily the cheapest one: the price list is the contract, and a
break with a higher threshold is trusted to be the one that applies.
"""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from .model import CustomerPrice, OrderLine, PriceBreak, Product
from .money import inclusive_price, require_int

__all__ = ["applicable_break", "price_line", "unit_price_for"]


def applicable_break(customer_price: CustomerPrice | None, quantity: int) -> PriceBreak | None:
    """The break that prices ``quantity`` units, or ``None`` if the base price applies."""
    qty = require_int(quantity, "quantity")
    if customer_price is None or not customer_price.breaks:
        return None
    # Breaks are sorted by min_qty (CustomerPrice guarantees it), so a bisection finds the last
    # one whose threshold is reached; this matters for the 350-line orders priced on each edit.
    thresholds = [b.min_qty for b in customer_price.breaks]
    position = bisect_right(thresholds, qty)
    return customer_price.breaks[position - 1] if position else None


def unit_price_for(
    product: Product,
    customer_price: CustomerPrice | None,
    quantity: int,
    *,
    tax_included: bool = False,
) -> Decimal:
    """The unit price of ``quantity`` units of ``product`` for this customer, in the basis of
    the customer's list (``tax_included``: 含税).

    ``customer_price`` is the customer's price row for this product, or ``None``. Raises
    ``ValueError`` if that row belongs to another product (a bug in the caller's lookup) and
    ``TypeError`` if ``quantity`` is not an int.
    """
    if customer_price is not None and customer_price.product_id != product.id:
        raise ValueError(
            f"price row for product {customer_price.product_id} used for product {product.id}"
        )
    chosen = applicable_break(customer_price, quantity)
    if chosen is not None:
        return chosen.unit_price
    if tax_included:
        return inclusive_price(product.base_price, product.tax_rate)
    return product.base_price


def price_line(
    product: Product,
    customer_price: CustomerPrice | None,
    quantity: int,
    *,
    tax_included: bool = False,
) -> OrderLine:
    """An order line for ``quantity`` units at this customer's current price and tax rate.

    Raises ``ValueError`` for a negative quantity; validate user input with
    ``validation.validate_line`` first.
    """
    return OrderLine(
        product_id=product.id,
        quantity=quantity,
        unit_price=unit_price_for(product, customer_price, quantity, tax_included=tax_included),
        tax_rate=product.tax_rate,
        tax_included=tax_included,
    )
