"""The replica's upkeep runs after a sync, as its own task on the sync lane: never on the UI
thread, never inside the round the user waits for."""

from __future__ import annotations

import threading
from typing import Any

from desktop.application import DinghuoApp
from sync_engine.client import backups


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
