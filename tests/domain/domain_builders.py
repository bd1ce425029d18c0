"""Small builders for domain tests: sensible defaults, override what the test is about."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sync_engine.domain import (
    Customer,
    CustomerPrice,
    OrderLine,
    PriceBreak,
    Product,
    StockLevel,
)

CUSTOMER_ID = 7
WAREHOUSE_ID = 3


def product(**overrides: Any) -> Product:
    """A 啤酒 product sold by the bottle, 6-packs, minimum 12 bottles, 13% VAT, 3.50 each."""
    values: dict[str, Any] = {
        "id": 1,
        "sku": "BEER-330",
        "name_zh": "青岛啤酒 330ml",
        "name_en": "Tsingtao beer 330ml",
        "unit": "瓶",
        "case_unit": "箱",
        "case_qty": 24,
        "pack_size": 6,
        "min_qty": 12,
        "tax_rate": Decimal("0.13"),
        "base_price": Decimal("3.50"),
    }
    values.update(overrides)
    return Product(**values)


def simple_product(product_id: int, **overrides: Any) -> Product:
    """A product without pack or minimum constraints."""
    values: dict[str, Any] = {
        "id": product_id,
        "sku": f"SKU-{product_id}",
        "pack_size": 1,
        "min_qty": 0,
    }
    values.update(overrides)
    return product(**values)


def customer(**overrides: Any) -> Customer:
    values: dict[str, Any] = {
        "id": CUSTOMER_ID,
        "code": "C007",
        "name": "王记小卖部",
        "warehouse_id": WAREHOUSE_ID,
    }
    values.update(overrides)
    return Customer(**values)


def customer_price(product_id: int = 1, *breaks: tuple[int, str]) -> CustomerPrice:
    """A price row from (min_qty, "unit price") pairs."""
    return CustomerPrice(
        customer_id=CUSTOMER_ID,
        product_id=product_id,
        breaks=tuple(PriceBreak(min_qty, Decimal(price)) for min_qty, price in breaks),
    )


def stock(
    product_id: int = 1, on_hand: int = 100, reserved: int = 0, as_of: datetime | None = None
) -> StockLevel:
    return StockLevel(
        product_id=product_id,
        warehouse_id=WAREHOUSE_ID,
        on_hand=on_hand,
        reserved=reserved,
        as_of=as_of,
    )


def line(product_id: int, quantity: int, shipped: int = 0, price: str = "1.00") -> OrderLine:
    return OrderLine(
        product_id=product_id,
        quantity=quantity,
        unit_price=Decimal(price),
        tax_rate=Decimal("0.13"),
        shipped_qty=shipped,
    )
