"""Applying the change feed to the local replica, in bulk, in the caller's transaction.

The tables only the feed writes are written here: ``products``, ``stock``, ``customers``,
``prices``, ``promotions``, ``warehouses`` and ``resync_stage``. Those the user writes too have
owners of their own, which this module calls: orders (:mod:`.orders`), shipments
(:mod:`.shipments`), returns (:mod:`.returns`), favourites (:mod:`.favourites`); customers'
accounts are :mod:`.credit`'s; the search index is :mod:`.search`'s.

A page is split into runs of consecutive changes of one entity and op; each run is written with
multi-row upserts that keep the newer version (:func:`.bulk_insert.insert_rows`), so a page of
10,000 products is a few dozen statements, which SQLite runs without Python's GIL. Products
are indexed for search in the same transaction.

:func:`prepare` does the Python part of that (the runs, their rows, the search index rows)
without the database, so a sync prepares the next page on one thread while another writes the
previous one.

``purge`` removes a customer and everything of it, except what the user still has in flight
(drafts, orders with unsent changes or open conflicts): the server answers those mutations, and
the user must see the answer.

A ``resync`` pull is collected in ``resync_stage`` page by page (resumable like any pull) and
swapped in by :func:`swap_in_stage` in one transaction, keeping the outbox and drafts.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import credit, favourites, orders, returns, search, shipments
from .bulk_insert import insert_rows
from .store import compact_json

__all__ = [
    "Prepared",
    "apply_changes",
    "clear_stage",
    "prepare",
    "purge_customer",
    "stage_changes",
    "swap_in_stage",
]

_PRODUCT_COLS = (
    "id", "sku", "barcode", "name_zh", "name_en", "category", "unit", "case_unit", "case_qty",
    "pack_size", "min_qty", "tax_rate", "base_price", "active", "sellable", "pinyin",
    "initials", "category_en", "version", "updated_at",
)


def _upsert_sql(insert_into: str, cols: tuple[str, ...],
                key: tuple[str, ...]) -> tuple[str, str]:
    """The two halves of a multi-row upsert (see :func:`.bulk_insert.insert_rows`);
    ``insert_into`` is "INSERT INTO <table>", written out where the table's upsert is made so
    that a reader (and the test of the tables' owners) sees which table is written."""
    table = insert_into.removeprefix("INSERT INTO ")
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in key)
    # Keep the newer state: a replayed or reordered older change never overwrites a newer one.
    return (
        f"{insert_into} ({', '.join(cols)}) VALUES",
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates} "
        f"WHERE excluded.version >= {table}.version",
    )


_PRODUCT_UPSERT = _upsert_sql("INSERT INTO products", _PRODUCT_COLS, ("id",))
_STOCK_UPSERT = _upsert_sql(
    "INSERT INTO stock", ("product_id", "warehouse_id", "on_hand", "reserved", "as_of", "version"),
    ("product_id", "warehouse_id"),
)
_CUSTOMER_COLS = ("id", "code", "name", "name_en", "address", "phone", "rep_id", "warehouse_id",
                  "credit_limit", "payment_terms", "active", "prices_include_tax", "version")
_CUSTOMER_UPSERT = _upsert_sql("INSERT INTO customers", _CUSTOMER_COLS, ("id",))
_PRICE_UPSERT = _upsert_sql("INSERT INTO prices",
                            ("customer_id", "product_id", "breaks", "version"),
                            ("customer_id", "product_id"))
_PROMOTION_UPSERT = _upsert_sql("INSERT INTO promotions",
                                ("key", "code", "customer_id", "data", "version"), ("key",))
_WAREHOUSE_UPSERT = _upsert_sql("INSERT INTO warehouses", ("id", "code", "name", "version"),
                                ("id",))


_PRODUCT_FIELDS = operator.itemgetter(*_PRODUCT_COLS[:-2])


def _product_row(d: Mapping[str, Any], version: int) -> tuple[Any, ...]:
    try:
        # The common case, 100,000 times in an initial sync: every field is there.
        values = _PRODUCT_FIELDS(d)
    except KeyError:
        return _product_row_slow(d, version)
    active, sellable = values[13], values[14]
    return (*values[:13], 1 if active else 0, 1 if sellable else 0, *values[15:], version,
            d.get("updated_at"))


