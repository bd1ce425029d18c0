"""Table view defaults used on every screen, and the list-and-detail layout of the queues."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from .parts import two_panes, wrapped_label

__all__ = ["ROWS_FIRST", "EmptyHint", "cut_text", "fit_columns", "fit_columns_once", "fit_height",
           "make_table", "on_row_action", "queue_and_detail", "reselect", "select_row_of",
           "table_pane"]

# The stretch factor of a table whose height follows its rows (:func:`fit_height`), beside a
# stretch of 1 under it: the table takes all the room it can use, the stretch only the rest.
ROWS_FIRST = 100

_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
MIN_COLUMN_CHARS = 6  # no column narrower than this many average characters ("Gree…")


def cut_text(view: QAbstractItemView, index: _Index) -> str | None:
    """The whole text of a cell the view shows cut (with "…"), else None."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not text:
        return None
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    style = view.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    needed = option.fontMetrics.horizontalAdvance(str(text)) + margin
    return str(text) if needed > view.visualRect(index).width() else None


class _CutTextTips(QStyledItemDelegate):
    """Cells are cut at the right with "…", and the tooltip of a cut cell is its whole text
    (unless the model has a tooltip of its own)."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: _Index) -> bool:
        if (event.type() == QEvent.Type.ToolTip and index.isValid()
                and not index.data(Qt.ItemDataRole.ToolTipRole)):
            whole = cut_text(view, index)
            if whole is not None:
                QToolTip.showText(event.globalPos(), whole, view)
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)


def make_table(parent: QWidget | None = None, *, stretch: int | None = None,
               model: QAbstractItemModel | None = None, name: str = "",
               on_current: Callable[[], object] | None = None) -> QTableView:
    """A read-only, row-selecting table; column ``stretch`` (the name, usually) takes the spare
    width and the others fit their content (see :func:`fit_columns`). With ``model`` it shows
    that model, ``name`` is its object name, and ``on_current`` runs when the current row
    changes.

    Tab leaves the table for the next field instead of moving from cell to cell: the arrows
    move within it, and Enter does the row's main action (:func:`on_row_action`).
    """
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setItemDelegate(_CutTextTips(view))
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.setMinimumSectionSize(MIN_COLUMN_CHARS * view.fontMetrics().averageCharWidth() + 8)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch is None)
    # Size columns from the first rows only: measuring every row of a long list costs more
    # than a frame (500 orders × 6 columns was a third of a second at start).
    header.setResizeContentsPrecision(40)
    if stretch is not None:
        view.setProperty("stretchColumn", stretch)
    if name:
        view.setObjectName(name)
    if model is not None:
        view.setModel(model)
        if on_current is not None:
            view.selectionModel().currentRowChanged.connect(on_current)
    return view


def fit_columns(view: QTableView) -> None:
    """The chosen column takes the spare width; the others fit their content, and keep
    fitting it as rows change or the window is resized (instead of being sized once and then
    scrolling sideways)."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    stretch = _stretch_column(view)
    if stretch is None:
        view.resizeColumnsToContents()
        return
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)


def _stretch_column(view: QTableView) -> int | None:
    """The column that takes the spare width: the chosen one, or when that one is hidden (the
    owner's orders hide the customer), the next shown one, so the table has no empty band."""
    model = view.model()
    stretch = view.property("stretchColumn")
    if model is None or not isinstance(stretch, int) or stretch >= model.columnCount():
        return None
    shown = [c for c in range(stretch, model.columnCount()) if not view.isColumnHidden(c)]
    return shown[0] if shown else None


def fit_columns_once(view: QTableView, rows: int = 25) -> None:
    """As :func:`fit_columns`, measured now, from the text of the first ``rows`` rows, rather
    than by the view on every change: for a long list whose rows come page by page (the
    catalog), where the view's own measuring (several data() calls per cell, in Python) cost
    the UI thread ~5 ms a search."""
    model = view.model()
    if model is None:
        return
    stretch = _stretch_column(view)
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    padding = 2 * view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 12
    for column in range(model.columnCount()):
        if column == stretch:
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        texts = (model.index(row, column).data() for row in range(min(rows, model.rowCount())))
        content = max((metrics.horizontalAdvance(str(t)) for t in texts if t), default=0)
        width = max(content + padding, header.sectionSizeFromContents(column).width())
        if width != view.columnWidth(column):  # each change lays the table out again
            view.setColumnWidth(column, width)


