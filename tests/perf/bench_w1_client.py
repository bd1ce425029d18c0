"""The client's side of an initial sync (W1), replayed from recorded pull pages: where its CPU
goes, thread by thread and step by step, without a server sharing the machine.

Run:  .venv/bin/python tests/perf/bench_w1_client.py record DIR --keep-db NAME
      .venv/bin/python tests/perf/bench_w1_client.py replay DIR [--rounds 3] [--compare TREE]
                                                                [--floor]

``record`` starts the server on database NAME (one ``bench_sync.py --products N --keep-db NAME``
loaded), signs in as ``rep1`` and keeps the body of every page of an initial sync in DIR (71 MB
for 100,000 products, 710 MB for a million). ``replay`` feeds those bodies to the real pull
(``Syncer.pull``: its fetcher, pulling and writer threads, a fresh encrypted replica) in a
process of its own per round, and reports:

- ``wall``, ``CPU`` (the process), ``RSS MB`` (its peak during the pull, the page bodies read
  one at a time as the fetcher asks for them);
- the CPU of each thread of the pipeline: ``main`` (decoding pages, building rows and search
  tokens), ``writer`` (SQLite: rows, search index, commits) and ``fetcher`` (here only reading a
  file). Python work on any of them holds the one GIL: ``main`` plus the writer's Python part
  is the floor of W1's wall time, whatever the number of cores;
- the same work again step by step on one thread (``step …``: decode, rows, search tokens,
  writes, commits, the end of the load), so a change is seen where it acts.

``bench_sync.py`` measures W1 end to end (HTTP, the server's CPU, the load of the machine);
this one measures the client's work alone, which varies far less on a loaded machine (its CPU
figures, not its wall time). ``--compare TREE`` alternates another checkout's client (A) with
this one (B), round by round, on the same pages, and prints min–median–max of each.

``--floor`` runs, after each replay and in a process of its own, issue 18's floor of W1 on the
same pages (:func:`floor`: decode them, insert their products into a plain SQLite file with an
FTS5 trigram index on the names), and prints the replay's wall and CPU over the floor's.
``bench_sync.py --floor`` does the same beside the end-to-end W1.

Run:  .venv/bin/python tests/perf/bench_w1_client.py pack DIR [--rounds 3]

``pack`` measures a design the product does not have (issue 18's target 2, the route not
taken yet): the catalog sent as a prebuilt plain SQLite file (its products, their search
index rows and FTS5 index, made by this client's own code: the replay's replica, its index
merged) and copied into a fresh encrypted replica in one transaction, the rest of the initial
sync (customers, prices, orders) pulled as today. Per round, in a process of its own: the copy
(``pack copy``), then the replay of the pages with their products left out (``pack rest``),
and a check that a list of queries finds the same products, in the same order, as in the
replica the ordinary pull built; then the floor. It prints the pack's size, raw and gzipped,
beside the pages' (what the wire would carry); its download and unpacking are not in the
times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The client replayed: this checkout's, or with --compare the other one's (set for the child).
sys.path.insert(0, os.environ.get("DINGHUO_BENCH_TREE", str(ROOT)))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import emit  # noqa: E402

KEY = b"w1-replay-key-of-thirty-two-byte"  # a throwaway replica's key


def record(out: Path, db_name: str) -> int:
    """Keep the page bodies of an initial sync as rep1 from a server on ``db_name``."""
    import bench_sync

    server, url = bench_sync.start_server(bench_sync._db_url(db_name))
    try:
        pulled, pages = record_pages(url, out)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{pulled:,} changes in {pages} pages kept in {out}")
    return 0


def record_pages(url: str, out: Path) -> tuple[int, int]:
    """Keep in ``out`` the page bodies of an initial sync as rep1 from the server at ``url``;
    returns how many changes and pages."""
    import keyring

    from sync_engine.client import transport
    from sync_engine.client.engine import Engine
    from sync_engine.client.memory_keyring import MemoryKeyring

    out.mkdir(parents=True, exist_ok=True)
    pull_body = transport.ServerApi.pull_body
    pages = 0

    def keep(api: transport.ServerApi, *args: Any, **kwargs: Any) -> bytes:
        nonlocal pages
        body = pull_body(api, *args, **kwargs)
        (out / f"{pages:05d}.json").write_bytes(body)
        pages += 1
        return body

    info = transport.ServerApi.catalog_pack_info
    transport.ServerApi.pull_body = keep  # type: ignore[method-assign]
    # The pages of the whole catalog, as without a catalog pack (a server may offer one).
    transport.ServerApi.catalog_pack_info = lambda api, token: None  # type: ignore[method-assign]
    keyring.set_keyring(MemoryKeyring())
    try:
        with tempfile.TemporaryDirectory() as tmp, Engine(tmp, url) as engine:
            engine.login("rep1", "demo")
            report = engine.sync_once()
    finally:
        transport.ServerApi.pull_body = pull_body  # type: ignore[method-assign]
        transport.ServerApi.catalog_pack_info = info  # type: ignore[method-assign]
    return report.pulled, pages


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Pages:
    """The pull API's one call, answered with the recorded bodies in order."""

    def __init__(self, paths: list[Path]) -> None:
        self._paths = iter(paths)

    def pull_body(self, token: str, cursor: str | None, limit: int,
                  last_applied: str | None = None, highest_number: int | None = None,
                  catalog_from: str | None = None) -> bytes:
        return next(self._paths).read_bytes()

    def catalog_pack_info(self, token: str) -> None:
        return None  # (the pages recorded hold the whole catalog)


