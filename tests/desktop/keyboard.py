"""A person at the keyboard (and a barcode scanner), counted.

Every key goes to the widget that has the focus, as a real key does, so a flow only works if
the cursor is where the user would expect it; the keys are counted, and any mouse button press
anywhere in the app during the flow fails it. Chinese goes in as an input method delivers it
(a committed phrase), counted as the pinyin typed for it plus the key that commits it. A scan
is the scanner typing the code and Enter at once: one trigger pull for the person, its
characters counted apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["Keyboard", "activate"]

_MOUSE = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
          QEvent.Type.MouseButtonDblClick}


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active window, so it has the keyboard focus."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


class _MouseWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in _MOUSE:
            self.presses += 1
        return False


class Keyboard:
    """Keys to the focused widget, counted; ``wait`` for what the person waits to see."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.keys = 0  # keys the person pressed (a scan's trigger counts as one)
        self.scans = 0
        self.scanner_keys = 0  # characters and Enters the scanner typed
        self.log: list[str] = []
        self._mouse = _MouseWatch()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self._mouse)

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._mouse)

    @property
    def mouse_presses(self) -> int:
        return self._mouse.presses

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus: the key would be lost"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus(), key, modifier)
            self.keys += 1
        self.log.append(f"{modifier.name}+{key.name}×{times}" if modifier.value else
                        f"{key.name}×{times}")

    def type(self, text: str) -> None:
        """Latin letters, digits and punctuation, one key each."""
        assert text.isascii(), "type Chinese with ime()"
        for char in text:
            QTest.keyClicks(self.focus(), char)
            self.keys += 1
        self.log.append(repr(text))

    def ime(self, text: str, pinyin: str) -> None:
        """Chinese ``text`` through an input method: ``pinyin`` typed, one key to commit."""
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(self.focus(), event)
        self.keys += len(pinyin) + 1
        self.log.append(f"{text} ({pinyin}+space)")

    def scan(self, code: str) -> None:
        """A barcode scanner: the code's characters and Enter, typed by the scanner."""
        target = self.focus()
        QTest.keyClicks(target, code)
        QTest.keyClick(target, Qt.Key.Key_Return)
        self.scans += 1
        self.keys += 1
        self.scanner_keys += len(code) + 1
        self.log.append(f"scan {code}")

    def wait(self, condition: Callable[[], object], timeout: int = 5000) -> None:
        """The person looks at the screen until ``condition`` holds (no key pressed)."""
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def report(self, name: str) -> str:
        return (f"{name}: {self.keys} keys ({self.scans} scans, {self.scanner_keys} characters "
                f"typed by the scanner), {self.mouse_presses} mouse presses")
