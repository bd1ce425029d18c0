"""Push: idempotency, conflicts, the order lifecycle and stock, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import EventOutbox, MutationRecord, Order, Stock
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed
from tests.support.server import Server, app_server


@pytest.fixture
def env(db_url: str) -> Iterator[tuple[str, Server, Seed]]:
    s = seed(db_url)
    with app_server(db_url) as server:
        yield db_url, server, s


def submit_args(
    s: Seed,
    customer: str = "A",
    qty: int = 2,
    product: int = 0,
    price: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    line: dict[str, Any] = {"product_id": s.products[product], "quantity": qty}
    if price is not None:
        line["unit_price"] = price
    return {"order_id": new_id(), "customer_id": s.customers[customer], "lines": [line], **extra}


def count(db_url: str, model: Any, *where: Any) -> int:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        n = session.scalar(select(func.count()).select_from(model).where(*where))
    engine.dispose()
    return int(n or 0)


def stock_row(db_url: str, product_id: int, warehouse_id: int) -> tuple[int, int]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        row = session.get(Stock, (product_id, warehouse_id))
        assert row is not None
        out = (row.on_hand, row.reserved)
    engine.dispose()
    return out


def test_replayed_batch_after_lost_response_creates_one_order(
        env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    batch = [mutation("order.submit", submit_args(s, qty=3)) for _ in range(3)]
    with Api(server, "rep1") as rep:
        first = rep.push(*batch)
        # The response was lost: the client sends the very same batch again, twice.
        second = rep.push(*batch)
        third = rep.push(*batch)
    assert [r["status"] for r in first] == ["applied"] * 3
    assert all(r["replayed"] for r in second + third)
    assert [r["data"]["number"] for r in first] == [r["data"]["number"] for r in third]
    assert count(db_url, Order) == 3
    assert count(db_url, MutationRecord) == 3
    assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 9)
    assert count(db_url, EventOutbox, EventOutbox.type == "order.submitted") == 3


def test_price_changed_is_a_conflict_with_both_prices(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep:
        # Customer A's contract price for 12+ units of product 1 is 8.50; the rep quoted 9.00.
        r = rep.push_one("order.submit", submit_args(s, qty=12, price="9.00"))
        assert r["status"] == "conflict"
        assert r["reason"] == "price_changed"
        assert r["details"]["lines"] == [
            {
                "field": "lines[0].unit_price",
                "product_id": s.products[0],
                "quoted": "9.00",
                "current": "8.50",
            }
        ]
        assert r["message"] and r["message_zh"]
        # Nothing was applied: no order, no reservation.
        assert count(db_url, Order) == 0
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 0)
        ok = rep.push_one("order.submit", submit_args(s, qty=12, price="8.50"))
        assert ok["status"] == "applied"
        assert Decimal(ok["data"]["lines"][0]["unit_price"]) == Decimal("8.50")


def test_rejected_with_field_errors_changes_nothing(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep:
        args = submit_args(s, qty=0)
        args["lines"].append({"product_id": 999_999, "quantity": 1})
        r = rep.push_one("order.submit", args)
    assert r["status"] == "rejected"
    fields = {(e["field"], e["code"]) for e in r["errors"]}
    assert ("lines[0].quantity", "quantity_not_positive") in fields
    assert ("lines[1].product_id", "product_unknown") in fields
    assert all(e["message"] and e["message_zh"] for e in r["errors"])
    assert count(db_url, Order) == 0


def test_two_devices_edit_one_order_one_applies_other_conflicts(db_url: str) -> None:
    s = seed(db_url, credit_limit=None)
    _auto_confirm(db_url, False)
    with app_server(db_url) as server, Api(server, "rep1") as laptop, Api(server, "rep1") as tablet:
        args = submit_args(s, qty=2)
        r = laptop.push_one("order.submit", args)
        assert r["status"] == "applied" and r["data"]["status"] == "submitted"
        oid, base = args["order_id"], r["version"]
        line = {"product_id": s.products[1], "quantity": 4, "unit_price": "10.00"}
        a = laptop.push_one("order.update", {"order_id": oid, "lines": [line]}, base)
        b = tablet.push_one("order.update", {"order_id": oid, "notes": "请周五送货"}, base)
        assert a["status"] == "applied" and a["version"] == base + 1
        assert b["status"] == "conflict" and b["reason"] == "version_mismatch"
        assert b["server"]["version"] == base + 1
        assert b["server"]["lines"][0]["product_id"] == s.products[1]
        # The tablet keeps its edit and re-sends it on the new base: applied.
        c = tablet.push_one("order.update", {"order_id": oid, "notes": "请周五送货"}, base + 1)
        assert c["status"] == "applied" and c["data"]["notes"] == "请周五送货"
        assert c["data"]["lines"][0]["quantity"] == 4
    # Reservation followed the edit: product 0 released, product 1 reserved.
    assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 0)
    assert stock_row(db_url, s.products[1], s.warehouses[0]) == (100, 4)


def _auto_confirm(db_url: str, on: bool) -> None:
    from sync_engine.server.storage.models import ServerMeta

    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        row = session.get(ServerMeta, "auto_confirm")
        assert row is not None
        row.value = "true" if on else "false"
        session.commit()
    engine.dispose()


def test_lifecycle_ship_partially_then_fully(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep, Api(server, "clerk1") as clerk, Api(server, "owner1") as owner:
        args = submit_args(s, qty=10)
        r = rep.push_one("order.submit", args)
        assert r["data"]["status"] == "confirmed"
        oid, v = args["order_id"], r["version"]
        over = clerk.push_one(
            "shipment.confirm",
            {
                "shipment_id": new_id(),
                "order_id": oid,
                "lines": [{"product_id": s.products[0], "quantity": 11}],
            },
            v,
        )
        assert over["status"] == "rejected"
        assert over["errors"][0]["code"] == "over_ship"
        part = clerk.push_one(
            "shipment.confirm",
            {
                "shipment_id": new_id(),
                "order_id": oid,
                "carrier": "顺丰",
                "tracking_number": "SF1",
                "lines": [{"product_id": s.products[0], "quantity": 4}],
            },
            v,
        )
        assert part["status"] == "applied"
        assert part["data"]["status"] == "partially_shipped"
        assert part["data"]["lines"][0]["shipped_qty"] == 4
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (96, 6)
        cancel = rep.push_one("order.cancel", {"order_id": oid})
        assert cancel["status"] == "conflict" and cancel["reason"] == "already_shipped"
        assert cancel["server"]["status"] == "partially_shipped"
        rest = clerk.push_one(
            "shipment.confirm",
            {
                "shipment_id": new_id(),
                "order_id": oid,
                "lines": [{"product_id": s.products[0], "quantity": 6}],
            },
            v + 1,
        )
        assert rest["data"]["status"] == "shipped"
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (90, 0)
        done = owner.push_one("order.receive", {"order_id": oid, "discrepancy": "少了一瓶"})
        assert done["status"] == "applied" and done["data"]["status"] == "closed"
        assert done["data"]["receipt_note"] == "少了一瓶"


def test_cancel_releases_stock_and_shipping_a_cancelled_order_conflicts(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep, Api(server, "clerk1") as clerk:
        args = submit_args(s, qty=5)
        r = rep.push_one("order.submit", args)
        oid = args["order_id"]
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 5)
        c = rep.push_one("order.cancel", {"order_id": oid, "reason": "客户取消"})
        assert c["status"] == "applied" and c["data"]["status"] == "cancelled"
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 0)
        ship = clerk.push_one(
            "shipment.confirm",
            {
                "shipment_id": new_id(),
                "order_id": oid,
                "lines": [{"product_id": s.products[0], "quantity": 5}],
            },
            r["version"],
        )
        assert ship["status"] == "conflict" and ship["reason"] == "order_cancelled"
        assert ship["server"]["status"] == "cancelled"
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (100, 0)


def test_stock_short_and_credit_exceeded_hold_for_review(db_url: str) -> None:
    s = seed(db_url, stock=3, credit_limit=None)
    with app_server(db_url) as server, Api(server, "rep1") as rep, Api(server, "admin") as admin:
        args = submit_args(s, qty=5)
        r = rep.push_one("order.submit", args)
        assert r["status"] == "applied"
        assert r["data"]["status"] == "submitted"
        assert r["data"]["hold_reasons"] == ["stock_short"]
        assert r["details"]["stock_short"] == [
            {"product_id": s.products[0], "requested": 5, "available": 3}
        ]
        assert stock_row(db_url, s.products[0], s.warehouses[0]) == (3, 0)
        no = admin.push_one("order.confirm", {"order_id": args["order_id"]})
        assert no["status"] == "conflict" and no["reason"] == "insufficient_stock"
        rej = admin.push_one("order.reject", {"order_id": args["order_id"], "reason": "缺货"})
        assert rej["data"]["status"] == "rejected"
        assert rej["data"]["history"][-1]["reason"] == "缺货"


def test_credit_limit_holds_order(db_url: str) -> None:
    s = seed(db_url, credit_limit=Decimal("50"))
    with app_server(db_url) as server, Api(server, "rep1") as rep, Api(server, "admin") as admin:
        args = submit_args(s, qty=5, product=1)  # 5 × 10.00 + 13 % tax = 56.50 > 50
        r = rep.push_one("order.submit", args)
        assert r["data"]["status"] == "submitted"
        assert r["data"]["hold_reasons"] == ["credit_exceeded"]
        # Stock is reserved while the order waits for review.
        assert stock_row(db_url, s.products[1], s.warehouses[0]) == (100, 5)
        ok = admin.push_one("order.confirm", {"order_id": args["order_id"]})
        assert ok["status"] == "applied" and ok["data"]["status"] == "confirmed"
        assert ok["data"]["hold_reasons"] == []


def test_update_of_confirmed_order_is_not_editable(env: tuple[str, Server, Seed]) -> None:
    _db_url, server, s = env
    with Api(server, "rep1") as rep:
        args = submit_args(s, qty=1)
        r = rep.push_one("order.submit", args)
        u = rep.push_one("order.update", {"order_id": args["order_id"], "notes": "x"}, r["version"])
        assert u["status"] == "conflict" and u["reason"] == "not_editable"
        missing = rep.push_one("order.update", {"order_id": args["order_id"], "notes": "x"})
        assert missing["status"] == "rejected" and missing["reason"] == "base_version_required"


def test_favourites_travel_to_the_user_only(env: tuple[str, Server, Seed]) -> None:
    _db_url, server, s = env
    with Api(server, "owner1") as owner, Api(server, "rep1") as rep:
        owner.pull_all()
        rep.pull_all()
        r = owner.push_one("favourite.set", {"product_id": s.products[2], "favourite": True})
        assert r["status"] == "applied"
        mine = [c for c in owner.pull_all() if c["entity"] == "favourite"]
        assert [c["op"] for c in mine] == ["upsert"]
        assert not [c for c in rep.pull_all() if c["entity"] == "favourite"]
        owner.push_one("favourite.set", {"product_id": s.products[2], "favourite": False})
        assert [c["op"] for c in owner.pull_all() if c["entity"] == "favourite"] == ["delete"]


def test_an_edited_order_counts_against_the_credit_once(db_url: str) -> None:
    """The credit check of ``order.update`` reads the open orders as every submit does, and
    leaves out the order's own old total (the new lines replace it)."""
    s = seed(db_url, credit_limit=Decimal("120"))
    _auto_confirm(db_url, False)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        first = submit_args(s, qty=5, product=1)  # 56.50
        r = rep.push_one("order.submit", first)
        assert r["data"]["hold_reasons"] == []
        # 6 units: 67.80 alone is within 120; counted twice with the old 56.50 it would not be.
        line = {"product_id": s.products[1], "quantity": 6, "unit_price": "10.00"}
        u = rep.push_one("order.update", {"order_id": first["order_id"], "lines": [line]},
                         r["version"])
        assert u["status"] == "applied" and u["data"]["hold_reasons"] == [], u
        # Another open order does count: 67.80 + 56.50 > 120.
        second = submit_args(s, qty=5, product=1)
        assert rep.push_one("order.submit", second)["data"]["hold_reasons"] == [
            "credit_exceeded"]
        more = {"product_id": s.products[1], "quantity": 7, "unit_price": "10.00"}
        u = rep.push_one("order.update", {"order_id": first["order_id"], "lines": [more]},
                         u["version"])
        assert u["status"] == "applied" and u["data"]["hold_reasons"] == ["credit_exceeded"]
