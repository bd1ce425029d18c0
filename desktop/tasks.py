"""Background work: the one way the desktop app runs anything that may take time.

Three lanes, each a ``QThreadPool``: ``read`` (local queries such as the catalog search; several
threads, readers never wait in WAL mode), ``write`` (local changes; one thread, so they apply in
the order the user made them and never wait on each other) and ``sync`` (the network; one
thread). A task's ``done``/``failed`` callbacks always run on the main thread, because the
signals that carry them live on an object owned by the main thread and cross threads queued.
Exceptions are never lost: they travel to ``failed`` (or, if none was given, to the app's error
handler) with their traceback logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["Lane", "TaskRunner"]

log = logging.getLogger(__name__)

Lane = str  # "read", "write" or "sync"


class _Relay(QObject):
    """Carries one task's outcome from the worker thread to the main thread.

    The relay is created on the main thread and its own slots receive the signals, so Qt
    queues them to the main thread (a plain Python callable would give no thread affinity).
    """

    finished = Signal(object)
    errored = Signal(object)

    def __init__(self, on_done: Callable[[object], None],
                 on_error: Callable[[object], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.finished.connect(self._finished)
        self.errored.connect(self._errored)

    @Slot(object)
    def _finished(self, result: object) -> None:
        self._on_done(result)

    @Slot(object)
    def _errored(self, exc: object) -> None:
        self._on_error(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the main thread
            self._relay.errored.emit(exc)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    """Runs callables in the background; reports back on the main thread.

    ``unhandled`` is emitted with an exception that had no ``failed`` callback, so the app can
    show it (the main window connects it to its error presenter).
    """

    unhandled = Signal(object)
    busy_changed = Signal(int)  # number of tasks in flight

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane, threads in (("read", 2), ("write", 1), ("sync", 1)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            pool.setExpiryTimeout(-1)  # keep threads: their DB connections stay warm
            self._pools[lane] = pool
        self._relays: set[_Relay] = set()

    @property
    def in_flight(self) -> int:
        """How many tasks have not reported back yet."""
        return len(self._relays)

    def run(
        self,
        lane: Lane,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn()`` on ``lane``; then ``done(result)`` or ``failed(exc)`` on the main thread."""
        relay: _Relay

        def finish(result: object) -> None:
            self._forget(relay)
            if done is not None:
                done(result)

        def fail(exc: object) -> None:
            self._forget(relay)
            assert isinstance(exc, BaseException)
            if not isinstance(exc, Exception):
                log.error("background task ended by %r", exc)
            if failed is not None:
                failed(exc)
            else:
                self.unhandled.emit(exc)

        relay = _Relay(finish, fail)  # created here, so it lives in the main thread
        self._relays.add(relay)
        self._pools[lane].start(_Task(fn, relay))
        self.busy_changed.emit(len(self._relays))

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        self.busy_changed.emit(len(self._relays))

    @Slot()
    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until every lane is idle (at shutdown only, never while the UI runs)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())
