"""Money: ``Decimal`` amounts in cents, and the one rounding rule everybody uses.

Floats are never money. Every function here raises ``TypeError`` when handed a ``float`` (or a
``bool``, which Python would otherwise happily treat as 0 or 1), so a float that sneaks in from
a JSON parser or a spreadsheet import fails loudly instead of rounding wrongly.

The rounding rule
-----------------
* A price list (a customer's prices) is either **tax-exclusive** (不含税) or **tax-inclusive**
  (含税, the usual case in China). A unit price may carry more than two decimals (0.125 per
  bottle); it is never rounded on its own.
* Tax-exclusive line: ``net = round(quantity × unit_price) − discount``,
  ``tax = round(net × tax_rate)``, ``gross = net + tax``.
* Tax-inclusive line, as a VAT invoice line is computed (价税合计 first):
  ``gross = round(quantity × unit_price) − discount``, ``net = round(gross / (1 + tax_rate))``,
  ``tax = gross − net``. So the line total the customer was quoted is exactly what the invoice
  says, and amount + tax always equals it.
* ``discount`` is a line's share of an amount off the order (满减), already in fen; see
  ``promotions``.
* A tax-exclusive base price shown in a tax-inclusive list is
  ``round(base_price × (1 + tax_rate))`` (``inclusive_price``).
* ``round`` means: to cents (0.01), ``ROUND_HALF_UP`` (halves go away from zero, so 0.005 →
  0.01 and -0.005 → -0.01).
* Order totals are the **sums of the rounded line amounts**; totals are never recomputed from
  unrounded figures, so the lines on a printed confirmation always add up to its total.

All arithmetic here runs in a private decimal context, so a caller that changes
``decimal.getcontext()`` (precision, rounding) cannot change an amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

__all__ = [
    "CENT",
    "ZERO",
    "format_amount",
    "inclusive_price",
    "line_amounts",
    "line_net",
    "line_tax",
    "parse_decimal",
    "require_decimal",
    "require_int",
    "sum_money",
    "to_money",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# 38 digits leaves room for any realistic amount (quantity up to 10^12 × a unit price with
# 6 decimals) to be multiplied exactly before it is rounded once, to cents.
_CONTEXT = Context(
    prec=38, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow]
)

# Plain decimal notation, optionally with an exponent. Stricter than ``Decimal(str)``, which
# also accepts "NaN", "Infinity" and digit-group underscores ("1_000"): none of those is an
# amount a person meant to type. ``\d`` also matches full-width digits (１２), which Decimal
# reads correctly and which Chinese input methods produce.
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


_NUMBER_TYPES = (Decimal, int, str)


def _reject_non_number(value: object, what: str) -> None:
    if isinstance(value, float):
        raise TypeError(f"{what} must be Decimal, int or str, not float: floats are never money")
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        raise TypeError(f"{what} must be Decimal, int or str, not {type(value).__name__}")


def parse_decimal(value: str | int | Decimal) -> Decimal:
    """Return ``value`` as a finite ``Decimal``, without rounding it.

    Strings may have surrounding whitespace and an exponent ("1.5", " 12 ", "1e3").
    Raises ``TypeError`` for a float (or any other type) and ``ValueError`` for text that is not
    a number, and for NaN or infinity.
    """
    _reject_non_number(value, "value")
    if isinstance(value, str):
        text = value.strip()
        if not _DECIMAL_RE.fullmatch(text):
            raise ValueError(f"not a decimal number: {value!r}")
        result = Decimal(text)
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        result = value
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def to_money(value: Decimal | int | str) -> Decimal:
    """Return ``value`` rounded to cents, ROUND_HALF_UP (see the module docstring).

    Raises ``TypeError`` for a float, ``ValueError`` for malformed or non-finite input and for
    amounts too large to represent.
    """
    # A finite Decimal, the common case (every line amount and total), needs no parsing.
    amount = value if type(value) is Decimal and value.is_finite() else parse_decimal(value)
    try:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
    except InvalidOperation as exc:
        raise ValueError(f"amount out of range: {value!r}") from exc


def line_net(quantity: int, unit_price: Decimal) -> Decimal:
    """Net amount of a line: ``quantity × unit_price`` rounded to cents."""
    qty = require_int(quantity, "quantity")
    price = require_decimal(unit_price, "unit_price")
    return to_money(_CONTEXT.multiply(Decimal(qty), price))


def line_tax(net: Decimal, tax_rate: Decimal) -> Decimal:
    """Tax on a line's (already rounded) net amount, rounded to cents."""
    amount = require_decimal(net, "net")
    rate = require_decimal(tax_rate, "tax_rate")
    return to_money(_CONTEXT.multiply(amount, rate))


