"""Concurrency: no oversell, no skipped or duplicated change while pulls page, on both backends."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_product
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Order, Product, Stock
from sync_engine.server.storage.submit_sql import PostgresSubmitSql
from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server


def test_twenty_clients_race_for_the_last_ten_units(db_url: str) -> None:
    _race_for_the_last_ten_units(db_url, push_processes=0)


@pytest.mark.slow
def test_twenty_clients_race_through_push_processes(pg_db_url: str) -> None:
    """The same race when pushes run in separate processes (as ``serve`` on PostgreSQL)."""
    _race_for_the_last_ten_units(pg_db_url, push_processes=3)


def _race_for_the_last_ten_units(db_url: str, push_processes: int) -> None:
    s = seed(db_url, stock=10)
    product, warehouse = s.products[0], s.warehouses[0]
    with app_server(db_url, push_processes) as server:
        reps = [Api(server, "rep1") for _ in range(20)]
        barrier = threading.Barrier(20)

        def order_one(api: Api) -> dict[str, Any]:
            barrier.wait()
            return api.push_one(
                "order.submit",
                {
                    "order_id": new_id(),
                    "customer_id": s.customers["B"],
                    "lines": [{"product_id": product, "quantity": 1, "unit_price": "10.00"}],
                },
            )

        with ThreadPoolExecutor(20) as pool:
            results = list(pool.map(order_one, reps))
        for api in reps:
            api.close()
    assert all(r["status"] == "applied" for r in results)
    confirmed = [r for r in results if r["data"]["status"] == "confirmed"]
    held = [r for r in results if r["data"]["status"] == "submitted"]
    assert len(confirmed) == 10
    assert len(held) == 10
    assert all(r["data"]["hold_reasons"] == ["stock_short"] for r in held)
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        row = session.get(Stock, (product, warehouse))
        assert row is not None
        assert (row.on_hand, row.reserved) == (10, 10)
        reserved_orders = session.scalar(
            select(func.count()).select_from(Order).where(Order.stock_reserved.is_(True))
        )
        assert reserved_orders == 10
    engine.dispose()


@pytest.mark.slow
def test_pull_paging_while_writers_commit_skips_and_duplicates_nothing(db_url: str) -> None:
    """Writers bump product versions while a reader pages; the reader must end with every
    product at its final version, and never see one (entity, version) twice."""
    s = seed(db_url, products=40)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    stop = threading.Event()
    writes = [0]

    def writer(offset: int) -> None:
        i = offset
        while not stop.is_set() and writes[0] < 600:
            pid = s.products[i % len(s.products)]
            with sessions() as session:
                uow = UnitOfWork(session)
                p = session.scalar(select(Product).where(Product.id == pid).with_for_update())
                assert p is not None
                p.version += 1
                p.name_en = f"Product v{p.version}"
                record_product(uow, p)
                uow.commit()
            writes[0] += 1
            i += 7

    with app_server(db_url) as server, Api(server, "rep1") as rep:
        threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        seen: dict[str, int] = {}
        pairs: set[tuple[str, int]] = set()
        try:
            # At least 40 paged pulls, and on until the writers have committed 60 times
            # between them (a loaded machine gives them fewer turns per pull): the test is of
            # pages read while writes commit.
            rounds, deadline = 0, time.monotonic() + 120
            while rounds < 40 or (writes[0] < 60 and time.monotonic() < deadline):
                rounds += 1
                for c in rep.pull_all(limit=7):
                    if c["entity"] != "product":
                        continue
                    pair = (c["id"], c["version"])
                    assert pair not in pairs, f"duplicate change {pair}"
                    pairs.add(pair)
                    assert c["version"] >= seen.get(c["id"], 0)
                    seen[c["id"]] = c["version"]
        finally:
            stop.set()
            for t in threads:
                t.join()
        # After the writers stop, one more pull must bring every product to its final version.
        for c in rep.pull_all(limit=7):
            if c["entity"] == "product":
                seen[c["id"]] = c["version"]
    with sessions() as session:
        final = {str(pid): v for pid, v in session.execute(select(Product.id, Product.version))}
    engine.dispose()
    assert writes[0] > 50
    assert seen == final


def test_a_submit_committed_after_a_later_one_is_not_skipped_by_a_pull_between(
    pg_db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two runs of ``order.submit`` at once (two server instances, two push processes): the
    one that began first is held just before it writes its orders, the other one commits, a
    device pulls, then the first commits. Sequence numbers follow commit order (the counter is
    taken last, in the commit), so the held order comes after the pulled cursor and the next
    pull brings it. Numbered when it began, it would sit below that cursor: never pulled."""
    s = seed(pg_db_url)
    held, release = threading.Event(), threading.Event()
    write_orders = PostgresSubmitSql.write_orders

    def held_once(self: PostgresSubmitSql, *args: Any) -> None:
        if not held.is_set():
            held.set()
            assert release.wait(30)
        write_orders(self, *args)

    monkeypatch.setattr(PostgresSubmitSql, "write_orders", held_once)

    def order(customer: str, product: int) -> dict[str, Any]:
        return {"order_id": new_id(), "customer_id": s.customers[customer],
                "lines": [{"product_id": product, "quantity": 1, "unit_price": "10.00"}]}

    first, second = order("A", s.products[2]), order("B", s.products[1])  # no lock in common
    with (app_server(pg_db_url) as server, Api(server, "rep1") as one,
          Api(server, "rep1") as other, Api(server, "rep1") as reader):
        reader.pull_all()
        with ThreadPoolExecutor(1) as pool:
            pushed = pool.submit(one.push_one, "order.submit", first)
            assert held.wait(30)
            assert other.push_one("order.submit", second)["status"] == "applied"
            between = {c["id"]: c["seq"] for c in reader.pull_all() if c["entity"] == "order"}
            release.set()
            assert pushed.result(30)["status"] == "applied"
        after = {c["id"]: c["seq"] for c in reader.pull_all() if c["entity"] == "order"}
    assert list(between) == [second["order_id"]]
    assert list(after) == [first["order_id"]]
    assert after[first["order_id"]] > between[second["order_id"]]