class _Auth:
    def token(self) -> str:
        return "replayed"

    def refreshed_token(self, token: str) -> str:
        return token


def _thread_cpu(method: Any, into: dict[str, float], name: str) -> Any:
    """``method`` (a thread's run function) also noting the CPU time its thread used."""

    def run(self: Any, *args: Any) -> None:
        try:
            method(self, *args)
        finally:
            into[name] = into.get(name, 0.0) + time.thread_time()

    return run


def replay_pipeline(paths: list[Path], tmp: str) -> dict[str, float]:
    """The pull as a sync runs it: threads, bulk load, the page transactions."""
    from sync_engine.client import cipher, sync
    from sync_engine.client.store import Store

    threads: dict[str, float] = {}
    sync._Writer._run = _thread_cpu(sync._Writer._run, threads, "writer")  # type: ignore[method-assign]
    sync._Fetcher._run = _thread_cpu(sync._Fetcher._run, threads, "fetcher")  # type: ignore[method-assign]
    store = Store(tmp, cipher.DatabaseKey(KEY))
    syncer = sync.Syncer(store, _Pages(paths), _Auth(), "replay")  # type: ignore[arg-type]
    counts = sync.Counts()
    main_cpu = time.thread_time()
    wall, cpu = time.perf_counter(), time.process_time()
    syncer.pull(counts)
    out = {
        "wall": time.perf_counter() - wall,
        "CPU": time.process_time() - cpu,
        "main CPU": time.thread_time() - main_cpu,
        "writer CPU": threads.get("writer", 0.0),
        "fetcher CPU": threads.get("fetcher", 0.0),
        "RSS MB": _peak_rss_mb(),
        "changes": float(counts.pulled),
    }
    store.close()
    out["replica MB"] = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
    return out


