"""Table view defaults used on every screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

__all__ = ["fit_columns", "fit_columns_once", "make_table", "on_row_action", "table_pane"]


def make_table(parent: QWidget | None = None, *, stretch: int | None = None) -> QTableView:
    """A read-only, row-selecting table; column ``stretch`` (the name, usually) takes the spare
    width and the others fit their content (see :func:`fit_columns`).

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
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch is None)
    # Size columns from the first rows only: measuring every row of a long list costs more
    # than a frame (500 orders × 6 columns was a third of a second at start).
    header.setResizeContentsPrecision(40)
    if stretch is not None:
        view.setProperty("stretchColumn", stretch)
    return view


def fit_columns(view: QTableView) -> None:
    """The chosen column takes the spare width; the others fit their content, and keep
    fitting it as rows change or the window is resized (instead of being sized once and then
    scrolling sideways)."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    stretch = view.property("stretchColumn")
    if not isinstance(stretch, int) or stretch >= model.columnCount():
        view.resizeColumnsToContents()
        return
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)


def fit_columns_once(view: QTableView, rows: int = 25) -> None:
    """As :func:`fit_columns`, measured now, from the text of the first ``rows`` rows, rather
    than by the view on every change: for a long list whose rows come page by page (the
    catalog), where the view's own measuring (several data() calls per cell, in Python) cost
    the UI thread ~5 ms a search."""
    model = view.model()
    if model is None:
        return
    stretch = view.property("stretchColumn")
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


def on_row_action(view: QAbstractItemView, action: Callable[[], None]) -> None:
    """Run the row's main action on Enter (or Return) and on a double click."""
    view.activated.connect(lambda _index: action())


def table_pane(table: QTableView, note: QLabel) -> QWidget:
    """The table over its note (a hint, a count, "nothing here"), without margins of its own,
    so it lines up as one side of a splitter."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addWidget(note)
    return pane
