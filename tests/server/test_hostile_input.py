"""Hostile input: text the database cannot store and numbers beyond its columns are field
errors (a 422, or a ``rejected`` answer to that mutation alone), never a 500, on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync_engine.domain import MAX_ID, MAX_QUANTITY
from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.ops.integration import tokens
from sync_engine.server.storage.engine import make_engine, make_session_factory
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed, totals
from tests.support.server import Server, app_server

BEYOND_32_BITS = 2**31


@pytest.fixture
def env(db_url: str) -> Iterator[tuple[str, Server, Seed]]:
    s = seed(db_url)
    with app_server(db_url) as server:
        yield db_url, server, s


def field_errors(result: dict[str, Any]) -> dict[str, str]:
    """A rejected mutation's field errors as field → code, checking each has both messages."""
    assert result["status"] == "rejected", result
    assert result["message"] and result["message_zh"]
    for e in result["errors"]:
        assert e["message"] and e["message_zh"], e
    # The push path answers pydantic's errors as "invalid_<type>" (commands/apply.py); the
    # text rule's type is the domain's code, so either spelling names the same problem.
    return {e["field"]: e["code"].removeprefix("invalid_") for e in result["errors"]}


def submit_args(s: Seed, **extra: Any) -> dict[str, Any]:
    return {"order_id": new_id(), "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}],
            **extra}


