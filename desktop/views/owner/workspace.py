"""The store owner's workspace: suggestions and favourites, the catalog at their own prices,
the cart, their orders (with "order again" and receipt), and the conflicts inbox.

It reuses the rep's catalog, order entry and order pages with the customer fixed to the
owner's own account, so the rules, prices and checks are the same ones.
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QPushButton

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, OrderView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP
from ...models.base import ROW_ROLE
from ...models.products import CatalogRow
from ..page import NavEntry
from ..shared.catalog import CatalogPage
from ..shared.conflicts import ConflictsPage
from ..shared.order_entry import OrderEntryPage
from ..shared.ordering import OrderingWorkspace
from ..shared.orders import OrdersPage
from .home import OwnerHomePage
from .reorder import ReorderPage

__all__ = ["OwnerWorkspace", "add_to_cart"]

# The owner's own words for two pages the rep has too: their order is a cart, the orders theirs.
_CART = NavEntry("order", QT_TRANSLATE_NOOP("Navigation", "Cart"), "cart")
_MY_ORDERS = NavEntry("orders", QT_TRANSLATE_NOOP("Navigation", "My orders"), "orders")


def add_to_cart(engine: Engine, customer_id: int, draft_id: str | None,
                lines: dict[int, int]) -> OrderView:
    """Put ``lines`` (product → units) in the cart: the draft being edited, else the newest
    draft of the customer, else a new one (worker thread)."""
    if draft_id is None:
        drafts = engine.orders(status="draft", customer_id=customer_id, limit=1)
        draft_id = drafts[0].id if drafts else None
    if draft_id is None:
        return engine.create_draft(customer_id, lines)
    return engine.update_order(draft_id, lines=lines)


class OwnerWorkspace(OrderingWorkspace):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "ownerWorkspace")
        identity = ctx.engine.identity
        self.customer_id = identity.customer_id if identity is not None else None
        self.customer: CustomerView | None = None
        if self.customer_id is not None:
            # One local row; before the first sync it is not there yet (see _load_customer).
            with contextlib.suppress(ce.NotFound):
                self.customer = ctx.engine.customer(self.customer_id)
        self.home = OwnerHomePage(ctx, self)
        self.catalog = CatalogPage(ctx, self)
        self.order_entry = OrderEntryPage(ctx, self)
        self.orders = OrdersPage(ctx, self, reorder=self.reorder)
        self.reorder_page = ReorderPage(ctx, self)
        self.conflicts = ConflictsPage(ctx, self.edit_order)
        self.orders.table.hideColumn(1)  # the customer: always the owner's own shop
        # An owner orders for their own shop only.
        self.catalog.customer_combo.setEnabled(False)
        self.order_entry.customer_fixed = True
        self.order_entry.customer_field.setEnabled(False)
        self.favourite_button = QPushButton(self.tr("Favourite"))
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setCheckable(True)
        self.favourite_button.clicked.connect(self._toggle_favourite)
        self.catalog.add_detail_button(self.favourite_button)
        self.catalog.add_button.setText(self.tr("Add to cart"))
        self.catalog.table.selectionModel().currentRowChanged.connect(self._show_favourite)
        self.add_pages(self.home, self.catalog)
        self.add_page(self.order_entry, _CART)
        self.add_page(self.orders, _MY_ORDERS)
        self.add_pages(self.reorder_page, self.conflicts)
        ctx.open_order.connect(self.open_order)
        ctx.customers_changed.connect(self._load_customer)
        self.nav.setCurrentRow(0)
        self.count_conflicts()
        self._favourites: set[int] = set()
        self._load_favourites()

    def _load_customer(self) -> None:
        if self.customer is not None or self.customer_id is None:
            return
        engine, customer_id = self.ctx.engine, self.customer_id

        def load() -> CustomerView | None:
            try:
                return engine.customer(customer_id)
            except ce.NotFound:
                return None

        self.ctx.read(load, self._customer_loaded)

    def _customer_loaded(self, customer: object) -> None:
        if not isinstance(customer, CustomerView) or self.customer is not None:
            return
        self.customer = customer
        self.customer_changed.emit(customer)  # order entry and the catalog follow
        self.home.reload()

    # ------------------------------------------------------------------ what the pages ask

    def set_customer(self, customer: CustomerView | None) -> None:
        """The owner's customer never changes; other pages may still announce it."""
        if customer is not None and self.customer is not None and customer.id != self.customer.id:
            return

    def new_order_for(self, _customer_id: int) -> None:
        self.order_entry.start_new()
        self.show_page("order")

    def reorder(self, order_id: str) -> None:
        """"Order again": the differences are shown on their own page before any submit."""
        self.reorder_page.start(order_id)
        self.show_page("reorder")

    def add_to_cart(self, lines: dict[int, int]) -> None:
        if not lines or self.customer is None:
            return
        engine, customer_id = self.ctx.engine, self.customer.id
        current = self.order_entry.order
        draft_id = current.id if current is not None and current.status == "draft" else None

        def added(order: object) -> None:
            assert isinstance(order, OrderView)
            self.ctx.message.emit(self.tr("%n product(s) added to the cart.", "", len(lines)))
            self.edit_order(order.id)

        self.ctx.write(lambda: add_to_cart(engine, customer_id, draft_id, lines), added)

    # ------------------------------------------------------------------ favourites

    def _load_favourites(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(lambda: {p.id for p in engine.favourites()}, self._favourites_loaded)

    def _favourites_loaded(self, ids: object) -> None:
        assert isinstance(ids, set)
        self._favourites = ids
        self._show_favourite()

    def _current_product_id(self) -> int | None:
        row = self.catalog.table.currentIndex().data(ROW_ROLE)
        return row.product.id if isinstance(row, CatalogRow) else None

    def _show_favourite(self, *_args: object) -> None:
        pid = self._current_product_id()
        self.favourite_button.setEnabled(pid is not None)
        on = pid in self._favourites
        self.favourite_button.setChecked(on)
        self.favourite_button.setText(self.tr("★ Favourite") if on
                                      else self.tr("☆ Mark as favourite"))

    def _toggle_favourite(self) -> None:
        pid = self._current_product_id()
        if pid is None:
            return
        on = pid not in self._favourites
        engine = self.ctx.engine

        def done(_r: object) -> None:
            self._load_favourites()
            self.home.reload()

        self.ctx.write(lambda: engine.set_favourite(pid, on), done, orders=False)
