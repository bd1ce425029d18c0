"""The table models of the rep's screens: customers, orders, order lines, conflicts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QBrush, QColor

from sync_engine.client import errors as ce
from sync_engine.client.values import (
    ConflictView,
    CustomerView,
    OrderLineView,
    OrderView,
    ProductView,
)

from ..i18n import Formatter, domain_lang, translate
from ..labels import status_name, sync_state_name
from .base import Column, ListTableModel
from .products import product_name

if TYPE_CHECKING:
    from sync_engine.client.engine import Engine

__all__ = [
    "ConflictListModel",
    "CustomerListModel",
    "LineRow",
    "OrderLinesModel",
    "OrderListModel",
    "count_column",
    "customer_matches_model",
    "customer_name",
    "load_order",
    "load_order_for_entry",
    "order_number",
    "product_columns",
    "quantity_text",
]


T = TypeVar("T")

_fmt = Formatter()


def _f() -> Formatter:
    # The default locale changes with the language; a new Formatter picks it up.
    global _fmt
    if _fmt.locale.name() != Formatter().locale.name():
        _fmt = Formatter()
    return _fmt


def customer_name(c: CustomerView) -> str:
    """The customer's name in the UI language."""
    return c.name_en if domain_lang() == "en" and c.name_en else c.name


def customer_matches_model() -> ListTableModel[CustomerView]:
    """The rows of a customer field's drop-down: code, name, the name in the other language."""
    return ListTableModel([
        Column(lambda: translate("Tables", "Code"), lambda c: c.code),
        Column(lambda: translate("Tables", "Customer"), customer_name),
        Column(lambda: translate("Tables", "Also"),
               lambda c: c.name if customer_name(c) != c.name else c.name_en),
    ])


def order_number(o: OrderView) -> str:
    """The server's number once known, else the local one."""
    return o.number or o.local_number


def quantity_text(quantity: int, product: ProductView | None) -> str:
    """Units, with whole cases spelled out: "48 瓶 (2 箱)" (:meth:`.Formatter.quantity`)."""
    return _f().quantity(quantity, product)


_ATTENTION = QBrush(QColor("#b45309"))
_STATUS_COLORS = {"rejected": QBrush(QColor("#b91c1c")), "cancelled": QBrush(QColor("#6b7280"))}


def _status_text(o: OrderView) -> str:
    text = status_name(o.status)
    if o.sync_state in ("pending", "attention"):
        text += f" · {sync_state_name(o.sync_state)}"
    return text


def _order_color(o: OrderView) -> QBrush | None:
    return _ATTENTION if o.sync_state == "attention" else _STATUS_COLORS.get(o.status)


class CustomerListModel(ListTableModel[CustomerView]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: translate("Tables", "Code"), lambda c: c.code),
                Column(
                    lambda: translate("Tables", "Customer"),
                    customer_name,
                    tooltip=lambda c: f"{c.name}\n{c.name_en}",
                ),
                Column(lambda: translate("Tables", "Phone"), lambda c: c.phone),
                Column(
                    lambda: translate("Tables", "Payment terms"),
                    lambda c: _f().terms(c.payment_terms),
                    tooltip=lambda c: c.payment_terms,
                ),
                Column(
                    lambda: translate("Tables", "Credit limit"),
                    lambda c: (
                        _f().money(c.credit_limit)
                        if c.credit_limit is not None
                        else translate("Tables", "none")
                    ),
                    align_right=True,
                ),
            ]
        )


class OrderListModel(ListTableModel[OrderView]):
    def __init__(self, with_customer: bool = True) -> None:
        columns: list[Column[OrderView]] = [
            Column(
                lambda: translate("Tables", "Order"),
                order_number,
                tooltip=lambda o: translate("Tables", "Local number: %1").replace(
                    "%1", o.local_number
                ),
            ),
        ]
        if with_customer:
            columns.append(
                Column(lambda: translate("Tables", "Customer"),
                       lambda o: o.customer_name_in(domain_lang()))
            )
        columns += [
            Column(lambda: translate("Tables", "Status"), _status_text, foreground=_order_color),
            Column(lambda: translate("Tables", "Created"), lambda o: _f().timestamp(o.created_at)),
            Column(lambda: translate("Tables", "Delivery"), lambda o: _f().date(o.delivery_date)),
            Column(
                lambda: translate("Tables", "Total"),
                lambda o: _f().money(o.gross),
                align_right=True,
            ),
        ]
        super().__init__(columns)


@dataclass(frozen=True, slots=True)
class LineRow:
    line: OrderLineView
    product: ProductView | None


