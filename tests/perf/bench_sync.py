"""Benchmark of the sync client against a live server on a throwaway PostgreSQL database.

Run:  .venv/bin/python tests/perf/bench_sync.py [--products 100000] [--customers 2000]
                                                 [--prices 40000] [--orders 1000] [--stock]

What it does: creates a PostgreSQL database (``$DINGHUO_TEST_PG`` admin URL, default
``postgresql://postgres@127.0.0.1:5432/postgres``), migrates it, bulk-loads the catalog
(real-looking Chinese/English names from ``demo_catalog``, pinyin keys from
``search_keys``), customers (all assigned to ``rep1``) and customer prices, starts the server in
its own process (uvicorn), and runs the client in another process (so its RSS is its own):

- W1  initial sync from an empty client (products + customers + prices [+ stock]), end to end;
      with the CPU time of the client and of the server during it
- W1 upkeep after: the backup (and full check, when due) the app runs after a round, timed apart
- W2  incremental sync after 1,000 products changed on the server (prices; then names too,
      which the search index must follow: "W2 renamed")
- W3  push of N orders × 5 lines (the push alone, then the whole sync_once with the pull);
      with the CPU time of the client and of the server (and its push processes) during the push
- search p50/p95 over typical queries (SKU, barcode, Chinese, pinyin, initials, English)
- RSS peak of the client process during W1 ("RSS MB"), and with the upkeep after it too

The database is dropped at the end. Prints a table.

A/B:  ``--compare DIR --rounds 3`` runs the client alternately from another checkout of the
project (A, e.g. ``git archive`` of the commit before a change) and from this one (B), on the
same server data, and prints min–median–max of each measure for both (a loaded machine's
drift hits both alike).

``--floor``: issue 18's floor of W1 on this machine, beside it: the pages of an initial sync
are kept once (``bench_w1_client.record_pages``), and after each client run the floor
(``bench_w1_client.floor``: those pages decoded, their products inserted into a plain SQLite
file with an FTS5 trigram index on the names, a transaction per page) runs in a process of its
own; W1 / floor is printed for the wall time and for the client's CPU.

``--pack``: before the client runs, an admin's device syncs and publishes the catalog pack
(``dinghuo-cli catalog-pack``; its time is printed), so each W1 copies the catalog in and pulls
the rest (a client from before packs, with ``--compare``, pulls it all as before). A kept
database keeps its pack: a later run without ``--pack`` still offers it.

``--keep-db NAME``: load into database NAME only if it does not exist yet, and keep it at the
end (a million products take minutes to load: load once, run many times; drop it by hand with
``DROP DATABASE NAME``). The sizes it was loaded with stay (give the same ``--products`` to
label the figures). Each run changes 2,000 products in it (W2) and adds its W3 orders, which a
later run's W1 pulls too (a few hundred changes more per run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import emit  # noqa: E402

PG_ADMIN_URL = os.environ.get("DINGHUO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGETS = {"W1": 3.0, "W2": 0.15, "W3 push": 0.45, "search p95 ms": 20.0, "RSS MB": 300.0}


# ---------------------------------------------------------------------- server side (parent)


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (name,)).fetchone() is not None


def _db_url(name: str) -> str:
    return PG_ADMIN_URL.rpartition("/")[0] + "/" + name


def load(db_url: str, products: int, customers: int, prices: int, stock: bool) -> dict[str, Any]:
    """Bulk-load the data set; every row also goes into the change log, as the server's own
    writes would put it there."""
    from sqlalchemy import insert, select, text

    from sync_engine.domain.search_keys import search_keys
    from sync_engine.server import accounts as auth
    from sync_engine.server.demo.catalog import generate_products
    from sync_engine.server.feed.changes import CUSTOMER, GLOBAL
    from sync_engine.server.ops.importer import _refresh_statistics
    from sync_engine.server.storage.commit import Change, append_changes
    from sync_engine.server.storage.encoding import dumps
    from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate
    from sync_engine.server.storage.models import Customer, CustomerPrice, Product, Stock, Warehouse

    started = time.perf_counter()
    migrate(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    rng = random.Random(7)
    now = "2026-11-25T08:00:00+00:00"
    with sessions() as session:
        wh = Warehouse(code="SH", name="上海仓")
        session.add(wh)
        session.flush()
        changes: list[Change] = [Change("warehouse", str(wh.id), "upsert", 1, GLOBAL,
                                        dumps({"id": wh.id, "code": "SH", "name": "上海仓",
                                               "version": 1}))]
        rep = auth.create_user(session, "rep1", "demo", "sales_rep", commit=False,
                               demo_account=True)
        auth.create_user(session, "admin", "demo", "admin", commit=False, demo_account=True)
        catalog = generate_products(products, 1)
        product_rows = []
        for i, p in enumerate(catalog, start=1):
            full, initials = search_keys(p["name_zh"])
            row = {**p, "id": i, "tax_rate": Decimal(p["tax_rate"]),
                   "base_price": Decimal(p["base_price"]), "active": True, "sellable": True,
                   "pinyin": full, "initials": initials, "version": 1}
            product_rows.append(row)
            data = {**row, "tax_rate": p["tax_rate"], "base_price": p["base_price"],
                    "updated_at": now}
            changes.append(Change("product", str(i), "upsert", 1, GLOBAL, dumps(data)))
        for start in range(0, len(product_rows), 5000):
            session.execute(insert(Product), product_rows[start:start + 5000])
        if stock:
            stock_rows = [{"product_id": i, "warehouse_id": wh.id, "on_hand": 1000,
                           "reserved": 0, "version": 1} for i in range(1, products + 1)]
            for start in range(0, len(stock_rows), 5000):
                session.execute(insert(Stock), stock_rows[start:start + 5000])
            changes.extend(
                Change("stock", f"{r['product_id']}:{wh.id}", "upsert", 1, GLOBAL, dumps({
                    "product_id": r["product_id"], "warehouse_id": wh.id, "on_hand": 1000,
                    "reserved": 0, "available": 1000, "as_of": now, "version": 1}))
                for r in stock_rows)
        customer_rows = [{"id": c, "code": f"C{c:05d}", "name": f"客户{c:05d}",
                          "name_en": f"Customer {c}", "rep_id": rep.id, "warehouse_id": wh.id,
                          "credit_limit": None, "payment_terms": "月结30天", "version": 1}
                         for c in range(1, customers + 1)]
        session.execute(insert(Customer), customer_rows)
        for c in customer_rows:
            changes.append(Change("customer", str(c["id"]), "upsert", 1, CUSTOMER, dumps({
                **c, "address": "", "phone": "", "active": True, "credit_limit": None}),
                customer_id=c["id"], warehouse_id=wh.id))
        per_customer = max(1, prices // max(1, customers))
        price_rows = []
        for c in range(1, customers + 1):
            for pid in rng.sample(range(1, products + 1), per_customer):
                base = Decimal(catalog[pid - 1]["base_price"])
                breaks = [[1, str((base * Decimal("0.95")).quantize(Decimal("0.01")))],
                          [24, str((base * Decimal("0.90")).quantize(Decimal("0.01")))]]
                price_rows.append({"customer_id": c, "product_id": pid, "breaks": breaks,
                                   "version": 1})
                changes.append(Change("price", f"{c}:{pid}", "upsert", 1, CUSTOMER, dumps({
                    "customer_id": c, "product_id": pid,
                    "breaks": [{"min_qty": q, "unit_price": u} for q, u in breaks],
                    "version": 1}), customer_id=c))
        for start in range(0, len(price_rows), 5000):
            session.execute(insert(CustomerPrice), price_rows[start:start + 5000])
        append_changes(session, changes)
        for table in ("products", "customers"):
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"))
        session.commit()
        # As the server's importer does after a big import: without statistics, PostgreSQL
        # plans the change feed for a tiny table until autovacuum gets round to it, a state a
        # real catalog load never leaves the server in.
        _refresh_statistics(session, len(changes))
        counts = {"changes": len(changes), "warehouse": wh.id,
                  "products": int(session.scalar(select(text("count(*)")).select_from(
                      Product)) or 0)}
    engine.dispose()
    counts["seconds"] = time.perf_counter() - started
    return counts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, push_processes: int | None = None
                 ) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    # The real server command, as deployed (one server process; pushes in serve's push processes).
    extra = [] if push_processes is None else ["--push-processes", str(push_processes)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync_engine.server", "serve", "--db", db_url, "--host",
         "127.0.0.1", "--port", str(port), "--no-migrate", "--log-level", "warning", *extra],
        cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 120  # a loaded machine (load 20 on two cores) took over 30 s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


# ---------------------------------------------------------------------- client side (child)


def _change_products(db_url: str, n: int, rename: bool = False) -> None:
    from sqlalchemy import select

    from sync_engine.server.feed.changes import UnitOfWork
    from sync_engine.server.feed.entities import record_product
    from sync_engine.server.storage.engine import make_engine, make_session_factory
    from sync_engine.server.storage.models import Product, utcnow

    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        uow = UnitOfWork(session)
        for p in session.scalars(select(Product).order_by(Product.id).limit(n)):
            p.base_price = p.base_price + Decimal("0.10")
            if rename:  # a change search sees: the index is updated too
                p.name_en = p.name_en + " new"
            p.version += 1
            p.updated_at = utcnow()
            record_product(uow, p)
        uow.commit()
    engine.dispose()


_QUERIES = ["可乐", "牛奶", "kele", "niunai", "kkkl", "nn", "cola", "milk", "BEV-0001",
            "1000", "康师傅", "ksf", "红烧牛肉", "hsnr", "矿泉水", "kqs", "500ml", "juice", "茶",
            "cha"]


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _server_cpu() -> float | None:
    """CPU seconds the server has used so far — its process (the pid is handed down by
    ``main``) and the processes under it (its push processes) — or None if it is not known
    (not on Linux, or no pid)."""
    pid = os.environ.get("DINGHUO_BENCH_SERVER_PID")
    if pid is None or not Path(f"/proc/{pid}").exists():
        return None
    used: dict[int, tuple[int, float]] = {}  # pid -> (parent, utime + stime)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or gone meanwhile
        used[int(entry.name)] = (int(fields[1]),
                                 (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    total, todo = 0.0, [int(pid)]
    while todo:
        p = todo.pop()
        total += used.get(p, (0, 0.0))[1]
        todo.extend(child for child, (parent, _) in used.items() if parent == p)
    return total


def publish(url: str, data_dir: str) -> dict[str, Any]:
    """An admin's device syncs and publishes the catalog pack (``--pack``)."""
    import keyring

    from sync_engine.client.engine import Engine
    from sync_engine.client.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    with Engine(data_dir, url) as engine:
        engine.login("admin", "demo")
        start = time.perf_counter()
        engine.sync_once()
        synced = time.perf_counter() - start
        start = time.perf_counter()
        info = engine.publish_catalog_pack()
        return {"pack admin sync": synced, "pack publish": time.perf_counter() - start,
                "pack MB": info.size / 2**20, "pack gzip MB": info.gzip_size / 2**20}


