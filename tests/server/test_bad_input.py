"""Malformed, oversized and invalid requests get a clear 4xx, never a 500, nothing half-applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed, totals
from tests.support.server import Server, app_server


@pytest.fixture
def env(db_url: str) -> Iterator[tuple[str, Server, Seed]]:
    s = seed(db_url)
    with app_server(db_url) as server:
        yield db_url, server, s


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["code"] == code
    assert body["message"] and body["message_zh"]
    return dict(body)


def test_protocol_version_is_required_and_checked(env: tuple[str, Server, Seed]) -> None:
    _db, server, _s = env
    with server.client() as http:
        assert_error(http.get("/v1/pull"), 426, "update_required")
        assert_error(http.get("/v1/pull", headers={PROTOCOL_HEADER: "99"}), 426, "update_required")
        assert_error(
            http.post("/v1/auth/login", headers={PROTOCOL_HEADER: "abc"}, json={}),
            426,
            "update_required",
        )
        assert http.get("/healthz").json()["status"] == "ok"
        spec = http.get("/openapi.json").json()
        assert "/v1/push" in spec["paths"] and "/v1/pull" in spec["paths"]
        # The push endpoint reads its own body; its schema is still documented for client authors.
        push = spec["paths"]["/v1/push"]["post"]
        body = push["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert body == "#/components/schemas/PushRequest"
        assert "mutations" in spec["components"]["schemas"]["PushRequest"]["properties"]
        assert "Mutation" in spec["components"]["schemas"]
        assert push["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] \
            == "#/components/schemas/PushResponse"
        # The event stream is documented as one, with the error bodies it really sends.
        events = spec["paths"]["/v1/events"]["get"]["responses"]
        assert "text/event-stream" in events["200"]["content"]
        for status in ("401", "422", "426"):
            assert events[status]["content"]["application/json"]["schema"]["$ref"] \
                == "#/components/schemas/ErrorBody"
        assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_malformed_bodies_are_422_with_fields(env: tuple[str, Server, Seed]) -> None:
    db_url, server, _s = env
    before = totals(db_url)
    with Api(server, "rep1") as rep:
        http = rep.http
        cases: list[Any] = [
            {},
            {"client_id": rep.client_id},
            {"client_id": rep.client_id, "mutations": []},
            {"client_id": rep.client_id, "mutations": [{"kind": "order.submit"}]},
            {"client_id": rep.client_id, "mutations": "nope"},
            {"client_id": rep.client_id, "mutations": [mutation("order.submit", {})] * 501},
            {"client_id": rep.client_id, "mutations": [{"key": "short", "kind": "x", "args": {}}]},
            {"client_id": rep.client_id, "extra": 1, "mutations": [mutation("x", {})]},
        ]
        for body in cases:
            err = assert_error(http.post("/v1/push", json=body), 422, "validation_error")
            assert err["fields"] and all(f["field"] for f in err["fields"])
        for raw in (b"{", b"\xff\xfe", b"[1,2", b"null"):
            assert_error(
                http.post("/v1/push", content=raw, headers={"Content-Type": "application/json"}),
                422,
                "validation_error",
            )
        assert_error(http.get("/v1/pull", params={"limit": 0}), 422, "validation_error")
        assert_error(http.get("/v1/pull", params={"limit": "many"}), 422, "validation_error")
        # A garbage cursor is not an error: the server says "resync" and starts over.
        page = http.get("/v1/pull", params={"cursor": "!!garbage!!", "limit": 5}).json()
        assert page["resync"] is True and page["resync_reason"] == "cursor_invalid"
        assert_error(http.get("/v1/nowhere"), 404, "not_found")
    assert totals(db_url) == before


def test_oversized_body_is_413(env: tuple[str, Server, Seed]) -> None:
    db_url, server, _s = env
    before = totals(db_url)
    with Api(server, "rep1") as rep:
        huge = b'{"client_id": "x", "mutations": [' + b" " * (9 * 1024 * 1024) + b"]}"
        assert_error(
            rep.http.post("/v1/push", content=huge, headers={"Content-Type": "application/json"}),
            413,
            "payload_too_large",
        )

        def chunks() -> Iterator[bytes]:
            for _ in range(10):
                yield b" " * (1024 * 1024)

        # Streamed without a Content-Length: counted as it arrives.
        assert_error(
            rep.http.post(
                "/v1/push", content=chunks(), headers={"Content-Type": "application/json"}
            ),
            413,
            "payload_too_large",
        )
    assert totals(db_url) == before


def test_invalid_mutation_args_reject_only_that_mutation(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    good = mutation(
        "order.submit",
        {
            "order_id": new_id(),
            "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}],
        },
    )
    bad_cases = [
        mutation("order.teleport", {"order_id": new_id()}),
        mutation("order.submit", {"order_id": "not-a-uuid", "customer_id": 1, "lines": []}),
        # Money as a JSON number is refused: floats cannot carry a price exactly.
        mutation(
            "order.submit",
            {
                "order_id": new_id(),
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": 10.1}],
            },
        ),
        mutation(
            "order.submit",
            {
                "order_id": new_id(),
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": "lots"}],
            },
        ),
        mutation(
            "order.submit",
            {
                "order_id": new_id(),
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "NaN"}],
            },
        ),
        mutation(
            "order.submit",
            {
                "order_id": new_id(),
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 10**12}],
            },
        ),
        mutation(
            "order.submit",
            {"order_id": new_id(), "customer_id": s.customers["A"], "lines": [], "surprise": True},
        ),
        mutation(
            "order.submit", {"order_id": new_id(), "customer_id": s.customers["A"], "lines": []}
        ),
        mutation(
            "order.submit",
            {
                "order_id": new_id(),
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 1}],
                "delivery_date": "2001-01-01",
            },
        ),
    ]
    with Api(server, "rep1") as rep:
        results = rep.push(*bad_cases, good)
    *bad, ok = results
    assert ok["status"] == "applied"
    assert bad[0]["reason"] == "unknown_kind"
    for r in bad:
        assert r["status"] == "rejected", r
        assert r["message"] and r["message_zh"]
    for r in bad[1:]:
        assert r["errors"], r
        assert all(e["field"] and e["code"] and e["message"] for e in r["errors"])
    fields = {e["field"] for r in bad for e in r["errors"]}
    assert "lines[0].unit_price" in fields
    assert "lines[0].quantity" in fields
    assert "delivery_date" in fields
    assert totals(db_url)[0] == 1


def test_login_body_errors(env: tuple[str, Server, Seed]) -> None:
    _db, server, _s = env
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with server.client(headers=headers) as http:
        err = assert_error(
            http.post("/v1/auth/login", json={"username": "rep1"}), 422, "validation_error"
        )
        assert {f["field"] for f in err["fields"]} == {"password", "client_id"}
        assert_error(
            http.post(
                "/v1/auth/login",
                json={"username": "rep1", "password": "demo", "client_id": "bad id with spaces"},
            ),
            422,
            "validation_error",
        )
        assert_error(
            http.post(
                "/v1/auth/refresh", json={"refresh_token": "x" * 20, "client_id": "dev-12345678"}
            ),
            401,
            "token_invalid",
        )
