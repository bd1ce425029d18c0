"""Creating users: every field checked, so a bad account never exists."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import USER_ROLES, Role
from sync_engine.domain import text as text_rules
from sync_engine.server.accounts.errors import UserValidationError
from sync_engine.server.accounts.passwords import hash_password
from sync_engine.server.storage.models import Customer, User, Warehouse, utcnow

MIN_PASSWORD_LENGTH = 8
"""For every password chosen from now on (``dinghuo-server users create`` and
``reset-password``, the back office). Passwords set before under the old minimum of 4 still
sign in; the throttle (:mod:`.throttle`) bounds how fast anyone can guess. The demo data set's
accounts keep their password "demo" (``demo_account``)."""

DEMO_PASSWORD = "demo"
"""The demo data set's password for every account (the demo server is for trying the app)."""


def check_new_password(password: str) -> None:
    """Raise :class:`UserValidationError` for a password nobody may choose now: shorter than
    :data:`MIN_PASSWORD_LENGTH`, or one the text rule refuses (it could never sign in)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserValidationError(
            "password", "password_too_short",
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    issue = text_rules.PASSWORD.check("password", password)
    if issue is not None:
        raise UserValidationError("password", issue.code, issue.message("en"))


USERNAME_RE = re.compile(r"[a-z0-9_.-]{2,64}")


def normalise_username(username: str) -> str:
    """Usernames are compared trimmed and lower-case ("Rep1 " signs in as "rep1")."""
    return username.strip().lower()


def parse_role(role: str) -> Role:
    """The role named ``role``; a field error naming the choices otherwise (nobody is given the
    integrations' ``system`` role)."""
    try:
        parsed = Role(role)
    except ValueError:
        parsed = Role.SYSTEM
    if parsed is Role.SYSTEM:
        choices = ", ".join(USER_ROLES)
        raise UserValidationError("role", "invalid_role", f"unknown role {role!r}; use {choices}")
    return parsed


def check_assignment(session: Session, role: Role, warehouse_id: int | None,
                     customer_id: int | None) -> None:
    """A warehouse clerk has exactly one existing warehouse, a store owner one existing
    customer, other roles neither: an assignment never silently means nothing."""
    _check_assigned(session, "warehouse", Warehouse, warehouse_id, role is Role.WAREHOUSE_CLERK,
                    needed="a warehouse clerk needs an existing warehouse",
                    refused="only clerks have a warehouse")
    _check_assigned(session, "customer", Customer, customer_id, role is Role.STORE_OWNER,
                    needed="a store owner needs an existing customer",
                    refused="only store owners have a customer")


def _check_assigned(session: Session, field: str, model: type[Warehouse | Customer],
                    given: int | None, holds: bool, *, needed: str, refused: str) -> None:
    """One assignment: an existing ``model`` row where the role ``holds`` one, nothing where
    it does not."""
    if not holds:
        if given is not None:
            raise UserValidationError(field, "not_allowed", refused)
    elif given is None or session.get(model, given) is None:
        raise UserValidationError(field, f"{field}_required", needed)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    warehouse_id: int | None = None,
    customer_id: int | None = None,
    commit: bool = True,
    demo_account: bool = False,
) -> User:
    """Create a user after checking every field; raises :class:`UserValidationError`.

    ``username`` is normalised (:func:`normalise_username`) and must match ``[a-z0-9_.-]{2,64}``.
    ``password`` needs at least :data:`MIN_PASSWORD_LENGTH` characters
    (:func:`check_new_password`), except :data:`DEMO_PASSWORD` for a ``demo_account`` (the demo
    data set, tests). A warehouse clerk needs ``warehouse_id`` (an existing warehouse), a store
    owner ``customer_id`` (an existing customer); other roles take neither, so an assignment
    never silently means nothing.
    Commits unless ``commit`` is false (then the user is only flushed, so it has an id).
    """
    name = normalise_username(username)
    if not USERNAME_RE.fullmatch(name):
        raise UserValidationError(
            "username", "invalid_username",
            "use 2–64 characters: lower-case letters, digits, '_', '.' or '-'",
        )
    user_role = parse_role(role)
    if not (demo_account and password == DEMO_PASSWORD):
        check_new_password(password)
    issue = text_rules.DISPLAY_NAME.check("display_name", display_name)
    if issue is not None:
        raise UserValidationError("display_name", issue.code, issue.message("en"))
    check_assignment(session, user_role, warehouse_id, customer_id)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise UserValidationError("username", "username_taken", f"user {name!r} already exists")
    user = User(
        username=name,
        display_name=display_name.strip() or name,
        password_hash=hash_password(password),
        role=user_role.value,
        warehouse_id=warehouse_id,
        customer_id=customer_id,
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    if commit:
        session.commit()
    return user
