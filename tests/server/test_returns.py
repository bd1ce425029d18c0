"""Returns (退货) on the server: request, decide, receive; the race for the same shipped units;
the role and assignment denials; stock, damaged count, the customer's credit; the feed and the
ERP events. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    DamagedStock,
    EventOutbox,
    Receivable,
    Return,
    Stock,
)
from tests.support.api import Api, new_id
from tests.support.seed import Seed, seed
from tests.support.server import Server, app_server

World = tuple[Server, Seed, str]


@pytest.fixture
def world(db_url: str) -> Iterator[World]:
    """Customer A's order of 10 × P1 and 6 × P2, confirmed and shipped in full by clerk1."""
    s = seed(db_url)
    with app_server(db_url) as server:
        oid = new_id()
        with Api(server, "rep1") as rep1, Api(server, "clerk1") as clerk:
            r = rep1.push_one("order.submit", {
                "order_id": oid, "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[0], "quantity": 10, "unit_price": "9.00"},
                          {"product_id": s.products[1], "quantity": 6, "unit_price": "10.00"}]})
            assert r["status"] == "applied" and r["data"]["status"] == "confirmed", r
            r = clerk.push_one("shipment.confirm", {
                "shipment_id": new_id(), "order_id": oid,
                "lines": [{"product_id": s.products[0], "quantity": 10},
                          {"product_id": s.products[1], "quantity": 6}]})
            assert r["status"] == "applied", r
        yield server, s, oid


def request(api: Api, order_id: str, lines: list[tuple[int, int]], *,
            return_id: str | None = None, reason: str = "damaged") -> dict[str, Any]:
    return api.push_one("return.request", {
        "return_id": return_id or new_id(), "order_id": order_id, "reason": reason,
        "note": "破了两瓶", "lines": [{"product_id": p, "quantity": q} for p, q in lines]})


@contextmanager
def _session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def test_a_return_goes_request_approve_receive(world: World, db_url: str) -> None:
    server, s, oid = world
    p1, p2 = s.products[0], s.products[1]
    with Api(server, "owner1") as owner, Api(server, "admin") as admin, \
            Api(server, "clerk1") as clerk:
        r = request(owner, oid, [(p1, 4), (p2, 0)])
        assert r["status"] == "applied", r
        rid = r["id"]
        assert r["data"]["status"] == "requested"
        [line] = r["data"]["lines"]
        assert (line["product_id"], line["quantity"], line["received_qty"]) == (p1, 4, 0)
        assert Decimal(line["unit_price"]) == Decimal("9.00")
        # Receiving before the back office approved: a conflict, nothing moves.
        r = clerk.push_one("return.receive", {"return_id": rid,
                                              "lines": [{"product_id": p1, "quantity": 1}]})
        assert r["status"] == "conflict" and r["reason"] == "return_not_approved", r
        r = admin.push_one("return.decide", {"return_id": rid, "approve": True})
        assert r["status"] == "applied" and r["data"]["status"] == "approved", r
        # Deciding twice: a conflict.
        r = admin.push_one("return.decide", {"return_id": rid, "approve": False, "reason": "x"})
        assert r["status"] == "conflict" and r["reason"] == "return_decided", r
        # A partial receipt: 2 good, 1 damaged.
        r = clerk.push_one("return.receive", {"return_id": rid,
                                              "lines": [{"product_id": p1, "quantity": 2,
                                                         "damaged": 1}]})
        assert r["status"] == "applied" and r["data"]["status"] == "partially_received", r
        # More than is still expected: rejected at the field.
        r = clerk.push_one("return.receive", {"return_id": rid,
                                              "lines": [{"product_id": p1, "quantity": 2}]})
        assert r["status"] == "rejected", r
        assert r["errors"][0]["code"] == "over_receive"
        r = clerk.push_one("return.receive", {"return_id": rid,
                                              "lines": [{"product_id": p1, "quantity": 1}]})
        assert r["status"] == "applied" and r["data"]["status"] == "received", r
        # 4 × 9.00 + 13 % tax = 40.68 credited.
        assert Decimal(r["data"]["credit_amount"]) == Decimal("40.68")
        # The owner's device sees the return and its account's credit through the feed.
        seen = {(c["entity"], c["id"]): c for c in owner.pull_all()}
        assert seen[("return", rid)]["data"]["status"] == "received"
        credit = seen[("credit", str(s.customers["A"]))]["data"]
        assert Decimal(credit["open_amount"]) == Decimal("-40.68")
    with _session(db_url) as session:
        stock = session.get(Stock, (p1, s.warehouses[0]))
        assert stock is not None and stock.on_hand == 100 - 10 + 3
        damaged = session.get(DamagedStock, (p1, s.warehouses[0]))
        assert damaged is not None and damaged.quantity == 1
        credits = session.scalars(select(Receivable)).all()
        assert sum(Decimal(c.amount) for c in credits) == Decimal("-40.68")
        events = [e.type for e in session.scalars(
            select(EventOutbox).order_by(EventOutbox.id))]
        assert [e for e in events if e.startswith("return.")] == [
            "return.requested", "return.approved", "return.received", "return.received"]


