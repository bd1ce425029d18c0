"""Benchmark data at the scale DESIGN.md plans for, loaded the way real data arrives (ERP CSV).

``load_scale(url, products=100_000, customers=2_000, prices=40_000)`` fills an empty, migrated
server database: the demo's warehouses and users (password ``demo``), ``customers`` customers
spread over rep1/rep2, ``prices`` customer price rows, and stock for every product in both
warehouses. Every row goes through the importer, so it is in the change feed.
"""

from __future__ import annotations

import csv
import io
import random
import time
from typing import Any

from sync_engine.server import accounts as auth
from sync_engine.server.demo.catalog import generate_products
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_warehouse
from sync_engine.server.ops.importer import import_csv
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Customer, Warehouse


def _csv(header: list[str], rows: list[list[Any]]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    out.seek(0)
    return out


def load_scale(url: str, *, products: int = 100_000, customers: int = 2_000,
               prices: int = 40_000, seed: int = 7) -> dict[str, float]:
    """Load the data set; returns seconds per phase."""
    rng = random.Random(seed)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    timings: dict[str, float] = {}
    with sessions() as session:
        t = time.perf_counter()
        uow = UnitOfWork(session)
        whs = [Warehouse(code="SH", name="上海仓"), Warehouse(code="GZ", name="广州仓")]
        session.add_all(whs)
        session.flush()
        for w in whs:
            record_warehouse(uow, w)
        for name, role in (("rep1", "sales_rep"), ("rep2", "sales_rep"), ("admin", "admin")):
            auth.create_user(session, name, "demo", role, commit=False, demo_account=True)
        auth.create_user(session, "clerk1", "demo", "warehouse_clerk", warehouse_id=whs[0].id,
                         commit=False, demo_account=True)
        uow.commit()
        timings["users"] = time.perf_counter() - t

        catalog = generate_products(products, seed)
        cols = ["sku", "barcode", "name_zh", "name_en", "category", "unit", "case_unit",
                "case_qty", "pack_size", "min_qty", "tax_rate", "base_price"]
        t = time.perf_counter()
        report = import_csv(session, "products", _csv(cols, [[p[c] for c in cols]
                                                              for p in catalog]))
        assert report.ok, report.errors[:3]
        timings["products"] = time.perf_counter() - t

        t = time.perf_counter()
        rows = [[f"C{i:05d}", f"客户{i:05d}", "rep1" if i % 2 else "rep2",
                 "SH" if i % 3 else "GZ", "50000", "月结30天"] for i in range(customers)]
        report = import_csv(session, "customers", _csv(
            ["code", "name", "rep", "warehouse", "credit_limit", "payment_terms"], rows))
        assert report.ok, report.errors[:3]
        timings["customers"] = time.perf_counter() - t

        t = time.perf_counter()
        price_rows = []
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < prices:
            pairs.add((rng.randrange(customers), rng.randrange(products)))
        for c, p in sorted(pairs):
            price_rows.append([f"C{c:05d}", catalog[p]["sku"], 1, catalog[p]["base_price"]])
        report = import_csv(session, "prices", _csv(["customer", "sku", "min_qty", "unit_price"],
                                                    price_rows))
        assert report.ok, report.errors[:3]
        timings["prices"] = time.perf_counter() - t

        t = time.perf_counter()
        stock_rows = [[p["sku"], wh, 10_000] for p in catalog for wh in ("SH", "GZ")]
        report = import_csv(session, "stock", _csv(["sku", "warehouse", "on_hand"], stock_rows))
        assert report.ok, report.errors[:3]
        timings["stock"] = time.perf_counter() - t
        assert session.query(Customer).count() == customers
    engine.dispose()
    return timings
