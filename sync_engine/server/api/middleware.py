"""ASGI middleware around every request: what all of it shares (:class:`HttpMiddleware`) and the
body-size limit. (The request's id, log line, metrics and ``Server-Timing`` are
:class:`.logs.RequestLog`.)"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_engine.server.api.errors import too_large


class HttpMiddleware:
    """Middleware for HTTP requests: :meth:`http` sees each of them; everything else (the
    lifespan messages) passes straight through to ``app``."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodyLimit(HttpMiddleware):
    """Refuse request bodies over ``limit`` bytes (declared or streamed) with 413.

    ``streamed``: routes (method and path) whose endpoint reads its body as a stream under a
    limit of its own (an upload of up to gigabytes): a body declared over that limit is refused
    here, and the endpoint counts what it reads against it; their bodies are not read here."""

    def __init__(self, app: ASGIApp, limit: int,
                 streamed: dict[tuple[str, str], int] | None = None):
        super().__init__(app)
        self.limit = limit
        self.streamed = streamed or {}

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = dict(scope.get("headers") or []).get(b"content-length")
        own = self.streamed.get((scope["method"], scope["path"]))
        limit = self.limit if own is None else own
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        if own is not None:
            await self.app(scope, receive, send)
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
    body = JSONResponse(too_large(limit).body(), status_code=413).body
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
