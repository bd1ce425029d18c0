"""Table view defaults used on every screen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

__all__ = ["fit_columns", "make_table", "table_pane"]


def make_table(parent: QWidget | None = None, *, stretch: int | None = None) -> QTableView:
    """A read-only, row-selecting table; column ``stretch`` takes the spare width."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
    """Size columns to their contents once, then let the chosen column take the rest."""
    view.resizeColumnsToContents()
    stretch = view.property("stretchColumn")
    model = view.model()
    if isinstance(stretch, int) and model is not None and stretch < model.columnCount():
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def table_pane(table: QTableView, note: QLabel) -> QWidget:
    """The table over its note (a hint, a count, "nothing here"), without margins of its own,
    so it lines up as one side of a splitter."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addWidget(note)
    return pane