def replay_steps(paths: list[Path], tmp: str) -> dict[str, float]:
    """The same work step by step on this one thread, each step's CPU summed over the pages."""
    import gc

    from sync_engine.client import cipher, replica, search
    from sync_engine.client.store import Store
    from sync_engine.client.transport import decode_page

    steps = dict.fromkeys(("decode", "rows", "search tokens", "writes", "commits", "end"), 0.0)
    store = Store(tmp, cipher.DatabaseKey(KEY))
    gc.disable()  # as the pull runs (sync._bulk_work)
    try:
        with store.bulk_load():
            for path in paths:
                body = path.read_bytes()
                t = time.thread_time()
                _, changes = decode_page(body)
                steps["decode"] += time.thread_time() - t
                t = time.thread_time()
                prepared = replica.prepare(changes)  # the rows alone
                steps["rows"] += time.thread_time() - t
                t = time.thread_time()
                for run in prepared.runs:
                    if run.entity == "product" and run.op == "upsert":
                        run.index = search.index_rows(c["data"] for c in run.changes)
                steps["search tokens"] += time.thread_time() - t
                writing = store.write()
                db = writing.__enter__()
                with search.plain_rows(db):
                    search.set_bulk_load(db, True)
                t = time.thread_time()
                replica.apply_changes(db, prepared, fresh=True)
                steps["writes"] += time.thread_time() - t
                t = time.thread_time()
                writing.__exit__(None, None, None)
                steps["commits"] += time.thread_time() - t
        t = time.thread_time()
        with store.write() as db, search.plain_rows(db):
            search.set_bulk_load(db, False)
        steps["end"] += time.thread_time() - t
    finally:
        gc.enable()
        store.close()
    return {f"step {name}": seconds for name, seconds in steps.items()}


# The columns of a product as the server sends them (and as the replica keeps them).
_FLOOR_COLUMNS = (
    "id", "sku", "barcode", "name_zh", "name_en", "category", "unit", "case_unit", "case_qty",
    "pack_size", "min_qty", "tax_rate", "base_price", "active", "sellable", "pinyin",
    "initials", "category_en", "version", "updated_at",
)


def floor(paths: list[Path], tmp: str) -> dict[str, float]:
    """Issue 18's floor of W1: "parse and insert the same products into SQLite with a trigram
    index", on the same pages, written as plainly as that reads.

    Each page is decoded (msgspec, the client's decoder), its products' fields taken by name
    into tuples and inserted with ``executemany`` into a plain (not encrypted) SQLite file, and
    their ``name_zh`` and ``name_en`` into an FTS5 table with the ``trigram`` tokenizer over
    that table (external content); one transaction per page, in WAL mode with SQLite's
    default ``synchronous`` (FULL: a page's commit is synced, as the replica's are), Python's
    cyclic garbage collector paused as the pull pauses it (it walks every decoded object again
    and again otherwise: a quarter of the floor's parsing), and FTS5's merging of segments off
    (``automerge`` 0), as W1 loads the search index: it merges them in its upkeep, after the
    sync (merged as they come, the floor's index took 14.3 s of CPU at a million products
    instead of 0.9 s at 100,000). The other changes (customers, prices, orders) are decoded
    but not written, nor is anything the app needs beyond that (pinyin, initials, SKU and
    number search, ranking, encryption).

    Measured (100,000 products, 3 rounds each alternating with W1, min–median–max, load 8–10
    on 2 cores): replayed W1 over the floor, CPU 2.14–2.32–2.32; end to end (``bench_sync.py
    --floor``), the client's CPU over the floor's 2.35–2.45–2.62. Medians of the replay's
    steps, W1 3.89 s: decode 0.21, rows 0.15, search tokens 1.59 (Python, which the floor has
    none of: alone 0.9 of the floor's whole CPU), writes 1.03, commits 0.50, end 0.15; the
    floor 1.75 s: parse 0.44, insert 0.29, index 0.55, commit 0.46 (a 64 MB file, the
    replica 129 MB encrypted).
    """
    import gc
    import operator
    import sqlite3

    import msgspec

    columns = ", ".join(c if c != "id" else "id INTEGER PRIMARY KEY" for c in _FLOOR_COLUMNS)
    marks = ", ".join("?" * len(_FLOOR_COLUMNS))
    fields = operator.itemgetter(*_FLOOR_COLUMNS)
    wall, cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(Path(tmp) / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"CREATE TABLE products ({columns})")
    db.execute("CREATE VIRTUAL TABLE product_names USING fts5(name_zh, name_en,"
               " content = 'products', content_rowid = 'id', tokenize = 'trigram')")
    # Segments left unmerged, as W1 leaves them (its upkeep merges them after the sync).
    db.execute("INSERT INTO product_names (product_names, rank) VALUES ('automerge', 0)")
    products = 0
    steps = dict.fromkeys(("parse", "insert", "index", "commit"), 0.0)
    gc.disable()
    for path in paths:
        t = time.thread_time()
        changes = msgspec.json.decode(path.read_bytes())["changes"]
        rows = [fields(c["data"]) for c in changes
                if c["entity"] == "product" and c["op"] == "upsert"]
        steps["parse"] += time.thread_time() - t
        db.execute("BEGIN")
        t = time.thread_time()
        db.executemany(f"INSERT OR REPLACE INTO products VALUES ({marks})", rows)
        steps["insert"] += time.thread_time() - t
        t = time.thread_time()
        db.executemany("INSERT INTO product_names (rowid, name_zh, name_en) VALUES (?, ?, ?)",
                       [(r[0], r[3], r[4]) for r in rows])
        steps["index"] += time.thread_time() - t
        t = time.thread_time()
        db.execute("COMMIT")
        steps["commit"] += time.thread_time() - t
        products += len(rows)
    gc.enable()
    db.close()
    return {"floor wall": time.perf_counter() - wall, "floor CPU": time.process_time() - cpu,
            "floor products": float(products), "floor RSS MB": _peak_rss_mb(),
            "floor MB": sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20,
            **{f"floor step {name}": seconds for name, seconds in steps.items()}}


