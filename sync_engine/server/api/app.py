"""The HTTP API (FastAPI): sign-in, pull, push, health.

Every ``/v1`` request carries the protocol version header; every answer that is not 2xx has the
body ``{"error": {...}}`` (:mod:`.errors`). Endpoints are plain ``def`` functions: FastAPI runs
them on its thread pool, each with its own database session. The push endpoint, the busiest, does
the same by hand with less machinery, or hands the push to a push process (:mod:`.push`).
"""

import gc
import logging
import os
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_engine.domain import Role
from sync_engine.protocol import (
    MAX_PULL_LIMIT,
    MIN_SUPPORTED_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    LoginRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    TokenResponse,
    UserInfo,
)
from sync_engine.server import accounts as auth
from sync_engine.server.api.errors import (
    ApiError,
    Forbidden,
    Unauthorized,
    UpdateRequired,
    error_body,
    internal_error_body,
    validation_error_body,
)
from sync_engine.server.api.push_pool import PushNotes, PushPool, answer_push, signed_in
from sync_engine.server.feed import pull as feed
from sync_engine.server.feed.notify import Hub, Listener
from sync_engine.server.feed.stream import add_event_stream
from sync_engine.server.storage.engine import end_read, make_engine, make_session_factory, migrate
from sync_engine.server.storage.models import Device, User, utcnow

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 8 * 1024 * 1024
"""Larger requests are refused with 413 before they are read into memory."""

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 413, 422, 426)
}


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        # Read the body first (it is bounded), so an oversized stream is refused cleanly
        # instead of failing somewhere inside request parsing.
        chunks: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                chunks.append(message)
                break
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await _too_large(send, self.limit)
                return
            chunks.append(message)
            if not message.get("more_body", False):
                break
        replay = iter(chunks)

        async def buffered() -> Message:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, buffered, send)


async def _too_large(send: Send, limit: int) -> None:
    body = JSONResponse(
        error_body(
            "payload_too_large",
            f"The request is larger than {limit} bytes.",
            f"请求超过 {limit} 字节。",
        ),
        status_code=413,
    ).body
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


PUSH_THREADS = int(os.environ.get("DINGHUO_PUSH_THREADS", "0")) or 2 * (os.cpu_count() or 1) + 2
"""Pushes worked on at once per server process (the rest queue): measured in tests/perf."""

PUSH_PROCESSES = os.cpu_count() or 1
"""Push processes ``dinghuo-server serve`` starts on PostgreSQL (:mod:`.push`): one per core
measured best (tests/perf/bench_server.py)."""

