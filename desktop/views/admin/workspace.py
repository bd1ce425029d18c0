"""The back office's workspace: the review queue, returns, payments received, sync health, every
order, conflicts, and managing the fleet: devices, users, integration tokens."""

from __future__ import annotations

from ...context import AppContext
from ..shared.conflicts import ConflictsPage
from ..shared.orders import OrdersPage
from ..workspace import Workspace
from .devices import DevicesPage
from .health import HealthPage
from .integrations import IntegrationsPage
from .payments import PaymentsPage
from .returns import ReturnsReviewPage
from .review import ReviewPage
from .users import UsersPage

__all__ = ["AdminWorkspace"]


class AdminWorkspace(Workspace):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "adminWorkspace")
        self.review = ReviewPage(ctx, self)
        self.health = HealthPage(ctx)
        self.orders = OrdersPage(ctx, self)
        self.conflicts = ConflictsPage(ctx)  # the back office edits no one's orders
        self.devices = DevicesPage(ctx)
        self.users = UsersPage(ctx)
        self.integrations = IntegrationsPage(ctx)
        self.returns = ReturnsReviewPage(ctx, self)
        self.payments = PaymentsPage(ctx)
        self.add_pages(self.review, self.health, self.orders, self.conflicts, self.devices,
                       self.users, self.integrations, self.returns, self.payments)
        ctx.open_order.connect(lambda order_id: self.orders.show_order(order_id))
        # The server's lists are fetched when their page is first shown.
        self.nav.currentRowChanged.connect(lambda _row: self._first_shown())
        self.nav.setCurrentRow(0)
        self.count_conflicts()
        self.health.refresh()

    def _first_shown(self) -> None:
        page = self.pages.get(self.current_page())
        if isinstance(page, DevicesPage | UsersPage | IntegrationsPage | PaymentsPage) \
                and not page.loaded \
                and page.refresh_button.isEnabled():
            page.refresh()

    def edit_order(self, order_id: str) -> None:
        """The back office edits no one's orders: it shows them."""
        self.orders.show_order(order_id)
