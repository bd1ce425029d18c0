"""model: enums, value objects checked on construction, line amounts and totals."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from sync_engine.domain import (
    CustomerPrice,
    OrderLine,
    OrderStatus,
    OrderTotals,
    PriceBreak,
    Role,
    order_totals,
)
from tests.domain.domain_builders import customer, line, product, stock


def test_enum_values_are_the_wire_values() -> None:
    assert [r.value for r in Role] == [
        "sales_rep",
        "warehouse_clerk",
        "store_owner",
        "admin",
        "system",
    ]
    assert [s.value for s in OrderStatus] == [
        "draft",
        "submitted",
        "confirmed",
        "partially_shipped",
        "shipped",
        "closed",
        "cancelled",
        "rejected",
    ]
    assert OrderStatus("partially_shipped") is OrderStatus.PARTIALLY_SHIPPED
    assert str(Role.ADMIN) == "admin"  # StrEnum: the value is the text


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"pack_size": 0}, ValueError),
        ({"case_qty": 0}, ValueError),
        ({"min_qty": -1}, ValueError),
        ({"tax_rate": Decimal("1.3")}, ValueError),  # 130%: someone typed 13 as 1.3
        ({"tax_rate": Decimal("-0.01")}, ValueError),
        ({"base_price": Decimal("-1")}, ValueError),
        ({"base_price": Decimal("NaN")}, ValueError),
        ({"base_price": 3.5}, TypeError),
        ({"tax_rate": 0.13}, TypeError),
        ({"pack_size": 6.0}, TypeError),
        ({"min_qty": True}, TypeError),
        ({"id": "1"}, TypeError),
    ],
)
def test_product_refuses_impossible_values(overrides: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        product(**overrides)


def test_product_accepts_int_money_as_decimal() -> None:
    p = product(base_price=4, tax_rate=0)
    assert isinstance(p.base_price, Decimal) and p.base_price == 4
    assert isinstance(p.tax_rate, Decimal)


def test_product_is_frozen() -> None:
    p = product()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.base_price = Decimal("1")  # type: ignore[misc]


def test_product_name_and_cases() -> None:
    p = product()
    assert p.name("zh_CN") == "青岛啤酒 330ml"
    assert p.name("en") == "Tsingtao beer 330ml"
    assert product(name_en="").name("en") == "青岛啤酒 330ml"
    assert p.in_cases(53) == (2, 5)  # 2 箱 + 5 瓶
    assert p.in_cases(0) == (0, 0)


def test_customer_credit_limit() -> None:
    assert customer().credit_limit is None
    assert customer(credit_limit=Decimal("5000")).credit_limit == Decimal("5000")
    with pytest.raises(TypeError):
        customer(credit_limit=5000.0)
    with pytest.raises(ValueError):
        customer(credit_limit=Decimal("-1"))


def test_price_break_refuses_floats_and_negative_thresholds() -> None:
    with pytest.raises(TypeError):
        PriceBreak(10, 9.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        PriceBreak(-1, Decimal("9.5"))
    with pytest.raises(ValueError):
        PriceBreak(1, Decimal("-9.5"))


def test_customer_price_sorts_breaks_and_refuses_ambiguous_ones() -> None:
    b1, b24 = PriceBreak(1, Decimal("3.4")), PriceBreak(24, Decimal("3.2"))
    row = CustomerPrice(7, 1, (b24, b1))
    assert row.breaks == (b1, b24)
    assert row == CustomerPrice(7, 1, (b1, b24))
    assert CustomerPrice(7, 1, [b24, b1]).breaks == (b1, b24)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="share a min_qty"):
        CustomerPrice(7, 1, (b1, PriceBreak(1, Decimal("3.3"))))
    with pytest.raises(TypeError):
        CustomerPrice(7, 1, ((1, Decimal("3.4")),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("on_hand", "reserved", "available"), [(10, 3, 7), (10, 10, 0), (5, 8, 0), (-2, 0, 0)]
)
def test_stock_available_is_never_negative(on_hand: int, reserved: int, available: int) -> None:
    assert stock(on_hand=on_hand, reserved=reserved).available == available


def test_order_line_amounts() -> None:
    ol = OrderLine(1, 3, Decimal("0.335"), Decimal("0.13"))
    assert ol.net == Decimal("1.01")  # 1.005 rounds up
    assert ol.tax == Decimal("0.13")  # 0.1313
    assert ol.gross == Decimal("1.14")
    assert ol.remaining == 3
    assert line(1, 10, shipped=4).remaining == 6


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"quantity": -1}, ValueError),
        ({"quantity": 5, "shipped_qty": 6}, ValueError),
        ({"quantity": 5, "shipped_qty": -1}, ValueError),
        ({"quantity": 5.0}, TypeError),
        ({"unit_price": 1.0}, TypeError),
        ({"tax_rate": 0.13}, TypeError),
        ({"unit_price": Decimal("-1")}, ValueError),
    ],
)
def test_order_line_refuses_impossible_values(kwargs: dict[str, Any], error: type) -> None:
    values: dict[str, Any] = {
        "product_id": 1,
        "quantity": 5,
        "unit_price": Decimal("1"),
        "tax_rate": Decimal("0.13"),
    }
    values.update(kwargs)
    with pytest.raises(error):
        OrderLine(**values)


def test_totals_are_sums_of_rounded_lines() -> None:
    # Three lines of 0.333 each are 0.33 each: the total is 0.99, not round(0.999) = 1.00.
    lines = [OrderLine(i, 1, Decimal("0.333"), Decimal("0.13")) for i in range(3)]
    totals = order_totals(lines)
    assert totals == OrderTotals(Decimal("0.99"), Decimal("0.12"), Decimal("1.11"))
    assert order_totals([]) == OrderTotals(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
    assert order_totals(iter(lines)) == totals  # any iterable, consumed once
