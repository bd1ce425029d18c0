"""The integration upserts on every backend (SQLite and PostgreSQL), without HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sync_engine.server.ops.integration.upserts import apply_upserts
from sync_engine.server.storage.commit import INSERT_CHUNK
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    ConsumedMessage,
    Customer,
    Product,
    SourceVersion,
    Stock,
)
from tests.support.seed import Seed, seed


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[Seed, Session]]:
    data = seed(db_url, products=2, stock=100)
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        yield data, session
    engine.dispose()


def _level(session: Session, data: Seed) -> int:
    session.expire_all()
    stock = session.get(Stock, (data.products[0], data.warehouses[0]))
    assert stock is not None
    session.commit()
    return stock.on_hand


def test_versions_deltas_and_message_ids(world: tuple[Seed, Session]) -> None:
    data, session = world

    def row(version: int, **level: int) -> dict[str, object]:
        return {"sku": "SKU-0001", "warehouse": "SH", "version": version, **level}

    report = apply_upserts(session, "stock", [row(2, delta=5), row(1, on_hand=50)])
    assert (report.updated, report.skipped) == (1, 0)
    assert _level(session, data) == 55  # level 50 (v1), then +5 (v2)
    assert apply_upserts(session, "stock", [row(2, delta=5)]).skipped == 1
    assert apply_upserts(session, "stock", [row(1, on_hand=7)]).skipped == 1
    assert _level(session, data) == 55
    stored = session.scalars(select(SourceVersion)).one()
    assert (stored.entity, stored.key, stored.version) == ("stock", "SKU-0001|SH", 2)
    session.commit()
    # A queue message applies once, whatever its rows say.
    first = apply_upserts(session, "stock", [row(3, delta=1)], message_id="m-1")
    again = apply_upserts(session, "stock", [row(4, delta=1)], message_id="m-1")
    assert first.applied and again.duplicate and not again.applied
    assert _level(session, data) == 56
    assert session.get(ConsumedMessage, "m-1") is not None
    session.commit()
    bad = apply_upserts(session, "stock", [row(5, delta=-57)])
    assert [(e.row, e.field, e.code) for e in bad.errors] == [(0, "on_hand", "out_of_range")]
    missing = apply_upserts(session, "stock", [{"sku": "SKU-0001", "warehouse": "SH"}])
    assert [(e.field, e.code) for e in missing.errors] == [("version", "required")]
    assert missing.errors[0].message_zh.startswith("必须填写")
    with pytest.raises(ValueError, match="unknown kind"):
        apply_upserts(session, "orders", [])


def _levels(session: Session) -> dict[tuple[int, int], tuple[int, int, int]]:
    session.expire_all()
    out = {(s.product_id, s.warehouse_id): (s.on_hand, s.reserved, s.version)
           for s in session.scalars(select(Stock))}
    session.commit()
    return out


def test_one_batch_mixes_levels_deltas_stale_rows_and_reservations(
    world: tuple[Seed, Session],
) -> None:
    """A bulk batch applied as one set: per key in version order (levels and deltas mixed),
    stale rows skipped, a level below reserved reported at its row and never clipped."""
    data, session = world
    (p1, p2), (sh, gz) = data.products, data.warehouses
    held = session.get(Stock, (p1, gz))
    assert held is not None
    held.reserved = 20
    session.commit()
    assert apply_upserts(session, "stock", [
        {"sku": "SKU-0002", "warehouse": "SH", "on_hand": 70, "version": 9}]).applied
    before = _levels(session)

    rows: list[dict[str, object]] = [
        {"sku": "SKU-0001", "warehouse": "SH", "delta": 2, "version": 5},
        {"sku": "SKU-0002", "warehouse": "SH", "on_hand": 1, "version": 8},  # stale: v9 applied
        {"sku": "SKU-0001", "warehouse": "SH", "on_hand": 40, "version": 3},
        {"sku": "SKU-0001", "warehouse": "GZ", "on_hand": 5, "version": 1},  # 5 < 20 reserved
        {"sku": "SKU-0001", "warehouse": "SH", "delta": "-10", "version": 4},
        {"sku": "SKU-0002", "warehouse": "GZ", "delta": -100, "version": 1},  # to exactly 0
        {"sku": "SKU-0002", "warehouse": "SH", "on_hand": 2, "version": 9},  # repeated: skipped
    ]
    strict = apply_upserts(session, "stock", rows)
    assert not strict.applied
    assert [(e.row, e.field, e.code) for e in strict.errors] == [(3, "on_hand",
                                                                   "below_reserved")]
    assert "20" in strict.errors[0].message
    assert _levels(session) == before  # all or nothing: nothing written

    report = apply_upserts(session, "stock", rows, per_row=True)
    assert report.applied and report.skipped == 2
    assert [(e.row, e.field, e.code) for e in report.errors] == [(3, "on_hand",
                                                                   "below_reserved")]
    after = _levels(session)
    assert after[(p1, sh)] == (32, 0, before[(p1, sh)][2] + 1)  # 40, −10, +2: one new version
    assert after[(p1, gz)] == before[(p1, gz)] == (100, 20, before[(p1, gz)][2])  # not clipped
    assert after[(p2, sh)] == before[(p2, sh)]  # stale and repeated rows: untouched
    assert after[(p2, gz)] == (0, 0, before[(p2, gz)][2] + 1)
    stored = dict(session.execute(select(SourceVersion.key, SourceVersion.version)).all())
    assert stored == {"SKU-0001|SH": 5, "SKU-0002|GZ": 1, "SKU-0002|SH": 9}
    session.commit()


def test_a_batch_larger_than_one_commit_pipeline(world: tuple[Seed, Session]) -> None:
    """More changes than one pipelined commit takes (storage.commit.INSERT_CHUNK): the queued
    set-based statements (levels, source versions) still run, in the same transaction."""
    _data, session = world
    n = INSERT_CHUNK // 2 + 1  # products; two warehouses each: more stock rows than a chunk
    products = [{"sku": f"BULK-{i:05d}", "name_zh": "货", "unit": "瓶", "tax_rate": "0.13",
                 "base_price": "1.00", "version": 1} for i in range(n)]
    assert apply_upserts(session, "products", products).applied

    def stock(version: int, level: int) -> list[dict[str, object]]:
        return [{"sku": f"BULK-{i:05d}", "warehouse": w, "on_hand": level, "version": version}
                for i in range(n) for w in ("SH", "GZ")]

    created = apply_upserts(session, "stock", stock(1, 5))
    assert created.applied and created.created == 2 * n
    updated = apply_upserts(session, "stock", stock(2, 7))
    assert updated.applied and updated.updated == 2 * n and not updated.errors
    levels = {(s.on_hand, s.version) for s in _stock_of(session, "BULK-")}
    assert levels == {(7, 2)}
    assert apply_upserts(session, "stock", stock(2, 9)).skipped == 2 * n


def _stock_of(session: Session, prefix: str) -> list[Stock]:
    session.expire_all()
    rows = list(session.scalars(select(Stock).join(Product).where(
        Product.sku.startswith(prefix))))
    session.commit()
    return rows


def test_customers_in_batches_larger_than_a_lookup(world: tuple[Seed, Session]) -> None:
    """A batch of more customers than one ``IN (…)`` list takes (the importer looks up and
    locks only the rows a batch names, in chunks): all created, then all updated, the rep and
    the other customers untouched."""
    data, session = world
    n = 1201

    def rows(version: int, name: str) -> list[dict[str, object]]:
        return [{"code": f"MANY-{i:05d}", "name": f"{name}{i}", "warehouse": "SH",
                 "rep": "REP1" if i % 2 else "rep2", "version": version} for i in range(n)]

    created = apply_upserts(session, "customers", rows(1, "店"))
    assert created.applied and created.created == n and not created.errors
    updated = apply_upserts(session, "customers", rows(2, "新店"))
    assert updated.applied and updated.updated == n and not updated.errors
    session.expire_all()
    stored = {c.code: (c.name, c.rep_id, c.version) for c in session.scalars(
        select(Customer).where(Customer.code.startswith("MANY-")))}
    assert stored == {f"MANY-{i:05d}": (f"新店{i}", data.users["rep1" if i % 2 else "rep2"], 2)
                      for i in range(n)}
    assert session.get(Customer, data.customers["A"]).version == 1  # type: ignore[union-attr]
    session.commit()


def test_a_customer_batch_locks_only_its_customers(pg_db_url: str) -> None:
    """A change of one customer waits for no other customer's lock (it locked every customer of
    the table once: with 2,000 of them, hundreds of ms before it even wrote)."""
    data = seed(pg_db_url, products=1)
    engine = make_engine(pg_db_url)
    sessions = make_session_factory(engine)
    try:
        with sessions() as holder, sessions() as session:
            held = holder.get(Customer, data.customers["C"], with_for_update=True)
            assert held is not None
            session.execute(text("SET lock_timeout = '3s'"))
            report = apply_upserts(session, "customers", [
                {"code": "CUST-A", "name": "改名", "warehouse": "SH", "rep": "rep1",
                 "version": 1}])
            assert report.applied and report.updated == 1 and not report.errors
            holder.rollback()
    finally:
        engine.dispose()
