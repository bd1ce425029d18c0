"""Runs of ``order.submit`` in one push: decided one by one, committed together, on SQLite and
PostgreSQL.

The answers and every row written must be those of one transaction per mutation in push order:
:class:`~tests.server.submit_reference.Reference` works them out from the domain rules alone.
Runs cover every answer a submit gives, credit and stock used up over a run, replays of keys
stored before and inside a run, an order id submitted twice, and a database error in the middle
of a run; races of whole pushes show the run's key claims and reservations hold against
concurrent writers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from sync_engine.protocol import Mutation
from sync_engine.server.commands.apply import Settings, apply_push
from sync_engine.server.commands.orders import OPEN_STATUSES
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    OPEN_ORDER_SQL,
    Customer,
    MutationRecord,
    Order,
    Stock,
    User,
)
from sync_engine.server.storage.submit_sql import PostgresSubmitSql, SqliteSubmitSql
from tests.server.conftest import norm, submit
from tests.server.submit_reference import (
    Reference,
    answer_summary,
    database_state,
    stored_answers,
)
from tests.support.api import Api, new_id
from tests.support.live import live_server
from tests.support.seed import Seed, seed

SQL_CLASSES = (PostgresSubmitSql, SqliteSubmitSql)


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
        submit(11, a, [{"product_id": p[1], "quantity": 0}]),  # bad quantity
        submit(12, a, [{"product_id": p[0], "quantity": 24}]),
        {"key": "key-0201", "kind": "order.cancel",
         "args": {"order_id": "00000000-0000-4000-8000-000000000005"}},
        submit(13, b, [{"product_id": p[3], "quantity": 20}]),  # after the cancel: 60 back
        submit(14, b, [{"product_id": p[3], "quantity": 1}]),
    ]
    # The whole first push again (a lost response), then a new order beside it.
    second = [*first[:4], submit(15, a, [{"product_id": p[1], "quantity": 1}])]
    return [first, second]


def _long_push(s: Seed) -> list[dict[str, Any]]:
    """One push of 125 submits for two customers and five products: stock and A's credit run
    out over the run (it spans several commit chunks), with rejections, price conflicts and
    replays of earlier keys among them."""
    a, b = s.customers["A"], s.customers["B"]
    p = s.products
    out: list[dict[str, Any]] = []
    for n in range(1, 121):
        lines: list[dict[str, Any]] = [{"product_id": p[n % 5], "quantity": 1 + n % 7},
                                       {"product_id": p[(n + 2) % 5], "quantity": 2}]
        if n % 17 == 0:
            lines[0]["quantity"] = 0  # rejected
        if n % 29 == 0:
            lines[1]["unit_price"] = "1.00"  # a price that changed: conflict
        out.append(submit(n, (a, b)[n % 2], lines))
        if n % 23 == 0:
            out.append(out[n // 2])  # an earlier key of this run again: replayed
    return out


class _Env:
    """A seeded database, its sessions (counted: each run and each lone mutation opens one),
    rep1, and the reference. ``unlimited``: customers given no credit limit."""

    def __init__(self, db_url: str, unlimited: tuple[str, ...] = (), **kw: Any):
        self.seed = seed(db_url, **kw)
        self.engine = make_engine(db_url)
        factory = make_session_factory(self.engine)
        self.opened = 0
        with factory() as session:
            for code in unlimited:
                customer = session.get(Customer, self.seed.customers[code])
                assert customer is not None
                customer.credit_limit = None
            session.commit()

        def sessions() -> Session:
            self.opened += 1
            return factory()

        self.sessions: Any = sessions
        with factory() as session:
            self.users = {u.username: u for u in session.scalars(select(User))}
            for u in self.users.values():
                session.expunge(u)
        self.reference = Reference(self.engine)
        self.pushed_by: list[int] = []

    def push(self, ms: list[dict[str, Any]], who: str = "rep1") -> list[dict[str, Any]]:
        """Push ``ms`` as ``who``, and to the reference one by one; the answers as JSON."""
        user = self.users[who]
        answers = apply_push(self.sessions, user, f"dev-{who}",
                             [Mutation.model_validate(m) for m in ms], Settings())
        for m in ms:
            self.reference.push(who, f"dev-{who}", m)
        self.pushed_by += [user.id] * len(ms)
        return [r.model_dump(mode="json") for r in answers]

    def check(self, answers: list[dict[str, Any]]) -> None:
        """Answers and tables are the reference's; every first answer is the stored one."""
        n = len(answers)
        assert [answer_summary(r) for r in answers] == self.reference.answers[-n:]
        assert database_state(self.engine, self.reference.first_seq) == self.reference.state()
        stored = stored_answers(self.engine)
        for user_id, r in zip(self.pushed_by[-n:], answers, strict=True):
            if not r["replayed"]:
                assert norm(stored[(user_id, r["key"])]) == norm(r), r["key"]

    def count(self, model: Any) -> int:
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_runs_answer_and_write_as_one_transaction_each(db_url: str) -> None:
    env = _Env(db_url, credit_limit=Decimal("2000"))
    try:
        pushes = _pushes(env.seed)
        opened = []
        answers = []
        for push in pushes:
            before = env.opened
            answers.append(env.push(push))
            opened.append(env.opened - before)
        first, second = answers
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
        # The first push: submits 1–8 in one transaction; order 1's id again ends that run, so
        # it and the three submits up to the cancel are a second; the cancel alone; the last
        # two submits. The second push is one run.
        assert opened == [4, 1]
        env.check(first + second)
    finally:
        env.engine.dispose()