def line_amounts(
    quantity: int,
    unit_price: Decimal,
    tax_rate: Decimal,
    *,
    tax_included: bool = False,
    discount: Decimal = ZERO,
) -> tuple[Decimal, Decimal, Decimal]:
    """A line's ``(net, tax, gross)`` by the rounding rule above, in either price basis.

    ``discount`` (in fen, not more than the line's rounded amount) comes off the net of a
    tax-exclusive line and off the gross of a tax-inclusive one.
    """
    amount = line_net(quantity, unit_price)
    off = require_decimal(discount, "discount")
    rate = require_decimal(tax_rate, "tax_rate")
    if off:
        if not ZERO <= off <= amount:
            raise ValueError(f"discount must be between 0 and {amount}, got {off}")
        amount = to_money(_CONTEXT.subtract(amount, off))
    if not tax_included:
        tax = line_tax(amount, rate)
        return amount, tax, to_money(_CONTEXT.add(amount, tax))
    net = to_money(_CONTEXT.divide(amount, _CONTEXT.add(Decimal(1), rate)))
    return net, to_money(_CONTEXT.subtract(amount, net)), amount


def inclusive_price(unit_price: Decimal, tax_rate: Decimal) -> Decimal:
    """A tax-exclusive unit price as shown in a tax-inclusive list: rounded to the fen."""
    price = require_decimal(unit_price, "unit_price")
    rate = require_decimal(tax_rate, "tax_rate")
    return to_money(_CONTEXT.multiply(price, _CONTEXT.add(Decimal(1), rate)))


def sum_money(amounts: Iterable[Decimal]) -> Decimal:
    """Sum of amounts, exact and independent of the caller's decimal context.

    The result is rounded to cents, which only changes anything if the amounts were not.
    """
    total = ZERO
    for amount in amounts:
        total = _CONTEXT.add(total, require_decimal(amount, "amount"))
    return to_money(total)


# Showing cents on an absurdly large number is skipped rather than allowed to fail.
_DISPLAY_DIGITS = 60
_DISPLAY_CONTEXT = Context(prec=_DISPLAY_DIGITS + 3)


def format_amount(value: Decimal) -> str:
    """An amount as plain text with at least cents: 3.5 → "3.50", 0.125 → "0.125", 1E+2 → "100.00".

    Never scientific notation, never drops a finer unit price's digits. This is also how
    amounts travel in JSON (as text, so no parser turns them into floats), so a message made
    from JSON params reads the same as one made from the original values.
    """
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2 and value.adjusted() < _DISPLAY_DIGITS:
        value = value.quantize(CENT, context=_DISPLAY_CONTEXT)
    return format(value, "f") if value.is_finite() else str(value)


def require_decimal(value: object, name: str) -> Decimal:
    """Return ``value`` as a finite ``Decimal``; ``int`` is accepted and converted.

    Used by the domain's value objects to check their fields. Raises ``TypeError`` for a float
    (floats are never money) or another type, ``ValueError`` for NaN or infinity.
    """
    if type(value) is Decimal and value.is_finite():
        return value  # the common case, checked first: this runs for every amount of every line
    if isinstance(value, str):
        # Text is parsed only by parse_decimal, at the edge; a str here is a programming error.
        raise TypeError(f"{name} must be a Decimal, not str")
    _reject_non_number(value, name)
    assert isinstance(value, Decimal | int)  # narrowed by _reject_non_number
    return parse_decimal(value)


def require_int(value: object, name: str) -> int:
    """Return ``value`` if it is an ``int`` (not a bool, not a float), else raise ``TypeError``.

    Quantities are whole numbers of base units; 2.0 bottles is a bug upstream, not a quantity.
    """
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value
