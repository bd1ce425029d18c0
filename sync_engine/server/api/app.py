"""The HTTP API (FastAPI): sign-in, pull, push, the event stream, health.

:func:`create_app` wires the server together: the database engine, the change listener and
hub, the push pool, the routers (:mod:`.routes`), the error handlers and the middleware. Every
``/v1`` request carries the protocol version header; every answer that is not 2xx has the body
``{"error": {...}}`` (:mod:`.errors`). Endpoints are plain ``def`` functions: FastAPI runs them
on its thread pool, each with its own database session (:mod:`.deps`). The push endpoint, the
busiest, does the same by hand with less machinery, or hands the push to a push process
(:mod:`.push_pool`).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import platform
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync_engine.protocol import PROTOCOL_VERSION, PushRequest
from sync_engine.server.accounts import HashSlots, dummy_hash
from sync_engine.server.api.deps import Services
from sync_engine.server.api.errors import (
    ApiError,
    database_unavailable,
    error_body,
    internal_error_body,
    validation_error_body,
)
from sync_engine.server.api.logs import RequestLog, configure_logging
from sync_engine.server.api.metrics import start_metrics
from sync_engine.server.api.middleware import BodyLimit
from sync_engine.server.api.openapi import document_models
from sync_engine.server.api.pull_groups import PullGroups
from sync_engine.server.api.pull_notes import PullNotes
from sync_engine.server.api.push_pool import PushNotes, PushPool
from sync_engine.server.api.routes import (
    admin,
    auth,
    catalog_pack,
    devices,
    events,
    health,
    integration,
    metrics,
    payments,
    statements,
    sync,
)
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.api.thread_lane import ThreadLane
from sync_engine.server.feed.notify import Hub, Listener
from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate

log = logging.getLogger(__name__)


NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False,
                                 "operation_spans": False}
"""FastAPI's native OpenTelemetry, off (see :func:`create_app`)."""


def create_app(settings: ServerSettings, *, run_migrations: bool = False) -> FastAPI:
    """The server application over the database of ``settings``.

    Pushes go to :meth:`~.ServerSettings.push_process_count` processes (:class:`.PushPool`,
    PostgreSQL only), or if none to threads of this process, at most
    :attr:`~.ServerSettings.push_threads` at once (the others wait their turn).
    """
    db_url = settings.database_url()
    if run_migrations:
        migrate(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    server_metrics = start_metrics(settings.metrics_dir)
    server_metrics.watch_pool(engine)
    push_processes = settings.push_process_count()
    if push_processes and not settings.many_writers():
        raise ValueError("push processes serve PostgreSQL; SQLite has one writer")
    pull_lane = ThreadLane(settings.pull_threads, name="dinghuo-pull")
    pull_notes = PullNotes(sessions)
    services = Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        hub=Hub(),
        push_pool=PushPool(db_url, push_processes, server_metrics) if push_processes else None,
        push_lane=ThreadLane(settings.push_threads, name="dinghuo-push"),
        push_notes=PushNotes(sessions),
        pull_lane=pull_lane,
        pull_notes=pull_notes,
        pull_groups=PullGroups(engine, pull_lane, pull_notes, server_metrics),
        metrics_lane=ThreadLane(1, name="dinghuo-metrics"),
        metrics=server_metrics,
        hash_slots=HashSlots(settings.signin_hashes, settings.signin_wait),
    )
    dummy_hash()  # made now: the first sign-in of an unknown name costs what any other does

    app = FastAPI(
        title="Dinghuo sync server",
        version=str(PROTOCOL_VERSION),
        description="Offline-first B2B ordering: change feed (pull) and commands (push). "
        "See sync_engine/PROTOCOL.md.",
        lifespan=_lifespan,
        # The server's metrics are Prometheus' (:mod:`.metrics`), and nothing here exports
        # OpenTelemetry: with FastAPI's own hooks on, every request looked up the global
        # providers (three environment reads) to find them unconfigured.
        telemetry=NO_TELEMETRY,
    )
    app.state.services = services
    _install_error_handlers(app)
    # Requests are matched against the routers in this order: the busiest first.
    for area in (sync, events, health, auth, devices, admin, payments, statements,
                 catalog_pack, integration, metrics):
        app.include_router(area.router)
    document_models(app, PushRequest)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, streamed={
        ("PUT", "/v1/catalog-pack"): settings.catalog_pack_max_bytes})
    # Outermost of ours: its id covers every log line, its time the whole answer.
    app.add_middleware(RequestLog, metrics=server_metrics)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the change listener and the push processes before serving; stop them after."""
    services: Services = app.state.services
    listener = Listener(services.engine, services.hub)
    listener.start()
    services.pull_notes.start()
    pool = services.push_pool
    if pool is not None:
        await anyio.to_thread.run_sync(pool.start)
    yield
    if pool is not None:
        await anyio.to_thread.run_sync(pool.close)
    listener.stop()
    services.pull_notes.stop()
    # The calls still on the lanes (a stream's read as it was cancelled, say) end before the
    # engine closes its connections: one they hold would be left open, orphaned.
    for lane in (services.pull_lane, services.push_lane, services.metrics_lane):
        await anyio.to_thread.run_sync(lane.wait_idle, 5.0)
    services.engine.dispose()
    services.metrics.process_ended(os.getpid())  # a worker that stops: its live gauges go


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` worker processes, from the environment's settings
    (``dinghuo-server serve --workers N`` puts its own there)."""
    settings = ServerSettings()
    if not settings.db:
        raise RuntimeError("DINGHUO_DB is not set")
    limit_malloc_arenas()
    configure_logging(settings.log_format, settings.log_level)
    app = create_app(settings)
    settle_heap()
    return app


