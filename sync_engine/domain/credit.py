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
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from .limits import MAX_AMOUNT
from .money import CENT, ZERO, parse_decimal, sum_money, to_money
from .text import PAYMENT_REF, REASON
from .validation import Issue

__all__ = [
    "MAX_PAYMENT",
    "CreditPosition",
    "OpenItem",
    "OverduePolicy",
    "Payment",
    "allocate",
    "check_payment",
    "credit_position",
    "due_date",
    "duplicate_ref",
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


@dataclasses.dataclass(frozen=True, slots=True)
class Payment:
    """Money a customer paid, as the back office enters it (checked by :func:`check_payment`)."""

    amount: Decimal
    ref: str
    note: str
    date: dt.date


MAX_PAYMENT = MAX_AMOUNT.quantize(CENT, rounding=ROUND_DOWN)
"""The largest amount a payment may have (whole fen)."""
_EARLIEST = dt.date(2000, 1, 1)


def check_payment(amount: str, ref: str, note: str, date: str | dt.date,
                  today: dt.date) -> tuple[Payment | None, list[Issue]]:
    """A payment received as typed (the amount as text: "1,200.50"), checked field by field:
    the payment, or None and what is wrong (fields ``amount``, ``ref``, ``note``, ``date``).
    The desktop checks with it before sending, the server again before recording."""
    issues: list[Issue] = []
    value: Decimal | None = None
    text = amount.strip().replace(",", "") if isinstance(amount, str) else ""
    try:
        value = parse_decimal(text) if 0 < len(text) <= 32 else None
    except ValueError:
        value = None
    if value is None:
        issues.append(Issue(field="amount", code="payment_amount_invalid"))
    elif not ZERO < value <= MAX_PAYMENT:
        issues.append(Issue(field="amount", code="payment_amount_out_of_range",
                            params={"max_amount": MAX_PAYMENT}))
    elif value != value.quantize(CENT):
        issues.append(Issue(field="amount", code="payment_amount_cents"))
    ref = ref.strip()
    ref_issue = PAYMENT_REF.check("ref", ref)
    if ref_issue is not None:
        issues.append(ref_issue)
    elif not ref:
        issues.append(Issue(field="ref", code="payment_ref_required"))
    note_issue = REASON.check("note", note)
    if note_issue is not None:
        issues.append(note_issue)
    day: dt.date | None = date if isinstance(date, dt.date) else None
    if isinstance(date, str):
        try:
            day = dt.date.fromisoformat(date.strip()) if len(date) <= 10 else None
        except ValueError:
            day = None
    if day is None or day < _EARLIEST:
        issues.append(Issue(field="date", code="payment_date_invalid"))
    elif day > today:
        issues.append(Issue(field="date", code="payment_date_future",
                            params={"date": day.isoformat(), "today": today.isoformat()}))
    if issues or value is None or day is None:
        return None, issues
    return Payment(value.quantize(CENT), ref, note, day), []


def duplicate_ref(ref: str) -> Issue:
    """A payment whose reference is already on the customer's account (the server knows)."""
    return Issue(field="ref", code="payment_ref_duplicate", params={"ref": ref})
