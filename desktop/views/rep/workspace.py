"""The sales rep's workspace: a navigation list and one page per job."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from sync_engine.client.values import CustomerView

from ...context import AppContext
from ...resources import icon
from .catalog import CatalogPage
from .conflicts import ConflictsPage
from .customers import CustomersPage
from .order_entry import OrderEntryPage
from .orders import OrdersPage

__all__ = ["RepWorkspace"]


class RepWorkspace(QWidget):
    """Customers → catalog → order entry → orders, and the conflicts inbox.

    The customer chosen on one page is the customer of the others (whose prices the catalog
    shows, for whom a new order is made): ``customer_changed`` keeps them in step.
    """

    customer_changed = Signal(object)  # CustomerView | None

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("repWorkspace")
        self.ctx = ctx
        self.customer: CustomerView | None = None
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(168)
        self.stack = QStackedWidget()
        self.customers = CustomersPage(ctx, self)
        self.catalog = CatalogPage(ctx, self)
        self.order_entry = OrderEntryPage(ctx, self)
        self.orders = OrdersPage(ctx, self)
        self.conflicts = ConflictsPage(ctx, self)
        self.pages: dict[str, QWidget] = {
            "customers": self.customers,
            "catalog": self.catalog,
            "order": self.order_entry,
            "orders": self.orders,
            "conflicts": self.conflicts,
        }
        self.page_titles = {
            "customers": self.tr("Customers"),
            "catalog": self.tr("Catalog"),
            "order": self.tr("Order entry"),
            "orders": self.tr("Orders"),
            "conflicts": self.tr("Conflicts"),
        }
        icons = {"customers": "customers", "catalog": "catalog", "order": "order",
                 "orders": "orders", "conflicts": "conflict"}
        for name, page in self.pages.items():
            item = QListWidgetItem(icon(icons[name]), self.page_titles[name])
            item.setData(256, name)
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        ctx.open_order.connect(self.open_order)
        ctx.new_order_for.connect(self.new_order_for)
        ctx.conflicts_changed.connect(self._count_conflicts)
        self.nav.setCurrentRow(0)
        self._count_conflicts()

    def show_page(self, name: str) -> None:
        """Bring a page to the front by name."""
        if name in self.pages:
            self.nav.setCurrentRow(list(self.pages).index(name))

    def set_customer(self, customer: CustomerView | None) -> None:
        """Make ``customer`` the one the catalog and a new order are for."""
        if customer == self.customer:
            return
        self.customer = customer
        self.customer_changed.emit(customer)

    def open_order(self, order_id: str) -> None:
        """Drafts open in order entry; other orders in the orders page's detail."""
        self.orders.show_order(order_id, edit_if_draft=True)

    def edit_order(self, order_id: str) -> None:
        self.order_entry.load(order_id)
        self.show_page("order")

    def new_order_for(self, customer_id: int) -> None:
        self.order_entry.new_for(customer_id)
        self.show_page("order")

    def _count_conflicts(self) -> None:
        def count() -> int:
            return len(self.ctx.engine.conflicts())

        def show(n: object) -> None:
            title = self.page_titles["conflicts"]
            item = self.nav.item(list(self.pages).index("conflicts"))
            item.setText(f"{title} ({n})" if n else title)

        self.ctx.read(count, show)

    def save_state(self) -> None:
        """Remember splitter positions (called when the window closes)."""
        for page in self.pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save()
