"""What a mutation handler is given and what it returns, and the two kinds of handler.

- A :data:`Handler` applies one mutation inside the transaction :mod:`.apply` opened for it,
  through the ORM, and returns :class:`Applied` or raises an outcome (:mod:`.outcomes`).
- A :data:`RunHandler` applies a run of consecutive mutations of its kind from one push, owns
  its transactions and answers each mutation (``order.submit``: :mod:`.submit`).

:mod:`.registry` says which kind has which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.domain.credit import OverduePolicy
from sync_engine.protocol import Mutation, MutationResult
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.storage.meta_sql import read_metas
from sync_engine.server.storage.models import User

OVERDUE_POLICIES = frozenset(p.value for p in OverduePolicy)


@dataclass(frozen=True)
class Settings:
    """Server settings a mutation depends on, read once per push (they live in the database,
    so every server instance sees the same), and the id of the request that carried the push
    (logged with an error, and told to the user with an ``internal_error``)."""

    auto_confirm: bool = True
    request_id: str = "-"
    # What an order of a customer with overdue receivables does: "off", "review", "block".
    overdue_policy: str = "review"

    @staticmethod
    def load(session: Session, request_id: str = "-") -> Settings:
        meta = read_metas(session, ("auto_confirm", "overdue_policy"))
        policy = meta.get("overdue_policy", "review")
        return Settings(auto_confirm=meta.get("auto_confirm") != "false",
                        request_id=request_id,
                        overdue_policy=policy if policy in OVERDUE_POLICIES else "review")


@dataclass
class Context:
    """What a handler works with: the unit of work and who is acting, from which device."""

    uow: UnitOfWork
    user: User
    device_id: str
    base_version: int | None
    settings: Settings

    @property
    def session(self) -> Session:
        return self.uow.session

    @property
    def role(self) -> Role:
        return Role(self.user.role)


@dataclass
class Applied:
    """What a handler returns when the mutation took effect."""

    entity: str
    id: str
    version: int
    data: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Context, Any], Applied]
"""Applies one mutation (its arguments already validated) in the caller's transaction."""

Sessions = Callable[[], Session]

RunHandler = Callable[[Sessions, User, str, Sequence[Mutation], Settings], list[MutationResult]]
"""Applies a run of mutations of one kind — ``(sessions, user, device id, mutations,
settings)`` — exactly once each, and answers each, in order."""