def test_a_long_run_uses_up_credit_and_stock_in_push_order(db_url: str) -> None:
    env = _Env(db_url, unlimited=("B",), credit_limit=Decimal("2000"))
    try:
        answers = env.push(_long_push(env.seed))
        assert env.opened == 1  # one run, one transaction
        holds = [tuple(r["details"]["hold_reasons"]) for r in answers
                 if r["status"] == "applied" and not r["replayed"]]
        # Everything a run can answer is in it: confirmed at once, held for stock, for credit,
        # for both; rejected; price conflicts; replays.
        assert {(), ("stock_short",), ("credit_exceeded",),
                ("stock_short", "credit_exceeded")} <= set(holds)
        statuses = {(r["status"], r["reason"], r["replayed"]) for r in answers}
        assert {("rejected", "invalid", False), ("conflict", "price_changed", False),
                ("applied", None, True)} <= statuses
        env.check(answers)
    finally:
        env.engine.dispose()


def test_a_run_for_customers_of_two_warehouses_draws_on_each_ones_stock(db_url: str) -> None:
    """An admin's run for customers of both warehouses: each order reserves in its customer's
    warehouse, and a product short in one is not short in the other."""
    env = _Env(db_url, stock=10)
    a, c, p = env.seed.customers["A"], env.seed.customers["C"], env.seed.products
    try:
        answers = env.push([
            submit(1, a, [{"product_id": p[1], "quantity": 6}]),
            submit(2, c, [{"product_id": p[1], "quantity": 8}]),
            submit(3, a, [{"product_id": p[1], "quantity": 6}]),  # 4 left here: held
            submit(4, c, [{"product_id": p[1], "quantity": 2},
                          {"product_id": p[2], "quantity": 1}]),  # the last 2 there
        ], who="admin")
        assert [r["details"]["hold_reasons"] for r in answers] == [[], [], ["stock_short"], []]
        assert [r["data"]["warehouse_id"] for r in answers] == [*env.seed.warehouses] * 2
        env.check(answers)
    finally:
        env.engine.dispose()


def _fail_first(
    monkeypatch: pytest.MonkeyPatch, name: str, times: int = 1
) -> list[str]:
    """Make ``name`` of the run's SQL raise a database error the first ``times`` calls (before
    it touches the database); returns the list the failures are noted in."""
    failures: list[str] = []
    for cls in SQL_CLASSES:
        real: Callable[..., Any] = getattr(cls, name)

        def failing(self: Any, *args: Any, _real: Callable[..., Any] = real) -> Any:
            if len(failures) < times:
                failures.append(name)
                raise OperationalError(name, {}, Exception("injected: the connection broke"))
            return _real(self, *args)

        monkeypatch.setattr(cls, name, failing)
    return failures


