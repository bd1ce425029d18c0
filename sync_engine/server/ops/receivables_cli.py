"""``dinghuo-server receivables``: customers' accounts (账期) from the back office.

    dinghuo-server receivables show CUSTOMER            open items, open and overdue amounts
    dinghuo-server receivables pay CUSTOMER AMOUNT --ref REF [--note TEXT]
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

from sync_engine.domain import MAX_AMOUNT, TextRule, format_amount, parse_decimal, text
from sync_engine.domain import credit as rules
from sync_engine.server.accounts import UserValidationError
from sync_engine.server.commands.context import OVERDUE_POLICIES
from sync_engine.server.commands.credit import record_payment
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import open_items
from sync_engine.server.storage.models import Customer, Receivable, ServerMeta, utcnow

__all__ = ["register"]

_REF = TextRule(64)
Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]
Sessions = Callable[[str], AbstractContextManager[Session]]


def _customer(session: Session, code: str) -> Customer:
    customer = session.scalars(select(Customer).where(Customer.code == code)).one_or_none()
    if customer is None:
        raise UserValidationError("customer", "customer_unknown", f"no customer with code {code!r}")
    return customer


def _amount(value: str) -> Decimal:
    try:
        amount = parse_decimal(value.replace(",", ""))
    except ValueError:
        raise UserValidationError("amount", "invalid_number", f"{value!r} is not an amount") \
            from None
    if not Decimal(0) < amount <= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise UserValidationError("amount", "out_of_range",
                                  f"an amount above 0, at most {MAX_AMOUNT}, in cents")
    return amount


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
                if args.amount is None or not args.ref:
                    raise UserValidationError("amount", "required", "pay needs AMOUNT and --ref")
                for field, value in (("ref", args.ref), ("note", args.note)):
                    issue = (text.REASON if field == "note" else _REF).check(field, value)
                    if issue is not None:
                        raise UserValidationError(field, issue.code, issue.message("en"))
                if session.scalar(select(Receivable.id).where(
                        Receivable.customer_id == customer.id, Receivable.ref == args.ref)):
                    raise UserValidationError(
                        "ref", "duplicate", f"{args.ref!r} is already on {customer.code}'s account")
                uow = UnitOfWork(session, device_id="cli")
                locked = session.scalar(select(Customer).where(Customer.id == customer.id)
                                        .with_for_update())
                assert locked is not None
                row = record_payment(uow, locked, _amount(args.amount), ref=args.ref,
                                     note=args.note)
                uow.commit()
                print(f"{customer.code}: payment {args.ref} of {format_amount(-row.amount)} "
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
