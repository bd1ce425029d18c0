"""The HTTP side of the sync client (httpx): requests, headers, and error codes → exceptions.

Requests and answers are the :mod:`sync_engine.protocol` models, as on the server: a request is
built as its model and sent as the model's JSON; an answer is decoded (msgspec's JSON decoder,
see :func:`parse_json`) and validated by its model, ignoring fields this client does not
know (a newer server may send more). A model that does not fit is a
:class:`~.errors.ProtocolError`.

One exception, for speed: the changes of a pull page are not validated one by one
(:func:`decode_page`). Errors are decided by HTTP status and the stable ``error.code`` of the
body (see ``PROTOCOL.md``), never by message text.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import httpx
import msgspec
from pydantic import BaseModel, ValidationError

from sync_engine.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    CatalogPackInfo,
    DeviceReport,
    ErrorBody,
    LoginRequest,
    MutationResult,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    TokenResponse,
)

from . import errors

__all__ = ["AccessExpired", "ServerApi", "decode_page", "parse_json", "validated"]

M = TypeVar("M", bound=BaseModel)

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class AccessExpired(errors.SyncError):
    """The access token ran out (``token_expired``): refresh it and try again. Internal."""


def _error_info(response: httpx.Response) -> tuple[str, str, bool]:
    """The answer's error code, message, and (``device_revoked``) whether to wipe."""
    try:
        detail = ErrorBody.model_validate_json(response.content, extra="ignore").error
    except ValidationError:  # not ours (a proxy's page, say): its first words
        return "", response.text[:200], False
    return detail.code, detail.message, bool(detail.wipe)


def _retry_after(response: httpx.Response) -> int:
    """The answer's ``Retry-After`` in whole seconds (1 if it is missing or not a number)."""
    value = response.headers.get("retry-after", "")
    return max(1, min(int(value), 86_400)) if value.isdigit() else 1


def _refused(response: httpx.Response) -> errors.Refused:
    try:
        detail = ErrorBody.model_validate_json(response.content, extra="ignore").error
    except ValidationError:
        return errors.Refused(f"The server refused this (HTTP {response.status_code}).",
                              f"http_{response.status_code}")
    first = detail.fields[0] if detail.fields else None
    return errors.Refused(
        first.message if first is not None and first.message else detail.message, detail.code,
        (first.message_zh if first is not None and first.message_zh else detail.message_zh),
        field=first.field if first is not None else "",
        field_code=first.code if first is not None else "")


