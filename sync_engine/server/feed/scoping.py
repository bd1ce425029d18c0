"""Who may see what: the per-role filters on the change feed, and scope moves.

- sales rep: the catalog, their customers with those customers' prices, orders and shipments;
- warehouse clerk: the catalog, and the customers, orders, shipments and returns of their
  warehouse (not prices, not customers' accounts);
- store owner: the catalog, and their own customer account with its prices, orders, shipments;
- admin: everything.
Everyone also receives their own user-scoped rows (favourites, scope events).
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, false, or_, select

from sync_engine.domain import Role
from sync_engine.server.feed.changes import CUSTOMER, GLOBAL, USER, UnitOfWork
from sync_engine.server.storage.models import ChangeLog, Customer, User


class ChangeFilter(NamedTuple):
    """Which rows of ``change_log`` a user may receive: ``clause``, the same object for every
    user of one kind (so a statement built on it is built and compiled once, not per pull),
    and ``params``, this user's values for its parameters."""

    clause: ColumnElement[bool]
    params: dict[str, Any]


def change_filter(user: User) -> ChangeFilter:
    """The rows of ``change_log`` that ``user`` may receive."""
    role = Role(user.role)
    if role is Role.WAREHOUSE_CLERK:
        has_own = user.warehouse_id is not None
    elif role is Role.STORE_OWNER:
        has_own = user.customer_id is not None
    else:
        has_own = True
    params = {"scope_user": user.id, "scope_warehouse": user.warehouse_id,
              "scope_customer": user.customer_id}
    return ChangeFilter(_filter_of(role, has_own), params)


@cache
def _filter_of(role: Role, has_own: bool) -> ColumnElement[bool]:
    """The filter of one kind of user. ``has_own``: a clerk has a warehouse, an owner a
    customer account (without one they see no customer's rows)."""
    user_id: BindParameter[int] = bindparam("scope_user")
    own = and_(ChangeLog.scope == USER, ChangeLog.user_id == user_id)
    if role is Role.ADMIN:
        return or_(ChangeLog.scope != USER, own)
    if role is Role.SALES_REP:
        mine = select(Customer.id).where(Customer.rep_id == user_id).scalar_subquery()
        scoped = and_(ChangeLog.scope == CUSTOMER, ChangeLog.customer_id.in_(mine))
    elif role is Role.WAREHOUSE_CLERK:
        scoped = (
            and_(
                ChangeLog.scope == CUSTOMER,
                ChangeLog.warehouse_id == bindparam("scope_warehouse"),
                ChangeLog.entity.in_(("customer", "order", "shipment", "return")),
            )
            if has_own
            else false()
        )
    elif role is Role.STORE_OWNER:
        scoped = (
            and_(ChangeLog.scope == CUSTOMER,
                 ChangeLog.customer_id == bindparam("scope_customer"))
            if has_own
            else false()
        )
    else:
        scoped = false()
    return or_(ChangeLog.scope == GLOBAL, scoped, own)


def can_access_customer(user: User, customer: Customer) -> bool:
    """Whether ``user`` may see and act for ``customer``."""
    role = Role(user.role)
    if role is Role.ADMIN:
        return True
    if role is Role.SALES_REP:
        return customer.rep_id == user.id
    if role is Role.WAREHOUSE_CLERK:
        return user.warehouse_id is not None and customer.warehouse_id == user.warehouse_id
    if role is Role.STORE_OWNER:
        return user.customer_id == customer.id
    return False


def reassign_customer(uow: UnitOfWork, customer: Customer, new_rep_id: int | None) -> None:
    """Move ``customer`` to another rep: the old rep's devices purge it, the new rep's get it all.

    The caller records the customer's own change (its ``rep_id`` and ``version`` bump) too.
    """
    old = customer.rep_id
    customer.rep_id = new_rep_id
    customer_moved(uow, customer.id, old, new_rep_id)


def customer_moved(uow: UnitOfWork, customer_id: int, old_rep_id: int | None,
                   new_rep_id: int | None) -> None:
    """The customer's ``rep_id`` was changed from ``old_rep_id`` (see :func:`reassign_customer`):
    the old rep's devices purge it, the new rep's get it all."""
    if old_rep_id == new_rep_id:
        return
    if old_rep_id is not None:
        uow.scope_event(old_rep_id, customer_id, "revoke")
    if new_rep_id is not None:
        uow.scope_event(new_rep_id, customer_id, "grant")


__all__ = ["ChangeFilter", "can_access_customer", "change_filter", "customer_moved",
           "reassign_customer"]
