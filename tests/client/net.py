"""Fakes at the network edge: an httpx transport that can be offline, drop answers, or lie."""

from __future__ import annotations

from collections.abc import Callable

import httpx


class FlakyTransport(httpx.BaseTransport):
    """Forwards to ``inner`` (the environment's transport; the real network if None), unless
    told to fail.

    ``offline``: every request fails before it is sent (ConnectError).
    ``drop_after``: paths whose response is lost *after* the server handled the request
    (ReadError), once each time a path is put in the set.
    ``on_request``: called with each request before it is sent (e.g. to count or cancel).
    ``requests`` and ``answers`` (path, HTTP status) record the traffic.
    """

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.offline = False
        self.drop_after: set[str] = set()
        self.protocol_override: str | None = None
        self.requests: list[httpx.Request] = []
        self.answers: list[tuple[str, int]] = []
        self.on_request: Callable[[httpx.Request], None] | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.on_request is not None:
            self.on_request(request)
        if self.offline:
            raise httpx.ConnectError("offline (test)", request=request)
        if self.protocol_override is not None:
            request.headers["Dinghuo-Protocol"] = self.protocol_override
        response = self.inner.handle_request(request)
        self.answers.append((request.url.path, response.status_code))
        if request.url.path in self.drop_after:
            self.drop_after.discard(request.url.path)
            response.read()
            response.close()
            raise httpx.ReadError("response lost (test)", request=request)
        return response

    def close(self) -> None:
        self.inner.close()

    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]
