"""ASGI middleware around every request: the body-size limit, the ``Server-Timing`` header and
the request metrics."""

from __future__ import annotations

import time

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_engine.server.api.errors import error_body
from sync_engine.server.api.metrics import ServerMetrics


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, limit: int):
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


class RequestMetrics:
    """Count every HTTP request and time it, by method, route template and status (a path no
    route matched is ``unmatched``: raw paths would make the labels unbounded)."""

    def __init__(self, app: ASGIApp, metrics: ServerMetrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "")
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)
