"""The back office's view of the server: every device's sync health, cutting a device off,
signing a user out everywhere. Admins only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import Response

from sync_engine.domain import Role
from sync_engine.server import accounts
from sync_engine.server.api.deps import Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES, Forbidden, NotFound
from sync_engine.server.storage.models import User, utcnow

router = APIRouter(tags=["admin"], responses=ERROR_RESPONSES)


def require_admin(user: User) -> None:
    if Role(user.role) is not Role.ADMIN:
        raise Forbidden(
            "forbidden", "Only the back office may do this.", "只有后台管理员可以执行此操作。"
        )


@router.get("/v1/admin/devices")
def devices(who: Current, session: Db) -> list[dict[str, Any]]:
    """Every device with its latest health report; the ones that need attention first."""
    require_admin(who[0])
    now = utcnow()
    return [row.as_json(now) for row in accounts.device_rows(session)]


@router.post("/v1/admin/devices/{device_id}/revoke")
def revoke_device(
    device_id: str, who: Current, session: Db,
    wipe: Annotated[bool, Body(embed=True)] = False,
) -> dict[str, Any]:
    """Cut a device off: its tokens end now; at its next contact it is told (``wipe``: it
    deletes its local data and keys)."""
    require_admin(who[0])
    try:
        ended = accounts.revoke_device(session, device_id, wipe=wipe)
    except accounts.UnknownDevice:
        raise NotFound("device_unknown", "No device has this id.", "没有此编号的设备。") from None
    return {"device_id": device_id, "wipe": wipe, "tokens_ended": ended}


@router.post("/v1/admin/users/{user_id}/sign-out", status_code=204)
def sign_out_user(user_id: int, who: Current, session: Db) -> Response:
    """End every sign-in of a user on every device."""
    require_admin(who[0])
    if session.get(User, user_id) is None:
        raise NotFound("user_unknown", "No user has this id.", "没有此编号的用户。")
    accounts.sign_out_user(session, user_id)
    return Response(status_code=204)
