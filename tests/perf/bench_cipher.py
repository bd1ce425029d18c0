"""What SQLCipher would cost the replica: an exploratory benchmark, not the product.

Run:  .venv/bin/pip install sqlcipher3   (a wheel for Linux x86_64, Python 3.11; not a
      dependency of Dinghuo yet)
      .venv/bin/python tests/perf/bench_cipher.py off 100000
      .venv/bin/python tests/perf/bench_cipher.py on 100000

The store is opened as usual, except that with ``on`` SQLAlchemy gets ``sqlcipher3`` as its
DB-API module and every connection starts with ``PRAGMA key``. Then: a 100,000-product initial
load (as W1 applies pages), 1,000 price changes (as W2), 1,000 small write transactions (a
saved order each, as W3's local side), and searches; finally whether a product name is
readable in the file.

What integration needs (found here; patched below): ``sqlcipher3``'s connection has no
``getlimit`` (``bulk_insert``), and ``search``/``search_index`` test ``isinstance(...,
sqlite3.Connection)`` and use ``sqlite3.Row``; the integrity check, the backups (a keyed
target) and the journal (an AEAD per line) need the key as well.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from catalog_gen import generate_products  # noqa: E402
from sqlalchemy import event  # noqa: E402

from sync_engine.client import replica, search, search_index  # noqa: E402
from sync_engine.client import store as store_mod  # noqa: E402

KEY = "x'" + "ab" * 32 + "'"
QUERIES = ["康师傅", "kangshifu", "ksf", "noodles", "DAI-0001", "牛奶 250ml", "yogurt", "milk"]


def _use_sqlcipher() -> None:
    import sqlcipher3.dbapi2 as cipher  # type: ignore[import-not-found]

    class Conn(cipher.Connection):  # type: ignore[misc]
        def getlimit(self, _which: int) -> int:
            return 32766

    real_create = store_mod.create_engine

    def create_engine(url: str, **kw: Any) -> Any:
        kw["connect_args"] = {**kw.get("connect_args", {}), "factory": Conn}
        engine = real_create(url, module=cipher, **kw)

        @event.listens_for(engine, "connect", insert=True)
        def _key(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(f'PRAGMA key = "{KEY}"')

        return engine

    shim = types.SimpleNamespace(**{k: getattr(sqlite3, k) for k in dir(sqlite3)
                                    if not k.startswith("__")})
    shim.Connection = (sqlite3.Connection, cipher.Connection)
    shim.Row = cipher.Row
    store_mod.create_engine = create_engine  # type: ignore[assignment]
    store_mod.sqlite3 = shim  # type: ignore[assignment]
    search.sqlite3 = shim  # type: ignore[assignment]
    search_index.sqlite3 = shim  # type: ignore[assignment]


def main() -> None:
    mode, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    if mode == "on":
        _use_sqlcipher()
    products = generate_products(n, seed=1)
    changes = [{"entity": "product", "op": "upsert", "id": str(i), "version": 1,
                "data": {**p, "id": i, "active": True, "sellable": True}}
               for i, p in enumerate(products, 1)]
    with tempfile.TemporaryDirectory() as tmp:
        store = store_mod.Store(Path(tmp))
        start = time.perf_counter()
        with store.bulk_load():
            for k in range(0, n, 5000):
                with store.write() as db:
                    replica.apply_changes(db, changes[k:k + 5000], fresh=True)
        load = time.perf_counter() - start
        changed = [{**c, "version": 2, "data": {**c["data"], "base_price": "9.99"}}
                   for c in changes[:1000]]
        start = time.perf_counter()
        with store.write() as db:
            replica.apply_changes(db, changed)
        prices = time.perf_counter() - start
        start = time.perf_counter()
        for i in range(1000):
            with store.write() as db:
                store_mod.set_meta(db, f"k{i}", "v" * 200)
        commits = time.perf_counter() - start
        with store.read() as db:
            start = time.perf_counter()
            for _ in range(5):
                for q in QUERIES:
                    search.search_products(db, q, limit=50)
            per_query = (time.perf_counter() - start) / (5 * len(QUERIES)) * 1000
        readable = products[0]["name_en"].encode() in (Path(tmp) / "dinghuo.sqlite3").read_bytes()
        store.close()
    print(f"{mode}: load {load:.2f} s, 1,000 price changes {prices:.3f} s, 1,000 commits "
          f"{commits:.2f} s, search {per_query:.2f} ms/query, name readable in file: {readable}")


if __name__ == "__main__":
    main()
