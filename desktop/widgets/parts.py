"""The small pieces every page builds from: a wrapped label, a button that does one thing, a
row of buttons, a form of labelled rows. One way to make each, so a page says what it shows,
not how it is wired."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..resources import icon

__all__ = ["action_button", "button_row", "choice_box", "form_rows", "ok_cancel", "text_field",
           "two_panes", "wrapped_label"]


def text_field(name: str, placeholder: str = "", *, max_length: int = 0,
               entered: Callable[[], object] | None = None) -> QLineEdit:
    """A one-line text field named ``name`` (for tests and styles), with a ``placeholder``
    that says what goes in, at most ``max_length`` characters (0: Qt's own limit), and
    ``entered`` run when the user presses Enter in it."""
    field = QLineEdit()
    field.setObjectName(name)
    if placeholder:
        field.setPlaceholderText(placeholder)
    if max_length:
        field.setMaxLength(max_length)
    if entered is not None:
        field.returnPressed.connect(entered)
    return field


def wrapped_label(text: str = "", name: str = "") -> QLabel:
    """A label whose text wraps; ``name`` is its style (``"hint"``, ``"detailTitle"``,
    ``"fieldError"``, ``"total"`` …)."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    return label


def action_button(icon_name: str, text: str, clicked: Callable[[], object], *, name: str = "",
                  tip: str = "") -> QPushButton:
    """A button with an icon that runs ``clicked``; ``name`` its object name (``"primary"``
    for the page's main action), ``tip`` its tooltip (the shortcut, usually)."""
    button = QPushButton(icon(icon_name), text)
    if name:
        button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(clicked)
    return button


def button_row(*items: QWidget | None, layout: QBoxLayout | None = None) -> QBoxLayout:
    """Widgets side by side (into ``layout``, else a new row); ``None`` stands for the stretch
    that pushes what follows to the right."""
    row = layout if layout is not None else QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row


def form_rows(*rows: tuple[str, QWidget]) -> QFormLayout:
    """A form of ``(label, field)`` rows, in order; an empty label for a row that stands under
    the fields without one of its own (a button, a bar)."""
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    return form


def ok_cancel(dialog: QDialog, ok_text: str, ok: Callable[[], object]
              ) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's Cancel and its ``ok_text`` button, which runs ``ok`` (that checks, then
    accepts); the buttons and the OK button, to name or disable."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(ok)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


def choice_box(name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
    """A drop-down of ``choices`` (the words shown, the value behind them), the first chosen."""
    box = QComboBox()
    box.setObjectName(name)
    for text, value in choices:
        box.addItem(text, value)
    return box


def two_panes(page: QWidget, first: QWidget, second: QWidget, orientation: Qt.Orientation, *,
              sizes: Sequence[int] = (), stretch: Sequence[int] = ()) -> QSplitter:
    """Lay ``page`` out as two panes the user can resize: side by side (``Horizontal``) or one
    over the other (``Vertical``), starting at ``sizes`` (pixels) or shared by ``stretch``."""
    split = QSplitter(orientation)
    split.addWidget(first)
    split.addWidget(second)
    for index, factor in enumerate(stretch):
        split.setStretchFactor(index, factor)
    if sizes:
        split.setSizes(list(sizes))
    QVBoxLayout(page).addWidget(split)
    return split
