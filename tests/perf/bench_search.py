"""Benchmark of the local product search (not collected by pytest).

Run:  .venv/bin/python tests/perf/bench_search.py [--n 100000] [--queries 300] [--seed 1]
          [--catalog gen|demo] [--encrypted] [--keep PATH]

Prints: search_keys throughput (pypinyin, cold and warm cache), index time (in pages of 5,000
with a commit each, and as an initial sync writes it: pages of 10,000 in bulk-load mode), DB
size, and p50/p95/max latency of ``search_products`` (first page of 50) per query kind, on a
synthetic catalog from ``catalog_gen`` (or the server's demo catalog). The database is a
temporary file (WAL), as on a desktop (SQLCipher with a random key with ``--encrypted``, as the
replica is; both with the replica's page size and page cache). Times are given as wall clock and
as this process's CPU
time: on a machine shared with other jobs the CPU time is the steadier figure to compare runs
by.

With ``--keep PATH`` the indexed catalog (plain SQLite) and the queries stay at PATH: a million
products take minutes to generate and index, their queries seconds. A later run given the same
PATH only times the queries on it, with its checkout's code: alternate two checkouts' runs for
an A/B of a change to the query side (the index layout must be the same).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import generate_products
from figures import emit

from sync_engine.client import cipher
from sync_engine.client.search import (
    create_search_schema,
    index_products,
    merge_index,
    search_products,
    set_bulk_load,
)
from sync_engine.domain import search_keys as keys_module

_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _keys_throughput(names: list[str]) -> tuple[float, float]:
    """names/s for search_keys with an empty cache (first import) and with a warm cache."""
    keys_module._han_word.cache_clear()
    start = time.perf_counter()
    for name in names:
        keys_module.search_keys(name)
    cold = len(names) / (time.perf_counter() - start)
    start = time.perf_counter()
    for name in names:
        keys_module.search_keys(name)
    warm = len(names) / (time.perf_counter() - start)
    return cold, warm


def _unique_han_throughput(rng: random.Random, count: int) -> float:
    """names/s on names whose Han words never repeat (worst case for the per-word cache)."""
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA5)]
    names = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 12))) + " 500ml"
        for _ in range(count)
    ]
    keys_module._han_word.cache_clear()
    start = time.perf_counter()
    for name in names:
        keys_module.search_keys(name)
    return count / (time.perf_counter() - start)


def _queries(rows: list[dict[str, object]], rng: random.Random, count: int) -> dict[str, list[str]]:
    """Realistic queries of each kind, drawn from the catalog itself."""

    def pick() -> dict[str, object]:
        return rows[rng.randrange(len(rows))]

    def han_sub(length: int) -> str:
        while True:
            han = "".join(_HAN.findall(str(pick()["name_zh"])))
            if len(han) >= length:
                i = rng.randrange(len(han) - length + 1)
                return han[i : i + length]

    def initials_sub() -> str:
        while True:
            ini = "".join(w for w in str(pick()["initials"]).split() if not w[0].isdigit())
            length = rng.randint(2, 4)
            if len(ini) >= length:
                i = rng.randrange(len(ini) - length + 1)
                return ini[i : i + length]

    def pinyin_prefix() -> str:
        # From any syllable of the name, 3 to 10 letters, as typed (no apostrophes).
        row = pick()
        words = zip(str(row["pinyin"]).split(), str(row["initials"]).split(), strict=True)
        syllables = [s for p, i in words if p != i for s in p.split("'")]  # Han words only
        start = rng.randrange(len(syllables))
        py = "".join(syllables[start:])
        return py[: rng.randint(min(3, len(py)), min(10, len(py)))]

    def sku_prefix() -> str:
        sku = str(pick()["sku"])
        return rng.choice([sku[: rng.randint(6, 9)], sku.lower().replace("-", "")[:8]])

    def english() -> str:
        words = str(pick()["name_en"]).split()
        chosen = rng.sample(words, min(len(words), rng.randint(1, 2)))
        return " ".join(w[: max(3, len(w) - rng.randint(0, 2))] for w in chosen)

    def mixed() -> str:
        row = pick()
        sizes = re.findall(r"\d+", str(row["name_zh"]))
        return han_sub(2) + " " + (sizes[0] if sizes else "500")

    def barcode() -> str:
        while True:
            code = pick()["barcode"]
            if code:
                return str(code)

    kinds: dict[str, Callable[[], str]] = {
        "zh 1 char": lambda: han_sub(1),
        "zh 2 chars": lambda: han_sub(2),
        "zh 4 chars": lambda: han_sub(4),
        "initials 2-4": initials_sub,
        "pinyin prefix": pinyin_prefix,
        "sku prefix": sku_prefix,
        "barcode": barcode,
        "english words": english,
        "zh + number": mixed,
        "latin 1 letter": lambda: rng.choice("abcdefghijklmnopqrstuvwxyz"),
    }
    return {kind: [make() for _ in range(count)] for kind, make in kinds.items()}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f}"


def main() -> None:
    """Build a catalog, index it, time queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="number of products")
    parser.add_argument("--queries", type=int, default=300, help="queries per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--catalog",
        choices=("gen", "demo"),
        default="gen",
        help="tests/perf/catalog_gen (default) or sync_engine.server.demo.catalog",
    )
    parser.add_argument("--encrypted", action="store_true", help="SQLCipher, as the replica")
    parser.add_argument(
        "--keep",
        metavar="PATH",
        help="keep the indexed catalog (plain SQLite) and its queries at PATH; when PATH exists,"
        " only time the queries on it (a million products index in minutes, the queries in"
        " seconds: A/B of two checkouts' query code over one index layout)",
    )
    args = parser.parse_args()
    if args.keep and args.encrypted:
        parser.error("--keep keeps a plain database")
    if args.keep and os.path.exists(args.keep):
        _time_kept(args.keep)
        return
    rng = random.Random(args.seed)
    figures: dict[str, object] = {"products": args.n}

    start = time.perf_counter()
    if args.catalog == "demo":
        from sync_engine.server.demo.catalog import generate_products as demo_products

        products = demo_products(args.n, args.seed)
    else:
        products = generate_products(args.n, args.seed)
    print(f"generated {args.n:,} products in {time.perf_counter() - start:.2f} s")

    names = [str(p["name_zh"]) for p in products]
    keys_module.search_keys("预热")  # load pypinyin's dictionaries outside the timing
    cold, warm = _keys_throughput(names)
    unique = _unique_han_throughput(rng, 20_000)
    print(
        f"search_keys: {cold:,.0f} names/s (catalog, cold cache), {warm:,.0f} names/s "
        f"(warm cache), {unique:,.0f} names/s (20k names of never-repeating random Han words)"
    )

    rows: list[dict[str, object]] = []
    for i, product in enumerate(products, 1):
        pinyin, initials = keys_module.search_keys(str(product["name_zh"]))
        rows.append(
            {**product, "id": i, "pinyin": pinyin, "initials": initials, "active": i % 20 != 0}
        )

    with tempfile.TemporaryDirectory() as tmp:
        conn = _database(os.path.join(tmp, "paged.sqlite3"), args.encrypted)
        wall, cpu = time.perf_counter(), time.process_time()
        for start_row in range(0, len(rows), 5000):
            index_products(conn, rows[start_row : start_row + 5000])
            conn.commit()
        figures["index in pages s"] = time.perf_counter() - wall
        print(
            f"index {args.n:,} products in pages of 5,000, a commit each: "
            f"{figures['index in pages s']:.2f} s (CPU {time.process_time() - cpu:.2f} s)"
        )
        conn.close()

        path = args.keep or os.path.join(tmp, "bench.sqlite3")
        conn = _database(path, args.encrypted)
        wall, cpu = time.perf_counter(), time.process_time()
        # As an initial sync writes it: pages of 10,000 in bulk-load mode, a commit each, then
        # back to everyday settings.
        for start_row in range(0, len(rows), 10_000):
            set_bulk_load(conn, True)
            index_products(conn, rows[start_row : start_row + 10_000])
            conn.commit()
        set_bulk_load(conn, False)
        conn.commit()
        elapsed, cpu = time.perf_counter() - wall, time.process_time() - cpu
        # Then the upkeep after the sync merges the load's segments into one, in steps.
        merge_wall, merge_cpu = time.perf_counter(), time.process_time()
        while merge_index(conn):
            conn.commit()
        conn.commit()
        figures["merge after load s"] = time.perf_counter() - merge_wall
        merge_cpu = time.process_time() - merge_cpu
        print(f"merge the load's index into one segment (upkeep after the sync): "
              f"{figures['merge after load s']:.2f} s (CPU {merge_cpu:.2f} s)")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = os.path.getsize(path)
        figures["initial sync index s"] = elapsed
        figures["DB MB"] = size / 1e6
        print(
            f"index {args.n:,} products as an initial sync does (pages of 10,000, bulk load): "
            f"{elapsed:.2f} s (CPU {cpu:.2f} s, with commits); DB {size / 1e6:.1f} MB"
        )

        start = time.perf_counter()
        index_products(conn, rows[:1000])
        conn.commit()
        figures["re-index 1000 s"] = time.perf_counter() - start
        print(f"re-index 1,000 existing products (upsert): {figures['re-index 1000 s']:.3f} s")

        queries = _queries(rows, rng, args.queries)
        if args.keep:
            with open(args.keep + ".queries.json", "w", encoding="utf-8") as out:
                json.dump({"products": args.n, "queries": queries}, out, ensure_ascii=False)
        _time_queries(conn, queries, figures)
        conn.close()
    emit(figures)


