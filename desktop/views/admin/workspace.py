"""The back office's workspace: the review queue, returns, sync health, every order,
conflicts."""

from __future__ import annotations

from ...context import AppContext
from ..shared.conflicts import ConflictsPage
from ..shared.orders import OrdersPage
from ..workspace import Workspace
from .health import HealthPage
from .returns import ReturnsReviewPage
from .review import ReviewPage

__all__ = ["AdminWorkspace"]


class AdminWorkspace(Workspace):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "adminWorkspace")
        self.review = ReviewPage(ctx, self)
        self.health = HealthPage(ctx)
        self.orders = OrdersPage(ctx, self)
        self.conflicts = ConflictsPage(ctx)  # the back office edits no one's orders
        self.returns = ReturnsReviewPage(ctx, self)
        self.add_page("review", self.tr("Review"), "review", self.review)
        self.add_page("health", self.tr("Sync health"), "health", self.health)
        self.add_page("orders", self.tr("Orders"), "orders", self.orders)
        self.add_page("conflicts", self.tr("Conflicts"), "conflict", self.conflicts)
        self.add_page("returns", self.tr("Returns"), "return", self.returns)
        ctx.open_order.connect(lambda order_id: self.orders.show_order(order_id))
        self.nav.setCurrentRow(0)
        self.count_conflicts()
        self.health.refresh()

    def edit_order(self, order_id: str) -> None:
        """The back office edits no one's orders: it shows them."""
        self.orders.show_order(order_id)
