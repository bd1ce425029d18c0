"""Promotions on the server, on SQLite and PostgreSQL: imported by CSV, synced in scope,
re-evaluated at submit (``promotion_changed`` with both versions, never a silent change), gifts
reserved like any line (no oversell), and protocol 1 clients refused."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync_engine import domain as d
from sync_engine.protocol import PROTOCOL_HEADER
from sync_engine.server.ops.cli import main
from sync_engine.server.ops.importer import import_csv
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import EventOutbox, Order, Promotion, ServerMeta, Stock
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed
from tests.support.server import Server, app_server

HEADER = "code,kind,starts_at,ends_at,name,customers,sku,unit_price,buy_qty,get_qty,gift_sku," \
         "threshold,amount_off\n"


def _when(days: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).isoformat(timespec="seconds")


def import_text(db_url: str, kind: str, text: str) -> Any:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return import_csv(session, kind, io.StringIO(text))
    finally:
        engine.dispose()


def read(db_url: str, fn: Any) -> Any:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return fn(session)
    finally:
        engine.dispose()


@pytest.fixture
def env(db_url: str) -> Iterator[tuple[str, Server, Seed]]:
    s = seed(db_url, stock=100)
    # Customer A buys at tax-inclusive prices (含税), the usual case in China.
    report = import_text(db_url, "customers",
                         "code,name,warehouse,prices_include_tax\nCUST-A,客户A,SH,是\n")
    assert report.ok, report.errors
    with app_server(db_url) as server:
        yield db_url, server, s


def buy_ten_get_one(s: Seed, ends: float = 7, gift: int = 0, customers: str = "") -> str:
    return (f"MZ1,买赠,{_when(-1)},{_when(ends)},买十赠一,{customers},SKU-0001,,10,1,"
            f"SKU-{gift + 1:04d},,\n")


def order(s: Seed, lines: list[tuple[int, int]], promotions: list[dict[str, Any]],
          customer: str = "A") -> dict[str, Any]:
    return {"order_id": new_id(), "customer_id": s.customers[customer],
            "lines": [{"product_id": s.products[p], "quantity": q} for p, q in lines],
            "promotions": promotions}


def gift_quote(s: Seed, units: int = 1, product: int = 0, saving: str = "9.00") -> dict[str, Any]:
    return {"code": "MZ1", "kind": "buy_get", "product_id": s.products[0], "unit_price": None,
            "amount_off": None, "gifts": [{"product_id": s.products[product], "quantity": units}],
            "saving": saving}


def reserved(db_url: str, s: Seed, product: int) -> tuple[int, int]:
    row = read(db_url, lambda session: session.get(Stock, (s.products[product], s.warehouses[0])))
    return row.on_hand, row.reserved


def test_a_promotion_that_ends_while_the_rep_is_offline_is_a_conflict_with_both_versions(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, s = env
    assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s)).ok
    with Api(server, "rep1") as rep:
        feed = {c["id"]: c for c in rep.pull_all() if c["entity"] == "promotion"}
        assert feed["MZ1"]["data"]["kind"] == "buy_get"
        # Online: the quote agrees, the gift is its own line at 0, reserved with the rest.
        applied = rep.push_one("order.submit", order(s, [(0, 10)], [gift_quote(s)]))
        assert applied["status"] == "applied", applied
        lines = applied["data"]["lines"]
        assert [(ln["quantity"], ln["unit_price"], ln["gift"], ln["promotion"]) for ln in lines] \
            == [(10, "9.00", False, "MZ1"), (1, "0.00", True, "MZ1")]
        assert applied["data"]["totals"] == {"net": "79.65", "tax": "10.35", "gross": "90.00"}
        assert applied["data"]["promotions"] == [gift_quote(s)]
        assert reserved(db_url, s, 0) == (100, 11)

        # The rep goes offline and quotes again; meanwhile the promotion is ended.
        offline = order(s, [(0, 20)], [gift_quote(s, 2)])
        ended = HEADER + buy_ten_get_one(s, ends=-0.5)
        assert import_text(db_url, "promotions", ended).updated == 1
        conflict = rep.push_one("order.submit", offline)
        assert conflict["status"] == "conflict" and conflict["reason"] == "promotion_changed"
        assert conflict["details"]["promotions"] == {"quoted": [gift_quote(s, 2)], "current": []}
        assert conflict["details"]["totals"]["gross"] == "170.00"  # 20 × 8.50
        assert conflict["message_zh"]
        assert reserved(db_url, s, 0) == (100, 11)  # nothing written
        # The rep takes the server's version: applied, no gift.
        again = rep.push_one("order.submit", {**offline, "promotions": []})
        assert again["status"] == "applied" and len(again["data"]["lines"]) == 1
        # The feed tells the device the promotion's new end.
        ends = [c for c in rep.pull_all() if c["entity"] == "promotion"]
        assert ends and ends[-1]["data"]["ends_at"] < _when(0)


def test_never_silent_in_the_other_direction_either(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    with Api(server, "rep1") as rep:
        rep.pull_all()
        assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s)).ok
        # Quoted without the promotion (the device had not synced it): the server says so.
        answer = rep.push_one("order.submit", order(s, [(0, 10)], []))
        assert answer["reason"] == "promotion_changed"
        assert answer["details"]["promotions"]["current"] == [gift_quote(s)]


def test_a_gift_competes_for_the_last_units_like_any_line(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    # Buying 10 of product 1 gives 1 of product 2, of which 5 are left.
    assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s, gift=1)).ok
    assert import_text(db_url, "stock", "sku,warehouse,on_hand\nSKU-0002,SH,5\n").ok
    with Api(server, "rep1") as rep:
        gift = order(s, [(0, 10)], [gift_quote(s, 1, product=1, saving="11.30")])
        takes_all = order(s, [(1, 5)], [])
        # One push: the normal order takes the last units, then the gift cannot be given.
        first, second = rep.push(mutation("order.submit", takes_all),
                                 mutation("order.submit", gift))
        assert first["status"] == "applied" and first["data"]["stock_reserved"]
        assert second["status"] == "conflict" and second["reason"] == "promotion_changed"
        assert second["details"]["promotions"]["current"] == []
        assert reserved(db_url, s, 1) == (5, 5)

        # The other way round: the gift is reserved first, and the normal order is held.
        assert import_text(db_url, "stock", "sku,warehouse,on_hand\nSKU-0002,SH,10\n").ok
        gift2 = order(s, [(0, 10)], [gift_quote(s, 1, product=1, saving="11.30")])
        rest = order(s, [(1, 5)], [])
        first, second = rep.push(mutation("order.submit", gift2), mutation("order.submit", rest))
        assert first["status"] == "applied", first["details"]
        assert first["data"]["stock_reserved"]
        assert second["status"] == "applied" and not second["data"]["stock_reserved"]
        assert second["details"]["hold_reasons"] == ["stock_short"]
        assert reserved(db_url, s, 1) == (10, 6)  # never more than on hand


def test_spend_off_and_special_price_for_some_stores(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    text = HEADER + (
        f"TJ1,特价,{_when(-1)},{_when(6)},一周特价,CUST-A,SKU-0002,9.50,,,,,\n"
        f"MJ1,满减,{_when(-1)},{_when(30)},满2000减100,,,,,,,2000,100\n"
    )
    report = import_text(db_url, "promotions", text)
    assert report.ok and report.created == 2, report.errors
    special = {"code": "TJ1", "kind": "special_price", "product_id": s.products[1],
               "unit_price": "9.50", "amount_off": None, "gifts": [], "saving": "3.60"}
    off = {"code": "MJ1", "kind": "spend_off", "product_id": None, "unit_price": None,
           "amount_off": "100.00", "gifts": [], "saving": "100.00"}
    with Api(server, "rep1") as rep, Api(server, "rep2") as rep2:
        mine = {c["id"] for c in rep.pull_all() if c["entity"] == "promotion"}
        theirs = {c["id"] for c in rep2.pull_all() if c["entity"] == "promotion"}
        assert mine == {f"TJ1:{s.customers['A']}", "MJ1"}
        assert theirs == {"MJ1"}  # customer C is not among TJ1's stores
        # Customer A (含税): 2 × 9.50 special, 200 × 9.00 (P3 base 10.00 + 13% = 11.30)…
        answer = rep.push_one("order.submit", order(s, [(1, 2), (2, 200)], [special, off]))
        assert answer["status"] == "applied", answer["details"]
        data = answer["data"]
        assert data["totals"]["gross"] == "2179.00"  # 19.00 + 2260.00 − 100.00
        assert sum(Decimal(ln["discount"]) for ln in data["lines"]) == Decimal("100.00")
        for ln in data["lines"]:
            assert Decimal(ln["net"]) + Decimal(ln["tax"]) == Decimal(ln["gross"])
        assert sum(Decimal(ln["gross"]) for ln in data["lines"]) == Decimal("2179.00")
        # The ERP hears what the promotions gave.
        events = read(db_url, lambda session: [e.payload for e in session.scalars(
            select(EventOutbox).where(EventOutbox.type == "order.submitted"))])
        assert events[-1]["promotions"] == [special, off]
        assert events[-1]["prices_include_tax"] is True
        # Customer B is tax-exclusive and not among TJ1's stores: 2 × 10.00 + 13%.
        b = rep.push_one("order.submit", order(s, [(1, 2)], [], customer="B"))
        assert b["data"]["totals"] == {"net": "20.00", "tax": "2.60", "gross": "22.60"}

        # TJ1 moves to customer B only: A's copy is deleted from rep1's device, B's arrives.
        moved = HEADER + f"TJ1,特价,{_when(-1)},{_when(6)},一周特价,CUST-B,SKU-0002,9.50,,,,,\n"
        assert import_text(db_url, "promotions", moved).updated == 1
        changes = [(c["id"], c["op"]) for c in rep.pull_all() if c["entity"] == "promotion"]
        assert changes == [(f"TJ1:{s.customers['A']}", "delete"),
                           (f"TJ1:{s.customers['B']}", "upsert")]
        assert [c for c in rep2.pull_all() if c["entity"] == "promotion"] == []
        stored = read(db_url, lambda session: session.scalars(select(Order)).all())
        assert any(o.promotions == [special, off] for o in stored)


def test_hostile_promotion_files_are_refused_whole(env: tuple[str, Server, Seed]) -> None:
    db_url, _server, _s = env
    text = HEADER + (
        f"X1,打折,{_when(-1)},{_when(1)},,,,,,,,,\n"  # unknown kind
        f"X2,满减,yesterday,{_when(1)},,,,,,,,100,\n"  # bad time; amount_off missing
        f"X3,特价,{_when(1)},{_when(-1)},,,SKU-0001,1.00,3,,,,\n"  # ends first; buy_qty
        f"X4,买赠,{_when(-1)},{_when(1)},,NOBODY,SKU-9999,,0,1,,,\n"  # customer, sku, buy_qty
        f"X5,满赠,{_when(-1)},{_when(1)},\x07,,,,,1,SKU-0001,-5,\n"  # control char, threshold
        "X1,满减,2026-01-01,2026-01-02,,,,,,,,100,10\n"  # duplicate code
    )
    report = import_text(db_url, "promotions", text)
    codes = {(e.line, e.column, e.code) for e in report.errors}
    assert codes >= {
        (2, "kind", "invalid_kind"), (3, "starts_at", "invalid_datetime"),
        (3, "amount_off", "required"), (4, "ends_at", "out_of_range"),
        (4, "buy_qty", "not_for_kind"), (5, "customers", "unknown_customer"),
        (5, "sku", "unknown_product"), (5, "buy_qty", "out_of_range"),
        (6, "name", "text_control_char"), (6, "threshold", "out_of_range"),
        (7, "code", "duplicate"),
    }, report.errors
    assert all(e.message_zh for e in report.errors)
    assert read(db_url, lambda session: session.scalars(select(Promotion)).all()) == []
    assert import_text(db_url, "promotions", "code,kind,starts_at,ends_at,colour\n").errors[0] \
        .code == "unknown_column"


def test_a_protocol_1_client_gets_update_required(env: tuple[str, Server, Seed]) -> None:
    _db_url, server, s = env
    with Api(server, "rep1") as rep:
        r = rep.http.post("/v1/push", headers={PROTOCOL_HEADER: "1"}, json={
            "client_id": rep.client_id,
            "mutations": [mutation("order.submit", order(s, [(0, 10)], []))]})
        assert r.status_code == 426 and r.json()["error"]["code"] == "update_required"
        r = rep.http.get("/v1/pull", headers={PROTOCOL_HEADER: "1"})
        assert r.status_code == 426 and r.json()["error"]["code"] == "update_required"


def test_the_server_prices_with_the_same_domain_function(env: tuple[str, Server, Seed]) -> None:
    """What a client computes offline with ``quote_order`` is what the server answers."""
    db_url, server, s = env
    assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s)).ok
    promotions = read(db_url, lambda session: session.scalars(select(Promotion)).all())
    from sync_engine.server.storage import rows

    domain_promotions = [rows.promotion(p) for p in promotions]
    product = d.Product(s.products[0], "SKU-0001", "商品1", "Product 1", "瓶", "箱", 6, 1, 1,
                        Decimal("0.13"), Decimal("10.00"))
    prices = {product.id: d.CustomerPrice(s.customers["A"], product.id,
                                          (d.PriceBreak(1, Decimal("9.00")),
                                           d.PriceBreak(12, Decimal("8.50"))))}
    customer = d.Customer(s.customers["A"], "CUST-A", "客户A", s.warehouses[0],
                          prices_include_tax=True)
    quote = d.quote_order(customer, [(product.id, 35)], {product.id: product}, prices,
                          domain_promotions, dt.datetime.now(dt.UTC))
    with Api(server, "rep1") as rep:
        answer = rep.push_one("order.submit", order(
            s, [(0, 35)], [a.to_dict() for a in quote.applied]))
    assert answer["status"] == "applied", answer
    assert answer["data"]["totals"] == {"net": str(quote.totals.net),
                                        "tax": str(quote.totals.tax),
                                        "gross": str(quote.totals.gross)}


def test_the_import_command_takes_promotions(
    env: tuple[str, Server, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    db_url, _server, s = env
    good = tmp_path / "promotions.csv"
    good.write_text(HEADER + buy_ten_get_one(s), encoding="utf-8")
    assert main(["import", "--db", db_url, "promotions", str(good)]) == 0
    assert "promotions: 1 rows — 1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "MZ9,买赠,2026-12-01,2026-12-02,,,SKU-0001,,10,,,,\n",
                   encoding="utf-8")
    assert main(["import", "--db", db_url, "promotions", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: get_qty: a buy_get promotion needs get_qty" in err
    assert "nothing was imported" in err


def review_every_order(db_url: str) -> None:
    """Auto-confirm off: orders stay ``submitted``, so they can be edited."""
    def off(session: Any) -> None:
        row = session.get(ServerMeta, "auto_confirm")
        row.value = "false"
        session.commit()
    read(db_url, off)


def test_an_update_judges_gifts_on_the_stock_as_a_submit_does(
    env: tuple[str, Server, Seed],
) -> None:
    db_url, server, s = env
    review_every_order(db_url)
    # Buying 10 of product 1 gives 1 of product 2, of which none is left.
    assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s, gift=1)).ok
    assert import_text(db_url, "stock", "sku,warehouse,on_hand\nSKU-0002,SH,0\n").ok
    gift = gift_quote(s, 1, product=1, saving="11.30")
    with Api(server, "rep1") as rep:
        placed = rep.push_one("order.submit", order(s, [(0, 5)], []))
        assert placed["status"] == "applied", placed
        before = placed["data"]
        ten = {"order_id": before["id"], "promotions": [gift],
               "lines": [{"product_id": s.products[0], "quantity": 10}]}
        # The rep's device quoted the gift; the stock cannot cover it: both versions, no change.
        conflict = rep.push_one("order.update", ten, placed["version"])
        assert conflict["status"] == "conflict" and conflict["reason"] == "promotion_changed"
        assert conflict["details"]["promotions"] == {"quoted": [gift], "current": []}
        assert conflict["details"]["totals"]["gross"] == "90.00"  # 10 × 9.00, no gift
        stored = read(db_url, lambda session: session.get(Order, before["id"]))
        assert stored.version == placed["version"] and stored.promotions == []
        assert reserved(db_url, s, 0) == (100, 5) and reserved(db_url, s, 1) == (0, 0)

        # One unit arrives: the same update applies, the gift reserved like any line.
        assert import_text(db_url, "stock", "sku,warehouse,on_hand\nSKU-0002,SH,1\n").ok
        applied = rep.push_one("order.update", ten, placed["version"])
        assert applied["status"] == "applied", applied
        assert [(ln["quantity"], ln["gift"]) for ln in applied["data"]["lines"]] \
            == [(10, False), (1, True)]
        assert applied["data"]["promotions"] == [gift]
        assert applied["data"]["stock_reserved"]
        assert reserved(db_url, s, 0) == (100, 10) and reserved(db_url, s, 1) == (1, 1)


def test_an_update_counts_the_units_its_own_order_holds(env: tuple[str, Server, Seed]) -> None:
    db_url, server, s = env
    review_every_order(db_url)
    # Buying 10 of product 1 gives 1 more of it; 11 are on hand.
    assert import_text(db_url, "promotions", HEADER + buy_ten_get_one(s)).ok
    assert import_text(db_url, "stock", "sku,warehouse,on_hand\nSKU-0001,SH,11\n").ok
    with Api(server, "rep1") as rep:
        placed = rep.push_one("order.submit", order(s, [(0, 10)], [gift_quote(s)]))
        assert placed["status"] == "applied", placed
        assert reserved(db_url, s, 0) == (11, 11)
        lines = [{"product_id": s.products[0], "quantity": 10}]
        # The order's own 11 units are free for its edit: the gift is still covered.
        same = {"order_id": placed["data"]["id"], "lines": lines, "promotions": [gift_quote(s)],
                "notes": "送货前电话"}
        applied = rep.push_one("order.update", same, placed["version"])
        assert applied["status"] == "applied", applied
        assert applied["data"]["promotions"] == [gift_quote(s)]
        assert reserved(db_url, s, 0) == (11, 11)
        # Twenty with two gifts would need 22 of the 11: the server gives none, and says so.
        twenty = {**same, "lines": [{"product_id": s.products[0], "quantity": 20}],
                  "promotions": [gift_quote(s, 2)]}
        conflict = rep.push_one("order.update", twenty, applied["version"])
        assert conflict["status"] == "conflict" and conflict["reason"] == "promotion_changed"
        assert conflict["details"]["promotions"] == {"quoted": [gift_quote(s, 2)], "current": []}
        assert reserved(db_url, s, 0) == (11, 11)
