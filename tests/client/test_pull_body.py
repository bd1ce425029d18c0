"""The pull's page bodies: read whole, answered errors and lost connections raised as the other
calls raise them, and no page kept alive by the HTTP library after it was handed over."""

from __future__ import annotations

import gc
import weakref

import httpx
import pytest

from sync_engine.client import errors
from sync_engine.client.transport import AccessExpired, ServerApi

PAGE = b'{"changes": [], "cursor": "c1", "has_more": false}' * 2000


def _api(answer: httpx.Response | Exception) -> ServerApi:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/pull"
        assert request.headers["Authorization"] == "Bearer tok"
        if isinstance(answer, Exception):
            raise answer
        return answer

    return ServerApi("http://127.0.0.1:1", transport=httpx.MockTransport(handle))


def test_the_body_is_returned_whole_and_no_response_keeps_it() -> None:
    made: list[weakref.ref[httpx.Response]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        # As from the network: the body is a stream, read when the client reads it.
        response = httpx.Response(200, stream=httpx.ByteStream(PAGE))
        made.append(weakref.ref(response))
        return response

    api = ServerApi("http://127.0.0.1:1", transport=httpx.MockTransport(handle))
    was_enabled = gc.isenabled()
    gc.collect()  # what earlier tests left in cycles is not this test's
    gc.disable()  # as during a pull: nothing held in a reference cycle is freed
    try:
        bodies = [api.pull_body("tok", "c0", 10_000) for _ in range(5)]
        assert all(body == PAGE for body in bodies)
        del bodies
        # Responses may live on (httpx's refer to their streams), but none holds its page.
        alive = [r for ref in made if (r := ref()) is not None]
        assert len(made) == 5
        assert not [r for r in alive if getattr(r, "_content", None)]
    finally:
        if was_enabled:
            gc.enable()
    api.close()


def test_an_answered_error_is_raised_as_by_every_call() -> None:
    expired = httpx.Response(401, json={"error": {"code": "token_expired", "message": "old"}})
    with pytest.raises(AccessExpired):
        _api(expired).pull_body("tok", None, 10)
    revoked = httpx.Response(401, json={"error": {"code": "device_revoked", "message": "no",
                                                  "wipe": True}})
    with pytest.raises(errors.DeviceRevoked) as raised:
        _api(revoked).pull_body("tok", None, 10)
    assert raised.value.wipe


def test_a_lost_connection_is_a_network_error() -> None:
    with pytest.raises(errors.NetworkError) as raised:
        _api(httpx.ReadError("connection reset")).pull_body("tok", None, 10)
    assert raised.value.code == "network"
