"""The server app inside the test process: requests go through no socket, no uvicorn, no port.

``httpx.ASGITransport`` is asynchronous, and collects an answer whole before handing it over;
the client engine is synchronous and holds an endless event stream open. :class:`AppTransport`
is the synchronous equivalent for tests: the app runs on an event loop in a background thread
(an anyio blocking portal), its lifespan (the notify listener, push processes) around the test,
and each answer streams back to the calling thread as the app sends it.

Like ``httpx.ASGITransport``, an exception the app raises is raised to the test, not turned into
a 500 answer: a bug in the server fails the test that met it.
"""

from __future__ import annotations

import contextlib
import math
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator, MutableMapping
from concurrent.futures import CancelledError, Future
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import anyio
import httpx
from anyio.abc import TaskStatus
from anyio.from_thread import BlockingPortal, start_blocking_portal
from starlette.types import ASGIApp

Message = MutableMapping[str, Any]
Start = tuple[int, list[tuple[bytes, bytes]]]

BASE_URL = "http://dinghuo.localhost"  # .localhost is loopback (RFC 6761): no plain-HTTP warning
"""The base URL of a server in this process (the name never reaches a resolver)."""


class InProcessApp:
    """An ASGI app running on an event loop of its own (see :func:`serve_in_process`)."""

    def __init__(self, app: ASGIApp, portal: BlockingPortal, state: dict[str, Any]) -> None:
        self.app = app
        self.portal = portal
        self.state = state
        self._open: set[_Exchange] = set()
        self._lock = threading.Lock()
        self._stopped = False

    def connect(self) -> AppTransport:
        """A new transport to the app: one client's connections (see :class:`AppTransport`)."""
        return AppTransport(self)

    def stop(self) -> None:
        """Refuse new requests and end the answers still under way (event streams)."""
        with self._lock:
            self._stopped = True
            under_way = list(self._open)
        for exchange in under_way:
            self.portal.call(exchange.cancel)

    def begin(self, exchange: _Exchange, request: httpx.Request) -> None:
        with self._lock:
            if self._stopped:
                raise httpx.ConnectError("the in-process server has stopped", request=request)
            self._open.add(exchange)

    def end(self, exchange: _Exchange) -> None:
        with self._lock:
            self._open.discard(exchange)

    def hang_up(self, exchange: _Exchange) -> None:
        """The client drops the connection of ``exchange`` (it reads no further)."""
        with contextlib.suppress(RuntimeError):  # the server stopped: the answer has ended
            self.portal.call(exchange.hang_up)


class AppTransport(httpx.BaseTransport):
    """A synchronous httpx transport to an :class:`InProcessApp`: what a client's connection
    pool is to a real server. Thread-safe; closing it hangs up the answers it is still reading
    (an event stream ends), as closing a pool closes its sockets."""

    def __init__(self, server: InProcessApp) -> None:
        self._server = server
        self._open: set[_Exchange] = set()
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        server = self._server
        exchange = _Exchange(server.app, _scope(request, server.state), request.read())
        try:
            server.begin(exchange, request)
        except BaseException:  # refused (the server has stopped): its body is never read
            exchange.discard()
            raise
        with self._lock:
            self._open.add(exchange)
        try:
            done, (status, headers) = server.portal.start_task(exchange.run)
        except CancelledError as exc:  # the server stopped while the app worked on it
            self._end(exchange)
            raise httpx.RemoteProtocolError("the server stopped without answering",
                                            request=request) from exc
        except BaseException:
            self._end(exchange)
            raise
        return httpx.Response(status, headers=headers, request=request,
                              stream=_Body(server.portal, exchange, done,
                                           lambda: self._end(exchange)),
                              extensions={"network_stream": _Connection(server, exchange)})

    def close(self) -> None:
        with self._lock:
            reading = list(self._open)
        for exchange in reading:
            self._server.hang_up(exchange)

    def _end(self, exchange: _Exchange) -> None:
        with self._lock:
            self._open.discard(exchange)
        self._server.end(exchange)


