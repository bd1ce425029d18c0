"""What promotions gave an order, in words, and which prices it shows (含税 / 不含税): one
box for order entry and the back office's review, one text for the conflicts inbox."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QWidget

from sync_engine import domain as d
from sync_engine.client.values import OrderView, ProductView

from ...i18n import Formatter, translate
from ...models.products import product_name
from ...models.tables import quantity_text
from ...widgets.parts import wrapped_label

__all__ = ["PromotionsBox", "basis_label", "promotion_lines"]


def basis_label(included: bool) -> str:
    """Which prices an order shows."""
    return (translate("Promotions", "Prices include tax (含税)") if included
            else translate("Promotions", "Prices exclude tax (不含税)"))


def _name(products: Mapping[int, ProductView], product_id: int | None) -> str:
    p = products.get(product_id) if product_id is not None else None
    return product_name(p) if p else str(product_id or "")


def promotion_lines(applied: Iterable[d.AppliedPromotion | Mapping[str, Any]],
                    products: Mapping[int, ProductView], fmt: Formatter) -> list[str]:
    """One sentence per promotion: what it gave and what it saves."""
    out = []
    for item in applied:
        a = item if isinstance(item, d.AppliedPromotion) else d.AppliedPromotion.from_dict(item)
        gifts = "、".join(f"{_name(products, pid)} × {quantity_text(units, products.get(pid))}"
                         for pid, units in a.gifts)
        if a.kind is d.PromotionKind.SPECIAL_PRICE:
            text = translate("Promotions", "Special price %1: %2 at %3").replace(
                "%2", _name(products, a.product_id)).replace(
                "%3", fmt.unit_price(a.unit_price or d.ZERO))
        elif a.kind is d.PromotionKind.BUY_GET:
            text = translate("Promotions", "Buy and get %1: free %2").replace("%2", gifts)
        elif a.kind is d.PromotionKind.SPEND_OFF:
            text = translate("Promotions", "Spend and save %1: %2 off").replace(
                "%2", fmt.money(a.amount_off))
        else:
            text = translate("Promotions", "Spend and get %1: free %2").replace("%2", gifts)
        out.append(translate("Promotions", "%1 (saves %2)").replace(
            "%1", text.replace("%1", a.code)).replace("%2", fmt.money(a.saving)))
    return out


class PromotionsBox(QGroupBox):
    """The order's price basis and what each promotion gave (hidden parts when none)."""

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(translate("Promotions", "Promotions"), parent)
        self.setObjectName("promotions")
        self.fmt = fmt
        self.basis = QLabel()
        self.basis.setObjectName("hint")
        self.given = wrapped_label()
        self.given.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.addWidget(self.basis, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.given, 1)

    def show_order(self, order: OrderView | None, products: Mapping[int, ProductView],
                   included: bool | None = None) -> None:
        """Show ``order`` (``included``: the customer's basis, for an order with no lines)."""
        basis = order.prices_include_tax if order is not None and order.lines else included
        self.basis.setText(basis_label(bool(basis)))
        lines = promotion_lines(order.promotions, products, self.fmt) if order else []
        self.given.setText("\n".join(lines) if lines
                           else translate("Promotions", "No promotion applies."))
