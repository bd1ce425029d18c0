"""Devices at work while the server side is broken on purpose: each one orders, syncs as the
app's sync loop does (backing off after failures), listens to the change stream, and keeps a
log of what it submitted, when its syncs worked and what its status line showed meanwhile."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sync_engine.client import errors
from sync_engine.client.engine import Engine


@dataclass
class Shown:
    """The status line of a device at a moment its sync failed."""

    at: float
    error: str
    online: bool | None
    pending: int
    last_error: str | None


@dataclass
class Synced:
    at: float
    applied: int
    resync: bool
    report: Any


@dataclass
class DeviceLog:
    submitted: list[str] = field(default_factory=list)
    synced: list[Synced] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)
    streams: int = 0  # times the change stream was (re)established

    def applied_after(self, t: float) -> list[Synced]:
        return [s for s in self.synced if s.at > t and s.applied]


class Device:
    """One signed-in engine, ordering for ``customer_id`` and syncing on a thread of its own."""

    def __init__(self, engine: Engine, username: str, customer_id: int, product_id: int) -> None:
        self.engine = engine
        self.username = username
        self.customer_id = customer_id
        self.product_id = product_id
        self.log = DeviceLog()
        self.ordering = threading.Event()
        self._making = threading.Lock()  # held from "ordering?" until the order is queued
        self.stop = threading.Event()
        self._threads = [threading.Thread(target=self._work, name=f"device-{username}"),
                         threading.Thread(target=self._watch, name=f"stream-{username}")]

    def start(self) -> None:
        self.ordering.set()
        for thread in self._threads:
            thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(90)
            assert not thread.is_alive(), thread.name

    def stop_ordering(self) -> None:
        """Make no more orders. Returns once an order begun before is in the outbox: an order
        is made in steps (a draft, then its submit), and a device looked at between them shows
        nothing to send while it is about to queue one more."""
        self.ordering.clear()
        with self._making:
            pass

    def order_now(self) -> str:
        draft = self.engine.create_draft(self.customer_id, {self.product_id: 1})
        self.engine.submit(draft.id)
        self.log.submitted.append(draft.id)
        return draft.id

    def _work(self) -> None:
        while not self.stop.is_set():
            with self._making:
                if self.ordering.is_set():
                    self.order_now()
            if self.engine.backoff.due():
                try:
                    report = self.engine.sync_once(self.stop)
                except errors.SyncCancelled:
                    return
                except errors.SyncError as exc:
                    status = self.engine.status()
                    self.log.shown.append(Shown(time.monotonic(), type(exc).__name__,
                                                status.online, status.pending,
                                                status.last_error))
                else:
                    self.log.synced.append(Synced(time.monotonic(), report.applied,
                                                  report.resync, report))
            self.stop.wait(max(0.05, min(self.engine.backoff.remaining(), 5.0)))

    def _watch(self) -> None:
        def connected() -> None:
            self.log.streams += 1

        self.engine.watch_changes(self.stop, lambda _seq: None, on_connected=connected,
                                  retry_max=2.0)


def wait_for(what: str, done: Any, timeout: float = 120.0) -> None:
    """Wait until ``done()`` is true; fail the test with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def drain(devices: list[Device], timeout: float = 120.0) -> None:
    """Stop ordering, then sync every device until nothing of it is left to send: once this
    returns, no device sends anything more (their sync loops only pull)."""
    for device in devices:
        device.stop_ordering()
    for device in devices:
        wait_for(f"{device.username} to send everything",
                 lambda d=device: d.engine.status().pending == 0 and d.log.synced
                 and d.log.synced[-1].at > time.monotonic() - 1, timeout)