def create_app(db_url: str, *, run_migrations: bool = False,
               push_threads: int = PUSH_THREADS, push_processes: int = 0) -> FastAPI:
    """The server application over the database at ``db_url``.

    Pushes go to ``push_processes`` processes (:class:`.PushPool`, PostgreSQL only), or if 0
    to threads of this process, at most ``push_threads`` at once (the others wait their turn).
    """
    if run_migrations:
        migrate(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    hub = Hub()
    if push_processes and engine.dialect.name != "postgresql":
        raise ValueError("push processes serve PostgreSQL; SQLite has one writer")
    pool = PushPool(db_url, push_processes) if push_processes else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        listener = Listener(engine, hub)
        listener.start()
        if pool is not None:
            await anyio.to_thread.run_sync(pool.start)
        yield
        if pool is not None:
            await anyio.to_thread.run_sync(pool.close)
        listener.stop()
        engine.dispose()

    app = FastAPI(
        title="Dinghuo sync server",
        version=str(PROTOCOL_VERSION),
        description="Offline-first B2B ordering: change feed (pull) and commands (push). "
        "See sync_engine/PROTOCOL.md.",
        lifespan=lifespan,
    )
    app.state.sessions = sessions
    app.state.engine = engine
    app.state.hub = hub
    app.state.push_pool = pool
    _install_error_handlers(app)
    _add_routes(app, sessions, hub, push_threads, pool)
    _document_models(app, PushRequest)
    app.add_middleware(BodyLimit)
    app.add_middleware(ServerTiming)
    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` worker processes: the database URL from DINGHUO_DB,
    the number of push processes from DINGHUO_PUSH_PROCESSES (default 0)."""
    url = os.environ.get("DINGHUO_DB")
    if not url:
        raise RuntimeError("DINGHUO_DB is not set")
    app = create_app(url, push_processes=int(os.environ.get("DINGHUO_PUSH_PROCESSES") or 0))
    settle_heap()
    return app


def settle_heap() -> None:
    """Before a server process serves: what exists now (modules, the app, its schemas) lives as
    long as the process, so it is moved out of the garbage collector's sight. Python's full
    collections scanned all of it again every few pushes: about 55 ms each, every second push
    of 500 orders (measured in-process). Not done by ``create_app``: tests build many apps, and
    frozen garbage would never be collected."""
    gc.collect()
    gc.freeze()


class ServerTiming:
    """Add ``Server-Timing: app;dur=<ms>`` to every answer: the server's own time, for ops."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - started) * 1000
                headers = [*message.get("headers", []), (b"server-timing",
                                                         f"app;dur={ms:.1f}".encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(validation_error_body(exc.errors()), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(internal_error_body(), status_code=500)


def _add_routes(app: FastAPI, sessions: sessionmaker[Session], hub: Hub,
                push_threads: int, pool: PushPool | None) -> None:
    def db() -> Iterator[Session]:
        with sessions() as session:
            yield session
            end_read(session)

    async def protocol(  # async: no I/O, so no hop to a worker thread on every request
        version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    ) -> int:
        return check_protocol(version)

    def current(
        _version: Annotated[int, Depends(protocol)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> tuple[User, str]:
        """The signed-in user (detached, fully loaded) and their device id."""
        token = bearer_token(authorization)
        # Its own short session: the endpoint's work must not wait behind this transaction
        # (SQLite has one writer, and mutations each open their own transaction).
        with sessions() as session:
            user, device_id = signed_in(session, token)
            end_read(session)
        return user, device_id

    add_event_stream(app, sessions, hub, current)
    Current = Annotated[tuple[User, str], Depends(current)]
    Db = Annotated[Session, Depends(db)]
    Version = Annotated[int, Depends(protocol)]

    def token_response(pair: auth.TokenPair, user: User) -> TokenResponse:
        return TokenResponse(
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_in=pair.expires_in,
            refresh_expires_in=max(0, int((pair.refresh_expires_at - utcnow()).total_seconds())),
            user=user_info(user),
        )

    @app.get("/healthz", tags=["ops"])
    def healthz(session: Db) -> dict[str, str]:
        session.execute(text("SELECT 1"))
        return {"status": "ok", "protocol": str(PROTOCOL_VERSION)}

    @app.post("/v1/auth/login", tags=["auth"], responses=ERROR_RESPONSES)
    def login(body: LoginRequest, session: Db, _v: Version) -> TokenResponse:
        try:
            pair = auth.login(
                session, body.username, body.password, body.client_id, body.device_name
            )
        except auth.DeviceConflict as exc:
            raise Forbidden(exc.code, exc.message, exc.message_zh) from exc
        except auth.AuthError as exc:
            raise Unauthorized(exc.code, exc.message, exc.message_zh) from exc
        user = session.get(User, pair.user_id)
        assert user is not None
        return token_response(pair, user)

    @app.post("/v1/auth/refresh", tags=["auth"], responses=ERROR_RESPONSES)
    def refresh(body: RefreshRequest, session: Db, _v: Version) -> TokenResponse:
        try:
            pair = auth.refresh_tokens(session, body.refresh_token, body.client_id)
        except auth.AuthError as exc:
            raise Unauthorized(exc.code, exc.message, exc.message_zh) from exc
        user = session.get(User, pair.user_id)
        assert user is not None
        return token_response(pair, user)

    @app.post("/v1/auth/logout", tags=["auth"], status_code=204, responses=ERROR_RESPONSES)
    def logout(
        session: Db, _v: Version, authorization: Annotated[str | None, Header()] = None
    ) -> Response:
        _, _, token = (authorization or "").partition(" ")
        try:
            auth.logout(session, token.strip())
        except auth.AuthError as exc:
            raise Unauthorized(exc.code, exc.message, exc.message_zh) from exc
        return Response(status_code=204)

    @app.get("/v1/me", tags=["auth"], responses=ERROR_RESPONSES)
    def me(who: Current) -> UserInfo:
        return user_info(who[0])

    @app.get("/v1/pull", tags=["sync"], response_model=PullResponse, responses=ERROR_RESPONSES)
    def pull(
        who: Current,
        session: Db,
        cursor: Annotated[str | None, Query(max_length=512)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = feed.DEFAULT_PULL_LIMIT,
    ) -> Response:
        user, device_id = who
        page = feed.pull(session, user, cursor, limit)
        end_read(session)  # end the read snapshot before the small write below
        if not page.has_more:  # once per sync, not once per page
            feed.note_pull(session, device_id, page.cursor)
        body = feed.render_page(page, utcnow().isoformat())
        return Response(body, media_type="application/json")

    # Pushes are CPU work in Python and PostgreSQL: a few at a time keep both cores busy; more
    # threads only fight over the GIL and the same rows (waiting pushes queue at no cost).
    push_slots = anyio.CapacityLimiter(push_threads)
    note_push = PushNotes(sessions)

    @app.post(
        "/v1/push",
        tags=["sync"],
        response_model=PushResponse,
        responses=ERROR_RESPONSES,
        openapi_extra={"requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": _schema_ref(PushRequest)}}},
        }},
    )
    async def push(request: Request) -> Response:
        """Apply a batch of mutations in order; one answer per mutation (PROTOCOL.md).

        The busiest endpoint, so it skips FastAPI's per-request machinery (dependencies, body
        and response validation on the event loop and three hops to worker threads): the same
        checks in the same order — protocol, token, body — and one hop for all the work: to a
        push process (:class:`.PushPool`) if the server has them, else to a thread.
        """
        check_protocol(request.headers.get(PROTOCOL_HEADER))
        token = bearer_token(request.headers.get("authorization"))
        raw = await request.body()
        if pool is not None:
            status, answer = await pool.push(token, raw)
            return Response(answer, status_code=status, media_type="application/json")
        answer = await anyio.to_thread.run_sync(answer_push, sessions, note_push, token, raw,
                                                limiter=push_slots)
        return Response(answer, media_type="application/json")

    @app.get("/v1/admin/devices", tags=["admin"], responses=ERROR_RESPONSES)
    def devices(who: Current, session: Db) -> list[dict[str, Any]]:
        if Role(who[0].role) is not Role.ADMIN:
            raise Forbidden(
                "forbidden", "Only the back office may see devices.", "只有后台管理员可以查看设备。"
            )
        rows = session.execute(
            select(Device, User.username)
            .join(User, User.id == Device.user_id)
            .order_by(Device.last_seen_at.desc())
        ).all()
        return [
            {
                "id": dev.id,
                "name": dev.name,
                "username": username,
                "last_seen_at": dev.last_seen_at,
                "last_pull_at": dev.last_pull_at,
                "last_push_at": dev.last_push_at,
                "last_cursor_seq": dev.last_cursor_seq,
            }
            for dev, username in rows
        ]


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        warehouse_id=user.warehouse_id,
        customer_id=user.customer_id,
    )


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


def bearer_token(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("not_authenticated", "Sign in first.", "请先登录。")
    return token.strip()


_SCHEMAS = "#/components/schemas/"


def _schema_ref(model: type[BaseModel]) -> str:
    return _SCHEMAS + model.__name__


def _document_models(app: FastAPI, *models: type[BaseModel]) -> None:
    """Add request models that no endpoint declares as a parameter (the lean push reads its own
    body) to the OpenAPI document's components."""
    build = app.openapi  # builds the document once and keeps it in app.openapi_schema

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _, defs = models_json_schema([(m, "validation") for m in models],
                                         ref_template=_SCHEMAS + "{model}")
            build().setdefault("components", {}).setdefault("schemas", {}).update(
                defs.get("$defs", {}))
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