# The replica's tables the catalog pack carries: the products and their search index (the
# FTS5 table's own tables: it is contentless, its text is in product_search).
_PACK_TABLES = ("products", "product_search", "product_search_words",
                "product_search_fts_data", "product_search_fts_idx", "product_search_fts_config")
_PACK_QUERIES = ("可乐", "牛肉面 110", "沐浴露", "kele", "niurou", "kl", "shu", "coca",
                 "body wash", "BEV-0", "ins-0010", "330ml", "6991727022823", "12")


def _search_all(db: Any) -> dict[str, list[int]]:
    from sync_engine.client import search

    with search.plain_rows(db):
        return {q: search.search_products(db, q) for q in _PACK_QUERIES}


def make_pack(paths: list[Path], work: Path) -> dict[str, float]:
    """An ordinary replay into ``work/built``, its index merged, and its catalog tables
    copied into the plain file ``work/pack.sqlite3`` with the replica's own DDL."""
    import gzip
    import re

    from sync_engine.client import cipher, search

    key = cipher.DatabaseKey(KEY)
    built = work / "built"
    replay_pipeline(paths, str(built))
    db = cipher.connect(built / "dinghuo.sqlite3", key)
    with search.plain_rows(db):
        while search.merge_index(db):
            db.commit()
    db.commit()
    db.execute("ATTACH ? AS pack KEY ''", (str(work / "pack.sqlite3"),))
    marks = ",".join("?" * len(_PACK_TABLES))
    for name, sql in db.execute("SELECT name, sql FROM main.sqlite_master"
                                f" WHERE type = 'table' AND name IN ({marks})", _PACK_TABLES):
        db.execute(re.sub(rf"^CREATE TABLE\s+(['\"]?){name}\1", f"CREATE TABLE pack.{name}",
                          sql.strip()))
        db.execute(f"INSERT INTO pack.{name} SELECT * FROM main.{name}")
    db.commit()
    db.close()
    raw = (work / "pack.sqlite3").read_bytes()
    body = b"".join(path.read_bytes() for path in paths)
    return {"pack MB": len(raw) / 2**20, "pack gzip MB": len(gzip.compress(raw, 6)) / 2**20,
            "pages MB": len(body) / 2**20, "pages gzip MB": len(gzip.compress(body, 6)) / 2**20}