def client(url: str, db_url: str, data_dir: str, orders: int) -> dict[str, Any]:
    import keyring

    from sync_engine.client.engine import Engine
    from sync_engine.client.memory_keyring import MemoryKeyring
    from sync_engine.client.sync import Counts, Syncer

    keyring.set_keyring(MemoryKeyring())
    out: dict[str, Any] = {}
    with Engine(data_dir, url) as engine:
        engine.login("rep1", "demo")
        rss_before = _peak_rss_mb()
        server_cpu = _server_cpu()
        start, cpu = time.perf_counter(), time.process_time()
        report = engine.sync_once()
        out["W1"] = time.perf_counter() - start
        # CPU of the client process alone: on a shared machine the wall time also shows
        # everyone else's load (the load average is printed too).
        out["W1 client CPU"] = time.process_time() - cpu
        # And of the server, which shares the machine's cores with the client in this bench.
        server_after = _server_cpu()
        if server_cpu is not None and server_after is not None:
            out["W1 server CPU"] = server_after - server_cpu
        rss_w1 = _peak_rss_mb()  # the peak during W1 (the upkeep's own comes after)
        # The upkeep the app runs after a round, as its own background task (the first backup;
        # the fill counts as checked): timed on its own, not part of W1. Absent from a checkout
        # from before backups.
        maintain = getattr(engine, "maintain", None)
        start, cpu = time.perf_counter(), time.process_time()
        if maintain is not None:
            maintain()
        out["W1 upkeep after"] = time.perf_counter() - start
        out["W1 upkeep after CPU"] = time.process_time() - cpu
        out["W1 changes"] = report.pulled
        out["W1 pages"] = report.pages
        out["RSS MB"] = rss_w1
        out["RSS with upkeep MB"] = _peak_rss_mb()
        out["RSS before W1 MB"] = rss_before

        _change_products(db_url, 1000)
        start = time.perf_counter()
        report = engine.sync_once()
        out["W2"] = time.perf_counter() - start
        out["W2 changes"] = report.pulled
        _change_products(db_url, 1000, rename=True)
        start = time.perf_counter()
        engine.sync_once()
        out["W2 renamed"] = time.perf_counter() - start

        customers = [c.id for c in engine.customers()][:50]
        with engine.store.read() as db:
            pids = [r[0] for r in db.execute(
                "SELECT id FROM products WHERE pack_size = 1 AND min_qty = 1 LIMIT 500")]
        rng = random.Random(3)
        for i in range(orders):
            draft = engine.create_draft(customers[i % len(customers)],
                                        dict.fromkeys(rng.sample(pids, 5), 1))
            engine.submit(draft.id)
        api, auth = engine._session()
        syncer = Syncer(engine.store, api, auth, engine._owner)
        counts = Counts()
        server_cpu = _server_cpu()
        start, cpu = time.perf_counter(), time.process_time()
        syncer.push(counts)
        out["W3 push"] = time.perf_counter() - start
        out["W3 push client CPU"] = time.process_time() - cpu
        server_after = _server_cpu()
        if server_cpu is not None and server_after is not None:
            out["W3 push server CPU"] = server_after - server_cpu  # with its push processes
        out["W3 applied"] = counts.applied
        start = time.perf_counter()
        engine.sync_once()
        out["W3 pull after"] = time.perf_counter() - start

        times = []
        for _ in range(15):
            for q in _QUERIES:
                t = time.perf_counter()
                engine.search_products(q, limit=50)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out["search p50 ms"] = statistics.median(times)
        out["search p95 ms"] = times[int(len(times) * 0.95)]
        out["db MB"] = sum(f.stat().st_size for f in Path(data_dir).iterdir()) / 2**20
    return out


