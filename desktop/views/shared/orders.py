"""Orders: the history by status, with filter and search, and the detail of one.

From the keyboard: the cursor starts on the list; Enter opens a draft in order entry, else
moves into the order's detail; Ctrl+E edits, Ctrl+R orders again,
Ctrl+P shows the confirmation; Ctrl+F searches. The detail pane is hidden until an order is
chosen, so the list has the room; on a narrow window it sits under the list, not beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sync_engine import domain as d
from sync_engine.client.values import OrderView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP
from ...labels import status_name
from ...models.base import ROW_ROLE
from ...models.tables import OrderListModel
from ...widgets.keys import page_shortcut
from ...widgets.parts import two_panes
from ...widgets.search_box import SearchBox
from ...widgets.tables import fit_columns, make_table, on_row_action
from ..page import NavEntry, WorkspacePage
from ..workspace import OrdersHost
from .order_detail import OrderDetail

__all__ = ["OrdersPage"]

_STATUSES = ("draft", "submitted", "confirmed", "partially_shipped", "shipped", "closed",
             "cancelled", "rejected")
_LIMIT = 500
# Below this width the list and an order's detail do not both fit side by side (each has a
# table of six to eight columns): the detail goes under the list instead.
_SIDE_BY_SIDE = 1500


class OrdersPage(WorkspacePage["OrdersHost"]):
    """``reorder``: see :class:`.OrderDetail`."""

    nav = NavEntry("orders", QT_TRANSLATE_NOOP("Navigation", "Orders"), "orders")

    def __init__(self, ctx: AppContext, workspace: OrdersHost,
                 reorder: Callable[[str], None] | None = None) -> None:
        super().__init__(ctx, "ordersPage", workspace)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for s in _STATUSES:
            self.status.addItem(status_name(s), s)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.search = SearchBox(self.tr("Search by order number, customer or notes"),
                                lambda _t: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.status)
        top.addWidget(self.search, 1)
        self.model = OrderListModel()
        self.table = make_table(stretch=1, model=self.model, name="ordersTable",
                                on_current=self._selected)
        on_row_action(self.table, self._open_current)
        self.search.lead_to(self.table)
        self.count = QLabel()
        self.count.setObjectName("hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.detail = OrderDetail(ctx, workspace, reorder)
        self.detail.hide()  # until an order is chosen: an empty pane only takes the list's width
        self.detail.loaded.connect(self.detail.show)
        self.split = two_panes(self, left, self.detail, Qt.Orientation.Horizontal, stretch=(1, 1))
        detail = self.detail
        for keys, button in (("Ctrl+E", detail.edit_button), ("Ctrl+R", detail.reorder_button),
                             ("Ctrl+P", detail.print_button)):
            page_shortcut(keys, self, partial(detail.run_action, button))
        page_shortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._wanted: str | None = None
        self.keep_loaded(self.reload, ctx.orders_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= _SIDE_BY_SIDE
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)
            # Beside each other half and half; one under the other, the detail (a header and
            # its own table) a little more.
            room = self.split.width() if wide else self.split.height()
            first = room // 2 if wide else room * 2 // 5
            self.split.setSizes([first, room - first])

    def focus_main_field(self) -> None:
        """The cursor on the list (Down goes to its first order)."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_current(self) -> None:
        """Enter on an order: a draft goes on in order entry; another order's detail takes the
        cursor (Ctrl+E edits it where it still can be edited)."""
        order = self.table.currentIndex().data(ROW_ROLE)
        if not isinstance(order, OrderView):
            return
        if order.status == "draft" and d.allowed(d.OrderStatus.DRAFT, d.OrderStatus.SUBMITTED,
                                                  self.detail.role):
            self.workspace.edit_order(order.id)
        else:
            self.detail.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        status = self.status.currentData()
        text = self.search.text().strip()
        engine = self.ctx.engine
        self.ctx.read(lambda: engine.orders(status=status, text=text, limit=_LIMIT), self._loaded)

    def _loaded(self, orders: object) -> None:
        assert isinstance(orders, list)
        current = self._wanted or (self.detail.order.id if self.detail.order else None)
        self.model.set_rows(orders)
        fit_columns(self.table)
        self.count.setText(self.tr("%n order(s)", "", len(orders)) if len(orders) < _LIMIT
                           else self.tr("the latest %1 orders; filter to see others").replace(
                               "%1", str(_LIMIT)))
        for i, o in enumerate(orders):
            if o.id == current:
                self.table.selectRow(i)
                break
        else:
            if current is not None:
                self.detail.show_order(current)
        self._wanted = None
        self.detail.reload()

    def _selected(self) -> None:
        order = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(order, OrderView) and (self.detail.order is None
                                             or self.detail.order.id != order.id):
            self.detail.show_order(order.id)

    def show_order(self, order_id: str, *, edit_if_draft: bool = False,
                   front: bool = True) -> None:
        """Show an order's detail (drafts go to order entry when ``edit_if_draft``); ``front``:
        bring the page to the front too."""
        engine = self.ctx.engine

        def shown(order: object) -> None:
            assert isinstance(order, OrderView)
            if edit_if_draft and order.status == "draft":
                self.workspace.edit_order(order_id)
                return
            if front:
                self.workspace.show_page("orders")
            self._wanted = order_id
            if self.status.currentData() not in (None, order.status):
                self.status.setCurrentIndex(0)  # reloads
            else:
                self.reload()

        self.ctx.read(lambda: engine.order(order_id), shown)
