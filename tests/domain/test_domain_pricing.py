"""pricing: quantity breaks price the whole line; amounts follow the cent rule."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_engine.domain import (
    CustomerPrice,
    LineInput,
    OrderLine,
    PriceBreak,
    applicable_break,
    order_totals,
    price_line,
    to_money,
    unit_price_for,
    validate_order,
)
from tests.domain.domain_builders import customer, customer_price, product

BOUNDED = settings(max_examples=150, deadline=None)

ROW = customer_price(1, (1, "10.00"), (24, "9.50"), (120, "9.00"))


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [(1, "10.00"), (23, "10.00"), (24, "9.50"), (119, "9.50"), (120, "9.00"), (5000, "9.00")],
)
def test_highest_reached_break_prices_the_whole_line(quantity: int, expected: str) -> None:
    assert unit_price_for(product(), ROW, quantity) == Decimal(expected)


def test_base_price_without_a_row_or_below_the_first_break() -> None:
    p = product(base_price=Decimal("3.50"))
    assert unit_price_for(p, None, 12) == Decimal("3.50")
    assert unit_price_for(p, customer_price(1), 12) == Decimal("3.50")  # row without breaks
    assert unit_price_for(p, customer_price(1, (48, "3.00")), 47) == Decimal("3.50")
    assert unit_price_for(p, customer_price(1, (48, "3.00")), 48) == Decimal("3.00")
    assert unit_price_for(p, ROW, 0) == Decimal("3.50")  # no break reached by 0 units


def test_the_highest_threshold_wins_even_if_it_is_dearer() -> None:
    row = customer_price(1, (1, "9.00"), (100, "9.10"))
    assert unit_price_for(product(), row, 100) == Decimal("9.10")


def test_price_row_of_another_product_is_a_bug() -> None:
    with pytest.raises(ValueError, match="product 2"):
        unit_price_for(product(id=1), customer_price(2, (1, "1.00")), 10)


def test_applicable_break() -> None:
    assert applicable_break(None, 10) is None
    assert applicable_break(ROW, 30) == PriceBreak(24, Decimal("9.50"))


def test_price_line_uses_the_current_price_and_the_products_tax_rate() -> None:
    ol = price_line(product(tax_rate=Decimal("0.09")), ROW, 24)
    assert ol == OrderLine(1, 24, Decimal("9.50"), Decimal("0.09"))
    assert ol.net == Decimal("228.00")
    assert ol.tax == Decimal("20.52")
    with pytest.raises(ValueError):
        price_line(product(), ROW, -1)


# --- properties ---------------------------------------------------------------------------

prices = st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False)
rates = st.sampled_from([Decimal(r) for r in ("0", "0.03", "0.06", "0.09", "0.13", "0.175")])
quantities = st.integers(min_value=0, max_value=100_000)


@st.composite
def price_rows(draw: st.DrawFn) -> CustomerPrice | None:
    thresholds = draw(st.lists(st.integers(0, 2_000), unique=True, max_size=6))
    if not thresholds and draw(st.booleans()):
        return None
    return CustomerPrice(1, 1, tuple(PriceBreak(m, draw(prices)) for m in thresholds))


@BOUNDED
@given(row=price_rows(), quantity=st.integers(0, 3_000), base=prices)
def test_chosen_break_is_the_highest_min_qty_not_above_quantity(
    row: CustomerPrice | None, quantity: int, base: Decimal
) -> None:
    p = product(base_price=base)
    reached = [b for b in (row.breaks if row else ()) if b.min_qty <= quantity]
    expected = max(reached, key=lambda b: b.min_qty).unit_price if reached else base
    assert unit_price_for(p, row, quantity) == expected


def _half_up_cents(value: Fraction) -> Fraction:
    """The rounding rule, re-derived with exact fractions as an independent oracle."""
    cents = abs(value) * 100
    whole = int(cents)
    if cents - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole if value >= 0 else -whole, 100)


@BOUNDED
@given(quantity=quantities, unit_price=prices, tax_rate=rates)
def test_line_amounts_are_cents_and_gross_is_net_plus_tax(
    quantity: int, unit_price: Decimal, tax_rate: Decimal
) -> None:
    ol = OrderLine(1, quantity, unit_price, tax_rate)
    for amount in (ol.net, ol.tax, ol.gross):
        assert amount.as_tuple().exponent == -2
    assert ol.gross == ol.net + ol.tax
    net = _half_up_cents(quantity * Fraction(unit_price))
    assert Fraction(ol.net) == net
    assert Fraction(ol.tax) == _half_up_cents(net * Fraction(tax_rate))


@BOUNDED
@given(
    lines=st.lists(
        st.builds(OrderLine, st.integers(1, 10**6), quantities, prices, rates), max_size=30
    )
)
def test_order_totals_are_the_sums_of_the_line_amounts(lines: list[OrderLine]) -> None:
    totals = order_totals(lines)
    assert totals.net == sum((ol.net for ol in lines), Decimal("0.00"))
    assert totals.tax == sum((ol.tax for ol in lines), Decimal("0.00"))
    assert totals.gross == sum((ol.gross for ol in lines), Decimal("0.00"))
    assert totals.gross == totals.net + totals.tax
    for amount in (totals.net, totals.tax, totals.gross):
        assert amount.as_tuple().exponent == -2


def _float_somewhere(where: str, value: float) -> None:
    """Build or price something with ``value`` (a float) put in at ``where``."""
    if where == "base_price":
        product(base_price=value)
    elif where == "tax_rate":
        product(tax_rate=value)
    elif where == "break_price":
        PriceBreak(1, value)  # type: ignore[arg-type]
    elif where == "quantity":
        unit_price_for(product(), ROW, value)  # type: ignore[arg-type]
    elif where == "price_line_quantity":
        price_line(product(), None, value)  # type: ignore[arg-type]
    elif where == "line_price":
        OrderLine(1, 1, value, Decimal("0.13"))  # type: ignore[arg-type]
    elif where == "line_input_price":
        LineInput(1, 12, value)  # type: ignore[arg-type]
    elif where == "to_money":
        to_money(value)  # type: ignore[arg-type]
    elif where == "credit_limit":
        customer(credit_limit=value)
    elif where == "open_orders_total":
        validate_order(
            customer=None,
            lines=[],
            products={},
            prices={},
            stock=None,
            open_orders_total=value,  # type: ignore[arg-type]
        )
    else:  # pragma: no cover - the strategy only draws the names above
        raise AssertionError(where)


FLOAT_PLACES = [
    "base_price",
    "tax_rate",
    "break_price",
    "quantity",
    "price_line_quantity",
    "line_price",
    "line_input_price",
    "to_money",
    "credit_limit",
    "open_orders_total",
]


@settings(max_examples=60, deadline=None)
@given(
    where=st.sampled_from(FLOAT_PLACES),
    value=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_a_float_anywhere_raises_type_error(where: str, value: float) -> None:
    with pytest.raises(TypeError):
        _float_somewhere(where, value)
