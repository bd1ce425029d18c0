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

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["Lane", "TaskRunner"]

log = logging.getLogger(__name__)

Lane = str  # "read", "write" or "sync"


class _Relay(QObject):
    """Carries the outcomes of tasks, each under its ticket, from the worker threads to the
    main thread: one relay for the runner's life.

    It is created on the main thread and the runner's slots receive its signals, so Qt queues
    them to the main thread. One relay, not one per task: PySide6 (6.11) keeps a reference to
    ``None`` for good each time a QObject with connected signals is destroyed, so a relay per
    task made ``None``'s reference count climb with every sync for as long as the app ran.
    """

    finished = Signal(object, object)  # ticket, result
    errored = Signal(object, object)  # ticket, exception


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], ticket: int, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._ticket = ticket
        self._relay = relay  # held here too, so it outlives a runner torn down mid-task

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the main thread
            self._relay.errored.emit(self._ticket, exc)
        else:
            self._relay.finished.emit(self._ticket, result)


_Callbacks = tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]


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
        self._tickets = itertools.count(1)
        self._waiting: dict[int, _Callbacks] = {}  # ticket -> (done, failed), in flight
        self._relay = _Relay()  # made here, so it lives in the main thread
        self._relay.finished.connect(self._finished)
        self._relay.errored.connect(self._errored)

    @property
    def in_flight(self) -> int:
        """How many tasks have not reported back yet."""
        return len(self._waiting)

    def run(
        self,
        lane: Lane,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn()`` on ``lane``; then ``done(result)`` or ``failed(exc)`` on the main thread."""
        ticket = next(self._tickets)
        self._waiting[ticket] = (done, failed)
        self._pools[lane].start(_Task(fn, ticket, self._relay))
        self.busy_changed.emit(len(self._waiting))

    @Slot(object, object)
    def _finished(self, ticket: int, result: object) -> None:
        done, _failed = self._forget(ticket)
        if done is not None:
            done(result)

    @Slot(object, object)
    def _errored(self, ticket: int, exc: object) -> None:
        _done, failed = self._forget(ticket)
        assert isinstance(exc, BaseException)
        if not isinstance(exc, Exception):
            log.error("background task ended by %r", exc)
        if failed is not None:
            failed(exc)
        else:
            self.unhandled.emit(exc)

    def _forget(self, ticket: int) -> _Callbacks:
        callbacks = self._waiting.pop(ticket)
        self.busy_changed.emit(len(self._waiting))
        return callbacks

    @Slot()
    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until every lane is idle (at shutdown only, never while the UI runs)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())
