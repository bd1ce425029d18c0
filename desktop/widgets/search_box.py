"""A search field that waits for a pause in typing before it searches (debounce)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from ..resources import icon

__all__ = ["SearchBox"]


class SearchBox(QLineEdit):
    """Emits ``search(text)`` ``delay_ms`` after the last keystroke, or at once on Enter."""

    search = Signal(str)

    def __init__(self, placeholder: str = "", delay_ms: int = 200,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._fire)

    def _fire(self) -> None:
        self._timer.stop()
        self.search.emit(self.text())
