"""Blocking work of a request (a pull, a push, a metrics scrape: their database work) on a few
threads of its own, answered on the event loop in batches. Each kind of work the server's own
routes hand to threads has a lane (:class:`.Services`' ``pull_lane``, ``push_lane``,
``metrics_lane``), bounded on its own, so one kind never waits for another's threads.

A catalog change wakes the whole fleet, and each woken device pulls: 2,000 hops from the event
loop to a worker thread and back within a second. ``anyio.to_thread.run_sync`` made each hop
cost more than 0.1 ms of the server's CPU (a cancel scope, a capacity limiter, a queue with a
condition, one call back onto the loop per answer), a fifth of what the pull itself costs.
A :class:`ThreadLane` hands work over through one lock-free queue, and its threads give their
answers back to the loop together: while the loop is busy, the answers that finish meanwhile
wait for one call onto it, not one each (measured in-process, 2,000 pulls: 0.11-0.15 ms a hop
with anyio, 0.01-0.05 ms here).

At most ``threads`` calls run at once, in the order they came; the rest wait their turn in the
queue. A call whose caller is gone (a client that hung up) before it began is skipped; one
already running is left to finish and keeps its thread until then, so the bound holds whatever
the callers do (a push that finishes unheard has stored its answers under its keys: the
device's resend is answered from them). Each call runs in a copy of its caller's context (the
request's id reaches its log lines). Threads are started when work comes and no thread is
free, and end after ``idle_seconds`` without work, so an app that serves nothing holds none.
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")


class _Call(NamedTuple):
    context: contextvars.Context
    func: Callable[..., Any]
    args: tuple[Any, ...]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


class ThreadLane:
    """Runs blocking calls on up to ``threads`` threads of its own (see the module)."""

    def __init__(self, threads: int, *, name: str = "dinghuo-lane",
                 idle_seconds: float = 10.0) -> None:
        if threads < 1:
            raise ValueError("a lane needs at least one thread")
        self.threads = threads
        self.name = name
        self.idle_seconds = idle_seconds
        self._calls: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._lock = threading.Lock()  # the counts below and the answers waiting
        self._alive = 0  # threads started and not ended
        self._free = 0  # threads waiting for a call
        self._queued = 0  # calls no thread has taken yet
        self._answers: dict[asyncio.AbstractEventLoop,
                            list[tuple[asyncio.Future[Any], Any, BaseException | None]]] = {}

    @property
    def alive(self) -> int:
        """How many threads the lane holds now."""
        return self._alive

    def wait_idle(self, timeout: float) -> bool:
        """Wait, at most ``timeout`` seconds, until no call runs or waits; whether it came to
        that. For the server's shutdown: a call still running holds a database connection,
        which the engine's disposal would leave open, orphaned."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if self._queued == 0 and self._free == self._alive:
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` on one of the lane's threads; its result, or its exception raised.
        A caller cancelled before its call began is skipped; one cancelled while it runs
        leaves it to finish, unheard."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        with self._lock:
            self._queued += 1
            start = self._queued > self._free and self._alive < self.threads
            if start:
                self._alive += 1
                self._free += 1
        self._calls.put(_Call(contextvars.copy_context(), func, args, future, loop))
        if start:
            threading.Thread(target=self._work, name=self.name, daemon=True).start()
        return await future

    def _work(self) -> None:
        while True:
            try:
                call = self._calls.get(timeout=self.idle_seconds)
            except queue.Empty:
                with self._lock:
                    if self._queued > 0:  # one came as the wait ran out: take it
                        continue
                    self._free -= 1
                    self._alive -= 1
                    return
            with self._lock:
                self._queued -= 1
                self._free -= 1
            if not call.future.cancelled():
                self._answer(call)
            with self._lock:
                self._free += 1

    def _answer(self, call: _Call) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = call.context.run(call.func, *call.args)
        except BaseException as exc:  # handed to the caller, who raises it
            error = exc
        with self._lock:
            waiting = self._answers.setdefault(call.loop, [])
            waiting.append((call.future, result, error))
            first = len(waiting) == 1
        if first:  # the others that finish before the loop takes this batch join it
            try:
                call.loop.call_soon_threadsafe(self._deliver, call.loop)
            except RuntimeError:  # the loop is closed: nobody waits for these answers
                with self._lock:
                    self._answers.pop(call.loop, None)

    def _deliver(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            answers = self._answers.pop(loop, [])
        for future, result, error in answers:
            if future.cancelled():
                continue
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)
