"""The integration upserts on every backend (SQLite and PostgreSQL), without HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.ops.integration.upserts import apply_upserts
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import ConsumedMessage, SourceVersion, Stock
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
    assert [(e.line, e.column, e.code) for e in bad.errors] == [(0, "on_hand", "out_of_range")]
    missing = apply_upserts(session, "stock", [{"sku": "SKU-0001", "warehouse": "SH"}])
    assert [(e.column, e.code) for e in missing.errors] == [("version", "required")]
    assert missing.errors[0].message_zh.startswith("必须填写")
    with pytest.raises(ValueError, match="unknown kind"):
        apply_upserts(session, "orders", [])
