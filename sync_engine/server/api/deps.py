"""What the routes depend on: the server's services, a database session, the protocol check and
the signed-in user. FastAPI resolves these per request (``Annotated[..., Depends(...)]``).

Plain ``def`` dependencies run on FastAPI's thread pool; the ones that do no I/O are
``async def`` so they cost no hop to a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, TypeVar, cast

from fastapi import Depends, Header, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import MIN_SUPPORTED_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.accounts import HashSlots
from sync_engine.server.api.errors import Unauthorized, UpdateRequired
from sync_engine.server.api.metrics import ServerMetrics
from sync_engine.server.api.pull_groups import PullGroups
from sync_engine.server.api.pull_notes import PullNotes
from sync_engine.server.api.push_pool import PushNotes, PushPool, signed_in
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.api.thread_lane import ThreadLane
from sync_engine.server.feed.notify import Hub
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import User


@dataclass(frozen=True, slots=True)
class Services:
    """What one server application holds for its requests (built by ``create_app``)."""

    settings: ServerSettings
    engine: Engine
    sessions: sessionmaker[Session]
    hub: Hub
    push_pool: PushPool | None
    """Push processes, or None: pushes run on this process's threads, on :attr:`push_lane`."""
    push_lane: ThreadLane
    """The threads pushes run on when there are no push processes: at most so many at once in
    this process (the others wait their turn, in the order they came)."""
    push_notes: PushNotes
    pull_lane: ThreadLane
    """The threads pulls run on: at most so many at once in this process (the others wait
    their turn)."""
    pull_notes: PullNotes
    """Devices' last pulls, written behind (started and stopped with the app)."""
    pull_groups: PullGroups
    """Serves the pulls on :attr:`pull_lane`, those that wait together in one snapshot."""
    metrics_lane: ThreadLane
    """The thread a metrics scrape is rendered on: one at a time, so scrapes of the open
    ``/metrics`` never hold more than one thread (see :mod:`.routes.metrics`)."""
    metrics: ServerMetrics
    hash_slots: HashSlots
    """At most so many password hashes at once in this process (sign-in)."""


def services(request: Request) -> Services:
    """The services of the application serving ``request``."""
    return cast(Services, request.app.state.services)


async def get_services(request: Request) -> Services:
    """:func:`services` as a dependency (``AppServices``)."""
    return services(request)


def db(request: Request) -> Iterator[Session]:
    """A session for the request; its read ends with COMMIT (:func:`.end_read`)."""
    with services(request).sessions() as session:
        yield session
        end_read(session)


async def protocol(  # async: no I/O, so no hop to a worker thread on every request
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    return check_protocol(version)


async def token(  # async: no I/O; checked before the query (as the user was before it)
    authorization: Annotated[str | None, Header()] = None,
) -> str:
    """The bearer token of the request (checked by whoever uses it); 401 if there is none."""
    return bearer_token(authorization)


def current(
    request: Request,
    _version: Annotated[int, Depends(protocol)],
    authorization: Annotated[str | None, Header()] = None,
) -> tuple[User, str]:
    """The signed-in user (detached, fully loaded) and their device id."""
    token = bearer_token(authorization)
    # Its own short session: the endpoint's work must not wait behind this transaction
    # (SQLite has one writer, and mutations each open their own transaction).
    with services(request).sessions() as session:
        user, device_id = signed_in(session, token)
        end_read(session)
    return user, device_id


AppServices = Annotated[Services, Depends(get_services)]
Db = Annotated[Session, Depends(db)]
Version = Annotated[int, Depends(protocol)]
Current = Annotated[tuple[User, str], Depends(current)]
Token = Annotated[str, Depends(token)]


def check_protocol(version: str | None) -> int:
    """The request's protocol version; raises :class:`UpdateRequired` for a missing, unreadable
    or unsupported one."""
    if version is None or not version.strip().isdigit():
        raise UpdateRequired(
            "update_required",
            f"This server speaks protocol {MIN_SUPPORTED_VERSION}–{PROTOCOL_VERSION}; "
            f"send the {PROTOCOL_HEADER} header. Update the app.",
            "客户端版本过旧或无法识别，请更新应用。",
        )
    n = int(version)
    if not MIN_SUPPORTED_VERSION <= n <= PROTOCOL_VERSION:
        raise UpdateRequired(
            "update_required",
            f"Protocol {n} is not supported (this server: {MIN_SUPPORTED_VERSION}–"
            f"{PROTOCOL_VERSION}). Update the app; your unsent changes are kept.",
            "客户端版本不兼容，请更新应用；未发送的更改会保留。",
        )
    return n


_Query = TypeVar("_Query", bound=BaseModel)


def query_of(model: type[_Query], request: Request) -> _Query:
    """``request``'s query as ``model`` (for a route that reads its own query: the pull, the
    catalog pack upload); 422 where it is wrong, as FastAPI answers."""
    try:
        return model.model_validate(request.query_params)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; 401 if there is none."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("not_authenticated", "Sign in first.", "请先登录。")
    return token.strip()
