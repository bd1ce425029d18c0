"""``dinghuo-server receivables``: customers' accounts (账期) from the back office.

    dinghuo-server receivables show CUSTOMER            open items, open and overdue amounts
    dinghuo-server receivables pay CUSTOMER AMOUNT --ref REF [--note TEXT] [--date DAY]
                                                        money received (oldest invoices first)
    dinghuo-server receivables policy [off|review|block]
                                                        what orders of customers with overdue
                                                        receivables do (default: review)

Invoices come from the ERP: ``dinghuo-server import receivables FILE`` (:mod:`.receivables`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import credit as rules
from sync_engine.domain import format_amount
from sync_engine.server.accounts import UserValidationError
from sync_engine.server.commands.context import OVERDUE_POLICIES
from sync_engine.server.commands.credit import PaymentRefused, receive_payment
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import open_items
from sync_engine.server.storage.models import Customer, ServerMeta, utcnow

__all__ = ["register"]

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]
Sessions = Callable[[str], AbstractContextManager[Session]]


def _customer(session: Session, code: str) -> Customer:
    customer = session.scalars(select(Customer).where(Customer.code == code)).one_or_none()
    if customer is None:
        raise UserValidationError("customer", "customer_unknown", f"no customer with code {code!r}")
    return customer


def register(add: Add, sessions: Sessions) -> None:
    """Add ``receivables`` to ``dinghuo-server``'s parser."""

    def run(args: argparse.Namespace) -> int:
        with sessions(args.db) as session:
            if args.action == "policy":
                return _policy(session, args.customer)  # the one operand: the new policy
            if args.customer is None:
                raise UserValidationError("customer", "required", "name the customer (its code)")
            customer = _customer(session, args.customer)
            if args.action == "pay":
                uow = UnitOfWork(session, device_id="cli")
                try:
                    _, row = receive_payment(uow, customer.id, args.amount or "", ref=args.ref,
                                             note=args.note, date=args.date)
                except PaymentRefused as exc:
                    session.rollback()
                    first = exc.issues[0]
                    raise UserValidationError(first.field, first.code,
                                              "; ".join(i.message("en") for i in exc.issues)) \
                        from None
                uow.commit()
                print(f"{customer.code}: payment {row.ref} of {format_amount(-row.amount)} "
                      f"recorded")
            _show(session, customer)
        return 0

    p = add("receivables", run, "customers' open receivables and payments (账期)")
    p.add_argument("action", choices=["show", "pay", "policy"])
    p.add_argument("customer", nargs="?",
                   help="the customer's code (show, pay); off, review or block (policy)")
    p.add_argument("amount", nargs="?", help="the amount received (pay)")
    p.add_argument("--ref", default="", help="the payment's reference (bank slip, receipt no.)")
    p.add_argument("--note", default="", help="a note kept with the payment")
    p.add_argument("--date", default=None,
                   help="the day the money was received (YYYY-MM-DD; default: today)")


def _policy(session: Session, value: str | None) -> int:
    row = session.get(ServerMeta, "overdue_policy")
    if value is not None:
        if value not in OVERDUE_POLICIES:
            raise UserValidationError("policy", "invalid",
                                      f"use one of {', '.join(sorted(OVERDUE_POLICIES))}")
        if row is None:
            session.add(ServerMeta(key="overdue_policy", value=value))
        else:
            row.value = value
        session.commit()
    current = value or (row.value if row is not None else rules.OverduePolicy.REVIEW.value)
    print(f"overdue receivables: {current}")
    return 0


def _show(session: Session, customer: Customer) -> None:
    rows = open_items(session, customer.id)
    today = utcnow().date()
    position = rules.credit_position(
        [rules.OpenItem(r.ref, r.due_date, Decimal(r.open_amount)) for r in rows], today)
    print(f"{customer.code} {customer.name}  terms: {customer.payment_terms or '-'}")
    for r in rows:
        late = " overdue" if r.due_date is not None and r.due_date < today and \
            r.open_amount > 0 else ""
        print(f"  {r.ref:<20} {r.kind:<8} {r.doc_date}  due {r.due_date or '-':<10} "
              f"{format_amount(Decimal(r.open_amount)):>14}{late}")
    print(f"open {format_amount(position.open_amount)}  overdue "
          f"{format_amount(position.overdue_amount)}")
