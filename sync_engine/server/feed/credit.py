"""The ``credit`` entity: a customer's account (账期) as a rep's device reads it offline —
payment terms, open items, open and overdue amounts as of server time — and the reads the
order rules need (what a customer owes past due).

Whoever changes a customer's receivables calls :func:`touch_account` in the same unit of work
(the ERP import, a payment, a return's credit: :mod:`sync_engine.server.commands.credit`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import credit as rules
from sync_engine.domain import to_money
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_credit
from sync_engine.server.storage.meta_sql import read_meta
from sync_engine.server.storage.models import (
    Customer,
    CustomerAccount,
    Receivable,
    User,
    utcnow,
)

__all__ = ["account_summary", "credit_data", "items_of", "open_items", "overdue_amounts",
           "payment_json", "recent_payments", "touch_account"]


def items_of(rows: list[Receivable]) -> list[rules.OpenItem]:
    """Receivable rows as the rules see them."""
    return [rules.OpenItem(r.ref, r.due_date, Decimal(r.open_amount)) for r in rows]


def open_items(session: Session, customer_id: int, *, lock: bool = False) -> list[Receivable]:
    """The customer's documents with something open, oldest due first."""
    stmt = (select(Receivable)
            .where(Receivable.customer_id == customer_id, Receivable.open_amount != 0)
            .order_by(Receivable.due_date, Receivable.ref))
    return list(session.scalars(stmt.with_for_update() if lock else stmt))


def overdue_amounts(session: Session, customer_ids: list[int],
                    today: dt.date) -> dict[int, Decimal]:
    """What each customer owes past its due date on ``today`` (0 for a customer owing nothing)."""
    if not customer_ids:
        return {}
    # Columns, not ORM objects: every run of submits asks (usually for no rows at all).
    rows = session.execute(select(Receivable.customer_id, Receivable.due_date,
                                  Receivable.open_amount).where(
        Receivable.customer_id.in_(sorted(set(customer_ids))), Receivable.open_amount != 0))
    by_customer: dict[int, list[rules.OpenItem]] = {}
    for cid, due, amount in rows:
        by_customer.setdefault(cid, []).append(rules.OpenItem("", due, Decimal(amount)))
    return {cid: rules.credit_position(by_customer.get(cid, []), today).overdue_amount
            for cid in customer_ids}


def credit_data(session: Session, customer: Customer, version: int) -> dict[str, Any]:
    """The ``credit`` entity (PROTOCOL.md): terms, open items, and the position today."""
    now = utcnow()
    rows = open_items(session, customer.id)
    position = rules.credit_position(items_of(rows), now.date())
    policy = read_meta(session, "overdue_policy") or rules.OverduePolicy.REVIEW.value
    return {
        "customer_id": customer.id,
        "payment_terms": customer.payment_terms,
        "open_amount": str(position.open_amount),
        "overdue_amount": str(position.overdue_amount),
        "oldest_overdue": position.oldest_overdue,
        "overdue_policy": policy,
        "items": [{"ref": r.ref, "kind": r.kind, "doc_date": r.doc_date, "due_date": r.due_date,
                   "open_amount": str(r.open_amount)} for r in rows],
        "as_of": now,
        "version": version,
    }


def account_summary(session: Session, customer: Customer) -> dict[str, Any]:
    """The customer's open and overdue amounts today, as the back office's pages show them."""
    position = rules.credit_position(items_of(open_items(session, customer.id)),
                                     utcnow().date())
    return {"customer_id": customer.id, "payment_terms": customer.payment_terms,
            "open_amount": str(position.open_amount),
            "overdue_amount": str(position.overdue_amount),
            "oldest_overdue": position.oldest_overdue}


def payment_json(row: Receivable, customer: Customer, recorded_by: str) -> dict[str, Any]:
    """A recorded payment as the back office reads it (amounts received: positive)."""
    return {"id": row.id, "customer_id": customer.id, "customer_code": customer.code,
            "customer_name": customer.name, "customer_name_en": customer.name_en,
            "ref": row.ref, "date": row.doc_date, "amount": str(to_money(-row.amount)),
            "unapplied": str(to_money(-row.open_amount)), "note": row.note,
            "recorded_by": recorded_by, "recorded_at": row.created_at}


def recent_payments(session: Session, customer_id: int | None = None,
                    limit: int = 50) -> list[dict[str, Any]]:
    """The latest payments received (one customer's, or everyone's), newest first."""
    stmt = (select(Receivable, Customer, User.username)
            .join(Customer, Customer.id == Receivable.customer_id)
            .outerjoin(User, User.id == Receivable.created_by)
            .where(Receivable.kind == "payment")
            .order_by(Receivable.created_at.desc(), Receivable.id.desc()).limit(limit))
    if customer_id is not None:
        stmt = stmt.where(Receivable.customer_id == customer_id)
    return [payment_json(row, customer, username or "")
            for row, customer, username in session.execute(stmt)]


def touch_account(uow: UnitOfWork, customer: Customer) -> None:
    """The customer's account changed: a new version of its ``credit`` entity."""
    session = uow.session
    session.flush()
    account = session.get(CustomerAccount, customer.id, with_for_update=True)
    if account is None:
        account = CustomerAccount(customer_id=customer.id, version=0)
        session.add(account)
    account.version += 1
    account.updated_at = utcnow()
    record_credit(uow, customer.id, account.version,
                  credit_data(session, customer, account.version))
