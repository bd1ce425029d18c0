"""Money received or credited on a customer's account (账期): set off against the oldest open
invoices (``domain.credit.allocate``), the rest kept as an open credit. A payment the back
office records (``dinghuo-server receivables pay``) and a received return's credit
(:mod:`.returns`) both come here; the ``credit`` entity follows in the same transaction
(:mod:`sync_engine.server.feed.credit`).

Lock order: the customer row first (the caller holds it), then its receivables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from sync_engine.domain import Issue
from sync_engine.domain import credit as rules
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import items_of, open_items, touch_account
from sync_engine.server.storage.models import Customer, Receivable, utcnow

__all__ = ["PaymentRefused", "receive_payment", "record_credit_note", "record_payment"]


class PaymentRefused(ValueError):
    """A payment that cannot be recorded as entered: what is wrong, field by field."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(f"{i.field}: {i.message('en')}" for i in issues))
        self.issues = issues


def record_credit_note(uow: UnitOfWork, customer: Customer, amount: Decimal, *, ref: str,
                       kind: str, source: str, user_id: int | None, note: str = "",
                       doc_date: dt.date | None = None) -> Receivable:
    """Money received (``payment``) or credited (``credit``, a return) for ``customer``: set
    off against its oldest open invoices, the rest kept as an open credit."""
    if amount <= 0:
        raise ValueError(f"a {kind} must be a positive amount, got {amount}")
    session = uow.session
    rows = open_items(session, customer.id, lock=True)
    items, left = rules.allocate(items_of(rows), amount, ref)
    by_ref = {i.ref: i for i in items}
    for r in rows:
        r.open_amount = by_ref[r.ref].open_amount
    row = Receivable(customer_id=customer.id, ref=ref, kind=kind,
                     doc_date=doc_date or utcnow().date(), due_date=None, amount=-amount,
                     open_amount=-left, source=source, note=note, created_by=user_id)
    session.add(row)
    touch_account(uow, customer)
    return row


def record_payment(uow: UnitOfWork, customer: Customer, amount: Decimal, *, ref: str,
                   note: str = "", user_id: int | None = None,
                   doc_date: dt.date | None = None) -> Receivable:
    """Money the customer paid, recorded by the back office; the ``payment.recorded`` event
    tells the ERP."""
    row = record_credit_note(uow, customer, amount, ref=ref, kind="payment", source="office",
                             user_id=user_id, note=note, doc_date=doc_date)
    uow.emit("payment.recorded", {"customer_id": customer.id, "customer_code": customer.code,
                                  "ref": ref, "amount": str(amount),
                                  "unapplied": str(-row.open_amount)})
    return row


def receive_payment(uow: UnitOfWork, customer_id: int, amount: str, *, ref: str,
                    note: str = "", date: str | dt.date | None = None,
                    user_id: int | None = None) -> tuple[Customer, Receivable]:
    """The back office's "payment received", from the desktop app (``POST
    /v1/admin/payments``) or ``dinghuo-server receivables pay``: checked field by field
    (``domain.credit.check_payment``; a reference already on the customer's account is
    refused), then recorded (:func:`record_payment`). Raises :class:`PaymentRefused`."""
    session = uow.session
    today = utcnow().date()
    payment, issues = rules.check_payment(amount, ref, note, today if date is None else date,
                                          today)
    customer = session.scalar(select(Customer).where(Customer.id == customer_id)
                              .with_for_update())
    if customer is None:
        issues.insert(0, Issue(field="customer", code="customer_unknown"))
    if issues or payment is None or customer is None:
        raise PaymentRefused(issues)
    # Under the customer's lock: two payments with one reference cannot both pass.
    if session.scalar(select(Receivable.id).where(Receivable.customer_id == customer.id,
                                                  Receivable.ref == payment.ref)):
        raise PaymentRefused([rules.duplicate_ref(payment.ref)])
    row = record_payment(uow, customer, payment.amount, ref=payment.ref, note=payment.note,
                         user_id=user_id, doc_date=payment.date)
    return customer, row
