"""The frame of a workspace that orders for one customer at a time (the rep's, the store
owner's): what the catalog, order entry and the orders list ask of it, answered once."""

from __future__ import annotations

from PySide6.QtCore import Signal

from sync_engine.client.values import CustomerView, ProductView

from ..workspace import Workspace
from .catalog import CatalogPage
from .order_entry import OrderEntryPage
from .orders import OrdersPage

__all__ = ["OrderingWorkspace"]


class OrderingWorkspace(Workspace):
    """An :class:`~desktop.views.workspace.OrderingHost`: the role's workspace makes the pages
    (``catalog``, ``order_entry``, ``orders``) and says who :attr:`customer` is."""

    customer_changed = Signal(object)  # CustomerView | None
    customer: CustomerView | None
    catalog: CatalogPage
    order_entry: OrderEntryPage
    orders: OrdersPage

    def open_order(self, order_id: str) -> None:
        """Drafts open in order entry; other orders in the orders page's detail."""
        self.orders.show_order(order_id, edit_if_draft=True)

    def show_order(self, order_id: str, *, front: bool = True) -> None:
        self.orders.show_order(order_id, front=front)

    def edit_order(self, order_id: str) -> None:
        self.order_entry.load(order_id)
        self.show_page("order")

    def pick_product(self, product: ProductView) -> None:
        self.order_entry.pick_product(product)
        self.show_page("order")

    def find_in_catalog(self, text: str) -> None:
        self.catalog.search_for(text)
        self.show_page("catalog")
