"""Server benchmarks on PostgreSQL (issue 2 §5). Not part of the default test run.

    .venv/bin/python tests/perf/bench_server.py [--products 100000] [--orders 1000]

Creates a throwaway database, loads the catalog through the importer, starts the real server
(`dinghuo-server serve`: one HTTP process, pushes in one process per core) and measures from a
separate process:

- full catalog pull: wall time of all pages as an admin from an empty cursor, and the server's
  own time per page (``Server-Timing``), target ≤ 1.5 s;
- push of 1,000 orders × 5 lines from one client (batches of 100) and from 20 concurrent
  clients — each pushing its 50 orders at once as the client engine does, then in pushes of
  10, 8 and 5, then one per request: mutations/s (target ≥ 1,000) and p99 latency (target ≤ 200 ms).

Two of each order's five lines are products 1–400 of the catalog. ``--promotions`` first imports
promotions for everyone on those: a special price on 1–200, buy-N-get-1 on 201–400 and a spend
threshold (满减) that most orders reach; the load generator quotes each order with
``domain.quote_order`` as a device does, and the server re-evaluates every one. Run with and
without it, alternately, for the server's cost per submit with promotions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import orjson
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync_engine import domain as d
from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.ops.importer import import_csv
from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate
from tests.perf.figures import emit
from tests.perf.server_data import load_scale
from tests.support.live import free_port

ADMIN = os.environ.get("DINGHUO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _processes() -> list[tuple[int, int, str]]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        out.append((int(entry), ppid, cmd))
    return out


class CpuMeter:
    """CPU seconds spent by the server processes, this database's PostgreSQL backends and this
    load generator: where the machine's cores go, per mutation."""

    def __init__(self, server_pid: int, dbname: str):
        self.server_pid = server_pid
        self.dbname = dbname

    def snapshot(self) -> dict[str, float]:
        procs = _processes()
        server = {self.server_pid}
        server |= {pid for pid, ppid, _ in procs if ppid in server}
        server |= {pid for pid, ppid, _ in procs if ppid in server}
        backends = [pid for pid, _, cmd in procs if cmd.startswith("postgres:")
                    and f" {self.dbname} " in cmd]
        return {
            "server": sum(_proc_cpu(p) for p in server),
            "postgres": sum(_proc_cpu(p) for p in backends),
            "client": time.process_time(),
        }

    @staticmethod
    def per_mutation(before: dict[str, float], after: dict[str, float],
                     n: int) -> dict[str, float]:
        """CPU milliseconds per mutation of each part between two snapshots."""
        return {k: (after[k] - before.get(k, 0.0)) / n * 1000 for k in after}

    @staticmethod
    def report(per_mutation: dict[str, float]) -> str:
        return "CPU ms/mutation: " + ", ".join(f"{k} {v:.2f}" for k, v in per_mutation.items())


IDLE_S = 2.0
"""A push connection idle longer than this is opened afresh: the server closes a keep-alive
connection idle for 5 s (uvicorn's default), and on a loaded machine making the next round's
orders took that long (the pushes then failed with a broken pipe)."""


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


