"""The fleet helper the kill and failover tests rely on (:mod:`tests.client.fleet`): once
``drain`` returns, every order a device made has been sent and no more are made, so what the
test then compares is the server's state with nothing in flight.

The devices here stand on an engine of the test's own (an outbox and a list of what was sent),
so the moment that matters can be forced: the order a device is making when ``drain`` begins."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sync_engine.client import errors
from tests.client.fleet import Device, drain, wait_for


@dataclass
class _Status:
    pending: int


class _Backoff:
    def due(self) -> bool:
        return True

    def remaining(self) -> float:
        return 0.0


@dataclass
class _Draft:
    id: str


@dataclass
class _Report:
    applied: int
    resync: bool = False


class _Engine:
    """What a :class:`.Device` asks of an engine. Every draft after the first waits, once the
    device is told to stop ordering, until someone has looked at the outbox (``status``), as
    ``drain`` does: the look that may come between a draft and its submit."""

    LOOK_WAIT = 0.3
    """How long a draft waits for that look (it never comes if ``drain`` waits for the draft)."""

    def __init__(self) -> None:
        self.device: Device | None = None
        self.outbox: list[str] = []
        self.sent: list[str] = []
        self.backoff = _Backoff()
        self.drafting = threading.Event()  # a second draft has begun
        self.looked = threading.Event()  # the outbox was looked at after ordering stopped
        self._drafts = 0

    def create_draft(self, customer_id: int, lines: dict[int, int]) -> _Draft:
        self._drafts += 1
        if self._drafts > 1:
            assert self.device is not None
            self.drafting.set()
            while self.device.ordering.is_set():
                time.sleep(0.005)
            self.looked.wait(self.LOOK_WAIT)
        return _Draft(f"order-{self._drafts}")

    def submit(self, order_id: str) -> None:
        self.outbox.append(order_id)

    def sync_once(self, cancel: threading.Event | None = None) -> _Report:
        if cancel is not None and cancel.is_set():
            raise errors.SyncCancelled("sync cancelled")
        sending, self.outbox = self.outbox, []
        self.sent += sending
        return _Report(applied=len(sending))

    def status(self) -> _Status:
        pending = len(self.outbox)
        assert self.device is not None
        if not self.device.ordering.is_set():
            self.looked.set()
        return _Status(pending)

    def watch_changes(self, stop: threading.Event, on_changes: Any, **_kw: Any) -> None:
        stop.wait()


def test_drain_returns_once_the_order_being_made_is_sent() -> None:
    engine = _Engine()
    device = Device(engine, "rep1", customer_id=1, product_id=1)  # type: ignore[arg-type]
    engine.device = device
    device.start()
    try:
        wait_for("the first order to be sent", lambda: engine.sent == ["order-1"], timeout=10)
        assert engine.drafting.wait(10)  # the device is making its second order
        drain([device], timeout=10)
        sent_when_drained = list(engine.sent)
    finally:
        device.join()
    assert device.log.submitted == ["order-1", "order-2"]
    assert sent_when_drained == device.log.submitted  # nothing left behind the drain
