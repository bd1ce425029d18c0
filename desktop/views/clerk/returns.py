"""Taking returned goods in (退货收货): the approved returns of the clerk's warehouse, and the
one being counted — by scanning like a shipment (each scan one unit back to stock, or one
damaged unit when that is chosen; "12*code" counts twelve) or typed in the table. Partial
receipts are fine: what is not received stays expected. Recorded at once (offline too), sent
with the next sync; the customer is credited when the server has it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.values import ReturnView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...labels import return_reason_name
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...widgets.field import FieldBox
from ...widgets.keys import FINAL_ACTION, page_shortcut
from ...widgets.parts import action_button, choice_box, text_field, wrapped_label
from ...widgets.tables import fit_columns, make_table, queue_and_detail, reselect
from ..page import NavEntry, WorkspacePage
from ..shared.return_lines import (
    DamagedStockLabel,
    ReturnCountLine,
    ReturnCountsModel,
    returns_list_columns,
)
from .scanning import parse_scan, scan_row

if TYPE_CHECKING:
    from .workspace import ClerkWorkspace

__all__ = ["ReceiveReturnsPage"]

_RECEIVABLE = ("approved", "partially_received")


class ReceiveReturnsPage(WorkspacePage["ClerkWorkspace"]):
    nav = NavEntry("returns", QT_TRANSLATE_NOOP("Navigation", "Returns in"), "receive")

    def __init__(self, ctx: AppContext, workspace: ClerkWorkspace) -> None:
        super().__init__(ctx, "receiveReturnsPage", workspace)
        self.current: ReturnView | None = None
        self.list_model: ListTableModel[ReturnView] = ListTableModel([
            *returns_list_columns(),
            Column(lambda: translate("Returns", "Expected"),
                   lambda r: ctx.fmt.integer(sum(ln.outstanding for ln in r.lines)),
                   align_right=True),
        ])
        self.list, self.empty = queue_and_detail(
            self, self.list_model, "returnsToReceive", 1, self._selected,
            self.tr("No approved return waits for the warehouse."), self._build_counting(),
            Qt.Orientation.Horizontal, sizes=(560, 720))
        page_shortcut(FINAL_ACTION, self, self.confirm)
        self.keep_loaded(self.reload, ctx.orders_changed)

    def _build_counting(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.title = wrapped_label(self.tr("Choose a return to take in."), "detailTitle")
        self.info = wrapped_label()
        self.scan = text_field("returnScan", self.tr("Scan a barcode or type a SKU, then Enter "
                                                     "(12*code counts twelve)"),
                               entered=self.scanned)
        self.scan_box = FieldBox(self.scan)
        self.per_scan = choice_box("returnCondition", [
            (self.tr("Scans count good units (back to stock)"), "good"),
            (self.tr("Scans count damaged units (not sellable)"), "damaged")])
        row = scan_row(self.scan_box, self.per_scan)
        self.model = ReturnCountsModel(self.ctx.fmt, receiving=True)
        self.model.refused.connect(self.scan_box.set_error)
        self.model.counts_changed.connect(self._summarise)
        self.table = make_table(stretch=1, model=self.model, name="receiptLines")
        self.table.setEditTriggers(self.table.EditTrigger.DoubleClicked
                                   | self.table.EditTrigger.EditKeyPressed)
        self.summary = wrapped_label("", "total")
        self.confirm_button = action_button("receive", self.tr("Confirm receipt"), self.confirm,
                                            name="primary", tip="Ctrl+Enter")
        self.all_button = QPushButton(self.tr("Everything expected, in good order"))
        self.all_button.clicked.connect(self.count_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.damaged = DamagedStockLabel(self.ctx)
        layout.addWidget(self.damaged)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self._enable()
        return box

    def focus_main_field(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(lambda: [r for r in engine.returns() if r.status in _RECEIVABLE],
                      self._loaded)

    def _loaded(self, found: object) -> None:
        assert isinstance(found, list)
        current = self.current.id if self.current else None
        self.list_model.set_rows(found)
        fit_columns(self.list)
        self.workspace.set_badge("returns", len(found))
        self._show(reselect(self.list, found, lambda r: r.id == current))

    def _selected(self) -> None:
        r = self.list.currentIndex().data(ROW_ROLE)
        if isinstance(r, ReturnView) and (self.current is None or r.id != self.current.id):
            self._show(r)

    def _show(self, r: ReturnView | None) -> None:
        same = r is not None and self.current is not None and r.id == self.current.id
        counts = {x.product_id: (x.count, x.damaged) for x in self.model.rows} if same else {}
        self.current = r
        self.damaged.show_for(r)
        if r is None:
            self.title.setText(self.tr("Choose a return to take in."))
            self.info.setText("")
            self.model.set_rows([])
            self._summarise()
            return
        self.title.setText(self.tr("Take in return %1 — %2").replace(
            "%1", r.number or "…").replace("%2", r.customer_name_in(domain_lang())))
        text = self.tr("order %1 · reason: %2").replace("%1", r.order_number or "").replace(
            "%2", return_reason_name(r.reason))
        if r.note:
            text += " · " + r.note
        self.info.setText(text)
        rows = []
        for ln in r.lines:
            good, bad = counts.get(ln.product_id, (0, 0))
            if good + bad > ln.outstanding:
                good, bad = 0, 0
            rows.append(ReturnCountLine(ln.product_id, ln.sku, ln.name_in(domain_lang()),
                                        ln.barcode or "", ln.unit, ln.outstanding, good, bad))
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._summarise()

    # ------------------------------------------------------------------ counting

    def scanned(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text or self.current is None:
            return
        times, text = parse_scan(text)
        row = self.model.row_of_code(text)
        if row is None:
            self.scan_box.set_error(self.tr("“%1” is not on this return. Check the product or "
                                            "scan another.").replace("%1", text))
            return
        line = self.model.rows[row]
        damaged = self.per_scan.currentData() == "damaged"
        good, bad = line.count + (0 if damaged else times), line.damaged + (times if damaged
                                                                             else 0)
        if self.model.set_counts(row, good, bad):
            self.scan_box.set_hint(self.tr("%1: %2 of %3 taken in").replace("%1", line.sku)
                                   .replace("%2", self.ctx.fmt.integer(line.total))
                                   .replace("%3", self.ctx.fmt.integer(line.limit)))
            self.list.clearFocus()
            self.table.selectRow(row)

    def count_all(self) -> None:
        for i, r in enumerate(self.model.rows):
            self.model.set_counts(i, r.limit - r.damaged, r.damaged)

    def _summarise(self) -> None:
        good = sum(r.count for r in self.model.rows)
        bad = sum(r.damaged for r in self.model.rows)
        left = sum(r.limit - r.total for r in self.model.rows)
        fmt = self.ctx.fmt
        if self.current is None:
            self.summary.setText("")
        elif not good and not bad:
            self.summary.setText(self.tr("Nothing counted yet: scan the goods as they are "
                                         "unpacked."))
        else:
            self.summary.setText(self.tr("This receipt: %1 back to stock, %2 damaged; %3 still "
                                         "expected.").replace("%1", fmt.integer(good))
                                 .replace("%2", fmt.integer(bad)).replace("%3", fmt.integer(left)))
        self._enable()

    def _enable(self) -> None:
        ok = self.current is not None and self.current.status in _RECEIVABLE
        for w in (self.scan, self.per_scan, self.table, self.all_button):
            w.setEnabled(ok)
        self.confirm_button.setEnabled(ok and bool(self.model.receipt()))

    def confirm(self) -> None:
        r = self.current
        receipt = self.model.receipt()
        if r is None or not receipt:
            return
        engine = self.ctx.engine

        def done(_view: object) -> None:
            self.ctx.message.emit(self.tr("Receipt for return %1 recorded. It is sent with the "
                                          "next sync.").replace("%1", r.number or ""))
            self.current = None
            self.model.set_rows([])

        self.ctx.write(lambda: engine.receive_return(r.id, receipt), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed):
            lang = domain_lang()
            self.scan_box.set_error("\n".join(i.message(lang) for i in exc.errors))
            self.reload()
            return
        self.ctx.error.emit(exc)
