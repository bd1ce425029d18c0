"""Payments received (收款), recorded by the back office from the desktop app: ``GET`` the
latest (one customer's, with its open and overdue amounts) and ``POST`` a new one. Admins only.

A ``POST`` carries an idempotency key: its answer is stored with the payment in one commit, so
a request sent again (the answer was lost on the way) gets that answer back and records
nothing. The rule itself is :func:`sync_engine.server.commands.credit.receive_payment`, the
same one ``dinghuo-server receivables pay`` runs.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync_engine.domain import MAX_ID
from sync_engine.protocol import ErrorBody
from sync_engine.server.api.deps import Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES, BadRequest, NotFound
from sync_engine.server.api.routes.admin import require_admin
from sync_engine.server.commands.credit import PaymentRefused, receive_payment
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.credit import account_summary, payment_json, recent_payments
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.models import Customer, MutationRecord, User

router = APIRouter(tags=["admin"], responses=ERROR_RESPONSES)

KIND = "payment.record"
"""The kind the answer is stored under with its idempotency key."""

UNKNOWN: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such customer"}}


class NewPayment(BaseModel):
    """A payment received. ``amount`` is text as typed ("1,200.50"): the server checks it as
    the desktop did (more than 0, at most two decimals); ``date`` is YYYY-MM-DD (default:
    today)."""

    model_config = ConfigDict(extra="forbid")

    idempotency_key: Annotated[str, Field(min_length=8, max_length=64,
                                          pattern=r"^[A-Za-z0-9_.:-]+$")]
    customer_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    amount: Annotated[str, Field(max_length=64)]
    ref: Annotated[str, Field(max_length=200)]
    note: Annotated[str, Field(max_length=4000)] = ""
    date: Annotated[str | None, Field(max_length=32)] = None


def _account(session: Session, customer_id: int) -> dict[str, Any] | None:
    customer = session.get(Customer, customer_id)
    return None if customer is None else account_summary(session, customer)


def _stored(session: Session, user: User, key: str) -> dict[str, Any] | None:
    """The answer stored under ``key`` by an earlier payment; a key this user spent on
    something else (a pushed mutation) is refused."""
    found = session.execute(select(MutationRecord.kind, MutationRecord.result).where(
        MutationRecord.user_id == user.id, MutationRecord.idempotency_key == key)).first()
    if found is None:
        return None
    kind, result = found
    if kind != KIND or not isinstance(result, dict) or "customer_id" not in result:
        session.rollback()
        message = "This idempotency key was used for another request: make a new one."
        raise BadRequest("idempotency_key_reused", message, "此幂等键已用于其他请求：请生成新的。",
                         [{"field": "idempotency_key", "code": "idempotency_key_reused",
                           "message": message, "message_zh": "此幂等键已用于其他请求。",
                           "severity": "error", "params": {}}])
    return result


def _replay(session: Session, stored: dict[str, Any]) -> dict[str, Any]:
    return {"payment": stored, "account": _account(session, int(stored["customer_id"])),
            "replayed": True}


@router.get("/v1/admin/payments")
def payments(who: Current, session: Db,
             customer_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
             limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """The latest payments received, newest first; with ``customer_id``, that customer's and
    its open and overdue amounts today (``account``)."""
    require_admin(who[0])
    return {"payments": recent_payments(session, customer_id, limit),
            "account": None if customer_id is None else _account(session, customer_id)}


@router.post("/v1/admin/payments", status_code=201, responses=UNKNOWN)
def record_payment(body: NewPayment, who: Current, session: Db) -> dict[str, Any]:
    """Record money a customer paid: set off against its oldest open invoices, the rest kept
    as a credit; the customer's reps see the new amounts at their next sync. The same
    ``idempotency_key`` again answers the first answer (``replayed``: true)."""
    user, device_id = who
    require_admin(user)
    stored = _stored(session, user, body.idempotency_key)
    if stored is not None:
        return _replay(session, stored)
    uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
    try:
        customer, row = receive_payment(uow, body.customer_id, body.amount, ref=body.ref,
                                        note=body.note, date=body.date, user_id=user.id)
        answer = payment_json(row, customer, user.username)
        uow.store_new_result(body.idempotency_key, KIND, "applied", dumps(answer))
        uow.commit()
    except (PaymentRefused, IntegrityError) as exc:
        uow.rollback()
        # A twin of this request (the same key) committed first: its answer is this one's.
        stored = _stored(session, user, body.idempotency_key)
        if stored is not None:
            return _replay(session, stored)
        if isinstance(exc, IntegrityError):
            raise
        if exc.issues[0].code == "customer_unknown":
            raise NotFound("customer_unknown", "No customer has this id.",
                           "没有此编号的客户。") from None
        raise BadRequest("invalid_payment", exc.issues[0].message("en"),
                         exc.issues[0].message("zh"),
                         [i.to_dict() for i in exc.issues]) from None
    return {"payment": answer, "account": account_summary(session, customer),
            "replayed": False}
