"""Small steps the desktop tests share: wait for the app to settle, drive order entry."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.application import DinghuoApp
from desktop.views.rep.workspace import RepWorkspace


def settle(qtbot: Any, app: DinghuoApp, timeout: int = 10000) -> None:
    """Wait until no background task is in flight (results have reached the screens)."""
    qtbot.waitUntil(lambda: app.tasks.in_flight == 0, timeout=timeout)


def workspace(app: DinghuoApp) -> RepWorkspace:
    assert app.window is not None
    ws = app.window.workspace
    assert isinstance(ws, RepWorkspace)
    return ws


def choose_customer(qtbot: Any, app: DinghuoApp, code: str) -> None:
    """Pick the customer in order entry as the user does: type the code in the customer
    field, Enter."""
    ws = workspace(app)
    ws.show_page("order")
    settle(qtbot, app)
    field = ws.order_entry.customer_field
    field.selectAll()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.customer is not None and field.customer.code == code,
                    timeout=5000)
    settle(qtbot, app)


def type_line(qtbot: Any, app: DinghuoApp, code: str, quantity: str) -> None:
    """Type a code, Enter, a quantity (in base units), Enter — as a scanner user would."""
    entry = workspace(app).order_entry.entry
    qtbot.keyClicks(entry.code, code)
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entry.product is not None or bool(entry.code_box.error_text),
                    timeout=5000)
    assert entry.product is not None, entry.code_box.error_text
    entry.unit.setCurrentIndex(0)
    entry.quantity.clear()
    qtbot.keyClicks(entry.quantity, quantity)
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)
