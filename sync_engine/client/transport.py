"""The HTTP side of the sync client (httpx): requests, headers, and error codes → exceptions.

Bodies are parsed with the standard ``json`` module, not validated model by model: a pull page
of 5,000 products is parsed once and written straight to SQLite. Errors are decided by HTTP
status and the stable ``error.code`` of the body (see ``PROTOCOL.md``), never by message text.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

from . import errors

__all__ = ["AccessExpired", "ServerApi", "parse_json"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class AccessExpired(errors.SyncError):
    """The access token ran out (``token_expired``): refresh it and try again. Internal."""


def _error_info(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
        detail = body["error"]
        return str(detail.get("code", "")), str(detail.get("message", ""))
    except (ValueError, KeyError, TypeError):
        return "", response.text[:200]


def raise_for_answer(response: httpx.Response) -> None:
    """Turn a non-2xx answer into the matching :mod:`~sync_engine.client.errors` exception."""
    status = response.status_code
    if status < 400:
        return
    code, message = _error_info(response)
    if status == 401:
        if code == "token_expired":
            raise AccessExpired(message, code)
        if code in ("invalid_credentials", "user_inactive"):
            raise errors.InvalidCredentials(message or "Wrong user name or password.", code)
        raise errors.SignInRequired(message or "Please sign in again.", code)
    if status == 426:
        raise errors.UpdateRequired(
            message or "This app is too old for the server. Please update it; "
            "your unsent changes are kept.", code or "update_required")
    if status == 403:
        raise errors.Forbidden(message or "The server refused this.", code or "forbidden")
    if status >= 500:
        raise errors.ServerUnavailable(f"The server failed (HTTP {status}); retrying later.",
                                       code or "internal_error")
    raise errors.ProtocolError(f"HTTP {status} {code}: {message}", code)


def _close_when_set(stop: threading.Event, response: httpx.Response) -> None:
    """Wait for ``stop``, then shut the stream's socket: that wakes a reader blocked in recv()
    at once (closing the response object alone does not)."""
    stop.wait()
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def parse_json(body: bytes) -> Any:
    """A server answer's JSON body, decoded (:class:`~.errors.ProtocolError` if it is not).

    The standard library, not orjson: orjson made the initial sync 0.25 s quicker but its peak
    memory 25 MB higher (288 of the 300 MB allowed; tests/perf/bench_sync.py). Decoding then
    outran the writer, and a decoded page waited in memory beside the next.
    """
    try:
        return json.loads(body)
    except ValueError as exc:
        raise errors.ProtocolError("The server's answer is not JSON.", "bad_json") from exc


class ServerApi:
    """One server, over one ``httpx.Client`` (pass ``transport`` in tests to fake the network)."""

    def __init__(self, base_url: str, *, transport: httpx.BaseTransport | None = None,
                 timeout: httpx.Timeout | float = DEFAULT_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self._transport = transport
        self.http = httpx.Client(
            base_url=self.base_url, timeout=timeout, transport=transport,
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Accept-Encoding": "gzip"},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def _request(self, method: str, path: str, *, token: str | None = None,
                 params: Mapping[str, Any] | None = None,
                 content: bytes | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if content is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = self.http.request(method, path, params=params, content=content,
                                         headers=headers)
        except httpx.TransportError as exc:
            # Includes a response lost after the server committed: the caller retries with the
            # same idempotency keys, which the server answers from its stored results.
            raise errors.NetworkError(f"Cannot reach the server ({type(exc).__name__}).",
                                      "network") from exc
        raise_for_answer(response)
        return response

    def _send(self, method: str, path: str, *, token: str | None = None,
              params: Mapping[str, Any] | None = None, content: bytes | None = None) -> Any:
        response = self._request(method, path, token=token, params=params, content=content)
        if response.status_code == 204 or not response.content:
            return None
        return parse_json(response.content)

    # ------------------------------------------------------------------ auth

    def login(self, username: str, password: str, client_id: str, device_name: str) -> Any:
        """``POST /v1/auth/login``: the token pair and the user."""
        body = {"username": username, "password": password, "client_id": client_id,
                "device_name": device_name}
        return self._send("POST", "/v1/auth/login", content=json.dumps(body).encode())

    def refresh(self, refresh_token: str, client_id: str) -> Any:
        """``POST /v1/auth/refresh``: a new token pair (the old refresh token is retired)."""
        body = {"refresh_token": refresh_token, "client_id": client_id}
        return self._send("POST", "/v1/auth/refresh", content=json.dumps(body).encode())

    def logout(self, token: str) -> None:
        """``POST /v1/auth/logout``."""
        self._send("POST", "/v1/auth/logout", token=token)

    # ------------------------------------------------------------------ sync

    def pull(self, token: str, cursor: str | None, limit: int) -> Any:
        """``GET /v1/pull``: one page of changes."""
        return parse_json(self.pull_body(token, cursor, limit))

    def pull_body(self, token: str, cursor: str | None, limit: int) -> bytes:
        """``GET /v1/pull``, the page as the server sent it (JSON, see :func:`parse_json`).

        For a caller that fetches on one thread and decodes on another: decoding is Python
        work, which belongs on the thread that does the rest of it.
        """
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._request("GET", "/v1/pull", token=token, params=params).content

    def devices(self, token: str) -> list[Any]:
        """``GET /v1/admin/devices`` (admin): every device with its last pull, push and visit."""
        answer = self._send("GET", "/v1/admin/devices", token=token)
        if not isinstance(answer, list):
            raise errors.ProtocolError("The device list is not a list.", "bad_devices")
        return answer

    def watch(self, token: str, on_event: Callable[[str, dict[str, Any]], None],
              stop: threading.Event) -> None:
        """Hold ``GET /v1/events`` open and call ``on_event(name, data)`` for each event.

        Returns when ``stop`` is set or the server ends the stream; raises like the other calls
        when it cannot be opened. Uses its own connection: the stream stays open for hours.
        """
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        # The server sends a keep-alive line every 20 s: 60 s of silence means a dead link.
        timeout = httpx.Timeout(10.0, read=60.0)
        with httpx.Client(base_url=self.base_url, timeout=timeout,
                          transport=self._transport,
                          headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as client:
            try:
                with client.stream("GET", "/v1/events", headers=headers) as response:
                    if response.status_code != 200:
                        response.read()
                        raise_for_answer(response)
                    # Stopping must not wait for the next keep-alive line: close the stream
                    # under the reader as soon as ``stop`` is set.
                    threading.Thread(target=_close_when_set, args=(stop, response),
                                     name="dinghuo-watch-closer", daemon=True).start()
                    name = "message"
                    for line in response.iter_lines():
                        if stop.is_set():
                            return
                        if line.startswith("event:"):
                            name = line[6:].strip()
                        elif line.startswith("data:"):
                            try:
                                data = json.loads(line[5:])
                            except ValueError:
                                data = {}
                            on_event(name, data if isinstance(data, dict) else {})
                        elif not line:
                            name = "message"
            except (httpx.TransportError, httpx.StreamClosed, RuntimeError) as exc:
                if stop.is_set():
                    return
                raise errors.NetworkError(
                    f"The change stream was interrupted ({type(exc).__name__}).", "network"
                ) from exc

    def push(self, token: str, client_id: str, mutations: Sequence[str]) -> list[Any]:
        """``POST /v1/push`` with mutations already serialised as JSON texts; the results."""
        body = (
            '{"client_id":' + json.dumps(client_id) + ',"mutations":[' + ",".join(mutations)
            + "]}"
        ).encode()
        answer = self._send("POST", "/v1/push", token=token, content=body)
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(mutations):
            raise errors.ProtocolError("The push answer does not match the request.", "bad_push")
        return results
