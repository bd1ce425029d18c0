"""Amounts in Chinese capital numerals (大写金额), zeros rules included."""

from decimal import Decimal

import pytest

from sync_engine.domain.numerals import capital_amount


@pytest.mark.parametrize(("amount", "words"), [
    ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("1234", "壹仟贰佰叁拾肆元整"),
    ("10005", "壹万零伍元整"),
    ("0.05", "伍分"),
    ("0.50", "伍角整"),
    ("0", "零元整"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),
    ("15", "壹拾伍元整"),
    ("1.05", "壹元零伍分"),
    ("100.10", "壹佰元壹角整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("100000", "壹拾万元整"),
    ("1000100", "壹佰万零壹佰元整"),
    ("10010000", "壹仟零壹万元整"),
    ("100010000", "壹亿零壹万元整"),
    ("105000", "壹拾万伍仟元整"),
    ("100500", "壹拾万零伍佰元整"),
    ("120000000.07", "壹亿贰仟万元零柒分"),
    ("3006.4", "叁仟零陆元肆角整"),
    ("-25.8", "负贰拾伍元捌角整"),
    ("99999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_capital_amount(amount: str, words: str) -> None:
    assert capital_amount(Decimal(amount)) == words


def test_rounds_to_the_fen_first() -> None:
    assert capital_amount(Decimal("0.045")) == "伍分"


def test_a_float_is_refused() -> None:
    with pytest.raises(TypeError):
        capital_amount(1.5)  # type: ignore[arg-type]
