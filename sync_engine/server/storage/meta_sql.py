"""Reading facts from ``server_meta`` (settings every push needs), on either database."""

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


def read_metas(session: Session, keys: tuple[str, ...]) -> dict[str, str]:
    """The values stored under ``keys`` (those stored), in one query."""
    if is_postgres(session):
        rows = driver_connection(session).execute(
            "SELECT key, value FROM server_meta WHERE key = ANY(%s)", (list(keys),)
        ).fetchall()
        return {str(k): str(v) for k, v in rows}
    return {k: v for k, v in session.execute(
        select(ServerMeta.key, ServerMeta.value).where(ServerMeta.key.in_(keys)))}
