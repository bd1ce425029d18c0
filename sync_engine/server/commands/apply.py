"""Applying pushed mutations: idempotency, one transaction each, and the stored answer.

For each mutation, in order:

1. If its idempotency key was seen before (for this user), answer with the stored result and
   change nothing (``replayed``).
2. Otherwise insert the key first, so a concurrent duplicate (two app instances, a retry racing
   the original) waits on it and then finds the stored result.
3. Validate the arguments for the kind; run the handler inside a savepoint. A conflict or
   rejection rolls the business changes back; every outcome is stored with the key and
   committed together with the changes and their change-log rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.domain import Role
from sync_engine.protocol import ARGS_BY_KIND, Mutation, MutationResult
from sync_engine.server.commands.outcomes import Conflict, Outcome, Rejected, reason_text
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.storage.models import MutationRecord, ServerMeta, User, utcnow
from sync_engine.server.storage.sql import driver_connection, is_postgres

log = logging.getLogger(__name__)


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
HANDLERS: dict[str, Handler] = {}

FastPath = Callable[[Session, "User", str, Mutation, "Settings"], MutationResult | None]
"""A whole-mutation implementation for PostgreSQL (claim, rules, writes, stored result, commit)
that skips the ORM. It returns None, before touching the database, to leave the mutation to the
general path (bad arguments, a role that may not act: rare answers the general path gives)."""
FAST_PATHS: dict[str, FastPath] = {}

RunPath = Callable[[Session, "User", str, Sequence[Mutation], "Settings"], list[MutationResult]]
"""A group commit for a run of same-kind mutations on PostgreSQL (see :mod:`.orders_batch`):
answers for a prefix of the run, decided one by one in order and committed together; an empty
list leaves the first mutation to the one-by-one path."""
RUN_PATHS: dict[str, RunPath] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that applies mutations of ``kind``."""

    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


def _field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors(include_url=False):
        path = "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
            for i, p in enumerate(err["loc"])
        )
        errors.append(
            {
                "field": path or "args",
                "code": f"invalid_{err['type']}",
                "severity": "error",
                "params": {},
                "message": err["msg"],
                "message_zh": f"字段无效：{err['msg']}",
            }
        )
    return errors


def _result(m: Mutation, status: str, **kw: Any) -> MutationResult:
    return MutationResult(key=m.key, kind=m.kind, status=status, **kw)


def _outcome_result(m: Mutation, o: Outcome) -> MutationResult:
    return _result(
        m,
        o.status,
        reason=o.reason,
        message=o.message,
        message_zh=o.message_zh,
        server=o.server,
        details=o.details,
        errors=o.errors,
    )


def _rejected(m: Mutation, reason: str, errors: list[dict[str, Any]]) -> MutationResult:
    return _result(
        m,
        "rejected",
        reason=reason,
        message=reason_text(reason, "en"),
        message_zh=reason_text(reason, "zh"),
        errors=errors,
    )


def _parse_args(m: Mutation) -> BaseModel | MutationResult:
    model = ARGS_BY_KIND.get(m.kind)
    if model is None or m.kind not in HANDLERS:
        return _rejected(m, "unknown_kind", [])
    try:
        return model.model_validate(m.args)
    except ValidationError as exc:
        return _rejected(m, "invalid", _field_errors(exc))


@dataclass(frozen=True)
class Settings:
    """Server settings a mutation depends on, read once per push (they live in the database,
    so every server instance sees the same)."""

    auto_confirm: bool = True

    @staticmethod
    def load(session: Session) -> Settings:
        if is_postgres(session):  # once per push: plain SQL, a tenth of the ORM's cost
            row = driver_connection(session).execute(
                "SELECT value FROM server_meta WHERE key = 'auto_confirm'"
            ).fetchone()
            value = None if row is None else row[0]
        else:
            value = session.scalar(
                select(ServerMeta.value).where(ServerMeta.key == "auto_confirm")
            )
        return Settings(auto_confirm=value != "false")


def apply_push(
    sessions: sessionmaker[Session],
    user: User,
    device_id: str,
    mutations: Sequence[Mutation],
    settings: Settings,
    session: Session | None = None,
) -> list[MutationResult]:
    """Apply a push's mutations in order and answer each (runs of one kind may be grouped).

    ``session``, if given, is an open session the first mutation (or run) goes on with: the
    request's own, whose reads then share that mutation's transaction. Every later one gets a
    fresh session, so nothing loaded for one mutation is seen stale by the next.
    """
    given = [session] if session is not None else []

    def next_session() -> Session:
        return given.pop() if given else sessions()

    results: list[MutationResult] = []
    i = 0
    while i < len(mutations):
        run = RUN_PATHS.get(mutations[i].kind)
        end = i
        while end < len(mutations) and mutations[end].kind == mutations[i].kind:
            end += 1
        if run is not None and end - i > 1:
            with next_session() as s:
                done = run(s, user, device_id, mutations[i:end], settings) \
                    if is_postgres(s) else []
            if done:
                results += done
                i += len(done)
                continue
        results.append(apply_mutation(next_session, user, device_id, mutations[i], settings))
        i += 1
    return results


def apply_mutation(
    sessions: Callable[[], Session],
    user: User,
    device_id: str,
    m: Mutation,
    settings: Settings | None = None,
) -> MutationResult:
    """Apply one mutation exactly once and return its (possibly stored) result."""
    with sessions() as session:
        if settings is None:
            settings = Settings.load(session)
        fast = FAST_PATHS.get(m.kind)
        if fast is not None and is_postgres(session):
            answer = fast(session, user, device_id, m, settings)
            if answer is not None:
                return answer
        record_id = _claim(session, user.id, device_id, m)
        if record_id is None:
            return replay(session, user.id, m.key)
        result, uow = _run(session, user, device_id, m, settings)
        if uow is None:  # not applied: only the stored answer is written
            uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
        uow.store_result(record_id, result.status, result.model_dump_json())
        uow.commit()
        return result


def replay(session: Session, user_id: int, key: str) -> MutationResult:
    """The stored answer to a key seen before (or claimed by a concurrent twin that committed
    first); ends the current transaction."""
    session.rollback()
    stored = _stored(session, user_id, key)
    if stored is None:  # pragma: no cover - the twin committed or we would have won
        raise RuntimeError(f"idempotency key {key!r} claimed without a stored result")
    return stored


def _claim(session: Session, user_id: int, device_id: str, m: Mutation) -> int | None:
    """Insert the idempotency key; None if it exists. A concurrent insert of the same key waits
    here until the other transaction ends, so exactly one of them goes on."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(MutationRecord)
        .values(user_id=user_id, idempotency_key=m.key, device_id=device_id, kind=m.kind[:40],
                status="pending", result={}, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["user_id", "idempotency_key"])
        .returning(MutationRecord.id)
    )
    return session.execute(stmt).scalar_one_or_none()


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
        return _outcome_result(m, outcome), None
    savepoint.commit()
    return _result(
        m,
        "applied",
        entity=applied.entity,
        id=applied.id,
        version=applied.version,
        data=applied.data,
        details=applied.details,
    ), uow


def _stored(session: Session, user_id: int, key: str) -> MutationResult | None:
    result = session.scalar(
        select(MutationRecord.result).where(
            MutationRecord.user_id == user_id, MutationRecord.idempotency_key == key
        )
    )
    if not result:
        return None
    return MutationResult.model_validate({**result, "replayed": True})