def raise_for_answer(response: httpx.Response) -> None:
    """Turn a non-2xx answer into the matching :mod:`~sync_engine.client.errors` exception."""
    status = response.status_code
    if status < 400:
        return
    code, message, wipe = _error_info(response)
    if status == 401:
        if code == "device_revoked":
            raise errors.DeviceRevoked(wipe)
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
        if code == "account_locked":
            raise errors.AccountLocked()
        raise errors.Forbidden(message or "The server refused this.", code or "forbidden")
    if status == 429 or (status == 503 and code == "signin_busy"):
        raise errors.SignInThrottled(_retry_after(response), code or "signin_throttled")
    if status == 409 and code == "resync_required":
        raise errors.ResyncRequired(message, code)
    if status == 503:
        raise errors.ServerUnavailable(
            "The server is unavailable for a moment (HTTP 503); your changes are kept and "
            "sent when it is back.", code or "unavailable")
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

    msgspec's decoder: the same Python values as the standard library's (the server sends no
    NaN), made straight from the bytes, in about half the time (the 15 pages of an initial
    sync of 100,000 products: 0.37 s of CPU instead of 0.67), and no memory beyond those
    values. The standard library first decodes the bytes to a string; orjson first builds a
    document of its own, 70 MB for a page of 6 MB, which raised the client's peak memory in
    that sync by 25 MB (tests/perf/bench_sync.py).
    """
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise errors.ProtocolError("The server's answer is not JSON.", "bad_json") from exc


def validated(model: type[M], answer: Any, code: str) -> M:
    """``answer`` (decoded JSON) as ``model``; fields this client does not know are ignored."""
    try:
        return model.model_validate(answer, extra="ignore")
    except ValidationError as exc:
        raise errors.ProtocolError(
            f"The server's answer is not a {model.__name__}: {exc.errors()[0]['msg']}.",
            code) from exc


def decode_page(body: bytes) -> tuple[PullResponse, list[Any]]:
    """A pull page: its envelope (cursor, ``has_more``, ``resync``, server time) validated as
    :class:`~sync_engine.protocol.PullResponse` (with its ``changes`` left empty), and the
    changes as decoded.

    The changes are not validated as ``Change`` models one by one: for an initial sync of
    100,000 products that cost 37 ms a page of 10,000 on top of the 93 ms of decoding it (0.4 s
    in all, on the pulling thread, which is the pipeline's slowest), and kept a second copy of
    the page in memory. They go as they are to the replica's bulk writes, which take the fields
    they need by name.
    """
    page = parse_json(body)
    if not isinstance(page, dict):
        raise errors.ProtocolError("The server's answer is not a pull page.", "bad_page")
    changes = page.get("changes")
    envelope = validated(PullResponse, {**page, "changes": []}, "bad_page")
    if not isinstance(changes, list):
        raise errors.ProtocolError("The pull page has no list of changes.", "bad_page")
    return envelope, changes


@contextlib.contextmanager
def _reaching() -> Iterator[None]:
    """A failed connection, or an answer lost on the way, as :class:`~.errors.NetworkError`.
    That includes a response lost after the server committed: the caller retries with the
    same idempotency keys, which the server answers from its stored results."""
    try:
        yield
    except httpx.TransportError as exc:
        raise errors.NetworkError(f"Cannot reach the server ({type(exc).__name__}).",
                                  "network") from exc


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
        with _reaching():
            response = self.http.request(method, path, params=params, content=content,
                                         headers=headers)
        raise_for_answer(response)
        return response

    def back_office(self, method: str, path: str, token: str, body: Any = None) -> Any:
        """A back-office request (``/v1/admin/…``, admins only): its decoded JSON answer (None
        for 204). An answer that refuses the input (HTTP 400, 404, 422) raises
        :class:`~.errors.Refused` with the server's code, sentences and field; the rest as
        any call (403 is :class:`~.errors.Forbidden`)."""
        content = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"Bearer {token}"}
        if content is not None:
            headers["Content-Type"] = "application/json"
        with _reaching():
            response = self.http.request(method, path, content=content, headers=headers)
        if response.status_code in (400, 404, 422):
            raise _refused(response)
        raise_for_answer(response)
        if response.status_code == 204 or not response.content:
            return None
        return parse_json(response.content)

    def _send(self, method: str, path: str, *, token: str | None = None,
              params: Mapping[str, Any] | None = None, content: bytes | None = None) -> Any:
        response = self._request(method, path, token=token, params=params, content=content)
        if response.status_code == 204 or not response.content:
            return None
        return parse_json(response.content)

    # ------------------------------------------------------------------ auth

    def login(self, username: str, password: str, client_id: str,
              device_name: str) -> TokenResponse:
        """``POST /v1/auth/login``: the token pair and the user.

        What the user typed is sent as it is (``model_construct``: no check here), so that an
        empty or overlong name is refused by the server, with its field errors, as any input.
        """
        body = LoginRequest.model_construct(username=username, password=password,
                                            client_id=client_id, device_name=device_name)
        return validated(TokenResponse, self._send("POST", "/v1/auth/login",
                                                    content=_json(body)), "bad_tokens")

    def refresh(self, refresh_token: str, client_id: str) -> TokenResponse:
        """``POST /v1/auth/refresh``: a new token pair (the old refresh token is retired)."""
        body = RefreshRequest.model_construct(refresh_token=refresh_token, client_id=client_id)
        return validated(TokenResponse, self._send("POST", "/v1/auth/refresh",
                                                    content=_json(body)), "bad_tokens")

    def logout(self, token: str) -> None:
        """``POST /v1/auth/logout``."""
        self._send("POST", "/v1/auth/logout", token=token)

    # ------------------------------------------------------------------ sync

    def pull(self, token: str, cursor: str | None, limit: int,
             last_applied: str | None = None,
             highest_number: int | None = None) -> PullResponse:
        """``GET /v1/pull``: one page of changes, every change validated (for a caller that
        wants one page whole; a sync decodes its pages with :func:`decode_page`)."""
        return validated(PullResponse, parse_json(self.pull_body(
            token, cursor, limit, last_applied, highest_number)), "bad_page")

    def pull_body(self, token: str, cursor: str | None, limit: int,
                  last_applied: str | None = None,
                  highest_number: int | None = None, catalog_from: str | None = None) -> bytes:
        """``GET /v1/pull``, the page as the server sent it (JSON, see :func:`decode_page`).

        For a caller that fetches on one thread and decodes on another: decoding is Python
        work, which belongs on the thread that does the rest of it. ``last_applied``: the key
        of the last mutation answered "applied" since ``cursor`` was issued; ``highest_number``:
        the highest order number the replica holds (PROTOCOL.md); ``catalog_from``: the
        position of the catalog pack copied in, on the first pull after it (its products are
        left out).
        """
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        elif catalog_from:
            params["catalog_from"] = catalog_from
        if last_applied:
            params["last_applied"] = last_applied
        if highest_number:
            params["highest_number"] = highest_number
        # The body is read into bytes of our own, not kept on the response: httpx's response
        # and its stream refer to each other, so a response lives until the cyclic garbage
        # collector runs, which a pull pauses (see sync._bulk_work). With the page's 6 MB in
        # it, every page of an initial sync stayed in memory until the sync ended (the
        # client's peak memory grew 0.65 MB per 1,000 products).
        with self._streamed("/v1/pull", token, params) as response:
            return b"".join(response.iter_bytes())

    @contextlib.contextmanager
    def _streamed(self, path: str, token: str, params: Mapping[str, Any]
                  ) -> Iterator[httpx.Response]:
        """``GET path``, its answer's body left to read as it arrives (an error raised as
        :func:`raise_for_answer` says)."""
        with _reaching(), self.http.stream(
                "GET", path, params=params,
                headers={"Authorization": f"Bearer {token}"}) as response:
            if response.status_code >= 400:
                response.read()  # the error body, for raise_for_answer
                raise_for_answer(response)
            yield response

    # ------------------------------------------------------------------ catalog pack

    def catalog_pack_info(self, token: str) -> CatalogPackInfo | None:
        """``GET /v1/catalog-pack``: the pack this server offers a first sync, or None (it has
        none that holds, or is older than packs)."""
        with _reaching():
            response = self.http.get("/v1/catalog-pack",
                                     headers={"Authorization": f"Bearer {token}"})
        if response.status_code == 404:
            return None
        raise_for_answer(response)
        return validated(CatalogPackInfo, parse_json(response.content), "bad_catalog_pack")

    def catalog_pack_file(self, token: str, sha256: str,
                          take: Callable[[bytes], None]) -> None:
        """``GET /v1/catalog-pack/file``: the gzipped pack named ``sha256``, fed to ``take``
        in chunks as it arrives (never whole in memory)."""
        with self._streamed("/v1/catalog-pack/file", token, {"sha256": sha256}) as response:
            for chunk in response.iter_bytes(1 << 20):
                take(chunk)

    def publish_catalog_pack(self, token: str, path: Path, *, cursor: str, schema_id: str,
                             sha256: str, size: int) -> CatalogPackInfo:
        """``PUT /v1/catalog-pack`` (admins): the gzipped pack at ``path``, sent as a stream;
        the pack the server now offers."""
        def chunks() -> Iterator[bytes]:
            with path.open("rb") as file:
                while chunk := file.read(1 << 20):
                    yield chunk

        params: dict[str, str | int] = {"cursor": cursor, "schema_id": schema_id,
                                        "sha256": sha256, "size": size}
        with _reaching():
            response = self.http.put(
                "/v1/catalog-pack", params=params, content=chunks(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/gzip",
                         "Content-Length": str(path.stat().st_size)},
                timeout=httpx.Timeout(600.0, connect=5.0))
        if response.status_code in (400, 404, 413, 422):
            raise _refused(response)
        raise_for_answer(response)
        return validated(CatalogPackInfo, parse_json(response.content), "bad_catalog_pack")

    def report(self, token: str, report: DeviceReport) -> None:
        """``POST /v1/devices/report``: this device's health."""
        self._send("POST", "/v1/devices/report", token=token,
                   content=report.model_dump_json().encode())

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

    def push(self, token: str, request: PushRequest) -> list[MutationResult]:
        """``POST /v1/push``: the answer to each mutation, in order."""
        answer = self._send("POST", "/v1/push", token=token, content=_json(request))
        results = validated(PushResponse, answer, "bad_push").results
        if len(results) != len(request.mutations):
            raise errors.ProtocolError("The push answer does not match the request.", "bad_push")
        return results


def _json(body: BaseModel) -> bytes:
    """A request's body: the model's JSON with the fields that were set (one left out, such as a
    mutation's ``client_time``, is not sent as null)."""
    return body.model_dump_json(exclude_unset=True).encode()