class _Exchange:
    """One request and its answer, on the portal's event loop."""

    def __init__(self, app: ASGIApp, scope: dict[str, Any], body: bytes) -> None:
        self.app = app
        self.scope = scope
        self.body = body
        self.request_sent = False
        self.started = False
        self.hung_up = False
        self.chunks_in, self.chunks_out = anyio.create_memory_object_stream[bytes](math.inf)
        self.disconnected: anyio.Event | None = None
        self.cancel_scope: anyio.CancelScope | None = None

    async def run(self, *, task_status: TaskStatus[Start]) -> None:
        self.disconnected = anyio.Event()

        async def receive() -> Message:
            if not self.request_sent:
                self.request_sent = True
                return {"type": "http.request", "body": self.body, "more_body": False}
            assert self.disconnected is not None
            await self.disconnected.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.started = True
                task_status.started((message["status"], list(message.get("headers", []))))
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                if chunk and self.scope["method"] != "HEAD":
                    # If the client is gone, the app hears of it from receive().
                    with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):
                        self.chunks_in.send_nowait(chunk)
                if not message.get("more_body", False):
                    self.chunks_in.close()

        with anyio.CancelScope() as self.cancel_scope:
            try:
                await self.app(self.scope, receive, send)  # type: ignore[arg-type]
            finally:
                self.chunks_in.close()
        if not self.started and not self.cancel_scope.cancel_called:
            raise RuntimeError(f"the app sent no answer to {self.scope['path']}")

    def discard(self) -> None:
        """Close the body's streams of an exchange that never ran."""
        self.chunks_in.close()
        self.chunks_out.close()

    async def next_chunk(self) -> bytes | None:
        """The next piece of the body, or None at its end."""
        try:
            return await self.chunks_out.receive()
        except (anyio.EndOfStream, anyio.ClosedResourceError):
            return None

    async def hang_up(self) -> None:
        """The client is gone: the reader sees the end, the app an ``http.disconnect``."""
        self.hung_up = True
        if self.disconnected is not None:
            self.disconnected.set()
        self.chunks_in.close()

    async def close(self) -> None:
        await self.hang_up()
        self.chunks_out.close()

    async def cancel(self) -> None:
        """The server stops: the answer ends where it is."""
        await self.close()
        if self.cancel_scope is not None:
            self.cancel_scope.cancel()


class _Body(httpx.SyncByteStream):
    """An answer's body, read chunk by chunk from the event loop as the app sends it."""

    def __init__(self, portal: BlockingPortal, exchange: _Exchange, done: Future[None],
                 on_close: Callable[[], None]) -> None:
        self._portal = portal
        self._exchange = exchange
        self._done = done
        self._on_close = on_close

    def __iter__(self) -> Iterator[bytes]:
        while True:
            try:
                chunk = self._portal.call(self._exchange.next_chunk)
            except RuntimeError as exc:  # the portal is gone: the server has stopped
                raise httpx.ReadError("the in-process server stopped") from exc
            if chunk is None:
                break
            yield chunk
        if self._exchange.hung_up:
            raise httpx.ReadError("the connection was closed")
        try:
            self._done.result(timeout=30)  # raises what the app raised after it answered
        except CancelledError:
            raise httpx.ReadError("the in-process server stopped") from None

    def close(self) -> None:
        try:
            self._portal.call(self._exchange.close)
        except RuntimeError:
            pass  # the server has stopped: the answer has ended already
        finally:
            self._on_close()


class _Connection:
    """What httpx calls a response's network stream. The client engine shuts the stream's
    socket to stop reading an event stream at once; here that hangs the exchange up."""

    def __init__(self, server: InProcessApp, exchange: _Exchange) -> None:
        self._hang_up = lambda: server.hang_up(exchange)

    def get_extra_info(self, info: str) -> Any:
        return _HangUpSocket(self._hang_up) if info == "socket" else None


class _HangUpSocket(socket.socket):
    """A socket whose ``shutdown`` hangs the in-process exchange up (and closes itself)."""

    def __init__(self, hang_up: Callable[[], None]) -> None:
        super().__init__(socket.AF_INET, socket.SOCK_STREAM)
        self._hang_up = hang_up

    def shutdown(self, how: int) -> None:
        try:
            self._hang_up()
        finally:
            self.close()


def _scope(request: httpx.Request, state: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "headers": [(k.lower(), v) for k, v in request.headers.raw],
        "scheme": request.url.scheme,
        "path": request.url.path,
        "raw_path": request.url.raw_path.split(b"?")[0],
        "query_string": request.url.query,
        "server": (request.url.host, request.url.port or 80),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "state": state.copy(),
    }


@asynccontextmanager
async def _lifespan(app: ASGIApp, state: dict[str, Any]) -> AsyncIterator[None]:
    """The ASGI lifespan protocol, as a server runs it: startup, the test, shutdown."""
    to_app, app_inbox = anyio.create_memory_object_stream[Message](2)
    app_outbox, from_app = anyio.create_memory_object_stream[Message](2)
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": state}
    async with to_app, app_inbox, app_outbox, from_app, anyio.create_task_group() as tasks:
        tasks.start_soon(app, scope, app_inbox.receive, app_outbox.send)
        await to_app.send({"type": "lifespan.startup"})
        answer = await from_app.receive()
        if answer["type"] != "lifespan.startup.complete":
            raise RuntimeError(f"the app did not start: {answer.get('message', '')}")
        try:
            yield
        finally:
            await to_app.send({"type": "lifespan.shutdown"})
            answer = await from_app.receive()
            if answer["type"] != "lifespan.shutdown.complete":
                raise RuntimeError(f"the app did not stop cleanly: {answer.get('message', '')}")


@contextmanager
def serve_in_process(app: ASGIApp) -> Iterator[InProcessApp]:
    """Start ``app`` (its lifespan) on an event loop of its own, for the ``with`` block; clients
    reach it through :meth:`InProcessApp.connect`. On exit, answers under way are ended and the
    app shuts down as under a real server."""
    state: dict[str, Any] = {}
    with start_blocking_portal(name="dinghuo-test-server") as portal, \
            portal.wrap_async_context_manager(_lifespan(app, state)):
        server = InProcessApp(app, portal, state)
        try:
            yield server
        finally:
            server.stop()
