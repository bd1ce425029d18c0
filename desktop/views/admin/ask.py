"""What the back office's pages share: asking before a change that cannot be undone, and
running a request to the server in the background (the app's network lane)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from sync_engine.client import errors as ce
from sync_engine.client.admin import BackOffice

from ...context import AppContext
from ...errors import present

__all__ = ["ConfirmBox", "key", "list_failed", "on_server"]


class ConfirmBox(QMessageBox):
    """"Are you sure?" that says what will happen; ``go`` is the button that does it (Cancel is
    the default, so Enter alone never does it)."""

    def __init__(self, parent: QWidget, title: str, text: str, action: str,
                 then: Callable[[], None]) -> None:
        super().__init__(QMessageBox.Icon.Warning, title, text,
                         QMessageBox.StandardButton.Cancel, parent)
        self.setObjectName("confirmBox")
        self.go: QPushButton = self.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.buttonClicked.connect(lambda button: then() if button is self.go else None)


def on_server(ctx: AppContext, call: Callable[[BackOffice], Any],
              done: Callable[[Any], None],
              failed: Callable[[BaseException], None] | None = None) -> None:
    """Run ``call(back_office)`` on the network lane; ``done`` or ``failed`` (default: the main
    window shows the error) on the main thread."""
    engine = ctx.engine
    ctx.run("sync", lambda: call(engine.back_office()), done, failed)


def key(widget: QWidget, sequence: str | QKeySequence.StandardKey,
        action: Callable[[], None]) -> QShortcut:
    """A key that does ``action`` while the cursor is in ``widget`` (or inside it)."""
    shortcut = QShortcut(QKeySequence(sequence), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(action)
    return shortcut


def list_failed(ctx: AppContext, state: QLabel, exc: BaseException) -> None:
    """A list could not be fetched: when the server cannot be reached or refuses, say so on
    the page (it stays as it was); anything else goes to the main window."""
    if isinstance(exc, ce.SyncError) and not isinstance(exc, ce.SignInRequired):
        state.setText(present(exc).text)
        return
    ctx.error.emit(exc)