def _without_products(paths: list[Path], out: Path) -> list[Path]:
    """The pages again, their product changes left out (what the pack does not carry)."""
    import msgspec

    out.mkdir(parents=True, exist_ok=True)
    kept = []
    for path in paths:
        page = msgspec.json.decode(path.read_bytes())
        page["changes"] = [c for c in page["changes"] if c["entity"] != "product"]
        (out / path.name).write_bytes(msgspec.json.encode(page))
        kept.append(out / path.name)
    return kept


def pack_child(pages: Path, work: Path) -> dict[str, float]:
    """One round of the pack route in a fresh replica: the copy, then the rest pulled."""
    from sync_engine.client import cipher, search
    from sync_engine.client.store import Store

    key = cipher.DatabaseKey(KEY)
    rest = sorted((work / "rest").glob("*.json"))
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        Store(tmp, key).close()  # the replica made as the app makes it, its schema empty
        db = cipher.connect(Path(tmp) / "dinghuo.sqlite3", key)
        db.isolation_level = None
        db.execute("ATTACH ? AS pack KEY ''", (str(work / "pack.sqlite3"),))
        db.execute("BEGIN IMMEDIATE")
        db.execute("DROP INDEX IF EXISTS product_search_barcode")  # made once, after the copy
        for name in _PACK_TABLES:
            db.execute(f"DELETE FROM main.{name}")
            db.execute(f"INSERT INTO main.{name} SELECT * FROM pack.{name}")
        db.execute(search._BARCODE_INDEX)
        db.execute("COMMIT")
        db.execute("DETACH pack")
        db.close()
        copied_wall, copied_cpu = time.perf_counter() - wall, time.process_time() - cpu
        pulled = replay_pipeline(rest, tmp)
        out = {"pack copy": copied_wall, "pack copy CPU": copied_cpu,
               "pack rest": pulled["wall"], "pack rest CPU": pulled["CPU"],
               "pack W1": copied_wall + pulled["wall"],
               "pack W1 CPU": copied_cpu + pulled["CPU"], "RSS MB": _peak_rss_mb()}
        db = cipher.connect(Path(tmp) / "dinghuo.sqlite3", key)
        found = _search_all(db)
        db.close()
    db = cipher.connect(work / "built" / "dinghuo.sqlite3", key)
    same = found == _search_all(db)
    db.close()
    out["same results"] = float(same)
    out["results"] = float(sum(map(len, found.values())))
    return out


def pack_route(pages: Path, rounds: int) -> int:
    """See ``pack`` in the module's docstring."""
    paths = sorted(pages.glob("*.json"))
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        made = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "pack-make", str(pages.resolve()),
             str(work)], capture_output=True, text=True, check=True)
        sizes = json.loads(made.stdout.strip().splitlines()[-1])
        _without_products(paths, work / "rest")
        for _ in range(rounds):
            done = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "pack-child",
                 str(pages.resolve()), str(work)], capture_output=True, text=True, check=True)
            run = json.loads(done.stdout.strip().splitlines()[-1])
            run.update(run_floor(pages))
            run["pack W1 / floor wall"] = run["pack W1"] / run["floor wall"]
            runs.append(run)
            print(", ".join(f"{k} {run[k]:.3f}" for k in (
                "pack copy", "pack rest", "pack W1", "floor wall", "same results")), flush=True)
    print(", ".join(f"{k} {v:.1f}" for k, v in sizes.items()))
    for key in runs[0]:
        print(f"{key:<22} {_spread([r[key] for r in runs]):>26}")
    emit({**sizes, **{key: statistics.median(r[key] for r in runs) for key in runs[0]}})
    return 0 if all(r["same results"] for r in runs) else 1


