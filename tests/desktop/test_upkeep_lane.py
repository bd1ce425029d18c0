"""The replica's upkeep runs after a sync, as its own task on the sync lane: never on the UI
thread, never inside the round the user waits for."""

from __future__ import annotations

import threading
import time
from typing import Any

from desktop.application import DinghuoApp
from sync_engine.client import backups, search


def test_upkeep_follows_a_sync_off_the_ui_thread(qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    assert app.sync is not None
    engine = app.engine
    ran: list[bool] = []
    maintain = engine.maintain

    def recorded(**kwargs: Any) -> None:
        ran.append(threading.current_thread() is threading.main_thread())
        maintain(**kwargs)

    engine.maintain = recorded  # type: ignore[method-assign]
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    qtbot.waitUntil(lambda: bool(ran), timeout=15000)
    assert not any(ran)  # each time on a worker thread
    qtbot.waitUntil(lambda: bool(backups.list_backups(engine.store.data_dir)), timeout=15000)


def _upkeep_merging(qtbot: Any, app: DinghuoApp, monkeypatch: Any) -> list[float]:
    """A sync, and the upkeep after it merging the search index as after a first sync of a
    very large catalog: step after step (each a short transaction, as the real ones), never
    done. Returns the steps' times, growing."""
    steps: list[float] = []

    def merge_due(_db: Any) -> bool:
        return True

    def merge_index(_db: Any, _pages: int = 0) -> bool:
        steps.append(time.monotonic())
        time.sleep(0.02)
        return True

    monkeypatch.setattr(search, "merge_due", merge_due)
    monkeypatch.setattr(search, "merge_index", merge_index)
    assert app.sync is not None
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    qtbot.waitUntil(lambda: len(steps) >= 3, timeout=15000)  # the upkeep is merging
    return steps


def test_a_sync_asked_for_during_the_upkeep_goes_first(
        qtbot: Any, signed_in: DinghuoApp, monkeypatch: Any) -> None:
    # After a first sync of a million products the upkeep (the merge, the backup) took half a
    # minute on the sync lane, and a sync asked for meanwhile (an order just saved) waited
    # behind it. The upkeep now gives way between its steps.
    app = signed_in
    steps = _upkeep_merging(qtbot, app, monkeypatch)
    assert app.sync is not None
    with qtbot.waitSignal(app.sync.synced, timeout=5000):
        app.sync.sync_now()
    # And after that sync, the upkeep carries on where it stopped.
    carried_on = len(steps)
    qtbot.waitUntil(lambda: len(steps) > carried_on + 2, timeout=5000)


def test_quitting_during_the_upkeep_does_not_wait_for_it(
        qtbot: Any, signed_in: DinghuoApp, monkeypatch: Any) -> None:
    app = signed_in
    _upkeep_merging(qtbot, app, monkeypatch)
    started = time.monotonic()
    app.shutdown()  # waits for the lanes (up to 10 s), then closes the replica
    assert time.monotonic() - started < 5
    assert app.tasks.wait_all(0)  # the upkeep had ended before the replica was closed
