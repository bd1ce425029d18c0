"""The ranges every number must stay in: what the server's database holds.

The wire schemas (``sync_engine.protocol``), the rules here and the server's columns
(``sync_engine.server.storage.models``) all take their bounds from this module, so a value that
passes one layer fits the next: an out-of-range number is a field error where it enters, never a
failed write further down.

- Ids, versions and stock levels are PostgreSQL ``integer`` columns (32-bit). The server assigns
  every id from a sequence, so no real id is ever larger; the schemas narrow to this range rather
  than widen every key and foreign key of the database for ids that cannot exist.
- A line's quantity is at most a billion base units: far beyond any real order, well inside a
  32-bit column, and small enough that quantity × unit price is computed exactly.
- Money columns are ``numeric(14, 4)``: at most ten whole digits and four decimals. Unit prices,
  credit limits and an order's totals must fit.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "MAX_AMOUNT",
    "MAX_ID",
    "MAX_INTEGER",
    "MAX_QUANTITY",
    "MONEY_DIGITS",
    "MONEY_PLACES",
]

MAX_INTEGER = 2**31 - 1
"""The largest value of a stored integer (PostgreSQL ``integer``): versions, stock levels."""

MAX_ID = MAX_INTEGER
"""The largest id of a product, customer, user or warehouse."""

MAX_QUANTITY = 10**9
"""The largest quantity of one order or shipment line, in base units."""

MONEY_DIGITS = 14
"""Significant digits of a stored amount (``numeric(14, 4)``)."""

MONEY_PLACES = 4
"""Decimal places of a stored amount: unit prices such as 0.1250."""

MAX_AMOUNT = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES) - Decimal(1).scaleb(-MONEY_PLACES)
"""The largest storable amount, 9999999999.9999: a unit price, a credit limit, an order total."""
