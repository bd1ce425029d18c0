"""Pricing a 350-line order with promotions on a device (issue 20; goal < 50 ms, so editing
stays instant). Not collected by pytest.

    .venv/bin/python tests/perf/bench_promotions.py [--products 100000] [--runs 30]

A local store (a real replica file, filled through the feed code) holds ``--products``
products with stock, a customer with contract prices on a fifth of them, and 601 promotions
of the last sync: a special price on 200 products, buy-N-get-1 on 200 (half of them give
another product), 200 special prices for other customers, and a 满减. The order has 350 lines,
a third of them on promoted products. Measured, each ``--runs`` times, min–median–max:

- ``quote``: :func:`sync_engine.client.quotes.quote`, what every change of lines and the submit
  run (reads products, prices, stock and promotions from the replica, then the domain);
- ``domain``: :func:`sync_engine.domain.quote_order` alone, on the values already read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync_engine import domain as d
from sync_engine.client import catalog, quotes, replica
from sync_engine.client.store import Store

CUSTOMER, OTHER, WAREHOUSE = 7, 8, 1


def _changes(products: int, rng: random.Random) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    start, end = (now - dt.timedelta(days=1)).isoformat(), (now + dt.timedelta(days=6)).isoformat()
    out: list[dict[str, Any]] = [{"entity": "warehouse", "id": "1", "op": "upsert", "version": 1,
                                  "data": {"id": WAREHOUSE, "code": "SH", "name": "上海仓"}}]
    for cid in (CUSTOMER, OTHER):
        out.append({"entity": "customer", "id": str(cid), "op": "upsert", "version": 1,
                    "data": {"id": cid, "code": f"C{cid}", "name": f"客户{cid}",
                             "warehouse_id": WAREHOUSE, "prices_include_tax": True}})
    for pid in range(1, products + 1):
        price = f"{rng.randrange(100, 50_000) / 100:.2f}"
        out.append({"entity": "product", "id": str(pid), "op": "upsert", "version": 1, "data": {
            "id": pid, "sku": f"SKU-{pid:06d}", "barcode": None, "name_zh": f"商品{pid}",
            "name_en": f"Product {pid}", "category": "饮料", "unit": "瓶", "case_unit": "箱",
            "case_qty": 12, "pack_size": 1, "min_qty": 1, "tax_rate": "0.13",
            "base_price": price, "active": True, "sellable": True, "pinyin": "", "initials": ""}})
        out.append({"entity": "stock", "id": f"{pid}:1", "op": "upsert", "version": 1,
                    "data": {"product_id": pid, "warehouse_id": WAREHOUSE, "on_hand": 10_000,
                             "reserved": 0}})
        if pid % 5 == 0:
            out.append({"entity": "price", "id": f"{CUSTOMER}:{pid}", "op": "upsert",
                        "version": 1, "data": {"customer_id": CUSTOMER, "product_id": pid,
                                               "breaks": [{"min_qty": 1, "unit_price": price},
                                                          {"min_qty": 24, "unit_price": "1.00"}]}})

    def promotion(code: str, customer: int | None, **fields: Any) -> None:
        key = code if customer is None else f"{code}:{customer}"
        out.append({"entity": "promotion", "id": key, "op": "upsert", "version": 1, "data": {
            "code": code, "starts_at": start, "ends_at": end, "customer_id": customer,
            "name": code, **fields}})

    for i in range(200):
        promotion(f"TJ{i:03d}", CUSTOMER, kind="special_price", product_id=i + 1,
                  unit_price="1.50", price_includes_tax=True)
        promotion(f"TX{i:03d}", OTHER, kind="special_price", product_id=i + 1,
                  unit_price="1.00", price_includes_tax=True)
        promotion(f"MZ{i:03d}", None, kind="buy_get", product_id=i + 201, buy_qty=10, get_qty=1,
                  gift_product_id=None if i % 2 else i + 1000)
    promotion("MJ1", None, kind="spend_off", threshold="2000", amount_off="100")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    rng = random.Random(20)
    with tempfile.TemporaryDirectory() as work:
        store = Store(Path(work))
        t = time.perf_counter()
        with store.write() as db:
            replica.apply_changes(db, _changes(args.products, rng), fresh=True)
        print(f"replica of {args.products:,} products filled in {time.perf_counter() - t:.1f} s")
        promoted = list(range(1, 401))
        others = rng.sample(range(401, args.products + 1), 350 - 117)
        ids = rng.sample(promoted, 117) + others
        quote_ms, domain_ms = [], []
        with store.read() as db:
            # As order entry makes them: each line at the customer's contract price.
            known, rows = catalog.products(db, ids), catalog.prices(db, CUSTOMER, ids)
            lines = [d.price_line(known[pid], rows.get(pid), rng.choice([6, 12, 24, 36]),
                                  tax_included=True) for pid in ids]
            for _ in range(args.runs):
                t = time.perf_counter()
                q = quotes.quote(db, CUSTOMER, WAREHOUSE, lines)
                quote_ms.append((time.perf_counter() - t) * 1000)
            customer = catalog.customer(db, CUSTOMER)
            promotions = catalog.promotions(db, CUSTOMER)
            wanted = {ln.product_id for ln in lines} | {
                g for p in promotions if (g := p.gift_product) is not None}
            products = catalog.products(db, wanted)
            prices = catalog.prices(db, CUSTOMER, wanted)
            assert customer is not None
            for _ in range(args.runs):
                t = time.perf_counter()
                d.quote_order(customer, [(ln.product_id, ln.quantity) for ln in lines], products,
                              prices, promotions, dt.datetime.now(dt.UTC))
                domain_ms.append((time.perf_counter() - t) * 1000)
        store.close()
    kinds: dict[str, int] = {}
    for a in q.applied:
        kinds[a.kind.value] = kinds.get(a.kind.value, 0) + 1
    print(f"order: {len(lines)} lines → {len(q.lines)} with gifts; promotions applied {kinds}; "
          f"gross {q.totals.gross}")
    for name, values in (("quote (replica reads + domain)", quote_ms),
                         ("domain quote_order alone", domain_ms)):
        print(f"{name}: min {min(values):.1f} ms, median {statistics.median(values):.1f} ms, "
              f"max {max(values):.1f} ms over {len(values)} runs")


if __name__ == "__main__":
    main()
