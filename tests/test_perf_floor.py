"""Issue 18's floor of W1 as the benchmarks measure it (``bench_w1_client.floor``): the pages'
products parsed and inserted into a plain SQLite file, searchable by an FTS5 trigram index on
their names, and nothing else of the pages written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.perf import bench_w1_client


def _product(i: int, name_zh: str, name_en: str) -> dict[str, object]:
    data = {column: "" for column in bench_w1_client._FLOOR_COLUMNS}
    data.update(id=i, sku=f"BEV-{i:06d}", name_zh=name_zh, name_en=name_en, version=1)
    return {"entity": "product", "id": str(i), "op": "upsert", "version": 1, "data": data}


def test_the_floor_inserts_and_indexes_the_pages_products_alone(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    price = {"entity": "price", "id": "1:1", "op": "upsert", "version": 1,
             "data": {"customer_id": 1, "product_id": 1, "breaks": []}}
    for n, changes in enumerate([
        [_product(1, "可口可乐 330ml", "Coca-Cola 330ml"), price,
         _product(2, "农夫山泉 550ml", "Nongfu Spring 550ml")],
        [_product(3, "康师傅红烧牛肉面", "Master Kong Beef Noodles")],
    ]):
        (pages / f"{n:05d}.json").write_text(json.dumps({"changes": changes, "has_more": True}))
    out = tmp_path / "floor"
    out.mkdir()

    figures = bench_w1_client.floor(sorted(pages.glob("*.json")), str(out))

    assert figures["floor products"] == 3
    assert figures["floor CPU"] > 0 and figures["floor wall"] > 0
    db = sqlite3.connect(out / "floor.sqlite3")
    assert [r[0] for r in db.execute("SELECT id FROM products ORDER BY id")] == [1, 2, 3]
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'prices'").fetchone() == (0,)
    found = db.execute("SELECT rowid FROM product_names WHERE product_names MATCH ?", ("牛肉面",))
    assert [r[0] for r in found] == [3]
    found = db.execute("SELECT rowid FROM product_names WHERE product_names MATCH ?", ("spring",))
    assert [r[0] for r in found] == [2]
