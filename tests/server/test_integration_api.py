"""The integration API: a fake ERP upserts by its own codes, in any order, any number of times."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.ops.integration import tokens
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import ChangeLog, CustomerPrice, Product, Stock
from tests.support.api import Api
from tests.support.live import live_server
from tests.support.seed import Seed, seed

pytestmark = pytest.mark.live  # a real uvicorn: the device test holds the event stream open


class FakeErp:
    """The ERP's side: an integration token and the bulk endpoints."""

    opened: ClassVar[list[httpx.Client]] = []

    def __init__(self, base_url: str, token: str):
        self.http = httpx.Client(base_url=base_url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})
        FakeErp.opened.append(self.http)

    def send(self, kind: str, rows: list[dict[str, Any]], mode: str = "all_or_nothing"
             ) -> httpx.Response:
        return self.http.post(f"/v1/integration/{kind}", json={"mode": mode, "rows": rows})

    def upsert(self, kind: str, rows: list[dict[str, Any]], mode: str = "all_or_nothing"
               ) -> dict[str, Any]:
        r = self.send(kind, rows, mode)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body


@pytest.fixture
def world(pg_db_url: str) -> Iterator[tuple[str, Seed, Session]]:
    data = seed(pg_db_url, products=3, stock=100)
    engine = make_engine(pg_db_url)
    with make_session_factory(engine)() as session, live_server(pg_db_url) as url:
        yield url, data, session
        while FakeErp.opened:
            FakeErp.opened.pop().close()
    engine.dispose()


def _token(session: Session, name: str, *scopes: str) -> str:
    return tokens.create_token(session, name, list(scopes))[1]


def _stock(session: Session, product_id: int, warehouse_id: int) -> Stock:
    session.expire_all()
    s = session.get(Stock, (product_id, warehouse_id))
    assert s is not None
    session.commit()
    return s


def test_newest_version_wins_and_repeats_apply_once(world: tuple[str, Seed, Session]) -> None:
    url, data, session = world
    erp = FakeErp(url, _token(session, "wms", "stock"))
    p1, sh = data.products[0], data.warehouses[0]
    before = _stock(session, p1, sh).version
    report = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "on_hand": 50,
                                   "version": 2}])
    assert (report["updated"], report["skipped"], report["applied"]) == (1, 0, True)
    # The older update arrives late; the newer one is repeated: neither changes anything.
    late = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "on_hand": 10,
                                 "version": 1},
                                {"sku": "SKU-0001", "warehouse": "SH", "on_hand": 50,
                                 "version": 2}])
    assert (late["updated"], late["skipped"], late["errors"]) == (0, 2, [])
    s = _stock(session, p1, sh)
    assert (s.on_hand, s.version) == (50, before + 1)
    # ISO 8601 times are versions too; out of order within one batch, the newest wins.
    report = erp.upsert("stock", [
        {"sku": "SKU-0002", "warehouse": "GZ", "on_hand": 7, "version": "2026-12-04T10:00:02Z"},
        {"sku": "SKU-0002", "warehouse": "GZ", "on_hand": 5, "version": "2026-12-04T10:00:01Z"},
    ])
    assert report["errors"] == []
    assert _stock(session, data.products[1], data.warehouses[1]).on_hand == 7