def load_order(engine: Engine, order_id: str) -> tuple[OrderView, dict[int, ProductView]]:
    """The order and its lines' products (worker thread)."""
    order = engine.order(order_id)
    products: dict[int, ProductView] = {}
    for line in order.lines:
        # A product gone from the catalog shows as "unknown product"; the rules say the rest.
        with contextlib.suppress(ce.NotFound):
            products[line.product_id] = engine.product(line.product_id)
    return order, products


def load_order_for_entry(engine: Engine, order_id: str) -> tuple[
        OrderView, dict[int, ProductView], CustomerView | None]:
    """The order, its lines' products and its customer (None when no longer on this device)
    (worker thread)."""
    order, products = load_order(engine, order_id)
    try:
        customer: CustomerView | None = engine.customer(order.customer_id)
    except ce.NotFound:
        customer = None
    return order, products, customer


def count_column(title: Callable[[], str], count: Callable[[T], int],
                 fmt: Formatter) -> Column[T]:
    """A whole number of things, right-aligned, that sorts as a number."""
    return Column(title, lambda row: fmt.integer(count(row)), align_right=True, sort=count)


def product_columns(product: Callable[[T], ProductView | None], product_id: Callable[[T], int],
                    gift: Callable[[T], str] | None = None) -> list[Column[T]]:
    """The SKU and the name of a line's product: its id and "(unknown product)" where the
    product is not known on this device; with ``gift`` (the promotion that gave the line
    free, or ""), a gift line says so."""

    def sku(row: T) -> str:
        p = product(row)
        return p.sku if p else str(product_id(row))

    def name(row: T) -> str:
        p = product(row)
        text = product_name(p) if p else translate("Tables", "(unknown product)")
        promotion = gift(row) if gift is not None else ""
        if not promotion:
            return text
        return translate("Tables", "%1 (free: %2)").replace("%1", text).replace("%2", promotion)

    return [Column(lambda: translate("Tables", "SKU"), sku),
            Column(lambda: translate("Tables", "Product"), name)]


class OrderLinesModel(ListTableModel[LineRow]):
    """An order's lines with their products (looked up once when the order loads)."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column(lambda: "#", lambda r: str(r.line.line_no)),
                *product_columns(lambda r: r.product, lambda r: r.line.product_id,
                                 gift=lambda r: r.line.promotion if r.line.gift else ""),
                Column(
                    lambda: translate("Tables", "Quantity"),
                    lambda r: quantity_text(r.line.quantity, r.product),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Tables", "Unit price"),
                    lambda r: _f().unit_price(r.line.unit_price),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Tables", "Net"),
                    lambda r: _f().money(r.line.net),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Tables", "Tax"),
                    lambda r: f"{_f().money(r.line.tax)} ({_f().percent(r.line.tax_rate)})",
                    align_right=True,
                ),
                Column(
                    lambda: translate("Tables", "Total"),
                    lambda r: _f().money(r.line.gross),
                    align_right=True,
                ),
            ]
        )

    def set_order(self, order: OrderView | None, products: Mapping[int, ProductView]) -> None:
        lines = order.lines if order is not None else ()
        self.set_rows([LineRow(ln, products.get(ln.product_id)) for ln in lines])


def conflict_message(c: ConflictView) -> str:
    """The reason in the UI language."""
    return (c.message_zh if domain_lang() == "zh" and c.message_zh else c.message) or (
        c.reason or ""
    )


def conflict_kind(c: ConflictView) -> str:
    kinds = {
        "order.submit": translate("Tables", "Submit"),
        "order.update": translate("Tables", "Change"),
        "order.cancel": translate("Tables", "Cancel"),
        "shipment.confirm": translate("Tables", "Shipment"),
        "order.confirm": translate("Tables", "Confirm"),
        "order.reject": translate("Tables", "Reject"),
        "order.receive": translate("Tables", "Receipt"),
    }
    return kinds.get(c.kind, c.kind)


class ConflictListModel(ListTableModel[ConflictView]):
    def __init__(self, order_labels: Mapping[str, str] | None = None) -> None:
        self.order_labels: dict[str, str] = dict(order_labels or {})
        super().__init__(
            [
                Column(
                    lambda: translate("Tables", "Order"),
                    lambda c: self.order_labels.get(c.order_id or "", c.order_id or ""),
                ),
                Column(lambda: translate("Tables", "Action"), conflict_kind),
                Column(
                    lambda: translate("Tables", "Outcome"),
                    lambda c: (
                        translate("Tables", "Conflict")
                        if c.status == "conflict"
                        else translate("Tables", "Rejected")
                    ),
                    foreground=lambda c: _ATTENTION,
                ),
                Column(
                    lambda: translate("Tables", "Reason"),
                    conflict_message,
                    tooltip=conflict_message,
                ),
                Column(lambda: translate("Tables", "When"), lambda c: _f().timestamp(c.created_at)),
            ]
        )
