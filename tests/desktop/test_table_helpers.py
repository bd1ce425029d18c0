"""The list pages' two shared habits, each written once in ``desktop.widgets.tables``: the
"nothing here" note shows exactly while the table has no rows (whichever way the rows
change), and after a reload the row selected before is selected again."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.models.base import Column, ListTableModel
from desktop.widgets.tables import EmptyHint, make_table, reselect, table_pane


def _model() -> ListTableModel[str]:
    return ListTableModel([Column(lambda: "Name", lambda r: r)])


def _page(qtbot: Any, model: Any) -> tuple[QWidget, QLabel]:
    page = QWidget()
    note = QLabel("Nothing here yet.")
    QVBoxLayout(page).addWidget(table_pane(make_table(model=model), note, empty=True))
    qtbot.addWidget(page)
    page.show()
    return page, note


def test_the_empty_note_follows_a_reload(qtbot: Any) -> None:
    model = _model()
    _page_widget, note = _page(qtbot, model)
    assert note.isVisible() and not note.isWindow()  # before the first load: nothing yet
    model.set_rows(["a", "b"])
    assert not note.isVisible()
    model.set_rows([])
    assert note.isVisible()


def test_the_empty_note_follows_rows_added_and_taken_away(qtbot: Any) -> None:
    model = QStandardItemModel()
    _page_widget, note = _page(qtbot, model)
    model.appendRow(QStandardItem("a"))
    assert not note.isVisible()
    model.removeRow(0)
    assert note.isVisible()


def test_the_note_stops_listening_when_its_page_goes(qtbot: Any) -> None:
    model = _model()
    page, note = _page(qtbot, model)
    assert note.findChildren(EmptyHint)  # it goes with the note
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(note))
    model.set_rows(["a"])  # would call into the deleted note (an error in a slot fails here)
    model.set_rows([])


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


def test_reselect_keeps_the_row_that_was_selected(qtbot: Any) -> None:
    model = _model()
    table = make_table(model=model)
    qtbot.addWidget(table)
    model.set_rows(["a", "b", "c"])
    table.selectRow(1)
    model.set_rows(["c", "b", "a", "d"])  # a reload, in another order
    assert reselect(table, model.rows, lambda r: r == "b") == "b"
    assert table.currentIndex().row() == 1 and table.selectionModel().isRowSelected(1)
    model.set_rows(["x", "y"])  # the one selected is gone: the first
    assert reselect(table, model.rows, lambda r: r == "b") == "x"
    assert table.currentIndex().row() == 0
    model.set_rows([])
    assert reselect(table, model.rows, lambda r: r == "b") is None
    assert not table.selectionModel().hasSelection()