def _time_queries(
    conn: sqlite3.Connection, kinds: dict[str, list[str]], figures: dict[str, object]
) -> None:
    """Time ``search_products`` (first page of 50) on each query, once; print and record the
    figures per kind."""
    print(
        f"\n{'query kind':<16} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}  "
        f"{'CPU p50':>7} {'CPU p95':>7}  avg hits  example"
    )
    for kind, queries in kinds.items():
        times: list[float] = []
        cpus: list[float] = []
        hits = 0
        for query in queries:
            start, cpu = time.perf_counter(), time.process_time()
            result = search_products(conn, query)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            hits += len(result)
        times.sort()
        cpus.sort()
        p95 = int(0.95 * (len(times) - 1))
        figures[f"{kind} p50 ms"] = statistics.median(times) * 1000
        figures[f"{kind} p95 ms"] = times[p95] * 1000
        figures[f"{kind} CPU p95 ms"] = cpus[p95] * 1000
        print(
            f"{kind:<16} {_ms(statistics.median(times))} {_ms(times[p95])} {_ms(times[-1])}"
            f"  {_ms(statistics.median(cpus))} {_ms(cpus[p95])}"
            f"  {hits / len(queries):8.1f}  {queries[0]!r}"
        )


def _time_kept(path: str) -> None:
    """Time the queries kept beside a catalog indexed by an earlier run (see ``--keep``)."""
    with open(path + ".queries.json", encoding="utf-8") as kept:
        saved = json.load(kept)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA cache_size = -32768")  # as _database
    print(f"{saved['products']:,} products kept in {path}")
    figures: dict[str, object] = {"products": saved["products"]}
    _time_queries(conn, saved["queries"], figures)
    conn.close()
    emit(figures)


def _database(path: str, encrypted: bool) -> sqlite3.Connection:
    """A new file database with the search schema, set up as the desktop client does."""
    if encrypted:
        conn: sqlite3.Connection = cipher.connect(path, cipher.DatabaseKey(os.urandom(32)))
        conn.isolation_level = ""  # as sqlite3's default: implicit transactions, commit()
    else:
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA page_size = {cipher.PAGE_SIZE}")
    conn.execute("PRAGMA cache_size = -32768")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    create_search_schema(conn)
    conn.commit()
    return conn


if __name__ == "__main__":
    main()