class Client:
    def __init__(self, base: str, user: str):
        self.client_id = f"bench-{uuid.uuid4().hex[:12]}"
        self.http = httpx.Client(base_url=base, timeout=120,
                                 headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
        r = self.http.post("/v1/auth/login", json={"username": user, "password": "demo",
                                                   "client_id": self.client_id})
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        # Pushes go over a plain keep-alive connection, bodies made with orjson: the load
        # generator shares the server's two cores, and httpx with the standard library's JSON
        # cost it about 1 ms per request (real devices bring their own CPUs).
        url = httpx.URL(base)
        self.conn = http.client.HTTPConnection(url.host, url.port, timeout=120)
        self.push_headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                             "Authorization": self.http.headers["Authorization"],
                             "Content-Type": "application/json"}
        self.used = time.monotonic()

    def push(self, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        body = orjson.dumps({"client_id": self.client_id, "mutations": mutations})
        if time.monotonic() - self.used > IDLE_S:
            self.conn.close()  # the next request connects afresh
        self.conn.request("POST", "/v1/push", body=body, headers=self.push_headers)
        answer = self.conn.getresponse()
        content = answer.read()
        self.used = time.monotonic()
        if answer.status != 200:
            raise RuntimeError(f"push answered {answer.status}: {content[:300]!r}")
        return list(orjson.loads(content)["results"])


def order_mutation(rng: random.Random, customers: list[dict[str, Any]],
                   products: list[dict[str, Any]], promotions: list[d.Promotion] | None = None,
                   ) -> dict[str, Any]:
    """An order of 5 lines, 2 of them among products 1–400 (the promoted ones, with
    ``--promotions``), quoted with the promotions as a device would."""
    customer = rng.choice(customers)
    picked = rng.sample(products[:400], 2)
    picked += rng.sample([p for p in products[400:] if p not in picked], 3)
    lines = []
    for p in picked:
        lines.append({"product_id": p["id"], "quantity": max(p["min_qty"], p["pack_size"]),
                      "unit_price": None})
    args: dict[str, Any] = {"order_id": str(uuid.uuid4()), "customer_id": customer["id"],
                            "lines": lines}
    if promotions is not None:
        args["promotions"] = [a.to_dict() for a in _quote(customer, lines, products,
                                                          promotions).applied]
    return {"key": uuid.uuid4().hex, "kind": "order.submit", "args": args}


_DOMAIN_PRODUCTS: dict[int, d.Product] = {}


def _quote(customer: dict[str, Any], lines: list[dict[str, Any]],
           products: list[dict[str, Any]], promotions: list[d.Promotion]) -> d.Quote:
    if not _DOMAIN_PRODUCTS:
        for p in products:
            _DOMAIN_PRODUCTS[p["id"]] = d.Product(
                p["id"], p["sku"], p["name_zh"], p["name_en"], p["unit"], p["case_unit"],
                p["case_qty"], p["pack_size"], p["min_qty"], Decimal(p["tax_rate"]),
                Decimal(p["base_price"]))
    who = d.Customer(customer["id"], customer["code"], customer["name"],
                     customer["warehouse_id"])
    # The bench's contract prices are the base prices (server_data), so none are needed here.
    return d.quote_order(who, [(ln["product_id"], ln["quantity"]) for ln in lines],
                         _DOMAIN_PRODUCTS, {}, promotions, dt.datetime.now(dt.UTC))


def load_promotions(url: str, products: list[dict[str, Any]]) -> list[d.Promotion]:
    """Import the bench's promotions (see the module docstring); the same as domain values."""
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    end = start + dt.timedelta(days=30)
    out: list[d.Promotion] = []
    rows = ["code,kind,starts_at,ends_at,sku,unit_price,price_includes_tax,buy_qty,get_qty,"
            "threshold,amount_off"]
    when = f"{start.isoformat()},{end.isoformat()}"
    for i, p in enumerate(products[:400]):
        if i < 200:
            price = (Decimal(p["base_price"]) * Decimal("0.9")).quantize(Decimal("0.01"))
            rows.append(f"TJ{i:03d},special_price,{when},{p['sku']},{price},no,,,,")
            out.append(d.Promotion(f"TJ{i:03d}", d.PromotionKind.SPECIAL_PRICE, start, end,
                                   product_id=p["id"], unit_price=price,
                                   price_includes_tax=False))
        else:
            buy = max(p["min_qty"], p["pack_size"])
            rows.append(f"MZ{i:03d},buy_get,{when},{p['sku']},,,{buy},1,,")
            out.append(d.Promotion(f"MZ{i:03d}", d.PromotionKind.BUY_GET, start, end,
                                   product_id=p["id"], buy_qty=buy, get_qty=1))
    rows.append(f"MJ1,spend_off,{when},,,,,,100,5")
    out.append(d.Promotion("MJ1", d.PromotionKind.SPEND_OFF, start, end,
                           threshold=Decimal(100), amount_off=Decimal(5)))
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        report = import_csv(session, "promotions", io.StringIO("\n".join(rows) + "\n"))
    engine.dispose()
    assert report.ok, report.errors[:3]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=100_000)
    ap.add_argument("--skip-pull", action="store_true")
    ap.add_argument("--orders", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--push-processes", type=int, default=None,
                    help="passed to serve (default: serve's own, one per core)")
    ap.add_argument("--promotions", action="store_true",
                    help="promotions on products 1–400 and a spend threshold (see above)")
    ap.add_argument("--sizes", default="",
                    help="orders per request for the concurrent runs, e.g. 10,5 (default: all "
                         "of a client's orders, 10, 8, 5, 1)")
    args = ap.parse_args()
    figures: dict[str, Any] = {"products": args.products}

    name = f"dinghuo_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    server = None
    try:
        migrate(url)
        t = time.perf_counter()
        phases = load_scale(url, products=args.products, customers=2000, prices=40_000)
        print(f"load: {time.perf_counter() - t:.1f} s  "
              + "  ".join(f"{k} {v:.1f}s" for k, v in phases.items()))
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "sync_engine.server", "serve", "--db", url,
             "--host", "127.0.0.1", "--port", str(port), "--no-migrate",
             "--workers", str(args.workers), "--log-level", "warning",
             *([] if args.push_processes is None
               else ["--push-processes", str(args.push_processes)])],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)

        # --- full catalog pull
        admin = Client(base, "admin")
        server_cpu = CpuMeter(server.pid, name)
        for attempt in range(0 if args.skip_pull else 2):
            cursor = None
            pages = 0
            server_ms = 0.0
            nbytes = 0
            counts: dict[str, int] = {}
            cpu = server_cpu.snapshot()
            t = time.perf_counter()
            while True:
                params: dict[str, Any] = {"limit": 10_000}
                if cursor:
                    params["cursor"] = cursor
                r = admin.http.get("/v1/pull", params=params)
                r.raise_for_status()
                nbytes += len(r.content)
                server_ms += float(r.headers["server-timing"].split("dur=")[1])
                page = r.json()
                for c in page["changes"]:
                    counts[c["entity"]] = counts.get(c["entity"], 0) + 1
                pages += 1
                cursor = page["cursor"]
                if not page["has_more"]:
                    break
            wall = time.perf_counter() - t
            used = {k: v - cpu[k] for k, v in server_cpu.snapshot().items()}
            figures[f"full pull #{attempt + 1} s"] = wall
            figures[f"full pull #{attempt + 1} server s"] = server_ms / 1000
            figures.update({f"full pull #{attempt + 1} {k} CPU s": v for k, v in used.items()})
            print(f"full pull #{attempt + 1}: {sum(counts.values())} changes {counts} in "
                  f"{pages} pages, {nbytes / 1e6:.1f} MB; server {server_ms / 1000:.2f} s, "
                  f"wall incl. client JSON parse {wall:.2f} s; CPU s: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in used.items()))

        products = [c["data"] for c in admin.http.get(
            "/v1/pull", params={"limit": 10_000}).json()["changes"] if c["entity"] == "product"]
        products = [p for p in products if p["active"] and p["sellable"]]
        products.sort(key=lambda p: p["id"])
        promotions = load_promotions(url, products) if args.promotions else None
        rep = Client(base, "rep1")
        mine = []
        cursor = None
        while True:
            params = {"limit": 10_000, **({"cursor": cursor} if cursor else {})}
            page = rep.http.get("/v1/pull", params=params).json()
            mine += [c["data"] for c in page["changes"] if c["entity"] == "customer"]
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        rng = random.Random(1)

        meter = CpuMeter(server.pid, name)

        # --- one client, batches of 100
        batches = [[order_mutation(rng, mine, products, promotions) for _ in range(100)]
                   for _ in range(args.orders // 100)]
        lat = []
        cpu = meter.snapshot()
        t = time.perf_counter()
        for batch in batches:
            t0 = time.perf_counter()
            results = rep.push(batch)
            lat.append((time.perf_counter() - t0) / len(batch))
            assert all(x["status"] == "applied" for x in results), results[0]
        wall = time.perf_counter() - t
        used = meter.per_mutation(cpu, meter.snapshot(), args.orders)
        figures["push 1 client mutations/s"] = args.orders / wall
        figures.update({f"push 1 client {k} CPU ms/mutation": v for k, v in used.items()})
        print(f"push, 1 client, {args.orders} orders × 5 lines in batches of 100: "
              f"{args.orders / wall:.0f} mutations/s ({wall:.2f} s); " + meter.report(used))

        # --- 20 clients at once, as a rep's device pushes its outbox (the client engine sends up
        # to 500 per push: all of a device's orders in one), then in smaller pushes, then one
        # order per request (a rep online, submitting as they go: latency, not throughput)
        clients = [Client(base, "rep1") for _ in range(args.clients)]
        per = args.orders // args.clients
        sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else [per, 10, 8, 5, 1]
        if os.environ.get("BENCH_PAUSE"):  # a moment to attach a profiler to the server
            print(f"server pid {server.pid}", flush=True)
            time.sleep(float(os.environ["BENCH_PAUSE"]))
        for size in sizes:
            work = [[order_mutation(rng, mine, products, promotions) for _ in range(per)]
                    for _ in clients]

            def run(i: int, size: int = size, work: list[Any] = work) -> list[tuple[float, int]]:
                out = []
                for start in range(0, per, size):
                    batch = work[i][start:start + size]
                    t0 = time.perf_counter()
                    res = clients[i].push(batch)
                    out.append((time.perf_counter() - t0, len(batch)))
                    assert all(x["status"] == "applied" for x in res), res[0]
                return out

            cpu = meter.snapshot()
            t = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                lat = [x for xs in pool.map(run, range(args.clients)) for x in xs]
            wall = time.perf_counter() - t
            n = sum(k for _, k in lat)
            # Each order's latency is its push's: every order waits for the push's answer.
            per_order = [d for d, k in lat for _ in range(k)]
            used = meter.per_mutation(cpu, meter.snapshot(), n)
            figures[f"push {args.clients} clients {size}/request mutations/s"] = n / wall
            figures[f"push {args.clients} clients {size}/request p99 ms"] = \
                pct(per_order, 99) * 1000
            figures.update({f"push {args.clients} clients {size}/request {k} CPU ms/mutation": v
                            for k, v in used.items()})
            print(f"push, {args.clients} concurrent clients, {size} orders/request: "
                  f"{n / wall:.0f} mutations/s ({wall:.2f} s); latency per order p50 "
                  f"{statistics.median(per_order)*1000:.0f} ms, p99 {pct(per_order, 99)*1000:.0f}"
                  f" ms, max {max(per_order)*1000:.0f} ms; " + meter.report(used))
        print(f"machine load average {os.getloadavg()[0]:.1f} (2 cores; other work counts too)")
        emit(figures)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