# ---------------------------------------------------------------------- main


def _spread(values: list[float]) -> str:
    """min–median–max"""
    return f"{min(values):.3f}–{statistics.median(values):.3f}–{max(values):.3f}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--products", type=int, default=100_000)
    p.add_argument("--customers", type=int, default=2000)
    p.add_argument("--prices", type=int, default=40_000)
    p.add_argument("--orders", type=int, default=1000)
    p.add_argument("--stock", action="store_true", help="also one stock row per product")
    p.add_argument("--push-processes", type=int, default=None,
                   help="passed to serve (default: serve's own, one per core)")
    p.add_argument("--compare", type=Path, default=None,
                   help="another checkout: run its client (A) and this one (B) alternately")
    p.add_argument("--rounds", type=int, default=1, help="client runs (of each, with --compare)")
    p.add_argument("--floor", action="store_true",
                   help="after each client run, issue 18's floor of W1 on the same pages "
                        "(bench_w1_client.floor), and W1 / floor")
    p.add_argument("--pack", action="store_true",
                   help="publish the catalog pack (an admin's device) before the client runs")
    p.add_argument("--publish", nargs=2, metavar=("URL", "DIR"), help=argparse.SUPPRESS)
    p.add_argument("--keep-db", metavar="NAME", default=None,
                   help="reuse database NAME if it exists (else load it), and keep it")
    p.add_argument("--client", nargs=3, metavar=("URL", "DB_URL", "DIR"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.client:
        print(json.dumps(client(*args.client, args.orders)))
        return 0
    if args.publish:
        print(json.dumps(publish(*args.publish)))
        return 0

    name = args.keep_db or f"dinghuo_bench_{uuid.uuid4().hex[:10]}"
    fresh = args.keep_db is None or not _exists(name)
    if fresh:
        _admin(f'CREATE DATABASE "{name}"')
    server: subprocess.Popen[bytes] | None = None
    floor_pages: Path | None = None
    made: dict[str, float] = {}  # the pack published (--pack)
    try:
        db_url = _db_url(name)
        if fresh:
            try:
                loaded = load(db_url, args.products, args.customers, args.prices, args.stock)
            except BaseException:
                args.keep_db = None  # half loaded: not worth keeping
                raise
            print(f"loaded {loaded['changes']:,} changes in {loaded['seconds']:.1f} s",
                  flush=True)
        else:
            print(f"reusing database {name} (--keep-db)", flush=True)
        server, url = start_server(db_url, args.push_processes)
        if args.floor:
            import bench_w1_client

            floor_pages = Path(tempfile.mkdtemp(prefix="dinghuo-floor-"))
            pulled, pages = bench_w1_client.record_pages(url, floor_pages)
            print(f"floor: the {pulled:,} changes of an initial sync kept ({pages} pages)",
                  flush=True)
        # (after the floor's pages are kept: those hold the whole catalog)
        if args.pack:
            with tempfile.TemporaryDirectory() as tmp:
                done = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--publish", url, tmp],
                    capture_output=True, text=True, cwd=ROOT, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            made = json.loads(done.stdout.strip().splitlines()[-1])
            print(", ".join(f"{k} {v:.1f}" for k, v in made.items()), flush=True)
        trees = [ROOT] if args.compare is None else [args.compare.resolve(), ROOT]
        runs: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in trees}
        for _ in range(args.rounds):
            for tree in trees:
                with tempfile.TemporaryDirectory() as tmp:
                    done = subprocess.run(
                        [sys.executable, str(tree / "tests" / "perf" / Path(__file__).name),
                         "--orders", str(args.orders), "--client", url, db_url, tmp],
                        capture_output=True, text=True, cwd=tree, check=False,
                        env={**os.environ, "DINGHUO_BENCH_SERVER_PID": str(server.pid)})
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
                run = json.loads(done.stdout.strip().splitlines()[-1])
                if floor_pages is not None:  # right after W1's client, on the same machine
                    run.update(bench_w1_client.run_floor(floor_pages))
                    run["W1 / floor wall"] = run["W1"] / run["floor wall"]
                    run["W1 client CPU / floor CPU"] = run["W1 client CPU"] / run["floor CPU"]
                runs[tree].append(run)
                print(f"{tree}: " + ", ".join(
                    f"{k} {v:.3f}" for k, v in run.items()
                    if k in ("W1", "W2", "W3 push", "search p50 ms", "floor wall")), flush=True)
        figures = {**made, **runs[ROOT][-1]}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if floor_pages is not None:
            shutil.rmtree(floor_pages, ignore_errors=True)
        if args.keep_db is None:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"load average during the run: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    if len(trees) > 1 or args.rounds > 1:  # side by side, min–median–max of each
        print(f"\n{'measure':<20} " + "  ".join(f"{t.name[:24]:>26}" for t in runs))
        for key, value in figures.items():
            if isinstance(value, float):  # (a checkout from before a measure lacks it)
                print(f"{key:<20} " + "  ".join(
                    f"{_spread([r[key] for r in runs[t]]) if key in runs[t][0] else '–':>26}"
                    for t in runs))
        return 0
    print(f"\n{'measure':<20} {'value':>10} {'target':>8}  ok")
    for key, value in figures.items():
        target = TARGETS.get(key)
        unit_value = f"{value:.3f}" if isinstance(value, float) else str(value)
        mark = "" if target is None else ("yes" if value <= target else "NO")
        print(f"{key:<20} {unit_value:>10} {'' if target is None else target:>8}  {mark}")
    emit({"products": args.products, **figures})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