def test_only_what_shipped_and_was_not_returned_can_come_back(world: World) -> None:
    server, s, oid = world
    p1, p3 = s.products[0], s.products[2]
    with Api(server, "rep1") as rep1, Api(server, "admin") as admin:
        r = request(rep1, oid, [(p1, 11)])
        assert r["status"] == "rejected" and r["errors"][0]["code"] == "over_return", r
        r = request(rep1, oid, [(p3, 1)])
        assert r["status"] == "rejected" and r["errors"][0]["code"] == "return_not_shipped", r
        r = request(rep1, oid, [(p1, 0)])
        assert r["status"] == "rejected" and r["errors"][0]["code"] == "return_empty", r
        first = request(rep1, oid, [(p1, 8)])
        assert first["status"] == "applied", first
        r = request(rep1, oid, [(p1, 3)])
        assert r["status"] == "conflict" and r["reason"] == "return_exceeds_returnable", r
        assert r["details"]["returnable"][0] == {"product_id": p1, "quantity": 2}
        # A refusal needs a reason; once refused, the units are returnable again.
        r = admin.push_one("return.decide", {"return_id": first["id"], "approve": False})
        assert r["status"] == "rejected" and r["errors"][0]["code"] == "return_reason_required"
        r = admin.push_one("return.decide", {"return_id": first["id"], "approve": False,
                                             "reason": "超过退货期"})
        assert r["status"] == "applied" and r["data"]["status"] == "refused", r
        assert request(rep1, oid, [(p1, 10)])["status"] == "applied"


def test_a_replayed_request_is_answered_from_its_record(world: World) -> None:
    server, s, oid = world
    with Api(server, "rep1") as rep1:
        rid = new_id()
        args = {"return_id": rid, "order_id": oid, "reason": "expired",
                "lines": [{"product_id": s.products[0], "quantity": 2}]}
        first = rep1.push_one("return.request", args, key="return-key-1")
        again = rep1.push_one("return.request", args, key="return-key-1")
        assert first["status"] == again["status"] == "applied"
        assert again["replayed"] and again["data"]["number"] == first["data"]["number"]
        # The same return id under a new key: the return exists.
        third = rep1.push_one("return.request", args)
        assert third["status"] == "conflict" and third["reason"] == "return_exists"


def test_two_returns_racing_for_the_same_units_exactly_one_wins(world: World) -> None:
    server, s, oid = world
    apis = [Api(server, "rep1"), Api(server, "owner1")] * 3
    barrier = threading.Barrier(len(apis))

    def one(api: Api) -> dict[str, Any]:
        barrier.wait()
        return request(api, oid, [(s.products[0], 7)])

    with ThreadPoolExecutor(len(apis)) as pool:
        results = list(pool.map(one, apis))
    for api in apis:
        api.close()
    assert sorted(r["status"] for r in results) == ["applied"] + ["conflict"] * 5
    assert all(r["reason"] == "return_exceeds_returnable" for r in results
               if r["status"] == "conflict")


