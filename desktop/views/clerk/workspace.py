"""The warehouse clerk's workspace: the queue to ship, the shipment being counted, the
conflicts inbox (a shipment of an order cancelled meanwhile lands there), and the returns to
take in."""

from __future__ import annotations

from ...context import AppContext
from ..shared.conflicts import ConflictsPage
from ..workspace import Workspace
from .queue import ShipQueuePage
from .returns import ReceiveReturnsPage
from .ship import ShipPage

__all__ = ["ClerkWorkspace"]


class ClerkWorkspace(Workspace):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "clerkWorkspace")
        self.queue = ShipQueuePage(ctx, self)
        self.ship_page = ShipPage(ctx, self)
        self.conflicts = ConflictsPage(ctx)  # a clerk edits no orders
        self.returns = ReceiveReturnsPage(ctx, self)
        self.add_pages(self.queue, self.ship_page, self.conflicts, self.returns)
        self.nav.setCurrentRow(0)
        self.count_conflicts()

    def ship(self, order_id: str) -> None:
        """Open an order for counting and confirming its shipment."""
        self.ship_page.load(order_id)
        self.show_page("ship")
