"""A resync started while another pull is half-way must not lose rows: the stale pull notices
the moved cursor and stops instead of writing its pages into the resync's staging area."""

from __future__ import annotations

import threading

import httpx

from sync_engine.client.engine import Engine
from tests.client.conftest import Env


class GatedTransport(httpx.BaseTransport):
    """The environment's network, except that the ``block_at``-th pull (and later ones) wait
    for ``gate``; ``reached`` is set when the first of them is waiting."""

    def __init__(self, inner: httpx.BaseTransport | None, block_at: int) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.block_at = block_at
        self.pulls = 0
        self.reached = threading.Event()
        self.gate = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/pull":
            self.pulls += 1
            if self.pulls >= self.block_at:
                self.reached.set()
                assert self.gate.wait(30)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def count(engine: Engine, table: str) -> int:
    with engine.store.read() as db:
        return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_resync_by_another_instance_during_a_pull_loses_nothing(env: Env) -> None:
    # Instance A has written two pages of its initial sync; its third request is held.
    a_net = GatedTransport(env.transport(), block_at=3)
    a = env.device(name="shared", transport=a_net, page_limit=5)
    a.login("rep1", "demo")
    a_pull = threading.Thread(target=a.sync_once)
    a_pull.start()
    # Instance B, on the same local database, starts a resync; it stages one page, then waits.
    b_net = GatedTransport(env.transport(), block_at=2)
    b = env.device(name="shared", transport=b_net, page_limit=5)
    b_pull = threading.Thread(target=b.resync)
    try:
        assert a_net.reached.wait(30)
        b_pull.start()
        assert b_net.reached.wait(30)
        a_net.gate.set()  # A's stale pull goes on first...
        a_pull.join(30)
        b_net.gate.set()  # ...then B finishes its resync
        b_pull.join(30)
    finally:
        a_net.gate.set()
        b_net.gate.set()
    assert count(a, "products") == len(env.seed.products)
    assert count(a, "stock") == 2 * len(env.seed.products)
    assert count(a, "customers") == 2
    a.sync_once()
    assert count(a, "products") == len(env.seed.products)


def test_resync_pressed_during_this_instances_pull_loses_nothing(env: Env) -> None:
    net = GatedTransport(env.transport(), block_at=3)
    device = env.device(transport=net, page_limit=5)
    device.login("rep1", "demo")
    pull = threading.Thread(target=device.sync_once)
    pull.start()
    resync = threading.Thread(target=device.resync)
    try:
        assert net.reached.wait(30)  # two pages written, the third on its way
        resync.start()
        # Give the resync the chance to reset the cursor under the running pull (what the bug
        # needed); with the fix it waits for the pull to finish instead.
        resync.join(0.5)
        net.gate.set()
        pull.join(30)
        resync.join(30)
    finally:
        net.gate.set()
    assert count(device, "products") == len(env.seed.products)
    assert count(device, "stock") == 2 * len(env.seed.products)
    assert count(device, "customers") == 2
