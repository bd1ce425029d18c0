"""Looking at (and poking) the server's database directly, for asserts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sync_engine.client.engine import Engine
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_product
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    AuthToken,
    CustomerPrice,
    Favourite,
    Order,
    Product,
    ServerMeta,
    Shipment,
    Stock,
    utcnow,
)
from tests.support.api import Api
from tests.support.server import Server


@contextmanager
def server_session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def count_orders(db_url: str) -> int:
    with server_session(db_url) as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def count_shipments(db_url: str) -> int:
    with server_session(db_url) as s:
        return int(s.scalar(select(func.count()).select_from(Shipment)) or 0)


def server_order(db_url: str, order_id: str) -> Order | None:
    with server_session(db_url) as s:
        order = s.get(Order, order_id)
        if order is not None:
            _ = list(order.lines)
            s.expunge_all()
        return order


def set_auto_confirm(db_url: str, on: bool) -> None:
    with server_session(db_url) as s:
        s.execute(update(ServerMeta).where(ServerMeta.key == "auto_confirm")
                  .values(value="true" if on else "false"))
        s.commit()


def set_base_price(db_url: str, product_id: int, price: str) -> None:
    with server_session(db_url) as s:
        p = s.get(Product, product_id)
        assert p is not None
        p.base_price = Decimal(price)
        p.version += 1
        p.updated_at = utcnow()
        uow = UnitOfWork(s)
        record_product(uow, p)
        uow.commit()


def rename_product(db_url: str, product_id: int, name_zh: str, name_en: str) -> None:
    """A product renamed on the server, recorded in the feed as the catalog import does."""
    with server_session(db_url) as s:
        p = s.get(Product, product_id)
        assert p is not None
        p.name_zh, p.name_en = name_zh, name_en
        p.version += 1
        p.updated_at = utcnow()
        uow = UnitOfWork(s)
        record_product(uow, p)
        uow.commit()


def delete_product(db_url: str, product_id: int) -> None:
    """A product removed from the server's database behind its back (no order uses it)."""
    with server_session(db_url) as s:
        for table in (Stock, CustomerPrice, Favourite):
            s.execute(delete(table).where(table.product_id == product_id))
        s.execute(delete(Product).where(Product.id == product_id))
        s.commit()


def revoke_all_tokens(db_url: str) -> None:
    with server_session(db_url) as s:
        s.execute(update(AuthToken).values(revoked_at=utcnow()))
        s.commit()


_TABLES = {"product": "products", "customer": "customers", "price": "prices",
           "order": "orders", "stock": "stock", "shipment": "shipments",
           "warehouse": "warehouses", "return": "returns", "credit": "credit"}


def server_view(server: Server | str, username: str) -> dict[str, dict[str, int]]:
    """A fresh full pull for ``username``: entity → {id: version}."""
    out: dict[str, dict[str, int]] = {k: {} for k in _TABLES}
    with Api(server, username) as api:
        for c in api.pull_all(limit=5000):
            if c["entity"] in out:
                if c["op"] == "upsert":
                    out[c["entity"]][str(c["id"])] = int(c["version"])
                else:
                    out[c["entity"]].pop(str(c["id"]), None)
    return out


def local_view(engine: Engine) -> dict[str, dict[str, int]]:
    """The device's replica in the same shape (drafts left out: they are not on the server)."""
    out: dict[str, dict[str, int]] = {}
    with engine.store.read() as db:
        out["product"] = {str(r[0]): r[1] for r in db.execute("SELECT id, version FROM products")}
        out["customer"] = {str(r[0]): r[1]
                           for r in db.execute("SELECT id, version FROM customers")}
        out["price"] = {f"{r[0]}:{r[1]}": r[2] for r in db.execute(
            "SELECT customer_id, product_id, version FROM prices")}
        out["order"] = {r[0]: r[1] for r in db.execute(
            "SELECT id, server_version FROM orders WHERE status != 'draft'")}
        out["stock"] = {f"{r[0]}:{r[1]}": r[2] for r in db.execute(
            "SELECT product_id, warehouse_id, version FROM stock")}
        out["shipment"] = {r[0]: r[1] for r in db.execute("SELECT id, version FROM shipments")}
        out["warehouse"] = {str(r[0]): r[1]
                            for r in db.execute("SELECT id, version FROM warehouses")}
        out["return"] = {r[0]: r[1] for r in db.execute(
            "SELECT id, version FROM returns WHERE version > 0")}
        out["credit"] = {str(r[0]): r[1]
                         for r in db.execute("SELECT customer_id, version FROM credit")}
    return out


def assert_converged(engine: Engine, server: Server | str, username: str) -> None:
    """The device's replica equals the server's state for its scope, entity by entity."""
    remote = server_view(server, username)
    local = local_view(engine)
    for entity in _TABLES:
        mine, theirs = local[entity], remote[entity]
        assert mine == theirs, (entity, {key: (mine.get(key), theirs.get(key))
                                         for key in mine.keys() | theirs.keys()
                                         if mine.get(key) != theirs.get(key)})
    status = engine.status()
    assert status.pending == 0 and status.held == 0 and status.conflicts == 0


def orders_by_status(db_url: str) -> dict[str, Any]:
    with server_session(db_url) as s:
        return {o.id: o.status for o in s.scalars(select(Order))}
