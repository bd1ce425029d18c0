"""Errors the API answers with. Every non-2xx body is ``{"error": {code, message, message_zh,
fields}}`` (``sync_engine.protocol.ErrorBody``); clients branch on ``code``, never on text.

Exception tree::

    ApiError                    an answer with an HTTP status and a stable code
    ├── Unauthorized (401)      no, bad or expired credentials
    ├── Forbidden (403)         authenticated, but the role or assignments do not allow it
    ├── NotFound (404)
    ├── UpdateRequired (426)    protocol version not served: update the app
    └── BadRequest (400)

Business outcomes of a mutation (conflict, rejected) are not errors: they are results inside a
200 push answer (see :mod:`.mutations`).
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    status = 400

    def __init__(
        self,
        code: str,
        message: str,
        message_zh: str = "",
        fields: list[dict[str, Any]] | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_zh = message_zh or message
        self.fields = fields or []

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.message_zh, self.fields)


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class UpdateRequired(ApiError):
    status = 426


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
