"""The back office's view of the server: every device's sync health, cutting a device off,
signing a user out everywhere, and managing users (every change recorded, a sign-in lockout
lifted among them). Admins only."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from sync_engine.domain import MAX_ID, Role
from sync_engine.domain import text as text_rules
from sync_engine.protocol import ErrorBody, UserAccount
from sync_engine.protocol.schemas import FollowsRule
from sync_engine.server import accounts
from sync_engine.server.accounts import management
from sync_engine.server.api.deps import AppServices, Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES, BadRequest, Forbidden, NotFound
from sync_engine.server.storage.models import User, utcnow

router = APIRouter(tags=["admin"], responses=ERROR_RESPONSES)

UserId = Annotated[int, Path(ge=1, le=MAX_ID)]
DeviceId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]

UNKNOWN: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such device or user"}}


def require_admin(user: User) -> None:
    if Role(user.role) is not Role.ADMIN:
        raise Forbidden(
            "forbidden", "Only the back office may do this.", "只有后台管理员可以执行此操作。"
        )


@router.get("/v1/admin/devices")
def devices(who: Current, session: Db, app: AppServices) -> list[dict[str, Any]]:
    """Every device with its latest health report; the ones that need attention first."""
    require_admin(who[0])
    app.pull_notes.flush()  # this instance's pulls so far (others flush within a second)
    now = utcnow()
    return [row.as_json(now) for row in accounts.device_rows(session)]


@router.post("/v1/admin/devices/{device_id}/revoke", responses=UNKNOWN)
def revoke_device(
    device_id: DeviceId, who: Current, session: Db,
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


@router.post("/v1/admin/users/{user_id}/sign-out", status_code=204, responses=UNKNOWN)
def sign_out_user(user_id: UserId, who: Current, session: Db) -> Response:
    """End every sign-in of a user on every device."""
    require_admin(who[0])
    if session.get(User, user_id) is None:
        raise NotFound("user_unknown", "No user has this id.", "没有此编号的用户。")
    accounts.sign_out_user(session, user_id)
    return Response(status_code=204)


class UserChange(BaseModel):
    """What to change about a user; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    active: bool | None = None
    role: Literal["sales_rep", "warehouse_clerk", "store_owner", "admin"] | None = None
    warehouse_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    customer_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    password: Annotated[str, Field(min_length=1), FollowsRule(text_rules.PASSWORD)] | None = None


class NewUser(BaseModel):
    """A user made by the back office (the same checks as ``dinghuo-server create-user``)."""

    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, Field(min_length=1, max_length=64)]
    display_name: Annotated[str, Field(max_length=200)] = ""
    role: Literal["sales_rep", "warehouse_clerk", "store_owner", "admin"]
    password: Annotated[str, Field(min_length=1), FollowsRule(text_rules.PASSWORD)]
    warehouse_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    customer_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None


_USER_ERRORS_ZH = {
    "warehouse_required": "仓库管理员需要一个已有的仓库。",
    "customer_required": "门店店主需要一个已有的客户。",
    "not_allowed": "此角色不能有该分配。",
    "invalid_role": "未知角色。",
    "password_too_short": f"密码至少需要 {accounts.MIN_PASSWORD_LENGTH} 个字符。",
    "invalid_username": "用户名请用 2–64 个小写字母、数字、“_”、“.”或“-”。",
    "username_taken": "该用户名已存在。",
    "last_admin": "这是最后一个启用的管理员账号，请先把另一位用户设为管理员。",
}
"""The sentences of :class:`~.accounts.UserValidationError` codes in Chinese (the errors carry
English; the other codes follow the domain's text rule, whose sentence is generic here)."""


def _user_json(session: Session, user: User) -> UserAccount:
    return UserAccount(id=user.id, username=user.username, display_name=user.display_name,
                       role=user.role, warehouse_id=user.warehouse_id,
                       customer_id=user.customer_id, active=user.active,
                       locked=management.is_locked(session, user))


@router.get("/v1/admin/users")
def list_users(who: Current, session: Db) -> list[UserAccount]:
    require_admin(who[0])
    return [_user_json(session, u) for u in management.users(session)]


@router.post("/v1/admin/users/{user_id}/unlock", responses=UNKNOWN)
def unlock_user(user_id: UserId, who: Current, session: Db) -> UserAccount:
    """Lift a user's lockout after too many failed sign-ins (recorded with the admin's name)."""
    require_admin(who[0])
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_unknown", "No user has this id.", "没有此编号的用户。")
    management.unlock(session, who[0].username, user)
    return _user_json(session, user)


def _refused(session: Db, exc: accounts.UserValidationError) -> BadRequest:
    session.rollback()
    zh = _USER_ERRORS_ZH.get(exc.code, "用户信息无效。")
    return BadRequest("invalid_user", exc.message, zh, [
        {"field": exc.field, "code": exc.code, "message": exc.message,
         "message_zh": zh, "severity": "error", "params": {}}])


@router.post("/v1/admin/users", status_code=201)
def create_user(body: NewUser, who: Current, session: Db) -> UserAccount:
    """Create a user (recorded with the admin's name)."""
    require_admin(who[0])
    try:
        user = management.create(session, who[0].username, body.username, body.password,
                                 body.role, display_name=body.display_name,
                                 warehouse_id=body.warehouse_id, customer_id=body.customer_id)
    except accounts.UserValidationError as exc:
        raise _refused(session, exc) from None
    return _user_json(session, user)


@router.post("/v1/admin/users/{user_id}", responses=UNKNOWN)
def change_user(user_id: UserId, body: UserChange, who: Current, session: Db) -> UserAccount:
    """Change a user (recorded with the admin's name): enable or disable (disabling signs them
    out everywhere), a new password (signs them out), role, warehouse or customer."""
    require_admin(who[0])
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_unknown", "No user has this id.", "没有此编号的用户。")
    actor = who[0].username
    try:
        if body.role is not None or body.warehouse_id is not None \
                or body.customer_id is not None:
            management.set_assignment(session, actor, user, role=body.role,
                                      warehouse_id=body.warehouse_id,
                                      customer_id=body.customer_id)
        if body.password is not None:
            management.reset_password(session, actor, user, body.password)
        if body.active is not None:
            management.set_active(session, actor, user, body.active)
    except accounts.UserValidationError as exc:
        raise _refused(session, exc) from None
    session.refresh(user)
    return _user_json(session, user)


@router.get("/v1/admin/audit")
def audit(who: Current, session: Db) -> list[dict[str, Any]]:
    """The latest recorded changes to users, newest first."""
    require_admin(who[0])
    return [{"at": a.at, "actor": a.actor, "user_id": a.user_id, "action": a.action,
             "detail": a.detail} for a in management.audit_trail(session)]