def limit_malloc_arenas(arenas: int | None = None) -> None:
    """Before a server process starts its threads: glibc's allocator gives each thread that
    allocates at once with another an arena of its own, up to eight per core, and each arena
    keeps the memory its thread freed for that thread. The pull and push lanes' threads work on
    one request at a time and hold the interpreter lock while they allocate, so more arenas
    buy them nothing but memory: with two, a server on SQLite with 2,000 devices' streams open
    (after their first pulls) held 184-188 MB, with glibc's sixteen 199-203 MB. The
    environment's ``MALLOC_ARENA_MAX``, if set, wins (glibc has read it already); not glibc:
    nothing to do."""
    if "MALLOC_ARENA_MAX" in os.environ or platform.libc_ver()[0] != "glibc":
        return
    ctypes.CDLL(None).mallopt(_M_ARENA_MAX, arenas or MALLOC_ARENAS)


MALLOC_ARENAS = 2
"""The glibc malloc arenas of a server process (:func:`limit_malloc_arenas`)."""

_M_ARENA_MAX = -8  # glibc's malloc.h


def settle_heap() -> None:
    """Before a server process serves: what exists now (modules, the app, its schemas) lives as
    long as the process, so it is moved out of the garbage collector's sight. Python's full
    collections scanned all of it again every few pushes: about 55 ms each, every second push
    of 500 orders (measured in-process). Not done by ``create_app``: tests build many apps, and
    frozen garbage would never be collected.

    The youngest generation is collected every :data:`YOUNG_COLLECTION_OBJECTS` allocations
    instead of Python's 700: a catalog change has 2,000 pulls in flight at once, and a
    collection every 700 objects found their requests' objects alive, moved them on to the
    older generations and so brought on full collections, which scanned the open streams:
    28 % of the server's CPU time while the fleet pulled (2,000 devices, bench_stream). Our
    requests' garbage is freed by reference counting; the collector is only for cycles."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_OBJECTS, middle, oldest)


YOUNG_COLLECTION_OBJECTS = 50_000
"""Allocations between two collections of the youngest generation in a server process."""


def _install_error_handlers(app: FastAPI) -> None:
    app.exception_handler(ApiError)(_api_error)
    app.exception_handler(RequestValidationError)(_invalid)
    app.exception_handler(StarletteHTTPException)(_http)
    app.exception_handler(OperationalError)(_database_unavailable)
    app.exception_handler(Exception)(_bug)


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers())


async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(validation_error_body(exc.errors()), status_code=422)


_HTTP_ERRORS = {
    404: ("not_found", "There is nothing at this address.", "此地址没有内容。"),
    405: ("method_not_allowed", "This address does not take this method; see the Allow header.",
          "此地址不接受该请求方法，请查看 Allow 头。"),
}


async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Starlette's own answers (no route, a method a route does not take), in our error body;
    their headers kept (a 405 says what is allowed in ``Allow``)."""
    code, message, message_zh = _HTTP_ERRORS.get(
        exc.status_code, ("http_error", str(exc.detail), str(exc.detail)))
    return JSONResponse(error_body(code, message, message_zh), status_code=exc.status_code,
                        headers=exc.headers)


async def _database_unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
    # A database that went away (failover, restart) is not a bug: 503, and the client retries.
    log.warning("database unavailable: %s", str(exc.orig or exc).strip().splitlines()[0])
    answer = database_unavailable()
    return JSONResponse(answer.body(), status_code=answer.status)


async def _bug(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return JSONResponse(internal_error_body(), status_code=500)
