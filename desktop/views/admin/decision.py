"""What the back office's decision pages share (the review queue, the returns): a queue of
things that wait, and beside or under it the one chosen, with its facts, its lines and two
buttons — yes, or no with a reason that the rep and the customer are told."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.engine import Engine

from ...context import AppContext
from ...widgets.field import FieldBox
from ...widgets.parts import action_button, button_row, form_rows, ok_cancel, wrapped_label
from ...widgets.tables import make_table

__all__ = ["DecisionBox", "ReasonDialog", "decided", "decision_box"]


def decided(ctx: AppContext, decision: Callable[[Engine], object], said: str) -> None:
    """Save a decision (``decision(engine)``, on the write lane); say ``said`` once it is
    saved (it reaches the server, and the rep, with the next sync)."""
    engine = ctx.engine
    ctx.write(lambda: decision(engine), lambda _result: ctx.message.emit(said))


class ReasonDialog(QDialog):
    """Asks why before a "no" (required: the rep and the customer read it); ``then(reason)``
    runs once it is given."""

    def __init__(self, parent: QWidget, name: str, title: str, prompt: str, placeholder: str,
                 action: str, missing: str) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        self.missing = missing
        self.reason = QPlainTextEdit()
        self.reason.setObjectName(f"{name}Reason")
        self.reason.setPlaceholderText(placeholder)
        self.reason_box = FieldBox(self.reason)
        buttons, self.ok_button = ok_cancel(self, action, self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.reason_box)
        layout.addWidget(buttons)
        self.resize(480, 220)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def ask(self, then: Callable[[str], None]) -> ReasonDialog:
        """Open the dialog (not modal to the app); ``then(reason)`` once one is given."""
        self.accepted.connect(lambda: then(self.text()))
        self.open()
        return self

    def _accept(self) -> None:
        if not self.text():
            self.reason_box.set_error(self.missing)
            return
        self.accept()


class DecisionBox(NamedTuple):
    box: QGroupBox
    title: QLabel
    lines: QTableView
    yes: QPushButton
    no: QPushButton


def decision_box(heading: str, title: str, facts: Sequence[tuple[str, QLabel]],
                 lines: QAbstractItemModel, yes: tuple[str, Callable[[], None]],
                 no: tuple[str, Callable[[], None]],
                 under_lines: QWidget | None = None) -> DecisionBox:
    """The chosen one: its title (``title`` until one is chosen), its facts (label, value) as a
    form, a table of its ``lines`` (``under_lines`` below it, if given), and at the bottom right
    the "no" button (text, action) before the "yes"."""
    box = QGroupBox(heading)
    layout = QVBoxLayout(box)
    form = form_rows(*facts)
    view = make_table(stretch=1, model=lines)
    yes_button = action_button("review", yes[0], yes[1], name="primary")
    no_button = action_button("cancel", no[0], no[1])
    title_label = wrapped_label(title, "detailTitle")
    layout.addWidget(title_label)
    layout.addLayout(form)
    layout.addWidget(view, 1)
    if under_lines is not None:
        layout.addWidget(under_lines)
    layout.addLayout(button_row(None, no_button, yes_button))
    return DecisionBox(box, title_label, view, yes_button, no_button)
