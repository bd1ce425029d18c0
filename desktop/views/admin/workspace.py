"""The back office's workspace: the review queue, sync health, every order, conflicts."""

from __future__ import annotations

from PySide6.QtCore import Signal

from sync_engine.client.values import CustomerView

from ...context import AppContext
from ..nav_workspace import NavWorkspace
from ..rep.conflicts import ConflictsPage
from ..rep.orders import OrdersPage
from .health import HealthPage
from .review import ReviewPage

__all__ = ["AdminWorkspace"]


class AdminWorkspace(NavWorkspace):
    customer_changed = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "adminWorkspace")
        self.customer: CustomerView | None = None
        self.review = ReviewPage(ctx, self)
        self.health = HealthPage(ctx)
        self.orders = OrdersPage(ctx, self)  # type: ignore[arg-type]
        self.conflicts = ConflictsPage(ctx, self)  # type: ignore[arg-type]
        self.add_page("review", self.tr("Review"), "review", self.review)
        self.add_page("health", self.tr("Sync health"), "health", self.health)
        self.add_page("orders", self.tr("Orders"), "orders", self.orders)
        self.add_page("conflicts", self.tr("Conflicts"), "conflict", self.conflicts)
        ctx.open_order.connect(lambda order_id: self.orders.show_order(order_id))
        self.nav.setCurrentRow(0)
        self.count_conflicts()
        self.health.refresh()

    def set_customer(self, customer: CustomerView | None) -> None:
        self.customer = customer

    def edit_order(self, order_id: str) -> None:
        self.orders.show_order(order_id)
