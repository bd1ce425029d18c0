"""One bad change never blocks the rest (promise 12): a mutation that makes the server fail —
a handler that raises, a statement the database refuses — is answered alone, ``rejected``
``internal_error`` with the request id, its writes rolled back and the error logged with its
traceback; the other mutations of the same push apply. On SQLite and PostgreSQL, through the
one-at-a-time path and the submit runs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.commands import registry, submit
from sync_engine.server.commands.context import Applied, Context
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Order, Stock
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed, totals
from tests.support.server import Server, app_server


@pytest.fixture
def env(db_url: str) -> Iterator[tuple[str, Server, Seed]]:
    s = seed(db_url)
    with app_server(db_url) as server:
        yield db_url, server, s


def order(s: Seed, quantity: int = 1, **extra: Any) -> dict[str, Any]:
    return {"order_id": new_id(), "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[1], "quantity": quantity, "unit_price": "10.00"}],
            **extra}


def reserved(db_url: str, s: Seed) -> int:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        units = int(session.scalar(select(func.sum(Stock.reserved))
                                   .where(Stock.product_id == s.products[1])) or 0)
    engine.dispose()
    return units


def status_of(db_url: str, order_id: str) -> str:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        found = session.get(Order, order_id)
        assert found is not None
        status = found.status
    engine.dispose()
    return status


def raw_push(api: Api, *mutations: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The request id the server gave the push, and its answers."""
    r = api.http.post("/v1/push", json={"client_id": api.client_id, "mutations": list(mutations)})
    assert r.status_code == 200, r.text
    return r.headers["x-request-id"], r.json()["results"]


def assert_internal_error(result: dict[str, Any], request_id: str) -> None:
    assert result["status"] == "rejected", result
    assert result["reason"] == "internal_error"
    assert result["details"] == {"request_id": request_id}
    assert request_id in result["message"] and request_id in result["message_zh"]


def test_a_handler_that_raises_is_answered_alone_and_its_writes_undone(
    env: tuple[str, Server, Seed], monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db_url, server, s = env
    real_cancel = registry.HANDLERS["order.cancel"]

    def cancel_then_fail(ctx: Context, args: Any) -> Applied:
        real_cancel(ctx, args)  # writes: the order cancelled, its stock released
        raise RuntimeError("a bug after the writes")

    with Api(server, "rep1") as rep:
        placed = rep.push_one("order.submit", order(s, quantity=3))
        assert placed["status"] == "applied"
        before = totals(db_url)
        monkeypatch.setitem(registry.HANDLERS, "order.cancel", cancel_then_fail)
        caplog.set_level(logging.ERROR)
        bad = mutation("order.cancel", {"order_id": placed["id"], "reason": "x"}, 1)
        request_id, results = raw_push(
            rep,
            mutation("favourite.set", {"product_id": s.products[0], "favourite": True}),
            bad,
            mutation("order.submit", order(s, quantity=2)),
            mutation("favourite.set", {"product_id": s.products[2], "favourite": True}),
        )
        assert [r["status"] for r in results] == ["applied", "rejected", "applied", "applied"]
        assert_internal_error(results[1], request_id)
        assert status_of(db_url, placed["id"]) in ("confirmed", "submitted")
        assert reserved(db_url, s) == 5  # the cancel's release was rolled back
        # The error is in the log once, with its traceback and the request id.
        [logged] = [r for r in caplog.records if "answered internal_error" in r.getMessage()]
        assert logged.exc_info is not None and request_id in logged.getMessage()
        assert "a bug after the writes" in caplog.text
        # The answer is stored under the key: sent again, it changes nothing.
        monkeypatch.setitem(registry.HANDLERS, "order.cancel", real_cancel)
        again = rep.push(bad)[0]
        assert again["replayed"] is True and again["reason"] == "internal_error"
        orders, answers, _ = totals(db_url)
        assert (orders, answers) == (before[0] + 1, before[1] + 4)


def test_a_statement_the_database_refuses_is_that_mutations_alone(
    env: tuple[str, Server, Seed], monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_url, server, s = env

    def refused(ctx: Context, args: Any) -> Applied:
        ctx.session.execute(text("INSERT INTO no_such_table VALUES (1)"))
        raise AssertionError("unreachable")

    monkeypatch.setitem(registry.HANDLERS, "favourite.set", refused)
    with Api(server, "rep1") as rep:
        request_id, results = raw_push(
            rep,
            mutation("order.submit", order(s)),
            mutation("favourite.set", {"product_id": s.products[0], "favourite": True}),
            mutation("order.submit", order(s)),
        )
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert_internal_error(results[1], request_id)
    assert totals(db_url)[0] == 2


def test_a_submit_that_fails_in_a_run_is_answered_alone_and_the_run_applies(
    env: tuple[str, Server, Seed], monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_url, server, s = env
    real_price = submit.check_and_price

    def poisoned(customer: Any, lines: Any, *rest: Any, **named: Any) -> Any:
        if lines[0].quantity == 13:
            raise ZeroDivisionError("a bug in pricing")
        return real_price(customer, lines, *rest, **named)

    monkeypatch.setattr(submit, "check_and_price", poisoned)
    with Api(server, "rep1") as rep:
        request_id, results = raw_push(
            rep, *(mutation("order.submit", order(s, quantity=q)) for q in (1, 13, 2, 13, 4)),
            mutation("favourite.set", {"product_id": s.products[0], "favourite": True}),
        )
    assert [r["status"] for r in results] == ["applied", "rejected", "applied", "rejected",
                                              "applied", "applied"]
    assert_internal_error(results[1], request_id)
    assert_internal_error(results[3], request_id)
    assert totals(db_url)[0] == 3
    assert reserved(db_url, s) == 7  # 1 + 2 + 4: nothing of the failed ones


def test_a_lone_failing_submit_is_answered_and_the_next_push_goes_through(
    env: tuple[str, Server, Seed], monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_url, server, s = env

    def broken_finish(*_args: Any) -> Any:
        raise KeyError("a bug while writing")

    with Api(server, "rep1") as rep:
        monkeypatch.setattr(submit, "_finish", broken_finish)
        request_id, [result] = raw_push(rep, mutation("order.submit", order(s)))
        assert_internal_error(result, request_id)
        monkeypatch.undo()
        assert rep.push_one("order.submit", order(s))["status"] == "applied"
    assert totals(db_url)[0] == 1


def test_an_error_of_the_database_itself_is_503_and_the_push_is_sent_again(
    env: tuple[str, Server, Seed], monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_url, server, s = env

    def connection_lost(ctx: Context, args: Any) -> Applied:
        raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"),
                               connection_invalidated=True)

    monkeypatch.setitem(registry.HANDLERS, "favourite.set", connection_lost)
    with Api(server, "rep1") as rep:
        push = {"client_id": rep.client_id, "mutations": [
            mutation("order.submit", order(s)),
            mutation("favourite.set", {"product_id": s.products[0], "favourite": True})]}
        r = rep.http.post("/v1/push", json=push)
        assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"
        monkeypatch.undo()
        r = rep.http.post("/v1/push", json=push, headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
        first, second = r.json()["results"]
    assert first["replayed"] is True and first["status"] == "applied"
    assert second["status"] == "applied" and not second["replayed"]
    assert totals(db_url)[0] == 1
