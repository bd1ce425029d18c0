"""Monthly statements (对账单): ``GET /v1/statements/{customer_id}?month=YYYY-MM``.

Who may read whose: the back office any customer's, a sales rep their assigned customers',
a store owner their own account's; warehouse clerks none (they never see money owed).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from sqlalchemy.orm import Session

from sync_engine.domain import MAX_ID, Role
from sync_engine.protocol import ErrorBody
from sync_engine.server.api.deps import Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES, BadRequest, Forbidden, NotFound
from sync_engine.server.ops.statements import customer_statement, statement_json
from sync_engine.server.storage.models import Customer, User

router = APIRouter(tags=["statements"], responses=ERROR_RESPONSES)

CustomerId = Annotated[int, Path(ge=1, le=MAX_ID)]
Month = Annotated[str, Query(min_length=7, max_length=7, description="YYYY-MM")]

UNKNOWN: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such customer (back office only)"}}


def _not_yours() -> Forbidden:
    return Forbidden("statement_forbidden", "You may not see this customer's statement.",
                     "您无权查看此客户的对账单。")


def _customer_for(session: Session, user: User, customer_id: int) -> Customer:
    """The customer whose statement ``user`` asks for, or the error that refuses it."""
    role = Role(user.role)
    if role not in (Role.ADMIN, Role.SALES_REP, Role.STORE_OWNER):
        raise _not_yours()
    customer = session.get(Customer, customer_id)
    if role is Role.ADMIN:
        if customer is None:
            raise NotFound("customer_unknown", "No customer has this id.", "没有此编号的客户。")
        return customer
    # A rep or an owner is not told whether a customer that is not theirs exists.
    if customer is None or (role is Role.SALES_REP and customer.rep_id != user.id) or (
            role is Role.STORE_OWNER and user.customer_id != customer.id):
        raise _not_yours()
    return customer


@router.get("/v1/statements/{customer_id}", responses=UNKNOWN)
def statement(customer_id: CustomerId, month: Month, who: Current,
              session: Db) -> dict[str, Any]:
    """The customer's statement for the month: opening balance, each shipment, return credit
    and payment with the running balance, the month's totals and the closing balance."""
    customer = _customer_for(session, who[0], customer_id)
    try:
        result = customer_statement(session, customer, month)
    except ValueError as exc:
        raise BadRequest("invalid_month", str(exc), f"{month!r} 不是有效的月份（YYYY-MM）。",
                         [{"field": "month", "code": "invalid_month", "message": str(exc)}]
                         ) from None
    return statement_json(customer, result)