def _product_row_slow(d: Mapping[str, Any], version: int) -> tuple[Any, ...]:
    return (
        d["id"], d["sku"], d.get("barcode"), d.get("name_zh") or "", d.get("name_en") or "",
        d.get("category") or "", d.get("unit") or "", d.get("case_unit") or "",
        d.get("case_qty", 1), d.get("pack_size", 1), d.get("min_qty", 1), d["tax_rate"],
        d["base_price"], 1 if d.get("active", True) else 0, 1 if d.get("sellable", True) else 0,
        d.get("pinyin") or "", d.get("initials") or "", d.get("category_en") or "", version,
        d.get("updated_at"),
    )


_Run = tuple[str, str, list[Mapping[str, Any]]]


def _runs(changes: Iterable[Mapping[str, Any]]) -> Iterator[_Run]:
    run: list[Mapping[str, Any]] = []
    key: tuple[str, str] | None = None
    for change in changes:
        this = (str(change["entity"]), str(change["op"]))
        if this != key and run:
            assert key is not None
            yield key[0], key[1], run
            run = []
        key = this
        run.append(change)
    if run and key is not None:
        yield key[0], key[1], run


def _upsert_rows(entity: str, run: list[Mapping[str, Any]]) -> list[tuple[Any, ...]] | None:
    """The rows of an upsert run, for :func:`.bulk_insert.insert_rows` (None: written change
    by change)."""
    if entity == "product":
        return [_product_row(c["data"], int(c["version"])) for c in run]
    if entity == "stock":
        return [(x["product_id"], x["warehouse_id"], x["on_hand"], x["reserved"], x.get("as_of"),
                 c["version"]) for c in run for x in (c["data"],)]
    if entity == "customer":
        return [(x["id"], x["code"], x["name"], x.get("name_en") or "", x.get("address") or "",
                 x.get("phone") or "", x.get("rep_id"), x["warehouse_id"], x.get("credit_limit"),
                 x.get("payment_terms") or "", 1 if x.get("active", True) else 0,
                 1 if x.get("prices_include_tax") else 0, c["version"])
                for c in run for x in (c["data"],)]
    if entity == "promotion":
        return [(str(c["id"]), x["code"], x.get("customer_id"), compact_json(x), c["version"])
                for c in run for x in (c["data"],)]
    if entity == "price":
        # As server states are kept (an initial sync stores tens of thousands of these).
        return [(x["customer_id"], x["product_id"], compact_json(x["breaks"]), c["version"])
                for c in run for x in (c["data"],)]
    if entity == "warehouse":
        return [(x["id"], x["code"], x["name"], c["version"]) for c in run for x in (c["data"],)]
    # Orders, shipments and favourites go to their owners (orders are merged with local state),
    # and entities this client does not know are skipped.
    return None


_UPSERTS = {
    "product": _PRODUCT_UPSERT,
    "stock": _STOCK_UPSERT,
    "customer": _CUSTOMER_UPSERT,
    "price": _PRICE_UPSERT,
    "promotion": _PROMOTION_UPSERT,
    "warehouse": _WAREHOUSE_UPSERT,
}
_DOCUMENTS = {"shipment": shipments.TABLE, "return": returns.TABLE}
"""The feed's documents kept whole, by entity (:mod:`.documents`)."""


def _write_rows(db: sqlite3.Connection, sql: tuple[str, str],
                rows: list[tuple[Any, ...]]) -> None:
    head, tail = sql
    insert_rows(db, head, rows, tail)


@dataclass
class _Prepared:
    entity: str
    op: str
    changes: list[Mapping[str, Any]]
    rows: list[tuple[Any, ...]] | None = None
    index: search.IndexRows | None = None


class Prepared:
    """Pulled changes made ready for :func:`apply_changes` by :func:`prepare`."""

    def __init__(self, runs: list[_Prepared]) -> None:
        self.runs = runs


def prepare(changes: Iterable[Mapping[str, Any]], *, index: bool = False) -> Prepared:
    """Split changes (in feed order) into runs and compute the rows to write, without the
    database. ``index``: also the search index rows of the products, which
    :func:`apply_changes` uses when it fills the replica from empty (``fresh``)."""
    runs = []
    for entity, op, run in _runs(changes):
        item = _Prepared(entity, op, run)
        if op == "upsert":
            item.rows = _upsert_rows(entity, run)
            if index and entity == "product":
                item.index = search.index_rows(c["data"] for c in run)
        runs.append(item)
    return Prepared(runs)


