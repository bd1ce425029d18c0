"""Monthly statements (对账单) from the server: the numbers (shipments at their order's prices,
return credits, payments; opening + shipped − returned − paid = closing) and who may read
whose. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sync_engine.server.ops.cli import main
from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server

D = Decimal


def _month(delta: int = 0) -> str:
    today = dt.datetime.now(dt.UTC).date()
    n = today.year * 12 + today.month - 1 + delta
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _get(api: Api, customer_id: int, month: str) -> Any:
    return api.http.get(f"/v1/statements/{customer_id}", params={"month": month})


def test_the_statement_adds_up_and_is_scoped(db_url: str) -> None:
    s = seed(db_url)
    a, b, c = s.customers["A"], s.customers["B"], s.customers["C"]
    p1, p2 = s.products[0], s.products[1]
    with app_server(db_url) as server, Api(server, "rep1") as rep1, \
            Api(server, "clerk1") as clerk, Api(server, "admin") as admin, \
            Api(server, "owner1") as owner, Api(server, "rep2") as rep2:
        oid = new_id()
        r = rep1.push_one("order.submit", {
            "order_id": oid, "customer_id": a,
            "lines": [{"product_id": p1, "quantity": 10, "unit_price": "9.00"},
                      {"product_id": p2, "quantity": 6, "unit_price": "10.00"}]})
        assert r["data"]["status"] == "confirmed", r
        # Two shipments: 10 × P1, then 6 × P2.
        for lines in ([{"product_id": p1, "quantity": 10}], [{"product_id": p2, "quantity": 6}]):
            r = clerk.push_one("shipment.confirm", {"shipment_id": new_id(), "order_id": oid,
                                                    "lines": lines})
            assert r["status"] == "applied", r
        r = owner.push_one("return.request", {
            "return_id": new_id(), "order_id": oid, "reason": "damaged", "note": "",
            "lines": [{"product_id": p1, "quantity": 4}]})
        rid = r["id"]
        assert admin.push_one("return.decide", {"return_id": rid, "approve": True})[
            "status"] == "applied"
        assert clerk.push_one("return.receive", {"return_id": rid, "lines": [
            {"product_id": p1, "quantity": 4}]})["status"] == "applied"
        assert main(["receivables", "pay", "CUST-A", "100", "--ref", "BANK-1",
                     "--db", db_url]) == 0

        r = _get(admin, a, _month())
        assert r.status_code == 200, r.text
        st = r.json()
        # 10 × 9.00 and 6 × 10.00, 13 % tax: 101.70 + 67.80; 4 × 9.00 + tax back: 40.68.
        assert (st["opening"], st["shipped"], st["returned"], st["paid"], st["closing"]) == \
            ("0.00", "169.50", "40.68", "100.00", "28.82")
        assert D(st["opening"]) + D(st["shipped"]) - D(st["returned"]) - D(st["paid"]) == \
            D(st["closing"])
        assert [(ln["kind"], ln["amount"]) for ln in st["lines"]] == [
            ("shipment", "101.70"), ("shipment", "67.80"), ("return", "40.68"),
            ("payment", "100.00")]
        assert st["lines"][-1]["balance"] == st["closing"]
        assert st["customer"]["code"] == "CUST-A"
        # The next month opens at this one's closing; the month before is empty.
        nxt = _get(admin, a, _month(1)).json()
        assert (nxt["opening"], nxt["closing"], nxt["lines"]) == ("28.82", "28.82", [])
        before = _get(admin, a, _month(-1)).json()
        assert (before["opening"], before["closing"], before["lines"]) == ("0.00", "0.00", [])

        # Who may read whose: the rep their customers, the owner their own account.
        assert _get(rep1, a, _month()).json()["closing"] == "28.82"
        assert _get(owner, a, _month()).json()["closing"] == "28.82"
        assert _get(rep1, b, _month()).status_code == 200
        assert _get(admin, c, _month()).status_code == 200
        for api, customer in ((clerk, a), (rep2, a), (rep1, c), (owner, b), (rep1, 999_999),
                              (owner, 999_999)):
            r = _get(api, customer, _month())
            assert r.status_code == 403, (api.user, customer, r.text)
            assert r.json()["error"]["code"] == "statement_forbidden"
        r = _get(admin, 999_999, _month())
        assert (r.status_code, r.json()["error"]["code"]) == (404, "customer_unknown")
        # A month that is not one: refused at the field.
        r = _get(admin, a, "2026-13")
        assert r.status_code == 400 and r.json()["error"]["fields"][0]["field"] == "month"
        r = _get(admin, a, "December")
        assert r.status_code == 422
        assert admin.http.get(f"/v1/statements/{a}").status_code == 422  # no month