def test_denials(world: World, db_url: str) -> None:
    server, s, oid = world
    p1 = s.products[0]
    with Api(server, "rep2") as rep2:  # customer A is rep1's
        r = request(rep2, oid, [(p1, 1)])
        assert r["status"] == "rejected" and r["reason"] == "order_unknown", r
    with Api(server, "clerk1") as clerk:  # clerks receive, they do not ask
        r = request(clerk, oid, [(p1, 1)])
        assert r["status"] == "rejected" and r["reason"] == "forbidden", r
    with Api(server, "rep1") as rep1:
        rid = request(rep1, oid, [(p1, 2)])["id"]
        r = rep1.push_one("return.decide", {"return_id": rid, "approve": True})
        assert r["status"] == "rejected" and r["reason"] == "forbidden", r
        r = rep1.push_one("return.receive", {"return_id": rid,
                                             "lines": [{"product_id": p1, "quantity": 1}]})
        assert r["status"] == "rejected" and r["reason"] == "forbidden", r
    with Api(server, "admin") as admin:
        assert admin.push_one("return.decide", {"return_id": rid, "approve": True})[
            "status"] == "applied"
    # An order of customer C (warehouse 2, rep2): its owner-less return is out of clerk1's reach.
    with Api(server, "rep2") as rep2, Api(server, "clerk1") as clerk, \
            Api(server, "admin") as admin:
        other = new_id()
        assert rep2.push_one("order.submit", {
            "order_id": other, "customer_id": s.customers["C"],
            "lines": [{"product_id": p1, "quantity": 2, "unit_price": "10.00"}]})["status"] == \
            "applied"
        assert admin.push_one("shipment.confirm", {
            "shipment_id": new_id(), "order_id": other,
            "lines": [{"product_id": p1, "quantity": 2}]})["status"] == "applied"
        theirs = request(rep2, other, [(p1, 1)])["id"]
        assert admin.push_one("return.decide", {"return_id": theirs, "approve": True})[
            "status"] == "applied"
        r = clerk.push_one("return.receive", {"return_id": theirs,
                                              "lines": [{"product_id": p1, "quantity": 1}]})
        assert r["status"] == "rejected" and r["reason"] == "return_unknown", r
        # clerk1 does not see it in the feed either; the owner of A sees only A's.
        assert ("return", theirs) not in {(c["entity"], c["id"]) for c in clerk.pull_all()}
    with Api(server, "owner1") as owner:
        r = request(owner, other, [(p1, 1)])
        assert r["status"] == "rejected" and r["reason"] == "order_unknown", r
        seen = {(c["entity"], c["id"]) for c in owner.pull_all()}
        assert ("return", rid) in seen and ("return", theirs) not in seen
    with _session(db_url) as session:
        assert {r.id for r in session.scalars(select(Return))} == {rid, theirs}


def test_a_customer_moving_to_another_rep_takes_its_returns_and_account(world: World) -> None:
    server, s, oid = world
    with Api(server, "rep1") as rep1, Api(server, "rep2") as rep2, \
            Api(server, "admin") as admin:
        rid = request(rep1, oid, [(s.products[0], 2)])["id"]
        rep2.pull_all()
        assert admin.push_one("customer.assign", {"customer_id": s.customers["A"],
                                                  "rep_id": s.users["rep2"]})["status"] == \
            "applied"
        seen = {(c["entity"], c["id"]) for c in rep2.pull_all()}
        assert ("return", rid) in seen
        # rep1 is told to purge the customer (its returns go with it); asking is refused now.
        purged = [c for c in rep1.pull_all() if c["op"] == "purge"]
        assert [c["id"] for c in purged] == [str(s.customers["A"])]
        r = request(rep1, oid, [(s.products[0], 1)])
        assert r["status"] == "rejected" and r["reason"] == "order_unknown"
