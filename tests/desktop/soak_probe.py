"""The app for a long time, in a process of its own (run by ``test_soak.py``): signs in, syncs,
makes and settles conflicts and refreshes its screens, cycle after cycle, offscreen.

Usage: ``python -m tests.desktop.soak_probe SERVER_URL DATA_DIR CYCLES``. Prints one JSON line
per sample (cycle, RSS in KB, the orders on the device, the reference counts of True, False
and None), taken after a full garbage collection; exits 0 if every cycle ran.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DINGHUO_KEYRING"] = "memory"  # tokens in memory, the database key in its file

import keyring
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.app import parse_args
from desktop.application import DinghuoApp
from desktop.i18n import install_language
from desktop.settings import Settings
from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _wait(qt: QApplication, done: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"soak: {what} did not finish")
        qt.processEvents()
        time.sleep(0.002)
    qt.processEvents()


def main(url: str, data_dir: str, cycles: int) -> int:
    qt = QApplication(sys.argv[:1])
    keyring.set_keyring(MemoryKeyring())
    install_language("en")
    folder = Path(data_dir)
    args = parse_args(["--data-dir", str(folder / "client"), "--lang", "en", "--server", url])
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    app = DinghuoApp(args, settings, Engine(folder / "client", url))
    engine = app.engine
    app.open_main(engine.login("rep1", "demo"))
    sync, window = app.sync, app.window
    assert sync is not None and window is not None

    def run_task(fn: Callable[[], Any]) -> None:
        box: list[object] = []
        app.tasks.run("sync", fn, box.append, box.append)
        _wait(qt, lambda: bool(box), "a task")
        if isinstance(box[0], BaseException):
            raise box[0]

    def sync_once() -> None:  # as "Sync now" does; the app's own timer and stream go on too
        sync.sync_now()  # if the timer's or the stream's sync runs, one more follows it
        _wait(qt, lambda: sync.settled, "a sync")

    sync_once()
    customer = engine.customers()[0].id
    with engine.store.read() as db:
        products = [r[0] for r in db.execute(
            "SELECT id FROM products WHERE active = 1 AND pack_size = 1 AND min_qty = 1 LIMIT 2")]
    pages = list(window.workspace.pages)
    for cycle in range(1, cycles + 1):
        run_task(lambda: engine.login("rep1", "demo", "soak"))  # sign-in, through the signals
        sync_once()
        if cycle % 10 == 0:  # a conflict: an edit the server refuses (it confirmed the order)
            draft = engine.create_draft(customer, {products[0]: 1})
            engine.submit(draft.id)
            engine.update_order(draft.id, lines={products[1]: 2})
            sync_once()
            conflicts = engine.conflicts()
            if not conflicts:
                raise RuntimeError("soak: the edit made no conflict")
            for conflict in conflicts:
                engine.take_theirs(conflict.id)
            sync_once()
        window.show_page(pages[cycle % len(pages)])  # a screen refresh
        sync.refresh_status()
        qt.processEvents()
        if cycle % max(1, cycles // 20) == 0 or cycle == cycles:
            with engine.store.read() as db:
                orders = int(db.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
            # The app's timer and stream go on syncing on other threads: a reading taken while
            # one is in flight counts its frames' references too (a CI run read 300 more None
            # references so, once). The least of three readings, each once the sync settled,
            # leaves those out; a leak stays in all three.
            counts = []
            for _ in range(3):
                _wait(qt, lambda: sync.settled, "a sync")
                gc.collect()
                counts.append((sys.getrefcount(True), sys.getrefcount(False),
                               sys.getrefcount(None)))
                time.sleep(0.05)
                qt.processEvents()
            true, false, none = (min(c[i] for c in counts) for i in range(3))
            print(json.dumps({"cycle": cycle, "rss_kb": _rss_kb(), "orders": orders,
                              "true": true, "false": false, "none": none}), flush=True)
    window.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
