"""A burst of wrong sign-ins against one server process: its peak memory and how long ``/v1/me``
takes meanwhile (issue 15: 16 at once took a server from 189 MB to 822 MB, ``/v1/me`` to 621 ms).

    .venv/bin/python -m tests.perf.bench_signin [--burst 16] [--rounds 3] [--pg]

Each round starts a fresh ``dinghuo-server serve`` on SQLite, or with ``--pg`` on a fresh
PostgreSQL database on 127.0.0.1 (the demo data set; pushes on threads), fires
``--burst`` concurrent sign-ins with wrong passwords under distinct names (so the per-account
throttle does not answer them before their hash) and, meanwhile, ``/v1/me`` as a signed-in rep;
then reads the process's peak resident memory (``VmHWM``). Prints min–median–max.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.demo.load import load_demo
from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate
from tests.support.server_process import ServerProcess

HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _fresh_pg(name: str) -> str:
    admin = make_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def one_round(burst: int, folder: Path, pg: bool) -> tuple[float, float, float]:
    """(peak MB, baseline MB, worst /v1/me ms) of one server under one burst."""
    db_url = _fresh_pg("dinghuo_bench_signin") if pg else f"sqlite:///{folder / 'server.sqlite3'}"
    migrate(db_url)
    engine = make_engine(db_url)
    load_demo(make_session_factory(engine), products=200)
    engine.dispose()
    with ServerProcess(db_url, folder / "server.log", args=("--push-processes", "0")) as server, \
            httpx.Client(base_url=server.url, headers=HEADERS, timeout=120) as http:
        assert server.process is not None
        login = http.post("/v1/auth/login", json={"username": "rep1", "password": "demo",
                                                  "client_id": "bench-me-0001"})
        login.raise_for_status()
        token = {"Authorization": f"Bearer {login.json()['access_token']}"}
        http.get("/v1/me", headers=token).raise_for_status()
        baseline = _peak_mb(server.process.pid)
        statuses: list[int] = []
        done = threading.Event()

        def wrong(i: int) -> None:
            with httpx.Client(base_url=server.url, headers=HEADERS, timeout=120) as c:
                r = c.post("/v1/auth/login", json={
                    "username": f"nobody{i}", "password": "wrong-password",
                    "client_id": f"bench-{i:08d}"})
                statuses.append(r.status_code)

        def me() -> float:
            worst = 0.0
            while not done.is_set():
                t = time.perf_counter()
                http.get("/v1/me", headers=token).raise_for_status()
                worst = max(worst, time.perf_counter() - t)
            return worst

        threads = [threading.Thread(target=wrong, args=(i,)) for i in range(burst)]
        worst: list[float] = []
        watcher = threading.Thread(target=lambda: worst.append(me()))
        watcher.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        watcher.join()
        print(f"  answers: {sorted(set(statuses))}")
        return _peak_mb(server.process.pid), baseline, worst[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pg", action="store_true")
    args = parser.parse_args()
    peaks, mes = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            peak, base, me_ms = one_round(args.burst, Path(tmp), args.pg)
        print(f"  peak {peak:.0f} MB (before the burst {base:.0f} MB), worst /v1/me {me_ms:.0f} ms")
        peaks.append(peak)
        mes.append(me_ms)
    for name, values, unit in (("peak memory", peaks, "MB"), ("worst /v1/me", mes, "ms")):
        print(f"{name}: {min(values):.0f}–{statistics.median(values):.0f}–{max(values):.0f} {unit}"
              " (min–median–max)")


if __name__ == "__main__":
    main()
