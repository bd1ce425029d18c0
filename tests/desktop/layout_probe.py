"""Run in a process of its own (``python -m tests.desktop.layout_probe DATA_DIR``) on a screen
set by the environment (``QT_QPA_PLATFORM=offscreen:configfile=…``, ``QT_SCALE_FACTOR``):
opens the main window of the user whose replica is in DATA_DIR, offline, shows each page
(with an order chosen on the orders page) and prints, as JSON, what the layout tests assert.

A process of its own because the screen and the scale are fixed when Qt starts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def probe(data_dir: Path) -> dict[str, Any]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QTableView

    app = QApplication([])
    app.setStyle("Fusion")
    from desktop.context import AppContext
    from desktop.i18n import install_language
    from desktop.main_window import MainWindow
    from desktop.resources import style_sheet
    from desktop.settings import Settings
    from desktop.sync_controller import SyncController
    from desktop.tasks import TaskRunner
    from desktop.views.shared.orders import OrdersPage
    from sync_engine.client.engine import Engine

    app.setStyleSheet(style_sheet())
    install_language(os.environ.get("PROBE_LANG", "en"))
    engine = Engine(data_dir, None)  # offline: the replica as it is
    tasks = TaskRunner()
    ini = Path(tempfile.mkdtemp()) / "settings.ini"
    ctx = AppContext(engine, tasks, Settings(QSettings(str(ini), QSettings.Format.IniFormat)))
    sync = SyncController(ctx)
    sync.refresh_status()
    assert engine.identity is not None
    window = MainWindow(ctx, sync, engine.identity)
    window.show()

    def settle() -> None:
        for _ in range(20):
            app.processEvents()
            tasks.wait_all(2000)
        app.processEvents()

    settle()
    screen = app.primaryScreen().availableGeometry()
    result: dict[str, Any] = {"screen": [screen.width(), screen.height()],
                              "window": [window.width(), window.height()], "pages": {}}
    for name, page in window.workspace.pages.items():
        window.workspace.show_page(name)
        settle()
        if isinstance(page, OrdersPage) and page.model.rowCount():
            page.table.selectRow(0)
            settle()
        scroll = page
        while not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        frame = window.frameGeometry()
        result["pages"][name] = {
            "fits": screen.contains(frame),
            "cut": [b.text() for b in window.findChildren(QAbstractButton)
                    if b.isVisible() and b.text() and b.width() < b.sizeHint().width()],
            "page_scrolls": [scroll.horizontalScrollBar().isVisible(),
                             scroll.verticalScrollBar().isVisible()],
            "tables_scrolling_sideways": [
                t.objectName() for t in window.findChildren(QTableView)
                if t.isVisible() and t.horizontalScrollBar().isVisible()],
        }
    window.close()
    engine.close()
    return result


if __name__ == "__main__":
    os.environ.setdefault("DINGHUO_KEYRING", "memory")
    import keyring

    from sync_engine.client.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    print(json.dumps(probe(Path(sys.argv[1]))))
