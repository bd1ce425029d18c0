"""The review queue: orders the auto-confirm rule held back (credit exceeded, stock short).
The back office confirms, or rejects with a reason the rep is told."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, OrderView, ProductView, StockView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...labels import hold_reasons_text, sync_state_name
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...models.tables import order_number, product_columns, quantity_text
from ...widgets.parts import wrapped_label
from ...widgets.tables import fit_columns, queue_and_detail, reselect, select_row_of
from ..page import NavEntry, WorkspacePage
from ..shared.promotions import basis_label, promotion_lines
from .decision import ReasonDialog, decided, decision_box
from .labels import ago

if TYPE_CHECKING:
    from .workspace import AdminWorkspace

__all__ = ["ReviewPage"]

_SHORT = QBrush(QColor("#b91c1c"))


@dataclass(frozen=True, slots=True)
class ReviewLine:
    product: ProductView | None
    product_id: int
    quantity: int
    gross: Decimal
    stock: StockView | None
    gift: str = ""  # the code of the promotion that gave the line free


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    order: OrderView
    customer: CustomerView | None
    credit_used: Decimal
    lines: list[ReviewLine]


def _detail(engine: Engine, order_id: str) -> ReviewDetail:
    order = engine.order(order_id)
    customer = None
    with contextlib.suppress(ce.NotFound):
        customer = engine.customer(order.customer_id)
    lines = []
    for ln in order.lines:
        product = None
        with contextlib.suppress(ce.NotFound):
            product = engine.product(ln.product_id)
        stock = engine.stock(ln.product_id, order.warehouse_id) if order.warehouse_id else None
        lines.append(ReviewLine(product, ln.product_id, ln.quantity, ln.gross, stock,
                                ln.promotion if ln.gift else ""))
    return ReviewDetail(order, customer, engine.credit_used(order.customer_id), lines)


class ReviewPage(WorkspacePage["AdminWorkspace"]):
    nav = NavEntry("review", QT_TRANSLATE_NOOP("Navigation", "Review"), "review")

    def __init__(self, ctx: AppContext, workspace: AdminWorkspace) -> None:
        super().__init__(ctx, "reviewPage", workspace)
        self.detail: ReviewDetail | None = None
        self.now = dt.datetime.now(dt.UTC)
        fmt = ctx.fmt

        self.model: ListTableModel[OrderView] = ListTableModel(
            [
                Column(lambda: translate("Admin", "Order"), order_number),
                Column(
                    lambda: translate("Admin", "Customer"),
                    lambda o: o.customer_name_in(domain_lang()),
                ),
                Column(
                    lambda: translate("Admin", "Held because"),
                    lambda o: (
                        hold_reasons_text(o.hold_reasons)
                        or translate("Admin", "manual review")
                    ),
                    foreground=lambda o: _SHORT,
                ),
                Column(
                    lambda: translate("Admin", "Submitted"),
                    lambda o: ago(o.created_at, self.now),
                    tooltip=lambda o: fmt.timestamp(o.created_at),
                    sort=lambda o: o.created_at or "",
                ),
                Column(
                    lambda: translate("Admin", "Total"),
                    lambda o: fmt.money(o.gross),
                    align_right=True,
                ),
            ]
        )
        # The queue over the decision, each the full width: side by side (~580 px each at
        # 1280×800) the customer name and the product name were cut to a word.
        self.table, self.empty = queue_and_detail(
            self, self.model, "reviewQueue", 1, self._selected,
            self.tr("No order waits for review. Orders the auto-confirm rule holds back (credit, "
                    "stock) appear here."), self._build_detail(), Qt.Orientation.Vertical,
            sizes=(220, 540))
        self.reject_dialog: ReasonDialog | None = None
        self.keep_loaded(self.reload, ctx.orders_changed)

    def _build_detail(self) -> QWidget:
        self.reasons, self.credit, self.notes, self.promotions = (
            wrapped_label() for _ in range(4))
        fmt = self.ctx.fmt

        def short(r: ReviewLine) -> QBrush | None:
            return _SHORT if r.stock is not None and r.stock.available < r.quantity else None

        self.lines_model: ListTableModel[ReviewLine] = ListTableModel(
            [
                *product_columns(lambda r: r.product, lambda r: r.product_id,
                                 gift=lambda r: r.gift),
                Column(
                    lambda: translate("Admin", "Quantity"),
                    lambda r: quantity_text(r.quantity, r.product),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Admin", "Available"),
                    lambda r: fmt.quantity(r.stock.available, r.product) if r.stock else "?",
                    align_right=True,
                    foreground=short,
                ),
                Column(
                    lambda: translate("Admin", "Total"),
                    lambda r: fmt.money(r.gross),
                    align_right=True,
                ),
            ]
        )
        box, self.title, self.lines, self.confirm_button, self.reject_button = decision_box(
            self.tr("Decision"), self.tr("Choose an order."), [
                (self.tr("Held because"), self.reasons), (self.tr("Credit"), self.credit),
                (self.tr("Notes"), self.notes), (self.tr("Promotions"), self.promotions)],
            self.lines_model, yes=(self.tr("Confirm order"), self.confirm),
            no=(self.tr("Reject…"), self.ask_reject))
        self._enable()
        return box

    def reload(self) -> None:
        engine = self.ctx.engine
        self.ctx.read(engine.review_queue, self._loaded)

    def _loaded(self, orders: object) -> None:
        assert isinstance(orders, list)
        current = self.detail.order.id if self.detail else None
        self.now = dt.datetime.now(dt.UTC)
        self.model.set_rows(orders)
        fit_columns(self.table)
        self.workspace.set_badge("review", len(orders))
        if reselect(self.table, orders, lambda o: o.id == current) is None:
            self._show(None)

    def _selected(self) -> None:
        order = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(order, OrderView):
            engine = self.ctx.engine
            self.ctx.read(lambda: _detail(engine, order.id), self._show)

    def select_order(self, order_id: str) -> None:
        select_row_of(self.table, self.model.rows, lambda o: o.id == order_id)

    def _show(self, detail: object) -> None:
        self.detail = detail if isinstance(detail, ReviewDetail) else None
        self._enable()
        if self.detail is None:
            self.title.setText(self.tr("Choose an order."))
            for label in (self.reasons, self.credit, self.notes, self.promotions):
                label.setText("")
            self.lines_model.set_rows([])
            return
        order, c, fmt = self.detail.order, self.detail.customer, self.ctx.fmt
        self.title.setText(
            self.tr("Order %1 — %2 · %3")
            .replace("%1", order_number(order))
            .replace("%2", order.customer_name_in(domain_lang()))
            .replace("%3", fmt.money(order.gross))
        )
        self.reasons.setText(
            hold_reasons_text(order.hold_reasons)
            or self.tr("manual review (auto-confirm is off)")
        )
        if c is not None and c.credit_limit is not None:
            self.credit.setText(
                self.tr("limit %1 · open orders %2 (with this one) · %3 over")
                .replace("%1", fmt.money(c.credit_limit))
                .replace("%2", fmt.money(self.detail.credit_used))
                .replace("%3", fmt.money(max(Decimal(0), self.detail.credit_used - c.credit_limit)))
            )
        else:
            self.credit.setText(self.tr("no credit limit"))
        notes = order.notes or "—"
        if order.sync_state != "synced":
            notes += " · " + sync_state_name(order.sync_state)
        self.notes.setText(notes)
        products = {r.product_id: r.product for r in self.detail.lines if r.product}
        given = promotion_lines(order.promotions, products, fmt)
        self.promotions.setText("\n".join(
            [basis_label(order.prices_include_tax), *(given or [self.tr("none")])]))
        self.lines_model.set_rows(self.detail.lines)
        fit_columns(self.lines)

    def _enable(self) -> None:
        ok = self.detail is not None and self.detail.order.status == "submitted"
        self.confirm_button.setEnabled(ok)
        self.reject_button.setEnabled(ok)

    def confirm(self) -> None:
        if self.detail is None:
            return
        order, self.detail = self.detail.order, None
        decided(self.ctx, lambda engine: engine.confirm_order(order.id),
                self.tr("Order %1 confirmed. The rep is notified after the next sync.")
                .replace("%1", order_number(order)))

    def ask_reject(self) -> None:
        if self.detail is None:
            return
        order = self.detail.order
        self.reject_dialog = ReasonDialog(
            self, "reject", self.tr("Reject order %1").replace("%1", order_number(order)),
            self.tr("Why? The sales rep is notified with this reason."),
            self.tr("e.g. credit limit exceeded: please pay the open invoices first"),
            self.tr("Reject order"), self.tr("Say why the order is rejected."),
        ).ask(lambda reason: self._reject(order, reason))

    def _reject(self, order: OrderView, reason: str) -> None:
        self.detail = None
        decided(self.ctx, lambda engine: engine.reject_order(order.id, reason),
                self.tr("Order %1 rejected. The rep is notified after the next sync.")
                .replace("%1", order_number(order)))
