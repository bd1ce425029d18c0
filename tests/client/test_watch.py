"""Real time on the client: the change stream wakes an online device, which then pulls."""

from __future__ import annotations

import queue
import threading

import pytest

from sync_engine.client.engine import Engine
from tests.client.conftest import Env
from tests.client.net import FlakyTransport


def test_change_stream_wakes_the_device_and_a_pull_brings_the_order(env_any: Env) -> None:
    rep = env_any.device("rep1")
    office = env_any.device("admin")
    heard: queue.Queue[int] = queue.Queue()
    connected = threading.Event()
    stop = threading.Event()
    watcher = threading.Thread(target=rep.watch_changes, args=(stop, heard.put),
                               kwargs={"on_connected": connected.set}, daemon=True)
    watcher.start()
    try:
        assert connected.wait(15)
        # The back office orders for one of rep1's customers (e.g. by phone).
        customer = env_any.seed.customers["A"]
        draft = office.create_draft(customer, {env_any.seed.products[1]: 2})
        office.submit(draft.id)
        office.sync_once()
        seq = heard.get(timeout=15)
        assert seq > 0
        rep.sync_once()
        assert draft.id in {o.id for o in rep.orders(customer_id=customer)}
    finally:
        stop.set()
        watcher.join(timeout=70)
    assert not watcher.is_alive()


def test_watch_gives_up_quietly_without_a_session(env: Env) -> None:
    device = env.device()  # never signed in
    stop = threading.Event()
    device.watch_changes(stop, lambda _seq: None)  # returns at once: nothing to watch


@pytest.mark.live  # the server goes away under an open stream: a real socket
def test_losing_the_stream_says_offline_at_once(env: Env) -> None:
    """The server goes away while the stream is open: the device knows it is offline without
    waiting for its next sync, and says so again once it cannot reopen the stream."""
    from tests.support.live import live_server

    with live_server(env.db_url) as url:
        rep = Engine(env.tmp_path / "lost-stream-2", url)
        env.engines.append(rep)
        rep.login("rep1", "demo")
        rep.sync_once()
        assert rep.status().online is True
        connected, lost, stop = threading.Event(), threading.Event(), threading.Event()
        watcher = threading.Thread(target=rep.watch_changes, args=(stop, lambda _seq: None),
                                   kwargs={"on_connected": connected.set,
                                           "on_lost": lost.set}, daemon=True)
        watcher.start()
        assert connected.wait(15)
        assert not lost.is_set()
    try:
        assert lost.wait(15)  # the server stopped: the open stream broke
        status = rep.status()
        assert status.online is False and status.last_error_code == "network"
    finally:
        stop.set()
        watcher.join(timeout=70)
    assert not watcher.is_alive()


def test_a_stream_that_cannot_be_opened_says_offline(env: Env) -> None:
    net = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=net)
    assert rep.status().online is True
    net.offline = True
    lost, stop = threading.Event(), threading.Event()

    def lost_once() -> None:
        lost.set()
        stop.set()

    rep.watch_changes(stop, lambda _seq: None, on_lost=lost_once)
    assert lost.is_set()
    assert rep.status().online is False
