"""Customers: the rep's own, searchable; detail with credit, terms, recent orders, "new order".

From the keyboard: type in the search, Down into the list, Enter starts a new order for the
customer (Enter on a recent order opens it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.values import CustomerView, OrderView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP
from ...models.base import ROW_ROLE
from ...models.tables import CustomerListModel, OrderListModel, customer_name
from ...widgets.flow import FlowLayout
from ...widgets.parts import action_button, form_rows, two_panes, wrapped_label
from ...widgets.search_box import SearchBox
from ...widgets.tables import (
    ROWS_FIRST,
    fit_columns,
    fit_height,
    make_table,
    on_row_action,
    reselect,
    select_row_of,
)
from ..page import NavEntry, WorkspacePage
from ..shared.credit_banner import CreditBanner

if TYPE_CHECKING:
    from .workspace import RepWorkspace

__all__ = ["CustomersPage"]

_RECENT_DELIVERY = 3  # the column of the recent orders (order, status, created, delivery …)


class CustomersPage(WorkspacePage["RepWorkspace"]):
    nav = NavEntry("customers", QT_TRANSLATE_NOOP("Navigation", "Customers"), "customers")

    def __init__(self, ctx: AppContext, workspace: RepWorkspace) -> None:
        super().__init__(ctx, "customersPage", workspace)
        self.search = SearchBox(self.tr("Search customers by code, name or pinyin"), self.reload)
        self.model = CustomerListModel()
        self.table = make_table(stretch=1, model=self.model, on_current=self._selected)
        on_row_action(self.table, self._new_order)
        self.search.lead_to(self.table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        self.count = QLabel()
        self.count.setObjectName("hint")
        left_layout.addWidget(self.count)
        self.detail = self._build_detail()
        two_panes(self, left, self.detail, Qt.Orientation.Horizontal, sizes=(680, 560))
        self.customer: CustomerView | None = None
        ctx.orders_changed.connect(self._reload_detail)
        self.keep_loaded(self.reload, ctx.customers_changed)

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Customer"))
        box.setObjectName("customerDetail")
        layout = QVBoxLayout(box)
        self.title = wrapped_label("", "detailTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self.address = wrapped_label()
        self.phone = QLabel()
        self.terms = QLabel()
        self.limit = QLabel()
        self.used = QLabel()
        self.credit_bar = QProgressBar()
        self.credit_bar.setTextVisible(False)
        self.credit_bar.setMaximumHeight(8)
        layout.addLayout(form_rows(
            (self.tr("Address"), self.address), (self.tr("Phone"), self.phone),
            (self.tr("Payment terms"), self.terms), (self.tr("Credit limit"), self.limit),
            (self.tr("Used by open orders"), self.used), ("", self.credit_bar)))
        self.account = CreditBanner(self.ctx)  # receivables (账期) as of the last sync
        layout.addWidget(self.account)
        buttons = FlowLayout()
        self.new_order = action_button("order", self.tr("New order"), self._new_order,
                                       name="primary")
        self.show_catalog = action_button("catalog", self.tr("Catalog at this customer's "
                                                             "prices"), self._catalog)
        buttons.addWidget(self.new_order)
        buttons.addWidget(self.show_catalog)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Recent orders")))
        self.recent_model = OrderListModel(with_customer=False)
        self.recent = make_table(stretch=1)  # no name column: the status takes the room
        self.recent.setModel(self.recent_model)
        on_row_action(self.recent, self._open_recent)
        layout.addWidget(self.recent, ROWS_FIRST)
        layout.addStretch(1)
        self._set_enabled(False)
        return box

    def focus_main_field(self) -> None:
        """The cursor in the search, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _set_enabled(self, enabled: bool) -> None:
        self.new_order.setEnabled(enabled)
        self.show_catalog.setEnabled(enabled)

    def reload(self, *_args: object) -> None:
        text, engine = self.search.text(), self.ctx.engine
        self.ctx.read(lambda: engine.find_customers(text, limit=100_000) if text.strip()
                      else engine.customers(), self._loaded)

    def _loaded(self, customers: object) -> None:
        assert isinstance(customers, list)
        current = self.customer.id if self.customer else None
        self.model.set_rows(customers)
        fit_columns(self.table)
        self.count.setText(self.tr("%n customer(s)", "", len(customers)))
        reselect(self.table, customers, lambda c: c.id == current)

    def _selected(self) -> None:
        row = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(row, CustomerView):
            self.customer = row
            self.workspace.set_customer(row)
            self._reload_detail()

    def select_customer(self, customer_id: int) -> None:
        select_row_of(self.table, self.model.rows, lambda c: c.id == customer_id)

    def _reload_detail(self) -> None:
        customer = self.customer
        if customer is None:
            return
        engine = self.ctx.engine

        def load() -> tuple[Decimal, list[OrderView]]:
            return engine.credit_used(customer.id), engine.orders(customer_id=customer.id,
                                                                  limit=20)

        self.ctx.read(load, lambda result: self._show_detail(customer, *result))

    def _show_detail(self, c: CustomerView, used: Decimal, orders: list[OrderView]) -> None:
        if self.customer is None or c.id != self.customer.id:
            return
        fmt = self.ctx.fmt
        self.title.setText(customer_name(c))
        other = c.name if customer_name(c) != c.name else c.name_en
        self.subtitle.setText(f"{c.code} · {other}")
        self.address.setText(c.address)
        self.phone.setText(c.phone)
        self.terms.setText(self.ctx.fmt.terms(c.payment_terms))
        if c.credit_limit is None:
            self.limit.setText(self.tr("No limit"))
            self.credit_bar.hide()
        else:
            self.limit.setText(fmt.money(c.credit_limit))
            share = int(min(used / c.credit_limit, Decimal(1)) * 100) if c.credit_limit else 100
            self.credit_bar.setValue(share)
            self.credit_bar.setProperty("over", used > c.credit_limit)
            self.credit_bar.show()
        available = "" if c.credit_limit is None else self.tr(" (available %1)").replace(
            "%1", fmt.money(c.credit_limit - used))
        self.used.setText(fmt.money(used) + available)
        self.recent_model.set_rows(orders)
        # The delivery column only when an order asked for a date: its room goes to the status.
        self.recent.setColumnHidden(_RECENT_DELIVERY, not any(o.delivery_date for o in orders))
        fit_columns(self.recent)
        fit_height(self.recent)
        self.account.show_for(c.id)
        self._set_enabled(c.active)

    def _new_order(self) -> None:
        if self.customer is not None:
            self.ctx.new_order_for.emit(self.customer.id)

    def _catalog(self) -> None:
        self.workspace.show_page("catalog")

    def _open_recent(self) -> None:
        order = self.recent.currentIndex().data(ROW_ROLE)
        if isinstance(order, OrderView):
            self.ctx.open_order.emit(order.id)
