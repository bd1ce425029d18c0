"""Stock levels read and written as sets: the data access of the stock import.

The CSV import, the integration API and the queue consumer set stock through one rule
(:func:`.importer.check_and_write`); this module is only how that rule reads and writes many
rows at once. On PostgreSQL each step is one statement over a JSON list of rows, whatever the
batch size: the products of the batch's SKUs, the batch's stock rows locked in key order, and
the new levels (sent with the commit, see :meth:`.UnitOfWork.execute_later`). On SQLite (one
writer, no row locks) the same steps run as ``IN`` lists and an ``executemany``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.storage.models import Product, Stock
from sync_engine.server.storage.sql import driver_connection, is_postgres, json_rows

__all__ = ["StockRow", "locked_stock", "product_ids", "write_levels"]

_CHUNK = 500  # SQLite: keys per IN list (its parameter limit)


class StockRow(NamedTuple):
    product_id: int
    warehouse_id: int
    on_hand: int
    reserved: int
    version: int


_PRODUCTS_SQL = """
SELECT p.sku, p.id FROM products p JOIN json_array_elements_text(%s::json) AS k(sku)
  ON p.sku = k.sku
"""


def product_ids(session: Session, skus: Iterable[str]) -> dict[str, int]:
    """SKU → product id, for the SKUs that exist (only those asked for, not the catalog)."""
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    if is_postgres(session):
        rows = driver_connection(session).execute(_PRODUCTS_SQL, (json_rows(wanted),)).fetchall()
        return dict(rows)
    out: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        out.update(session.execute(select(Product.sku, Product.id).where(
            Product.sku.in_(wanted[start : start + _CHUNK]))).all())
    return out


_LOCKED_SQL = """
SELECT s.product_id, s.warehouse_id, s.on_hand, s.reserved, s.version
FROM stock s JOIN json_to_recordset(%s::json) AS k(p int, w int)
  ON s.product_id = k.p AND s.warehouse_id = k.w
ORDER BY s.product_id, s.warehouse_id
FOR UPDATE OF s
"""


def locked_stock(
    session: Session, keys: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], StockRow]:
    """The stock rows of these (product id, warehouse id) keys that exist, locked in key order
    (lock order: see ``feed/changes.py``): a batch locks and reads only the rows it writes."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    if is_postgres(session):
        rows = driver_connection(session).execute(
            _LOCKED_SQL, (json_rows([{"p": p, "w": w} for p, w in wanted]),)).fetchall()
        return {(r[0], r[1]): StockRow(*r) for r in rows}
    out: dict[tuple[int, int], StockRow] = {}
    columns = select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.reserved,
                     Stock.version)
    pids = sorted({p for p, _ in wanted})
    wids = sorted({w for _, w in wanted})
    wanted_set = set(wanted)
    for start in range(0, len(pids), _CHUNK):
        stmt = columns.where(Stock.product_id.in_(pids[start : start + _CHUNK]),
                             Stock.warehouse_id.in_(wids))
        for r in session.execute(stmt.order_by(Stock.product_id, Stock.warehouse_id)):
            if (r.product_id, r.warehouse_id) in wanted_set:
                out[(r.product_id, r.warehouse_id)] = StockRow(*r)
    return out


_WRITE_SQL = """
UPDATE stock SET on_hand = v.on_hand, version = v.version, updated_at = %s
FROM json_to_recordset(%s::json) AS v(product_id int, warehouse_id int, on_hand int,
                                    version int)
WHERE stock.product_id = v.product_id AND stock.warehouse_id = v.warehouse_id
"""


def write_levels(uow: UnitOfWork, changed: list[dict[str, Any]], now: dt.datetime) -> None:
    """Set ``on_hand`` and ``version`` of existing (locked) stock rows; ``reserved`` is left as
    it is. PostgreSQL: one statement sent with the unit's commit; SQLite: an executemany."""
    if not changed:
        return
    if is_postgres(uow.session):
        uow.execute_later(_WRITE_SQL, (now, json_rows([
            {k: c[k] for k in ("product_id", "warehouse_id", "on_hand", "version")}
            for c in changed])))
        return
    uow.session.execute(update(Stock), [
        {"product_id": c["product_id"], "warehouse_id": c["warehouse_id"],
         "on_hand": c["on_hand"], "version": c["version"], "updated_at": now}
        for c in changed])
