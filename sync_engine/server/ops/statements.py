"""A customer's monthly statement (对账单) from the server's records: shipments (at their
order's prices, tax included), return credits and payments received (the ``receivables`` rows
of kind ``credit`` and ``payment``). The sums and the running balance are
:func:`sync_engine.domain.statements.build_statement`'s; this module only reads.

Dates are the shipment's day (UTC) and the receivable's document date. ERP invoices are not
read: they invoice the same shipments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import sum_money, to_money
from sync_engine.domain.shipping import shipped_amounts
from sync_engine.domain.statements import (
    EntryKind,
    Statement,
    StatementEntry,
    build_statement,
    month_bounds,
)
from sync_engine.server.storage.models import Customer, Order, Receivable, Shipment
from sync_engine.server.storage.rows import order_lines

__all__ = ["customer_statement", "statement_json"]

_KINDS = {"credit": EntryKind.RETURN, "payment": EntryKind.PAYMENT}


def _shipment_value(shipment: Shipment, order: Order) -> Decimal:
    shipped: dict[int, int] = {}
    for item in shipment.lines:
        pid = int(item["product_id"])
        shipped[pid] = shipped.get(pid, 0) + max(0, int(item["quantity"]))
    return sum_money(shipped_amounts(order_lines(order), shipped).values())


def customer_statement(session: Session, customer: Customer, month: str) -> Statement:
    """``customer``'s statement for ``month`` (YYYY-MM; ValueError if not a month)."""
    _start, end = month_bounds(month)
    until = dt.datetime.combine(end, dt.time.min)
    entries: list[StatementEntry] = []
    rows = session.execute(
        select(Shipment, Order).join(Order, Order.id == Shipment.order_id)
        .where(Shipment.customer_id == customer.id, Shipment.shipped_at < until)
        .order_by(Shipment.shipped_at, Shipment.id))
    for shipment, order in rows:
        entries.append(StatementEntry(shipment.shipped_at.date(), EntryKind.SHIPMENT,
                                      order.number, _shipment_value(shipment, order)))
    for r in session.scalars(
            select(Receivable).where(Receivable.customer_id == customer.id,
                                     Receivable.kind.in_(tuple(_KINDS)),
                                     Receivable.doc_date < end).order_by(Receivable.id)):
        entries.append(StatementEntry(r.doc_date, _KINDS[r.kind], r.ref,
                                      to_money(abs(r.amount))))
    return build_statement(month, entries)


def statement_json(customer: Customer, statement: Statement) -> dict[str, Any]:
    """The answer of ``GET /v1/statements/{customer_id}`` (amounts as strings)."""
    return {
        "customer": {"id": customer.id, "code": customer.code, "name": customer.name,
                     "name_en": customer.name_en, "address": customer.address,
                     "phone": customer.phone, "payment_terms": customer.payment_terms},
        "month": statement.month,
        "opening": str(statement.opening),
        "shipped": str(statement.shipped),
        "returned": str(statement.returned),
        "paid": str(statement.paid),
        "closing": str(statement.closing),
        "lines": [{"date": ln.entry.date.isoformat(), "kind": str(ln.entry.kind),
                   "ref": ln.entry.ref, "amount": str(ln.entry.amount),
                   "balance": str(ln.balance)} for ln in statement.lines],
    }
