"""The conflicts inbox: each change the server did not apply, both sides, the reason in words,
and the three ways out (keep mine, take the server's, edit). Nothing is decided silently."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.conflicts import KEEPABLE, REDUCIBLE
from sync_engine.client.values import ConflictView, OrderView, ProductView, side_lines

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang
from ...labels import status_name
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...models.products import product_name
from ...models.tables import ConflictListModel, conflict_message, order_number
from ...widgets.parts import action_button, wrapped_label
from ...widgets.tables import (
    ROWS_FIRST,
    fit_columns,
    fit_height,
    make_table,
    queue_and_detail,
    reselect,
)
from ..page import NavEntry, Page
from .promotions import promotion_lines

__all__ = ["ConflictsPage"]

Line = dict[str, Any]
_CHANGED = QBrush(QColor("#fef3c7"))  # a price that differs between the two sides
_CHANGED_TEXT = QBrush(QColor("#92400e"))


def _load(engine: Any, lang: str
          ) -> tuple[list[ConflictView], dict[str, str], dict[int, ProductView]]:
    conflicts = engine.conflicts()
    labels: dict[str, str] = {}
    products: dict[int, ProductView] = {}
    for c in conflicts:
        if c.order_id:
            try:
                order: OrderView = engine.order(c.order_id)
                labels[c.order_id] = f"{order_number(order)} · {order.customer_name_in(lang)}"
            except ce.NotFound:
                labels[c.order_id] = c.order_id[:8]
        given = [g for p in ((c.details or {}).get("promotions") or {}).values()
                 for a in p for g in a.get("gifts", [])]
        for side in (c.mine, c.server, {"lines": given}):
            for line in side_lines(side):
                pid = int(line["product_id"])
                if pid not in products:
                    with contextlib.suppress(ce.NotFound):  # an unknown product shows its id
                        products[pid] = engine.product(pid)
    return conflicts, labels, products


class ConflictsPage(Page):
    """``edit_order(order_id)`` opens an order for editing in the workspace around the page;
    without it (a role that edits no orders) "Edit a copy" is not offered."""

    nav = NavEntry("conflicts", QT_TRANSLATE_NOOP("Navigation", "Conflicts"), "conflict")

    def __init__(self, ctx: AppContext,
                 edit_order: Callable[[str], None] | None = None) -> None:
        super().__init__(ctx, "conflictsPage")
        self.edit_order = edit_order
        self.products: dict[int, ProductView] = {}
        self.model = ConflictListModel()
        self.table, self.empty = queue_and_detail(
            self, self.model, "conflictsTable", 3, self._selected,
            self.tr("Nothing needs your decision. Changes the server cannot apply as sent will "
                    "appear here."), self._build_detail(), Qt.Orientation.Vertical, stretch=(1, 2))
        self.conflict: ConflictView | None = None
        self.keep_loaded(self.reload, ctx.conflicts_changed, ctx.orders_changed)

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Decision"))
        layout = QVBoxLayout(box)
        self.reason = wrapped_label("", "conflictReason")
        self.field_errors = wrapped_label("", "fieldError")
        layout.addWidget(self.reason)
        layout.addWidget(self.field_errors)
        sides = QHBoxLayout()
        self.mine_title = QLabel()
        self.server_title = QLabel()
        self.changed_prices: set[int] = set()  # products whose price differs between sides
        self.mine_model = self._lines_model()
        self.server_model = self._lines_model()
        self.mine_view = make_table(stretch=1)
        self.server_view = make_table(stretch=1)
        for title, model, view, name in (
                (self.mine_title, self.mine_model, self.mine_view, "mine"),
                (self.server_title, self.server_model, self.server_view, "server")):
            column = QVBoxLayout()
            title.setObjectName("sideTitle")
            # As tall as its text: the room a short table leaves goes under the buttons.
            title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            column.addWidget(title)
            view.setObjectName(f"{name}Lines")
            view.setModel(model)
            column.addWidget(view)
            sides.addLayout(column)
        layout.addLayout(sides, ROWS_FIRST)
        buttons = QHBoxLayout()
        self.keep_button = action_button("submit", self.tr("Keep mine"), self._keep,
                                         name="keepMine")
        self.take_button = action_button("download", self.tr("Take the server's"), self._take,
                                         name="takeTheirs")
        self.reduce_button = action_button(
            "return", self.tr("Reduce mine to what is still returnable"), self._reduce,
            name="reduceReturn")
        self.edit_button = action_button("edit", self.tr("Edit a copy"), self._edit)
        for b in (self.keep_button, self.reduce_button, self.take_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._enable(None)
        return box

    def _lines_model(self) -> ListTableModel[Line]:
        fmt = self.ctx.fmt

        def product(line: Line) -> str:
            p = self.products.get(int(line["product_id"]))
            return f"{p.sku} {product_name(p)}" if p else str(line["product_id"])

        def price(line: Line) -> str:
            value = line.get("unit_price")
            return fmt.unit_price(Decimal(str(value))) if value is not None else ""

        def changed(line: Line) -> bool:
            return int(line["product_id"]) in self.changed_prices

        return ListTableModel([
            Column(lambda: self.tr("Product"), product),
            Column(lambda: self.tr("Quantity"), lambda ln: fmt.quantity(
                int(ln["quantity"]), self.products.get(int(ln["product_id"]))),
                   align_right=True),
            Column(lambda: self.tr("Unit price"), price, align_right=True,
                   tooltip=lambda ln: self.tr("The price differs between the two sides")
                   if changed(ln) else "",
                   foreground=lambda ln: _CHANGED_TEXT if changed(ln) else None,
                   background=lambda ln: _CHANGED if changed(ln) else None),
        ])

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        engine, lang = self.ctx.engine, domain_lang()
        self.ctx.read(lambda: _load(engine, lang), self._loaded)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        conflicts, labels, products = result
        current = self.conflict.id if self.conflict else None
        self.products = products
        self.model.order_labels = labels
        self.model.set_rows(conflicts)
        fit_columns(self.table)
        fit_height(self.table)
        self._show(reselect(self.table, conflicts, lambda c: c.id == current))

    def _selected(self) -> None:
        c = self.table.currentIndex().data(ROW_ROLE)
        self._show(c if isinstance(c, ConflictView) else None)

    def _show(self, c: ConflictView | None) -> None:
        self.conflict = c
        self._enable(c)
        if c is None:
            self.reason.setText("")
            self.field_errors.setText("")
            self.mine_model.set_rows([])
            self.server_model.set_rows([])
            self.mine_title.setText("")
            self.server_title.setText("")
            return
        lang = domain_lang()
        text = conflict_message(c)
        if c.reason == "price_changed":
            text += "\n" + self._price_lines(c)
        if c.reason == "promotion_changed":
            text += "\n" + self._promotion_lines(c)
        if c.held:
            text += "\n" + self.tr("%n later change(s) of this order wait for this decision.",
                                   "", c.held)
        self.reason.setText(text)
        messages = [str(e.get("message_zh" if lang == "zh" else "message") or e.get("message"))
                    for e in c.errors if c.reason not in ("price_changed", "promotion_changed")]
        self.field_errors.setText("\n".join(messages))
        self.mine_title.setText(self.tr("Yours"))
        server = c.server or {}
        other = side_lines(c.server)
        if c.reason in REDUCIBLE:
            # What the server would take of this return: the units no other return claims.
            other = [dict(x) for x in c.details.get("returnable", []) if x.get("quantity")]
            self.server_title.setText(self.tr("Still returnable (what the server accepts)"))
        elif server:
            self.server_title.setText(self.tr("The server's (%1)").replace(
                "%1", status_name(str(server.get("status", "")))))
        elif c.reason == "price_changed":
            # The server never took the order: what it would take is the user's lines at
            # today's prices, so show exactly that.
            current = {int(x["product_id"]): x["current"] for x in c.details.get("lines", [])}
            other = [dict(ln, unit_price=current.get(int(ln["product_id"]), ln.get("unit_price")))
                     for ln in side_lines(c.mine)]
            self.server_title.setText(self.tr("At today's prices (what the server accepts)"))
        elif c.reason == "promotion_changed":
            # What the server would take: the user's lines, without the gifts it no longer
            # gives (it adds the ones it gives itself); its promotions are in the text above.
            other = [ln for ln in side_lines(c.mine) if not ln.get("gift")]
            self.server_title.setText(self.tr("With today's promotions (what the server "
                                              "accepts): %1").replace(
                "%1", self.ctx.fmt.money(Decimal(str(c.details["totals"]["gross"])))))
        else:
            self.server_title.setText(self.tr("The server's: it never accepted this order"))
        mine = side_lines(c.mine)
        self.changed_prices = _changed_prices(mine, other)
        self.mine_model.set_rows(mine)
        self.server_model.set_rows(other)
        for view in (self.mine_view, self.server_view):
            fit_columns(view)
            # Both sides as tall as the longer one, no taller: the buttons follow beneath.
            fit_height(view, min_rows=max(len(mine), len(other), 3))

    def _price_lines(self, c: ConflictView) -> str:
        fmt = self.ctx.fmt
        out = []
        for line in c.details.get("lines", []):
            p = self.products.get(int(line["product_id"]))
            name = f"{p.sku} {product_name(p)}" if p else str(line["product_id"])
            out.append(self.tr("%1: quoted %2, now %3").replace("%1", name).replace(
                "%2", fmt.unit_price(Decimal(str(line["quoted"])))).replace(
                "%3", fmt.unit_price(Decimal(str(line["current"])))))
        return "\n".join(out)

    def _promotion_lines(self, c: ConflictView) -> str:
        both = c.details.get("promotions", {})
        fmt, none = self.ctx.fmt, self.tr("none")
        quoted = promotion_lines(both.get("quoted", []), self.products, fmt) or [none]
        current = promotion_lines(both.get("current", []), self.products, fmt) or [none]
        return "\n".join([self.tr("Quoted promotions:"), *quoted,
                          self.tr("Promotions now:"), *current])

    def _enable(self, c: ConflictView | None) -> None:
        keepable = c is not None and c.status == "conflict" and c.reason in KEEPABLE
        self.keep_button.setEnabled(keepable)
        self.keep_button.setText(self.tr("Keep mine at the new prices")
                                 if c is not None and c.reason == "price_changed"
                                 else self.tr("Keep mine with today's promotions")
                                 if c is not None and c.reason == "promotion_changed"
                                 else self.tr("Keep mine"))
        self.take_button.setEnabled(c is not None)
        reducible = c is not None and c.status == "conflict" and c.reason in REDUCIBLE
        self.reduce_button.setVisible(reducible)
        self.reduce_button.setEnabled(reducible)
        self.take_button.setText(self.tr("Discard mine") if c is not None
                                 and c.kind == "return.request"
                                 else self.tr("Take the server's"))
        self.edit_button.setEnabled(c is not None and c.order_id is not None)
        self.edit_button.setVisible(self.edit_order is not None)

    # ------------------------------------------------------------------ decisions

    def _resolved(self, _result: object = None) -> None:
        self.conflict = None
        self.ctx.message.emit(self.tr("Decided. The change is sent with the next sync."))

    def _keep(self) -> None:
        c = self.conflict
        if c is None:
            return
        engine = self.ctx.engine
        self.ctx.write(lambda: engine.keep_mine(
            c.id, accept_new_prices=c.reason in ("price_changed", "promotion_changed")),
            self._resolved,
            conflicts=True)

    def _reduce(self) -> None:
        c = self.conflict
        if c is not None:
            engine = self.ctx.engine
            self.ctx.write(lambda: engine.reduce_return(c.id), self._resolved, conflicts=True)

    def _take(self) -> None:
        c = self.conflict
        if c is not None:
            engine = self.ctx.engine
            self.ctx.write(lambda: engine.take_theirs(c.id), self._resolved, conflicts=True)

    def _edit(self) -> None:
        c, edit_order = self.conflict, self.edit_order
        if c is None or edit_order is None:
            return
        engine = self.ctx.engine

        def opened(order: object) -> None:
            assert isinstance(order, OrderView)
            self._resolved()
            edit_order(order.id)

        self.ctx.write(lambda: engine.edit_conflict(c.id), opened, conflicts=True)


def _changed_prices(mine: list[Line], other: list[Line]) -> set[int]:
    """The products whose unit price is not the same on both sides."""
    def prices(lines: list[Line]) -> dict[int, Decimal | None]:
        return {int(ln["product_id"]): (Decimal(str(ln["unit_price"]))
                                        if ln.get("unit_price") is not None else None)
                for ln in lines}
    theirs = prices(other)
    return {pid for pid, price in prices(mine).items() if pid in theirs and theirs[pid] != price}
