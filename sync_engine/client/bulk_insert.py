"""Multi-row ``INSERT`` statements on a ``sqlite3`` connection: how bulk writes are made.

Used wherever many rows go in at once: the replica applying a pull page, the search index,
a resync's staging table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from itertools import chain, islice
from typing import Any

__all__ = ["insert_rows"]

_ROWS_PER_STATEMENT = 500
# SQLite's default limit of bound variables per statement (since 3.32); SQLCipher's
# connections cannot be asked for it (no ``getlimit``).
_MAX_VARIABLES = 32766


def insert_rows(db: sqlite3.Connection, head: str, rows: Iterable[tuple[Any, ...]],
                tail: str = "") -> int:
    """Run ``head (...), (...), ... tail`` for all ``rows`` (tuples of one length) in a few
    multi-row statements; returns how many rows.

    ``head`` ends before the values ("INSERT INTO t (a, b) VALUES"), ``tail`` is what follows
    them (an ``ON CONFLICT`` clause). Unlike ``executemany``, which runs one statement per row
    and takes Python's GIL back between every two, each statement here runs hundreds of rows
    without the GIL: a writing thread neither waits for nor holds up a busy Python thread.
    """
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return 0
    width = len(first)
    # A few hundred rows a statement: as fast as larger ones, and small compiled programs
    # (the connection keeps each in its statement cache).
    per = max(1, min(_ROWS_PER_STATEMENT, _MAX_VARIABLES // width))
    one = "(" + ",".join("?" * width) + ")"
    full = f"{head} {','.join([one] * per)} {tail}"
    it = chain((first,), it)
    count = 0
    while True:
        batch = list(islice(it, per))
        if not batch:
            return count
        sql = full if len(batch) == per else f"{head} {','.join([one] * len(batch))} {tail}"
        db.execute(sql, list(chain.from_iterable(batch)))
        count += len(batch)
