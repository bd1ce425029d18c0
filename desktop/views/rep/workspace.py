"""The sales rep's workspace: a navigation list and one page per job."""

from __future__ import annotations

from sync_engine.client.values import CustomerView

from ...context import AppContext
from ..shared.catalog import CatalogPage
from ..shared.conflicts import ConflictsPage
from ..shared.order_entry import OrderEntryPage
from ..shared.ordering import OrderingWorkspace
from ..shared.orders import OrdersPage
from .customers import CustomersPage

__all__ = ["RepWorkspace"]


class RepWorkspace(OrderingWorkspace):
    """Customers → catalog → order entry → orders, and the conflicts inbox.

    The customer chosen on one page is the customer of the others (whose prices the catalog
    shows, for whom a new order is made): ``customer_changed`` keeps them in step.
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "repWorkspace")
        self.customer: CustomerView | None = None
        self.customers = CustomersPage(ctx, self)
        self.catalog = CatalogPage(ctx, self)
        self.order_entry = OrderEntryPage(ctx, self)
        self.orders = OrdersPage(ctx, self)
        self.conflicts = ConflictsPage(ctx, self.edit_order)
        self.add_pages(self.customers, self.catalog, self.order_entry, self.orders,
                       self.conflicts)
        ctx.open_order.connect(self.open_order)
        ctx.new_order_for.connect(self.new_order_for)
        self.nav.setCurrentRow(0)
        self.count_conflicts()

    def set_customer(self, customer: CustomerView | None) -> None:
        """Make ``customer`` the one the catalog and a new order are for."""
        if customer == self.customer:
            return
        self.customer = customer
        self.customer_changed.emit(customer)

    def new_order_for(self, customer_id: int) -> None:
        self.order_entry.new_for(customer_id)
        self.show_page("order")
