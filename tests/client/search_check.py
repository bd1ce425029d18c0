"""Checking that the full-text index holds exactly what it should (for tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sync_engine.client import cipher
from sync_engine.client.search import create_search_schema


def _instances(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
               " USING fts5vocab(main, product_search_fts, instance)")
    try:
        return sorted(db.execute("SELECT term, doc, col, offset FROM temp.search_vocab"))
    finally:
        db.execute("DROP TABLE temp.search_vocab")


def assert_search_index_consistent(db: sqlite3.Connection, *,
                                   products: set[int] | None = None) -> None:
    """The contentless FTS index holds each indexed product's tokens exactly once (as a fresh
    index built from ``product_search`` would), and nothing of removed or replaced products.
    ``products``: the ids that must be in the index (the replica's products)."""
    rows = db.execute("SELECT id, rk, han, py, ini, words, head, bi FROM product_search"
                      ).fetchall()
    if products is not None:
        assert {r[0] for r in rows} == products, "the index and the products differ"
    fresh = sqlite3.connect(":memory:")
    create_search_schema(fresh)
    fresh.executemany(
        "INSERT INTO product_search_fts (rowid, han, py, ini, words, head, bi)"
        " VALUES (?,?,?,?,?,?,?)",
        sorted(tuple(r[1:]) for r in rows),
    )
    assert _instances(db) == _instances(fresh), "the full-text index is not what it should be"
    # The vocabulary knows every word of ``words`` but the SKU numbers ("¤000123"); it may
    # know more: words no product has any more match nothing.
    words = {term for term, col, _, _ in _instances(fresh) if col == "words"}
    vocabulary = {r[0] for r in db.execute("SELECT word FROM product_search_words")}
    sku_numbers = {w for w in words if w[0] == "\u00a4" and w[1:].isdigit()}
    assert words - sku_numbers <= vocabulary, "the vocabulary misses words"
    fresh.close()


def assert_store_search_consistent(path: Path) -> None:
    """:func:`assert_search_index_consistent` on a store's file, against its products."""
    db = cipher.connect(path, cipher.database_key(path.parent))
    try:
        products = {r[0] for r in db.execute("SELECT id FROM products")}
        assert_search_index_consistent(db, products=products)
    finally:
        db.close()
