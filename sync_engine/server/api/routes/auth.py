"""Signing in and out: ``/v1/auth/login``, ``/v1/auth/refresh``, ``/v1/auth/logout``, ``/v1/me``.

Sign-in failures are 401 (403 for a device registered to another user or a locked account,
429 while the throttle says wait, 503 when too many passwords are being checked at once) with
the stable code of the :mod:`sync_engine.server.accounts` error.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response

from sync_engine.protocol import ErrorBody, LoginRequest, RefreshRequest, TokenResponse, UserInfo
from sync_engine.server import accounts as auth
from sync_engine.server.api.deps import AppServices, Current, Db, Version
from sync_engine.server.api.errors import ERROR_RESPONSES, auth_refusal
from sync_engine.server.storage.models import User, utcnow

router = APIRouter(tags=["auth"], responses=ERROR_RESPONSES)

SIGN_IN_RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorBody, "description": "signin_throttled: wait Retry-After seconds",
          "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
    503: {"model": ErrorBody, "description": "signin_busy: too many sign-ins being checked",
          "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
}

_THROTTLED = {auth.SignInThrottled: "wait", auth.AccountLocked: "locked", auth.SignInBusy: "busy"}
"""What the sign-in throttle metric counts each of its refusals as."""


@router.post("/v1/auth/login", responses=SIGN_IN_RESPONSES)
def login(body: LoginRequest, request: Request, session: Db, app: AppServices,
          _v: Version) -> TokenResponse:
    """Sign in. Refused with 429 ``signin_throttled`` (and ``Retry-After``) while the account
    or the client's address must wait after failed sign-ins, 403 ``account_locked`` after too
    many in a row (until an admin unlocks it), 503 ``signin_busy`` (``Retry-After``) when the
    server is checking too many passwords at once."""
    address = request.client.host if request.client is not None else "-"
    try:
        pair = auth.login(session, body.username, body.password, body.client_id,
                          body.device_name, address=address, slots=app.hash_slots)
    except auth.AuthError as exc:
        app.metrics.count_sign_in(exc.code)
        throttled = _THROTTLED.get(type(exc))
        if throttled is not None:
            app.metrics.count_sign_in_throttled(throttled)
        raise auth_refusal(exc) from exc
    app.metrics.count_sign_in("ok")
    user = session.get(User, pair.user_id)
    assert user is not None
    return token_response(pair, user)


@router.post("/v1/auth/refresh")
def refresh(body: RefreshRequest, session: Db, _v: Version) -> TokenResponse:
    try:
        pair = auth.refresh_tokens(session, body.refresh_token, body.client_id)
    except auth.AuthError as exc:
        raise auth_refusal(exc) from exc
    user = session.get(User, pair.user_id)
    assert user is not None
    return token_response(pair, user)


@router.post("/v1/auth/logout", status_code=204)
def logout(
    session: Db, _v: Version, authorization: Annotated[str | None, Header()] = None
) -> Response:
    _, _, token = (authorization or "").partition(" ")
    try:
        auth.logout(session, token.strip())
    except auth.AuthError as exc:
        raise auth_refusal(exc) from exc
    return Response(status_code=204)


@router.get("/v1/me")
def me(who: Current) -> UserInfo:
    return user_info(who[0])


def token_response(pair: auth.TokenPair, user: User) -> TokenResponse:
    return TokenResponse(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in,
        refresh_expires_in=max(0, int((pair.refresh_expires_at - utcnow()).total_seconds())),
        user=user_info(user),
    )


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        warehouse_id=user.warehouse_id,
        customer_id=user.customer_id,
    )
