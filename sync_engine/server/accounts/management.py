"""Managing user accounts: creating one (the back office), and then disabling and enabling it,
resetting its password, changing its role, warehouse or customer. Every change is recorded in
``user_audit`` (who, when, what) in the same commit; disabling a user ends their sign-ins on
every device.

``actor`` is who made the change: an admin's username, or ``cli:<os user>`` for
``dinghuo-server users``. Passwords are never recorded, only that one was reset.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.domain import text as text_rules
from sync_engine.server.accounts.errors import UserValidationError
from sync_engine.server.accounts.passwords import hash_password
from sync_engine.server.accounts.tokens import revoke_user_tokens
from sync_engine.server.accounts.users import MIN_PASSWORD_LENGTH, create_user, normalise_username
from sync_engine.server.storage.models import Customer, User, UserAudit, Warehouse, utcnow

__all__ = ["audit_trail", "create", "find_user", "reset_password", "set_active", "set_assignment",
           "users"]


def find_user(session: Session, username: str) -> User:
    """The user called ``username``; raises :class:`UserValidationError` if there is none."""
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise UserValidationError("username", "user_unknown", f"no user {username!r}")
    return user


def users(session: Session) -> list[User]:
    """Every user but the system one, by username."""
    return list(session.scalars(
        select(User).where(User.role != Role.SYSTEM.value).order_by(User.username)))


def _record(session: Session, actor: str, user: User, action: str,
            detail: dict[str, Any]) -> None:
    session.add(UserAudit(at=utcnow(), actor=actor[:64], user_id=user.id, action=action,
                          detail=detail))


def create(session: Session, actor: str, username: str, password: str, role: str, *,
           display_name: str = "", warehouse_id: int | None = None,
           customer_id: int | None = None) -> User:
    """Create a user (every field checked by :func:`~.users.create_user`) and record it, in one
    commit; raises :class:`UserValidationError`."""
    user = create_user(session, username, password, role, display_name=display_name,
                       warehouse_id=warehouse_id, customer_id=customer_id, commit=False)
    _record(session, actor, user, "create", {"role": user.role, "warehouse_id": warehouse_id,
                                             "customer_id": customer_id})
    session.commit()
    return user


def set_active(session: Session, actor: str, user: User, active: bool) -> None:
    """Enable or disable ``user`` and commit; disabling ends every sign-in of theirs."""
    if user.active == active:
        return
    user.active = active
    _record(session, actor, user, "enable" if active else "disable", {})
    session.commit()
    if not active:
        revoke_user_tokens(session, user.id)


def reset_password(session: Session, actor: str, user: User, password: str) -> None:
    """Give ``user`` a new password, end their sign-ins (the old password may be known to
    someone else) and commit."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserValidationError(
            "password", "password_too_short",
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    issue = text_rules.PASSWORD.check("password", password)
    if issue is not None:
        raise UserValidationError("password", issue.code, issue.message("en"))
    user.password_hash = hash_password(password)
    _record(session, actor, user, "reset_password", {})
    session.commit()
    revoke_user_tokens(session, user.id)


def set_assignment(
    session: Session, actor: str, user: User, *, role: str | None = None,
    warehouse_id: int | None = None, customer_id: int | None = None,
) -> None:
    """Change ``user``'s role and/or fixed assignment and commit. A clerk has exactly one
    existing warehouse, a store owner one existing customer, other roles neither (as in
    :func:`~.users.create_user`). Their devices resync with the new scope (scope epoch)."""
    try:
        new_role = Role(role or user.role)
    except ValueError:
        new_role = Role.SYSTEM
    if new_role is Role.SYSTEM:
        choices = ", ".join(r.value for r in Role if r is not Role.SYSTEM)
        raise UserValidationError("role", "invalid_role", f"unknown role {role!r}; use {choices}")
    if new_role is Role.WAREHOUSE_CLERK:
        warehouse_id = warehouse_id if warehouse_id is not None else user.warehouse_id
        if warehouse_id is None or session.get(Warehouse, warehouse_id) is None:
            raise UserValidationError(
                "warehouse", "warehouse_required", "a warehouse clerk needs an existing warehouse")
    elif warehouse_id is not None:
        raise UserValidationError("warehouse", "not_allowed", "only clerks have a warehouse")
    if new_role is Role.STORE_OWNER:
        customer_id = customer_id if customer_id is not None else user.customer_id
        if customer_id is None or session.get(Customer, customer_id) is None:
            raise UserValidationError(
                "customer", "customer_required", "a store owner needs an existing customer")
    elif customer_id is not None:
        raise UserValidationError("customer", "not_allowed", "only store owners have a customer")
    before = {"role": user.role, "warehouse_id": user.warehouse_id,
              "customer_id": user.customer_id}
    after = {"role": new_role.value, "warehouse_id": warehouse_id, "customer_id": customer_id}
    if before == after:
        return
    user.role, user.warehouse_id, user.customer_id = (
        new_role.value, warehouse_id, customer_id)
    user.scope_epoch += 1  # their cursors are for the old scope: the devices resync
    _record(session, actor, user, "set_assignment", {"before": before, "after": after})
    session.commit()


def audit_trail(session: Session, user: User | None = None, limit: int = 200) -> list[UserAudit]:
    """The latest recorded changes (of one user, or of all), newest first."""
    stmt = select(UserAudit).order_by(UserAudit.id.desc()).limit(limit)
    if user is not None:
        stmt = stmt.where(UserAudit.user_id == user.id)
    return list(session.scalars(stmt))
