"""Credit terms (账期): a customer's payment terms, their open receivables, and what is
overdue. One set of rules for the client (offline, as of the last sync) and the server.

- Payment terms are the ERP's words: ``现款现货`` / ``货到付款`` / ``cash`` (due at once),
  ``月结30天`` / ``net 60`` (due that many days after the document date).
- An open item is an invoice with what is still owed on it (``open_amount``), or a credit
  (a payment or a return credit not yet set off against an invoice: a negative amount).
- Money received or credited is set off against the oldest invoices first
  (:func:`allocate`).
- Overdue: what is still open on invoices due before today, less unapplied credits.

Whether an order of a customer with overdue receivables goes to review or is refused is a
server setting (``overdue_policy``: ``off``, ``review``, ``block``); the order rule itself is
``validate_order``'s ``receivables_overdue``, beside the credit limit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum

from .money import ZERO, sum_money, to_money

__all__ = [
    "CreditPosition",
    "OpenItem",
    "OverduePolicy",
    "allocate",
    "credit_position",
    "due_date",
    "terms_days",
]


class OverduePolicy(StrEnum):
    OFF = "off"  # overdue receivables do not hold orders
    REVIEW = "review"  # orders wait for the back office (hold reason ``overdue``)
    BLOCK = "block"  # orders are refused until the customer pays


_CASH = ("现款", "现金", "货到付款", "款到发货", "cash", "cod", "prepaid")
_DAYS = re.compile(r"(\d{1,3})")


def terms_days(terms: str) -> int | None:
    """Days from the document date to the due date for ``terms``; None if not understood."""
    text = terms.strip().lower()
    if not text:
        return None
    if any(word in text for word in _CASH):
        return 0
    found = _DAYS.search(text)
    return int(found.group(1)) if found else None


def due_date(doc_date: dt.date, terms: str) -> dt.date:
    """When a document dated ``doc_date`` falls due under ``terms`` (unknown terms: at once)."""
    return doc_date + dt.timedelta(days=terms_days(terms) or 0)


@dataclasses.dataclass(frozen=True, slots=True)
class OpenItem:
    """One open document: an invoice (positive) or an unapplied credit (negative)."""

    ref: str
    due_date: dt.date | None
    open_amount: Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class CreditPosition:
    """What a customer owes, and how much of it is overdue, on ``today``."""

    open_amount: Decimal
    overdue_amount: Decimal
    oldest_overdue: dt.date | None  # due date of the oldest overdue invoice
    overdue_days: int = 0  # how long that one is overdue


def credit_position(items: Iterable[OpenItem], today: dt.date) -> CreditPosition:
    """The customer's open and overdue amounts on ``today``."""
    items = list(items)
    open_amount = sum_money(i.open_amount for i in items)
    overdue = [i for i in items if i.open_amount > 0 and i.due_date is not None
               and i.due_date < today]
    credits = sum_money(i.open_amount for i in items if i.open_amount < 0)
    overdue_amount = max(ZERO, sum_money([*(i.open_amount for i in overdue), credits]))
    oldest = min((i.due_date for i in overdue if i.due_date is not None), default=None)
    if overdue_amount == 0:
        oldest = None
    days = (today - oldest).days if oldest is not None else 0
    return CreditPosition(to_money(open_amount), to_money(overdue_amount), oldest, days)


def allocate(items: Sequence[OpenItem], amount: Decimal,
             ref: str) -> tuple[list[OpenItem], Decimal]:
    """Set ``amount`` (money received or credited, positive) off against the oldest open
    invoices. Returns the items after it, and what was left over; the leftover stays as a
    credit item named ``ref``."""
    left = to_money(amount)
    out: list[OpenItem] = []
    for item in sorted(items, key=lambda i: (i.due_date or dt.date.max, i.ref)):
        if left > 0 and item.open_amount > 0:
            take = min(left, item.open_amount)
            left -= take
            item = dataclasses.replace(item, open_amount=to_money(item.open_amount - take))
        out.append(item)
    if left > 0:
        out.append(OpenItem(ref, None, -left))
    return out, left
