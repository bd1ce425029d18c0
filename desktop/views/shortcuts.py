"""Help → Keyboard shortcuts (F1): every key the screens answer to, in the UI language."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..i18n import translate

__all__ = ["ShortcutsDialog", "shortcut_sections"]


def _t(text: str) -> str:
    return translate("Shortcuts", text)


def shortcut_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(keys, what they do)]) in the UI language."""
    return [
        (_t("Everywhere"), [
            ("Ctrl+1 … Ctrl+6", _t("Go to a page (the Go menu); the cursor lands in the "
                                   "page's main field")),
            ("Tab / Shift+Tab", _t("Next / previous field (Tab leaves lists too)")),
            ("Enter", _t("In a list: the row's main action (start an order, add to the "
                         "order, open, ship)")),
            ("↓ ↑  Enter  Esc", _t("In a field that finds as you type: choose a match, pick "
                                   "it, close the list")),
            ("Ctrl+F", _t("Search on this page")),
            ("F5", _t("Sync now")),
            ("F1", _t("This list")),
        ]),
        (_t("Order entry and cart"), [
            ("Ctrl+K", _t("The customer: type a code, a name or pinyin, then Enter")),
            ("Ctrl+N", _t("A new order for the same customer")),
            (_t("Product field"), _t("A SKU, a barcode (scan it), a name or pinyin (full or "
                                     "initials), then Enter")),
            ("Enter", _t("In the quantity or the unit: add the line")),
            ("Tab, ↓", _t("From the quantity to the unit, and switch to cases")),
            (_t("Enter / Delete on a line"), _t("Change its quantity / remove it")),
            ("Ctrl+S", _t("Save the draft")),
            ("Ctrl+Enter", _t("Submit the order")),
        ]),
        (_t("Orders"), [
            ("Enter", _t("Open a draft in order entry, or another order's detail")),
            ("Ctrl+E / Ctrl+R / Ctrl+P", _t("Edit / order again / confirmation")),
            (_t("Order again: Ctrl+Enter"), _t("Submit the new order")),
        ]),
        (_t("Warehouse"), [
            ("Enter", _t("In the queue: ship the order")),
            ("Shift+↓, Ctrl+P", _t("Select several orders, print their pick list")),
            (_t("Scan"), _t("Each scan counts one (12*code counts twelve)")),
            (_t("Enter on the empty scan field"), _t("Go to the tracking number")),
            (_t("Enter in the tracking number, Ctrl+Enter"), _t("Confirm the shipment")),
        ]),
    ]


def shortcuts_html() -> str:
    parts = []
    for title, rows in shortcut_sections():
        parts.append(f"<h3>{escape(title)}</h3><table cellspacing='0' cellpadding='4'>")
        for keys, text in rows:
            parts.append(f"<tr><td style='white-space:nowrap'><b>{escape(keys)}</b></td>"
                         f"<td>{escape(text)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        text = QLabel(shortcuts_html())
        text.setObjectName("shortcuts")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if parent is not None:
            area = parent.window().size()
            self.resize(min(720, area.width() - 40), min(640, area.height() - 40))
