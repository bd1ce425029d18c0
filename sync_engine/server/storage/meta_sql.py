"""Reading one fact from ``server_meta`` (a setting every push needs), on either database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.storage.models import ServerMeta
from sync_engine.server.storage.sql import driver_connection, is_postgres


def read_meta(session: Session, key: str) -> str | None:
    """The value stored under ``key``, or None."""
    if is_postgres(session):  # once per push: plain SQL, a tenth of the ORM's cost
        row = driver_connection(session).execute(
            "SELECT value FROM server_meta WHERE key = %s", (key,)
        ).fetchone()
        return None if row is None else str(row[0])
    return session.scalar(select(ServerMeta.value).where(ServerMeta.key == key))