def apply_changes(db: sqlite3.Connection, changes: Iterable[Mapping[str, Any]] | Prepared, *,
                  fresh: bool = False) -> int:
    """Apply pulled changes (in feed order, or as :func:`prepare` made them ready); returns
    how many were applied.

    ``fresh``: the replica is being filled from empty (initial sync, resync swap), so products
    are indexed for search without first looking at what the index already has.
    """
    prepared = changes if isinstance(changes, Prepared) else prepare(changes, index=fresh)
    count = 0
    for run in prepared.runs:
        count += len(run.changes)
        if run.op == "purge":
            for change in run.changes:
                purge_customer(db, int(change["id"]))
        elif run.op == "upsert" and run.entity == "product":
            _upsert_products(db, run, fresh=fresh)
        elif run.op == "upsert" and run.entity == "order":
            for c in run.changes:
                orders.store_server_state(db, c["data"], int(c["version"]))
        elif run.op == "upsert" and run.entity in _DOCUMENTS:
            _DOCUMENTS[run.entity].store_server_states(
                db, ((c["data"], c["version"]) for c in run.changes))
        elif run.op == "upsert" and run.entity == "credit":
            credit.store(db, ((c["data"], c["version"]) for c in run.changes))
        elif run.op == "upsert" and run.entity == "favourite":
            favourites.add(db, ((c["data"]["user_id"], c["data"]["product_id"])
                                for c in run.changes))
        elif run.op == "upsert" and run.rows is not None:
            _write_rows(db, _UPSERTS[run.entity], run.rows)
        elif run.op == "delete":
            _delete(db, run.entity, run.changes)
        # Unknown entities are skipped: a newer server may send more than this client shows.
    return count


_SEARCHED = "id, version, sku, barcode, name_zh, name_en, category, pinyin, initials, active"


def _search_key(d: Mapping[str, Any]) -> tuple[Any, ...]:
    return (d["sku"], d.get("barcode"), d.get("name_zh") or "", d.get("name_en") or "",
            d.get("category") or "", d.get("pinyin") or "", d.get("initials") or "",
            1 if d.get("active", True) else 0)


def _upsert_products(db: sqlite3.Connection, run: _Prepared, *, fresh: bool) -> None:
    data = [c["data"] for c in run.changes]
    index = run.index
    if not fresh:
        # Re-index only what search can see changed: a price change (the common update)
        # leaves the index alone, and an older version than the stored one never gets in.
        known: dict[int, tuple[int, tuple[Any, ...]]] = {}
        ids = [int(x["id"]) for x in data]
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for r in db.execute(f"SELECT {_SEARCHED} FROM products WHERE id IN ({marks})", part):
                known[r[0]] = (r[1], tuple(r)[2:])
        to_index = []
        for x, c in zip(data, run.changes, strict=True):
            old = known.get(int(x["id"]))
            if old is None or (int(c["version"]) >= old[0] and _search_key(x) != old[1]):
                to_index.append(x)
        index = search.index_rows(to_index)
    elif index is None:
        index = search.index_rows(data)
    assert run.rows is not None
    _write_rows(db, _PRODUCT_UPSERT, run.rows)
    if index:
        with search.plain_rows(db):
            search.write_index(db, index)


CATALOG_TABLES = ("products",)
"""This module's tables a catalog pack carries (:mod:`.catalog_pack`)."""


def copy_catalog(db: sqlite3.Connection) -> None:
    """Replace the products with those of the catalog pack attached as ``pack`` (checked,
    same definition; caller's transaction). Their search index is :func:`.search.copy_index`'s."""
    db.execute("DELETE FROM main.products")
    db.execute("INSERT INTO main.products SELECT * FROM pack.products")


def _pairs(ids: list[str]) -> list[tuple[int, int]]:
    """The two ids in the key of a stock, price or favourite change ("3:7")."""
    return [(int(a), int(b)) for a, _, b in (i.partition(":") for i in ids)]


