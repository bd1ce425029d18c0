"""money: parsing, the cent rounding rule, and floats refused everywhere."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, localcontext

import pytest

from sync_engine.domain.money import (
    CENT,
    format_amount,
    line_net,
    line_tax,
    parse_decimal,
    require_decimal,
    require_int,
    sum_money,
    to_money,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("1.015", "1.02"),
        ("-1.005", "-1.01"),  # halves go away from zero
        ("0.125", "0.13"),
        (2, "2.00"),
        (Decimal("7"), "7.00"),
        ("  3.1 ", "3.10"),
        ("1e2", "100.00"),
        ("１２.５", "12.50"),  # full-width digits from a Chinese input method
    ],
)
def test_to_money_rounds_half_up_to_cents(value: Decimal | int | str, expected: str) -> None:
    result = to_money(value)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2
    assert str(result) == expected


@pytest.mark.parametrize("value", [1.5, 0.0, True, None, [1]])
def test_to_money_refuses_floats_and_other_types(value: object) -> None:
    with pytest.raises(TypeError):
        to_money(value)  # type: ignore[arg-type]


def test_float_error_says_why() -> None:
    with pytest.raises(TypeError, match="floats are never money"):
        parse_decimal(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["", "  ", "abc", "1,5", "1_000", "NaN", "nan", "Infinity", "-inf", "1.2.3", "¥5"]
)
def test_parse_decimal_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_parse_decimal_refuses_non_finite_decimals(value: Decimal) -> None:
    with pytest.raises(ValueError):
        parse_decimal(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.125", Decimal("0.125")), (" -2 ", Decimal(-2)), (5, Decimal(5)), (".5", Decimal("0.5"))],
)
def test_parse_decimal_does_not_round(value: str | int, expected: Decimal) -> None:
    assert parse_decimal(value) == expected


def test_to_money_refuses_amounts_too_large_to_hold() -> None:
    with pytest.raises(ValueError, match="out of range"):
        to_money("1e60")


def test_line_net_and_tax_follow_the_rule() -> None:
    net = line_net(3, Decimal("0.335"))  # 1.005 → 1.01
    assert net == Decimal("1.01")
    assert line_tax(net, Decimal("0.13")) == Decimal("0.13")  # 0.1313 → 0.13
    assert line_tax(Decimal("10.50"), Decimal("0.09")) == Decimal("0.95")  # 0.945 → 0.95


def test_amounts_do_not_depend_on_the_callers_decimal_context() -> None:
    expected = (line_net(7, Decimal("1.2345")), line_tax(Decimal("8.64"), Decimal("0.13")))
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = ROUND_DOWN
        assert line_net(7, Decimal("1.2345")) == expected[0] == Decimal("8.64")
        assert line_tax(Decimal("8.64"), Decimal("0.13")) == expected[1] == Decimal("1.12")
        assert to_money("2.675") == Decimal("2.68")


def test_sum_money() -> None:
    assert sum_money([]) == Decimal("0.00")
    assert sum_money([Decimal("0.10"), Decimal("0.20"), Decimal("0.30")]) == Decimal("0.60")
    with pytest.raises(TypeError):
        sum_money([Decimal("1"), 0.5])  # type: ignore[list-item]


def test_line_amounts_refuse_floats() -> None:
    with pytest.raises(TypeError):
        line_net(2, 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        line_net(2.0, Decimal("1.5"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        line_tax(Decimal("1.00"), 0.13)  # type: ignore[arg-type]


def test_require_decimal_and_int() -> None:
    assert require_decimal(3, "x") == Decimal(3)
    with pytest.raises(TypeError):
        require_decimal("3", "x")  # text is parsed at the edge, not here
    with pytest.raises(ValueError):
        require_decimal(Decimal("NaN"), "x")
    assert require_int(4, "q") == 4
    for bad in (True, 4.0, "4", Decimal(4)):
        with pytest.raises(TypeError):
            require_int(bad, "q")


def test_cent_constant() -> None:
    assert Decimal("0.01") == CENT


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("3.5", "3.50"),
        ("100", "100.00"),
        ("1E+2", "100.00"),
        ("0.125", "0.125"),
        ("-0.5", "-0.50"),
        ("1e-7", "0.0000001"),
        ("1e70", "1" + "0" * 70),  # too long to bother with cents, but never scientific
        ("NaN", "NaN"),
    ],
)
def test_format_amount(value: str, text: str) -> None:
    assert format_amount(Decimal(value)) == text
