"""A field that finds as you type: a drop-down of matches under a line edit, driven from the
keyboard.

The field keeps the cursor all along. Typing searches in the background (never on the UI
thread) a moment after the last key, and the matches appear under the field with the first
one highlighted; Up and Down (Page Up, Page Down) move the highlight, Enter picks it, Escape
closes the list. Enter before the matches have arrived (a barcode scanner types its code and
Enter at once) waits for them, then picks the match the text means exactly (a SKU, a barcode,
a customer's code) or the only one; with several and none exact it shows them to choose from
instead of guessing.

The list is a child of the field's window drawn over the page, not a popup window: it never
takes the keyboard focus, and it shows in a grab of the window (the screenshots).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from ..models.base import ListTableModel

__all__ = ["Finder", "MatchList"]

T = TypeVar("T")

RunRead = Callable[[Callable[[], Any], Callable[[Any], None]], None]

_ROWS_SHOWN = 8
_DELAY_MS = 60  # coalesces a burst of keys (a scanner types a code in a few milliseconds)


class MatchList(QFrame):
    """The rows under the field: a table without a header line or a focus of its own."""

    clicked_row = Signal(int)

    def __init__(self, model: ListTableModel[Any]) -> None:
        super().__init__()
        self.setObjectName("matchList")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = QTableView()
        self.view.setObjectName("matchView")
        self.view.setModel(model)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().hide()
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.clicked.connect(lambda index: self.clicked_row.emit(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.view)
        self.hide()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        model = self.view.model()
        if model is None or model.rowCount() == 0:
            return
        row = max(0, min(row, model.rowCount() - 1))
        self.view.setCurrentIndex(model.index(row, 0))
        self.view.selectRow(row)

    def place(self, field: QLineEdit) -> None:
        """Show under ``field`` (above it when there is no room below), as wide as the rows'
        text needs and the window allows, on top of the page."""
        window = field.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        view, model = self.view, self.view.model()
        rows = model.rowCount() if model is not None else 0
        columns = model.columnCount() if model is not None else 0
        header = view.horizontalHeader()
        for c in range(columns):  # the name (second column) takes what is left over
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        content = sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
                      for c in range(columns))
        scroll = view.verticalScrollBar().sizeHint().width() if rows > _ROWS_SHOWN else 0
        width = min(max(field.width(), content + scroll + 4), window.width() - 8)
        height = view.rowHeight(0) * min(rows, _ROWS_SHOWN) + 4 if rows else 0
        below = field.mapTo(window, QPoint(0, field.height()))
        x = max(4, min(below.x(), window.width() - width - 4))
        y = below.y()
        if y + height > window.height() - 4 and below.y() - field.height() - height > 4:
            y = below.y() - field.height() - height  # above the field
        self.setGeometry(x, y, width, min(height, max(0, window.height() - y - 4)))
        self.show()
        self.raise_()


class Finder(QObject, Generic[T]):
    """Finds rows for the text of ``field`` and lets the keyboard pick one.

    ``search(text)`` runs on the read lane (``run_read``) and returns the rows, best first;
    ``exact(text, rows)`` is the row the text names exactly (an SKU, a barcode, a code) or
    None. ``model`` shows the rows in the list. ``picked(row)`` is emitted with the row chosen;
    ``not_found(text, n)`` when Enter found nothing to pick: ``n`` rows match (0: none, or the
    field is empty) and, when there are several, they are shown to choose from.
    """

    picked = Signal(object)
    not_found = Signal(str, int)

    def __init__(self, field: QLineEdit, model: ListTableModel[T],
                 search: Callable[[str], list[T]], exact: Callable[[str, list[T]], T | None],
                 run_read: RunRead, parent: QObject | None = None) -> None:
        super().__init__(parent or field)
        self.field = field
        self.model = model
        self._search = search
        self._exact = exact
        self._run_read = run_read
        self._list: MatchList | None = None  # made when first shown
        self._generation = 0
        self._results: tuple[str, list[T]] | None = None  # (text, rows) of the last search
        self._enter_waiting = False  # Enter came before the rows for the text did
        self._moved = False  # the user moved the highlight since the rows arrived
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        field.textEdited.connect(self._edited)
        field.installEventFilter(self)

    # ------------------------------------------------------------------ searching

    @property
    def busy(self) -> bool:
        """A search for the field's text is waiting or running."""
        return self._timer.isActive() or not self._has_results()

    def _edited(self, text: str) -> None:
        self._enter_waiting = False
        if not text.strip():
            self._timer.stop()
            self._generation += 1
            self._results = ("", [])
            self.close_list()
            return
        self._timer.start()

    def search_now(self) -> None:
        """Search for the field's text at once (it runs in the background)."""
        self._timer.stop()
        text = self.field.text()
        self._generation += 1
        generation, search = self._generation, self._search
        self._run_read(lambda: search(text), lambda rows: self._arrived(generation, text, rows))

    def _arrived(self, generation: int, text: str, rows: list[T]) -> None:
        if generation != self._generation or text != self.field.text():
            return  # an older search, or the user typed on meanwhile
        self._results = (text, list(rows))
        self._moved = False
        self.model.set_rows(rows)
        if self._enter_waiting:
            self._enter_waiting = False
            self._decide(text, list(rows))
        elif rows and self.field.hasFocus():
            self._show_list()
        else:
            self.close_list()

    def _has_results(self) -> bool:
        return self._results is not None and self._results[0] == self.field.text()

    # ------------------------------------------------------------------ the list

    @property
    def match_list(self) -> MatchList:
        if self._list is None:
            self._list = MatchList(self.model)
            self._list.clicked_row.connect(self._pick_row)
        return self._list

    def _show_list(self) -> None:
        self.match_list.place(self.field)
        self.match_list.set_current_row(0)

    def close_list(self) -> None:
        if self._list is not None:
            self._list.hide()

    @property
    def list_shown(self) -> bool:
        return self._list is not None and self._list.isVisible()

    def _pick_row(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.close_list()
            self.picked.emit(found)

    # ------------------------------------------------------------------ keys

    def enter(self) -> None:
        """What Enter in the field does: pick the highlighted match, the exact one, or the only
        one; with several to choose from, show them."""
        text = self.field.text()
        if not text.strip():
            self.close_list()
            self.not_found.emit(text, 0)
            return
        if not self._has_results():
            self._enter_waiting = True
            self.search_now()
            return
        assert self._results is not None
        rows = self._results[1]
        if self.list_shown and (self._moved or self._exact(text, rows) is None):
            self._pick_row(self.match_list.current_row())
            return
        self._decide(text, rows)

    def _decide(self, text: str, rows: list[T]) -> None:
        chosen = self._exact(text, rows)
        if chosen is None and len(rows) == 1:
            chosen = rows[0]
        if chosen is not None:
            self.close_list()
            self.picked.emit(chosen)
            return
        if rows and self.field.hasFocus():
            self._show_list()
        self.not_found.emit(text, len(rows))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field:
            kind = event.type()
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._key(event)
            if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
                self.close_list()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and self.list_shown:
                self.match_list.place(self.field)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier))
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.enter()
            return True
        if key == Qt.Key.Key_Escape and self.list_shown:
            self.close_list()
            return True
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: _ROWS_SHOWN,
                 Qt.Key.Key_PageUp: -_ROWS_SHOWN}
        if key in steps and plain:
            if self.list_shown:
                self.match_list.set_current_row(self.match_list.current_row() + steps[key])
                self._moved = True
                return True
            if key == Qt.Key.Key_Down and self._has_results() and self.model.rowCount():
                self._show_list()
                return True
        return False