def _delete(db: sqlite3.Connection, entity: str, run: list[Mapping[str, Any]]) -> None:
    ids = [str(c["id"]) for c in run]
    if entity == "product":
        db.executemany("DELETE FROM products WHERE id = ?", [(int(i),) for i in ids])
        with search.plain_rows(db):
            search.remove_products(db, [int(i) for i in ids])
    elif entity == "stock":
        db.executemany("DELETE FROM stock WHERE product_id = ? AND warehouse_id = ?",
                       _pairs(ids))
    elif entity == "price":
        db.executemany("DELETE FROM prices WHERE customer_id = ? AND product_id = ?",
                       _pairs(ids))
    elif entity == "promotion":
        db.executemany("DELETE FROM promotions WHERE key = ?", [(i,) for i in ids])
    elif entity == "favourite":
        favourites.remove(db, _pairs(ids))
    elif entity == "customer":
        for i in ids:
            purge_customer(db, int(i))
    elif entity == "warehouse":
        db.executemany("DELETE FROM warehouses WHERE id = ?", [(int(i),) for i in ids])
    elif entity in _DOCUMENTS:
        _DOCUMENTS[entity].delete(db, ids)
    elif entity == "credit":
        credit.delete(db, [int(i) for i in ids])
    elif entity == "order":
        orders.remove_synced(db, ids)


def purge_customer(db: sqlite3.Connection, customer_id: int) -> None:
    """Remove a customer and everything of it, keeping drafts and orders still in flight."""
    db.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
    db.execute("DELETE FROM prices WHERE customer_id = ?", (customer_id,))
    db.execute("DELETE FROM promotions WHERE customer_id = ?", (customer_id,))
    for documents in _DOCUMENTS.values():
        documents.purge_customer(db, customer_id)
    credit.purge_customer(db, customer_id)
    orders.purge_customer(db, customer_id)


# ------------------------------------------------------------------------------ resync


def stage_changes(db: sqlite3.Connection, changes: Iterable[Mapping[str, Any]]) -> int:
    """Keep a page of a resync pull for the swap at the end; returns how many."""
    rows = [
        (c["entity"], str(c["id"]), c["op"], int(c["version"]),
         None if c.get("data") is None else json.dumps(c["data"], separators=(",", ":")))
        for c in changes
    ]
    insert_rows(db, "INSERT INTO resync_stage (entity, id, op, version, data) VALUES", rows)
    return len(rows)


def clear_stage(db: sqlite3.Connection) -> None:
    """Forget a partly collected resync (e.g. a newer resync answer started over)."""
    db.execute("DELETE FROM resync_stage")


def swap_in_stage(db: sqlite3.Connection, chunk: int = 5000, *,
                  server_went_back: bool = False) -> int:
    """Replace the replicated collections with the staged full pull (caller's transaction).

    Kept: the outbox, conflicts, drafts, and orders with changes in flight (their server state
    is refreshed from the stage like any feed upsert). ``server_went_back``: the server was
    restored or failed over, so the server states known of the kept orders are forgotten too:
    the stage has the server's actual ones (versions may be lower than those seen before).
    """
    ids = [row[0] for row in db.execute("SELECT id FROM products")]
    with search.plain_rows(db):
        search.remove_products(db, ids)
    db.execute("DELETE FROM products")
    db.execute("DELETE FROM stock")
    db.execute("DELETE FROM customers")
    db.execute("DELETE FROM prices")
    db.execute("DELETE FROM promotions")
    db.execute("DELETE FROM warehouses")
    favourites.clear(db)
    for documents in _DOCUMENTS.values():
        documents.clear_synced(db)  # keeps this device's unsent ones
    credit.clear(db)
    orders.clear_synced(db)
    if server_went_back:
        orders.forget_server_states(db)
    total = 0
    last = 0
    while True:
        rows = db.execute(
            "SELECT n, entity, id, op, version, data FROM resync_stage WHERE n > ? ORDER BY n"
            " LIMIT ?", (last, chunk)
        ).fetchall()
        if not rows:
            break
        last = rows[-1]["n"]
        total += apply_changes(db, [
            {"entity": r["entity"], "id": r["id"], "op": r["op"], "version": r["version"],
             "data": None if r["data"] is None else json.loads(r["data"])}
            for r in rows
        ], fresh=True)
    clear_stage(db)
    return total
