"""What the back office's decision pages share (the review queue, the returns): a queue of
things that wait, and beside or under it the one chosen, with its facts, its lines and two
buttons — yes, or no with a reason that the rep and the customer are told."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...widgets.field import FieldBox
from ...widgets.parts import button_row, ok_cancel

__all__ = ["ReasonDialog", "decision_box", "queue_and_decision"]


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


def decision_box(heading: str, title: QLabel, facts: Sequence[tuple[str, QLabel]],
                 lines: QTableView, no: QPushButton, yes: QPushButton) -> QGroupBox:
    """The chosen one: its title, its facts (label, value) as a form, its lines, and the
    two buttons at the bottom right, "no" before "yes"."""
    box = QGroupBox(heading)
    layout = QVBoxLayout(box)
    form = QFormLayout()
    for label, value in facts:
        form.addRow(label, value)
    layout.addWidget(title)
    layout.addLayout(form)
    layout.addWidget(lines, 1)
    layout.addLayout(button_row(None, no, yes))
    return box


def queue_and_decision(page: QWidget, queue: QWidget, decision: QWidget,
                       orientation: Qt.Orientation, sizes: list[int]) -> QSplitter:
    """Lay ``page`` out as the queue and the decision, split by ``orientation``."""
    split = QSplitter(orientation)
    split.addWidget(queue)
    split.addWidget(decision)
    split.setSizes(sizes)
    QVBoxLayout(page).addWidget(split)
    return split

