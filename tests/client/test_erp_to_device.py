"""An ERP stock change reaches a connected rep's device: the event stream wakes it, its sync
brings the new level; a token without the ``stock`` scope changes nothing."""

from __future__ import annotations

import queue
import threading

import httpx

from sync_engine.server.ops.integration import tokens
from sync_engine.server.storage.engine import make_engine, make_session_factory
from tests.client.conftest import Env


def _token(db_url: str, name: str, *scopes: str) -> str:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            return tokens.create_token(session, name, list(scopes))[1]
    finally:
        engine.dispose()


def _erp(env: Env, token: str) -> httpx.Client:
    """The ERP's HTTP client, to wherever the test server listens (a socket, or the app in
    this process where the fixture offers a transport)."""
    transport = getattr(env, "transport", lambda: None)()
    return httpx.Client(base_url=env.url, timeout=30, transport=transport,
                        headers={"Authorization": f"Bearer {token}"})


def test_erp_stock_change_reaches_a_connected_device(env_pg: Env) -> None:
    rep = env_pg.device("rep1")
    product, warehouse = env_pg.seed.products[1], env_pg.seed.warehouses[0]
    view = rep.stock(product, warehouse)
    assert view is not None and view.on_hand == 100
    heard: queue.Queue[int] = queue.Queue()
    connected = threading.Event()
    stop = threading.Event()
    watcher = threading.Thread(target=rep.watch_changes, args=(stop, heard.put),
                               kwargs={"on_connected": connected.set}, daemon=True)
    watcher.start()
    wms = _erp(env_pg, _token(env_pg.db_url, "wms", "stock"))
    pricing = _erp(env_pg, _token(env_pg.db_url, "pricing", "prices"))
    try:
        assert connected.wait(15)
        row = {"sku": "SKU-0002", "warehouse": "SH", "delta": 200, "version": 1}
        # Denied: the pricing system may not write stock.
        denied = pricing.post("/v1/integration/stock", json={"rows": [row]})
        assert denied.status_code == 403
        r = wms.post("/v1/integration/stock", json={"rows": [row]})
        assert r.status_code == 200 and r.json()["updated"] == 1
        assert heard.get(timeout=15) > 0  # the stream woke the device
        rep.sync_once()
        view = rep.stock(product, warehouse)
        assert view is not None and (view.on_hand, view.available) == (300, 300)
    finally:
        stop.set()
        watcher.join(timeout=70)
        wms.close()
        pricing.close()


def test_a_category_in_english_reaches_the_device_from_the_erp(env: Env) -> None:
    # The integration API takes the CSV import's columns (category_en among them); the change
    # feed carries it to the replica, where the English UI reads it and the Chinese one does not.
    rep = env.device("rep1")
    product_id = env.seed.products[0]
    assert (rep.product(product_id).category, rep.product(product_id).category_en) == ("饮料", "")
    erp = _erp(env, _token(env.db_url, "erp", "catalog"))
    try:
        r = erp.post("/v1/integration/products", json={"rows": [
            {"sku": "SKU-0001", "name_zh": "商品1", "unit": "瓶", "tax_rate": "0.13",
             "base_price": "10.00", "category_en": "Beverages", "version": 2}]})
        assert r.status_code == 200 and r.json()["updated"] == 1, r.text
    finally:
        erp.close()
    rep.sync_once()
    got = rep.product(product_id)
    assert (got.category, got.category_en) == ("饮料", "Beverages")
    assert (got.category_in("en"), got.category_in("zh")) == ("Beverages", "饮料")
    assert env.device("rep2").product(product_id).category_en == "Beverages"  # a full sync too
