"""The group commit of pushed ``order.submit`` runs answers and writes what one-by-one does.

The same pushes run against two identical databases: one groups runs of submits
(:mod:`sync_engine.server.commands.orders_batch`), the other applies every mutation in its own
transaction. Answers, stored answers, orders, lines, history, stock, outbox and the change log
(in sequence order; the numbers themselves differ, a group takes one counter step) must match.
On SQLite both go one by one. A race of batched pushes for the last units shows the group's
reservation holds against concurrent writers.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from sync_engine.protocol import Mutation
from sync_engine.server.commands import orders_batch
from sync_engine.server.commands.apply import RUN_PATHS, Settings, apply_push
from sync_engine.server.commands.orders import OPEN_STATUSES
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import OPEN_ORDER_SQL, MutationRecord, Order, Stock, User
from tests.server.conftest import WRITES, dump_tables, norm, submit
from tests.support.api import Api, new_id
from tests.support.live import live_server
from tests.support.seed import Seed, seed


def _pushes(s: Seed) -> list[list[dict[str, Any]]]:
    """Pushes (all by rep1) whose runs of submits cover every answer a submit can give."""
    a, b, c = s.customers["A"], s.customers["B"], s.customers["C"]
    p = s.products

    first = [
        submit(1, a, [{"product_id": p[0], "quantity": 12},
                      {"product_id": p[1], "quantity": 3, "unit_price": "10.00"}],
               notes="请尽快", delivery_date="2099-01-02", local_number="L-1"),
        submit(1, a, [{"product_id": p[0], "quantity": 12}]),  # the same key again: a replay
        submit(2, a, [{"product_id": p[0], "quantity": 2, "unit_price": "9.99"}]),  # price
        submit(3, a, [{"product_id": p[2], "quantity": 1},
                      {"product_id": p[2], "quantity": 1}]),  # duplicate line: rejected
        submit(4, c, [{"product_id": p[2], "quantity": 1}]),  # not rep1's customer
        submit(5, b, [{"product_id": p[3], "quantity": 60}]),  # reserves 60 of 100
        submit(6, b, [{"product_id": p[3], "quantity": 50}]),  # 40 left: held, stock short
        submit(7, b, [{"product_id": p[4], "quantity": 40},
                      {"product_id": p[3], "quantity": 30}]),  # credit counts 5 and 6: held
        submit(8, a, [{"product_id": 999_999, "quantity": 1}]),  # unknown product
        {**submit(9, a, [{"product_id": p[1], "quantity": 1}]), "key": "key-0901",
         "args": {**submit(1, a, [])["args"],
                  "lines": [{"product_id": p[1], "quantity": 1}]}},  # order 1 again: exists
        submit(10, a, [{"product_id": p[1], "quantity": 2}]),
        submit(11, a, [{"product_id": p[1], "quantity": 0}]),  # bad arguments
        submit(12, a, [{"product_id": p[0], "quantity": 24}]),
        {"key": "key-0201", "kind": "order.cancel",
         "args": {"order_id": "00000000-0000-4000-8000-000000000005"}},
        submit(13, b, [{"product_id": p[3], "quantity": 20}]),  # after the cancel: 60 back
        submit(14, b, [{"product_id": p[3], "quantity": 1}]),
    ]
    # The whole first push again (a lost response), then a new order beside it.
    second = [*first[:4], submit(15, a, [{"product_id": p[1], "quantity": 1}])]
    return [first, second]


def _run(db_url: str, grouped: bool) -> dict[str, Any]:
    s = seed(db_url, credit_limit=Decimal("2000"))
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    with sessions() as session:
        rep = session.scalars(select(User).where(User.username == "rep1")).one()
        session.expunge(rep)
    results = []
    grouped_answers: list[int] = []
    original = RUN_PATHS["order.submit"]

    def spy(*args: Any) -> list[Any]:
        answers = original(*args)
        grouped_answers.append(len(answers))
        return answers

    orders_batch.ENABLED = grouped
    RUN_PATHS["order.submit"] = spy
    try:
        for push in _pushes(s):
            answers = apply_push(sessions, rep, "dev-rep1",
                                 [Mutation.model_validate(m) for m in push], Settings())
            results.append([norm(r.model_dump(mode="json")) for r in answers])
    finally:
        orders_batch.ENABLED = True
        RUN_PATHS["order.submit"] = original
    out: dict[str, Any] = {"results": results, "grouped": sum(grouped_answers)}
    # A group takes one counter step and claims its keys together: sequence and record numbers
    # differ from one by one, their order does not.
    queries = {
        **{k: v for k, v in WRITES.items() if k != "counter"},
        "log": "SELECT entity, entity_id, op, version, scope, customer_id, warehouse_id,"
               " user_id, data, changed_by, device_id FROM change_log ORDER BY seq",
        "stored": "SELECT user_id, idempotency_key, device_id, kind, status, result"
                  " FROM mutations ORDER BY idempotency_key",
        "events": "SELECT order_id, user_id, device_id, status, reason FROM order_events"
                  " ORDER BY order_id, id",
    }
    out.update(dump_tables(engine, queries))
    engine.dispose()
    return out


def test_grouped_submits_match_one_by_one(twin_dbs: tuple[str, str]) -> None:
    grouped = _run(twin_dbs[0], grouped=True)
    single = _run(twin_dbs[1], grouped=False)
    first, second = grouped["results"]
    assert [(r["status"], r["reason"], r["replayed"]) for r in first] == [
        ("applied", None, False),
        ("applied", None, True),
        ("conflict", "price_changed", False),
        ("rejected", "invalid", False),
        ("rejected", "customer_unknown", False),
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
        ("rejected", "invalid", False),
        ("conflict", "order_exists", False),
        ("applied", None, False),
        ("rejected", "invalid", False),
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
    ]
    holds = [r["details"].get("hold_reasons") for r in first]
    assert holds[5] == [] and holds[6] == ["stock_short"]
    assert holds[7] == ["credit_exceeded"]
    assert [r["replayed"] for r in second] == [True] * 4 + [False]
    assert second[:4] == [{**r, "replayed": True} for r in first[:4]]
    # On PostgreSQL groups answered all but order 1 again (the general path answers
    # order_exists) and the cancel.
    assert grouped.pop("grouped") == (0 if twin_dbs[0].startswith("sqlite") else 19)
    assert single.pop("grouped") == 0
    for name in grouped:
        assert grouped[name] == single[name], name


def test_batched_pushes_race_for_the_last_units(db_url: str) -> None:
    """Four devices each push five one-unit orders for the last ten units at once."""
    s = seed(db_url, stock=10)
    product, warehouse = s.products[0], s.warehouses[0]
    with live_server(db_url) as url:
        reps = [Api(url, "rep1") for _ in range(4)]
        barrier = threading.Barrier(len(reps))

        def push_five(api: Api) -> list[dict[str, Any]]:
            orders = [
                {"key": new_id(), "kind": "order.submit",
                 "args": {"order_id": new_id(), "customer_id": s.customers["B"],
                          "lines": [{"product_id": product, "quantity": 1,
                                     "unit_price": "10.00"}]}}
                for _ in range(5)
            ]
            barrier.wait()
            return api.push(*orders)

        with ThreadPoolExecutor(len(reps)) as pool:
            results = [r for rs in pool.map(push_five, reps) for r in rs]
        for api in reps:
            api.close()
    assert [r["status"] for r in results] == ["applied"] * 20
    assert sum(r["data"]["stock_reserved"] for r in results) == 10
    assert len({r["data"]["number"] for r in results}) == 20
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        row = session.get(Stock, (product, warehouse))
        assert row is not None
        assert (row.on_hand, row.reserved) == (10, 10)
        assert session.scalar(select(func.count()).select_from(Order)) == 20
    engine.dispose()


def test_the_same_batch_pushed_twice_at_once_applies_once(db_url: str) -> None:
    """A retry racing the original push (a timeout on a slow link): one effect, one answer."""
    s = seed(db_url)
    with live_server(db_url) as url:
        first = Api(url, "rep1")
        second = Api(url, "rep1", client_id=first.client_id)
        orders = [
            {"key": new_id(), "kind": "order.submit",
             "args": {"order_id": new_id(), "customer_id": s.customers["A"],
                      "lines": [{"product_id": s.products[i % 3], "quantity": 12}]}}
            for i in range(6)
        ]
        barrier = threading.Barrier(2)

        def push(api: Api) -> list[dict[str, Any]]:
            barrier.wait()
            return api.push(*orders)

        with ThreadPoolExecutor(2) as pool:
            a, b = pool.map(push, (first, second))
        first.close()
        second.close()
    assert [r["status"] for r in a + b] == ["applied"] * 12
    assert [r["data"]["number"] for r in a] == [r["data"]["number"] for r in b]
    assert sorted(r["replayed"] for r in a + b) == [False] * 6 + [True] * 6
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 6
    engine.dispose()


def test_the_credit_check_reads_a_customers_open_orders_from_their_index(db_url: str) -> None:
    """The open orders' sum is served by ``ix_orders_customer_open``: the SQL states the index's
    predicate in its own words, and those words name exactly the open statuses."""
    open_statuses = ", ".join(repr(s) for s in OPEN_STATUSES)
    assert f"status IN ({open_statuses})" == OPEN_ORDER_SQL
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_seqscan = off")
                query = orders_batch._OPEN_TOTALS.replace("%b::int8[]", "ARRAY[1, 2]::int8[]")
                plan = "\n".join(str(r[0]) for r in conn.exec_driver_sql("EXPLAIN " + query))
                assert "Index Only Scan using ix_orders_customer_open" in plan, plan
            else:
                query = orders_batch._OPEN_TOTALS.replace("ANY(%b::int8[])", "1")
                query = query.replace("customer_id = 1", "customer_id IN (1, 2)")
                plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + query))
                assert "ix_orders_customer_open" in plan, plan
    finally:
        engine.dispose()


def test_a_key_stored_behind_the_groups_back_sends_the_run_one_by_one(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group claims keys with advisory locks and inserts their records at commit. A path
    that stores a key without those locks is caught by the unique key at commit: the run is
    rolled back whole and applied one by one, so the key answers as a replay and nothing is
    written twice. (Made visible here by hiding the stored key from the group's check.)"""
    s = seed(db_url)
    a, p = s.customers["A"], s.products
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    with sessions() as session:
        rep = session.scalars(select(User).where(User.username == "rep1")).one()
        session.expunge(rep)

    def push(*ms: dict[str, Any]) -> list[dict[str, Any]]:
        answers = apply_push(sessions, rep, "dev-rep1", [Mutation.model_validate(m) for m in ms],
                             Settings())
        return [r.model_dump(mode="json") for r in answers]

    try:
        [first] = push(submit(1, a, [{"product_id": p[0], "quantity": 12}]))
        monkeypatch.setattr(orders_batch, "_STORED",
                            "SELECT NULL, NULL WHERE %s IS NULL AND %b::text[] IS NULL")
        again = {**submit(3, a, [{"product_id": p[1], "quantity": 1}]), "key": "key-0001"}
        second = push(submit(2, a, [{"product_id": p[0], "quantity": 12}]), again)
        assert [(r["status"], r["replayed"]) for r in second] == [("applied", False),
                                                                   ("applied", True)]
        assert second[1]["data"] == first["data"]
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(Order)) == 2
            stored = session.scalar(select(func.count()).select_from(MutationRecord))
            assert stored == 2
    finally:
        engine.dispose()
