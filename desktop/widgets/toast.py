"""An in-app notification that fades after a few seconds (when there is no system tray)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from .parts import wrapped_label

__all__ = ["Toast"]


class Toast(QFrame):
    """A small panel in the window's bottom-right corner; stacks messages while visible."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent  # whose corner it sits in
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.title = QLabel()
        self.title.setObjectName("toastTitle")
        self.body = wrapped_label()
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, title: str, text: str, msecs: int = 6000) -> None:
        self.title.setText(title)
        self.body.setText(text)
        self.setFixedWidth(min(420, max(260, self._window.width() // 3)))
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(msecs)

    def _place(self) -> None:
        parent = self._window
        margin = 16
        bottom = parent.height() - 40  # above the status bar
        self.move(QPoint(parent.width() - self.width() - margin, bottom - self.height() - margin))
