"""A server process's heap: its garbage collector (:func:`.app.settle_heap`): what the process
holds at start is out of its sight, and the requests in flight when a catalog change wakes the
fleet do not set off a collection every 700 objects; and glibc's arenas
(:func:`.app.limit_malloc_arenas`)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from sync_engine.server.api.app import MALLOC_ARENAS, settle_heap


@pytest.fixture
def settled() -> Iterator[None]:
    threshold = gc.get_threshold()
    settle_heap()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_thousands_of_requests_in_flight_set_off_no_collection(settled: None) -> None:
    collections = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        # 2,000 requests' worth of live objects (each a handful of dicts and lists), the
        # garbage of their work freed by reference counting as it goes.
        in_flight = [[{"request": n}, [n], {"scope": [n]}] for n in range(2_000)]
        for n in range(10_000):
            _ = {"page": [n]}
    finally:
        gc.callbacks.remove(seen)
    assert len(in_flight) == 2_000
    assert collections == []  # Python's default (700) collected about twenty times here


def test_what_the_process_holds_at_start_is_frozen(settled: None) -> None:
    assert gc.get_freeze_count() > 0


# Six threads allocate at once, then glibc reports its arenas (malloc_stats, on stderr).
ARENAS = (
    "import ctypes, sys, threading\n"
    "from sync_engine.server.api.app import limit_malloc_arenas\n"
    "if sys.argv[1] == 'limited':\n"
    "    limit_malloc_arenas()\n"
    "start = threading.Barrier(6)\n"
    "def work():\n"
    "    start.wait()\n"
    "    kept = [bytearray(100_000) for _ in range(50)]\n"
    "    start.wait()\n"
    "threads = [threading.Thread(target=work) for _ in range(6)]\n"
    "for t in threads: t.start()\n"
    "for t in threads: t.join()\n"
    "ctypes.CDLL(None).malloc_stats()\n"
)


def _arenas(how: str) -> int:
    done = subprocess.run([sys.executable, "-c", ARENAS, how], capture_output=True, text=True,
                          timeout=60, check=True, env={k: v for k, v in os.environ.items()
                                                       if k != "MALLOC_ARENA_MAX"})
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


def test_a_server_process_allocates_in_at_most_two_arenas() -> None:
    """The pull and push lanes' threads share glibc's arenas (:func:`.limit_malloc_arenas`)
    instead of keeping one each."""
    assert _arenas("default") > MALLOC_ARENAS
    assert _arenas("limited") == MALLOC_ARENAS