def test_a_database_error_rolls_the_run_back_and_each_mutation_goes_alone(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that fails in the database (here: when it asks for order numbers, with its rows
    locked and its orders decided) keeps nothing; each of its mutations is then a run of its
    own, and every answer and row is what one transaction each gives."""
    env = _Env(db_url, credit_limit=Decimal("2000"))
    try:
        [first] = env.push(_pushes(env.seed)[0][:1])
        failures = _fail_first(monkeypatch, "order_numbers")
        push = _pushes(env.seed)[0][1:9]  # order 1's key again, then every answer once
        answers = env.push(push)
        assert failures == ["order_numbers"]
        assert env.opened == 1 + 1 + len(push)  # the first push, the failed run, one each
        assert answers[0] == {**first, "replayed": True}
        env.check([first, *answers])
    finally:
        env.engine.dispose()


def test_a_database_error_in_a_run_of_one_fails_the_push(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alone, a mutation has nothing to be separated from: the error fails the push, which the
    client sends again; nothing of it was written."""
    env = _Env(db_url)
    try:
        _fail_first(monkeypatch, "order_numbers", times=3)
        with pytest.raises(OperationalError):
            env.push(_pushes(env.seed)[0][:1])
        assert (env.count(Order), env.count(MutationRecord)) == (0, 0)
        with pytest.raises(OperationalError):  # a run of two: each alone, the first fails
            env.push(_pushes(env.seed)[0][5:7])
        assert (env.count(Order), env.count(MutationRecord)) == (0, 0)
    finally:
        env.engine.dispose()


def test_a_key_stored_behind_the_runs_back_sends_the_run_one_at_a_time(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run claims its keys (advisory locks on PostgreSQL, the write lock on SQLite) and
    inserts their records at commit. A key stored meanwhile by a writer without that claim is
    caught by the unique key at commit: the run is rolled back whole and applied one mutation at
    a time, so the key answers as a replay and nothing is written twice. (Made to happen here by
    hiding an answer stored before from the run's first look.)"""
    env = _Env(db_url)
    a, p = env.seed.customers["A"], env.seed.products
    hidden: list[set[str]] = []
    for cls in SQL_CLASSES:
        real = cls.load

        def load_hiding_once(self: Any, *args: Any, _real: Callable[..., Any] = real) -> Any:
            data = _real(self, *args)
            if not hidden and data.stored:
                hidden.append(set(data.stored))
                data.stored.clear()
            return data

        monkeypatch.setattr(cls, "load", load_hiding_once)
    try:
        [first] = env.push([submit(1, a, [{"product_id": p[0], "quantity": 12}])])
        again = {**submit(3, a, [{"product_id": p[1], "quantity": 1}]), "key": "key-0001"}
        second = env.push([submit(2, a, [{"product_id": p[0], "quantity": 12}]), again])
        assert hidden == [{"key-0001"}]
        assert [(r["status"], r["replayed"]) for r in second] == [("applied", False),
                                                                   ("applied", True)]
        assert second[1]["data"] == first["data"]
        assert (env.count(Order), env.count(MutationRecord)) == (2, 2)
        with Session(env.engine) as session:
            stock = session.get(Stock, (p[0], env.seed.warehouses[0]))
            assert stock is not None and stock.reserved == 24
            assert session.scalar(select(func.count()).select_from(Stock)
                                  .where(Stock.product_id == p[1], Stock.reserved > 0)) == 0
    finally:
        env.engine.dispose()


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
                query = PostgresSubmitSql.OPEN_TOTALS.replace("%b::int8[]",
                                                              "ARRAY[1, 2]::int8[]")
                plan = "\n".join(str(r[0]) for r in conn.exec_driver_sql("EXPLAIN " + query))
                assert "Index Only Scan using ix_orders_customer_open" in plan, plan
            else:
                query = str(SqliteSubmitSql.OPEN_TOTALS.params(ids=[1, 2]).compile(
                    dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
                assert "IN (1, 2)" in query, query
                plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + query))
                assert "ix_orders_customer_open" in plan, plan
    finally:
        engine.dispose()
