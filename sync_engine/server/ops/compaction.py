"""Forgetting old tombstones, safely.

The change log keeps one row per entity, so it only grows with the number of entities — except
for tombstones (``delete``) and scope revocations (``revoke``), which stay so that devices that
have been away learn what to remove. After a while (90 days by default) they can go; a device
whose cursor is older than the newest tombstone removed may have missed a removal, so the feed
answers it with an explicit ``resync`` (reason ``cursor_too_old``) instead of serving it. The
cursor marks below that horizon go too (:mod:`sync_engine.server.storage.marks`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sync_engine.server.storage.marks import forget_marks_below
from sync_engine.server.storage.models import ChangeLog, ServerMeta, utcnow

HORIZON_KEY = "tombstone_horizon"


def compact_tombstones(session: Session, older_than: dt.timedelta) -> tuple[int, int]:
    """Delete tombstones and revocations older than ``older_than``; returns (deleted, horizon).

    The horizon only ever grows: cursors below it get "resync".
    """
    cutoff = utcnow() - older_than
    old = (ChangeLog.op.in_(("delete", "revoke")), ChangeLog.changed_at < cutoff)
    newest = session.scalar(select(func.max(ChangeLog.seq)).where(*old))
    row = session.get(ServerMeta, HORIZON_KEY, with_for_update=True)
    horizon = int(row.value) if row is not None else 0
    if newest is None:
        session.rollback()
        return 0, horizon
    result = session.execute(delete(ChangeLog).where(*old, ChangeLog.seq <= newest))
    deleted = int(getattr(result, "rowcount", 0) or 0)
    horizon = max(horizon, int(newest))
    forget_marks_below(session, horizon)  # cursors below the horizon are too old anyway
    if row is None:
        session.add(ServerMeta(key=HORIZON_KEY, value=str(horizon)))
    else:
        row.value = str(horizon)
    session.commit()
    return deleted, horizon