def fit_height(view: QTableView, min_rows: int = 3) -> None:
    """No empty white band under a short table: the view is at most as tall as its rows (and
    ``min_rows`` at least); the layout it sits in gives the rest to a stretch (put the table
    in with ``ROWS_FIRST`` and a stretch of 1 after it). Call again when the rows change."""
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    header = view.horizontalHeader()
    height = (0 if header.isHidden() else header.sizeHint().height()) + 2 * view.frameWidth()
    height += sum(view.rowHeight(r) for r in range(rows))
    height += max(0, min_rows - rows) * view.verticalHeader().defaultSectionSize()
    bar = view.horizontalScrollBar()
    if bar.isVisible():
        height += bar.sizeHint().height()
    view.setMaximumHeight(max(height, view.minimumSizeHint().height()))


def select_row_of(view: QTableView, rows: Sequence[T], wanted: Callable[[T], bool]) -> None:
    """Select the row (of ``rows``, the rows the view shows) that is ``wanted``; none when no
    row is."""
    for i, row in enumerate(rows):
        if wanted(row):
            view.selectRow(i)


def reselect(view: QTableView, rows: Sequence[T], was_selected: Callable[[T], bool]) -> T | None:
    """After the rows were loaded again: select the row that was selected before, else the
    first; the row now selected (None: there are no rows)."""
    index = next((i for i, r in enumerate(rows) if was_selected(r)), 0 if rows else None)
    if index is None:
        return None
    view.selectRow(index)
    return rows[index]


def on_row_action(view: QAbstractItemView, action: Callable[[], None]) -> None:
    """Run the row's main action on Enter (or Return) and on a double click."""
    view.activated.connect(lambda _index: action())


class EmptyHint(QObject):
    """Shows a "nothing here" note exactly while a model has no rows, whatever changed them
    (a reload, rows added or taken away): the pages only set their rows.

    A child of the note, so that it goes (and stops listening) with it.
    """

    def __init__(self, note: QWidget, model: QAbstractItemModel) -> None:
        super().__init__(note)
        self.note, self.model = note, model
        for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                        model.layoutChanged):
            changed.connect(self.follow)
        self.follow()

    @Slot()
    def follow(self) -> None:
        self.note.setVisible(self.model.rowCount() == 0)


def table_pane(table: QTableView, note: QLabel, *, empty: bool = False) -> QWidget:
    """The table over its note (a hint, a count, "nothing here"), without margins of its own,
    so it lines up as one side of a splitter. ``empty``: the note says the table has no rows,
    and shows only then (:class:`EmptyHint`)."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addWidget(note)
    if empty:  # once the note has a parent: shown alone it would be a window of its own
        EmptyHint(note, table.model())
    return pane


def queue_and_detail(page: QWidget, model: QAbstractItemModel, name: str, column: int,
                     on_current: Callable[[], object], hint: str, detail: QWidget,
                     orientation: Qt.Orientation, *, sizes: Sequence[int] = (),
                     stretch: Sequence[int] = ()) -> tuple[QTableView, QLabel]:
    """Lay ``page`` out as a queue and the detail of its current row, in two panes the user can
    resize (:func:`~.parts.two_panes`, with ``sizes`` or ``stretch``). The queue is a table of
    ``model`` (object name ``name``; ``column`` takes the spare width; ``on_current`` runs when
    the current row changes) over ``hint``, what would be listed, shown while the queue is
    empty. Returns the table and the hint."""
    table = make_table(stretch=column, model=model, name=name, on_current=on_current)
    note = wrapped_label(hint, "hint")
    two_panes(page, table_pane(table, note, empty=True), detail, orientation, sizes=sizes,
              stretch=stretch)
    return table, note
