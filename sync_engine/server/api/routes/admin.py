"""The back office's view of the server: ``/v1/admin/devices`` (every device's sync health)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from sync_engine.domain import Role
from sync_engine.server.api.deps import Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES, Forbidden
from sync_engine.server.storage.models import Device, User

router = APIRouter(tags=["admin"], responses=ERROR_RESPONSES)


@router.get("/v1/admin/devices")
def devices(who: Current, session: Db) -> list[dict[str, Any]]:
    if Role(who[0].role) is not Role.ADMIN:
        raise Forbidden(
            "forbidden", "Only the back office may see devices.", "只有后台管理员可以查看设备。"
        )
    rows = session.execute(
        select(Device, User.username)
        .join(User, User.id == Device.user_id)
        .order_by(Device.last_seen_at.desc())
    ).all()
    return [
        {
            "id": dev.id,
            "name": dev.name,
            "username": username,
            "last_seen_at": dev.last_seen_at,
            "last_pull_at": dev.last_pull_at,
            "last_push_at": dev.last_push_at,
            "last_cursor_seq": dev.last_cursor_seq,
        }
        for dev, username in rows
    ]
