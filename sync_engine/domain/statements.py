"""Monthly statements (对账单): a customer's account for one month, line by line.

What the distributor delivered is owed (a shipment, at the prices of its order, tax
included); a return's credit and a payment received are taken off. So, always::

    opening + shipped − returned − paid = closing

and each line carries the running balance. The opening balance is the same sum over every
entry before the month (an account starts at zero). ERP invoices are not entries: they
invoice the same shipments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from .money import sum_money, to_money

__all__ = ["EntryKind", "Statement", "StatementEntry", "StatementLine", "build_statement",
           "month_bounds"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EntryKind(StrEnum):
    SHIPMENT = "shipment"  # owed: goods delivered
    RETURN = "return"  # credited: goods taken back
    PAYMENT = "payment"  # credited: money received


@dataclasses.dataclass(frozen=True)
class StatementEntry:
    """One movement of the account; ``amount`` is positive whatever its kind."""

    date: dt.date
    kind: EntryKind
    ref: str
    amount: Decimal  # in fen (rounded by :func:`.money.to_money`)

    @property
    def signed(self) -> Decimal:
        return self.amount if self.kind is EntryKind.SHIPMENT else -self.amount


@dataclasses.dataclass(frozen=True)
class StatementLine:
    entry: StatementEntry
    balance: Decimal  # after this line


@dataclasses.dataclass(frozen=True)
class Statement:
    month: str  # YYYY-MM
    opening: Decimal
    shipped: Decimal
    returned: Decimal
    paid: Decimal
    closing: Decimal
    lines: tuple[StatementLine, ...]


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """The first day of ``month`` (``YYYY-MM``) and of the month after; ValueError if not a
    month."""
    found = _MONTH.match(month)
    if not found:
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    year, number = int(found.group(1)), int(found.group(2))
    if not (1 <= number <= 12 and 1 <= year <= 9998):
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    start = dt.date(year, number, 1)
    return start, dt.date(year + number // 12, number % 12 + 1, 1)


def _total(entries: Iterable[StatementEntry], kind: EntryKind) -> Decimal:
    return to_money(sum_money(e.amount for e in entries if e.kind is kind))


def build_statement(month: str, entries: Iterable[StatementEntry]) -> Statement:
    """The statement of ``month`` from every entry of the account up to its end (later ones
    are ignored), in date order (ties: shipments first, then by ref)."""
    start, end = month_bounds(month)
    order = {EntryKind.SHIPMENT: 0, EntryKind.RETURN: 1, EntryKind.PAYMENT: 2}
    every = sorted((e for e in entries if e.date < end),
                   key=lambda e: (e.date, order[e.kind], e.ref))
    before = [e for e in every if e.date < start]
    within = [e for e in every if e.date >= start]
    opening = to_money(sum_money(e.signed for e in before))
    lines = []
    balance = opening
    for e in within:
        balance = to_money(sum_money((balance, e.signed)))
        lines.append(StatementLine(e, balance))
    shipped = _total(within, EntryKind.SHIPMENT)
    returned = _total(within, EntryKind.RETURN)
    paid = _total(within, EntryKind.PAYMENT)
    return Statement(month, opening, shipped, returned, paid, balance, tuple(lines))