def test_control_characters_in_mutation_text_reject_that_mutation_only(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep:
        placed = rep.push_one("order.submit", submit_args(s))
        assert placed["status"] == "applied"
        order_id, version = placed["id"], placed["version"]
        results = rep.push(
            mutation("order.submit", submit_args(s, notes="rush\x00")),
            mutation("order.submit", submit_args(s, notes="two lines\r\nare fine\tin notes",
                                                 local_number="L-1\n2")),
            mutation("order.update", {"order_id": order_id, "notes": "\x1b[31mred"}, version),
            mutation("order.cancel", {"order_id": order_id, "reason": "x" * 2001}, version),
            mutation("order.submit", submit_args(s, notes="请周五前送货\n谢谢")),
        )
    nul, one_line, escape, too_long, good = results
    assert field_errors(nul) == {"notes": "text_control_char"}
    assert "U+0000" in nul["errors"][0]["message"]
    assert field_errors(one_line) == {"local_number": "text_line_break"}
    assert field_errors(escape) == {"notes": "text_control_char"}
    assert field_errors(too_long) == {"reason": "text_too_long"}
    assert good["status"] == "applied" and good["data"]["notes"] == "请周五前送货\n谢谢"
    assert totals(db_url)[0] == 2


def test_shipment_text_beyond_its_columns_is_rejected(env: tuple[str, Server, Seed]) -> None:
    _db, server, s = env
    with Api(server, "rep1") as rep, Api(server, "clerk1") as clerk:
        placed = rep.push_one("order.submit", submit_args(s))
        assert placed["data"]["status"] == "confirmed"

        def ship(**text: str) -> dict[str, Any]:
            return mutation("shipment.confirm", {
                "shipment_id": new_id(), "order_id": placed["id"],
                "lines": [{"product_id": s.products[1], "quantity": 1}], **text},
                placed["version"])

        # Carrier and tracking number are 100-character columns: 150 answered 500 before.
        long_carrier, nul_tracking, good = clerk.push(
            ship(carrier="顺" * 150), ship(tracking_number="SF\x001"),
            ship(carrier="顺丰", tracking_number="SF1234567890"))
    assert field_errors(long_carrier) == {"carrier": "text_too_long"}
    assert "100" in long_carrier["errors"][0]["message"]
    assert field_errors(nul_tracking) == {"tracking_number": "text_control_char"}
    assert good["status"] == "applied"


def test_ids_beyond_32_bits_are_field_errors(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    before = totals(db_url)
    with Api(server, "rep1") as rep, Api(server, "admin") as admin:
        favourite, order = rep.push(
            mutation("favourite.set", {"product_id": BEYOND_32_BITS, "favourite": True}),
            mutation("order.submit", {
                "order_id": new_id(), "customer_id": BEYOND_32_BITS,
                "lines": [{"product_id": BEYOND_32_BITS, "quantity": 1}]}),
        )
        assign, rep_beyond = admin.push(
            mutation("customer.assign", {"customer_id": BEYOND_32_BITS, "rep_id": None}),
            mutation("customer.assign", {"customer_id": s.customers["A"],
                                         "rep_id": BEYOND_32_BITS}),
        )
        # The largest id that exists is an ordinary unknown product, not an error of range.
        largest = rep.push_one("favourite.set", {"product_id": MAX_ID, "favourite": True})
    assert field_errors(favourite) == {"product_id": "less_than_equal"}
    assert field_errors(order) == {"customer_id": "less_than_equal",
                                   "lines[0].product_id": "less_than_equal"}
    assert field_errors(assign) == {"customer_id": "less_than_equal"}
    assert field_errors(rep_beyond) == {"rep_id": "less_than_equal"}
    assert largest["status"] == "rejected" and largest["reason"] == "product_unknown"
    orders, stored, log = totals(db_url)
    assert (orders, log) == before[::2] and stored == before[1] + 5


def test_quantities_and_totals_beyond_the_columns_are_field_errors(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep:
        huge_line, huge_total, good = rep.push(
            mutation("order.submit", {"order_id": new_id(), "customer_id": s.customers["B"],
                                      "lines": [{"product_id": s.products[1],
                                                 "quantity": MAX_QUANTITY + 1}]}),
            # 10^9 units at 10.00 + 13 % VAT is 11.3 × 10^9: more than numeric(14, 4) holds
            # (a 500 on PostgreSQL before, when the order was stored held for stock).
            mutation("order.submit", {"order_id": new_id(), "customer_id": s.customers["B"],
                                      "lines": [{"product_id": s.products[1],
                                                 "quantity": MAX_QUANTITY}]}),
            mutation("order.submit", submit_args(s)),
        )
    assert field_errors(huge_line) == {"lines[0].quantity": "less_than_equal"}
    assert field_errors(huge_total) == {"lines": "order_total_too_large"}
    assert huge_total["errors"][0]["params"] == {"total": "11300000000.00",
                                                 "max_amount": "9999999999.9999"}
    assert good["status"] == "applied"
    assert totals(db_url)[0] == 1


def test_control_characters_at_sign_in_are_422_with_field_errors(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, _s = env
    before = totals(db_url)
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with server.client(headers=headers) as http:
        def login(**body: str) -> httpx.Response:
            return http.post("/v1/auth/login", json={
                "username": "rep1", "password": "demo", "client_id": "dev-hostile-1", **body})

        cases = {
            "username": ({"username": "rep1\x00"}, "text_control_char"),
            "device_name": ({"device_name": "laptop\x00"}, "text_control_char"),
            "password": ({"password": "demo\x00"}, "text_control_char"),
        }
        for field, (body, code) in cases.items():
            r = login(**body)
            assert r.status_code == 422, r.text
            error = r.json()["error"]
            assert error["code"] == "validation_error"
            assert [(f["field"], f["code"]) for f in error["fields"]] == [(field, code)]
            message = error["fields"][0]
            assert "U+0000" in message["message"] and "U+0000" in message["message_zh"]
        long_name = login(device_name="笔" * 201)
        assert long_name.status_code == 422
        assert long_name.json()["error"]["fields"][0]["code"] == "text_too_long"
        two_lines = login(device_name="front\ndesk")
        assert two_lines.json()["error"]["fields"][0]["code"] == "text_line_break"
        # A lone surrogate (valid JSON, text that cannot be encoded) is a field error too.
        for field, code in (("username", "invalid_string_unicode"),
                            ("device_name", "text_lone_surrogate")):
            raw = ('{"username": "rep1", "password": "demo", "client_id": "dev-hostile-1", '
                   f'"{field}": "pc\\ud800"}}').encode()
            broken = http.post("/v1/auth/login", content=raw,
                               headers={"Content-Type": "application/json"})
            assert broken.status_code == 422, broken.text
            assert [(f["field"], f["code"]) for f in broken.json()["error"]["fields"]] == [
                (field, code)]
        bad_refresh = http.post("/v1/auth/refresh", content=(
            b'{"refresh_token": "token\\u0000token\\ud800", "client_id": "dev-hostile-1"}'),
            headers={"Content-Type": "application/json"})
        assert bad_refresh.status_code == 422, bad_refresh.text
        assert login(device_name="前台电脑").status_code == 200
    assert totals(db_url) == before


def test_refresh_after_logout_says_the_session_was_signed_out(
        env: tuple[str, Server, Seed]) -> None:
    _db, server, _s = env
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with server.client(headers=headers) as http:
        body = {"username": "rep1", "password": "demo", "client_id": "dev-signed-out"}
        tokens = http.post("/v1/auth/login", json=body).json()
        out = http.post("/v1/auth/logout",
                        headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert out.status_code == 204
        r = http.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"],
                                                "client_id": "dev-signed-out"})
    assert r.status_code == 401
    assert r.json()["error"] == {
        "code": "token_revoked", "message": "this session was signed out; sign in again",
        "message_zh": "该登录已退出，请重新登录", "fields": []}


def test_integration_token_names_follow_the_text_rule(env: tuple[str, Server, Seed]) -> None:
    """A token's name is text like any other: a NUL (which PostgreSQL refuses even in a
    comparison, so the name check answered 500 there) is a field error when a token is made,
    and names no token to revoke; the CLI's path refuses it as the API does."""
    db_url, server, _s = env
    with Api(server, "admin") as admin:
        made = admin.http.post("/v1/admin/integration-tokens",
                               json={"name": "erp\x00", "scopes": ["stock"]})
        assert made.status_code == 422, made.text
        assert [(e["field"], e["code"]) for e in made.json()["error"]["fields"]] == [
            ("name", "text_control_char")]
        blank = admin.http.post("/v1/admin/integration-tokens",
                                json={"name": "   ", "scopes": ["stock"]})
        assert blank.status_code == 422, blank.text  # was 400 "a token of that name exists"
        assert [e["field"] for e in blank.json()["error"]["fields"]] == ["name"]
        gone = admin.http.delete("/v1/admin/integration-tokens/erp%00")
        assert gone.status_code == 404, gone.text
        assert admin.http.post("/v1/admin/integration-tokens",
                               json={"name": "erp", "scopes": ["stock"]}).status_code == 201
        assert admin.http.delete("/v1/admin/integration-tokens/erp").status_code == 204
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            with pytest.raises(ValueError, match="U\\+001B"):
                tokens.create_token(session, "\x1b[31merp", ["stock"])
            assert [t.name for t in tokens.list_tokens(session)] == ["erp"]  # the revoked one
    finally:
        engine.dispose()
