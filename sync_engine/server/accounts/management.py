"""Managing user accounts: creating one (the back office), and then disabling and enabling it,
resetting its password, changing its role, warehouse or customer, lifting a sign-in lockout.
Every change is recorded in ``user_audit`` (who, when, what) in the same commit; disabling a
user ends their sign-ins on every device.

``actor`` is who made the change: an admin's username, or ``cli:<os user>`` for
``dinghuo-server users``. Passwords are never recorded, only that one was reset.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.server.accounts import throttle
from sync_engine.server.accounts.errors import UserValidationError
from sync_engine.server.accounts.passwords import hash_password
from sync_engine.server.accounts.tokens import revoke_user_tokens
from sync_engine.server.accounts.users import (
    check_assignment,
    check_new_password,
    create_user,
    normalise_username,
    parse_role,
)
from sync_engine.server.storage.models import User, UserAudit, utcnow

__all__ = ["audit_trail", "create", "find_user", "is_locked", "reset_password", "set_active",
           "set_assignment", "unlock", "users"]


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


def _keep_an_admin(session: Session, user: User, field: str) -> None:
    """Refuse to take the last active admin away (disabled or given another role): nobody could
    manage users then. The other active admins' rows are locked while they are counted, so two
    admins demoting each other at once cannot both succeed (PostgreSQL; SQLite writes one at a
    time)."""
    if not (user.active and user.role == Role.ADMIN.value):
        return
    others = session.scalars(
        select(User.id).where(User.role == Role.ADMIN.value, User.active.is_(True),
                              User.id != user.id).with_for_update()).first()
    if others is None:
        raise UserValidationError(field, "last_admin",
                                  "this is the last active admin; make another user admin "
                                  "first")


def set_active(session: Session, actor: str, user: User, active: bool) -> None:
    """Enable or disable ``user`` and commit; disabling ends every sign-in of theirs. The last
    active admin cannot be disabled."""
    if user.active == active:
        return
    if not active:
        _keep_an_admin(session, user, "active")
    user.active = active
    _record(session, actor, user, "enable" if active else "disable", {})
    session.commit()
    if not active:
        revoke_user_tokens(session, user.id)


def reset_password(session: Session, actor: str, user: User, password: str) -> None:
    """Give ``user`` a new password, end their sign-ins (the old password may be known to
    someone else) and commit."""
    check_new_password(password)
    user.password_hash = hash_password(password)
    _record(session, actor, user, "reset_password", {})
    session.commit()
    revoke_user_tokens(session, user.id)


def unlock(session: Session, actor: str, user: User) -> bool:
    """Lift ``user``'s sign-in lockout (and any wait) after too many failed sign-ins, and
    commit; whether they were locked (only then is it recorded)."""
    was_locked = throttle.unlock_name(session, user.username)
    if was_locked:
        _record(session, actor, user, "unlock", {})
    session.commit()
    return was_locked


def is_locked(session: Session, user: User) -> bool:
    """Whether ``user`` is locked out after too many failed sign-ins."""
    return throttle.is_locked(session, user.username)


def set_assignment(
    session: Session, actor: str, user: User, *, role: str | None = None,
    warehouse_id: int | None = None, customer_id: int | None = None,
) -> None:
    """Change ``user``'s role and/or fixed assignment and commit. A clerk has exactly one
    existing warehouse, a store owner one existing customer, other roles neither (as in
    :func:`~.users.create_user`). Their devices resync with the new scope (scope epoch). The
    last active admin keeps the admin role."""
    new_role = parse_role(role or user.role)
    if new_role is not Role.ADMIN:
        _keep_an_admin(session, user, "role")
    # A clerk keeps their warehouse, an owner their customer, unless another is named.
    if new_role is Role.WAREHOUSE_CLERK and warehouse_id is None:
        warehouse_id = user.warehouse_id
    if new_role is Role.STORE_OWNER and customer_id is None:
        customer_id = user.customer_id
    check_assignment(session, new_role, warehouse_id, customer_id)
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
