"""Row shapes: the store's connections return ``sqlite3.Row``; some code wants plain tuples."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["plain_rows"]


@contextmanager
def plain_rows(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The connection with plain tuple rows, for code written against the bare DB-API
    (:mod:`.search`); the store's connections otherwise return ``sqlite3.Row``."""
    previous = db.row_factory
    db.row_factory = None
    try:
        yield db
    finally:
        db.row_factory = previous
