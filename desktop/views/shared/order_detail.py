"""One order: lines, totals, status history, shipments, the server's number once known; and
what may be done with it now (edit, cancel, order again, confirmation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from sync_engine import domain as d
from sync_engine.client import errors as ce
from sync_engine.client.values import (
    OrderView,
    ProductView,
    ReorderResult,
    ReturnView,
    ShipmentView,
)
from sync_engine.domain import returns

from ...confirmation import ConfirmationDialog
from ...context import AppContext
from ...i18n import domain_lang
from ...labels import (
    history_note,
    hold_reasons_text,
    return_reason_name,
    return_state,
    return_title,
    status_name,
    sync_state_name,
)
from ...models.base import Column, ListTableModel
from ...models.tables import OrderLinesModel, load_order, order_number
from ...paperwork import open_statement
from ...resources import icon
from ...widgets.flow import FlowLayout
from ...widgets.parts import action_button, wrapped_label
from ...widgets.scroll import ScrollingPane
from ...widgets.tables import fit_columns, make_table
from ..page import WorkspacePage
from ..workspace import OrdersHost

__all__ = ["OrderDetail"]


def _on_order(action: Callable[[OrderDetail, OrderView], None]) -> Callable[[OrderDetail], None]:
    """``action`` as the pane's buttons and shortcuts run it: on the order the pane shows, and
    not at all while it shows none."""

    def run(pane: OrderDetail) -> None:
        if pane.order is not None:
            action(pane, pane.order)

    run.__name__, run.__doc__ = action.__name__, action.__doc__
    return run


class OrderDetail(WorkspacePage["OrdersHost"]):
    """``reorder(order_id)`` is how the workspace orders again, where it has a review of the
    differences of its own; without one, "Order again" makes the new draft at once, says what
    differs, and opens it. ``loaded`` is emitted when an order is shown."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, workspace: OrdersHost,
                 reorder: Callable[[str], None] | None = None) -> None:
        super().__init__(ctx, "orderDetail", workspace)
        self.review_reorder = reorder
        self.order: OrderView | None = None
        self._wanted = ""
        self.products: dict[int, ProductView] = {}
        self.title = wrapped_label(self.tr("Choose an order."), "detailTitle")
        self.state = wrapped_label()
        head = QFormLayout()
        self.numbers = QLabel()
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers.setWordWrap(True)
        self.created = QLabel()
        self.delivery = wrapped_label()
        self.notes = wrapped_label()
        self.totals = wrapped_label("", "total")
        head.addRow(self.tr("Order no."), self.numbers)
        head.addRow(self.tr("Created"), self.created)
        head.addRow(self.tr("Delivery"), self.delivery)
        head.addRow(self.tr("Notes"), self.notes)
        head.addRow(self.tr("Total"), self.totals)
        self.lines_model = OrderLinesModel()
        self.lines = make_table(stretch=2, model=self.lines_model)
        self.history_model: ListTableModel[dict[str, object]] = ListTableModel([
            Column(lambda: self.tr("When"), lambda h: ctx.fmt.timestamp(str(h.get("at") or ""))),
            Column(lambda: self.tr("Status"), lambda h: status_name(str(h.get("status")))),
            Column(lambda: self.tr("Note"), lambda h: history_note(str(h.get("status")),
                                                                   str(h.get("reason") or ""))),
        ])
        self.history = make_table(model=self.history_model)
        self.shipments_model: ListTableModel[ShipmentView] = ListTableModel([
            Column(lambda: self.tr("Shipped"), lambda s: ctx.fmt.timestamp(s.shipped_at)
                   or self.tr("waiting to be sent")),
            Column(lambda: self.tr("Carrier"), lambda s: ctx.fmt.carrier(s.carrier)),
            Column(lambda: self.tr("Tracking"), lambda s: s.tracking_number),
            Column(lambda: self.tr("Units"), lambda s: ctx.fmt.integer(sum(q for _p, q in s.lines)),
                   align_right=True),
        ])
        self.shipments = make_table(model=self.shipments_model)
        self.returns_model: ListTableModel[ReturnView] = ListTableModel([
            Column(lambda: self.tr("Return"), return_title),
            Column(lambda: self.tr("Status"), return_state),
            Column(lambda: self.tr("Reason"), lambda r: return_reason_name(r.reason)),
            Column(lambda: self.tr("Units"), lambda r: ctx.fmt.integer(r.units), align_right=True),
            Column(lambda: self.tr("Credited"), lambda r: ctx.fmt.money(r.credit_amount),
                   align_right=True),
        ])
        self.returns = make_table(model=self.returns_model, name="orderReturns")
        tabs = QTabWidget()
        tabs.addTab(self.lines, self.tr("Lines"))
        tabs.addTab(self.history, self.tr("Status history"))
        tabs.addTab(self.shipments, self.tr("Shipments"))
        tabs.addTab(self.returns, self.tr("Returns"))
        self.tabs = tabs
        self.edit_button = action_button("edit", self.tr("Edit"), self._edit, tip="Ctrl+E")
        self.cancel_button = action_button("cancel", self.tr("Cancel order…"), self._cancel)
        self.reorder_button = action_button("reorder", self.tr("Order again"), self._reorder,
                                            tip="Ctrl+R")
        self.print_button = action_button("print", self.tr("Confirmation…"),
                                          self.show_confirmation, tip="Ctrl+P")
        self.receive_button = action_button("receive", self.tr("Confirm receipt…"),
                                            self.confirm_receipt, name="receiveButton")
        self.return_button = action_button("return", self.tr("Return goods…"), self.ask_return,
                                           name="returnButton")
        self.statement_button = QPushButton(icon("print"), self.tr("Statement…"))
        self.statement_button.setObjectName("statementButton")
        self.statement_button.setToolTip(self.tr("The customer's monthly statement (对账单)"))
        self.statement_button.clicked.connect(self.show_statement)
        identity = ctx.engine.identity
        self.role = d.Role(identity.role) if identity else d.Role.SALES_REP
        buttons = FlowLayout()  # wraps in a narrow pane instead of widening it
        for b in (self.edit_button, self.cancel_button, self.reorder_button, self.receive_button,
                  self.return_button, self.print_button, self.statement_button):
            buttons.addWidget(b)
        box = QGroupBox()
        layout = QVBoxLayout(box)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addLayout(head)
        layout.addLayout(buttons)
        layout.addWidget(tabs, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        pane = ScrollingPane()  # on a small screen the pane scrolls, not the page
        outer.addWidget(pane)
        pane.set_content(box)
        self._enable()

    def show_order(self, order_id: str) -> None:
        engine = self.ctx.engine
        self._wanted = order_id  # reads finish in any order: only this one's is shown

        def load() -> tuple[OrderView, dict[int, ProductView], list[ShipmentView],
                            list[ReturnView]]:
            order, products = load_order(engine, order_id)
            return order, products, engine.shipments(order_id), engine.returns(order_id=order_id)

        self.ctx.read(load, self._loaded)

    def reload(self) -> None:
        """Read the order shown (or being shown) again."""
        if self._wanted:
            self.show_order(self._wanted)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        order, products, shipments, returns = result
        if order.id != self._wanted:
            return
        self.order, self.products = order, products
        fmt = self.ctx.fmt
        self.title.setText(self.tr("Order %1 — %2").replace("%1", order_number(order))
                           .replace("%2", order.customer_name_in(domain_lang())))
        state = status_name(order.status)
        if order.sync_state != "synced":
            state += f" · {sync_state_name(order.sync_state)}"
        if order.hold_reasons:
            state += " · " + self.tr("held for review: %1").replace(
                "%1", hold_reasons_text(order.hold_reasons))
        self.state.setText(state)
        self.state.setProperty("attention", order.sync_state == "attention")
        if not order.number:
            self.numbers.setText(self.tr("%1 (the server numbers the order when it "
                                         "arrives)").replace("%1", order.local_number))
        elif order.local_number:
            self.numbers.setText(self.tr("%1 (saved first as %2)").replace("%1", order.number)
                                 .replace("%2", order.local_number))
        else:
            self.numbers.setText(order.number)
        self.created.setText(fmt.timestamp(order.created_at))
        self.delivery.setText(fmt.date(order.delivery_date) or self.tr("no date requested"))
        notes = order.notes or "—"
        if order.receipt_note:
            notes += "\n" + self.tr("On receipt: %1").replace("%1", order.receipt_note)
        self.notes.setText(notes)
        self.totals.setText(self.tr("%1 (net %2 + tax %3)").replace("%1", fmt.money(order.gross))
                            .replace("%2", fmt.money(order.net)).replace(
                                "%3", fmt.money(order.tax)))
        self.lines_model.set_order(order, products)
        fit_columns(self.lines)
        self.history_model.set_rows(list(order.history))
        fit_columns(self.history)
        self.shipments_model.set_rows(shipments)
        self.returns_model.set_rows(returns)
        fit_columns(self.returns)
        self._enable()
        self.loaded.emit()

    def _enable(self) -> None:
        order = self.order
        status = d.OrderStatus(order.status) if order else None
        shipped_any = bool(order and any(ln.shipped_qty for ln in order.lines))
        role = self.role
        orders = d.allowed(d.OrderStatus.DRAFT, d.OrderStatus.SUBMITTED, role)
        self.edit_button.setEnabled(orders and status is not None and d.is_editable(status))
        self.cancel_button.setEnabled(
            status is not None and status is not d.OrderStatus.DRAFT
            and d.is_cancellable(status, shipped_any)
            and d.allowed(status, d.OrderStatus.CANCELLED, role))
        self.reorder_button.setEnabled(orders and order is not None and bool(order.lines))
        self.receive_button.setVisible(d.allowed(d.OrderStatus.SHIPPED, d.OrderStatus.CLOSED,
                                                 role))
        self.receive_button.setEnabled(status is d.OrderStatus.SHIPPED)
        self.print_button.setEnabled(order is not None and bool(order.lines))
        self.return_button.setVisible(returns.check_role("request", role) is None)
        self.return_button.setEnabled(shipped_any)
        self.statement_button.setVisible(role in (d.Role.ADMIN, d.Role.STORE_OWNER))
        self.statement_button.setEnabled(order is not None)

    def run_action(self, button: QPushButton) -> None:
        """A button's action from its shortcut, when the button is offered now."""
        if button.isVisible() and button.isEnabled():
            button.click()

    @_on_order
    def _edit(self, order: OrderView) -> None:
        self.workspace.edit_order(order.id)

    @_on_order
    def _cancel(self, order: OrderView) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Cancel order"),
            self.tr("Cancel order %1? The reason is shown to the back office:").replace(
                "%1", order_number(order)))
        if not ok:
            return
        engine = self.ctx.engine
        self.ctx.write(lambda: engine.cancel(order.id, reason.strip()),
                       lambda _o: self.show_order(order.id))

    @_on_order
    def confirm_receipt(self, order: OrderView) -> None:
        """Ask what arrived; then close the order with the note (offline too)."""
        from .receipt import ReceiptDialog

        dialog = ReceiptDialog(order, self.products, self.ctx, self)
        self.receipt = dialog
        dialog.open()

    @_on_order
    def ask_return(self, order: OrderView) -> None:
        """Ask goods of this order back: how many of what, and why (offline too)."""
        from .return_request import ReturnRequestDialog

        engine = self.ctx.engine

        def opened(returnable: object) -> None:
            assert isinstance(returnable, dict)
            dialog = ReturnRequestDialog(self.ctx, order, self.products, returnable, self)
            dialog.accepted.connect(self.reload)
            self.return_dialog = dialog
            dialog.open()

        self.ctx.read(lambda: engine.returnable(order.id), opened)

    @_on_order
    def _reorder(self, order: OrderView) -> None:
        if self.review_reorder is not None:
            self.review_reorder(order.id)
            return
        engine = self.ctx.engine
        self.ctx.write(lambda: engine.reorder(order.id), self._reordered)

    def _reordered(self, result: object) -> None:
        assert isinstance(result, ReorderResult)
        if result.differences:
            notes = []
            for diff in result.differences:
                product = self.products.get(diff.product_id)
                sku = product.sku if product else str(diff.product_id)
                if diff.kind == "price_changed" and diff.new_unit_price is not None:
                    notes.append(self.tr("%1: price now %2 (was %3)").replace("%1", sku).replace(
                        "%2", self.ctx.fmt.unit_price(diff.new_unit_price)).replace(
                        "%3", self.ctx.fmt.unit_price(diff.old_unit_price or d.ZERO)))
                elif diff.issue is not None:
                    notes.append(f"{sku}: {self.ctx.fmt.issue(diff.issue)}")
                else:
                    notes.append(self.tr("%1: left out (%2)").replace("%1", sku).replace(
                        "%2", diff.kind))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Order again"),
                              self.tr("A new draft was made at today's prices. Differences:")
                              + "\n\n" + "\n".join(notes), QMessageBox.StandardButton.Ok, self)
            box.open()
        self.workspace.edit_order(result.draft.id)

    @_on_order
    def show_confirmation(self, order: OrderView) -> None:
        customer = None
        try:
            customer = self.ctx.engine.customer(order.customer_id)
        except ce.NotFound:  # the customer left this device: print without the address
            customer = None
        dialog = ConfirmationDialog(order, self.products, customer, self.ctx.fmt, self)
        self.confirmation = dialog
        dialog.open()

    @_on_order
    def show_statement(self, order: OrderView) -> None:
        """The monthly statement of the order's customer (the back office may pick another)."""
        engine, wanted = self.ctx.engine, order.customer_id
        customers = [c for c in engine.customers(include_inactive=True)
                     if self.role is d.Role.ADMIN or c.id == wanted]
        customers.sort(key=lambda c: (c.id != wanted, c.code))
        open_statement(self.ctx, customers, self)
