"""Confirming receipt of a delivery: everything arrived, or what did not (a discrepancy the
back office and the rep see). The order closes; the note travels with it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.values import OrderView, ProductView

from ...context import AppContext
from ...i18n import domain_lang
from ...models.tables import OrderLinesModel, order_number
from ...widgets.field import FieldBox
from ...widgets.parts import ok_cancel, wrapped_label
from ...widgets.tables import fit_columns, fit_height, make_table

__all__ = ["ReceiptDialog"]


class ReceiptDialog(QDialog):
    def __init__(self, order: OrderView, products: Mapping[int, ProductView], ctx: AppContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.ctx = ctx
        self.order = order
        self.setWindowTitle(self.tr("Confirm receipt of %1").replace("%1", order_number(order)))
        title = wrapped_label(self.tr("Receipt of order %1 — %2").replace("%1", order_number(order))
                       .replace("%2", order.customer_name_in(domain_lang())), "detailTitle")
        intro = wrapped_label(self.tr("Order total %1. Check the delivery against the lines below.")
                       .replace("%1", ctx.fmt.money(order.gross)))
        lines = OrderLinesModel()
        lines.set_order(order, products)
        table = make_table(stretch=2, model=lines)
        fit_columns(table)
        self.table = table
        self.all_ok = QRadioButton(self.tr("Everything arrived in good order"))
        self.all_ok.setChecked(True)
        self.problem = QRadioButton(self.tr("Something is missing or damaged:"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("discrepancy")
        self.note.setPlaceholderText(self.tr("e.g. one case of 可口可乐 missing, two bottles "
                                             "broken"))
        self.note.setMaximumHeight(80)
        self.note_box = FieldBox(self.note)
        self.note.setEnabled(False)
        self.problem.toggled.connect(self.note.setEnabled)
        buttons, self.ok_button = ok_cancel(self, self.tr("Confirm receipt"), self.confirm)
        self.ok_button.setObjectName("primary")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(self.all_ok)
        layout.addWidget(self.problem)
        layout.addWidget(self.note_box)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def showEvent(self, event: QShowEvent) -> None:
        # Measured once styled and shown: the lines table as tall as its rows, no taller.
        super().showEvent(event)
        fit_height(self.table)
        self.table.setMinimumHeight(min(self.table.maximumHeight(), 360))
        self.resize(self.width(), self.sizeHint().height())

    def confirm(self) -> None:
        note = self.note.toPlainText().strip() if self.problem.isChecked() else ""
        if self.problem.isChecked() and not note:
            self.note_box.set_error(self.tr("Say what is missing or damaged."))
            return
        engine, order_id = self.ctx.engine, self.order.id

        def done(_order: object) -> None:
            self.ctx.message.emit(self.tr("Receipt confirmed. It is sent with the next sync."))
            self.accept()

        self.ctx.write(lambda: engine.receive(order_id, note), done)
