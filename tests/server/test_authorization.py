"""The authorization matrix: each role tries to read and write what it must not.

Denials are checked on the answer *and* on the data: nothing outside a user's scope ever
appears in their pull, and a denied mutation changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.support.api import Api, new_id
from tests.support.seed import Seed, seed
from tests.support.server import app_server


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[str, Seed, dict[str, str]]]:
    """Seed, then one confirmed order per customer (A, B by rep1; C by rep2)."""
    s = seed(db_url)
    orders: dict[str, str] = {}
    with app_server(db_url) as server:
        with Api(server, "rep1") as rep1, Api(server, "rep2") as rep2:
            for code, api in (("A", rep1), ("B", rep1), ("C", rep2)):
                oid = new_id()
                r = api.push_one(
                    "order.submit",
                    {
                        "order_id": oid,
                        "customer_id": s.customers[code],
                        "lines": [
                            {"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}
                        ],
                    },
                )
                assert r["status"] == "applied", r
                orders[code] = oid
        yield server, s, orders


def scope_of(changes: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in changes:
        if c["op"] != "delete":
            out.setdefault(c["entity"], set()).add(c["id"])
    return out


def test_pull_shows_each_role_exactly_its_scope(world: tuple[str, Seed, dict[str, str]]) -> None:
    server, s, orders = world
    cid = {k: str(v) for k, v in s.customers.items()}
    expected = {
        # user: (customers, orders, customers whose prices are visible)
        "rep1": ({"A", "B"}, {"A", "B"}, {"A"}),
        "rep2": ({"C"}, {"C"}, set()),
        "clerk1": ({"A", "B"}, {"A", "B"}, set()),
        "owner1": ({"A"}, {"A"}, {"A"}),
        "admin": ({"A", "B", "C"}, {"A", "B", "C"}, {"A"}),
    }
    for user, (customers, own_orders, priced) in expected.items():
        with Api(server, user) as api:
            seen = scope_of(api.pull_all(limit=3))
        assert seen["customer"] == {cid[c] for c in customers}, user
        assert seen["order"] == {orders[c] for c in own_orders}, user
        price_customers = {pid.split(":")[0] for pid in seen.get("price", set())}
        assert price_customers == {cid[c] for c in priced}, user
        # Everyone sees the whole catalog and stock.
        assert len(seen["product"]) == len(s.products), user
        assert len(seen["stock"]) == 2 * len(s.products), user


def denied(r: dict[str, Any], reason: str) -> bool:
    return r["status"] == "rejected" and r["reason"] == reason and not r.get("server")


def test_writes_outside_scope_are_denied_and_change_nothing(
    world: tuple[str, Seed, dict[str, str]],
) -> None:
    server, s, orders = world
    line = [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}]
    with (
        Api(server, "rep2") as rep2,
        Api(server, "clerk1") as clerk,
        Api(server, "owner1") as owner,
        Api(server, "rep1") as rep1,
        Api(server, "admin") as admin,
    ):
        admin.pull_all()
        cursor = admin.cursor
        checks = [
            (
                rep2.push_one(
                    "order.submit",
                    {"order_id": new_id(), "customer_id": s.customers["A"], "lines": line},
                ),
                "customer_unknown",
            ),
            (rep2.push_one("order.cancel", {"order_id": orders["A"]}), "order_unknown"),
            (
                rep2.push_one("order.update", {"order_id": orders["A"], "notes": "x"}, 1),
                "order_unknown",
            ),
            (
                clerk.push_one(
                    "order.submit",
                    {"order_id": new_id(), "customer_id": s.customers["A"], "lines": line},
                ),
                "forbidden",
            ),
            (
                clerk.push_one(
                    "shipment.confirm",
                    {
                        "shipment_id": new_id(),
                        "order_id": orders["C"],
                        "lines": [{"product_id": s.products[1], "quantity": 1}],
                    },
                ),
                "order_unknown",
            ),
            (clerk.push_one("order.cancel", {"order_id": orders["A"]}), "forbidden"),
            (
                owner.push_one(
                    "order.submit",
                    {"order_id": new_id(), "customer_id": s.customers["B"], "lines": line},
                ),
                "customer_unknown",
            ),
            (owner.push_one("order.cancel", {"order_id": orders["B"]}), "order_unknown"),
            (
                owner.push_one(
                    "shipment.confirm",
                    {
                        "shipment_id": new_id(),
                        "order_id": orders["A"],
                        "lines": [{"product_id": s.products[1], "quantity": 1}],
                    },
                ),
                "forbidden",
            ),
            (rep1.push_one("order.confirm", {"order_id": orders["A"]}), "forbidden"),
            (rep1.push_one("order.reject", {"order_id": orders["A"], "reason": "x"}), "forbidden"),
            (
                rep1.push_one(
                    "customer.assign", {"customer_id": s.customers["C"], "rep_id": s.users["rep1"]}
                ),
                "forbidden",
            ),
        ]
        for result, reason in checks:
            assert denied(result, reason), result
            assert result["message"] and result["message_zh"]
        # Nothing changed anywhere: the admin's feed has no new rows.
        admin.cursor = cursor
        assert admin.pull_all() == []


def test_an_order_outside_scope_is_answered_as_an_unknown_one(
    world: tuple[str, Seed, dict[str, str]],
) -> None:
    """PROTOCOL.md: ``order_unknown`` means "does not exist or is not yours", never which. A
    submit reusing the id of an order the user may not see gets the very answer any kind gets
    for an id nobody has (and nothing of the order it may not see)."""
    server, s, orders = world
    line = [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}]
    nobodys = new_id()

    def answer(result: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in result.items() if k not in ("key", "kind")}

    with Api(server, "rep2") as rep2, Api(server, "owner1") as owner:
        for api, theirs, customer in ((rep2, orders["A"], "C"), (owner, orders["B"], "A")):
            submitted = api.push_one("order.submit", {
                "order_id": theirs, "customer_id": s.customers[customer], "lines": line})
            unknown = api.push_one("order.cancel", {"order_id": nobodys})
            assert denied(submitted, "order_unknown"), submitted
            assert answer(submitted) == answer(unknown)
            assert theirs not in str(submitted)
            fresh = api.push_one("order.submit", {
                "order_id": new_id(), "customer_id": s.customers[customer], "lines": line})
            assert fresh["status"] == "applied"


def test_an_unsupported_method_is_405_with_allow(
    world: tuple[str, Seed, dict[str, str]],
) -> None:
    server, _s, _orders = world
    with server.client() as http:
        for method, path, allowed in (("TRACE", "/v1/pull", "GET"), ("PUT", "/v1/push", "POST"),
                                      ("TRACE", "/healthz", "GET"),
                                      ("DELETE", "/v1/auth/login", "POST")):
            r = http.request(method, path)
            assert r.status_code == 405, (method, path)
            assert r.headers["allow"] == allowed
            error = r.json()["error"]
            assert error["code"] == "method_not_allowed" and error["message_zh"] != error["message"]


def test_http_level_denials(world: tuple[str, Seed, dict[str, str]]) -> None:
    server, _s, _orders = world
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with server.client(headers=headers) as http:
        r = http.get("/v1/pull")
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"
        r = http.get("/v1/pull", headers={"Authorization": "Bearer not-a-token"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "token_invalid"
        r = http.post(
            "/v1/auth/login",
            json={"username": "rep1", "password": "wrong", "client_id": "dev-12345678"},
        )
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"
        r = http.post(
            "/v1/auth/login",
            json={"username": "nobody", "password": "wrong", "client_id": "dev-12345678"},
        )
        assert r.json()["error"]["code"] == "invalid_credentials"
    with Api(server, "rep1") as rep1, Api(server, "rep2") as rep2:
        r = rep1.http.get("/v1/admin/devices")
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        # A push claiming another device's id is refused.
        r = rep1.http.post(
            "/v1/push",
            json={
                "client_id": rep2.client_id,
                "mutations": [
                    {
                        "key": "k" * 10,
                        "kind": "favourite.set",
                        "args": {"product_id": 1, "favourite": True},
                    }
                ],
            },
        )
        assert r.status_code == 400 and r.json()["error"]["code"] == "client_mismatch"
        # Another user's cursor is not served: the answer is an explicit resync from zero.
        rep1.pull_all()
        r = rep2.http.get("/v1/pull", params={"cursor": rep1.cursor})
        page = r.json()
        assert page["resync"] is True and page["resync_reason"] == "cursor_invalid"
        assert {c["entity"] for c in page["changes"]} >= {"product"}
        customers = {c["id"] for c in page["changes"] if c["entity"] == "customer"}
        assert customers == {str(_s.customers["C"])}
        # Another device id of rep2 can't be taken over by rep1 at sign-in either.
        r = rep1.http.post(
            "/v1/auth/login",
            json={"username": "rep1", "password": "demo", "client_id": rep2.client_id},
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "device_conflict"
