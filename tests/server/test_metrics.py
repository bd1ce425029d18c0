"""``/metrics``: what the server counts adds up across push processes (PostgreSQL)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import EventOutbox
from tests.support.api import Api, mutation, new_id
from tests.support.asgi import BASE_URL, serve_in_process
from tests.support.live import serve_app
from tests.support.seed import Seed, seed
from tests.support.server import Server

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@contextmanager
def served(app: FastAPI) -> Iterator[Server]:
    """``app`` served in this process (no socket)."""
    with serve_in_process(app) as running:
        yield Server(BASE_URL, running.connect)


def scrape(server: Server) -> Samples:
    with server.client() as http:
        r = http.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    out: Samples = {}
    for family in text_string_to_metric_families(r.text):
        for sample in family.samples:
            out[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return out


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples whose labels include ``labels``."""
    want = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and want <= ls)


def order(s: Seed, quantity: int = 2, price: str = "10.00", product: int = 1) -> dict[str, Any]:
    return mutation("order.submit", {
        "order_id": new_id(), "customer_id": s.customers["B"],
        "lines": [{"product_id": s.products[product], "quantity": quantity,
                   "unit_price": price}],
    })


@pytest.mark.live  # push processes
def test_counts_add_up_across_two_push_processes(pg_db_url: str) -> None:
    s = seed(pg_db_url, stock=100)
    app = create_app(ServerSettings(db=pg_db_url, push_processes=2))
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with serve_app(app) as url, Api(url, "rep1") as rep:
        server = Server(url)
        assert len(app.state.services.push_pool.pids()) == 2
        for _ in range(3):
            bad = httpx.post(f"{url}/v1/auth/login", headers=headers, json={
                "username": "rep1", "password": "wrong", "client_id": "dev-xxxxxxxxxxxxxxx",
                "device_name": "x"})
            assert bad.status_code == 401
        first = order(s)
        pushes = [
            [first],
            [first],                                   # replayed
            [order(s), order(s), order(s)],            # a group commit
            [order(s, 200)],                           # applied, held: short of stock
            [mutation("order.submit", {               # conflict: customer A's price is 8.50
                "order_id": new_id(), "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[0], "quantity": 12, "unit_price": "9.00"}],
            })],
            [order(s, 0)],                             # rejected by the rules
        ]
        answers = [r for p in pushes for r in rep.push(*p)]
        # Spread over both processes, in any order: many small pushes.
        for _ in range(10):
            answers += rep.push(order(s))
        changes: list[dict[str, Any]] = []
        pages = 0
        page: dict[str, Any] = {"has_more": True}
        while page["has_more"]:
            params = {"limit": 7, **({"cursor": page["cursor"]} if pages else {})}
            page = rep.http.get("/v1/pull", params=params).json()
            changes += page["changes"]
            pages += 1
        assert pages > 1
        resync = rep.http.get("/v1/pull", params={"cursor": "garbage"})
        assert resync.json()["resync_reason"] == "cursor_invalid"

        m = scrape(server)
        outcomes = [("replayed" if a["replayed"] else a["status"]) for a in answers]
        push = "dinghuo_push_mutations_total"
        assert total(m, push) == len(answers) == 18
        for outcome in ("applied", "replayed", "conflict", "rejected"):
            assert total(m, push, outcome=outcome) == outcomes.count(outcome), outcome
        assert total(m, push, outcome="applied", kind="order.submit") == 15
        assert total(m, push, outcome="conflict", reason="price_changed") == 1
        rejected = next(a for a in answers if a["status"] == "rejected")
        assert total(m, push, outcome="rejected", reason=rejected["reason"]) == 1
        assert total(m, "dinghuo_stock_shortfalls_total") == 1

        assert total(m, "dinghuo_pull_pages_total") == pages + 1
        served = len(changes) + len(resync.json()["changes"])
        assert total(m, "dinghuo_pull_changes_total") == served
        assert total(m, "dinghuo_resyncs_total", reason="cursor_invalid") == 1
        assert total(m, "dinghuo_resyncs_total") == 1

        assert total(m, "dinghuo_sign_ins_total", result="ok") == 1
        assert total(m, "dinghuo_sign_ins_total", result="invalid_credentials") == 3

        requests = "dinghuo_http_requests_total"
        assert total(m, requests, method="POST", route="/v1/push", status="200") == 16
        assert total(m, requests, route="/v1/pull") == pages + 1
        assert total(m, requests, route="/v1/auth/login", status="401") == 3
        assert total(m, "dinghuo_http_request_duration_seconds_count", route="/v1/push") == 16
        # Route templates, never raw paths.
        assert not any(dict(ls).get("route", "/").startswith("/v1/pull?") for _, ls in m)

        engine = make_engine(pg_db_url)
        with make_session_factory(engine)() as session:
            waiting = session.scalar(select(func.count()).select_from(EventOutbox)
                                     .where(EventOutbox.published_at.is_(None)))
        engine.dispose()
        assert waiting and total(m, "dinghuo_event_outbox_backlog") == waiting
        assert total(m, "dinghuo_event_outbox_oldest_age_seconds") >= 0
        assert ("dinghuo_db_connections_in_use", frozenset()) in m
        assert ("dinghuo_event_streams", frozenset()) in m


def test_apps_built_one_after_another_close_their_metric_files(tmp_path: Path) -> None:
    def open_metric_files() -> int:
        return sum(1 for fd in Path("/proc/self/fd").iterdir()
                   if "dinghuo-metrics-" in str(fd.resolve(strict=False)))

    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'server.sqlite3'}", push_processes=0)
    app = create_app(settings)
    directory = app.state.services.metrics.directory
    assert open_metric_files() >= 1
    del app
    gc.collect()
    for _ in range(20):
        create_app(settings)
    gc.collect()
    assert open_metric_files() == 0
    assert not directory.exists()  # a fresh directory per start, removed with its app
