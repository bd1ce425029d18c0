"""Asking goods of a shipped order back (退货): how many of each line (up to what shipped and
no other return has claimed), why, and a note for the back office. Saved on this device at
once (offline too) and sent with the next sync; the back office approves or refuses."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.values import OrderView, ProductView, ReturnView
from sync_engine.domain.returns import ReturnReason

from ...context import AppContext
from ...i18n import domain_lang
from ...labels import return_reason_name
from ...models.products import product_name
from ...models.tables import order_number
from ...widgets.field import FieldBox
from ...widgets.parts import form_rows, ok_cancel, wrapped_label
from ...widgets.tables import fit_columns, make_table
from .return_lines import ReturnCountLine, ReturnCountsModel

__all__ = ["ReturnRequestDialog"]


class ReturnRequestDialog(QDialog):
    """``returnable``: product id → units that may still come back (the engine's)."""

    def __init__(self, ctx: AppContext, order: OrderView, products: dict[int, ProductView],
                 returnable: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnRequestDialog")
        self.ctx = ctx
        self.order = order
        self.setWindowTitle(self.tr("Return goods of order %1").replace("%1", order_number(order)))
        self.model = ReturnCountsModel(ctx.fmt, receiving=False)
        rows = []
        for ln in order.lines:
            limit = returnable.get(ln.product_id, 0)
            if not ln.shipped_qty:
                continue
            p = products.get(ln.product_id)
            rows.append(ReturnCountLine(ln.product_id, p.sku if p else str(ln.product_id),
                                        product_name(p) if p else "",
                                        (p.barcode or "") if p else "", p.unit if p else "",
                                        limit))
        self.model.set_rows(rows)
        self.table = make_table(stretch=1, model=self.model, name="returnLines")
        self.table.setEditTriggers(self.table.EditTrigger.AllEditTriggers)
        self.lines_box = FieldBox(self.table)
        self.model.refused.connect(self.lines_box.set_error)
        self.model.counts_changed.connect(lambda: self.lines_box.set_error(""))
        self.reason = QComboBox()
        self.reason.setObjectName("returnReason")
        for r in ReturnReason:
            self.reason.addItem(return_reason_name(r.value), r.value)
        self.note = QPlainTextEdit()
        self.note.setObjectName("returnNote")
        self.note.setPlaceholderText(self.tr("e.g. two cases crushed in transport; photos sent "
                                             "to the rep"))
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.note_box = FieldBox(self.note)
        form = form_rows((self.tr("Reason"), self.reason), (self.tr("Note"), self.note_box))
        buttons, self.ok_button = ok_cancel(self, self.tr("Ask for the return"), self.send)
        self.ok_button.setObjectName("primary")
        hint = wrapped_label(self.tr(
            "Type how many units of each line come back (at most what shipped "
            "and was not returned yet). The back office approves the return; "
            "then the warehouse takes the goods in and the customer is "
            "credited."), "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(order.customer_name_in(domain_lang())))
        layout.addWidget(hint)
        layout.addWidget(self.lines_box, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_columns(self.table)
        self.resize(720, 480)
        self.made: ReturnView | None = None

    def set_count(self, product_id: int, units: int) -> bool:
        """Type ``units`` on the product's line (as the user does in the table)."""
        for i, r in enumerate(self.model.rows):
            if r.product_id == product_id:
                return self.model.setData(self.model.index(i, self.model.count_column),
                                          str(units))
        return False

    def send(self) -> None:
        quantities = self.model.quantities()
        if not quantities:
            self.lines_box.set_error(self.tr("Type how many units come back."))
            return
        engine, order = self.ctx.engine, self.order
        reason = str(self.reason.currentData())
        note = self.note.toPlainText().strip()

        def done(made: object) -> None:
            assert isinstance(made, ReturnView)
            self.made = made
            self.ctx.message.emit(self.tr("Return of %Ln unit(s) saved. It is sent with the next "
                                          "sync; the back office decides.", "", made.units))
            self.accept()

        self.ctx.write(lambda: engine.request_return(order.id, quantities, reason, note), done,
                       self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed):
            lang = domain_lang()
            notes = [i for i in exc.errors if i.field == "note"]
            self.note_box.set_error("\n".join(i.message(lang) for i in notes))
            self.lines_box.set_error("\n".join(i.message(lang) for i in exc.errors
                                               if i.field != "note"))
            return
        self.ctx.error.emit(exc)
