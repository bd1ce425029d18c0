from __future__ import annotations

from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server


def test_submit_and_pull(db_url: str) -> None:
    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        changes = rep.pull_all()
        kinds = {c["entity"] for c in changes}
        assert {"product", "stock", "customer", "price", "warehouse"} <= kinds
        oid = new_id()
        r = rep.push_one(
            "order.submit",
            {
                "order_id": oid,
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[0], "quantity": 12, "unit_price": "8.50"}],
            },
        )
        assert r["status"] == "applied", r
        assert r["data"]["status"] == "confirmed"
        assert r["data"]["number"].startswith("DH")
        later = rep.pull_all()
        assert any(c["entity"] == "order" and c["id"] == oid for c in later)
