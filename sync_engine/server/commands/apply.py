"""Applying pushed mutations: idempotency, their own transactions, and the stored answer.

:func:`apply_push` takes a push's mutations in order. The kinds that go a run at a time
(``order.submit``, see :mod:`.registry`) are handed their runs of consecutive mutations; every
other mutation goes alone through :func:`apply_mutation`:

1. If its idempotency key was seen before (for this user), answer with the stored result and
   change nothing (``replayed``).
2. Otherwise insert the key first, so a concurrent duplicate (two app instances, a retry racing
   the original) waits on it and then finds the stored result.
3. Validate the arguments for the kind; run the handler inside a savepoint. A conflict or
   rejection rolls the business changes back; every outcome is stored with the key and
   committed together with the changes and their change-log rows.
4. Anything else the mutation makes the server do (a bug, a value the database refuses) rolls
   its whole transaction back and answers it alone, ``internal_error`` (:mod:`.failures`); the
   push goes on.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import ARGS_BY_KIND, Mutation, MutationResult
from sync_engine.server.commands.context import Context, Sessions, Settings
from sync_engine.server.commands.failures import claim, failed, replay, transient
from sync_engine.server.commands.outcomes import (
    Conflict,
    Rejected,
    answer,
    outcome_answer,
    parsed_args,
    rejected_answer,
)
from sync_engine.server.commands.registry import HANDLERS, RUN_HANDLERS
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.storage.models import User

__all__ = ["Settings", "apply_mutation", "apply_push", "replay"]

log = logging.getLogger(__name__)


def apply_push(
    sessions: sessionmaker[Session],
    user: User,
    device_id: str,
    mutations: Sequence[Mutation],
    settings: Settings,
    session: Session | None = None,
) -> list[MutationResult]:
    """Apply a push's mutations in order and answer each.

    ``session``, if given, is an open session the first mutation (or run) goes on with: the
    request's own, whose reads then share that mutation's transaction. Every later one gets a
    fresh session, so nothing loaded for one mutation is seen stale by the next.
    """
    given = [session] if session is not None else []

    def next_session() -> Session:
        return given.pop() if given else sessions()

    results: list[MutationResult] = []
    for kind, group in itertools.groupby(mutations, key=lambda m: m.kind):
        run = RUN_HANDLERS.get(kind)
        if run is not None:
            results += run(next_session, user, device_id, list(group), settings)
        else:
            results += [apply_mutation(next_session, user, device_id, m, settings)
                        for m in group]
    return results


def apply_mutation(
    sessions: Sessions, user: User, device_id: str, m: Mutation, settings: Settings
) -> MutationResult:
    """Apply one mutation exactly once and return its (possibly stored) result."""
    run = RUN_HANDLERS.get(m.kind)
    if run is not None:
        [result] = run(sessions, user, device_id, [m], settings)
        return result
    try:
        with sessions() as session:
            record_id = claim(session, user.id, device_id, m)
            if record_id is None:
                return replay(session, user.id, m.key)
            result, uow = _run(session, user, device_id, m, settings)
            if uow is None:  # not applied: only the stored answer is written
                uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
            uow.store_result(record_id, result.status, result.model_dump_json())
            uow.commit()
            return result
    except Exception as exc:  # the session has rolled the mutation back as it closed
        if transient(exc):
            raise
        return failed(sessions, user, device_id, m, settings.request_id)


def _parse_args(m: Mutation) -> BaseModel | MutationResult:
    model = ARGS_BY_KIND.get(m.kind)
    if model is None or m.kind not in HANDLERS:
        return rejected_answer(m, "unknown_kind", [])
    return parsed_args(m, model)


def _run(
    session: Session, user: User, device_id: str, m: Mutation, settings: Settings
) -> tuple[MutationResult, UnitOfWork | None]:
    """The mutation's result, and the unit of work to commit when it applied."""
    args = _parse_args(m)
    if isinstance(args, MutationResult):
        return args, None
    uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
    ctx = Context(uow, user, device_id, m.base_version, settings)
    savepoint = session.begin_nested()
    try:
        applied = HANDLERS[m.kind](ctx, args)
    except (Conflict, Rejected) as outcome:
        savepoint.rollback()
        return outcome_answer(m, outcome), None
    savepoint.commit()
    return answer(
        m,
        "applied",
        entity=applied.entity,
        id=applied.id,
        version=applied.version,
        data=applied.data,
        details=applied.details,
    ), uow
