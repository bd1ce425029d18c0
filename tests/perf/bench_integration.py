"""ERP/WMS integration benchmarks on PostgreSQL (issue 22). Not part of the default test run.

    .venv/bin/python tests/perf/bench_integration.py [--products 20000] [--batch 5000]

Creates a throwaway database, loads a catalog (``load_scale``), starts the real server
(``dinghuo-server serve``) and measures:

- bulk stock updates over the API: batches of ``--batch`` absolute levels, rows/s (goal ≥ 5,000);
- the same over the queue: messages of ``--batch`` rows through ``run_consumer``, rows/s from the
  first publish to the last message committed (goal ≥ 5,000);
- ERP change → device: a signed-in client engine watching the event stream; the time from
  the ERP's POST of one stock row to the device's replica holding the new level, p50/p95
  over ``--rounds`` changes a random 0–``--gap`` s apart (goal p95 ≤ 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import keyring
import pika
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, select

from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.server.ops.integration import tokens
from sync_engine.server.ops.integration.consumer import run_consumer
from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate
from sync_engine.server.storage.models import ConsumedMessage, Product, Warehouse
from tests.perf.figures import emit
from tests.perf.server_data import load_scale
from tests.support.live import free_port

ADMIN = os.environ.get("DINGHUO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--gap", type=float, default=1.2,
                        help="the most seconds between two changes (each gap is random)")
    args = parser.parse_args()
    name = f"dinghuo_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    server = None
    keyring.set_keyring(MemoryKeyring())
    try:
        migrate(url)
        load_scale(url, products=args.products, customers=200, prices=2_000)
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        with sessions() as s:
            skus = list(s.scalars(select(Product.sku).order_by(Product.id)))
            secret = tokens.create_token(s, "bench", ["stock"])[1]
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "sync_engine.server", "serve", "--db", url, "--host",
             "127.0.0.1", "--port", str(port), "--no-migrate", "--log-level", "warning",
             "--push-processes", "0"], stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(400):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        erp = httpx.Client(base_url=base, timeout=120,
                           headers={"Authorization": f"Bearer {secret}"})
        version = 0

        def batch(n: int) -> list[dict[str, object]]:
            nonlocal version
            version += 1
            return [{"sku": skus[(version * n + i) % len(skus)],
                     "warehouse": "SH" if i % 2 else "GZ", "on_hand": 1000 + version,
                     "version": version} for i in range(n)]

        # --- API
        erp.post("/v1/integration/stock", json={"rows": batch(100)}).raise_for_status()  # warm
        rows = 0
        t = time.perf_counter()
        for _ in range(args.batches):
            r = erp.post("/v1/integration/stock", json={"rows": batch(args.batch)})
            r.raise_for_status()
            assert r.json()["errors"] == [], r.json()["errors"][:3]
            rows += args.batch
        api_s = time.perf_counter() - t
        figures: dict[str, float] = {"products": args.products, "batch": args.batch,
                                     "api stock rows/s": rows / api_s}
        print(f"API:   {rows} stock rows in {api_s:.2f} s = {rows / api_s:,.0f} rows/s "
              f"(batches of {args.batch})")

        # --- queue
        q = f"bench.integration.{uuid.uuid4().hex[:6]}"
        conn = pika.BlockingConnection(pika.URLParameters(AMQP))
        ch = conn.channel()
        ch.queue_declare(queue=q, durable=True)
        ch.queue_declare(queue=q + ".dead", durable=True)
        ch.confirm_delivery()
        stop = threading.Event()
        consumer = threading.Thread(target=run_consumer, args=(AMQP, sessions, stop),
                                    kwargs={"queue": q, "dead_queue": q + ".dead"})
        consumer.start()
        with sessions() as s:
            before = s.scalar(select(func.count()).select_from(ConsumedMessage)) or 0
        t = time.perf_counter()
        for _ in range(args.batches):
            ch.basic_publish("", q, json.dumps({"kind": "stock", "rows": batch(args.batch)})
                             .encode(), pika.BasicProperties(delivery_mode=2,
                                                             message_id=uuid.uuid4().hex))
        while True:
            with sessions() as s:
                done = (s.scalar(select(func.count()).select_from(ConsumedMessage)) or 0) - before
            if done >= args.batches:
                break
            time.sleep(0.02)
        queue_s = time.perf_counter() - t
        figures["queue stock rows/s"] = rows / queue_s
        stop.set()
        consumer.join()
        ch.queue_delete(q)
        ch.queue_delete(q + ".dead")
        conn.close()
        print(f"queue: {rows} stock rows in {queue_s:.2f} s = {rows / queue_s:,.0f} rows/s "
              f"(messages of {args.batch})")

        # --- ERP change → device
        with tempfile.TemporaryDirectory() as tmp:
            device = Engine(Path(tmp) / "rep", base)
            device.login("rep1", "demo")
            device.sync_once()
            product_sku = skus[0]
            with sessions() as s:
                product_id = s.scalar(select(Product.id).where(Product.sku == product_sku))
            assert product_id is not None
            heard: queue.Queue[int] = queue.Queue()
            connected = threading.Event()
            watching = threading.Event()
            watcher = threading.Thread(
                target=device.watch_changes, args=(watching, heard.put),
                kwargs={"on_connected": connected.set}, daemon=True)
            watcher.start()
            assert connected.wait(30)
            with sessions() as s:
                warehouse_id = s.scalar(select(Warehouse.id).where(Warehouse.code == "SH"))
            assert warehouse_id is not None
            latencies = []
            parts: dict[str, list[float]] = {"post": [], "woken": [], "sync": []}
            for i in range(args.rounds):
                version += 1
                level = 5000 + i
                t = time.perf_counter()
                erp.post("/v1/integration/stock", json={"rows": [
                    {"sku": product_sku, "warehouse": "SH", "on_hand": level,
                     "version": version}]}).raise_for_status()
                parts["post"].append(time.perf_counter() - t)
                while True:
                    heard.get(timeout=10)
                    parts["woken"].append(time.perf_counter() - t)
                    device.sync_once()
                    view = device.stock(product_id, warehouse_id)
                    if view is not None and view.on_hand == level:
                        break
                latencies.append(time.perf_counter() - t)
                parts["sync"].append(latencies[-1] - parts["woken"][-1])
                # Bursts: the next change lands at a random point of the stream's coalescing
                # window (feed/stream.py), or after it, as an ERP's stream of changes would.
                time.sleep(random.uniform(0, args.gap))
            print("  medians: " + ", ".join(f"{k} {statistics.median(v) * 1000:.0f} ms"
                                            for k, v in parts.items())
                  + " (post: the ERP's request; woken: the stream's event; sync: the "
                    "device's sync_once)")
            watching.set()
            device.close()
        print(f"ERP → device: p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {pct(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
              f"over {len(latencies)} changes")
        figures.update({"erp to device p50 ms": statistics.median(latencies) * 1000,
                        "erp to device p95 ms": pct(latencies, 95) * 1000,
                        "erp to device max ms": max(latencies) * 1000})
        emit(figures)
        erp.close()
        engine.dispose()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