def test_stock_deltas_and_reservations(world: tuple[str, Seed, Session]) -> None:
    url, data, session = world
    erp = FakeErp(url, _token(session, "wms", "stock"))
    p1, sh = data.products[0], data.warehouses[0]
    s = _stock(session, p1, sh)
    s.reserved = 30
    session.commit()
    # 200 cases arrive, 20 are picked: deltas add up in version order.
    report = erp.upsert("stock", [
        {"sku": "SKU-0001", "warehouse": "SH", "delta": -20, "version": 11},
        {"sku": "SKU-0001", "warehouse": "SH", "delta": 200, "version": 10},
    ])
    assert report["errors"] == [] and report["updated"] == 1
    assert _stock(session, p1, sh).on_hand == 280
    # A repeated delta is applied once.
    again = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "delta": -20,
                                  "version": 11}])
    assert again["skipped"] == 1
    assert _stock(session, p1, sh).on_hand == 280
    # Below what orders reserved: reported, never clipped.
    low = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "delta": -260,
                                "version": 12}])
    assert not low["applied"]
    assert [(e["row"], e["field"], e["code"]) for e in low["errors"]] == [
        (0, "on_hand", "below_reserved")]
    assert "预留" in low["errors"][0]["message_zh"]
    low = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "on_hand": 29,
                                "version": 12}])
    assert low["errors"][0]["code"] == "below_reserved"
    s = _stock(session, p1, sh)
    assert (s.on_hand, s.reserved) == (280, 30)
    # Both, or neither: a row error.
    both = erp.upsert("stock", [{"sku": "SKU-0001", "warehouse": "SH", "delta": 1,
                                 "on_hand": 3, "version": 13}])
    assert both["errors"][0]["field"] == "delta"


def test_all_or_nothing_and_per_row(world: tuple[str, Seed, Session]) -> None:
    url, _data, session = world
    erp = FakeErp(url, _token(session, "erp", "catalog"))
    rows = [
        {"sku": "NEW-1", "name_zh": "新品一", "unit": "瓶", "tax_rate": "13%",
         "base_price": "3.50", "version": 1},
        {"sku": "NEW-2", "name_zh": "新品二", "unit": "瓶", "tax_rate": "0.13",
         "base_price": "abc", "version": 1},
        {"sku": "NEW-3", "unit": "瓶", "tax_rate": "0.13", "base_price": "1", "version": 1},
    ]
    report = erp.upsert("products", rows)
    assert not report["applied"] and report["created"] == 0
    assert [(e["row"], e["field"], e["code"]) for e in report["errors"]] == [
        (1, "base_price", "invalid_number"), (2, "name_zh", "required")]
    assert session.scalars(select(Product).where(Product.sku.like("NEW-%"))).all() == []
    session.commit()
    report = erp.upsert("products", rows, mode="per_row")
    assert report["applied"] and report["created"] == 1 and len(report["errors"]) == 2
    names = session.scalars(select(Product.name_zh).where(Product.sku.like("NEW-%"))).all()
    assert names == ["新品一"]
    session.commit()
    # A field a row leaves out keeps its value; an unknown field is a row error.
    report = erp.upsert("products", [{"sku": "NEW-1", "name_zh": "新品一号", "unit": "瓶",
                                      "tax_rate": "0.13", "base_price": "3.50", "version": 2}])
    assert report["updated"] == 1
    bad = erp.upsert("products", [{"sku": "NEW-1", "colour": "red", "version": 3}])
    assert bad["errors"][0]["code"] == "unknown_column"


def test_prices_replace_the_breaks(world: tuple[str, Seed, Session]) -> None:
    url, data, session = world
    erp = FakeErp(url, _token(session, "erp", "prices"))
    report = erp.upsert("prices", [{"customer": "CUST-A", "sku": "SKU-0001", "version": 5,
                                    "breaks": [{"min_qty": 1, "unit_price": "8.80"},
                                               {"min_qty": 24, "unit_price": "8.20"}]}])
    assert report["updated"] == 1, report
    cp = session.get(CustomerPrice, (data.customers["A"], data.products[0]))
    assert cp is not None and cp.breaks == [[1, "8.80"], [24, "8.20"]]
    session.commit()
    report = erp.upsert("prices", [{"customer": "NOPE", "sku": "SKU-0001", "version": 1,
                                    "breaks": [{"min_qty": 1, "unit_price": "1"}]}])
    assert report["errors"][0]["code"] == "unknown_customer"


