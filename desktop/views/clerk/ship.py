"""Scan-first shipment confirmation for one order.

A barcode scanner types the code and Enter: each scan counts one unit (or one case) of that
line. "12*code" counts twelve. Quantities can be typed in the table too. Counting past what is
left to ship is refused with the rules' own message; what is not shipped stays backordered and
is shown as such. Then carrier, tracking number, confirm: recorded locally at once (offline
too) and sent with the next sync.

From the scanner and the keyboard alone: scan each item (a scan ends with Enter); Enter on the
empty scan field goes to the tracking number; Enter there (or Ctrl+Enter anywhere on the
page) confirms the shipment. Enter on a line types its count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from sync_engine.client import errors as ce
from sync_engine.client.values import OrderView

from ...context import AppContext
from ...i18n import OWN_VEHICLE, QT_TRANSLATE_NOOP, carrier_choices, carrier_of, domain_lang
from ...labels import status_name
from ...models.products import product_name
from ...models.tables import load_order, order_number
from ...paperwork import open_delivery_note
from ...widgets.field import FieldBox
from ...widgets.keys import FINAL_ACTION, page_shortcut
from ...widgets.parts import action_button, choice_box, text_field, wrapped_label
from ...widgets.tables import ROWS_FIRST, fit_columns, fit_height, make_table, on_row_action
from ..page import NavEntry, WorkspacePage
from .scanning import parse_scan, scan_row
from .ship_lines import COUNT_COLUMN, ShipLine, ShipLinesModel

if TYPE_CHECKING:
    from .workspace import ClerkWorkspace

__all__ = ["ShipPage"]


class ShipPage(WorkspacePage["ClerkWorkspace"]):
    nav = NavEntry("ship", QT_TRANSLATE_NOOP("Navigation", "Ship"), "truck")

    def __init__(self, ctx: AppContext, workspace: ClerkWorkspace) -> None:
        super().__init__(ctx, "shipPage", workspace)
        self.order: OrderView | None = None
        self.title = wrapped_label(self.tr("Choose an order in the queue."), "detailTitle")
        self.info = wrapped_label()
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setPlaceholderText(self.tr("Scan a barcode or type a SKU, then Enter "
                                             "(12*code counts twelve). Enter on an empty "
                                             "field: the tracking number"))
        self.scan.returnPressed.connect(self.scanned)
        self.scan_box = FieldBox(self.scan)
        self.per_scan = choice_box("perScan", [(self.tr("Each scan counts one unit"), "unit"),
                                               (self.tr("Each scan counts one case"), "case")])
        scan_line = scan_row(self.scan_box, self.per_scan)
        self.model = ShipLinesModel(ctx.fmt)
        self.model.refused.connect(self.scan_box.set_error)
        self.model.counts_changed.connect(self._summarise)
        self.table = make_table(stretch=1, model=self.model, name="shipLines")
        # Counts are typed on purpose (Enter or F2 on a line, or a double click), never by
        # keys that were meant for another field.
        self.table.setEditTriggers(self.table.EditTrigger.DoubleClicked
                                   | self.table.EditTrigger.EditKeyPressed)
        on_row_action(self.table, self._edit_count)
        self.summary = wrapped_label("", "total")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addLayout(scan_line)
        layout.addWidget(self.table, ROWS_FIRST)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addLayout(self._build_footer())
        ctx.orders_changed.connect(self._refresh)
        page_shortcut(FINAL_ACTION, self, self.confirm)
        self._enable()

    def focus_main_field(self) -> None:
        """The cursor in the scan field."""
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edit_count(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(self.model.index(index.row(), COUNT_COLUMN))

    def _build_footer(self) -> QHBoxLayout:
        box = QGroupBox(self.tr("Carrier"))
        form = QFormLayout(box)
        # The known carriers, named in the UI language and completed as the clerk types; what
        # is recorded is the name the data keeps (see carrier_of), so the data says 顺丰速运
        # whichever language the clerk works in. Any other carrier is typed and kept as typed.
        self.carrier = QComboBox()
        self.carrier.setObjectName("carrier")
        self.carrier.setEditable(True)
        self.carrier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for shown, kept in carrier_choices():
            self.carrier.addItem(shown, kept)
        self.carrier.setCurrentIndex(0)
        self.tracking = text_field("tracking", self.tr("Scan or type the waybill number, "
                                                       "then Enter to confirm"),
                                   entered=self.confirm)
        self.tracking_box = FieldBox(self.tracking)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Tracking number"), self.tracking_box)
        self.all_button = QPushButton(self.tr("Count everything left"))
        self.all_button.clicked.connect(self.count_all)
        self.clear_button = QPushButton(self.tr("Start over"))
        self.clear_button.clicked.connect(self.clear_counts)
        self.confirm_button = action_button("truck", self.tr("Confirm shipment"), self.confirm,
                                            name="primary", tip="Ctrl+Enter")
        buttons = QVBoxLayout()
        for b in (self.confirm_button, self.all_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(box, 1)
        footer.addLayout(buttons)
        return footer

    # ------------------------------------------------------------------ loading

    def load(self, order_id: str) -> None:
        engine = self.ctx.engine
        self.ctx.read(lambda: load_order(engine, order_id), self._loaded)

    def _refresh(self) -> None:
        # The order may have changed by sync (cancelled!): show it, keep the counts if it can
        # still ship; otherwise say so.
        if self.order is not None:
            engine, order_id = self.ctx.engine, self.order.id
            self.ctx.read(lambda: load_order(engine, order_id), self._refreshed)

    def _refreshed(self, result: object) -> None:
        assert isinstance(result, tuple)
        order, _products = result
        if self.order is None or order.id != self.order.id:
            return
        if order.lines != self.order.lines or order.status != self.order.status:
            self._loaded(result)
        else:
            self.order = order
            self._show_header()

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        order, products = result
        same = self.order is not None and self.order.id == order.id
        counts = {r.line.product_id: r.count for r in self.model.rows} if same else {}
        self.order = order
        rows = [ShipLine(ln, products.get(ln.product_id),
                         min(counts.get(ln.product_id, 0), ln.remaining))
                for ln in order.lines]
        self.model.set_rows(rows)
        fit_columns(self.table)
        fit_height(self.table)
        if not same:
            self.tracking.clear()
            self.scan_box.set_error("")
            self.tracking_box.set_error("")
        self._show_header()
        self._summarise()
        self.scan.setFocus()

    def _show_header(self) -> None:
        order = self.order
        if order is None:
            return
        self.title.setText(self.tr("Ship order %1 — %2").replace("%1", order_number(order))
                           .replace("%2", order.customer_name_in(domain_lang())))
        delivery = self.ctx.fmt.date(order.delivery_date) or self.tr("not given")
        text = self.tr("%1 · requested delivery %2").replace(
            "%1", status_name(order.status)).replace("%2", delivery)
        if order.notes:
            text += " · " + self.tr("notes: %1").replace("%1", order.notes)
        if order.sync_state == "attention":
            text += " · " + self.tr("the server did not accept a change: see Conflicts")
        self.info.setText(text)
        self._enable()

    def _shippable(self) -> bool:
        return self.order is not None and self.order.status in ("confirmed",
                                                                "partially_shipped")

    def _enable(self) -> None:
        ok = self._shippable()
        for w in (self.scan, self.per_scan, self.table, self.all_button, self.clear_button,
                  self.carrier, self.tracking):
            w.setEnabled(ok)
        self.confirm_button.setEnabled(ok and bool(self.model.quantities()))
        if self.order is not None and not ok:
            self.summary.setText(self.tr("This order is %1 now: nothing can be shipped.")
                                 .replace("%1", status_name(self.order.status)))

    # ------------------------------------------------------------------ counting

    def scanned(self) -> None:
        """A scan (or a typed code) arrived: count it on its line."""
        text = scan = self.scan.text().strip()
        self.scan.clear()
        if not text and self._shippable() and self.model.quantities():
            self.tracking.setFocus(Qt.FocusReason.OtherFocusReason)  # done scanning
            self.tracking.selectAll()
            return
        if not text or not self._shippable():
            return
        times, text = parse_scan(text)
        row = self.model.row_of_code(text)
        if row is None:
            self._refused_scan(scan)
            self.scan_box.set_error(self.tr("“%1” is not on this order. Check the product "
                                            "or scan another.").replace("%1", text))
            return
        line = self.model.rows[row]
        per = 1
        if self.per_scan.currentData() == "case" and line.product and line.product.case_qty > 1:
            per = line.product.case_qty
        if self.model.set_count(row, line.count + per * times):
            p = line.product
            name = f"{p.sku} {product_name(p)}" if p else str(line.line.product_id)
            self.scan_box.set_hint(self.tr("%1: %2 of %3 counted").replace("%1", name)
                                   .replace("%2", self.ctx.fmt.integer(line.count))
                                   .replace("%3", self.ctx.fmt.integer(line.line.remaining)))
            self.table.selectRow(row)
        else:
            self._refused_scan(scan)

    def _refused_scan(self, scan: str) -> None:
        """A refused scan stays in the field, selected (the next scan replaces it), so the
        error beneath says what it is about."""
        self.scan.setText(scan)
        self.scan.selectAll()

    def count_all(self) -> None:
        for i, r in enumerate(self.model.rows):
            self.model.set_count(i, r.line.remaining)

    def clear_counts(self) -> None:
        for i in range(len(self.model.rows)):
            self.model.set_count(i, 0)
        self.scan_box.set_error("")

    def type_count(self, row: int, units: int) -> bool:
        """Type a quantity into a line (as the user does in the table)."""
        return self.model.setData(self.model.index(row, COUNT_COLUMN), str(units))

    def _summarise(self) -> None:
        counted = sum(r.count for r in self.model.rows)
        left = sum(r.backorder for r in self.model.rows)
        if not counted:
            text = self.tr("Nothing counted yet: scan the goods as they are packed.")
        elif left:
            text = self.tr("%1 %2").replace(
                "%1", self.tr("This shipment: %Ln unit(s).", "", counted)).replace(
                "%2", self.tr("%Ln unit(s) stay backordered and remain in the queue.", "", left))
        else:
            text = self.tr("This shipment: %Ln unit(s), everything left on the order.", "",
                           counted)
        self.summary.setText(text)
        self._enable()

    # ------------------------------------------------------------------ confirming

    def confirm(self) -> None:
        order = self.order
        quantities = self.model.quantities()
        if order is None or not quantities:
            return
        carrier = carrier_of(self.carrier.currentText())
        tracking = self.tracking.text().strip()
        if carrier != OWN_VEHICLE and not tracking:
            self.tracking_box.set_error(self.tr("Enter the tracking number from the waybill."))
            self.tracking.setFocus()
            return
        self.tracking_box.set_error("")
        engine = self.ctx.engine
        left = sum(r.backorder for r in self.model.rows)

        def done(shipment_id: object) -> None:
            self.ctx.message.emit(
                self.tr("Shipment of %1 recorded; %Ln unit(s) backordered. It is sent with the "
                        "next sync.", "", left).replace("%1", order_number(order)) if left else
                self.tr("Shipment of %1 recorded. It is sent with the next sync.").replace(
                    "%1", order_number(order)))
            self.order = None
            self.model.set_rows([])
            self.workspace.show_page("queue")
            # The delivery note goes with the goods: printed now, on the printer settings.
            open_delivery_note(self.ctx, order.id, str(shipment_id), self)

        self.ctx.write(lambda: engine.confirm_shipment(order.id, quantities, carrier=carrier,
                                                       tracking_number=tracking),
                       done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed):
            self.scan_box.set_error("\n".join(self.ctx.fmt.issue(i) for i in exc.errors))
            self._refresh()
            return
        self.ctx.error.emit(exc)
