"""Cursor marks: the random mark this database gave each feed position it handed out.

A mark is made the first time a pull hands out a cursor at a position and is then shared by
every device at that position, so a busy server makes about one per burst of writes, not one
per pull. The table holds what cursors can be checked against: a mark exists in a database
exactly when that database holds the history up to its position (the mark is written after
that history committed, and WAL and dumps keep that order), so a restored database or a
promoted standby that had not caught up lacks the marks of the cursors it cannot serve.
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync_engine.server.storage.models import CursorMark
from sync_engine.server.storage.sql import Executor, is_postgres


def place_mark(session: Executor, seq: int) -> str:
    """The mark of position ``seq``, made now if it has none; commits its own transaction
    (call it outside a read snapshot: the insert must see marks committed meanwhile)."""
    mark = secrets.token_hex(8)
    if is_postgres(session):
        # Not waiting for the disk: a mark lost in a crash only sends the devices that hold it
        # into a resync, which is safe; a mark that survives always has its history with it.
        session.execute(text("SET LOCAL synchronous_commit = off"))
        session.execute(pg_insert(CursorMark).values(seq=seq, mark=mark)
                        .on_conflict_do_nothing(index_elements=[CursorMark.seq]))
    else:
        session.execute(sqlite_insert(CursorMark).values(seq=seq, mark=mark)
                        .on_conflict_do_nothing(index_elements=[CursorMark.seq]))
    stored = session.scalar(select(CursorMark.mark).where(CursorMark.seq == seq))
    session.commit()
    assert stored is not None
    return str(stored)


def forget_marks_below(session: Session, seq: int) -> int:
    """Remove the marks of positions below ``seq`` (caller's transaction): cursors there are
    refused anyway once tombstones up to ``seq`` are compacted. Returns how many."""
    result = session.execute(delete(CursorMark).where(CursorMark.seq < seq))
    return int(getattr(result, "rowcount", 0) or 0)
