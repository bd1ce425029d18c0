"""The server's hops to threads while it serves go through :class:`.ThreadLane`\\ s: pushes
(without push processes) on the push lane, at most ``push_threads`` at once; an event stream's
reads on the pull lane; metrics scrapes on a lane of one thread."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from unittest import mock

from sync_engine.server import accounts
from sync_engine.server.api.app import create_app
from sync_engine.server.api.routes import metrics as metrics_routes
from sync_engine.server.api.routes import sync as sync_routes
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.feed import stream as stream_module
from tests.server.test_events import listen
from tests.server.test_metrics import order, served
from tests.support.api import Api
from tests.support.seed import seed


class _Watch:
    """Wraps ``real``: how many of its calls ran at once at most, and on which threads."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.lock = threading.Lock()
        self.running = self.most = 0
        self.threads: set[str] = set()

    def __call__(self, *args: Any) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.threads.add(threading.current_thread().name)
        try:
            time.sleep(0.05)  # long enough for the others to pile up
            return self.real(*args)
        finally:
            with self.lock:
                self.running -= 1


def test_pushes_are_worked_on_the_push_lane_at_most_push_threads_at_once(db_url: str) -> None:
    """The limiter pushes had (anyio's threads, at most ``push_threads`` at once) is now the
    push lane's bound: the same back-pressure, on the server's one hop mechanism."""
    s = seed(db_url, stock=100)
    app = create_app(ServerSettings(db=db_url, push_processes=0, push_threads=2))
    watch = _Watch(sync_routes.answer_push)
    with served(app) as server, Api(server, "rep1") as rep, \
            mock.patch.object(sync_routes, "answer_push", watch), \
            ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: rep.push(order(s)), range(8)))
    assert [[a["status"] for a in answer] for answer in answers] == [["applied"]] * 8
    assert watch.most == 2
    assert watch.threads == {"dinghuo-push"}


def test_the_push_threads_default_to_two_per_core_and_two_more() -> None:
    cores = os.cpu_count() or 1
    assert ServerSettings().push_threads == 2 * cores + 2
    assert ServerSettings(push_threads=0).push_threads == 2 * cores + 2
    assert ServerSettings(push_threads=3).push_threads == 3


def test_metrics_scrapes_are_rendered_one_at_a_time_on_their_own_lane(db_url: str) -> None:
    """``/metrics`` is open to the network the monitoring is on: a flood of scrapes holds one
    thread, not as many of FastAPI's as it can take."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    watch = _Watch(metrics_routes.render)
    with served(app) as server, server.client() as http, \
            mock.patch.object(metrics_routes, "render", watch), \
            ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(lambda _: http.get("/metrics").status_code, range(6)))
    assert codes == [200] * 6
    assert watch.most == 1
    assert watch.threads == {"dinghuo-metrics"}


def test_an_event_streams_reads_run_on_the_pull_lane(db_url: str) -> None:
    """A stream's reads (the user's scope when it opens, and again when a commit names the
    user) are a device's short reads, as its pulls are: on the pull lane, bounded with them,
    not on anyio's threads."""
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0, pull_threads=2))
    subscribe = _Watch(stream_module._subscribe)
    refresh = _Watch(stream_module._refresh)
    with served(app) as server, Api(server, "rep1") as rep, \
            mock.patch.object(stream_module, "_subscribe", subscribe), \
            mock.patch.object(stream_module, "_refresh", refresh), listen(rep) as heard:
        # rep1's own favourite names rep1: the stream reloads rep1's customers, then says so.
        r = rep.push_one("favourite.set", {"product_id": s.products[0], "favourite": True})
        assert r["status"] == "applied"
        while not refresh.threads:
            assert heard.get(timeout=10)[0] == "changes"
    assert subscribe.threads == {"dinghuo-pull"}
    assert refresh.threads == {"dinghuo-pull"}


def test_an_event_streams_token_is_checked_on_the_pull_lane_and_a_bad_one_refused(
        db_url: str) -> None:
    """The stream's token is checked in its first read (one hop, one session), as a pull's is:
    not by a dependency on anyio's threads before it."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    authenticate = _Watch(accounts.authenticate)
    with served(app) as server, Api(server, "rep1") as rep:
        with mock.patch.object(accounts, "authenticate", authenticate), listen(rep):
            pass
        with server.client(headers={**rep.http.headers, "authorization": "Bearer nonsense"}) \
                as http:
            refused = http.get("/v1/events")
    assert authenticate.threads == {"dinghuo-pull"}
    assert refused.status_code == 401
