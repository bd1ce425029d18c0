"""Real time on the client: the change stream wakes an online device, which then pulls."""

from __future__ import annotations

import queue
import threading

from tests.client.conftest import Env


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
