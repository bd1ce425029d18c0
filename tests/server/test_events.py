"""The real-time stream: an online client hears about changes in its scope, and only those."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server


@contextmanager
def listen(api: Api) -> Iterator[queue.Queue[tuple[str, dict[str, Any]]]]:
    """Read ``/v1/events`` on a thread; yields a queue of (event, data)."""
    events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
    stop = threading.Event()
    client = api.server.client(headers=dict(api.http.headers), timeout=httpx.Timeout(5, read=30))

    def run() -> None:
        try:
            with client.stream("GET", "/v1/events") as r:
                name = ""
                for line in r.iter_lines():
                    if stop.is_set():
                        return
                    if line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        events.put((name, json.loads(line[6:])))
        except httpx.HTTPError:
            if not stop.is_set():  # closing the client under the reader ends it this way
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert events.get(timeout=10)[0] == "hello"
        yield events
    finally:
        stop.set()
        client.close()
        thread.join(timeout=5)


def test_event_stream_wakes_the_right_clients(db_url: str) -> None:
    _wakes_the_right_clients(db_url, push_processes=0)


def test_event_stream_hears_pushes_applied_in_push_processes(pg_db_url: str) -> None:
    _wakes_the_right_clients(pg_db_url, push_processes=2)


def _wakes_the_right_clients(db_url: str, push_processes: int) -> None:
    s = seed(db_url)
    with app_server(db_url, push_processes) as server, Api(server, "rep1") as rep1, \
            Api(server, "rep2") as rep2, Api(server, "admin") as admin, listen(rep1) as heard:
        # Nothing relevant: rep2's favourite is rep2's alone.
        rep2.push_one("favourite.set", {"product_id": s.products[0], "favourite": True})
        if db_url.startswith("postgresql"):
            try:
                extra = heard.get(timeout=2)
            except queue.Empty:
                extra = None
            assert extra is None, extra
        else:
            # SQLite's watcher cannot tell scopes apart: any commit wakes everyone.
            while not heard.empty():
                heard.get_nowait()
        # rep1's own customer changes: heard within a second or two.
        r = admin.push_one("order.submit", {
            "order_id": new_id(), "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}]})
        assert r["status"] == "applied"
        name, data = heard.get(timeout=10)
        assert name == "changes"
        before = rep1.cursor
        changes = rep1.pull_all()
        assert any(c["entity"] == "order" for c in changes)
        assert data["seq"] >= max(c["seq"] for c in changes) or before is None


def test_the_open_streams_gauge_counts_a_stream_until_its_client_leaves(db_url: str) -> None:
    """``dinghuo_event_streams`` is 1 while a device holds its stream and 0 once it has gone
    (the server notices the disconnect: bounded wait, no time asserted)."""
    from prometheus_client.parser import text_string_to_metric_families

    def open_streams(server: Any) -> float:
        with server.client() as http:
            text = http.get("/metrics").text
        return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
                   if s.name == "dinghuo_event_streams")

    seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep1:
        assert open_streams(server) == 0
        with listen(rep1):
            assert open_streams(server) == 1
        deadline = time.monotonic() + 30
        while open_streams(server) != 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert open_streams(server) == 0


def test_an_idle_stream_keeps_alive_and_still_hears_changes(monkeypatch: Any) -> None:
    """Past the heartbeat time an idle stream sends a comment line and goes on waiting: a change
    after it is still sent; a stream that ends leaves the hub and the count of open streams."""
    import asyncio

    from sync_engine.domain import Role
    from sync_engine.server.feed import stream as feed_stream
    from sync_engine.server.feed.notify import Announcement, Hub, Subscriber

    monkeypatch.setattr(feed_stream, "HEARTBEAT_SECONDS", 0.05)

    class Tally:
        n = 0

        def inc(self) -> None:
            self.n += 1

        def dec(self) -> None:
            self.n -= 1

    async def run() -> list[str]:
        hub = Hub()
        tally = Tally()
        sub = Subscriber(1, Role.SALES_REP, None, {7}, asyncio.get_running_loop(), latest=3)
        hub.subscribe(sub)
        texts = feed_stream._stream(None, hub, sub, 3, None, None,  # type: ignore[arg-type]
                                    tally)
        out = [await anext(texts), await anext(texts), await anext(texts)]
        assert tally.n == 1
        hub.publish(Announcement(4, customers=frozenset({7})))
        out.append(await asyncio.wait_for(anext(texts), 5))
        await texts.aclose()
        assert hub.count == 0
        assert tally.n == 0
        return out

    assert asyncio.run(run()) == ['event: hello\ndata: {"seq": 3}\n\n', ": keep-alive\n\n",
                                  ": keep-alive\n\n", 'event: changes\ndata: {"seq": 4}\n\n']


def test_a_stream_whose_response_never_started_leaves_the_hub(monkeypatch: Any) -> None:
    """The stream subscribes before its response starts (no change is missed between its
    hello's number and the subscription); a response that never starts (the client left, the
    first send failed) never runs the stream's own ``finally``: it leaves the hub when it is
    dropped, or the hub would wake it at every change for the life of the server."""
    import asyncio
    import gc

    from sync_engine.domain import Role
    from sync_engine.server.feed import stream as feed_stream
    from sync_engine.server.feed.notify import Hub, Subscriber

    class Tally:
        def inc(self) -> None: ...

        def dec(self) -> None: ...

    async def hop(func: Any, *args: Any) -> Any:
        return func(*args)

    async def run() -> int:
        hub = Hub()
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(feed_stream, "_subscribe", lambda *_: (
            Subscriber(1, Role.SALES_REP, None, {7}, loop, latest=3), 3, None))
        texts = await feed_stream.open_stream(None, hub, None, hop,  # type: ignore[arg-type]
                                              Tally())
        assert hub.count == 1
        del texts  # never iterated
        gc.collect()
        return hub.count

    assert asyncio.run(run()) == 0


def test_a_change_committed_in_the_server_process_is_heard_before_the_next_poll(
        tmp_path: Any) -> None:
    """SQLite: the counter watcher looks as soon as this process commits a change, not at its
    next poll (here an hour away); what it announces is still read from the change log."""
    import asyncio
    import contextlib

    from sync_engine.domain import Role
    from sync_engine.server.feed.notify import Hub, Listener, Subscriber
    from sync_engine.server.ops.integration.upserts import apply_upserts
    from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate

    url = f"sqlite:///{tmp_path}/poke.db"
    migrate(url)
    seed(url)
    engine = make_engine(url)
    hub = Hub()
    loop = asyncio.new_event_loop()
    sub = Subscriber(1, Role.SALES_REP, None, set(), loop)
    hub.subscribe(sub)
    listener = Listener(engine, hub, poll=3600)
    listener.start()
    try:
        # The watcher's first read is its starting point: a commit before it is not news. So
        # another change, while the first ones raced that read (each one pokes the watcher;
        # nothing else could wake it within the hour).
        for version in range(1, 31):
            with make_session_factory(engine)() as session:
                assert apply_upserts(session, "products", [
                    {"sku": "POKE-1", "name_zh": f"货{version}", "unit": "瓶",
                     "tax_rate": "0.13", "base_price": "1.00", "version": version}]).applied
            with contextlib.suppress(TimeoutError):
                loop.run_until_complete(asyncio.wait_for(sub.wake.wait(), 1))
            if sub.wake.is_set():
                break
        assert sub.wake.is_set() and sub.latest > 0
    finally:
        listener.stop()
        loop.close()
        engine.dispose()
    assert not listener._thread.is_alive()  # stopping woke the watcher, an hour from its poll
