"""A server process's garbage collector (:func:`.app.settle_heap`): what the process holds at
start is out of its sight, and the requests in flight when a catalog change wakes the fleet
do not set off a collection every 700 objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sync_engine.server.api.app import settle_heap


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
