"""A search field that waits for a pause in typing before it searches (debounce)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

from ..resources import icon

__all__ = ["SearchBox"]


class SearchBox(QLineEdit):
    """Emits ``search(text)`` ``delay_ms`` after the last keystroke, or at once on Enter.

    With :meth:`lead_to` a results view, Down (and Enter, once the results are in) moves the
    cursor into the results, on their first row, so a search is typed, then browsed with the
    arrows and acted on with Enter without reaching for the mouse.
    """

    search = Signal(str)

    def __init__(self, placeholder: str, searched: Callable[[str], object], delay_ms: int = 200,
                 parent: QWidget | None = None) -> None:
        """``searched(text)`` runs on each :attr:`search`."""
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._results: QAbstractItemView | None = None
        self._fired = ""  # the text the last search was for
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._enter)
        self.search.connect(searched)

    def lead_to(self, view: QAbstractItemView) -> None:
        """Down (and Enter on a search already done) moves into ``view``."""
        self._results = view

    def search_for(self, text: str) -> None:
        """Put ``text`` in the field and search for it now."""
        self.setText(text)
        self._fire()

    def _fire(self) -> None:
        self._timer.stop()
        self._fired = self.text()
        self.search.emit(self.text())

    def _enter(self) -> None:
        if self._results is not None and self._fired == self.text() \
                and not self._timer.isActive() and self._into_results():
            return
        self._fire()

    def _into_results(self) -> bool:
        view = self._results
        model = view.model() if view is not None else None
        if view is None or model is None or model.rowCount() == 0:
            return False
        if not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self._into_results():
            return
        super().keyPressEvent(event)
