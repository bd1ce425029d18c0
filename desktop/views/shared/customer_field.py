"""The customer an order is for, found as you type: code, name in either language, or pinyin
(full or initials), with a drop-down to pick from (:mod:`...widgets.finder`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from sync_engine.client.values import CustomerView

from ...context import AppContext
from ...models.tables import customer_matches_model, customer_name
from ...widgets.finder import Finder

__all__ = ["CustomerField", "customer_label"]


def customer_label(c: CustomerView) -> str:
    """How a chosen customer reads in the field: "C0002 好邻居便利店(漕河泾店)"."""
    return f"{c.code} {customer_name(c)}"


def _exact(text: str, rows: list[CustomerView]) -> CustomerView | None:
    wanted = text.strip().casefold()
    return next((c for c in rows if c.code.casefold() == wanted
                 or customer_label(c).casefold() == wanted), None)


class CustomerField(QLineEdit):
    """Emits ``chosen(customer)`` when the user picks one; the text then reads as the customer
    (:func:`customer_label`). Leaving the field without a pick puts that text back. When
    Enter picks nothing, ``not_chosen(why)`` says why, in words."""

    chosen = Signal(object)  # CustomerView
    not_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryCustomer")
        self.setPlaceholderText(self.tr("Customer code, name or pinyin"))
        self.customer: CustomerView | None = None
        engine = ctx.engine
        self.finder: Finder[CustomerView] = Finder(
            self, customer_matches_model(), lambda text: engine.find_customers(text), _exact,
            ctx.read, self)
        self.finder.picked.connect(self._picked)
        self.finder.not_found.connect(self._not_found)
        self.editingFinished.connect(self._restore)

    def set_customer(self, customer: CustomerView | None) -> None:
        """Show ``customer`` (without announcing it)."""
        self.customer = customer
        self.finder.close_list()
        self.setText(customer_label(customer) if customer is not None else "")

    def focus_for_choice(self) -> None:
        """The cursor in the field with its text selected, so typing replaces it."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _picked(self, customer: object) -> None:
        assert isinstance(customer, CustomerView)
        self.set_customer(customer)
        self.chosen.emit(customer)

    def _not_found(self, text: str, matches: int) -> None:
        if matches:
            why = self.tr("%n customers match: choose one with ↓ and Enter.", "", matches)
        elif text.strip():
            why = self.tr("No customer matches “%1”.").replace("%1", text.strip())
        else:
            why = self.tr("Type the customer's code, name or pinyin.")
        self.not_chosen.emit(why)

    def _restore(self) -> None:
        if not self.hasFocus() and self.customer is not None:
            self.set_customer(self.customer)