def child(pages: Path) -> dict[str, float]:
    paths = sorted(pages.glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        out = replay_pipeline(paths, tmp)
    with tempfile.TemporaryDirectory() as tmp:
        out.update(replay_steps(paths, tmp))
    return out


def floor_child(pages: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        return floor(sorted(pages.glob("*.json")), tmp)


def run_floor(pages: Path) -> dict[str, float]:
    """:func:`floor` on ``pages`` in a process of its own (as W1 runs), its figures."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "floor", str(pages.resolve())],
        capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _spread(values: list[float]) -> str:
    """min–median–max"""
    return f"{min(values):.3f}–{statistics.median(values):.3f}–{max(values):.3f}"


def replay(pages: Path, rounds: int, compare: Path | None, with_floor: bool = False) -> int:
    trees = [ROOT] if compare is None else [compare.resolve(), ROOT]
    runs: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
    loads = []
    for _ in range(rounds):
        for tree in trees:
            loads.append(os.getloadavg()[0])
            done = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "child", str(pages.resolve())],
                capture_output=True, text=True, cwd=tree, check=False,
                env={**os.environ, "DINGHUO_BENCH_TREE": str(tree)})
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            run = json.loads(done.stdout.strip().splitlines()[-1])
            if with_floor:  # right after it, in the same conditions
                run.update(run_floor(pages))
                run["wall / floor wall"] = run["wall"] / run["floor wall"]
                run["CPU / floor CPU"] = run["CPU"] / run["floor CPU"]
            runs[tree].append(run)
            print(f"{tree}: " + ", ".join(f"{k} {run[k]:.3f}" for k in (
                "wall", "CPU", "main CPU", "writer CPU", "floor wall", "floor CPU") if k in run),
                  flush=True)
    print(f"load average during the runs: {min(loads):.1f}–{max(loads):.1f} "
          f"({os.cpu_count()} CPUs)\n")
    print(f"{'measure':<22} " + "  ".join(f"{t.name[:24]:>26}" for t in trees))
    for key in runs[ROOT][0]:
        print(f"{key:<22} " + "  ".join(f"{_spread([r[key] for r in runs[t]]):>26}"
                                       for t in trees))
    emit({key: statistics.median(r[key] for r in runs[ROOT]) for key in runs[ROOT][0]})
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="keep the pages of an initial sync from a loaded DB")
    rec.add_argument("dir", type=Path)
    rec.add_argument("--keep-db", metavar="NAME", required=True,
                     help="a database bench_sync.py --keep-db NAME loaded")
    rep = sub.add_parser("replay", help="replay recorded pages into a fresh replica")
    rep.add_argument("dir", type=Path)
    rep.add_argument("--rounds", type=int, default=3)
    rep.add_argument("--compare", type=Path, default=None,
                     help="another checkout: its client (A) and this one (B) alternately")
    rep.add_argument("--floor", action="store_true",
                     help="after each replay, the issue's floor on the same pages (see floor)")
    pack = sub.add_parser("pack", help="the catalog as a prebuilt file: a route measured")
    pack.add_argument("dir", type=Path)
    pack.add_argument("--rounds", type=int, default=3)
    for name in ("pack-make", "pack-child"):
        hidden = sub.add_parser(name, help=argparse.SUPPRESS)
        hidden.add_argument("dir", type=Path)
        hidden.add_argument("work", type=Path)
    one = sub.add_parser("child", help=argparse.SUPPRESS)
    one.add_argument("dir", type=Path)
    bare = sub.add_parser("floor", help=argparse.SUPPRESS)
    bare.add_argument("dir", type=Path)
    args = p.parse_args()
    if args.command == "record":
        return record(args.dir, args.keep_db)
    if args.command == "child":
        print(json.dumps(child(args.dir)))
        return 0
    if args.command == "pack":
        return pack_route(args.dir, args.rounds)
    if args.command == "pack-make":
        print(json.dumps(make_pack(sorted(args.dir.glob("*.json")), args.work)))
        return 0
    if args.command == "pack-child":
        print(json.dumps(pack_child(args.dir, args.work)))
        return 0
    if args.command == "floor":
        print(json.dumps(floor_child(args.dir)))
        return 0
    return replay(args.dir, args.rounds, args.compare, args.floor)


if __name__ == "__main__":
    raise SystemExit(main())
