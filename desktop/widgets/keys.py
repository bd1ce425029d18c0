"""Shortcuts that belong to one page: active while the cursor is anywhere on it, and only
then (Ctrl+Enter submits the order on order entry and confirms the shipment on the ship page)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

__all__ = ["FINAL_ACTION", "page_shortcut"]

# The keys of a page's final action (submit, confirm): Return and the keypad's Enter.
FINAL_ACTION = ("Ctrl+Return", "Ctrl+Enter")


def page_shortcut(keys: str | QKeySequence.StandardKey | tuple[str, ...], page: QWidget,
                  slot: Callable[[], object]) -> None:
    """Run ``slot`` on ``keys`` while the focus is within ``page``."""
    for each in keys if isinstance(keys, tuple) else (keys,):
        shortcut = QShortcut(QKeySequence(each), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
