"""The owner's start page: what they usually order and whether it is due (suggestions, never
applied by themselves), and their favourites; either goes to the cart on request."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QVBoxLayout,
)

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import PriceQuote, ProductView, Suggestion

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, translate
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...models.products import product_name
from ...models.tables import quantity_text
from ...widgets.parts import action_button, button_row, two_panes, wrapped_label
from ...widgets.tables import fit_columns, make_table, on_row_action
from ..page import NavEntry, WorkspacePage

if TYPE_CHECKING:
    from .workspace import OwnerWorkspace

__all__ = ["OwnerHomePage", "SuggestionRow"]

_DUE = QBrush(QColor("#b45309"))


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    suggestion: Suggestion
    product: ProductView
    quote: PriceQuote | None


@dataclass(frozen=True, slots=True)
class FavouriteRow:
    product: ProductView
    quote: PriceQuote | None


def _load(engine: Engine, customer_id: int) -> tuple[list[SuggestionRow], list[FavouriteRow]]:
    suggestions = []
    for s in engine.suggestions(customer_id):
        with contextlib.suppress(ce.NotFound):
            p = engine.product(s.product_id)
            if p.active and p.sellable:
                suggestions.append(
                    SuggestionRow(s, p, engine.price(customer_id, p.id, s.usual_quantity))
                )
    favourites = []
    for p in engine.favourites():
        quantity = max(p.min_qty, p.pack_size, 1)
        favourites.append(
            FavouriteRow(p, engine.price(customer_id, p.id, quantity) if p.active else None)
        )
    return suggestions, favourites


class OwnerHomePage(WorkspacePage["OwnerWorkspace"]):
    nav = NavEntry("home", QT_TRANSLATE_NOOP("Navigation", "For you"), "star")

    def __init__(self, ctx: AppContext, workspace: OwnerWorkspace) -> None:
        super().__init__(ctx, "ownerHome", workspace)
        fmt = ctx.fmt

        self.suggestions_model: ListTableModel[SuggestionRow] = ListTableModel(
            [
                Column(lambda: translate("Owner", "SKU"), lambda r: r.product.sku),
                Column(lambda: translate("Owner", "Product"), lambda r: product_name(r.product)),
                Column(
                    lambda: translate("Owner", "Usual quantity"),
                    lambda r: quantity_text(r.suggestion.usual_quantity, r.product),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Owner", "Every"),
                    lambda r: (
                        translate("Owner", "%1 days").replace("%1", str(r.suggestion.interval_days))
                        if r.suggestion.interval_days
                        else "—"
                    ),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Owner", "Last ordered"),
                    lambda r: fmt.date(r.suggestion.last_ordered),
                ),
                Column(
                    lambda: translate("Owner", "Due"),
                    lambda r: (
                        translate("Owner", "due now")
                        if r.suggestion.due
                        else fmt.date(r.suggestion.next_due)
                    ),
                    foreground=lambda r: _DUE if r.suggestion.due else None,
                ),
                Column(
                    lambda: translate("Owner", "Unit price"),
                    lambda r: fmt.unit_price(r.quote.unit_price) if r.quote else "",
                    align_right=True,
                ),
            ]
        )
        self.suggestions = make_table(stretch=1, model=self.suggestions_model, name="suggestions")
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        on_row_action(self.suggestions, self.add_selected_suggestions)
        self.add_suggested = action_button("cart", self.tr("Add selected to cart"),
                                           self.add_selected_suggestions)
        self.add_due = action_button("cart", self.tr("Add all due to cart"),
                                     self.add_due_suggestions, name="primary")
        explain = wrapped_label(self.tr(
                "From your order history: the quantity you usually order and "
                "how often. Nothing is added until you choose to."
            ), "hint")
        top = QGroupBox(self.tr("Suggested for you"))
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(explain)
        top_layout.addWidget(self.suggestions, 1)
        top_layout.addLayout(button_row(None, self.add_suggested, self.add_due))

        self.favourites_model: ListTableModel[FavouriteRow] = ListTableModel(
            [
                Column(lambda: translate("Owner", "SKU"), lambda r: r.product.sku),
                Column(lambda: translate("Owner", "Product"), lambda r: product_name(r.product)),
                Column(
                    lambda: translate("Owner", "Unit price"),
                    lambda r: (
                        fmt.unit_price(r.quote.unit_price)
                        if r.quote
                        else translate("Owner", "not available")
                    ),
                    align_right=True,
                ),
            ]
        )
        self.favourites = make_table(stretch=1, model=self.favourites_model, name="favourites")
        on_row_action(self.favourites, self.order_favourite)
        self.order_fav = action_button("add", self.tr("Add to cart…"), self.order_favourite)
        self.unfav = action_button("star", self.tr("Remove from favourites"), self.remove_favourite)
        bottom = QGroupBox(self.tr("Favourites"))
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.favourites, 1)
        bottom_layout.addLayout(button_row(None, self.unfav, self.order_fav))
        two_panes(self, top, bottom, Qt.Orientation.Vertical, sizes=(420, 300))
        self.keep_loaded(self.reload, ctx.orders_changed, ctx.catalog_changed)

    def reload(self) -> None:
        customer = self.workspace.customer
        if customer is None:
            return
        engine = self.ctx.engine
        self.ctx.read(lambda: _load(engine, customer.id), self._loaded)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        suggestions, favourites = result
        self.suggestions_model.set_rows(suggestions)
        self.favourites_model.set_rows(favourites)
        fit_columns(self.suggestions)
        fit_columns(self.favourites)
        due = sum(1 for r in suggestions if r.suggestion.due)
        self.add_due.setEnabled(due > 0)
        self.add_due.setText(self.tr("Add all due to cart (%1)").replace("%1", str(due)))
        self.workspace.set_badge("home", due)

    def _selected(self, table: QAbstractItemView) -> list[object]:
        return [
            table.model().index(i.row(), 0).data(ROW_ROLE)
            for i in table.selectionModel().selectedRows()
        ]

    def add_selected_suggestions(self) -> None:
        rows = [r for r in self._selected(self.suggestions) if isinstance(r, SuggestionRow)]
        self.workspace.add_to_cart({r.product.id: r.suggestion.usual_quantity for r in rows})

    def add_due_suggestions(self) -> None:
        rows = [r for r in self.suggestions_model.rows if r.suggestion.due]
        self.workspace.add_to_cart({r.product.id: r.suggestion.usual_quantity for r in rows})

    def order_favourite(self) -> None:
        rows = [r for r in self._selected(self.favourites) if isinstance(r, FavouriteRow)]
        if rows:
            self.workspace.pick_product(rows[0].product)

    def remove_favourite(self) -> None:
        rows = [r for r in self._selected(self.favourites) if isinstance(r, FavouriteRow)]
        if rows:
            engine, pid = self.ctx.engine, rows[0].product.id
            self.ctx.write(
                lambda: engine.set_favourite(pid, False), lambda _r: self.reload(), orders=False
            )
