"""A read-only table model over a list of rows, described by columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

__all__ = ["ROW_ROLE", "SORT_ROLE", "Column", "ListTableModel", "whole_units"]

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, ROW_ROLE) is the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a sorting proxy compares (else the text)

_Index = QModelIndex | QPersistentModelIndex


def whole_units(value: object) -> int | None:
    """What was typed in a count cell, as a whole number of units (nothing typed: 0); None
    when it is not a whole number."""
    try:
        return int(str(value).strip() or 0)
    except ValueError:
        return None


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column: its header, the text of a row, and optionally alignment and a tooltip."""

    title: Callable[[], str]  # called when asked, so a language switch shows at once
    text: Callable[[T], str]
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None
    foreground: Callable[[T], Any] | None = None
    background: Callable[[T], Any] | None = None  # a brush, to mark a cell (a changed price)
    sort: Callable[[T], Any] | None = None  # a sortable value (a number, an ISO date …)
    decoration: Callable[[T], Any] | None = None  # an icon before the text (or None)


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows from a list; replace them with :meth:`set_rows`."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort(row) if column.sort is not None else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(row)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            return column.background(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].title()
        return None
