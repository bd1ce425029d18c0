"""Keeping the search index's tables in step with :mod:`.search`, which owns their schema.

The index is derived data: when a new version of the app defines the search tables
differently, the old ones are dropped and the index is rebuilt from the replicated products at
start (the products, the outbox and everything else stay untouched). Comparing the stored
table definitions with freshly made ones catches any change, without a version number to
forget. One difference is not a new version: the barcode index an initial sync drops while it
loads (see :func:`.search.set_bulk_load`); if it was interrupted, the index is just made again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator

from . import search

__all__ = ["ensure_search_index", "rebuild_search_index"]

log = logging.getLogger(__name__)

_CHUNK = 5000
_BARCODE_INDEX = "product_search_barcode"


def _definitions(db: sqlite3.Connection) -> dict[str, str]:
    return {
        str(name): " ".join(str(sql).split())
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE name LIKE 'product_search%'"
            " AND sql IS NOT NULL AND name NOT LIKE 'product_search_fts_%'"
        )
    }


def _wanted() -> dict[str, str]:
    scratch = sqlite3.connect(":memory:")
    try:
        search.create_search_schema(scratch)
        return _definitions(scratch)
    finally:
        scratch.close()


def _products(db: sqlite3.Connection) -> Iterator[list[dict[str, object]]]:
    last = 0
    while True:
        rows = db.execute(
            "SELECT id, sku, barcode, name_zh, name_en, category, pinyin, initials, active"
            " FROM products WHERE id > ? ORDER BY id LIMIT ?", (last, _CHUNK)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        yield [dict(zip(row.keys(), tuple(row), strict=True)) for row in rows]


def ensure_search_index(db: sqlite3.Connection) -> bool:
    """Rebuild the index if its tables differ from what :mod:`.search` defines now (caller's
    write transaction). Returns True if it rebuilt."""
    have, wanted = _definitions(db), _wanted()
    if have != wanted and have == {k: v for k, v in wanted.items() if k != _BARCODE_INDEX}:
        # Dropped for an initial sync that was interrupted (see search.set_bulk_load): the
        # index is made again; the sync, when it goes on, drops it again.
        log.info("making the barcode index an interrupted initial sync dropped")
        with search.plain_rows(db):
            search.set_bulk_load(db, False)
        have = _definitions(db)
    if have == wanted:
        return False
    log.info("search index schema changed: rebuilding it from the products")
    rebuild_search_index(db)
    return True


def rebuild_search_index(db: sqlite3.Connection) -> None:
    """Drop the index's tables and make them again from the replicated products (caller's
    write transaction): for a new definition, or an index found damaged."""
    for name, kind in db.execute(
        "SELECT name, type FROM sqlite_master WHERE name LIKE 'product_search%'"
        " AND type = 'table' AND name NOT LIKE 'product_search_fts_%'"
    ).fetchall():
        db.execute(f'DROP {"TABLE" if kind == "table" else "INDEX"} IF EXISTS "{name}"')
    search.create_search_schema(db)
    for chunk in _products(db):
        with search.plain_rows(db):
            search.index_products(db, chunk)
