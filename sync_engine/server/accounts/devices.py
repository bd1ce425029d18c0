"""Devices as the back office sees them: cutting one off, and the health each one reports.

A revoked device's tokens end at once; at its next contact it is answered ``401
device_revoked`` (with ``wipe``), and it cannot sign in again on the same device id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync_engine.server.accounts.tokens import revoke_user_tokens
from sync_engine.server.storage.models import AuthToken, Device, DeviceReport, User, utcnow

__all__ = ["DeviceRow", "UnknownDevice", "device_rows", "revoke_device", "save_report",
           "sign_out_user"]

REPORT_FIELDS = ("unsent_changes", "oldest_unsent_at", "conflicts_waiting", "last_error",
                 "app_version", "protocol_version", "db_check", "newest_backup_at", "encrypted")


class UnknownDevice(LookupError):
    """No device has this id."""


def revoke_device(session: Session, device_id: str, *, wipe: bool) -> int:
    """Cut ``device_id`` off and commit: mark it revoked (``wipe``: it must delete its local
    data) and end every token it holds. Returns how many tokens ended."""
    now = utcnow()
    done = session.execute(
        update(Device).where(Device.id == device_id)
        .values(revoked_at=now, revoke_wipe=wipe)
        .execution_options(synchronize_session=False)
    )
    if not getattr(done, "rowcount", 0):
        session.rollback()
        raise UnknownDevice(device_id)
    ended = session.execute(
        update(AuthToken)
        .where(AuthToken.device_id == device_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(getattr(ended, "rowcount", 0))


def sign_out_user(session: Session, user_id: int) -> int:
    """End every sign-in of a user on every device (they may sign in again) and commit."""
    return revoke_user_tokens(session, user_id)


def save_report(session: Session, device_id: str, report: dict[str, Any]) -> None:
    """Keep ``report`` as the device's latest health (fields it left out are NULL) and
    commit."""
    row = session.get(DeviceReport, device_id)
    if row is None:
        row = DeviceReport(device_id=device_id)
        session.add(row)
    now = utcnow()
    row.reported_at = now
    for name in REPORT_FIELDS:
        setattr(row, name, report.get(name))
    session.execute(update(Device).where(Device.id == device_id).values(last_seen_at=now)
                    .execution_options(synchronize_session=False))
    session.commit()


@dataclass(frozen=True, slots=True)
class DeviceRow:
    """One device, its user and its latest report, for the back office."""

    id: str
    name: str
    user_id: int
    username: str
    last_seen_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    last_push_at: dt.datetime | None
    last_cursor_seq: int | None
    revoked_at: dt.datetime | None
    revoke_wipe: bool
    report: dict[str, Any] | None

    def needs_attention(self, now: dt.datetime) -> list[str]:
        """Why the back office should look at this device (empty: nothing), worst first."""
        out: list[str] = []
        r = self.report or {}
        if self.revoked_at is not None:
            return out
        if r.get("db_check") == "failed":
            out.append("database_damaged")
        oldest = _aware(r.get("oldest_unsent_at"))
        if oldest is not None and now - oldest > dt.timedelta(hours=1):
            out.append("unsent_over_an_hour")
        if r.get("conflicts_waiting"):
            out.append("conflicts_waiting")
        if r.get("last_error"):
            out.append("last_sync_failed")
        backup = _aware(r.get("newest_backup_at"))  # None: not known, not "never"
        if backup is not None and now - backup > dt.timedelta(days=2):
            out.append("no_recent_backup")
        if r.get("encrypted") is False:
            out.append("not_encrypted")
        return out

    def as_json(self, now: dt.datetime) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "user_id": self.user_id,
            "username": self.username,
            "last_seen_at": self.last_seen_at, "last_pull_at": self.last_pull_at,
            "last_push_at": self.last_push_at, "last_cursor_seq": self.last_cursor_seq,
            "revoked_at": self.revoked_at, "revoke_wipe": self.revoke_wipe,
            "report": self.report, "attention": self.needs_attention(now),
        }


ATTENTION = ("database_damaged", "unsent_over_an_hour", "conflicts_waiting", "last_sync_failed",
             "no_recent_backup", "not_encrypted")
"""Why a device needs the back office, worst first."""


def _severity(reasons: list[str]) -> tuple[int, int]:
    """Sort key: the worst reason first, then the most reasons; no reason sorts last."""
    if not reasons:
        return (len(ATTENTION), 0)
    return (min(ATTENTION.index(r) for r in reasons), -len(reasons))


def _aware(value: Any) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def device_rows(session: Session) -> list[DeviceRow]:
    """Every device with its latest report: the ones that need attention first, then the most
    recently seen."""
    rows = session.execute(
        select(Device, User.username, DeviceReport)
        .join(User, User.id == Device.user_id)
        .outerjoin(DeviceReport, DeviceReport.device_id == Device.id)
    ).all()
    out = [
        DeviceRow(
            id=dev.id, name=dev.name, user_id=dev.user_id, username=username,
            last_seen_at=dev.last_seen_at,
            last_pull_at=dev.last_pull_at, last_push_at=dev.last_push_at,
            last_cursor_seq=dev.last_cursor_seq, revoked_at=dev.revoked_at,
            revoke_wipe=dev.revoke_wipe,
            report=None if rep is None else {
                "reported_at": rep.reported_at,
                **{name: getattr(rep, name) for name in REPORT_FIELDS},
            },
        )
        for dev, username, rep in rows
    ]
    now = utcnow()
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    out.sort(key=lambda d: (_severity(d.needs_attention(now)),
                            -(_aware(d.last_seen_at) or epoch).timestamp()))
    return out
