"""The review queue: orders the auto-confirm rule held back (credit exceeded, stock short).
The back office confirms, or rejects with a reason the rep is told."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, OrderView, ProductView, StockView

from ...context import AppContext
from ...i18n import domain_lang, translate
from ...labels import hold_reasons_text, sync_state_name
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...models.products import product_name
from ...models.tables import order_number, quantity_text
from ...resources import icon
from ...widgets.field import FieldBox
from ...widgets.tables import fit_columns, make_table, table_pane
from ..shared.promotions import basis_label, promotion_lines
from .labels import ago

if TYPE_CHECKING:
    from .workspace import AdminWorkspace

__all__ = ["RejectDialog", "ReviewPage"]

_SHORT = QBrush(QColor("#b91c1c"))


@dataclass(frozen=True, slots=True)
class ReviewLine:
    product: ProductView | None
    product_id: int
    quantity: int
    gross: Decimal
    stock: StockView | None
    gift: str = ""  # the code of the promotion that gave the line free


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    order: OrderView
    customer: CustomerView | None
    credit_used: Decimal
    lines: list[ReviewLine]


def _detail(engine: Engine, order_id: str) -> ReviewDetail:
    order = engine.order(order_id)
    customer = None
    with contextlib.suppress(ce.NotFound):
        customer = engine.customer(order.customer_id)
    lines = []
    for ln in order.lines:
        product = None
        with contextlib.suppress(ce.NotFound):
            product = engine.product(ln.product_id)
        stock = engine.stock(ln.product_id, order.warehouse_id) if order.warehouse_id else None
        lines.append(ReviewLine(product, ln.product_id, ln.quantity, ln.gross, stock,
                                ln.promotion if ln.gift else ""))
    return ReviewDetail(order, customer, engine.credit_used(order.customer_id), lines)


class RejectDialog(QDialog):
    """Asks for the reason (required: the rep and the customer see it)."""

    def __init__(self, order: OrderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectDialog")
        self.setWindowTitle(self.tr("Reject order %1").replace("%1", order_number(order)))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("rejectReason")
        self.reason.setPlaceholderText(
            self.tr("e.g. credit limit exceeded: please pay the open invoices first")
        )
        self.reason_box = FieldBox(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            self.tr("Reject order"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Why? The sales rep is notified with this reason.")))
        layout.addWidget(self.reason_box)
        layout.addWidget(buttons)
        self.resize(480, 220)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _accept(self) -> None:
        if not self.text():
            self.reason_box.set_error(self.tr("Say why the order is rejected."))
            return
        self.accept()


class ReviewPage(QWidget):
    def __init__(self, ctx: AppContext, workspace: AdminWorkspace) -> None:
        super().__init__()
        self.setObjectName("reviewPage")
        self.ctx = ctx
        self.workspace = workspace
        self.detail: ReviewDetail | None = None
        self.now = dt.datetime.now(dt.UTC)
        fmt = ctx.fmt

        self.model: ListTableModel[OrderView] = ListTableModel(
            [
                Column(lambda: translate("Admin", "Order"), order_number),
                Column(
                    lambda: translate("Admin", "Customer"),
                    lambda o: o.customer_name_in(domain_lang()),
                ),
                Column(
                    lambda: translate("Admin", "Held because"),
                    lambda o: (
                        hold_reasons_text(o.hold_reasons)
                        or translate("Admin", "manual review")
                    ),
                    foreground=lambda o: _SHORT,
                ),
                Column(
                    lambda: translate("Admin", "Submitted"),
                    lambda o: ago(o.created_at, self.now),
                    tooltip=lambda o: fmt.timestamp(o.created_at),
                    sort=lambda o: o.created_at or "",
                ),
                Column(
                    lambda: translate("Admin", "Total"),
                    lambda o: fmt.money(o.gross),
                    align_right=True,
                ),
            ]
        )
        self.table = make_table(stretch=1)
        self.table.setObjectName("reviewQueue")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.empty = QLabel(
            self.tr(
                "No order waits for review. Orders the auto-confirm rule "
                "holds back (credit, stock) appear here."
            )
        )
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        # The queue over the decision, each the full width: side by side (~580 px each at
        # 1280×800) the customer name and the product name were cut to a word.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table_pane(self.table, self.empty))
        split.addWidget(self._build_detail())
        split.setSizes([220, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.reject_dialog: RejectDialog | None = None
        ctx.orders_changed.connect(self.reload)
        self.reload()

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Decision"))
        layout = QVBoxLayout(box)
        self.title = QLabel(self.tr("Choose an order."))
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        form = QFormLayout()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.credit = QLabel()
        self.credit.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        form.addRow(self.tr("Held because"), self.reasons)
        form.addRow(self.tr("Credit"), self.credit)
        form.addRow(self.tr("Notes"), self.notes)
        self.promotions = QLabel()
        self.promotions.setWordWrap(True)
        form.addRow(self.tr("Promotions"), self.promotions)
        fmt = self.ctx.fmt

        def short(r: ReviewLine) -> QBrush | None:
            return _SHORT if r.stock is not None and r.stock.available < r.quantity else None

        self.lines_model: ListTableModel[ReviewLine] = ListTableModel(
            [
                Column(
                    lambda: translate("Admin", "SKU"),
                    lambda r: r.product.sku if r.product else str(r.product_id),
                ),
                Column(
                    lambda: translate("Admin", "Product"),
                    lambda r: translate("Admin", "%1 (free: %2)").replace(
                        "%1", product_name(r.product) if r.product else "").replace(
                        "%2", r.gift) if r.gift else (
                        product_name(r.product) if r.product else ""),
                ),
                Column(
                    lambda: translate("Admin", "Quantity"),
                    lambda r: quantity_text(r.quantity, r.product),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Admin", "Available"),
                    lambda r: fmt.quantity(r.stock.available, r.product) if r.stock else "?",
                    align_right=True,
                    foreground=short,
                ),
                Column(
                    lambda: translate("Admin", "Total"),
                    lambda r: fmt.money(r.gross),
                    align_right=True,
                ),
            ]
        )
        self.lines = make_table(stretch=1)
        self.lines.setModel(self.lines_model)
        self.confirm_button = QPushButton(icon("review"), self.tr("Confirm order"))
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.reject_button = QPushButton(icon("cancel"), self.tr("Reject…"))
        self.reject_button.clicked.connect(self.ask_reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(buttons)
        self._enable()
        return box

    def reload(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(engine.review_queue, self._loaded)

    def _loaded(self, orders: object) -> None:
        assert isinstance(orders, list)
        current = self.detail.order.id if self.detail else None
        self.now = dt.datetime.now(dt.UTC)
        self.model.set_rows(orders)
        fit_columns(self.table)
        self.empty.setVisible(not orders)
        self.workspace.set_badge("review", len(orders))
        for i, o in enumerate(orders):
            if o.id == current:
                self.table.selectRow(i)
                break
        else:
            if orders:
                self.table.selectRow(0)
            else:
                self._show(None)

    def _selected(self) -> None:
        order = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(order, OrderView):
            engine = self.ctx.engine
            self.ctx.read(lambda: _detail(engine, order.id), self._show)

    def select_order(self, order_id: str) -> None:
        for i, o in enumerate(self.model.rows):
            if o.id == order_id:
                self.table.selectRow(i)

    def _show(self, detail: object) -> None:
        self.detail = detail if isinstance(detail, ReviewDetail) else None
        self._enable()
        if self.detail is None:
            self.title.setText(self.tr("Choose an order."))
            for label in (self.reasons, self.credit, self.notes, self.promotions):
                label.setText("")
            self.lines_model.set_rows([])
            return
        order, c, fmt = self.detail.order, self.detail.customer, self.ctx.fmt
        self.title.setText(
            self.tr("Order %1 — %2 · %3")
            .replace("%1", order_number(order))
            .replace("%2", order.customer_name_in(domain_lang()))
            .replace("%3", fmt.money(order.gross))
        )
        self.reasons.setText(
            hold_reasons_text(order.hold_reasons)
            or self.tr("manual review (auto-confirm is off)")
        )
        if c is not None and c.credit_limit is not None:
            self.credit.setText(
                self.tr("limit %1 · open orders %2 (with this one) · %3 over")
                .replace("%1", fmt.money(c.credit_limit))
                .replace("%2", fmt.money(self.detail.credit_used))
                .replace("%3", fmt.money(max(Decimal(0), self.detail.credit_used - c.credit_limit)))
            )
        else:
            self.credit.setText(self.tr("no credit limit"))
        notes = order.notes or "—"
        if order.sync_state != "synced":
            notes += " · " + sync_state_name(order.sync_state)
        self.notes.setText(notes)
        products = {r.product_id: r.product for r in self.detail.lines if r.product}
        given = promotion_lines(order.promotions, products, fmt)
        self.promotions.setText("\n".join(
            [basis_label(order.prices_include_tax), *(given or [self.tr("none")])]))
        self.lines_model.set_rows(self.detail.lines)
        fit_columns(self.lines)

    def _enable(self) -> None:
        ok = self.detail is not None and self.detail.order.status == "submitted"
        self.confirm_button.setEnabled(ok)
        self.reject_button.setEnabled(ok)

    def confirm(self) -> None:
        if self.detail is None:
            return
        order, engine = self.detail.order, self.ctx.engine
        self.detail = None
        self.ctx.write(
            lambda: engine.confirm_order(order.id),
            lambda _o: self.ctx.message.emit(
                self.tr("Order %1 confirmed. The rep is notified after the next sync.").replace(
                    "%1", order_number(order)
                )
            ),
        )

    def ask_reject(self) -> None:
        if self.detail is None:
            return
        order = self.detail.order
        dialog = RejectDialog(order, self)
        dialog.accepted.connect(lambda: self.reject_order(order, dialog.text()))
        self.reject_dialog = dialog
        dialog.open()

    def reject_order(self, order: OrderView, reason: str) -> None:
        engine = self.ctx.engine
        self.detail = None
        self.ctx.write(
            lambda: engine.reject_order(order.id, reason),
            lambda _o: self.ctx.message.emit(
                self.tr("Order %1 rejected. The rep is notified after the next sync.").replace(
                    "%1", order_number(order)
                )
            ),
        )
