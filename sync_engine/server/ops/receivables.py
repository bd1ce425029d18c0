"""Importing the ERP's open receivables (应收账款), and the back office's payments.

``dinghuo-server import receivables FILE``: one row per invoice, matched by customer + ref::

    customer* (code), ref* (the invoice number), doc_date* (YYYY-MM-DD), amount* (the invoice
    total, tax included), open_amount (what is still unpaid; empty = amount), due_date
    (YYYY-MM-DD; empty = doc_date plus the customer's payment terms, 月结30天 → 30 days)

The ERP's open amount is the truth for its invoices: a row creates the invoice or sets its
amounts. All or nothing, like every import (:mod:`.importer`, whose row rules these are).

Each customer whose account changed gets a new ``credit`` entity in the same transaction.
Payments: ``dinghuo-server receivables pay`` (:mod:`sync_engine.server.commands.credit`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sync_engine.domain import credit as rules
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import touch_account
from sync_engine.server.storage.models import Customer, Receivable

if TYPE_CHECKING:
    from sync_engine.server.ops.importer import ImportReport, Row

__all__ = ["COLUMNS", "import_receivables"]

COLUMNS = {"customer": True, "ref": True, "doc_date": True, "amount": True,
           "open_amount": False, "due_date": False}


def _date(row: Row, col: str, *, required: bool) -> dt.date | None:
    value = row.cells.get(col, "")
    if not value:
        if required:
            row.error(col, "required", "a value is required")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        row.error(col, "invalid_date", f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def import_receivables(uow: UnitOfWork, header: set[str], rows: list[Row],
                       report: ImportReport) -> None:
    session = uow.session
    customers = {c.code: c for c in session.scalars(select(Customer))}
    parsed: list[tuple[Customer, dict[str, Any]]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        code = row.text("customer", 32, required=True)
        ref = row.text("ref", 64, required=True)
        doc_date = _date(row, "doc_date", required=True)
        due = _date(row, "due_date", required=False)
        amount = row.decimal("amount")
        if amount is None and not row.cells.get("amount"):
            row.error("amount", "required", "a value is required")
        open_amount = row.decimal("open_amount") if "open_amount" in header else None
        if open_amount is not None and amount is not None and open_amount > amount:
            row.error("open_amount", "out_of_range",
                      f"the open amount {open_amount} is more than the invoice's {amount}")
        customer = customers.get(code)
        if code and customer is None:
            row.error("customer", "unknown_customer", f"no customer with code {code!r}")
        if (code, ref) in seen:
            row.error("ref", "duplicate", f"also on line {seen[(code, ref)]}")
        seen.setdefault((code, ref), row.line)
        if not row.ok or customer is None or doc_date is None or amount is None:
            continue
        parsed.append((customer, {
            "ref": ref, "doc_date": doc_date, "amount": amount,
            "open_amount": amount if open_amount is None else open_amount,
            "due_date": due or rules.due_date(doc_date, customer.payment_terms)}))
    if report.errors:
        return
    existing = {(r.customer_id, r.ref): r for r in session.scalars(
        select(Receivable).where(Receivable.kind == "invoice")
        .order_by(Receivable.id).with_for_update())}
    touched: dict[int, Customer] = {}
    for customer, f in parsed:
        invoice = existing.get((customer.id, f["ref"]))
        if invoice is None:
            session.add(Receivable(customer_id=customer.id, kind="invoice", source="erp",
                                   note="", **f))
            report.created += 1
        elif any(getattr(invoice, k) != v for k, v in f.items()):
            for k, v in f.items():
                setattr(invoice, k, v)
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        touched[customer.id] = customer
    for customer_id in sorted(touched):
        touch_account(uow, touched[customer_id])

