"""The back office's side of the demo: a fleet of devices with their health reports, a former
rep's disabled account with its recorded history, and two integration tokens.

So the back office's pages show what they are for: rep2's laptop with orders unsent for hours,
a conflict and a failed database check; the warehouse PC with its data unencrypted; rep1's old
laptop, lost, revoked with wipe; the shop's till, healthy. ``dinghuo-server demo`` adds it after
the data set (the devices the demo's users sign in with come on top, reporting as they sync).
Times are relative to when it is loaded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.protocol import PROTOCOL_VERSION
from sync_engine.server.accounts import create_user
from sync_engine.server.ops.integration.tokens import create_token
from sync_engine.server.storage.models import (
    Device,
    DeviceReport,
    IntegrationToken,
    User,
    UserAudit,
    utcnow,
)

__all__ = ["add_demo_fleet"]

_APP = "0.9.0"

# (user, device name, last seen, revoked (wipe?), report: {field: value or age})
_DEVICES: list[tuple[str, str, dt.timedelta, bool | None, dict[str, Any] | None]] = [
    ("rep2", "李晓燕的笔记本 ThinkPad X1", dt.timedelta(hours=6), None, {
        "unsent_changes": 4, "oldest_unsent_at": dt.timedelta(hours=7, minutes=20),
        "conflicts_waiting": 1, "last_error": "network", "db_check": "failed",
        "newest_backup_at": dt.timedelta(days=3), "encrypted": True}),
    ("clerk1", "上海仓 拣货电脑", dt.timedelta(minutes=4), None, {
        "unsent_changes": 0, "conflicts_waiting": 0, "db_check": "ok",
        "newest_backup_at": dt.timedelta(hours=5), "encrypted": False}),
    ("owner1", "联华徐汇店 收银台", dt.timedelta(minutes=12), None, {
        "unsent_changes": 0, "conflicts_waiting": 0, "db_check": "ok",
        "newest_backup_at": dt.timedelta(hours=2), "encrypted": True}),
    ("rep1", "王建国的旧笔记本 (丢失)", dt.timedelta(days=3, hours=2), True, {
        "unsent_changes": 2, "oldest_unsent_at": dt.timedelta(days=3, hours=4),
        "conflicts_waiting": 0, "db_check": "ok",
        "newest_backup_at": dt.timedelta(days=3, hours=6), "encrypted": True}),
]


def add_demo_fleet(session_factory: Callable[[], Session], *, password: str = "demo") -> int:
    """Add the demo's fleet, accounts history and tokens; returns how many devices."""
    now = utcnow()
    with session_factory() as session:
        users = {u.username: u for u in session.scalars(select(User))}
        for username, name, seen, revoked, report in _DEVICES:
            user = users.get(username)
            if user is None:
                continue
            device = Device(id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"dinghuo-demo:{name}")),
                            user_id=user.id, name=name, created_at=now - dt.timedelta(days=40),
                            last_seen_at=now - seen, last_pull_at=now - seen,
                            last_push_at=now - seen - dt.timedelta(minutes=3),
                            protocol_version=PROTOCOL_VERSION)
            if revoked is not None:
                device.revoked_at = now - dt.timedelta(days=2, hours=20)
                device.revoke_wipe = revoked
            session.add(device)
            if report is not None:
                fields = {k: (now - v if isinstance(v, dt.timedelta) else v)
                          for k, v in report.items()}
                session.add(DeviceReport(device_id=device.id, reported_at=now - seen,
                                         app_version=_APP, protocol_version=PROTOCOL_VERSION,
                                         **fields))
        _former_rep(session, now, password, users.get("rep2"))
        for name, scopes, made, used in (("erp-kingdee", ["catalog", "customers", "prices"],
                                          dt.timedelta(days=21), dt.timedelta(minutes=3)),
                                         ("wms-flux", ["stock"], dt.timedelta(days=9),
                                          dt.timedelta(seconds=40))):
            row, _secret = create_token(session, name, scopes)  # the secret is never shown
            token = session.get(IntegrationToken, row.id)
            assert token is not None
            token.created_at, token.last_used_at = now - made, now - used
        session.commit()
    return len(_DEVICES)


def _former_rep(session: Session, now: dt.datetime, password: str,
                rep2: User | None) -> None:
    """rep3, who left: created a month ago, disabled two days ago; between them, rep2 forgot
    her password. Recorded in the order it happened (the trail lists the newest first)."""
    user = create_user(session, "rep3", password, "sales_rep", display_name="赵敏",
                       commit=False, demo_account=True)
    user.active = False
    session.add(UserAudit(at=now - dt.timedelta(days=31), actor="admin", user_id=user.id,
                          action="create", detail={"role": "sales_rep", "warehouse_id": None,
                                                   "customer_id": None}))
    session.flush()
    if rep2 is not None:
        session.add(UserAudit(at=now - dt.timedelta(days=5, hours=3), actor="cli:ops",
                              user_id=rep2.id, action="reset_password", detail={}))
        session.flush()
    session.add(UserAudit(at=now - dt.timedelta(days=2, hours=21), actor="admin",
                          user_id=user.id, action="disable", detail={}))
