"""Order entry: one draft (or an editable submitted order) for one customer.

Lines are saved as they are added (each change is one local transaction with its outbox row),
so nothing typed is lost; "Submit" runs the whole-order rules and queues the order for the
server. Works the same offline.

From the keyboard: Ctrl+K goes to the customer (code, name or pinyin, Enter), the product
field takes SKUs, barcodes, names and pinyin (Enter), then the quantity (Enter); Ctrl+Enter
submits, Ctrl+S saves, Ctrl+N starts a new order for the same customer. A new order is for the
customer chosen anywhere in the workspace (the customers list, the catalog), and the next one
after a submit too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sync_engine import domain as d
from sync_engine.client import errors as ce
from sync_engine.client.values import CustomerView, OrderView, ProductView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP
from ...labels import status_name
from ...models.base import ROW_ROLE
from ...models.tables import (
    LineRow,
    OrderLinesModel,
    load_order,
    load_order_for_entry,
    order_number,
)
from ...widgets.field import FieldBox
from ...widgets.keys import FINAL_ACTION, page_shortcut
from ...widgets.parts import action_button, wrapped_label
from ...widgets.tables import fit_columns, make_table, on_row_action
from ..page import NavEntry, WorkspacePage
from ..workspace import OrderingHost
from .credit_banner import CreditBanner
from .customer_field import CustomerField
from .entry_bar import EntryBar
from .promotions import PromotionsBox

__all__ = ["OrderEntryPage", "load_order"]  # load_order lives in models.tables



class OrderEntryPage(WorkspacePage["OrderingHost"]):
    nav = NavEntry("order", QT_TRANSLATE_NOOP("Navigation", "Order entry"), "order")

    def __init__(self, ctx: AppContext, workspace: OrderingHost) -> None:
        super().__init__(ctx, "orderEntryPage", workspace)
        self.order: OrderView | None = None
        self.products: dict[int, ProductView] = {}
        self.customer_fixed = False  # an owner orders for their own shop only
        self.customer_field = CustomerField(ctx)
        self.customer_field.chosen.connect(self._customer_chosen)
        self.customer_box = FieldBox(self.customer_field)
        self.customer_field.not_chosen.connect(self.customer_box.set_error)
        self.customer_field.textEdited.connect(lambda _t: self.customer_box.set_error(""))
        self.heading = QLabel()
        self.heading.setObjectName("detailTitle")
        self.new_button = action_button("order", self.tr("New order"), self.start_new, tip="Ctrl+N")
        customer_title = QLabel(self.tr("&Customer"))
        customer_title.setBuddy(self.customer_field)
        # Level with the field's text, not with the top of the box under it (its message).
        customer_title.setMinimumHeight(self.customer_field.sizeHint().height())
        top = QHBoxLayout()
        top.addWidget(customer_title, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.customer_box, 2, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        self.entry = EntryBar(ctx)
        self.entry.add_line.connect(self._add_line)
        self.entry.browse.connect(workspace.find_in_catalog)
        self.lines_model = OrderLinesModel()
        self.lines = make_table(stretch=2, model=self.lines_model, name="orderLines")
        on_row_action(self.lines, self._edit_line)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_line)
        self.issues = wrapped_label("", "issues")
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        self.account = CreditBanner(ctx)  # open and overdue receivables, before ordering
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.account)
        layout.addWidget(self.entry)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.issues)
        # The width of the lines, under them: what each promotion gave and the price basis.
        self.promotions_box = PromotionsBox(ctx.fmt)
        layout.addWidget(self.promotions_box)
        layout.addLayout(self._build_footer())
        page_shortcut("Ctrl+S", self, self.save_draft)
        page_shortcut(FINAL_ACTION, self, self.submit)
        page_shortcut("Ctrl+K", self, self.focus_customer)
        page_shortcut("Ctrl+N", self, self.start_new)
        workspace.customer_changed.connect(self._follow_customer)
        ctx.customers_changed.connect(self._reload_customer)
        self._set_customer(workspace.customer)
        self._show()

    def _build_footer(self) -> QHBoxLayout:
        details = QGroupBox(self.tr("Delivery and notes"))
        form = QFormLayout(details)
        self.delivery = QDateEdit()
        self.delivery.setCalendarPopup(True)
        self.delivery.setMinimumDate(QDate.currentDate())
        self.delivery.setDate(QDate.currentDate().addDays(2))
        self.has_delivery = QCheckBox(self.tr("Requested delivery date"))
        self.has_delivery.toggled.connect(self.delivery.setEnabled)
        self.delivery.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.has_delivery)
        row.addWidget(self.delivery)
        row.addStretch(1)
        self.delivery_box = FieldBox(QWidget())
        self.delivery_box.editor.setLayout(row)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Notes for the warehouse or the customer"))
        self.notes.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        form.addRow(self.delivery_box)
        form.addRow(self.tr("Notes"), self.notes)
        totals = QGroupBox(self.tr("Totals"))
        grid = QGridLayout(totals)
        self.net = QLabel()
        self.tax = QLabel()
        self.gross = QLabel()
        self.gross.setObjectName("total")
        self.credit = wrapped_label("", "hint")
        for r, (label, value) in enumerate(((self.tr("Net"), self.net),
                                            (self.tr("Tax"), self.tax),
                                            (self.tr("Total"), self.gross))):
            grid.addWidget(QLabel(label), r, 0)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, r, 1)
        grid.addWidget(self.credit, 3, 0, 1, 2)
        buttons = QVBoxLayout()
        self.save_button = action_button("save", self.tr("Save draft"), self.save_draft,
                                         tip="Ctrl+S")
        self.submit_button = action_button("submit", self.tr("Submit order"), self.submit,
                                           name="primary", tip="Ctrl+Enter")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(details, 3)
        footer.addWidget(totals, 2)
        footer.addLayout(buttons)
        return footer

    # ------------------------------------------------------------------ customer

    def customer(self) -> CustomerView | None:
        return self.customer_field.customer

    def _set_customer(self, customer: CustomerView | None) -> None:
        self.customer_field.set_customer(customer)
        self.customer_box.set_error("")
        self.entry.set_customer(customer)
        self._show()

    def _customer_chosen(self, customer: object) -> None:
        """Picked in the field: the order is for them, and so is the rest of the workspace."""
        assert isinstance(customer, CustomerView)
        if self.order is not None:
            return
        self._set_customer(customer)
        self.workspace.set_customer(customer)
        self.focus_main_field()

    def _follow_customer(self, customer: object) -> None:
        """Chosen elsewhere (the customers list, the catalog): a new order is for them."""
        current = self.customer()
        if self.order is None and isinstance(customer, CustomerView) and (
                current is None or customer.id != current.id):
            self._set_customer(customer)

    def _reload_customer(self) -> None:
        """The customer's data changed in a sync (credit limit, terms…): show the new one."""
        current = self.customer()
        if current is None:
            return
        engine = self.ctx.engine

        def load() -> CustomerView | None:
            try:
                return engine.customer(current.id)
            except ce.NotFound:
                return None

        def loaded(customer: object) -> None:
            if isinstance(customer, CustomerView) and self.customer() == current:
                self._set_customer(customer)

        self.ctx.read(load, loaded)

    def focus_customer(self) -> None:
        """Ctrl+K: the cursor in the customer field, ready to type another (a new order only:
        the customer of an order with lines is fixed)."""
        if self.order is not None and self.customer_field.isEnabled() is False:
            self.ctx.message.emit(self.tr("This order's customer is fixed. Ctrl+N starts a "
                                          "new order."))
            return
        self.customer_field.focus_for_choice()

    def focus_main_field(self) -> None:
        """Where the cursor goes when the page is shown: the product field (or the quantity
        of the product being entered); without a customer, the customer field."""
        if self.entry.isEnabled():
            if self.entry.product is not None:
                self.entry.quantity.setFocus()
                self.entry.quantity.selectAll()
            else:
                self.entry.code.setFocus()
        elif self.customer_field.isEnabled():
            self.customer_field.focus_for_choice()
        else:
            self.lines.setFocus()

    # ------------------------------------------------------------------ loading

    def start_new(self) -> None:
        """An empty entry for the current customer (the draft is made with its first line);
        the cursor goes to the customer field, ready to keep them (Enter) or type another."""
        self.order = None
        self.products = {}
        self.notes.clear()
        self.has_delivery.setChecked(False)
        self._set_customer(self.workspace.customer)
        self.entry.clear()
        if self.isVisible():
            self.customer_field.focus_for_choice()

    def new_for(self, customer_id: int) -> None:
        """A new order for this customer (from the customers list)."""
        self.order = None
        self.products = {}
        self.notes.clear()
        self.has_delivery.setChecked(False)
        self.entry.clear()
        workspace, engine = self.workspace, self.ctx.engine
        current = workspace.customer
        if current is not None and current.id == customer_id:
            self._set_customer(current)
            return

        def loaded(customer: object) -> None:
            if isinstance(customer, CustomerView) and self.order is None:
                self._set_customer(customer)
                workspace.set_customer(customer)
                if self.isVisible():
                    self.focus_main_field()

        self.ctx.read(lambda: engine.customer(customer_id), loaded)

    def load(self, order_id: str) -> None:
        """Open an existing draft or editable order."""
        engine = self.ctx.engine
        self.ctx.read(lambda: load_order_for_entry(engine, order_id), self._loaded)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        order, products, customer = result
        first_time = self.order is None or self.order.id != order.id
        self.order, self.products = order, products
        if first_time:
            self.notes.setPlainText(order.notes)
            self.has_delivery.setChecked(order.delivery_date is not None)
            if order.delivery_date is not None:
                self.delivery.setDate(QDate(order.delivery_date.year, order.delivery_date.month,
                                            order.delivery_date.day))
            self.customer_field.set_customer(customer)
            self.entry.set_customer(customer)
        self._show()
        self._check()
        if first_time and self.isVisible():
            self.focus_main_field()

    def pick_product(self, product: ProductView) -> None:
        """From the catalog: put the product in the entry, ready for its quantity."""
        self.entry.set_product(product)

    # ------------------------------------------------------------------ display

    def _editable(self) -> bool:
        return self.order is None or d.is_editable(d.OrderStatus(self.order.status))

    def _show(self) -> None:
        order = self.order
        fmt = self.ctx.fmt
        self.customer_field.setEnabled(order is None and not self.customer_fixed)
        if order is None:
            self.heading.setText(self.tr("New order"))
        else:
            self.heading.setText(self.tr("Order %1 · %2").replace("%1", order_number(order))
                                 .replace("%2", status_name(order.status)))
        self.lines_model.set_order(order, self.products)
        fit_columns(self.lines)
        self.net.setText(fmt.money(order.net if order else d.ZERO))
        self.tax.setText(fmt.money(order.tax if order else d.ZERO))
        self.gross.setText(fmt.money(order.gross if order else d.ZERO))
        customer = self.customer()
        self.promotions_box.show_order(order, self.products,
                                       customer is not None and customer.prices_include_tax)
        editable = self._editable()
        has_customer = self.customer() is not None
        self.entry.setEnabled(editable and has_customer)
        draft = order is None or order.status == "draft"
        self.submit_button.setText(self.tr("Submit order") if draft else self.tr("Done"))
        self.submit_button.setEnabled(editable and order is not None and bool(order.lines))
        self.save_button.setEnabled(editable and order is not None)
        if not has_customer:
            self.issues.setText(self.tr("Choose the customer first."))
        elif order is None:
            self.issues.setText("")  # nothing to check before the first line
        self._show_credit()

    def _show_credit(self) -> None:
        customer = self.customer()
        self.account.show_for(customer.id if customer else None)
        if customer is None or customer.credit_limit is None:
            self.credit.setText("")
            return
        limit = customer.credit_limit
        engine, fmt = self.ctx.engine, self.ctx.fmt

        def shown(used: object) -> None:
            assert isinstance(used, Decimal)
            self.credit.setText(self.tr("Credit limit %1, used by open orders %2").replace(
                "%1", fmt.money(limit)).replace("%2", fmt.money(used)))

        self.ctx.read(lambda: engine.credit_used(customer.id), shown)

    def _check(self) -> None:
        order = self.order
        if order is None:
            return
        engine = self.ctx.engine
        self.ctx.read(lambda: engine.check_order(order.id), self._show_issues)

    def _show_issues(self, issues: object) -> None:
        assert isinstance(issues, list)
        fmt = self.ctx.fmt
        parts = []
        for issue in issues:
            if issue.code == "lines_empty":
                continue  # obvious from the empty table
            color = "#b91c1c" if issue.is_error else "#b45309"
            where = self._where(issue.field)
            text = fmt.issue(issue).replace("&", "&amp;").replace("<", "&lt;")
            parts.append(f"<span style='color:{color}'>● {where}{text}</span>")
        self.issues.setText("<br>".join(parts))
        date_issues = [i for i in issues if i.field == "delivery_date" and i.is_error]
        self.delivery_box.set_error(fmt.issue(date_issues[0]) if date_issues else "")

    def _where(self, field: str) -> str:
        if field.startswith("lines[") and self.order is not None:
            index = int(field[6:field.index("]")])
            if index < len(self.order.lines):
                line = self.order.lines[index]
                product = self.products.get(line.product_id)
                sku = product.sku if product else str(line.product_id)
                return self.tr("Line %1 (%2): ").replace("%1", str(index + 1)).replace(
                    "%2", sku)
        return ""

    # ------------------------------------------------------------------ changes

    def _after_change(self, order: object) -> None:
        assert isinstance(order, OrderView)
        self.load(order.id)

    def _add_line(self, product: ProductView, units: int) -> None:
        customer = self.customer()
        if customer is None:
            self.issues.setText(self.tr("Choose the customer first."))
            return
        engine, order = self.ctx.engine, self.order

        def add() -> OrderView:
            if order is None:
                # Draft and first line in one transaction: an invalid line leaves nothing.
                return engine.create_draft(customer.id, {product.id: units})
            return engine.set_line(order.id, product.id, units)

        def added(result: object) -> None:
            self.products[product.id] = product
            self.entry.clear()
            self._after_change(result)

        self.ctx.write(add, added, self._line_failed)

    def _line_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed) and not isinstance(exc, ce.NotAllowed):
            self.entry.show_issues(list(exc.issues))
        else:
            self.ctx.error.emit(exc)

    def _edit_line(self) -> None:
        row = self.lines.currentIndex().data(ROW_ROLE)
        if isinstance(row, LineRow) and row.product is not None and self._editable():
            self.entry.set_product(row.product, units=row.line.quantity)

    def _remove_line(self) -> None:
        row = self.lines.currentIndex().data(ROW_ROLE)
        if not isinstance(row, LineRow) or self.order is None or not self._editable():
            return
        engine, order_id = self.ctx.engine, self.order.id
        self.ctx.write(lambda: engine.remove_line(order_id, row.line.product_id),
                       self._after_change)

    def _header_changes(self) -> tuple[str, dt.date | None]:
        date = self.delivery.date().toPython() if self.has_delivery.isChecked() else None
        assert date is None or isinstance(date, dt.date)
        return self.notes.toPlainText().strip(), date

    def _actionable(self) -> OrderView | None:
        """The order Ctrl+S or Ctrl+Enter acts on; without one, say why rather than nothing."""
        order = self.order
        if order is None:
            self.ctx.message.emit(self.tr("There is nothing to save or submit yet: the order "
                                          "is made with its first line."))
            return None
        if not self._editable():
            self.ctx.message.emit(self.tr("Order %1 can no longer be changed.").replace(
                "%1", order_number(order)))
            return None
        return order

    def save_draft(self) -> None:
        """Save notes and delivery date (lines are saved as they are added)."""
        order = self._actionable()
        if order is None:
            return
        engine, order_id = self.ctx.engine, order.id
        notes, date = self._header_changes()

        def saved(order: object) -> None:
            self.delivery_box.set_error("")
            self._after_change(order)
            self.ctx.message.emit(self.tr("Saved on this computer."))

        self.ctx.write(lambda: engine.update_order(order_id, notes=notes, delivery_date=date),
                       saved, self._submit_failed)

    def submit(self) -> None:
        """Save the header, run every rule, and queue the order for the server."""
        order = self._actionable()
        if order is None:
            return
        engine = self.ctx.engine
        notes, date = self._header_changes()

        def run() -> list[d.Issue]:
            engine.update_order(order.id, notes=notes, delivery_date=date)
            if order.status == "draft":
                return engine.submit(order.id)
            return []

        def submitted(warnings: object) -> None:
            assert isinstance(warnings, list)
            text = self.tr("Order %1 is submitted. It is sent to the server as soon as there "
                           "is a connection.").replace("%1", order_number(order))
            if order.status != "draft":
                text = self.tr("Changes to order %1 are saved and will be sent.").replace(
                    "%1", order_number(order))
            if warnings:
                text += "\n" + "\n".join(self.ctx.fmt.issue(w) for w in warnings)
            self.ctx.message.emit(text)
            # The next order is for the same customer, ready for its first line; the orders
            # page shows this one when the rep goes there.
            self.start_new()
            self.workspace.show_order(order.id, front=False)
            if self.isVisible():
                self.focus_main_field()

        self.ctx.write(run, submitted, self._submit_failed)

    def _submit_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed) and not isinstance(exc, ce.NotAllowed):
            self._show_issues(list(exc.issues))
        else:
            self.ctx.error.emit(exc)