def test_tokens_scopes_revocation_and_last_use(world: tuple[str, Seed, Session]) -> None:
    url, _data, session = world
    prices_only = FakeErp(url, _token(session, "pricing", "prices"))
    row = [{"sku": "SKU-0001", "warehouse": "SH", "on_hand": 1, "version": 1}]
    r = prices_only.send("stock", row)
    assert r.status_code == 403 and r.json()["error"]["code"] == "scope_not_granted"
    secret = _token(session, "wms", "stock")
    wms = FakeErp(url, secret)
    assert wms.send("stock", row).status_code == 200
    with Api(url, "admin") as admin:
        listed = {t["name"]: t for t in admin.http.get("/v1/admin/integration-tokens").json()}
        assert listed["wms"]["last_used_at"] is not None
        assert listed["pricing"]["scopes"] == ["prices"]
        assert all(t["token"] is None for t in listed.values())
        assert admin.http.delete("/v1/admin/integration-tokens/wms").status_code == 204
        made = admin.http.post("/v1/admin/integration-tokens",
                               json={"name": "erp2", "scopes": ["catalog", "stock"]})
        assert made.status_code == 201 and made.json()["token"].startswith("dhi_")
        # A revoked token's name goes to its replacement; a name in use is refused.
        again = admin.http.post("/v1/admin/integration-tokens",
                                json={"name": "wms", "scopes": ["stock"]})
        assert again.status_code == 201, again.text
        taken = admin.http.post("/v1/admin/integration-tokens",
                                json={"name": "wms", "scopes": ["stock"]})
        assert taken.status_code == 400
        assert taken.json()["error"]["code"] == "token_name_taken"
        states = sorted((t["name"], t["revoked_at"] is None)
                        for t in admin.http.get("/v1/admin/integration-tokens").json())
        assert states == [("erp2", True), ("pricing", True), ("wms", False), ("wms", True)]
    assert FakeErp(url, again.json()["token"]).send("stock", row).status_code == 200
    r = wms.send("stock", row)
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    assert FakeErp(url, "dhi_guess").send("stock", row).status_code == 401
    with Api(url, "rep1") as rep:
        assert rep.http.get("/v1/admin/integration-tokens").status_code == 403
    # Only the token's digest is stored.
    assert secret not in {t.token_hash for t in tokens.list_tokens(session)}


def test_rate_limit_is_a_bucket_per_token(world: tuple[str, Seed, Session]) -> None:
    _url, _data, session = world
    secret = _token(session, "wms", "stock")
    for _ in range(3):
        tokens.authenticate(session, secret, "stock", rate=0.001, burst=3)
    with pytest.raises(tokens.IntegrationAuthError) as refused:
        tokens.authenticate(session, secret, "stock", rate=0.001, burst=3)
    assert refused.value.status == 429 and refused.value.retry_after > 0


def test_erp_stock_change_reaches_a_device(world: tuple[str, Seed, Session]) -> None:
    url, data, session = world
    erp = FakeErp(url, _token(session, "wms", "stock"))
    with Api(url, "rep1") as rep:
        rep.pull_all()
        erp.upsert("stock", [{"sku": "SKU-0003", "warehouse": "GZ", "on_hand": 77,
                              "version": 1}])
        changes = rep.pull_all()
    stock = [c for c in changes if c["entity"] == "stock"]
    assert [(c["data"]["product_id"], c["data"]["on_hand"], c["data"]["available"])
            for c in stock] == [(data.products[2], 77, 77)]
    log = session.scalars(select(ChangeLog).where(ChangeLog.entity == "stock")
                          .order_by(ChangeLog.seq.desc())).first()
    assert log is not None and log.device_id == "integration:wms"


def test_the_integration_api_is_in_the_openapi_document(world: tuple[str, Seed, Session]
                                                        ) -> None:
    url, _data, _session = world
    spec = httpx.get(f"{url}/openapi.json").json()
    for kind in ("products", "customers", "prices", "stock"):
        post = spec["paths"][f"/v1/integration/{kind}"]["post"]
        assert post["tags"] == ["integration"]
        assert post["responses"]["429"]["content"]["application/json"]["schema"]["$ref"] \
            == "#/components/schemas/ErrorBody"
    assert "delta" in spec["components"]["schemas"]["StockRow"]["properties"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
