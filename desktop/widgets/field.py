"""A form field with its error (or hint) right beneath it, as the style guide asks."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from .parts import wrapped_label

__all__ = ["FieldBox"]


class FieldBox(QWidget):
    """Wraps an input widget; ``set_error`` shows a message under it and marks it invalid."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.message = wrapped_label("", "fieldError")
        self.message.hide()
        layout.addWidget(self.message)

    def set_error(self, text: str) -> None:
        """Show ``text`` as this field's error (empty text clears it)."""
        self._show(text, "error" if text else "")

    def set_hint(self, text: str) -> None:
        """Show ``text`` as a hint or warning, not an error."""
        self._show(text, "hint" if text else "")

    def _show(self, text: str, state: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("state", state)
        # Mark the input itself (a line edit inside a composite editor too), not its frame.
        inputs = [self.editor, *self.editor.findChildren(QLineEdit)]
        for w in inputs:
            w.setProperty("invalid", state == "error")
        for w in (self.message, *inputs):
            w.style().unpolish(w)
            w.style().polish(w)

    @property
    def error_text(self) -> str:
        return self.message.text() if self.message.property("state") == "error" else ""
