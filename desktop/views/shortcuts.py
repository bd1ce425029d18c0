"""Help → Keyboard shortcuts (F1): every key the screens answer to, in the UI language."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..i18n import translate

__all__ = ["ShortcutsDialog", "shortcut_sections"]


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it yet. Named as Qt's, which lupdate
    looks for; Qt's own is typed as taking and giving ``object``."""
    return text


# (keys, what they do) by section; translated when shown, in the language of that moment.
_SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"), [
        ("Ctrl+1 … Ctrl+7", QT_TRANSLATE_NOOP(
            "Shortcuts", "Go to a page (the Go menu); the cursor lands in the page's main "
            "field")),
        ("Tab / Shift+Tab", QT_TRANSLATE_NOOP(
            "Shortcuts", "Next / previous field (Tab leaves lists too)")),
        ("Enter", QT_TRANSLATE_NOOP(
            "Shortcuts", "In a list: the row's main action (start an order, add to the order, "
            "open, ship)")),
        ("↓ ↑  Enter  Esc", QT_TRANSLATE_NOOP(
            "Shortcuts", "In a field that finds as you type: choose a match, pick it, close "
            "the list")),
        ("Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Search on this page")),
        ("F5", QT_TRANSLATE_NOOP("Shortcuts", "Sync now")),
        ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This list")),
    ]),
    (QT_TRANSLATE_NOOP("Shortcuts", "Order entry and cart"), [
        ("Ctrl+K", QT_TRANSLATE_NOOP(
            "Shortcuts", "The customer: type a code, a name or pinyin, then Enter")),
        ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "A new order for the same customer")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Product field"), QT_TRANSLATE_NOOP(
            "Shortcuts", "A SKU, a barcode (scan it), a name or pinyin (full or initials), "
            "then Enter")),
        ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "In the quantity or the unit: add the line")),
        ("Tab, ↓", QT_TRANSLATE_NOOP(
            "Shortcuts", "From the quantity to the unit, and switch to cases")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Enter / Delete on a line"),
         QT_TRANSLATE_NOOP("Shortcuts", "Change its quantity / remove it")),
        ("Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "Save the draft")),
        ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "Submit the order")),
    ]),
    (QT_TRANSLATE_NOOP("Shortcuts", "Orders"), [
        ("Enter", QT_TRANSLATE_NOOP(
            "Shortcuts", "Open a draft in order entry, or another order's detail")),
        ("Ctrl+E / Ctrl+R / Ctrl+P", QT_TRANSLATE_NOOP(
            "Shortcuts", "Edit / order again / confirmation")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Order again: Ctrl+Enter"),
         QT_TRANSLATE_NOOP("Shortcuts", "Submit the new order")),
    ]),
    (QT_TRANSLATE_NOOP("Shortcuts", "Warehouse"), [
        ("Enter", QT_TRANSLATE_NOOP(
            "Shortcuts", "In the queue: ship the order; in its search, ship the one order "
            "found")),
        ("Shift+↓, Ctrl+P", QT_TRANSLATE_NOOP(
            "Shortcuts", "Select several orders, show their pick list")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Scan"), QT_TRANSLATE_NOOP(
            "Shortcuts", "Each scan counts one (12*code counts twelve)")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Enter on the empty scan field"),
         QT_TRANSLATE_NOOP("Shortcuts", "Go to the tracking number")),
        (QT_TRANSLATE_NOOP("Shortcuts", "Enter in the tracking number, Ctrl+Enter"),
         QT_TRANSLATE_NOOP("Shortcuts", "Confirm the shipment")),
    ]),
    (QT_TRANSLATE_NOOP("Shortcuts", "Back office"), [
        ("Ctrl+5 / Ctrl+6 / Ctrl+7", QT_TRANSLATE_NOOP(
            "Shortcuts", "Devices / users / integration tokens")),
        ("Delete", QT_TRANSLATE_NOOP(
            "Shortcuts", "In devices or tokens: revoke the chosen one (asks first)")),
        ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "In users: change the user's role")),
        ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "In users or tokens: a new one")),
    ]),
]


def shortcut_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(keys, what they do)]) in the UI language (keys such as "Ctrl+K"
    have no translation and stay as they are)."""
    return [(translate("Shortcuts", title),
             [(translate("Shortcuts", keys), translate("Shortcuts", text)) for keys, text in rows])
            for title, rows in _SECTIONS]


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
