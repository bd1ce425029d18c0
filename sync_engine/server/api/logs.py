"""The server's logs: one line per request with a request id, as text or JSON; the same pass
over the request counts it in the metrics and adds ``Server-Timing`` (:class:`RequestLog`).

Every request gets an id (the client's ``X-Request-Id`` if it is a short token, else a new
one), returned in ``X-Request-Id`` and carried by every log line written while the request is
served, so an admin can find a device's complaint in the log. What is logged for a request is
its method, route template, status, time and client address: never a body, a query string, a
header (tokens), or an SQL parameter (engines hide them: :func:`.make_engine`). A request that
fails with a bug is logged once, with its traceback, here; the client gets ``internal_error``.
"""

from __future__ import annotations

import contextvars
import json
import logging
import random
import re
import time
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync_engine.server.api.errors import internal_error_body
from sync_engine.server.api.metrics import ServerMetrics
from sync_engine.server.api.middleware import HttpMiddleware

__all__ = ["RequestLog", "configure_logging", "request_id"]

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
"""The id of the request being served (``-`` outside one)."""

_GIVEN_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
access = logging.getLogger("dinghuo.requests")
errors = logging.getLogger("dinghuo.errors")


def _new_id() -> str:
    """A new request id: 16 hex digits (64 random bits; the id names a request in the logs, it
    is no secret). Not ``uuid4().hex[:16]``: building a UUID costs 6–20 µs of the event loop's
    time when the worker threads hold the GIL, per request, 2,000 of them when a catalog change
    wakes the fleet; this, 0.2 µs. (``random`` reseeds itself in a forked child.)"""
    return f"{random.getrandbits(64):016x}"


class _WithRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


_ROW_DETAIL = re.compile(r"^.*\b(DETAIL|Failing row contains|Key \().*$", re.M)


def _without_rows(text: str) -> str:
    """A traceback without the database's row details (PostgreSQL's ``DETAIL: Key (…)=(…)``
    and ``Failing row contains (…)`` lines carry customers' data)."""
    return _ROW_DETAIL.sub("[row detail removed]", text)


class TextFormatter(logging.Formatter):
    """Text lines with the request id; tracebacks without row details."""

    def formatException(self, ei: Any) -> str:
        return _without_rows(super().formatException(ei))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and the request's
    fields or a traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        fields = getattr(record, "request", None)
        if isinstance(fields, dict):
            out.update(fields)
        if record.exc_info:
            out["traceback"] = _without_rows(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_logging(log_format: str = "text", level: str = "info") -> None:
    """Log to stderr in ``log_format`` (``text`` or ``json``) at ``level``, each line with
    its request id; uvicorn's own access log is left off (:class:`RequestLog` writes one)."""
    handler = logging.StreamHandler()
    handler.addFilter(_WithRequestId())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter(
            "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True


class RequestLog(HttpMiddleware):
    """Every request, once: give it an id, time it, and when it is answered write its log line,
    count it in the metrics (by method, route template and status; a path no route matched is
    ``unmatched``: raw paths would make the labels unbounded) and tell the client the server's
    own time (``Server-Timing: app;dur=<ms>``); log a bug once."""

    def __init__(self, app: ASGIApp, metrics: ServerMetrics | None = None):
        super().__init__(app)
        self.metrics = metrics

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _GIVEN_ID.fullmatch(given) else _new_id()
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 0

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"x-request-id", rid.encode()),
                                                  (b"server-timing", took.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, tagged)
        except Exception:
            # The one log of it, with the traceback.
            errors.exception("unhandled error", extra={"request_id": rid})
            if status == 0:  # nothing sent yet: answer it here (not re-raised: no 2nd log)
                await JSONResponse(internal_error_body(), status_code=500)(
                    scope, receive, tagged)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "")
            client = (scope.get("client") or ("-",))[0]
            ms = round(seconds * 1000, 1)
            access.info("%s %s %s %.1fms %s", method, route, status or 500, ms,
                        client, extra={"request_id": rid, "request": {
                            "method": method, "route": route,
                            "status": status or 500, "ms": ms, "client": client}})
            if self.metrics is not None:
                self.metrics.requests.labels(method, route, str(status or 500)).inc()
                self.metrics.latency.labels(method, route).observe(seconds)
            request_id.reset(token)
