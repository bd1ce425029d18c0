"""Pushes applied in push processes (``dinghuo-server serve`` on PostgreSQL): the same answers as
on threads, and a process that dies mid-push loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.ops.cli import main as server_cli
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import MutationRecord, Order
from tests.support.api import Api, mutation, new_id
from tests.support.live import free_port, serve_app
from tests.support.seed import Seed, seed, totals


def order(s: Seed, customer: str = "A", quantity: int = 2) -> dict[str, Any]:
    return mutation("order.submit", {
        "order_id": new_id(), "customer_id": s.customers[customer],
        "lines": [{"product_id": s.products[1], "quantity": quantity, "unit_price": "10.00"}],
    })


def error(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["message"] and body["message_zh"]
    return dict(body)


@pytest.mark.live
def test_push_processes_answer_as_the_threads_do(pg_db_url: str) -> None:
    s = seed(pg_db_url)
    settings = ServerSettings(db=pg_db_url, push_processes=2)
    app = create_app(settings)
    with serve_app(app) as url, Api(url, "rep1") as rep:
        # Started with the server, not on demand.
        assert len(app.state.services.push_pool.pids()) == 2
        first = order(s)
        [applied] = rep.push(first)
        assert applied["status"] == "applied"
        assert applied["data"]["number"]
        # A resend replays the stored answer and changes nothing.
        after_first = totals(pg_db_url)
        [again] = rep.push(first)
        assert again["replayed"] and not applied["replayed"]
        assert {**again, "replayed": False} == applied
        assert totals(pg_db_url) == after_first
        # Orders in one push go through the group commit, in order.
        results = rep.push(order(s), order(s, "B"), order(s))
        assert [r["status"] for r in results] == ["applied"] * 3

        before = totals(pg_db_url)
        push = f"{url}/v1/push"
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        auth = {**headers, "Authorization": rep.http.headers["Authorization"]}
        body = {"client_id": rep.client_id, "mutations": [order(s)]}
        # Refused in the push process: the token, the body, the device.
        assert error(httpx.post(push, json=body, headers={**headers, "Authorization": "Bearer x"}),
                     401)["code"] == "token_invalid"
        bad = error(httpx.post(push, json={"client_id": rep.client_id, "mutations": "nope"},
                               headers=auth), 422)
        assert bad["code"] == "validation_error"
        assert bad["fields"][0]["field"] == "mutations"
        assert error(httpx.post(push, json={**body, "client_id": "someone-else"}, headers=auth),
                     400)["code"] == "client_mismatch"
        # Refused before a push process sees it: the protocol, the size.
        assert error(httpx.post(push, json=body), 426)["code"] == "update_required"
        big = httpx.post(push, content=b"x" * (settings.max_body_bytes + 1),
                         headers={**auth, "Content-Type": "application/json"})
        assert big.status_code == 413
        # An order the rules reject is an answer, not an error.
        [rejected] = rep.push(order(s, quantity=0))
        assert rejected["status"] == "rejected"
        assert totals(pg_db_url)[0] == before[0]


def _waiting_for_a_lock(db_url: str) -> bool:
    dbname = db_url.rsplit("/", 1)[1]
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (dbname,),
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.live
def test_a_push_process_killed_mid_push_loses_and_duplicates_nothing(pg_db_url: str) -> None:
    s = seed(pg_db_url)
    app = create_app(ServerSettings(db=pg_db_url, push_processes=2))
    with serve_app(app) as url, Api(url, "rep1") as rep:
        m = order(s)
        body = {"client_id": rep.client_id, "mutations": [m]}
        # Another transaction holds the customer: the push waits inside its own transaction.
        with psycopg.connect(pg_db_url) as holder, ThreadPoolExecutor(1) as background:
            holder.execute("SELECT 1 FROM customers WHERE id = %s FOR UPDATE",
                           (s.customers["A"],))
            pending = background.submit(rep.http.post, "/v1/push", json=body)
            deadline = time.monotonic() + 20
            while not _waiting_for_a_lock(pg_db_url):
                assert time.monotonic() < deadline, "the push never reached the lock"
                time.sleep(0.02)
            for pid in app.state.services.push_pool.pids():
                os.kill(pid, signal.SIGKILL)
            cut = pending.result(timeout=30)
            holder.rollback()
        assert error(cut, 503)["code"] == "unavailable"

        # The device resends: one order, whatever the killed process had got to.
        [answer] = rep.push(m)
        assert answer["status"] == "applied"
        [again] = rep.push(m)
        assert again["replayed"]
        assert again["data"]["number"] == answer["data"]["number"]
        engine = make_engine(pg_db_url)
        with make_session_factory(engine)() as session:
            order_id = m["args"]["order_id"]
            assert session.scalar(
                select(func.count()).select_from(Order).where(Order.id == order_id)) == 1
            assert session.scalar(
                select(func.count()).select_from(MutationRecord)
                .where(MutationRecord.idempotency_key == m["key"])) == 1
        engine.dispose()
        # The pool was started afresh: later pushes are served as before.
        assert rep.push(order(s, "B"))[0]["status"] == "applied"
        assert len(app.state.services.push_pool.pids()) >= 1


def test_push_processes_need_postgresql(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"
    with pytest.raises(ValueError, match="PostgreSQL"):
        create_app(ServerSettings(db=url, push_processes=2))
    code = server_cli(["serve", "--db", url, "--push-processes", "2"])
    assert code != 0
    assert "--push-processes needs PostgreSQL" in capsys.readouterr().err


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.live
def test_push_processes_share_the_fork_servers_memory(pg_db_url: str) -> None:
    """A push process keeps sharing the pages it inherited from the fork server (the imported
    push code, :mod:`.push_preload`). Its start-up's garbage collection used to copy most of
    them: less than half of its memory was still shared, and its PSS was about 45 of 68 MB
    (now about 28)."""
    seed(pg_db_url)
    app = create_app(ServerSettings(db=pg_db_url, push_processes=2))
    with serve_app(app):
        pids = app.state.services.push_pool.pids()
        assert len(pids) == 2
        for pid in pids:
            memory = _memory_kb(pid)
            private = memory["Private_Clean"] + memory["Private_Dirty"]
            assert memory["Rss"] - private > memory["Rss"] // 2, memory


def _memory_kb(pid: int) -> dict[str, int]:
    """A process's memory figures (``/proc/PID/smaps_rollup``), kB."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return {line.split()[0].rstrip(":"): int(line.split()[1]) for line in f
                if line.rstrip().endswith("kB")}


@pytest.mark.slow
@pytest.mark.live
def test_push_processes_end_with_a_killed_server(pg_db_url: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sync_engine.server", "serve", "--db", pg_db_url, "--port",
         str(port), "--no-migrate", "--push-processes", "2", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        pool = _descendants(server.pid)
        assert len(pool) >= 3  # the fork server and the two push processes
        server.kill()  # no shutdown: nobody stops the pool
        server.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in pool):
            assert time.monotonic() < deadline, "push processes outlived their server"
            time.sleep(0.05)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
