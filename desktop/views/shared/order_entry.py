"""Order entry: one draft (or an editable submitted order) for one customer.

Lines are saved as they are added (each change is one local transaction with its outbox row),
so nothing typed is lost; "Submit" runs the whole-order rules and queues the order for the
server. Works the same offline.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine import domain as d
from sync_engine.client import errors as ce
from sync_engine.client.values import CustomerView, OrderView, ProductView

from ...context import AppContext
from ...i18n import domain_lang
from ...labels import status_name
from ...models.base import ROW_ROLE
from ...models.tables import (
    LineRow,
    OrderLinesModel,
    customer_name,
    load_order,
    order_number,
)
from ...resources import icon
from ...widgets.field import FieldBox
from ...widgets.tables import fit_columns, make_table
from ..workspace import OrderingHost
from .entry_bar import EntryBar

__all__ = ["OrderEntryPage", "load_order"]  # load_order lives in models.tables


class OrderEntryPage(QWidget):
    def __init__(self, ctx: AppContext, workspace: OrderingHost) -> None:
        super().__init__()
        self.setObjectName("orderEntryPage")
        self.ctx = ctx
        self.workspace = workspace
        self.order: OrderView | None = None
        self.products: dict[int, ProductView] = {}
        self.customer_combo = QComboBox()
        self.customer_combo.setObjectName("entryCustomer")
        self.customer_combo.setMinimumWidth(300)
        self.customer_combo.currentIndexChanged.connect(self._customer_chosen)
        self.heading = QLabel()
        self.heading.setObjectName("detailTitle")
        new_button = QPushButton(icon("order"), self.tr("New order"))
        new_button.clicked.connect(self.start_new)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Customer")))
        top.addWidget(self.customer_combo)
        top.addWidget(self.heading, 1)
        top.addWidget(new_button)
        self.entry = EntryBar(ctx)
        self.entry.add_line.connect(self._add_line)
        self.entry.browse.connect(lambda: workspace.show_page("catalog"))
        self.lines_model = OrderLinesModel()
        self.lines = make_table(stretch=2)
        self.lines.setObjectName("orderLines")
        self.lines.setModel(self.lines_model)
        self.lines.doubleClicked.connect(self._edit_line)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_line)
        self.issues = QLabel()
        self.issues.setObjectName("issues")
        self.issues.setWordWrap(True)
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.entry)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.issues)
        layout.addLayout(self._build_footer())
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_draft)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        ctx.customers_changed.connect(self._load_customers)
        self._load_customers()
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
        self.notes.setMaximumHeight(64)
        form.addRow(self.delivery_box)
        form.addRow(self.tr("Notes"), self.notes)
        totals = QGroupBox(self.tr("Totals"))
        grid = QGridLayout(totals)
        self.net = QLabel()
        self.tax = QLabel()
        self.gross = QLabel()
        self.gross.setObjectName("total")
        self.credit = QLabel()
        self.credit.setObjectName("hint")
        self.credit.setWordWrap(True)
        for r, (label, value) in enumerate(((self.tr("Net"), self.net),
                                            (self.tr("Tax"), self.tax),
                                            (self.tr("Total"), self.gross))):
            grid.addWidget(QLabel(label), r, 0)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, r, 1)
        grid.addWidget(self.credit, 3, 0, 1, 2)
        buttons = QVBoxLayout()
        self.save_button = QPushButton(icon("save"), self.tr("Save draft"))
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button = QPushButton(icon("submit"), self.tr("Submit order"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setToolTip("Ctrl+Enter")
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(details, 3)
        footer.addWidget(totals, 2)
        footer.addLayout(buttons)
        return footer

    # ------------------------------------------------------------------ customer

    def _load_customers(self) -> None:
        self.ctx.read(lambda: self.ctx.engine.customers(), self._customers_loaded)

    def _customers_loaded(self, customers: object) -> None:
        assert isinstance(customers, list)
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        self.customer_combo.addItem(self.tr("Choose a customer…"), None)
        for c in customers:
            self.customer_combo.addItem(f"{c.code} {customer_name(c)}", c)
        self.customer_combo.blockSignals(False)
        wanted = self.order.customer_id if self.order else (
            self.workspace.customer.id if self.workspace.customer else None)
        self._select_customer(wanted)

    def _select_customer(self, customer_id: int | None) -> None:
        for i in range(self.customer_combo.count()):
            data = self.customer_combo.itemData(i)
            if (data is None and customer_id is None) or (
                    isinstance(data, CustomerView) and data.id == customer_id):
                self.customer_combo.setCurrentIndex(i)
                break
        self._customer_chosen()

    def customer(self) -> CustomerView | None:
        data = self.customer_combo.currentData()
        return data if isinstance(data, CustomerView) else None

    def _customer_chosen(self, *_args: object) -> None:
        customer = self.customer()
        self.entry.customer_id = customer.id if customer else None
        if customer is not None and self.order is None:
            self.workspace.set_customer(customer)
        self._show()

    # ------------------------------------------------------------------ loading

    def start_new(self) -> None:
        """An empty entry for the current customer (the draft is made with its first line)."""
        self.order = None
        self.products = {}
        self.notes.clear()
        self.has_delivery.setChecked(False)
        self._select_customer(self.workspace.customer.id if self.workspace.customer else None)
        self.entry.clear()

    def new_for(self, customer_id: int) -> None:
        self.start_new()
        self._select_customer(customer_id)
        self.entry.clear()

    def load(self, order_id: str) -> None:
        """Open an existing draft or editable order."""
        engine = self.ctx.engine
        self.ctx.read(lambda: load_order(engine, order_id), self._loaded)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        order, products = result
        first_time = self.order is None or self.order.id != order.id
        self.order, self.products = order, products
        if first_time:
            self.notes.setPlainText(order.notes)
            self.has_delivery.setChecked(order.delivery_date is not None)
            if order.delivery_date is not None:
                self.delivery.setDate(QDate(order.delivery_date.year, order.delivery_date.month,
                                            order.delivery_date.day))
            self._select_customer(order.customer_id)
        self._show()
        self._check()

    def pick_product(self, product: ProductView) -> None:
        """From the catalog: put the product in the entry, ready for its quantity."""
        self.entry.set_product(product)

    # ------------------------------------------------------------------ display

    def _editable(self) -> bool:
        return self.order is None or d.is_editable(d.OrderStatus(self.order.status))

    def _show(self) -> None:
        order = self.order
        fmt = self.ctx.fmt
        self.customer_combo.setEnabled(order is None)
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
        editable = self._editable()
        has_customer = self.customer() is not None
        self.entry.setEnabled(editable and has_customer)
        draft = order is None or order.status == "draft"
        self.submit_button.setText(self.tr("Submit order") if draft else self.tr("Done"))
        self.submit_button.setEnabled(editable and order is not None and bool(order.lines))
        self.save_button.setEnabled(editable and order is not None)
        if not has_customer:
            self.issues.setText(self.tr("Choose the customer first."))
        self._show_credit()

    def _show_credit(self) -> None:
        customer = self.customer()
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
        lang = domain_lang()
        parts = []
        for issue in issues:
            if issue.code == "lines_empty":
                continue  # obvious from the empty table
            color = "#b91c1c" if issue.is_error else "#b45309"
            where = self._where(issue.field)
            text = issue.message(lang).replace("&", "&amp;").replace("<", "&lt;")
            parts.append(f"<span style='color:{color}'>● {where}{text}</span>")
        self.issues.setText("<br>".join(parts))
        date_issues = [i for i in issues if i.field == "delivery_date" and i.is_error]
        self.delivery_box.set_error(date_issues[0].message(lang) if date_issues else "")

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

    def save_draft(self) -> None:
        """Save notes and delivery date (lines are saved as they are added)."""
        if self.order is None or not self._editable():
            return
        engine, order_id = self.ctx.engine, self.order.id
        notes, date = self._header_changes()

        def saved(order: object) -> None:
            self.delivery_box.set_error("")
            self._after_change(order)
            self.ctx.message.emit(self.tr("Saved on this computer."))

        self.ctx.write(lambda: engine.update_order(order_id, notes=notes, delivery_date=date),
                       saved, self._submit_failed)

    def submit(self) -> None:
        """Save the header, run every rule, and queue the order for the server."""
        if self.order is None or not self._editable():
            return
        engine, order = self.ctx.engine, self.order
        notes, date = self._header_changes()

        def run() -> list[d.Issue]:
            engine.update_order(order.id, notes=notes, delivery_date=date)
            if order.status == "draft":
                return engine.submit(order.id)
            return []

        def submitted(warnings: object) -> None:
            assert isinstance(warnings, list)
            lang = domain_lang()
            text = self.tr("Order %1 is submitted. It is sent to the server as soon as there "
                           "is a connection.").replace("%1", order_number(order))
            if order.status != "draft":
                text = self.tr("Changes to order %1 are saved and will be sent.").replace(
                    "%1", order_number(order))
            if warnings:
                text += "\n" + "\n".join(w.message(lang) for w in warnings)
            self.ctx.message.emit(text)
            order_id = order.id
            self.start_new()
            self.workspace.show_order(order_id)

        self.ctx.write(run, submitted, self._submit_failed)

    def _submit_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ce.ValidationFailed) and not isinstance(exc, ce.NotAllowed):
            self._show_issues(list(exc.issues))
        else:
            self.ctx.error.emit(exc)
