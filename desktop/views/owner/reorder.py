"""Order again: the past order beside the new draft at today's prices and availability, with
every difference spelled out before anything is submitted. Ctrl+Enter submits it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from sync_engine import domain as d
from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import (
    OrderLineView,
    OrderView,
    ProductView,
    ReorderDifference,
    ReorderResult,
)

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, Formatter, translate
from ...models.base import Column, ListTableModel
from ...models.tables import order_number, product_columns
from ...widgets.keys import FINAL_ACTION, page_shortcut
from ...widgets.parts import action_button, wrapped_label
from ...widgets.tables import ROWS_FIRST, fit_columns, fit_height, make_table
from ..page import NavEntry, WorkspacePage

if TYPE_CHECKING:
    from .workspace import OwnerWorkspace

__all__ = ["ReorderPage", "ReorderRow", "difference_text"]

_UP = QBrush(QColor("#b91c1c"))
_DOWN = QBrush(QColor("#15803d"))
_NOTE = QBrush(QColor("#b45309"))


@dataclass(frozen=True, slots=True)
class ReorderRow:
    product_id: int
    product: ProductView | None
    old: OrderLineView
    new: OrderLineView | None  # None: left out of the new order
    differences: tuple[ReorderDifference, ...]


def difference_text(diff: ReorderDifference, fmt: Formatter,
                    product: ProductView | None = None) -> str:
    """One difference in words, in the UI language."""
    if diff.kind == "price_changed" and diff.new_unit_price is not None:
        old = diff.old_unit_price or d.ZERO
        change = diff.new_unit_price - old
        word = (
            translate("Owner", "price up %1") if change > 0 else translate("Owner", "price down %1")
        )
        return word.replace("%1", fmt.unit_price(abs(change)))
    if diff.kind == "stock_insufficient":
        return translate("Owner", "only %1 in stock (as of the last sync)").replace(
            "%1", fmt.quantity(diff.available or 0, product)
        )
    if diff.issue is not None:
        return translate("Owner", "left out: %1").replace("%1", fmt.issue(diff.issue))
    return translate("Owner", "left out (%1)").replace("%1", diff.kind)


def _load(
    engine: Engine, old_id: str, result: ReorderResult
) -> tuple[OrderView, OrderView, list[ReorderRow]]:
    old = engine.order(old_id)
    draft = engine.order(result.draft.id)
    rows = []
    for line in old.lines:
        product = None
        with contextlib.suppress(ce.NotFound):
            product = engine.product(line.product_id)
        diffs = tuple(x for x in result.differences if x.product_id == line.product_id)
        rows.append(
            ReorderRow(line.product_id, product, line, draft.line_for(line.product_id), diffs)
        )
    return old, draft, rows


class ReorderPage(WorkspacePage["OwnerWorkspace"]):
    nav = NavEntry("reorder", QT_TRANSLATE_NOOP("Navigation", "Order again"), "reorder")

    def __init__(self, ctx: AppContext, workspace: OwnerWorkspace) -> None:
        super().__init__(ctx, "reorderPage", workspace)
        self.old: OrderView | None = None
        self.draft: OrderView | None = None
        fmt = ctx.fmt

        def color(r: ReorderRow) -> QBrush | None:
            if r.new is None or any(x.kind != "price_changed" for x in r.differences):
                return _NOTE
            if r.new.unit_price > r.old.unit_price:
                return _UP
            return _DOWN if r.new.unit_price < r.old.unit_price else None

        self.title = wrapped_label(self.tr("Choose “Order again” on a past order."), "detailTitle")
        self.model: ListTableModel[ReorderRow] = ListTableModel(
            [
                *product_columns(lambda r: r.product, lambda r: r.product_id),
                Column(
                    lambda: translate("Owner", "Quantity"),
                    lambda r: fmt.quantity(r.old.quantity, r.product),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Owner", "Price then"),
                    lambda r: fmt.unit_price(r.old.unit_price),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Owner", "Price now"),
                    lambda r: fmt.unit_price(r.new.unit_price) if r.new else "—",
                    align_right=True,
                    foreground=color,
                ),
                Column(
                    lambda: translate("Owner", "Total now"),
                    lambda r: fmt.money(r.new.gross) if r.new else "—",
                    align_right=True,
                ),
                Column(
                    lambda: translate("Owner", "What changed"),
                    lambda r: (
                        "; ".join(difference_text(x, fmt, r.product) for x in r.differences)
                        or translate("Owner", "same as last time")
                    ),
                    foreground=color,
                ),
            ]
        )
        self.table = make_table(stretch=6, model=self.model, name="reorderLines")
        self.summary = wrapped_label("", "total")
        self.submit_button = action_button("submit", self.tr("Submit order"), self.submit,
                                           name="primary", tip="Ctrl+Enter")
        page_shortcut(FINAL_ACTION, self, self.submit)
        self.edit_button = action_button("cart", self.tr("Change in cart"), self.edit)
        self.discard_button = action_button("cancel", self.tr("Discard"), self.discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, ROWS_FIRST)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._enable()

    def start(self, old_id: str) -> None:
        """Make the new draft from the past order and show how it differs."""
        engine = self.ctx.engine
        self.ctx.write(lambda: _load(engine, old_id, engine.reorder(old_id)), self._loaded)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        self.old, self.draft, rows = result
        self.model.set_rows(rows)
        fit_columns(self.table)
        fit_height(self.table)
        old, draft, fmt = self.old, self.draft, self.ctx.fmt
        self.title.setText(
            self.tr("Order again: %1 of %2, at today's prices")
            .replace("%1", order_number(old))
            .replace("%2", fmt.timestamp(old.created_at))
        )
        changed = sum(1 for r in rows if r.differences)
        diff = draft.gross - old.gross
        text = (
            self.tr("Then %1 · now %2 (%3).")
            .replace("%1", fmt.money(old.gross))
            .replace("%2", fmt.money(draft.gross))
            .replace(
                "%3", ("+" if diff > 0 else "") + fmt.money(diff) if diff else self.tr("no change")
            )
        )
        text += " " + (
            self.tr("%n line(s) differ from last time: check them before you submit.", "", changed)
            if changed
            else self.tr("Same products, quantities and prices as last time.")
        )
        self.summary.setText(text)
        self._enable()

    def _enable(self) -> None:
        ok = self.draft is not None and self.draft.status == "draft"
        self.submit_button.setEnabled(ok and bool(self.draft and self.draft.lines))
        self.edit_button.setEnabled(ok)
        self.discard_button.setEnabled(ok)

    def price_differences(self) -> list[tuple[int, Decimal, Decimal]]:
        """(product id, price then, price now) of each line whose price changed."""
        return [
            (r.product_id, r.old.unit_price, r.new.unit_price)
            for r in self.model.rows
            if r.new is not None and r.new.unit_price != r.old.unit_price
        ]

    def submit(self) -> None:
        draft = self.draft
        if draft is None or not self.submit_button.isEnabled():
            return
        engine = self.ctx.engine

        def done(_warnings: object) -> None:
            self.ctx.message.emit(self.tr("Order submitted. It is sent with the next sync."))
            self.draft = None
            self._enable()
            self.workspace.show_order(draft.id)

        self.ctx.write(lambda: engine.submit(draft.id), done)

    def edit(self) -> None:
        if self.draft is not None:
            self.workspace.edit_order(self.draft.id)

    def discard(self) -> None:
        draft = self.draft
        if draft is None:
            return
        engine = self.ctx.engine
        self.ctx.write(
            lambda: engine.cancel(draft.id), lambda _o: self.workspace.show_page("orders")
        )
        self.draft = None
        self.model.set_rows([])
        self._enable()
