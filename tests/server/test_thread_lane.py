"""A thread lane (:class:`.ThreadLane`): calls answered with their result or their exception,
at most so many at once, in their caller's context; answers that finish while the event loop
is busy reach it in one call, not one each; a caller gone before its call began is skipped;
idle threads end."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from typing import Any
from unittest import mock

import pytest

from sync_engine.server.api.thread_lane import ThreadLane

WHO: contextvars.ContextVar[str] = contextvars.ContextVar("who", default="nobody")


def test_calls_are_answered_with_their_result_or_their_exception() -> None:
    lane = ThreadLane(3)

    def work(n: int) -> int:
        if n == 5:
            raise ValueError("five")
        return n * n

    async def main() -> list[Any]:
        return await asyncio.gather(*(lane.run(work, n) for n in range(10)),
                                    return_exceptions=True)

    answers = asyncio.run(main())
    assert answers[:5] + answers[6:] == [n * n for n in range(10) if n != 5]
    assert isinstance(answers[5], ValueError) and str(answers[5]) == "five"


def test_at_most_its_threads_work_at_once_and_each_call_sees_its_callers_context() -> None:
    lane = ThreadLane(2)
    lock = threading.Lock()
    running = most = 0

    def work() -> str:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return WHO.get()

    async def one(n: int) -> str:
        WHO.set(f"caller {n}")
        return await lane.run(work)

    async def main() -> list[str]:
        return await asyncio.gather(*(one(n) for n in range(8)))

    assert asyncio.run(main()) == [f"caller {n}" for n in range(8)]
    assert most == 2
    assert lane.alive <= 2


def test_answers_that_finish_while_the_loop_is_busy_reach_it_in_one_call() -> None:
    """A fleet's pulls finish while the loop is writing to its streams: one wake-up of the
    loop for all of them (anyio's threads woke it once per answer)."""
    lane = ThreadLane(4)
    done = threading.Event()
    count = 0

    def work(n: int) -> int:
        nonlocal count
        with lock:
            count += 1
            if count == 40:
                done.set()
        return n

    lock = threading.Lock()

    async def main() -> list[int]:
        loop = asyncio.get_running_loop()
        real = loop.call_soon_threadsafe
        with mock.patch.object(loop, "call_soon_threadsafe", side_effect=real) as hops:
            calls = [asyncio.ensure_future(lane.run(work, n)) for n in range(40)]
            await asyncio.sleep(0)  # the calls are queued: now keep the loop busy
            assert done.wait(10)
            answers = await asyncio.gather(*calls)
        assert hops.call_count == 1
        return answers

    assert asyncio.run(main()) == list(range(40))


def test_a_call_whose_caller_is_gone_before_it_begins_is_skipped() -> None:
    lane = ThreadLane(1)
    release = threading.Event()
    ran: list[str] = []

    def block() -> None:
        release.wait(10)
        ran.append("block")

    def later() -> None:
        ran.append("later")

    async def main() -> None:
        first = asyncio.ensure_future(lane.run(block))
        gone = asyncio.ensure_future(lane.run(later))
        await asyncio.sleep(0.05)
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone
        release.set()
        await first
        await lane.run(ran.append, "after")

    asyncio.run(main())
    assert ran == ["block", "after"]


def test_idle_threads_end_and_new_work_starts_them_again() -> None:
    lane = ThreadLane(3, idle_seconds=0.05)

    async def main() -> None:
        assert await asyncio.gather(*(lane.run(time.sleep, 0.01) for _ in range(6))) == [None] * 6

    asyncio.run(main())
    assert lane.alive <= 3
    deadline = time.monotonic() + 10
    while lane.alive and time.monotonic() < deadline:
        time.sleep(0.01)
    assert lane.alive == 0
    assert asyncio.run(_one(lane)) == 42
    assert lane.alive == 1


async def _one(lane: ThreadLane) -> int:
    return await lane.run(int, "42")


def test_a_lane_is_waited_for_until_idle_before_the_server_closes_its_connections() -> None:
    """``wait_idle``: true once the calls running and waiting have ended; false when one
    outlasts the time given (the server's shutdown waits so, then closes its connections)."""
    import asyncio
    import threading

    from sync_engine.server.api.thread_lane import ThreadLane

    lane = ThreadLane(1, name="idle-test")
    release = threading.Event()

    async def main() -> None:
        running = asyncio.ensure_future(lane.run(release.wait, 10))
        await asyncio.sleep(0.05)
        assert not await asyncio.to_thread(lane.wait_idle, 0.1)
        release.set()
        assert await asyncio.to_thread(lane.wait_idle, 5)
        assert await running

    asyncio.run(main())
    assert lane.wait_idle(0)
