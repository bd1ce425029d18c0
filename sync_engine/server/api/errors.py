"""Errors the API answers with. Every non-2xx body is ``{"error": {code, message, message_zh,
fields}}`` (``sync_engine.protocol.ErrorBody``); clients branch on ``code``, never on text.

Exception tree::

    ApiError                    an answer with an HTTP status and a stable code
    ├── Unauthorized (401)      no, bad or expired credentials
    │   └── DeviceRevoked       the back office cut this device off (``wipe``: true|false)
    ├── Forbidden (403)         authenticated, but the role or assignments do not allow it
    ├── NotFound (404)
    ├── ResyncRequired (409)    the server went back in time: pull (a resync) before pushing
    ├── PayloadTooLarge (413)   the request's body is over its route's limit
    ├── UpdateRequired (426)    protocol version not served: update the app
    ├── TooManyRequests (429)   wait ``retry_after`` seconds (``Retry-After``), then try again
    ├── Unavailable (503)       the work was cut off on the server: send it again
    └── BadRequest (400)

Business outcomes of a mutation (conflict, rejected) are not errors: they are results inside a
200 push answer (see :mod:`sync_engine.server.commands`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sync_engine.protocol import ErrorBody, field_error
from sync_engine.server import accounts

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 409, 413, 422, 426, 503)
}
"""The error answers every ``/v1`` route documents in the OpenAPI document (503: the database
could not be reached, which can happen to any of them)."""


class ApiError(Exception):
    """An answer with an HTTP ``status`` (a subclass names it: ``class X(ApiError, status=…)``)."""

    status = 400

    def __init_subclass__(cls, *, status: int | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status

    def __init__(
        self,
        code: str,
        message: str,
        message_zh: str = "",
        fields: list[dict[str, Any]] | None = None,
        *,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_zh = message_zh or message
        self.fields = fields or []
        self.retry_after = retry_after
        """Seconds to wait before trying again, sent as ``Retry-After`` (429, 503)."""

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.message_zh, self.fields)

    def headers(self) -> dict[str, str]:
        return {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}


class BadRequest(ApiError, status=400):
    """The request itself is wrong (``fields`` say where)."""


class Unauthorized(ApiError, status=401):
    """No, bad or expired credentials."""


class DeviceRevoked(Unauthorized):
    """The device was cut off by the back office; ``wipe``: it must delete its local data."""

    def __init__(self, wipe: bool):
        super().__init__(
            "device_revoked",
            "This device was signed out by the back office and may not sync any more."
            + (" Its local data is deleted." if wipe else " Contact your administrator."),
            "此设备已被后台注销，不能再同步。"
            + ("本地数据将被删除。" if wipe else "请联系管理员。"),
        )
        self.wipe = wipe

    def body(self) -> dict[str, Any]:
        out = super().body()
        out["error"]["wipe"] = self.wipe
        return out


class Forbidden(ApiError, status=403):
    """Authenticated, but the role or assignments do not allow it."""


class NotFound(ApiError, status=404):
    """Nothing there."""


class PayloadTooLarge(ApiError, status=413):
    """The request's body is over the limit of its route (:func:`too_large`)."""


def too_large(limit: int) -> PayloadTooLarge:
    """The answer to a request whose body is over ``limit`` bytes."""
    return PayloadTooLarge("payload_too_large", f"The request is larger than {limit} bytes.",
                           f"请求超过 {limit} 字节。")


class UpdateRequired(ApiError, status=426):
    """The protocol version is not served: update the app."""


class ResyncRequired(ApiError, status=409):
    """The server went back in time: pull (a resync) before pushing."""


class TooManyRequests(ApiError, status=429):
    """Wait ``retry_after`` seconds (``Retry-After``), then try again."""


class Unavailable(ApiError, status=503):
    """The work was cut off on the server: send it again."""


# The refusals of :mod:`sync_engine.server.accounts` that are not answered 401 Unauthorized.
_AUTH_ANSWERS: dict[type[accounts.AuthError], type[ApiError]] = {
    accounts.SignInThrottled: TooManyRequests,
    accounts.AccountLocked: Forbidden,
    accounts.SignInBusy: Unavailable,
    accounts.DeviceConflict: Forbidden,
}


def auth_refusal(exc: accounts.AuthError) -> ApiError:
    """How the API answers a refused sign-in or token: with the accounts error's code and
    messages, 401 unless ``_AUTH_ANSWERS`` says otherwise; a revoked device is told whether to
    wipe its data."""
    if isinstance(exc, accounts.DeviceRevoked):
        return DeviceRevoked(exc.wipe)
    answer = _AUTH_ANSWERS.get(type(exc), Unauthorized)
    return answer(exc.code, exc.message, exc.message_zh, retry_after=exc.retry_after)


def error_body(
    code: str, message: str, message_zh: str = "", fields: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "message_zh": message_zh or message,
            "fields": fields or [],
        }
    }


def validation_error_body(errors: Sequence[Any]) -> dict[str, Any]:
    """The 422 body for a request that does not match its schema: one field error per problem
    (``errors`` as pydantic reports them; the domain's codes keep their own messages)."""
    fields = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "header")]
        fields.append(field_error(".".join(loc) or "body", err))
    return error_body(
        "validation_error",
        "The request is not valid; see the fields.",
        "请求无效，请查看各字段。",
        fields,
    )


def internal_error_body() -> dict[str, Any]:
    """The 500 body: no detail for the client; the server logged the error."""
    return error_body(
        "internal_error",
        "Something went wrong on the server; it was logged.",
        "服务器出错，已记录日志。",
    )


def database_unavailable() -> Unavailable:
    """The database could not be reached, or dropped the work midway (a failover, a restart):
    nothing half-done stays, and sending the same request again is safe (pushes by their
    keys)."""
    return Unavailable(
        "unavailable",
        "The database cannot be reached at the moment; send this again shortly (the "
        "idempotency keys make that safe).",
        "暂时无法连接数据库；请稍后重新发送（幂等键保证不会重复）。",
    )
