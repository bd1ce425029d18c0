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

from sync_engine.domain import credit as rules
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import items_of, open_items, touch_account
from sync_engine.server.storage.models import Customer, Receivable, utcnow

__all__ = ["record_credit_note", "record_payment"]


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
