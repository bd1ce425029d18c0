"""The shipping queue: confirmed and partially shipped orders of the clerk's warehouse,
sortable by the day to ship by (requested, else placed) and customer; pick lists for one
order or several.

From the keyboard: the cursor starts on the queue, Enter ships the order, Shift+arrows select
several, Ctrl+P shows their pick list; Ctrl+F searches, and Enter on a search that finds one
order (its number typed or scanned) ships it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, ProductView, ShipQueueItem

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...labels import status_name
from ...models.base import ROW_ROLE, SORT_ROLE, Column, ListTableModel
from ...models.tables import count_column, order_number
from ...picklist import PickListDialog, pick_list_html
from ...widgets.keys import page_shortcut
from ...widgets.parts import action_button, wrapped_label
from ...widgets.search_box import SearchBox
from ...widgets.tables import fit_columns, make_table, on_row_action
from ..page import NavEntry, WorkspacePage

if TYPE_CHECKING:
    from .workspace import ClerkWorkspace

__all__ = ["ShipQueueModel", "ShipQueuePage", "load_pick_data", "ship_by"]

_PARTIAL = QBrush(QColor("#b45309"))
_PLACED = QBrush(QColor("#6b7280"))


def ship_by(item: ShipQueueItem) -> dt.date:
    """The day an order should go: the delivery date asked for, else the day it was placed
    (every order has one, so the queue sorts by what every row shows)."""
    if item.order.delivery_date is not None:
        return item.order.delivery_date
    placed = dt.datetime.fromisoformat(item.order.created_at)
    if placed.tzinfo is None:
        placed = placed.replace(tzinfo=dt.UTC)
    return placed.astimezone().date()


class ShipQueueModel(ListTableModel[ShipQueueItem]):
    def __init__(self, ctx: AppContext) -> None:
        fmt = ctx.fmt

        super().__init__(
            [
                Column(lambda: translate("Clerk", "Order"), lambda i: order_number(i.order)),
                Column(
                    lambda: translate("Clerk", "Customer"),
                    lambda i: f"{i.customer_code} {i.order.customer_name_in(domain_lang())}",
                    sort=lambda i: i.customer_code,
                ),
                Column(
                    lambda: translate("Clerk", "Ship by"),
                    lambda i: (fmt.date(i.order.delivery_date) if i.order.delivery_date
                               else translate("Clerk", "%1 (placed)").replace(
                                   "%1", fmt.date(ship_by(i)))),
                    tooltip=lambda i: (translate("Clerk", "The delivery date asked for")
                                       if i.order.delivery_date else translate(
                                           "Clerk", "No delivery date asked for: the day the "
                                           "order was placed")),
                    foreground=lambda i: None if i.order.delivery_date else _PLACED,
                    sort=lambda i: ship_by(i).isoformat() + i.order.created_at,
                ),
                Column(
                    lambda: translate("Clerk", "Status"),
                    lambda i: status_name(i.order.status),
                    foreground=lambda i: _PARTIAL if i.shipped_units else None,
                ),
                count_column(lambda: translate("Clerk", "Open lines"), lambda i: i.open_lines, fmt),
                Column(
                    lambda: translate("Clerk", "Shipped"),
                    lambda i: f"{fmt.integer(i.shipped_units)} / {fmt.integer(i.ordered_units)}",
                    align_right=True,
                    sort=lambda i: i.shipped_units,
                ),
                count_column(lambda: translate("Clerk", "To ship"), lambda i: i.remaining_units,
                             fmt),
                Column(
                    lambda: translate("Clerk", "Placed"),
                    lambda i: fmt.timestamp(i.order.created_at),
                    sort=lambda i: i.order.created_at,
                ),
            ]
        )


def load_pick_data(
    engine: Engine, items: list[ShipQueueItem]
) -> tuple[list[ShipQueueItem], dict[int, ProductView], dict[int, CustomerView]]:
    """The products and customers a pick list names (worker thread)."""
    products: dict[int, ProductView] = {}
    customers: dict[int, CustomerView] = {}
    for item in items:
        for ln in item.order.lines:
            if ln.product_id not in products:
                with contextlib.suppress(ce.NotFound):
                    products[ln.product_id] = engine.product(ln.product_id)
        if item.order.customer_id not in customers:
            with contextlib.suppress(ce.NotFound):
                customers[item.order.customer_id] = engine.customer(item.order.customer_id)
    return items, products, customers


class ShipQueuePage(WorkspacePage["ClerkWorkspace"]):
    nav = NavEntry("queue", QT_TRANSLATE_NOOP("Navigation", "To ship"), "orders")

    def __init__(self, ctx: AppContext, workspace: ClerkWorkspace) -> None:
        super().__init__(ctx, "shipQueuePage", workspace)
        self.search = SearchBox(self.tr("Order number or customer"), self._filter)
        self.search.returnPressed.connect(self._search_entered)
        self.ship_button = action_button("truck", self.tr("Ship…"), self.ship_selected,
                                         name="primary")
        self.pick_button = action_button("picklist", self.tr("Pick list…"), self.show_pick_list,
                                         tip="Ctrl+P")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.pick_button)
        top.addWidget(self.ship_button)
        self.model = ShipQueueModel(ctx)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = make_table(stretch=1, model=self.proxy, name="shipQueue")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        on_row_action(self.table, self.ship_selected)
        self.search.lead_to(self.table)
        page_shortcut(QKeySequence.StandardKey.Print, self, self.show_pick_list)
        page_shortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.count = QLabel()
        self.count.setObjectName("hint")
        hint = wrapped_label(self.tr(
                "Enter (or a double click) ships the order. Select several orders "
                "(Shift+↓ or Ctrl+click) for one pick list (Ctrl+P)."
            ), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(hint)
        self.pick_dialog: PickListDialog | None = None
        self.keep_loaded(self.reload, ctx.orders_changed)
        self._enable()

    def focus_main_field(self) -> None:
        """The cursor on the queue, on its first order when none is chosen."""
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(engine.ship_queue, self._loaded)

    def _loaded(self, items: object) -> None:
        assert isinstance(items, list)
        selected = {i.order.id for i in self.selected_items()}
        self.model.set_rows(items)
        fit_columns(self.table)
        units = sum(i.remaining_units for i in items)
        partial = sum(1 for i in items if i.shipped_units)
        self.count.setText(
            self.tr("%1, %2; %3")
            .replace("%1", self.tr("%Ln order(s) to ship", "", len(items)))
            .replace("%2", self.tr("%Ln unit(s)", "", units))
            .replace("%3", self.tr("%Ln partially shipped", "", partial))
        )
        for row in range(self.proxy.rowCount()):
            item = self.proxy.index(row, 0).data(ROW_ROLE)
            if isinstance(item, ShipQueueItem) and item.order.id in selected:
                self.table.selectRow(row)
        self.workspace.set_badge("queue", len(items))
        self._enable()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def _search_entered(self) -> None:
        """Enter in the search (a typed or scanned order number): the only order it finds is
        the one to ship."""
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)
            self.ship_selected()

    def selected_items(self) -> list[ShipQueueItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        out = []
        for row in rows:
            item = self.proxy.index(row, 0).data(ROW_ROLE)
            if isinstance(item, ShipQueueItem):
                out.append(item)
        return out

    def select_orders(self, order_ids: list[str]) -> None:
        """Select these orders (as the user would with Ctrl-click)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.proxy.rowCount()):
            item = self.proxy.index(row, 0).data(ROW_ROLE)
            if isinstance(item, ShipQueueItem) and item.order.id in order_ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _enable(self) -> None:
        n = len(self.selected_items())
        self.ship_button.setEnabled(n == 1)
        self.pick_button.setEnabled(n >= 1)

    def ship_selected(self) -> None:
        items = self.selected_items()
        if len(items) == 1:
            self.workspace.ship(items[0].order.id)

    def show_pick_list(self) -> None:
        items = self.selected_items()
        if not items:
            return
        engine = self.ctx.engine
        self.ctx.read(lambda: load_pick_data(engine, items), self._show_pick_list)

    def _show_pick_list(self, result: object) -> None:
        assert isinstance(result, tuple)
        items, products, customers = result
        printed = self.ctx.fmt.timestamp(dt.datetime.now(dt.UTC).isoformat())
        text = pick_list_html(items, products, customers, self.ctx.fmt, printed)
        name = (
            order_number(items[0].order)
            if len(items) == 1
            else self.tr("%1 orders").replace("%1", str(len(items)))
        )
        self.pick_dialog = PickListDialog(text, name, self)
        self.pick_dialog.open()
